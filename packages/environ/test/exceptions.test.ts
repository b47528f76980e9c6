/** Exception handling: tags, throw, throw_ref and try_table. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { I32, I64, type FuncType } from '#src/types.js';
import {
  catchClause,
  exp,
  funcModule,
  ht,
  idx,
  imp,
  mark,
  op,
  section,
  t,
  tagSec,
  type,
  typeSec,
  u32,
  vec,
  wasm,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

// Type 1: the tag's type (param i32 i64).
const TAG_TYPE = type.func([t.i32, t.i64], []);
const withTag = (spec: Omit<FuncModule, 'types' | 'tags'>): FuncModule => ({
  types: [TAG_TYPE],
  tags: [1],
  ...spec,
});
const ok = (spec: Omit<FuncModule, 'types' | 'tags'>) => valid(funcModule(withTag(spec)));
const bad = (spec: Omit<FuncModule, 'types' | 'tags'>, message: string, at: Mark) =>
  invalid(funcModule(withTag(spec)), message, at);

test('tags are decoded, imported and exported', () => {
  const m = valid(
    wasm(
      typeSec(type.func([], []), TAG_TYPE),
      section(2, vec([imp.tag('env', 'e', 1)])),
      tagSec(0, 1),
      section(7, vec([exp('t', 'tag', 2)])),
    ),
  );
  assert.equal(m.tags, [{ typeIndex: 1 }, { typeIndex: 0 }, { typeIndex: 1 }]);
  assert.is(m.numImportedTags, 1);
  assert.equal(m.exports, [{ name: 't', kind: 'tag', index: 2 }]);
  assert.equal((m.types[1]!.comp as FuncType).params, [I32, I64]);
});

test('tag types must be function types without results', () => {
  const results = mark();
  invalid(
    wasm(typeSec(type.func([], [t.i32])), section(13, vec([[results, 0x00, u32(0)]]))),
    'non-empty tag result type',
    results,
  );
  const unknown = mark();
  invalid(wasm(section(13, vec([[unknown, 0x00, u32(0)]]))), 'unknown type 0', unknown);
  const struct = mark();
  invalid(
    wasm(typeSec(type.struct()), section(13, vec([[struct, 0x00, u32(0)]]))),
    'type mismatch: non-function type 0',
    struct,
  );
  const imported = mark();
  invalid(
    wasm(typeSec(type.func([], [t.f32])), section(2, vec([[imported, imp.tag('a', 'b', 0)]]))),
    'non-empty tag result type',
    imported,
  );
  const attribute = mark();
  malformed(
    wasm(typeSec(type.func([], [])), section(13, vec([[attribute, 0x01, u32(0)]]))),
    'zero byte expected',
    attribute,
  );
});

test('throw pops the tag parameters; throw_ref an exnref', () => {
  ok({ results: [t.f64], body: [op.i32_const(1), op.i64_const(2), op.throw(0)] });
  ok({ params: [t.exnref], body: [op.local_get(0), op.throw_ref] });
  ok({ body: [op.unreachable, op.throw_ref] });
  const args = mark();
  bad(
    { body: [op.i64_const(2), op.i32_const(1), args, op.throw(0)] },
    'type mismatch: instruction requires [i32 i64] but stack has [i64 i32]',
    args,
  );
  const unknown = mark();
  bad({ body: [unknown, op.throw(1)] }, 'unknown tag 1', unknown);
  const ref = mark();
  bad(
    { params: [t.externref], body: [op.local_get(0), ref, op.throw_ref] },
    'type mismatch: instruction requires [exnref] but stack has [externref]',
    ref,
  );
});

// Types 2 and 3: block types for the values a catch and a catch_ref deliver.
const CATCH = {
  types: [TAG_TYPE, type.func([], [t.i32, t.i64]), type.func([], [t.i32, t.i64, t.ref(ht.exn)])],
};

test('try_table with each kind of catch clause', () => {
  ok({
    ...CATCH,
    body: [
      op.block(idx(2)),
      op.try_table(null, catchClause.catch(0, 0)),
      op.i32_const(1),
      op.i64_const(2),
      op.throw(0),
      op.end,
      op.unreachable,
      op.end,
      op.drop,
      op.drop,
    ],
  });
  ok({
    ...CATCH,
    body: [
      op.block(idx(3)),
      op.try_table(null, catchClause.catchRef(0, 0)),
      op.end,
      op.unreachable,
      op.end,
      op.throw_ref,
      op.drop,
      op.drop,
    ],
  });
  ok({
    results: [t.i32],
    body: [
      op.block(),
      op.try_table(t.i32, catchClause.catchAll(0)),
      op.i32_const(3),
      op.end,
      op.return,
      op.end,
      op.i32_const(0),
    ],
  });
  ok({
    results: [t.ref(ht.exn)],
    body: [
      op.block(t.ref(ht.exn)),
      op.try_table(null, catchClause.catchAllRef(0)),
      op.end,
      op.unreachable,
      op.end,
    ],
  });
  // Several clauses, to different labels; a nullable exnref label accepts catch_all_ref.
  ok({
    ...CATCH,
    body: [
      op.block(t.exnref),
      op.block(idx(2)),
      op.try_table(
        null,
        catchClause.catch(0, 0),
        catchClause.catchAllRef(1),
        catchClause.catchAll(2),
      ),
      op.end,
      op.return,
      op.end,
      op.drop,
      op.drop,
      op.return,
      op.end,
      op.drop,
    ],
  });
});

test('catch clauses are checked against their labels', () => {
  // Labels count from the try_table's enclosing block: label 0 here is the function.
  const outer = mark();
  bad(
    {
      results: [t.i32],
      body: [outer, op.try_table(t.i32, catchClause.catchAll(0)), op.i32_const(1), op.end],
    },
    'type mismatch: catch handler requires [i32] but label has []',
    outer,
  );
  const params = mark();
  bad(
    {
      body: [
        op.block(t.i32),
        params,
        op.try_table(null, catchClause.catch(0, 0)),
        op.end,
        op.unreachable,
        op.end,
        op.drop,
      ],
    },
    'type mismatch: catch handler requires [i32] but label has [i32 i64]',
    params,
  );
  const ref = mark();
  bad(
    {
      ...CATCH,
      body: [
        op.block(idx(2)),
        ref,
        op.try_table(null, catchClause.catchRef(0, 0)),
        op.end,
        op.unreachable,
        op.end,
        op.drop,
        op.drop,
      ],
    },
    'type mismatch: catch handler requires [i32 i64] but label has [i32 i64 (ref exn)]',
    ref,
  );
  const label = mark();
  bad(
    { body: [label, op.try_table(null, catchClause.catchAll(1)), op.end] },
    'unknown label 1',
    label,
  );
  const tag = mark();
  bad(
    { body: [op.block(), tag, op.try_table(null, catchClause.catch(4, 0)), op.end, op.end] },
    'unknown tag 4',
    tag,
  );
  const kind = mark();
  malformed(
    funcModule(withTag({ body: [0x1f, 0x40, 1, kind, 0x04, 0, op.end] })),
    'malformed catch clause',
    kind,
  );
});

test('try_table is a block: params, results and branches', () => {
  ok({
    ...CATCH,
    results: [t.i64],
    body: [
      op.i32_const(1),
      op.i64_const(2),
      op.try_table(idx(1)),
      op.drop,
      op.drop,
      op.end,
      op.i64_const(0),
    ],
  });
  const result = mark();
  bad(
    { body: [op.try_table(t.i32), result, op.end, op.drop] },
    'type mismatch: instruction requires [i32] but stack has []',
    result,
  );
  ok({ results: [t.i32], body: [op.try_table(t.i32), op.i32_const(1), op.br(0), op.end] });
});

test('legacy exception handling: clauses are linked for compilers, rethrow needs a catch', () => {
  // try (result i32) ... catch 0 ... catch_all ... end; try ... delegate 0
  const m = valid(
    funcModule({
      types: [type.func([], [])],
      tags: [1],
      results: [t.i32],
      body: [
        op.try(t.i32),
        op.i32_const(1),
        op.catch(0),
        op.i32_const(2),
        op.catch_all,
        op.rethrow(0),
        op.end,
        op.try(),
        op.delegate(0),
      ],
    }),
  );
  const code = analyzeBody(m, m.bodies[0]!);
  const immOf = (i: number) =>
    Array.from(code.imm.subarray(code.immStart[i]!, code.immStart[i + 1]!));
  // try: block type, end index 6, first clause index 2.
  assert.equal(immOf(0), [-1, t.i32, 6, 2]);
  assert.equal(immOf(2), [0, 4]); // catch: tag 0, next clause at 4
  assert.equal(immOf(4), [6]); // catch_all: the end
  assert.equal(immOf(7), [-1, 0, 8, 8]); // try ... delegate: end and first clause are the delegate
  const at = mark();
  invalid(
    funcModule({ body: [op.block(), at, op.rethrow(0), op.end] }),
    'invalid rethrow label',
    at,
  );
  const label = mark();
  invalid(funcModule({ body: [op.try(), label, op.delegate(1)] }), 'unknown label 1', label);
  const tag = { types: [type.func([], [])], tags: [1] };
  for (const stray of [op.catch(0), op.catch_all, op.delegate(0)]) {
    const s = mark();
    malformed(funcModule({ ...tag, body: [s, stray] }), 'END opcode expected', s);
  }
  const late = mark();
  malformed(
    funcModule({ ...tag, body: [op.try(), op.catch_all, late, op.catch(0), op.end] }),
    'END opcode expected',
    late,
  );
});

test.run();
