/** GC instructions: structs, arrays, casts, i31 and conversions. */
import { test } from 'uvu';
import {
  data,
  elem,
  funcModule,
  ht,
  idx,
  mark,
  op,
  t,
  type,
  type Bytes,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

// Types 0 to 6 come before the function's own type (7), which may use them.
const TYPES: Bytes[] = [
  type.struct(type.field(t.i32, true), type.field(t.i8), type.field(t.f64)), // 0
  type.struct(type.field(t.ref(ht.any))), // 1: not defaultable
  type.array(type.field(t.i32, true)), // 2
  type.array(type.field(t.i8, true)), // 3: packed
  type.array(type.field(t.funcref, true)), // 4
  type.array(type.field(t.i32)), // 5: immutable
  type.func([], []), // 6
];
const NON_DEFAULTABLE_ARRAY = 8; // the first of `types`, after the function's type

const gc = (spec: Omit<FuncModule, 'preTypes'>): FuncModule => ({
  preTypes: TYPES,
  types: [type.array(type.field(t.ref(ht.any)))],
  ...spec,
});
const ok = (spec: Omit<FuncModule, 'preTypes'>) => valid(funcModule(gc(spec)));
const bad = (spec: Omit<FuncModule, 'preTypes'>, message: string, at: Mark) =>
  invalid(funcModule(gc(spec)), message, at);
const S = t.ref(idx(0));
const SN = t.refNull(idx(0));

test('struct.new, struct.new_default and field access', () => {
  ok({
    results: [t.i32],
    body: [
      op.i32_const(1),
      op.i32_const(2),
      op.f64_const(3),
      op.struct_new(0),
      op.struct_get_s(0, 1),
      op.drop,
      op.struct_new_default(0),
      op.i32_const(5),
      op.struct_set(0, 0),
      op.ref_null(ht.none),
      op.struct_get(0, 0),
    ],
  });
  ok({ results: [S], body: [op.struct_new_default(0)] });
  const args = mark();
  bad(
    { body: [op.i32_const(1), op.i32_const(2), op.i32_const(3), args, op.struct_new(0), op.drop] },
    'type mismatch: instruction requires [f64] but stack has [i32]',
    args,
  );
  const defaultable = mark();
  bad(
    { body: [defaultable, op.struct_new_default(1), op.drop] },
    'field type is not defaultable',
    defaultable,
  );
  const packed = mark();
  bad(
    { params: [S], body: [op.local_get(0), packed, op.struct_get(0, 1), op.drop] },
    'field is packed',
    packed,
  );
  const unpacked = mark();
  bad(
    { params: [S], body: [op.local_get(0), unpacked, op.struct_get_u(0, 0), op.drop] },
    'field is unpacked',
    unpacked,
  );
  const field = mark();
  bad(
    { params: [S], body: [op.local_get(0), field, op.struct_get(0, 3), op.drop] },
    'unknown field 3',
    field,
  );
  const immutable = mark();
  bad(
    { params: [S], body: [op.local_get(0), op.i32_const(0), immutable, op.struct_set(0, 1)] },
    'immutable field',
    immutable,
  );
  const kind = mark();
  bad(
    { params: [S], body: [op.local_get(0), kind, op.struct_get(2, 0), op.drop] },
    'type mismatch: non-structure type 2',
    kind,
  );
  const unknown = mark();
  bad({ body: [unknown, op.struct_new_default(99), op.drop] }, 'unknown type 99', unknown);
  const operand = mark();
  bad(
    { params: [t.anyref], body: [op.local_get(0), operand, op.struct_get(0, 0), op.drop] },
    'type mismatch: instruction requires [(ref null 0)] but stack has [anyref]',
    operand,
  );
});

test('array allocation', () => {
  ok({
    dataCount: 1,
    elems: [elem.passive([0])],
    datas: [data.passive([1, 2, 3, 4])],
    results: [t.ref(idx(4))],
    body: [
      op.i32_const(7),
      op.i32_const(3),
      op.array_new(2),
      op.drop,
      op.i32_const(3),
      op.array_new_default(3),
      op.drop,
      op.i32_const(1),
      op.i32_const(2),
      op.i32_const(3),
      op.array_new_fixed(2, 3),
      op.drop,
      op.i32_const(0),
      op.i32_const(4),
      op.array_new_data(3, 0),
      op.drop,
      op.i32_const(0),
      op.i32_const(1),
      op.array_new_elem(4, 0),
    ],
  });
  const defaultable = mark();
  bad(
    { body: [op.i32_const(1), defaultable, op.array_new_default(NON_DEFAULTABLE_ARRAY), op.drop] },
    'array type is not defaultable',
    defaultable,
  );
  const fixed = mark();
  bad(
    { body: [op.i32_const(1), op.i32_const(2), fixed, op.array_new_fixed(2, 3), op.drop] },
    'type mismatch: not enough operands',
    fixed,
  );
  const fixedType = mark();
  bad(
    { body: [op.i64_const(1), op.i32_const(2), fixedType, op.array_new_fixed(2, 2), op.drop] },
    'type mismatch: instruction requires [i32 i32] but stack has [i64 i32]',
    fixedType,
  );
  const numeric = mark();
  bad(
    {
      dataCount: 1,
      datas: [data.passive([])],
      body: [op.i32_const(0), op.i32_const(0), numeric, op.array_new_data(4, 0), op.drop],
    },
    'array type is not numeric or vector',
    numeric,
  );
  const segment = mark();
  bad(
    {
      elems: [elem.passive([0])],
      body: [op.i32_const(0), op.i32_const(0), segment, op.array_new_elem(2, 0), op.drop],
    },
    "type mismatch: element segment's type (ref func) does not match array's field type",
    segment,
  );
  const noSegment = mark();
  bad(
    { body: [op.i32_const(0), op.i32_const(0), noSegment, op.array_new_elem(4, 0), op.drop] },
    'unknown elem segment 0',
    noSegment,
  );
  const kind = mark();
  bad(
    { body: [op.i32_const(0), kind, op.array_new_default(0), op.drop] },
    'type mismatch: non-array type 0',
    kind,
  );
});

test('array access', () => {
  const A = t.ref(idx(2));
  const P = t.ref(idx(3));
  ok({
    params: [A, P],
    results: [t.i32],
    body: [
      op.local_get(0),
      op.i32_const(0),
      op.local_get(1),
      op.i32_const(1),
      op.array_get_u(3),
      op.array_set(2),
      op.local_get(0),
      op.i32_const(0),
      op.i32_const(9),
      op.i32_const(2),
      op.array_fill(2),
      op.local_get(0),
      op.i32_const(0),
      op.local_get(0),
      op.i32_const(1),
      op.i32_const(1),
      op.array_copy(2, 2),
      op.local_get(1),
      op.array_len,
      op.local_get(0),
      op.i32_const(0),
      op.array_get(2),
      op.i32_add,
    ],
  });
  const packed = mark();
  bad(
    { params: [P], body: [op.local_get(0), op.i32_const(0), packed, op.array_get(3), op.drop] },
    'array is packed',
    packed,
  );
  const unpacked = mark();
  bad(
    { params: [A], body: [op.local_get(0), op.i32_const(0), unpacked, op.array_get_s(2), op.drop] },
    'array is unpacked',
    unpacked,
  );
  const immutable = mark();
  bad(
    {
      params: [t.ref(idx(5))],
      body: [op.local_get(0), op.i32_const(0), op.i32_const(0), immutable, op.array_set(5)],
    },
    'immutable array',
    immutable,
  );
  const copy = mark();
  bad(
    {
      params: [A, P],
      body: [
        op.local_get(0),
        op.i32_const(0),
        op.local_get(1),
        op.i32_const(0),
        op.i32_const(0),
        copy,
        op.array_copy(2, 3),
      ],
    },
    'array types do not match',
    copy,
  );
  const len = mark();
  bad(
    { params: [t.anyref], body: [op.local_get(0), len, op.array_len, op.drop] },
    'type mismatch: instruction requires [arrayref] but stack has [anyref]',
    len,
  );
});

test('array.init_data and array.init_elem', () => {
  ok({
    dataCount: 1,
    elems: [elem.passive([0])],
    datas: [data.passive([0])],
    params: [t.ref(idx(3)), t.ref(idx(4))],
    body: [
      op.local_get(0),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.array_init_data(3, 0),
      op.local_get(1),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.array_init_elem(4, 0),
    ],
  });
  const immutable = mark();
  bad(
    {
      dataCount: 1,
      datas: [data.passive([0])],
      params: [t.ref(idx(5))],
      body: [
        op.local_get(0),
        op.i32_const(0),
        op.i32_const(0),
        op.i32_const(0),
        immutable,
        op.array_init_data(5, 0),
      ],
    },
    'immutable array',
    immutable,
  );
  const data_ = mark();
  bad(
    {
      dataCount: 0,
      datas: [],
      params: [t.ref(idx(3))],
      body: [
        op.local_get(0),
        op.i32_const(0),
        op.i32_const(0),
        op.i32_const(0),
        data_,
        op.array_init_data(3, 0),
      ],
    },
    'unknown data segment 0',
    data_,
  );
});

test('ref.test and ref.cast', () => {
  ok({
    params: [t.anyref, t.funcref],
    results: [t.i32, SN, S, t.ref(idx(6))],
    body: [
      op.local_get(0),
      op.ref_test(idx(0)),
      op.local_get(0),
      op.ref_cast_null(idx(0)),
      op.local_get(0),
      op.ref_cast(idx(0)),
      op.local_get(1),
      op.ref_cast(idx(6)),
    ],
  });
  ok({ params: [t.anyref], results: [t.i32], body: [op.local_get(0), op.ref_test_null(ht.i31)] });
  const hierarchy = mark();
  bad(
    { params: [t.anyref], body: [op.local_get(0), hierarchy, op.ref_cast(idx(6)), op.drop] },
    'type mismatch: instruction requires [funcref] but stack has [anyref]',
    hierarchy,
  );
  const result = mark();
  bad(
    { params: [t.anyref], results: [S], body: [op.local_get(0), op.ref_cast_null(idx(0)), result] },
    'type mismatch: instruction requires [(ref 0)] but stack has [(ref null 0)]',
    result,
  );
  const unknown = mark();
  bad(
    { params: [t.anyref], body: [op.local_get(0), unknown, op.ref_test(idx(50)), op.drop] },
    'unknown type 50',
    unknown,
  );
});

test('br_on_cast and br_on_cast_fail', () => {
  // Branch with the cast value; fall through with the input type.
  ok({
    params: [t.anyref],
    results: [S],
    body: [
      op.block(S),
      op.local_get(0),
      op.br_on_cast(1, 0, ht.any, idx(0)),
      op.drop,
      op.unreachable,
      op.end,
    ],
  });
  // br_on_cast_fail: branch with the input (non-null when the target admits null), fall through cast.
  ok({
    params: [t.anyref],
    results: [SN],
    body: [
      op.block(t.ref(ht.any)),
      op.local_get(0),
      op.br_on_cast_fail(3, 0, ht.any, idx(0)),
      op.return,
      op.end,
      op.unreachable,
    ],
  });
  const target = mark();
  bad(
    {
      params: [t.structref],
      body: [
        op.block(t.anyref),
        op.local_get(0),
        target,
        op.br_on_cast(1, 0, ht.struct, idx(2)),
        op.end,
        op.drop,
      ],
    },
    'type mismatch: type (ref 2) does not match structref',
    target,
  );
  const label = mark();
  bad(
    {
      params: [t.anyref],
      body: [
        op.block(t.i32),
        op.local_get(0),
        label,
        op.br_on_cast(1, 0, ht.any, idx(0)),
        op.unreachable,
        op.end,
        op.drop,
      ],
    },
    'type mismatch: instruction requires type (ref 0) but label has [i32]',
    label,
  );
  const flags = mark();
  const bytes = funcModule(
    gc({
      params: [t.anyref],
      body: [
        op.block(t.anyref),
        op.local_get(0),
        op.gc(0x18),
        flags,
        4,
        0,
        ht.any,
        ht.eq,
        op.end,
        op.drop,
      ],
    }),
  );
  malformed(bytes, 'malformed br_on_cast flags', flags);
});

test('i31, ref.eq and the extern conversions', () => {
  ok({
    results: [t.i32, t.i32, t.i32],
    body: [
      op.i32_const(-1),
      op.ref_i31,
      op.i31_get_s,
      op.i32_const(-1),
      op.ref_i31,
      op.i31_get_u,
      op.ref_null(ht.eq),
      op.i32_const(0),
      op.ref_i31,
      op.ref_eq,
    ],
  });
  ok({
    params: [t.externref, t.ref(ht.any)],
    results: [t.anyref, t.ref(ht.extern)],
    body: [op.local_get(0), op.any_convert_extern, op.local_get(1), op.extern_convert_any],
  });
  const nullable = mark();
  bad(
    {
      params: [t.externref],
      results: [t.ref(ht.any)],
      body: [op.local_get(0), op.any_convert_extern, nullable],
    },
    'type mismatch: instruction requires [(ref any)] but stack has [anyref]',
    nullable,
  );
  const eq = mark();
  bad(
    { params: [t.anyref], body: [op.local_get(0), op.local_get(0), eq, op.ref_eq, op.drop] },
    'type mismatch: instruction requires [eqref eqref] but stack has [anyref anyref]',
    eq,
  );
  const convert = mark();
  bad(
    { params: [t.funcref], body: [op.local_get(0), convert, op.extern_convert_any, op.drop] },
    'type mismatch: instruction requires [anyref] but stack has [funcref]',
    convert,
  );
});

test.run();
