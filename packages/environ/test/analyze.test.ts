/** analyzeBody: ops, immediates, stack heights, block targets and operand types. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import type { Code, ModuleInfo } from '#src/module.js';
import { Imm, OPS } from '#src/opcodes.js';
import { EXTERNREF, F32, F64, FUNCREF, HT_ANY, I32, I64, V128, refType } from '#src/types.js';
import {
  catchClause,
  data,
  elem,
  funcModule,
  global,
  ht,
  idx,
  imp,
  mark,
  memType,
  op,
  t,
  tableType,
  type,
  type Bytes,
  type FuncModule,
} from './support/builder.js';
import { valid } from './support/check.js';

function analyze(spec: FuncModule, body = 0): { code: Code; module: ModuleInfo } {
  const module = valid(funcModule(spec));
  return { code: analyzeBody(module, module.bodies[body]!), module };
}

const names = (code: Code) => [...code.ops].map((id) => OPS[id]!.name);
const immOf = (code: Code, i: number) => [
  ...code.imm.subarray(code.immStart[i], code.immStart[i + 1]),
];

test('a straight-line body: ops, offsets, heights, immediates', () => {
  const at = [mark(), mark(), mark(), mark(), mark()];
  const { code } = analyze({
    params: [t.i32],
    locals: [[3, t.f64]],
    body: [
      at[0]!,
      op.local_get(0),
      at[1]!,
      op.i32_const(5),
      at[2]!,
      op.i32_add,
      at[3]!,
      op.drop,
      at[4]!,
    ],
  });
  assert.is(code.count, 5);
  assert.equal(names(code), ['local.get', 'i32.const', 'i32.add', 'drop', 'end']);
  assert.equal(
    [...code.offsets],
    at.map((m) => m.offset),
  );
  // Heights exclude the locals: only operand stack values count.
  assert.equal([...code.heights], [0, 1, 2, 1, 0]);
  assert.is(code.maxHeight, 2);
  assert.equal([...code.immStart], [0, 1, 2, 2, 3, 3]);
  assert.equal([...code.imm], [0, 5, I32]);
});

test('immediates of every kind', () => {
  // Types 0-4 come before the function's own type (5).
  const preTypes = [
    type.struct(type.field(t.i32, true)),
    type.array(type.field(t.i8, true)),
    type.func([], []),
    type.func([t.i32], [t.i32]),
    type.array(type.field(t.funcref, true)),
  ];
  const Z = op.i32_const(0);
  // [instruction, expected name, expected immediates]
  const lanes = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 31];
  const program: [Bytes, string, number[]][] = [
    [op.block(), 'block', [-1, 0, 5, -1]],
    [op.i32_const(-7), 'i32.const', [-7]],
    [op.br_if(0), 'br_if', [0]],
    [Z, 'i32.const', [0]],
    [op.br_table([0, 0], 0), 'br_table', [2, 0, 0, 0]],
    [op.end, 'end', []],
    [op.loop(t.i32), 'loop', [-1, I32, 8, -1]],
    [op.i32_const(1), 'i32.const', [1]],
    [op.end, 'end', []],
    [op.if(idx(2)), 'if', [2, 0, 12, 11]],
    [op.nop, 'nop', []],
    [op.else, 'else', []],
    [op.end, 'end', []],
    [op.nop, 'nop', []],
    [op.call(0), 'call', [0]],
    [Z, 'i32.const', [0]],
    [op.call_indirect(2, 0), 'call_indirect', [2, 0]],
    [op.local_get(0), 'local.get', [0]],
    [op.local_tee(0), 'local.tee', [0]],
    [op.local_set(0), 'local.set', [0]],
    [op.global_get(0), 'global.get', [0]],
    [op.global_set(0), 'global.set', [0]],
    [Z, 'i32.const', [0]],
    [op.table_get(1), 'table.get', [1]],
    [op.drop, 'drop', [EXTERNREF]],
    [op.memory_size(0), 'memory.size', [0]],
    [op.i64_load(3, 1000), 'i64.load', [0, 3, 1000, 0]],
    [op.drop, 'drop', [I64]],
    [op.atomic_fence(), 'atomic.fence', []],
    [Z, 'i32.const', [0]],
    [op.v128_const([1, 2, 3, 0xffffffff]), 'v128.const', [1, 2, 3, -1]],
    [op.v128_load8_lane(0, 3, 9), 'v128.load8_lane', [0, 0, 3, 0, 9]],
    [op.i8x16_extract_lane_s(15), 'i8x16.extract_lane_s', [15]],
    [op.drop, 'drop', [I32]],
    [op.v128_const([0, 0, 0, 0]), 'v128.const', [0, 0, 0, 0]],
    [op.v128_const([0, 0, 0, 0]), 'v128.const', [0, 0, 0, 0]],
    [op.i8x16_shuffle(lanes), 'i8x16.shuffle', [0x03020100, 0x07060504, 0x13121110, 0x1f161514]],
    [op.drop, 'drop', [V128]],
    [op.i64_const(-2n), 'i64.const', [-2, -1]],
    [op.drop, 'drop', [I64]],
    [op.f32_const(2), 'f32.const', [0x40000000]],
    [op.drop, 'drop', [F32]],
    [op.f64_const(1), 'f64.const', [0, 0x3ff00000]],
    [op.drop, 'drop', [F64]],
    [op.f32_const(1), 'f32.const', [0x3f800000]],
    [op.f32_const(2), 'f32.const', [0x40000000]],
    [Z, 'i32.const', [0]],
    [op.select, 'select', [F32]],
    [op.drop, 'drop', [F32]],
    [op.ref_null(ht.func), 'ref.null', [-0x10, 0]],
    [op.ref_null(ht.func), 'ref.null', [-0x10, 0]],
    [Z, 'i32.const', [0]],
    [op.select_t(t.funcref), 'select_t', [FUNCREF, 1]],
    [op.drop, 'drop', [FUNCREF]],
    [op.ref_null(idx(0)), 'ref.null', [0, 0]],
    [op.drop, 'drop', [refType(0, true)]],
    [op.block(t.anyref), 'block', [-1, refType(HT_ANY, true), 60, -1]],
    [op.ref_null(ht.any), 'ref.null', [-0x12, 0]],
    [op.br_on_cast(1, 0, ht.any, idx(0)), 'br_on_cast', [1, 0, -0x12, 0]],
    [op.ref_cast_null(ht.eq), 'ref.cast_null', [-0x13, 0]],
    [op.end, 'end', []],
    [op.drop, 'drop', [refType(HT_ANY, true)]],
    [op.struct_new_default(0), 'struct.new_default', [0]],
    [op.struct_get(0, 0), 'struct.get', [0, 0]],
    [op.drop, 'drop', [I32]],
    [op.i32_const(1), 'i32.const', [1]],
    [op.i32_const(2), 'i32.const', [2]],
    [op.array_new_fixed(1, 2), 'array.new_fixed', [1, 2]],
    [op.drop, 'drop', [refType(1, false)]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.array_new_data(1, 0), 'array.new_data', [1, 0]],
    [Z, 'i32.const', [0]],
    [op.ref_null(idx(1)), 'ref.null', [1, 0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.array_copy(1, 1), 'array.copy', [1, 1]],
    [Z, 'i32.const', [0]],
    [op.i32_const(1), 'i32.const', [1]],
    [op.array_new_elem(4, 0), 'array.new_elem', [4, 0]],
    [op.drop, 'drop', [refType(4, false)]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.memory_init(0, 0), 'memory.init', [0, 0]],
    [op.data_drop(0), 'data.drop', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.memory_copy(0, 0), 'memory.copy', [0, 0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.table_init(0, 0), 'table.init', [0, 0]],
    [op.elem_drop(0), 'elem.drop', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [Z, 'i32.const', [0]],
    [op.table_copy(0, 0), 'table.copy', [0, 0]],
    [
      op.try_table(null, catchClause.catch(0, 0), catchClause.catchAll(0)),
      'try_table',
      [-1, 0, 101, -1, 2, 0, 0, 0, 2, -1, 0],
    ],
    [op.throw(0), 'throw', [0]],
    [op.end, 'end', []],
    [op.unreachable, 'unreachable', []],
    [op.drop, 'drop', [0]],
  ];
  // Legacy exception handling, its clauses linked: try at L, catch, catch_all, end at L + 3.
  const L = program.length;
  program.push(
    [op.try(), 'try', [-1, 0, L + 3, L + 1]],
    [op.catch(0), 'catch', [0, L + 2]],
    [op.catch_all, 'catch_all', [L + 3]],
    [op.end, 'end', []],
  );
  const { code } = analyze({
    preTypes,
    locals: [[1, t.i32]],
    tables: [tableType(t.funcref, 1), tableType(t.externref, 1)],
    memories: [memType(1)],
    tags: [2],
    globals: [global(t.i32, true, op.i32_const(0))],
    elems: [elem.passive([0])],
    dataCount: 1,
    datas: [data.passive([1])],
    body: program.map(([bytes]) => bytes),
  });
  assert.equal(names(code), [...program.map(([, name]) => name), 'end']);
  program.forEach(([, name, imm], i) => assert.equal(immOf(code, i), imm, `${i}: ${name}`));
  // The program uses every immediate kind.
  const kinds = new Set([...code.ops].map((id) => OPS[id]!.imm));
  for (const [name, kind] of Object.entries(Imm)) assert.ok(kinds.has(kind), name);
});

test('block targets: end and else indices are patched into the opener', () => {
  const { code } = analyze({
    params: [t.i32],
    body: [
      op.block(), // 0
      op.loop(), // 1
      op.local_get(0), // 2
      op.if(), // 3
      op.br(1), // 4
      op.else, // 5
      op.br(2), // 6
      op.end, // 7
      op.end, // 8
      op.local_get(0), // 9
      op.if(), // 10: no else
      op.nop, // 11
      op.end, // 12
      op.end, // 13
      op.try_table(null), // 14
      op.end, // 15
    ], // 16: end of the function
  });
  const targets = (i: number) => immOf(code, i).slice(2, 4);
  assert.equal(targets(0), [13, -1]);
  assert.equal(targets(1), [8, -1]);
  assert.equal(targets(3), [7, 5]);
  assert.equal(targets(10), [12, -1]);
  assert.equal(targets(14), [15, -1]);
  assert.is(code.count, 17);
  assert.is(OPS[code.ops[16]!]!.name, 'end');
});

test('heights: blocks with parameters and unreachable code', () => {
  const withParams = analyze({
    types: [type.func([t.i32, t.i32], [t.i64])],
    body: [
      op.i32_const(1), // 0: 0
      op.i32_const(2), // 1: 1
      op.block(idx(1)), // 2: 2
      op.i32_add, // 3: 2 (the parameters are on the stack)
      op.i64_extend_i32_u, // 4: 1
      op.end, // 5: 1
      op.drop, // 6: 1
    ], // 7: end, 0
  }).code;
  assert.equal([...withParams.heights], [0, 1, 2, 2, 1, 1, 1, 0]);
  assert.is(withParams.maxHeight, 2);

  const unreachable = analyze({
    results: [t.i32],
    body: [
      op.i32_const(1), // 0: 0
      op.block(t.i32), // 1: 1
      op.i32_const(2), // 2: 1
      op.br(0), // 3: 2
      op.i64_const(9), // 4: 1 (reset to the block's base)
      op.drop, // 5: 2
      op.drop, // 6: 1 (nothing left to pop: unknown type)
      op.end, // 7: 1
      op.i32_add, // 8: 2
    ], // 9: end, 1
  }).code;
  assert.equal([...unreachable.heights], [0, 1, 1, 2, 1, 2, 1, 1, 2, 1]);
  assert.equal(immOf(unreachable, 5), [I64]);
  assert.equal(immOf(unreachable, 6), [0], 'drop of an unknown operand records 0');
  assert.is(unreachable.maxHeight, 2);
});

test('if/else heights restart from the block base', () => {
  const { code } = analyze({
    params: [t.i32],
    results: [t.i64],
    body: [
      op.local_get(0), // 0: 0
      op.if(t.i64), // 1: 1
      op.i64_const(1), // 2: 0
      op.i64_const(2), // 3: 1
      op.i64_add, // 4: 2
      op.else, // 5: 1
      op.i64_const(3), // 6: 0
      op.end, // 7: 1
    ], // 8: end, 1
  });
  assert.equal([...code.heights], [0, 1, 0, 1, 2, 1, 0, 1, 1]);
});

test('operand types of untyped select in unreachable code', () => {
  const { code } = analyze({
    results: [t.f64],
    body: [
      op.unreachable, // 0
      op.f64_const(1), // 1
      op.i32_const(0), // 2
      op.select, // 3: one known operand
      op.drop, // 4
      op.unreachable, // 5
      op.select, // 6: nothing known
      op.drop, // 7
      op.f64_const(0), // 8
    ],
  });
  assert.equal(immOf(code, 3), [F64]);
  assert.equal(immOf(code, 4), [F64]);
  assert.equal(immOf(code, 6), [0]);
  assert.equal(immOf(code, 7), [0]);
});

test('maxHeight counts the deepest operand stack', () => {
  const n = 300;
  const { code } = analyze({
    results: [t.i32],
    body: [
      ...Array.from({ length: n }, () => op.i32_const(1)),
      ...Array.from({ length: n - 1 }, () => op.i32_add),
    ],
  });
  assert.is(code.maxHeight, n);
  assert.is(code.heights[n - 1], n - 1);
  assert.is(code.heights[n], n);
  assert.is(code.count, 2 * n);
});

test('results are independent copies; bodies can be analyzed in any order', () => {
  const { module } = analyze({
    body: [op.i32_const(1), op.drop],
    funcs: [{ type: 0, body: [op.i64_const(1), op.i64_const(2), op.i64_add, op.drop] }],
  });
  const first = analyzeBody(module, module.bodies[0]!);
  const second = analyzeBody(module, module.bodies[1]!);
  const again = analyzeBody(module, module.bodies[0]!);
  assert.equal(names(first), ['i32.const', 'drop', 'end']);
  assert.equal(names(second), ['i64.const', 'i64.const', 'i64.add', 'drop', 'end']);
  assert.equal(again, first);
  assert.equal([...first.imm], [1, I32]);
  assert.is(module.bodies[1]!.funcIndex, 1);
});

test('analysis of a body in a module with imports and many locals', () => {
  const at = mark();
  const { code, module } = analyze({
    imports: [imp.func('env', 'f', 0)],
    locals: [
      [100000, t.i64],
      [1, t.f32],
    ],
    results: [t.f32],
    body: [at, op.local_get(100000), op.call(0), op.drop, op.call(1), op.drop],
  });
  assert.equal(names(code), ['local.get', 'call', 'drop', 'call', 'drop', 'end']);
  assert.equal(immOf(code, 1), [0]);
  assert.equal(immOf(code, 3), [1]);
  assert.equal(immOf(code, 0), [100000]);
  assert.is(code.offsets[0], at.offset);
  assert.is(module.bodies[0]!.funcIndex, 1);
  assert.is(module.bodies[0]!.numLocals, 100001);
});

test.run();
