/**
 * Custom descriptors: describes/descriptor clauses, exact reference types,
 * exact function imports, the descriptor instructions and the relaxed
 * br_on_cast rule, all off without the proposal.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { valSub } from '#src/match.js';
import { opId } from '#src/opcodes.js';
import {
  heapOf,
  isExact,
  isNullable,
  refType,
  valTypeToString,
  type StructType,
} from '#src/types.js';
import {
  exact,
  funcModule,
  global,
  ht,
  idx,
  imp,
  importSec,
  mark,
  op,
  t,
  type,
  typeSec,
  globalSec,
  wasm,
  type Bytes,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { compileError, invalid, malformed, valid } from './support/check.js';
import { parseModule } from '#src/parse.js';

const ON = { features: { customDescriptors: true } };
const ok = (spec: FuncModule) => valid(funcModule(spec), ON);
const bad = (spec: FuncModule, message: string, at: Mark) =>
  invalid(funcModule(spec), message, at, ON);
const S = type.struct();

/** The type section of `groups` is invalid with `message` (at the offending definition). */
function rejectsTypes(groups: Bytes[], message: string): void {
  const e = compileError(() => parseModule(wasm(typeSec(...groups)), ON));
  assert.equal([e.message, e.malformed], [message, false]);
}

/** A described struct type 0 (with an i32 field) and its descriptor 1 (with an i64 field). */
const PAIR: Bytes[] = [
  type.rec(
    type.descriptor(1, type.struct(type.field(t.i32))),
    type.describes(0, type.struct(type.field(t.i64))),
  ),
];

test('describes and descriptor clauses are decoded', () => {
  const m = valid(wasm(typeSec(type.rec(type.descriptor(1, S), type.describes(0, S)))), ON);
  assert.equal(
    m.types.map((x) => [x.describes, x.descriptor]),
    [
      [-1, 1],
      [0, -1],
    ],
  );
  // A chain: the middle type both describes and is described.
  const chain = valid(
    wasm(
      typeSec(
        type.rec(
          type.descriptor(1, S),
          type.describes(0, type.descriptor(2, S)),
          type.describes(1, S),
        ),
      ),
    ),
    ON,
  );
  assert.equal(
    chain.types.map((x) => [x.describes, x.descriptor]),
    [
      [-1, 1],
      [0, 2],
      [1, -1],
    ],
  );
  // The clauses come in order, once each; and not without the proposal.
  const twice = mark();
  malformed(
    wasm(
      typeSec(type.rec(type.descriptor(1, [twice, type.descriptor(1, S)]), type.describes(0, S))),
    ),
    'malformed definition type',
    twice,
    ON,
  );
  const off = mark();
  malformed(
    wasm(typeSec(type.rec([off, type.descriptor(1, S)], type.describes(0, S)))),
    'malformed definition type',
    off,
  );
});

test('descriptor clauses must agree, inside the group', () => {
  const cases: [Bytes, string][] = [
    [type.descriptor(1, S), 'descriptor type is outside rec group'],
    [type.describes(1, S), 'described type is outside rec group'],
    [type.rec(type.descriptor(1, S), S), 'type is not described by its descriptor'],
    [type.rec(S, type.describes(0, S)), 'described type is not described by descriptor'],
    [type.rec(type.describes(1, S), type.descriptor(0, S)), 'forward use of described type'],
    [type.describes(0, type.descriptor(0, S)), 'forward use of described type'],
    [
      type.rec(type.descriptor(1, type.func([], [])), type.describes(0, S)),
      'descriptor type must be a struct',
    ],
    [
      type.rec(type.descriptor(1, S), type.describes(0, type.array(type.field(t.i8)))),
      'described type must be a struct',
    ],
  ];
  for (const [def, message] of cases) rejectsTypes([def], message);
});

