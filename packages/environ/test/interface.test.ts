/**
 * The interface consumers rely on (`ENVIRON_INTERFACE_VERSION`): the opcode
 * table, the immediate layouts, and the shape of `ModuleInfo` and `Code`.
 * A fingerprint of all of it is recorded with the version it belongs to;
 * when the interface changes, this test fails until the version is bumped
 * and the record updated, so that consumers built for the old shape refuse
 * modules of the new one instead of misreading them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { analyzeBody, ENVIRON_INTERFACE_VERSION, Imm, OPS, parseModule } from '#src/index.js';
import { sample } from './support/sample.js';

/** Where the record lives (next to this test's source). */
const RECORD = new URL('../test/interface.json', import.meta.url);

/** The structure of a value: object keys and value kinds, recursively (first element of arrays). */
function shape(v: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : [shape(v[0], depth + 1)];
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort())
      out[k] = shape((v as Record<string, unknown>)[k], depth + 1);
    return out;
  }
  return typeof v;
}

function fingerprint(): string {
  const module = parseModule(sample().bytes);
  const code = analyzeBody(module, module.bodies[0]!);
  const ops = OPS.filter((op) => op !== undefined);
  const text = JSON.stringify({ ops, imm: Imm, module: shape(module), code: shape(code) });
  return createHash('sha256').update(text).digest('hex');
}

test('the interface fingerprint belongs to the current interface version', () => {
  const record = JSON.parse(readFileSync(RECORD, 'utf8')) as {
    version: number;
    fingerprint: string;
  };
  const now = fingerprint();
  if (record.version === ENVIRON_INTERFACE_VERSION && record.fingerprint !== now) {
    assert.unreachable(
      `the opcode table, immediates or ModuleInfo shape changed: bump ENVIRON_INTERFACE_VERSION ` +
        `(consumers check it) and record {"version": ${ENVIRON_INTERFACE_VERSION + 1}, "fingerprint": "${now}"} in test/interface.json`,
    );
  }
  assert.is(
    record.version,
    ENVIRON_INTERFACE_VERSION,
    `the version was bumped: record {"version": ${ENVIRON_INTERFACE_VERSION}, "fingerprint": "${now}"} in test/interface.json`,
  );
  assert.is(record.fingerprint, now);
});

test.run();
