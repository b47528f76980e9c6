import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { Engine, Module } from 'weft-wasm';
import { compareExecutions } from '#src/compare.js';
import type { Execution, StepRecord } from '#src/run/execution.js';
import { runNative } from '#src/run/native.js';
import { makePlan } from '#src/run/plan.js';
import { runWeft } from '#src/run/weft.js';
import { runOracle } from '#src/oracle.js';
import { trapCodesOfV8 } from '#src/traps.js';
import { bytesNanOnly, obsEqual, obsF32Bits, obsI32 } from '#src/values.js';

function step(partial: Partial<StepRecord>): StepRecord {
  return {
    name: 'f',
    args: [],
    outcome: { kind: 'ok', values: [] },
    logs: [],
    state: { memories: [], globals: [] },
    ...partial,
  };
}

function exec(...steps: StepRecord[]): Execution {
  return { steps: [step({ name: 'instantiate' }), ...steps], ms: 0 };
}

test('a different i32 result is a mismatch', () => {
  const native = exec(step({ outcome: { kind: 'ok', values: [obsI32(1)] } }));
  const weft = exec(step({ outcome: { kind: 'ok', values: [obsI32(2)] } }));
  const c = compareExecutions(native, weft);
  assert.is(c.status, 'mismatch');
  assert.is(c.difference?.category, 'result');
  assert.is(c.difference?.step, 1);
});

test('any NaN equals any NaN for floats, but not for integers', () => {
  assert.ok(obsEqual(obsF32Bits(0x7fc00000), obsF32Bits(0xffc00001)));
  assert.not.ok(obsEqual(obsF32Bits(0x7fc00000), obsF32Bits(0x3f800000)));
  const native = exec(step({ outcome: { kind: 'ok', values: [obsI32(0x7fc00000)] } }));
  const weft = exec(step({ outcome: { kind: 'ok', values: [obsI32(0xffc00000)] } }));
  assert.is(compareExecutions(native, weft).status, 'nan-only');
});

test('memory differing only inside NaNs is nan-only; elsewhere a mismatch', () => {
  const a = new Uint8Array(16);
  const b = new Uint8Array(16);
  new DataView(a.buffer).setUint32(4, 0x7fc00000, true);
  new DataView(b.buffer).setUint32(4, 0xffc00000, true);
  assert.ok(bytesNanOnly(a, b));
  const native = exec(step({ state: { memories: [a], globals: [] } }));
  const weft = exec(step({ state: { memories: [b], globals: [] } }));
  assert.is(compareExecutions(native, weft).status, 'nan-only');
  const c = b.slice();
  c[12] = 1;
  const weft2 = exec(step({ state: { memories: [c], globals: [] } }));
  assert.is(compareExecutions(native, weft2).status, 'mismatch');
});

test('trap kinds map across engines; a stack overflow on one side is inconclusive', () => {
  assert.equal(trapCodesOfV8('divide by zero'), ['IntegerDivisionByZero']);
  assert.ok(
    trapCodesOfV8('WebAssembly.Instance(): data segment is out of bounds')?.includes(
      'MemoryOutOfBounds',
    ),
  );
  const native = exec(step({ outcome: { kind: 'trap', code: 'v8:remainder by zero' } }));
  const same = exec(step({ outcome: { kind: 'trap', code: 'IntegerDivisionByZero' } }));
  const other = exec(step({ outcome: { kind: 'trap', code: 'UnreachableCodeReached' } }));
  const stack = exec(step({ outcome: { kind: 'stack' } }));
  assert.is(compareExecutions(native, same).status, 'ok');
  assert.is(compareExecutions(native, other).status, 'mismatch');
  assert.is(compareExecutions(native, stack).status, 'skipped');
});

test('a memory only one engine could grow to a large size is inconclusive', () => {
  const big = { length: 2 ** 31 } as Uint8Array;
  const small = new Uint8Array(65536);
  const native = exec(
    step({ outcome: { kind: 'ok', values: [obsI32(1)] }, state: { memories: [big], globals: [] } }),
  );
  const weft = exec(
    step({
      outcome: { kind: 'ok', values: [obsI32(-1)] },
      state: { memories: [small], globals: [] },
    }),
  );
  assert.is(compareExecutions(native, weft).status, 'skipped');
});

test('logged values are compared in order', () => {
  const native = exec(
    step({
      logs: [
        ['call:fuzzing-support.log-i32', obsI32(1)],
        ['call:fuzzing-support.log-i32', obsI32(2)],
      ],
    }),
  );
  const weft = exec(
    step({
      logs: [
        ['call:fuzzing-support.log-i32', obsI32(2)],
        ['call:fuzzing-support.log-i32', obsI32(1)],
      ],
    }),
  );
  assert.is(compareExecutions(native, weft).difference?.category, 'log');
});

const LOGGING = `(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (memory (export "mem") 1)
  (global (export "g") (mut i64) (i64.const 5))
  (func (export "f") (param i32) (result i32)
    (call $log (local.get 0))
    (i32.store (i32.const 8) (i32.const 0x12345678))
    (i32.add (local.get 0) (i32.const 1))))`;

test('the real engines agree on a simple module in every tier', async () => {
  const r = await runOracle(parseWat(LOGGING), { argSets: 3, seed: 7 });
  assert.is(r.status, 'ok');
  assert.is(r.tiers.baseline?.status, 'ok');
  assert.is(r.tiers.optimized?.status, 'ok');
  assert.is(r.tiers.suspend?.status, 'ok');
  assert.is(r.calls, 3);
});

test('a deliberately different module on the Weft side is caught', () => {
  const bytes = parseWat(LOGGING);
  const plan = makePlan(new Module(new Engine(), bytes), { argSets: 2, seed: 1 });
  const native = runNative(bytes, plan);
  const changed = parseWat(LOGGING.replace('(i32.const 1)', '(i32.const 2)'));
  const c = compareExecutions(native, runWeft(changed, plan, 'baseline'));
  assert.is(c.status, 'mismatch');
  assert.is(c.difference?.category, 'result');
  const store = parseWat(LOGGING.replace('0x12345678', '0x12345679'));
  assert.is(
    compareExecutions(native, runWeft(store, plan, 'optimized')).difference?.category,
    'memory',
  );
});

test.run();
