/**
 * The example C programs of examples/wasi, run under `weft run` and compared
 * with the output of the same sources compiled natively with gcc (recorded
 * by examples/wasi/record.mjs into examples/wasi/expected/).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLES, weft } from './helpers.js';

interface Case {
  readonly name: string;
  readonly program: string;
  readonly args?: string[];
  readonly env?: Record<string, string>;
  readonly stdin?: string | null;
  readonly dir?: boolean;
  readonly files?: string[];
}

const cases = JSON.parse(readFileSync(join(EXAMPLES, 'cases.json'), 'utf8')) as Case[];
const status = JSON.parse(
  readFileSync(join(EXAMPLES, 'expected', 'status.json'), 'utf8'),
) as Record<string, number>;

/** The guest's view of the case directory. */
const GUEST_DIR = '/sandbox';

for (const c of cases) {
  test(`${c.name}: same output as the native build`, () => {
    const dir = c.dir ? mkdtempSync(join(tmpdir(), 'weft-example-')) : null;
    try {
      for (const f of c.files ?? []) cpSync(join(EXAMPLES, f), join(dir!, f));
      const args = ['run'];
      if (dir !== null) args.push('--dir', `${dir}::${GUEST_DIR}`);
      for (const [k, v] of Object.entries(c.env ?? {})) args.push('--env', `${k}=${v}`);
      args.push(join(EXAMPLES, `${c.program}.wasm`));
      for (const a of c.args ?? []) args.push(a.replaceAll('{dir}', GUEST_DIR));
      const input = c.stdin ? readFileSync(join(EXAMPLES, c.stdin)) : '';
      const r = weft(args, input);
      const norm = (s: string) => (dir === null ? s : s.replaceAll(GUEST_DIR, '{dir}'));
      const expected = (ext: string) =>
        readFileSync(join(EXAMPLES, 'expected', `${c.name}.${ext}`), 'utf8');
      assert.is(norm(r.stdout), expected('stdout'), 'stdout');
      assert.is(norm(r.stderr), expected('stderr'), 'stderr');
      assert.is(r.status, status[c.name], 'exit status');
    } finally {
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('every recorded case is in cases.json', () => {
  assert.equal(Object.keys(status).sort(), cases.map((c) => c.name).sort());
});

test.run();