test('subtypes keep descriptor clauses consistent', () => {
  const A = type.sub([], type.descriptor(1, S));
  const ADesc = type.sub([], type.describes(0, S));
  // Matching pairs of supertypes and subtypes.
  valid(
    wasm(
      typeSec(
        type.rec(
          A,
          ADesc,
          type.sub([0], type.descriptor(3, S)),
          type.sub([1], type.describes(2, S)),
        ),
      ),
    ),
    ON,
  );
  // A subtype may add a descriptor to a supertype without one.
  valid(
    wasm(
      typeSec(
        type.rec(type.sub([], S), type.sub([0], type.descriptor(2, S)), type.describes(1, S)),
      ),
    ),
    ON,
  );
  const cases: [Bytes, string][] = [
    // The supertype has a descriptor, the subtype none.
    [type.rec(A, ADesc, type.sub([0], S)), 'sub type 2 does not match super type 0'],
    // The subtype describes, its supertype does not.
    [
      type.rec(type.sub([], S), type.descriptor(2, S), type.sub([0], type.describes(1, S))),
      'sub type 2 does not match super type 0',
    ],
    // The subtype's descriptor is no subtype of the supertype's.
    [
      type.rec(A, ADesc, type.sub([0], type.descriptor(3, S)), type.sub([], type.describes(2, S))),
      'descriptor type 3 does not match 1',
    ],
    // The described types do not match.
    [
      type.rec(A, ADesc, type.sub([], type.descriptor(3, S)), type.sub([1], type.describes(2, S))),
      'described type 2 does not match 0',
    ],
  ];
  for (const [group, message] of cases) rejectsTypes([group], message);
});

test('descriptor clauses take part in type identity', () => {
  const m = valid(
    wasm(
      typeSec(
        type.rec(type.descriptor(1, S), type.describes(0, S)),
        type.rec(type.descriptor(3, S), type.describes(2, S)),
        type.rec(S, S),
      ),
    ),
    ON,
  );
  assert.equal([...m.canonicalTypes], [0, 1, 0, 1, 4, 5]);
  // So does exactness.
  const field = (h: Bytes) => type.struct(type.field(h));
  const x = valid(
    wasm(typeSec(S, field(t.ref(exact(0))), field(t.ref(idx(0))), field(t.ref(exact(0))))),
    ON,
  );
  assert.equal([...x.canonicalTypes], [0, 1, 2, 1]);
});

test('exact reference types: encoding and subtyping', () => {
  const m = valid(
    wasm(
      typeSec(
        type.sub([], S),
        type.sub([0], S),
        type.struct(type.field(t.ref(exact(0))), type.field(t.refNull(exact(1)))),
      ),
    ),
    ON,
  );
  const [f0, f1] = (m.types[2]!.comp as StructType).fields;
  assert.ok(isExact(f0!.storage) && !isNullable(f0!.storage) && heapOf(f0!.storage) === 0);
  assert.ok(isExact(f1!.storage) && isNullable(f1!.storage) && heapOf(f1!.storage) === 1);
  assert.is(valTypeToString(f1!.storage), '(ref null (exact 1))');
  const space = { types: m.types, canon: m.canonicalTypes };
  const x = (h: number, nullable = false) => refType(h, nullable, true);
  const r = (h: number, nullable = false) => refType(h, nullable);
  assert.ok(valSub(space, x(0), r(0)), '(exact t) <: t');
  assert.ok(!valSub(space, r(0), x(0)), 't </: (exact t)');
  assert.ok(valSub(space, x(1), r(0)), '(exact sub) <: super');
  assert.ok(!valSub(space, x(1), x(0)), '(exact sub) </: (exact super)');
  assert.ok(!valSub(space, r(1), x(0)), 'sub </: (exact super)');
  assert.ok(valSub(space, refType(-0x0f, false), x(1)), 'none <: (exact t)');
  assert.ok(!valSub(space, x(0, true), x(0)), 'nullability still matters');
  // Exact types do not exist without the proposal.
  const at = mark();
  malformed(
    wasm(typeSec(S, type.struct(type.field([at, 0x64, 0x62, 0x00])))),
    'malformed storage type',
    at,
  );
});

