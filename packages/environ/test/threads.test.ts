/** Threads: shared memories, atomic accesses, wait, notify and fence. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { OPS, Op, PREFIX_BASE } from '#src/opcodes.js';
import { I64 } from '#src/types.js';
import {
  funcModule,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  t,
  wasm,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const SHARED = [memType(1, 2, false, true)];
const PLAIN = [memType(1)];

test('the opcode table: 0xfe instructions', () => {
  const atomics = OPS.filter((o) => o?.prefix === 0xfe);
  assert.is(atomics.length, 67);
  for (const o of atomics) assert.is(o!.id, PREFIX_BASE[0xfe] + o!.code);
  assert.is(OPS[Op.i64_atomic_rmw32_cmpxchg_u]!.code, 0x4e);
  assert.equal(OPS[Op.i64_atomic_rmw_cmpxchg]!.results, [I64]);
  assert.is(OPS[Op.memory_atomic_wait64]!.width, 8);
});

test('shared memories: decoded, and a maximum is required', () => {
  const m = valid(wasm(memSec(memType(1, 2, false, true))));
  assert.equal(m.memories, [{ limits: { min: 1, max: 2 }, is64: false, shared: true }]);
  const imported = valid(wasm(importSec(imp.memory('m', 'n', memType(0, 0, false, true)))));
  assert.is(imported.imports[0]!.kind, 'memory');
  const at = mark();
  invalid(
    wasm(memSec([at, memType(1, undefined, false, true)])),
    'shared memory must have maximum',
    at,
  );
  const imp64 = mark();
  invalid(
    wasm(importSec([imp64, imp.memory('m', 'n', memType(1, undefined, true, true))])),
    'shared memory must have maximum',
    imp64,
  );
  // memory64 and shared together.
  valid(wasm(memSec(memType(1, 2, true, true))));
});

test('atomic accesses type like plain ones, on shared and unshared memories', () => {
  for (const memories of [SHARED, PLAIN]) {
    ok({
      memories,
      results: [t.i32],
      body: [
        op.i32_const(0),
        op.i32_atomic_load(),
        op.i32_const(4),
        op.i64_const(1n),
        op.i64_atomic_rmw_add(),
        op.drop,
        op.i32_const(8),
        op.i32_const(1),
        op.i32_const(2),
        op.i32_atomic_rmw_cmpxchg(),
        op.i32_add,
        op.i32_const(0),
        op.i32_const(1),
        op.memory_atomic_notify(),
        op.i32_add,
        op.i32_const(0),
        op.i32_const(0),
        op.i64_const(-1n),
        op.memory_atomic_wait32(),
        op.i32_add,
        op.i32_const(0),
        op.i64_const(0n),
        op.i64_const(-1n),
        op.memory_atomic_wait64(),
        op.i32_add,
        op.atomic_fence(),
      ],
    });
  }
  // 64-bit memories take i64 addresses.
  ok({
    memories: [memType(1, 2, true, true)],
    body: [op.i64_const(0n), op.i64_const(7n), op.i64_atomic_store(), op.atomic_fence()],
  });
  const at = mark();
  bad(
    { memories: SHARED, body: [op.i32_const(0), op.i32_const(1), at, op.i64_atomic_store()] },
    'type mismatch: instruction requires [i32 i64] but stack has [i32 i32]',
    at,
  );
});

test('atomic alignment must be exactly natural', () => {
  ok({ memories: SHARED, body: [op.i32_const(0), op.i32_atomic_load8_u(0), op.drop] });
  for (const [instr, align] of [
    [op.i32_atomic_load, 1],
    [op.i32_atomic_load, 3],
    [op.i64_atomic_load, 2],
    [op.i32_atomic_load8_u, 1],
  ] as const) {
    const at = mark();
    bad(
      { memories: SHARED, body: [op.i32_const(0), at, instr(align), op.drop] },
      'atomic alignment must be natural',
      at,
    );
  }
  const wait = mark();
  bad(
    {
      memories: SHARED,
      body: [
        op.i32_const(0),
        op.i64_const(0n),
        op.i64_const(0n),
        wait,
        op.memory_atomic_wait64(2),
        op.drop,
      ],
    },
    'atomic alignment must be natural',
    wait,
  );
});

test('atomics need a memory', () => {
  const at = mark();
  bad(
    { body: [op.i32_const(0), op.i32_const(0), at, op.memory_atomic_notify(), op.drop] },
    'unknown memory 0',
    at,
  );
  // atomic.fence does not.
  ok({ body: [op.atomic_fence()] });
});

test('decoding: the fence byte, and unknown 0xfe opcodes', () => {
  const fence = mark();
  malformed(funcModule({ body: [[0xfe, 0x03, fence, 0x01]] }), 'zero byte expected', fence);
  const unknown = mark();
  malformed(funcModule({ body: [unknown, [0xfe, 0x04]] }), 'illegal opcode fe 04', unknown);
  const past = mark();
  malformed(funcModule({ body: [past, [0xfe, 0x4f]] }), 'illegal opcode fe 4f', past);
});

test('analyzeBody records atomic memargs', () => {
  const m = ok({
    memories: SHARED,
    results: [t.i64],
    body: [
      op.i32_const(0),
      op.i64_const(1n),
      op.i64_const(2n),
      op.i64_atomic_rmw16_cmpxchg_u(1, 6),
    ],
  });
  const code = analyzeBody(m, m.bodies[0]!);
  assert.is(code.ops[3], Op.i64_atomic_rmw16_cmpxchg_u);
  assert.equal([...code.imm.slice(code.immStart[3]!, code.immStart[4]!)], [0, 1, 6, 0]);
});

test.run();
