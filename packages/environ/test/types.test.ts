/** The type section (GC): recursion groups, subtyping, canonicalization, and matching. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compSub, heapSub, resultSub, topOf, valEq, valSub, type TypeSpace } from '#src/match.js';
import {
  ANYREF,
  BOT,
  EQREF,
  EXNREF,
  EXTERNREF,
  F32,
  FUNCREF,
  HT_ANY,
  HT_ARRAY,
  HT_BOT,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_NOEXN,
  HT_NOEXTERN,
  HT_NOFUNC,
  HT_NONE,
  HT_STRUCT,
  I16,
  I32,
  I64,
  I8,
  MAX_TYPE_INDEX,
  NULLREF,
  V128,
  heapOf,
  isDefaultable,
  isNullable,
  isRef,
  refType,
  resultTypeToString,
  storageSize,
  unpacked,
  valTypeToString,
  withNullable,
} from '#src/types.js';
import {
  body,
  codeSec,
  funcSec,
  ht,
  idx,
  mark,
  op,
  section,
  t,
  type,
  typeSec,
  u32,
  wasm,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const S_I32 = type.struct(type.field(t.i32));

test('composite types are decoded', () => {
  const m = valid(
    wasm(
      typeSec(
        type.rec(
          type.func([t.i32, t.ref(idx(1))], [t.f32]),
          type.struct(
            type.field(t.i8, true),
            type.field(t.i16),
            type.field(t.refNull(ht.any), true),
          ),
        ),
        type.array(type.field(t.v128, true)),
      ),
    ),
  );
  assert.equal(m.types, [
    {
      comp: { kind: 'func', params: [I32, refType(1, false)], results: [F32] },
      final: true,
      supertype: -1,
      describes: -1,
      descriptor: -1,
      recStart: 0,
      recSize: 2,
    },
    {
      comp: {
        kind: 'struct',
        fields: [
          { storage: I8, mutable: true },
          { storage: I16, mutable: false },
          { storage: ANYREF, mutable: true },
        ],
      },
      final: true,
      supertype: -1,
      describes: -1,
      descriptor: -1,
      recStart: 0,
      recSize: 2,
    },
    {
      comp: { kind: 'array', field: { storage: V128, mutable: true } },
      final: true,
      supertype: -1,
      describes: -1,
      descriptor: -1,
      recStart: 2,
      recSize: 1,
    },
  ]);
  // Outside a recursion group, a type may only refer to earlier types.
  const at = mark();
  invalid(wasm(typeSec([at, type.func([t.ref(idx(1))], [])], S_I32)), 'unknown type 1', at);
});

test('malformed type definitions', () => {
  const comp = mark();
  malformed(wasm(typeSec([comp, 0x5d, 0])), 'malformed definition type', comp);
  const storage = mark();
  malformed(wasm(typeSec([0x5e, storage, 0x40, 0])), 'malformed storage type', storage);
  const mut = mark();
  malformed(wasm(typeSec([0x5e, t.i32, mut, 2])), 'malformed mutability', mut);
  const value = mark();
  malformed(wasm(typeSec([0x60, 1, value, 0x78, 0])), 'malformed reference type', value);
  const heap = mark();
  malformed(wasm(typeSec(type.func([[0x64, heap, 0x60]], []))), 'malformed heap type', heap);
  const rec = mark();
  malformed(
    wasm(section(1, 1, 0x4e, rec, [0xff, 0xff, 0xff, 0xff, 0x0f])),
    'length out of bounds',
    rec,
  );
});

test('recursion groups may refer forward within the group', () => {
  const m = valid(
    wasm(
      typeSec(
        type.rec(
          type.struct(type.field(t.refNull(idx(1)))),
          type.struct(type.field(t.refNull(idx(0)))),
        ),
        type.rec(),
        type.func([t.ref(idx(0))], []),
      ),
    ),
  );
  assert.equal(
    m.types.map((x) => [x.recStart, x.recSize]),
    [
      [0, 2],
      [0, 2],
      [2, 1],
    ],
  );
  const forward = mark();
  invalid(
    wasm(typeSec([forward, type.struct(type.field(t.refNull(idx(1))))], S_I32)),
    'unknown type 1',
    forward,
  );
  const beyond = mark();
  invalid(
    wasm(typeSec(type.rec(S_I32, [beyond, type.array(type.field(t.ref(idx(2))))]), S_I32)),
    'unknown type 2',
    beyond,
  );
});

test('declared supertypes: matching, finality, order', () => {
  const m = valid(
    wasm(
      typeSec(
        type.sub([], type.struct(type.field(t.i32))),
        type.sub([0], type.struct(type.field(t.i32), type.field(t.f64, true))),
        type.subFinal(
          [1],
          type.struct(type.field(t.i32), type.field(t.f64, true), type.field(t.i8)),
        ),
        type.sub([], type.func([t.ref(ht.eq)], [t.anyref])),
        type.sub([3], type.func([t.anyref], [t.ref(ht.i31)])),
        type.sub([], type.array(type.field(t.refNull(ht.any)))),
        type.sub([5], type.array(type.field(t.ref(ht.struct)))),
      ),
    ),
  );
  assert.equal(
    m.types.map((x) => [x.supertype, x.final]),
    [
      [-1, false],
      [0, false],
      [1, true],
      [-1, false],
      [3, false],
      [-1, false],
      [5, false],
    ],
  );
  const final = mark();
  invalid(
    wasm(typeSec(S_I32, [final, type.sub([0], S_I32)])),
    'sub type 1 has final super type 0',
    final,
  );
  const fields = mark();
  invalid(
    wasm(typeSec(type.sub([], S_I32), [fields, type.sub([0], type.struct(type.field(t.i64)))])),
    'sub type 1 does not match super type 0',
    fields,
  );
  const mutability = mark();
  invalid(
    wasm(
      typeSec(type.sub([], type.struct(type.field(t.anyref, true))), [
        mutability,
        type.sub([0], type.struct(type.field(t.eqref, true))),
      ]),
    ),
    'sub type 1 does not match super type 0',
    mutability,
  );
  const kind = mark();
  invalid(
    wasm(typeSec(type.sub([], S_I32), [kind, type.sub([0], type.array(type.field(t.i32)))])),
    'sub type 1 does not match super type 0',
    kind,
  );
  const params = mark();
  invalid(
    wasm(
      typeSec(type.sub([], type.func([t.anyref], [])), [
        params,
        type.sub([0], type.func([t.eqref], [])),
      ]),
    ),
    'sub type 1 does not match super type 0',
    params,
  );
  const forward = mark();
  invalid(
    wasm(typeSec(type.rec([forward, type.sub([1], S_I32)], type.sub([], S_I32)))),
    'sub type: forward use of type 1 in sub type definition',
    forward,
  );
  const self = mark();
  invalid(
    wasm(typeSec([self, type.sub([0], S_I32)])),
    'sub type: forward use of type 0 in sub type definition',
    self,
  );
  const unknown = mark();
  invalid(wasm(typeSec([unknown, type.sub([3], S_I32)])), 'unknown type 3', unknown);
  const many = mark();
  invalid(
    wasm(typeSec(type.sub([], S_I32), type.sub([], S_I32), [many, type.sub([0, 1], S_I32)])),
    'sub type: multiple supertypes',
    many,
  );
});

test('equal types and equal recursion groups share a canonical index', () => {
  const m = valid(
    wasm(
      typeSec(
        S_I32, // 0
        type.struct(type.field(t.i32)), // 1 = 0
        type.subFinal([], type.struct(type.field(t.i32))), // 2 = 0 (final, no supertypes)
        type.sub([], type.struct(type.field(t.i32))), // 3: not final
        type.rec(S_I32), // 4 = 0 (a group of one)
        type.rec(type.struct(type.field(t.refNull(idx(6)))), type.func([t.ref(idx(5))], [])), // 5, 6
        type.rec(type.struct(type.field(t.refNull(idx(8)))), type.func([t.ref(idx(7))], [])), // 7, 8 = 5, 6
        type.rec(type.func([t.ref(idx(10))], []), type.struct(type.field(t.refNull(idx(9))))), // 9, 10: other order
        type.struct(type.field(t.ref(idx(0)))), // 11
        type.struct(type.field(t.ref(idx(1)))), // 12 = 11: references compare canonically
        type.rec(S_I32, S_I32), // 13, 14: not a group of one
        type.sub([3], type.struct(type.field(t.i32))), // 15
        type.sub([3], type.struct(type.field(t.i32))), // 16 = 15
        type.struct(type.field(t.i32, true)), // 17: mutable
        type.struct(type.field(t.refNull(idx(0)))), // 18: nullable, unlike 11
      ),
    ),
  );
  assert.equal(
    [...m.canonicalTypes],
    [0, 0, 0, 3, 0, 5, 6, 5, 6, 9, 10, 11, 11, 13, 14, 15, 15, 17, 18],
  );
});

test('canonically equal types are interchangeable in code', () => {
  // Types 0 and 1 are both (func (param i32)); a (ref 0) is called through type 1.
  valid(
    wasm(
      typeSec(type.func([t.i32], []), type.func([t.i32], []), type.func([t.ref(idx(0))], [])),
      funcSec(2),
      codeSec(body([op.i32_const(1), op.local_get(0), op.call_ref(1)])),
    ),
  );
  // Subtyping follows canonical indices: 2 <: 1 and 1 = 0.
  valid(
    wasm(
      typeSec(
        type.sub([], S_I32),
        type.sub([], S_I32),
        type.sub([1], type.struct(type.field(t.i32), type.field(t.i64))),
        type.func([t.ref(idx(2))], [t.ref(idx(0))]),
      ),
      funcSec(3),
      codeSec(body([op.local_get(0)])),
    ),
  );
  const at = mark();
  invalid(
    wasm(
      typeSec(S_I32, type.struct(type.field(t.i64)), type.func([t.ref(idx(0))], [t.ref(idx(1))])),
      funcSec(2),
      codeSec(body([op.local_get(0), at])),
    ),
    'type mismatch: instruction requires [(ref 1)] but stack has [(ref 0)]',
    at,
  );
});

test('deep subtype chains and large recursion groups', () => {
  const n = 300;
  const chain = Array.from({ length: n }, (_, i) =>
    type.sub(
      i === 0 ? [] : [i - 1],
      type.struct(...Array.from({ length: i + 1 }, () => type.field(t.i32))),
    ),
  );
  const m = valid(wasm(typeSec(type.rec(...chain))));
  assert.is(m.types.length, n);
  assert.is(m.types[n - 1]!.supertype, n - 2);
  assert.ok(heapSub(space(m), n - 1, 0));
  assert.not.ok(heapSub(space(m), 0, n - 1));
  // A group of 5000 mutually recursive structs, twice: the copies are equal.
  const group = Array.from({ length: 5000 }, (_, i) =>
    type.struct(type.field(t.refNull(idx((i + 1) % 5000)))),
  );
  const shifted = Array.from({ length: 5000 }, (_, i) =>
    type.struct(type.field(t.refNull(idx(5000 + ((i + 1) % 5000))))),
  );
  const big = valid(wasm(typeSec(type.rec(...group), type.rec(...shifted))));
  assert.is(big.canonicalTypes[5000], 0);
  assert.is(big.canonicalTypes[9999], 4999);
});

function space(m: { types: TypeSpace['types']; canonicalTypes: Int32Array }): TypeSpace {
  return { types: m.types, canon: m.canonicalTypes };
}

test('the abstract heap type hierarchy', () => {
  const s: TypeSpace = { types: [], canon: [] };
  const below: Record<number, number[]> = {
    [HT_ANY]: [HT_ANY, HT_EQ, HT_I31, HT_STRUCT, HT_ARRAY, HT_NONE],
    [HT_EQ]: [HT_EQ, HT_I31, HT_STRUCT, HT_ARRAY, HT_NONE],
    [HT_I31]: [HT_I31, HT_NONE],
    [HT_STRUCT]: [HT_STRUCT, HT_NONE],
    [HT_ARRAY]: [HT_ARRAY, HT_NONE],
    [HT_NONE]: [HT_NONE],
    [HT_FUNC]: [HT_FUNC, HT_NOFUNC],
    [HT_NOFUNC]: [HT_NOFUNC],
    [HT_EXTERN]: [HT_EXTERN, HT_NOEXTERN],
    [HT_NOEXTERN]: [HT_NOEXTERN],
    [HT_EXN]: [HT_EXN, HT_NOEXN],
    [HT_NOEXN]: [HT_NOEXN],
  };
  const all = Object.keys(below).map(Number);
  for (const b of all) {
    for (const a of all) {
      assert.is(heapSub(s, a, b), below[b]!.includes(a), `${a} <: ${b}`);
    }
    assert.ok(heapSub(s, HT_BOT, b), 'bot is below everything');
  }
  assert.is(topOf(s, HT_I31), HT_ANY);
  assert.is(topOf(s, HT_NOFUNC), HT_FUNC);
  assert.is(topOf(s, HT_NOEXTERN), HT_EXTERN);
  assert.is(topOf(s, HT_NOEXN), HT_EXN);
  assert.is(topOf(s, HT_NONE), HT_ANY);
});

test('concrete types against abstract ones, nullability and value types', () => {
  const m = valid(
    wasm(typeSec(S_I32, type.array(type.field(t.i8)), type.func([], []), type.sub([], S_I32))),
  );
  const s = space(m);
  const STRUCT = 0;
  const ARRAY = 1;
  const FUNC = 2;
  for (const [a, b, expected] of [
    [STRUCT, HT_STRUCT, true],
    [STRUCT, HT_EQ, true],
    [STRUCT, HT_ANY, true],
    [STRUCT, HT_ARRAY, false],
    [ARRAY, HT_ARRAY, true],
    [ARRAY, HT_I31, false],
    [FUNC, HT_FUNC, true],
    [FUNC, HT_ANY, false],
    [HT_NONE, STRUCT, true],
    [HT_NONE, FUNC, false],
    [HT_NOFUNC, FUNC, true],
    [HT_NOFUNC, ARRAY, false],
    [HT_STRUCT, STRUCT, false],
    [HT_NOEXTERN, STRUCT, false],
    [STRUCT, 3, false],
  ] as const) {
    assert.is(heapSub(s, a, b), expected, `${a} <: ${b}`);
  }
  assert.is(topOf(s, FUNC), HT_FUNC);
  assert.is(topOf(s, ARRAY), HT_ANY);

  assert.ok(valSub(s, refType(STRUCT, false), refType(STRUCT, true)));
  assert.not.ok(valSub(s, refType(STRUCT, true), refType(STRUCT, false)));
  assert.ok(valSub(s, refType(STRUCT, false), EQREF));
  assert.ok(valSub(s, BOT, I64), 'the unknown type matches numbers');
  assert.ok(valSub(s, BOT, FUNCREF), 'the unknown type matches references');
  assert.not.ok(valSub(s, I32, I64));
  assert.not.ok(valSub(s, I32, ANYREF));
  assert.not.ok(valSub(s, NULLREF, FUNCREF));
  assert.ok(valEq(s, refType(0, true), refType(0, true)));
  assert.not.ok(valEq(s, refType(0, true), ANYREF));
  assert.ok(resultSub(s, [refType(STRUCT, false), I32], [ANYREF, I32]));
  assert.not.ok(resultSub(s, [I32], [I32, I32]));
  const f = (params: number[], results: number[]) => ({ kind: 'func' as const, params, results });
  assert.ok(compSub(s, f([ANYREF], [refType(0, false)]), f([EQREF], [ANYREF])));
  assert.not.ok(compSub(s, f([EQREF], []), f([ANYREF], [])));
});

test('type encodings and their text forms', () => {
  const r = refType(7, false);
  assert.ok(isRef(r));
  assert.not.ok(isRef(I32));
  assert.is(heapOf(r), 7);
  assert.not.ok(isNullable(r));
  assert.ok(isNullable(withNullable(r, true)));
  assert.is(heapOf(refType(HT_EXN, true)), HT_EXN);
  assert.is(refType(2 ** 40, true), refType(MAX_TYPE_INDEX, true), 'huge indices are clamped');
  assert.is(valTypeToString(FUNCREF), 'funcref');
  assert.is(valTypeToString(EXTERNREF), 'externref');
  assert.is(valTypeToString(EXNREF), 'exnref');
  assert.is(valTypeToString(refType(HT_NOFUNC, true)), 'nofuncref');
  assert.is(valTypeToString(refType(HT_ANY, false)), '(ref any)');
  assert.is(valTypeToString(refType(3, true)), '(ref null 3)');
  assert.is(valTypeToString(refType(HT_BOT, false)), '(ref bot)');
  assert.is(valTypeToString(BOT), 'bot');
  assert.is(resultTypeToString([I32, V128, I8]), '[i32 v128 i8]');
  assert.ok(isDefaultable(I64));
  assert.ok(isDefaultable(ANYREF));
  assert.not.ok(isDefaultable(refType(HT_ANY, false)));
  assert.equal([I8, I16, I32, I64, V128, ANYREF].map(storageSize), [1, 2, 4, 8, 16, 8]);
  assert.equal([I8, I16, F32].map(unpacked), [I32, I32, F32]);
});

test('huge type indices in references fail as unknown types', () => {
  const at = mark();
  invalid(
    wasm(typeSec([at, type.func([[0x63, 0xff, 0xff, 0xff, 0xff, 0x0f]], [])])),
    `unknown type ${MAX_TYPE_INDEX}`,
    at,
  );
  const count = mark();
  malformed(wasm(section(1, count, u32(0xffffffff))), 'length out of bounds', count);
});

test.run();
