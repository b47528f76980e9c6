/** Reference types, typed function references, tables, and non-defaultable locals. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  elem,
  exp,
  funcModule,
  global,
  ht,
  idx,
  mark,
  op,
  t,
  tableType,
  tableWithInit,
  type,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const FUNCS = [tableType(t.funcref, 1)];

test('ref.null, ref.is_null and ref.as_non_null', () => {
  ok({
    results: [t.i32, t.i32, t.ref(ht.extern)],
    body: [
      op.ref_null(ht.func),
      op.ref_is_null,
      op.ref_null(ht.exn),
      op.ref_is_null,
      op.ref_null(ht.extern),
      op.ref_as_non_null,
    ],
  });
  const notRef = mark();
  bad(
    { body: [op.i32_const(0), notRef, op.ref_is_null, op.drop] },
    'type mismatch: instruction requires reference type but stack has i32',
    notRef,
  );
  const heap = mark();
  bad({ body: [heap, op.ref_null(idx(3)), op.drop] }, 'unknown type 3', heap);
  const nonNull = mark();
  bad(
    { results: [t.ref(ht.func)], body: [op.ref_null(ht.func), nonNull] },
    'type mismatch: instruction requires [(ref func)] but stack has [funcref]',
    nonNull,
  );
});

test('ref.func needs a declared function', () => {
  // Declared by an element segment, an export, or a global initializer.
  ok({ elems: [elem.declarative([0])], body: [op.ref_func(0), op.drop] });
  ok({ exports: [exp('f', 'func', 0)], body: [op.ref_func(0), op.drop] });
  ok({ globals: [global(t.funcref, false, op.ref_func(0))], body: [op.ref_func(0), op.drop] });
  ok({
    elems: [elem.passiveExprs(t.funcref, [[op.ref_func(0)]])],
    body: [op.ref_func(0), op.drop],
  });
  const undeclared = mark();
  bad(
    { body: [undeclared, op.ref_func(0), op.drop] },
    'undeclared function reference 0',
    undeclared,
  );
  // A reference in another body does not declare.
  const other = mark();
  bad(
    {
      body: [other, op.ref_func(1), op.drop],
      funcs: [{ type: 0, body: [op.ref_func(1), op.drop] }],
    },
    'undeclared function reference 1',
    other,
  );
  const unknown = mark();
  bad({ body: [unknown, op.ref_func(5), op.drop] }, 'unknown function 5', unknown);
  const m = ok({
    types: [type.func([t.i32], [t.i32])],
    elems: [elem.declarative([1])],
    funcs: [{ type: 1, body: [op.local_get(0)] }],
    results: [t.i32],
    body: [op.i32_const(1), op.ref_func(1), op.call_ref(1)],
  });
  assert.equal([...m.declaredFuncs], [1]);
});

test('call_ref and typed references', () => {
  const F = type.func([t.i64], [t.f32]); // type 0 in preTypes
  ok({
    preTypes: [F],
    params: [t.refNull(idx(0))],
    results: [t.f32],
    body: [op.i64_const(1), op.local_get(0), op.call_ref(0)],
  });
  const wrongRef = mark();
  bad(
    {
      preTypes: [F],
      params: [t.funcref],
      results: [t.f32],
      body: [op.i64_const(1), op.local_get(0), wrongRef, op.call_ref(0)],
    },
    'type mismatch: instruction requires [(ref null 0)] but stack has [funcref]',
    wrongRef,
  );
  const args = mark();
  bad(
    {
      preTypes: [F],
      params: [t.ref(idx(0))],
      results: [t.f32],
      body: [op.i32_const(1), op.local_get(0), args, op.call_ref(0)],
    },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    args,
  );
  const notFunc = mark();
  bad(
    { types: [type.struct()], body: [op.ref_null(ht.none), notFunc, op.call_ref(1)] },
    'type mismatch: non-function type 1',
    notFunc,
  );
});

test('br_on_null and br_on_non_null', () => {
  ok({
    params: [t.funcref],
    results: [t.ref(ht.func)],
    body: [op.block(), op.local_get(0), op.br_on_null(0), op.return, op.end, op.unreachable],
  });
  ok({
    params: [t.externref],
    results: [t.ref(ht.extern)],
    body: [
      op.block(t.ref(ht.extern)),
      op.local_get(0),
      op.br_on_non_null(0),
      op.unreachable,
      op.end,
    ],
  });
  const label = mark();
  bad(
    {
      params: [t.externref],
      body: [
        op.block(t.i32),
        op.local_get(0),
        label,
        op.br_on_non_null(0),
        op.unreachable,
        op.end,
        op.drop,
      ],
    },
    'type mismatch: instruction requires reference type but label has [i32]',
    label,
  );
  const empty = mark();
  bad(
    {
      params: [t.externref],
      body: [op.block(), op.local_get(0), empty, op.br_on_non_null(0), op.end],
    },
    'type mismatch: instruction requires reference type but label has []',
    empty,
  );
  const operand = mark();
  bad(
    { body: [op.block(), op.i32_const(0), operand, op.br_on_null(0), op.drop, op.end] },
    'type mismatch: instruction requires reference type but stack has i32',
    operand,
  );
});

test('table instructions', () => {
  ok({
    tables: [tableType(t.funcref, 1), tableType(t.externref, 2)],
    elems: [elem.passive([0])],
    results: [t.i32],
    body: [
      op.i32_const(0),
      op.table_get(0),
      op.drop,
      op.i32_const(0),
      op.ref_null(ht.extern),
      op.table_set(1),
      op.ref_null(ht.extern),
      op.i32_const(3),
      op.table_grow(1),
      op.drop,
      op.i32_const(0),
      op.ref_null(ht.func),
      op.i32_const(1),
      op.table_fill(0),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.table_copy(1, 1),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.table_init(0, 0),
      op.elem_drop(0),
      op.table_size(1),
    ],
  });
  const unknown = mark();
  bad({ body: [unknown, op.table_size(0), op.drop] }, 'unknown table 0', unknown);
  const set = mark();
  bad(
    { tables: FUNCS, body: [op.i32_const(0), op.ref_null(ht.extern), set, op.table_set(0)] },
    'type mismatch: instruction requires [funcref] but stack has [externref]',
    set,
  );
  const copy = mark();
  bad(
    {
      tables: [tableType(t.funcref, 1), tableType(t.externref, 1)],
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), copy, op.table_copy(1, 0)],
    },
    'type mismatch: source element type funcref does not match destination element type externref',
    copy,
  );
  const init = mark();
  bad(
    {
      tables: [tableType(t.externref, 1)],
      elems: [elem.passive([0])],
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), init, op.table_init(0, 0)],
    },
    "type mismatch: element segment's type (ref func) does not match table's element type externref",
    init,
  );
  const drop = mark();
  bad({ body: [drop, op.elem_drop(3)] }, 'unknown elem segment 3', drop);
  const segment = mark();
  bad(
    {
      tables: FUNCS,
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), segment, op.table_init(0, 0)],
    },
    'unknown elem segment 0',
    segment,
  );
});

test('non-defaultable locals must be set before use', () => {
  const F = t.ref(ht.func);
  ok({
    elems: [elem.declarative([0])],
    locals: [[1, F]],
    body: [op.ref_func(0), op.local_set(0), op.local_get(0), op.drop],
  });
  ok({
    elems: [elem.declarative([0])],
    locals: [[1, F]],
    results: [F],
    body: [
      op.ref_func(0),
      op.local_tee(0),
      op.drop,
      op.block(),
      op.local_get(0),
      op.drop,
      op.end,
      op.local_get(0),
    ],
  });
  // Parameters of non-defaultable types are set.
  ok({ params: [F], results: [F], body: [op.local_get(0)] });
  const unset = mark();
  bad({ locals: [[1, F]], body: [unset, op.local_get(0), op.drop] }, 'uninitialized local', unset);
  // Initialization inside a block does not outlive it.
  const scoped = mark();
  bad(
    {
      elems: [elem.declarative([0])],
      locals: [
        [1, t.i32],
        [1, F],
      ],
      body: [op.block(), op.ref_func(0), op.local_set(1), op.end, scoped, op.local_get(1), op.drop],
    },
    'uninitialized local',
    scoped,
  );
  const elseBranch = mark();
  bad(
    {
      elems: [elem.declarative([0])],
      locals: [[1, F]],
      body: [
        op.i32_const(1),
        op.if(),
        op.ref_func(0),
        op.local_set(0),
        op.else,
        elseBranch,
        op.local_get(0),
        op.drop,
        op.end,
      ],
    },
    'uninitialized local',
    elseBranch,
  );
});

test('tables of typed references need an initializer', () => {
  const m = ok({
    preTypes: [type.func([], [])],
    tables: [tableWithInit(tableType(t.ref(idx(0)), 1), op.ref_func(0))],
    body: [op.i32_const(0), op.table_get(0), op.call_ref(0)],
  });
  assert.ok(m.declaredFuncs.has(0));
});

test.run();