test('exact function imports and exact function references', () => {
  // Type 0 is the imports' type, type 1 the function's own.
  const imports = [imp.funcExact('m', 'exact', 0), imp.func('m', 'inexact', 0)];
  const types = { preTypes: [type.func([], [])] };
  const m = ok({ ...types, imports, body: [] });
  assert.equal(
    m.imports.map((i) => (i.kind === 'func' ? i.exact === true : null)),
    [true, false],
  );
  // ref.func of an exact import or a defined function is exact; of an inexact import, not.
  const elems = [[0x03, 0x00, 0x03, 0x00, 0x01, 0x02]]; // declarative: funcs 0, 1, 2
  ok({ ...types, imports, elems, body: [op.ref_func(0), op.drop] });
  ok({ ...types, imports, elems, results: [t.ref(exact(1))], body: [op.ref_func(2)] });
  ok({ ...types, imports, elems, results: [t.ref(exact(0))], body: [op.ref_func(0)] });
  const at = mark();
  bad(
    { ...types, imports, elems, results: [t.ref(exact(0))], body: [op.ref_func(1), at] },
    'type mismatch: instruction requires [(ref (exact 0))] but stack has [(ref 0)]',
    at,
  );
  // Kind 0x20 needs the proposal.
  const kind = mark();
  malformed(
    wasm(typeSec(type.func([], [])), importSec([0x01, 0x6d, 0x01, 0x66, kind, 0x20, 0x00])),
    'malformed import kind',
    kind,
  );
});

test('allocation: struct.new_desc takes an exact descriptor, struct.new none', () => {
  // (func (param (ref null (exact 1))) (result (ref (exact 1))) ...)
  const params = [t.refNull(exact(1))];
  const results = [t.ref(exact(0))];
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params,
    results,
    body: [op.i32_const(1), op.local_get(0), op.struct_new_desc(0)],
  });
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params,
    results,
    body: [op.local_get(0), op.struct_new_default_desc(0)],
  });
  // Allocations of any type are exact.
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    results: [t.ref(exact(1))],
    body: [op.i64_const(0), op.struct_new(1)],
  });
  const wrong = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params,
      body: [op.i32_const(1), wrong, op.struct_new(0), op.drop],
    },
    'type with descriptor requires descriptor allocation',
    wrong,
  );
  const none = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      body: [op.i64_const(1), op.ref_null(ht.none), none, op.struct_new_desc(1), op.drop],
    },
    'type without descriptor requires non-descriptor allocation',
    none,
  );
  // The descriptor must be exact.
  const inexact = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params: [t.ref(idx(1))],
      body: [op.i32_const(1), op.local_get(0), inexact, op.struct_new_desc(0), op.drop],
    },
    'type mismatch: instruction requires [(ref null (exact 1))] but stack has [(ref 1)]',
    inexact,
  );
});

test('ref.get_desc: exact in, exact out', () => {
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params: [t.ref(exact(0))],
    results: [t.ref(exact(1))],
    body: [op.local_get(0), op.ref_get_desc(0)],
  });
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params: [t.refNull(idx(0))],
    results: [t.ref(idx(1))],
    body: [op.local_get(0), op.ref_get_desc(0)],
  });
  const inexact = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params: [t.ref(idx(0))],
      results: [t.ref(exact(1))],
      body: [op.local_get(0), op.ref_get_desc(0), inexact],
    },
    'type mismatch: instruction requires [(ref (exact 1))] but stack has [(ref 1)]',
    inexact,
  );
  const noDesc = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params: [t.anyref],
      body: [op.local_get(0), noDesc, op.ref_get_desc(1), op.drop],
    },
    'type without descriptor 1',
    noDesc,
  );
});

