// Records the expected output of every case in cases.json by compiling each
// program natively with gcc and running it: expected/<case>.stdout,
// expected/<case>.stderr and expected/status.json. The CLI's tests
// (packages/cli/test/examples.test.ts) run the committed .wasm files under
// `weft run` and compare with these.
//
//   node examples/wasi/record.mjs        (needs gcc)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
const build = mkdtempSync(join(tmpdir(), 'weft-native-'));
const expected = join(here, 'expected');
mkdirSync(expected, { recursive: true });

const programs = [...new Set(cases.map((c) => c.program))];
for (const p of programs) {
  const r = spawnSync('gcc', ['-O2', '-o', join(build, p), join(here, `${p}.c`)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`gcc failed for ${p}.c`);
}

const status = {};
for (const c of cases) {
  const dir = c.dir ? mkdtempSync(join(tmpdir(), 'weft-case-')) : null;
  for (const f of c.files ?? []) cpSync(join(here, f), join(dir, f));
  const args = (c.args ?? []).map((a) => (dir === null ? a : a.replaceAll('{dir}', dir)));
  const r = spawnSync(join(build, c.program), args, {
    env: c.env ?? {},
    input: c.stdin ? readFileSync(join(here, c.stdin)) : '',
  });
  // The directory's path differs between runs: it is recorded as {dir}.
  const norm = (b) =>
    dir === null ? b.toString('utf8') : b.toString('utf8').replaceAll(dir, '{dir}');
  writeFileSync(join(expected, `${c.name}.stdout`), norm(r.stdout));
  writeFileSync(join(expected, `${c.name}.stderr`), norm(r.stderr));
  status[c.name] = r.status;
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  console.log(`${c.name}: exit ${r.status}, ${r.stdout.length} bytes of stdout`);
}
writeFileSync(join(expected, 'status.json'), JSON.stringify(status, null, 2) + '\n');
rmSync(build, { recursive: true, force: true });
