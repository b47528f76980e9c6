/** Fixed-width and relaxed SIMD: types, lane indices, memory operands. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { opId } from '#src/opcodes.js';
import { V128 } from '#src/types.js';
import {
  funcModule,
  global,
  mark,
  memType,
  op,
  t,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const ZERO = op.v128_const([0, 0, 0, 0]);
const MEM = [memType(1)];

test('v128 values flow through locals, globals, blocks and results', () => {
  const m = ok({
    params: [t.v128],
    results: [t.v128],
    locals: [[1, t.v128]],
    globals: [global(t.v128, true, op.v128_const([1, 2, 3, 4]))],
    body: [
      op.local_get(0),
      op.local_set(1),
      op.block(t.v128),
      op.global_get(0),
      op.end,
      op.local_get(1),
      op.i32x4_add,
      op.v128_not,
    ],
  });
  assert.is(m.globals[0]!.type.type, V128);
  assert.equal([...m.globals[0]!.init!], [opId('v128.const'), 4, 1, 2, 3, 4, opId('end'), 0]);
});

test('splat, extract and replace lanes are typed by lane shape', () => {
  ok({
    results: [t.i64],
    body: [op.i64_const(1), op.i64x2_splat, op.i64x2_extract_lane(1)],
  });
  ok({
    results: [t.f64],
    body: [op.f64_const(1), op.f64x2_splat, op.f64x2_extract_lane(0)],
  });
  ok({
    results: [t.v128],
    body: [ZERO, op.i32_const(7), op.i8x16_replace_lane(15)],
  });
  ok({ results: [t.i32], body: [ZERO, op.i16x8_extract_lane_u(7)] });
  const replace = mark();
  bad(
    { results: [t.v128], body: [ZERO, op.i32_const(7), replace, op.i64x2_replace_lane(0)] },
    'type mismatch: instruction requires [v128 i64] but stack has [v128 i32]',
    replace,
  );
  const splat = mark();
  bad(
    { results: [t.v128], body: [op.i64_const(0), splat, op.i32x4_splat] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    splat,
  );
});

test('lane indices must be below the lane count', () => {
  for (const [make, lanes] of [
    [op.i8x16_extract_lane_s, 16],
    [op.i16x8_extract_lane_u, 8],
    [op.i32x4_extract_lane, 4],
    [op.i64x2_extract_lane, 2],
    [op.f64x2_extract_lane, 2],
  ] as const) {
    ok({ body: [ZERO, make(lanes - 1), op.drop] });
    const at = mark();
    bad({ body: [ZERO, at, make(lanes), op.drop] }, 'invalid lane index', at);
  }
});

test('lane indices are single bytes, not LEB128', () => {
  // A lane index byte of 0x80 or more is just a large (invalid) lane index.
  const high = mark();
  bad({ body: [ZERO, high, op.simd(0x15, 0x80), op.drop] }, 'invalid lane index', high);
  const max = mark();
  bad({ body: [ZERO, max, op.i8x16_extract_lane_s(255), op.drop] }, 'invalid lane index', max);
  // 0x81 0x00 is lane 129 followed by `unreachable`, not a two-byte encoding of lane 1.
  const notLeb = mark();
  bad(
    { results: [t.i32], body: [ZERO, notLeb, op.simd(0x15, 0x81), op.unreachable] },
    'invalid lane index',
    notLeb,
  );
  const shuffle = mark();
  bad(
    {
      body: [
        ZERO,
        ZERO,
        shuffle,
        op.i8x16_shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff]),
        op.drop,
      ],
    },
    'invalid lane index',
    shuffle,
  );
  const store = mark();
  bad(
    {
      memories: MEM,
      body: [op.i32_const(0), ZERO, store, op.v128_store16_lane(1, 0, 0x88)],
    },
    'invalid lane index',
    store,
  );
});

test('i8x16.shuffle takes 16 lane indices below 32', () => {
  const lanes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31];
  const m = ok({ results: [t.v128], body: [ZERO, ZERO, op.i8x16_shuffle(lanes)] });
  const code = analyzeBody(m, m.bodies[0]!);
  const i = [...code.ops].indexOf(opId('i8x16.shuffle'));
  const imm = [...code.imm.subarray(code.immStart[i], code.immStart[i + 1])];
  assert.equal(imm, [0x03020100, 0x07060504, 0x0b0a0908, 0x1f0e0d0c]);
  const at = mark();
  bad(
    { results: [t.v128], body: [ZERO, ZERO, at, op.i8x16_shuffle([...lanes.slice(0, 15), 32])] },
    'invalid lane index',
    at,
  );
  const operands = mark();
  bad(
    { results: [t.v128], body: [ZERO, op.i32_const(0), operands, op.i8x16_shuffle(lanes)] },
    'type mismatch: instruction requires [v128 v128] but stack has [v128 i32]',
    operands,
  );
});

test('vector memory instructions: alignment and lanes', () => {
  ok({
    memories: MEM,
    results: [t.v128],
    body: [
      op.i32_const(0),
      op.v128_load(4, 16),
      op.drop,
      op.i32_const(0),
      op.v128_load8_splat(0),
      op.drop,
      op.i32_const(0),
      op.v128_load32_zero(2),
      op.drop,
      op.i32_const(0),
      ZERO,
      op.v128_load8_lane(0, 0, 15),
      op.drop,
      op.i32_const(0),
      ZERO,
      op.v128_load64_lane(3, 0, 1),
    ],
  });
  for (const [make, message] of [
    [op.v128_load(5), 'alignment must not be larger than natural'],
    [op.v128_load8_splat(1), 'alignment must not be larger than natural'],
    [op.v128_load32_zero(3), 'alignment must not be larger than natural'],
  ] as const) {
    const at = mark();
    bad({ memories: MEM, body: [op.i32_const(0), at, make, op.drop] }, message, at);
  }
  const laneAlign = mark();
  bad(
    {
      memories: MEM,
      body: [op.i32_const(0), ZERO, laneAlign, op.v128_load64_lane(4, 0, 0), op.drop],
    },
    'alignment must not be larger than natural',
    laneAlign,
  );
  const lane = mark();
  bad(
    { memories: MEM, body: [op.i32_const(0), ZERO, lane, op.v128_load64_lane(3, 0, 2), op.drop] },
    'invalid lane index',
    lane,
  );
  const noMemory = mark();
  bad({ body: [op.i32_const(0), noMemory, op.v128_load(), op.drop] }, 'unknown memory 0', noMemory);
  const store = mark();
  bad(
    { memories: MEM, body: [ZERO, op.i32_const(0), store, op.v128_store()] },
    'type mismatch: instruction requires [i32 v128] but stack has [v128 i32]',
    store,
  );
});

test('bitwise, shifts and relaxed instructions', () => {
  ok({
    results: [t.v128],
    body: [
      ZERO,
      ZERO,
      ZERO,
      op.v128_bitselect,
      op.i32_const(3),
      op.i8x16_shl,
      ZERO,
      ZERO,
      op.f32x4_relaxed_madd,
      ZERO,
      op.i8x16_relaxed_swizzle,
      ZERO,
      ZERO,
      op.i32x4_relaxed_dot_i8x16_i7x16_add_s,
    ],
  });
  ok({ results: [t.i32], body: [ZERO, op.v128_any_true] });
  const madd = mark();
  bad(
    { results: [t.v128], body: [ZERO, ZERO, madd, op.f32x4_relaxed_madd] },
    'type mismatch: instruction requires [v128 v128 v128] but stack has [v128 v128]',
    madd,
  );
  const shift = mark();
  bad(
    { results: [t.v128], body: [ZERO, ZERO, shift, op.i8x16_shl] },
    'type mismatch: instruction requires [v128 i32] but stack has [v128 v128]',
    shift,
  );
});

test('unassigned SIMD opcodes are illegal', () => {
  for (const sub of [0x9a, 0xa2, 0xb0, 0xee, 0x114, 0x1ff]) {
    const at = mark();
    const bytes = funcModule({ body: [at, op.simd(sub)] });
    malformed(bytes, `illegal opcode ${sub.toString(16)}`, at);
  }
});

test('v128.const needs all 16 bytes', () => {
  // Only the body's `end` follows the opcode: the constant runs off the module.
  const cut = funcModule({ body: [op.simd(0x0c)] });
  malformed(cut, 'unexpected end of section or function', cut.length);
});

test.run();
