/** Tail calls: return_call, return_call_indirect and return_call_ref. */
import { test } from 'uvu';
import {
  elem,
  funcModule,
  ht,
  idx,
  imp,
  mark,
  op,
  t,
  tableType,
  type,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);

test('return_call: arguments and results', () => {
  ok({ params: [t.i32], results: [t.i32], body: [op.local_get(0), op.return_call(0)] });
  // Code after a tail call is unreachable.
  ok({ results: [t.i64], body: [op.i64_const(0), op.return, op.return_call(0), op.i64_add] });
  const results = mark();
  bad(
    {
      types: [type.func([], [t.i64])],
      imports: [imp.func('env', 'f', 1)],
      results: [t.i32],
      body: [results, op.return_call(0)],
    },
    'type mismatch: current function requires result type [i32] but callee returns [i64]',
    results,
  );
  const arity = mark();
  bad(
    {
      types: [type.func([], [])],
      imports: [imp.func('env', 'f', 1)],
      results: [t.i32],
      body: [arity, op.return_call(0)],
    },
    'type mismatch: current function requires result type [i32] but callee returns []',
    arity,
  );
  const args = mark();
  bad(
    { params: [t.i32], body: [op.i64_const(0), args, op.return_call(0)] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    args,
  );
  const unknown = mark();
  bad({ body: [unknown, op.return_call(2)] }, 'unknown function 2', unknown);
});

test('return_call results may be subtypes of the caller results', () => {
  ok({
    preTypes: [type.func([], [])],
    types: [type.func([], [t.ref(idx(0))])],
    imports: [imp.func('env', 'f', 2)],
    results: [t.refNull(idx(0))],
    body: [op.return_call(0)],
  });
  const wider = mark();
  bad(
    {
      preTypes: [type.func([], [])],
      types: [type.func([], [t.funcref])],
      imports: [imp.func('env', 'f', 2)],
      results: [t.refNull(idx(0))],
      body: [wider, op.return_call(0)],
    },
    'type mismatch: current function requires result type [(ref null 0)] but callee returns [funcref]',
    wider,
  );
});

test('return_call_indirect', () => {
  ok({
    tables: [tableType(t.funcref, 1)],
    results: [t.f32],
    body: [op.i32_const(0), op.return_call_indirect(0, 0)],
  });
  const results = mark();
  bad(
    {
      tables: [tableType(t.funcref, 1)],
      types: [type.func([], [t.f64])],
      results: [t.f32],
      body: [op.i32_const(0), results, op.return_call_indirect(1, 0)],
    },
    'type mismatch: current function requires result type [f32] but callee returns [f64]',
    results,
  );
  const table = mark();
  bad({ body: [op.i32_const(0), table, op.return_call_indirect(0, 1)] }, 'unknown table 1', table);
  const element = mark();
  bad(
    {
      tables: [tableType(t.externref, 1)],
      body: [op.i32_const(0), element, op.return_call_indirect(0, 0)],
    },
    'type mismatch: instruction requires table of function type but table has element type externref',
    element,
  );
});

test('return_call_ref', () => {
  ok({
    preTypes: [type.func([t.i32], [t.i32])],
    params: [t.i32],
    results: [t.i32],
    elems: [elem.declarative([0])],
    body: [op.local_get(0), op.ref_func(0), op.return_call_ref(0)],
  });
  const results = mark();
  bad(
    {
      preTypes: [type.func([], [t.i32])],
      params: [t.ref(idx(0))],
      results: [t.i64],
      body: [op.local_get(0), results, op.return_call_ref(0)],
    },
    'type mismatch: current function requires result type [i64] but callee returns [i32]',
    results,
  );
  const operand = mark();
  bad(
    {
      preTypes: [type.func([], [])],
      params: [t.funcref],
      body: [op.local_get(0), operand, op.return_call_ref(0)],
    },
    'type mismatch: instruction requires [(ref null 0)] but stack has [funcref]',
    operand,
  );
  const notFunc = mark();
  bad(
    {
      types: [type.array(type.field(t.i8))],
      body: [op.ref_null(ht.none), notFunc, op.return_call_ref(1)],
    },
    'type mismatch: non-function type 1',
    notFunc,
  );
});

test.run();