test('descriptor casts', () => {
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params: [t.anyref, t.refNull(exact(1))],
    results: [t.ref(exact(0))],
    body: [op.local_get(0), op.local_get(1), op.ref_cast_desc_eq(exact(0))],
  });
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params: [t.anyref, t.refNull(idx(1))],
    results: [t.refNull(idx(0))],
    body: [op.local_get(0), op.local_get(1), op.ref_cast_desc_eq_null(idx(0))],
  });
  const abstract = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params: [t.anyref, t.anyref],
      body: [op.local_get(0), op.local_get(1), abstract, op.ref_cast_desc_eq(ht.any), op.drop],
    },
    'type any does not have a descriptor',
    abstract,
  );
  // br_on_cast_desc_eq: the descriptor goes, the reference stays (or branches).
  ok({
    preTypes: PAIR,
    preTypeCount: 2,
    params: [t.anyref, t.refNull(idx(1))],
    results: [t.anyref],
    body: [
      op.block(t.refNull(idx(0))),
      op.local_get(0),
      op.local_get(1),
      op.br_on_cast_desc_eq(3, 0, ht.any, idx(0)),
      op.br(1),
      op.end,
    ],
  });
  const fail = mark();
  bad(
    {
      preTypes: PAIR,
      preTypeCount: 2,
      params: [t.anyref, t.refNull(exact(1))],
      results: [t.anyref],
      body: [
        op.block(t.ref(idx(0))),
        op.local_get(0),
        op.local_get(1),
        fail,
        op.br_on_cast_desc_eq_fail(3, 0, ht.any, idx(0)),
        op.br(1),
        op.end,
      ],
    },
    'type mismatch: instruction requires type (ref any) but label has [(ref 0)]',
    fail,
  );
});

test('br_on_cast needs only a common hierarchy with the proposal', () => {
  const spec = (at: Mark): FuncModule => ({
    preTypes: [S],
    params: [t.ref(ht.any)],
    results: [t.refNull(idx(0))],
    body: [
      op.block(t.ref(ht.any)),
      op.local_get(0),
      at,
      op.br_on_cast(2, 1, ht.any, idx(0)),
      op.end,
      op.unreachable,
    ],
  });
  valid(funcModule(spec(mark())), ON);
  const at = mark();
  invalid(funcModule(spec(at)), 'type mismatch: type (ref null 0) does not match (ref any)', at);
  const other = mark();
  bad(
    {
      params: [t.funcref],
      results: [t.anyref],
      body: [op.local_get(0), other, op.br_on_cast(3, 0, ht.func, ht.any), op.unreachable],
    },
    'type mismatch on cast: type func has a different top type than type any',
    other,
  );
});

test('the new instructions are illegal opcodes without the proposal', () => {
  const at = mark();
  malformed(
    funcModule({
      types: [S],
      params: [t.anyref],
      body: [op.local_get(0), at, op.ref_get_desc(1), op.drop],
    }),
    'illegal opcode fb 22',
    at,
  );
});

test('analysis: exactness in heap immediates and br_on_cast flags', () => {
  const m = ok({
    types: [S],
    params: [t.anyref],
    body: [
      op.ref_null(exact(1)),
      op.drop,
      op.local_get(0),
      op.ref_test(exact(1)),
      op.drop,
      op.block(t.anyref),
      op.local_get(0),
      op.br_on_cast(1, 0, ht.any, exact(1)),
      op.end,
      op.drop,
    ],
  });
  const code = analyzeBody(m, m.bodies[0]!);
  const immsOf = (name: string) => {
    const i = [...code.ops].indexOf(opId(name));
    return [...code.imm.subarray(code.immStart[i]!, code.immStart[i + 1]!)];
  };
  assert.equal(immsOf('ref.null'), [1, 1]);
  assert.equal(immsOf('ref.test'), [1, 1]);
  assert.equal(immsOf('br_on_cast'), [1 | 8, 0, ht.any - 0x80, 1]);
});

test('exact globals are checked against their initializers', () => {
  valid(wasm(typeSec(S), globalSec(global(t.ref(exact(0)), false, op.struct_new_default(0)))), ON);
});

test.run();
