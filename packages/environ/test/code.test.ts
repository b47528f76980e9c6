/** The code validator: control flow, stack typing, locals, globals, calls, memory. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bodyRaw,
  codeSec,
  exp,
  funcModule,
  funcSec,
  global,
  globalType,
  ht,
  idx,
  imp,
  mark,
  memType,
  op,
  t,
  tableType,
  type,
  typeSec,
  wasm,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const broken = (spec: FuncModule, message: string, at: Mark | number) =>
  malformed(funcModule(spec), message, at);

test('numeric instructions are typed by their signature', () => {
  ok({
    params: [t.i32, t.i64],
    results: [t.f64],
    body: [
      op.local_get(0),
      op.local_get(0),
      op.i32_add,
      op.i64_extend_i32_u,
      op.local_get(1),
      op.i64_mul,
      op.f64_convert_i64_s,
      op.f64_sqrt,
    ],
  });
  ok({ results: [t.i32], body: [op.f32_const(1.5), op.i32_trunc_sat_f32_s] });
  ok({ results: [t.i64], body: [op.i64_const(-1), op.i64_extend32_s] });
  const at = mark();
  bad(
    { results: [t.i32], body: [op.i32_const(1), op.i64_const(2), at, op.i32_add] },
    'type mismatch: instruction requires [i32 i32] but stack has [i32 i64]',
    at,
  );
  const empty = mark();
  bad(
    { results: [t.i32], body: [empty, op.i32_add] },
    'type mismatch: instruction requires [i32 i32] but stack has []',
    empty,
  );
  const unary = mark();
  bad(
    { body: [op.f32_const(0), unary, op.f64_neg, op.drop] },
    'type mismatch: instruction requires [f64] but stack has [f32]',
    unary,
  );
});

test('function results are checked at the final end', () => {
  ok({ results: [t.i32, t.i64], body: [op.i32_const(1), op.i64_const(2)] });
  const wrong = mark();
  bad(
    { results: [t.i64], body: [op.i32_const(1), wrong] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    wrong,
  );
  const extra = mark();
  bad(
    { body: [op.i32_const(1), extra] },
    'type mismatch: block requires [] but stack has [i32]',
    extra,
  );
  const more = mark();
  bad(
    { results: [t.i32], body: [op.i32_const(1), op.i32_const(2), more] },
    'type mismatch: block requires [i32] but stack has [i32 i32]',
    more,
  );
  const missing = mark();
  bad(
    { results: [t.i32, t.i32], body: [op.i32_const(1), missing] },
    'type mismatch: instruction requires [i32 i32] but stack has [i32]',
    missing,
  );
});

test('blocks, loops and ifs with value and type-index block types', () => {
  ok({
    results: [t.i32],
    body: [op.block(t.i32), op.i32_const(1), op.end],
  });
  // Multi-value: type 1 is [i32 i64] -> [i64 i32].
  ok({
    types: [type.func([t.i32, t.i64], [t.i64, t.i32])],
    results: [t.i64, t.i32],
    body: [
      op.i32_const(1),
      op.i64_const(2),
      op.block(idx(1)),
      op.local_set(0),
      op.drop,
      op.local_get(0),
      op.i32_const(4),
      op.end,
    ],
    locals: [[1, t.i64]],
  });
  ok({
    types: [type.func([t.i32], [t.i32])],
    params: [t.i32],
    results: [t.i32],
    body: [op.local_get(0), op.loop(idx(1)), op.i32_const(1), op.i32_sub, op.end],
  });
  ok({
    params: [t.i32],
    results: [t.f32],
    body: [op.local_get(0), op.if(t.f32), op.f32_const(1), op.else, op.f32_const(2), op.end],
  });
  // A block's parameters are not visible as outer operands.
  const inner = mark();
  bad(
    { body: [op.i32_const(1), op.block(), inner, op.drop, op.end, op.drop] },
    'type mismatch: instruction requires [any] but stack has []',
    inner,
  );
  const blockEnd = mark();
  bad(
    { body: [op.block(t.i32), blockEnd, op.end, op.drop] },
    'type mismatch: instruction requires [i32] but stack has []',
    blockEnd,
  );
});

test('if without else must have matching params and results', () => {
  ok({
    types: [type.func([t.i32], [t.i32])],
    results: [t.i32],
    body: [op.i32_const(5), op.i32_const(1), op.if(idx(1)), op.i32_const(2), op.i32_add, op.end],
  });
  const end = mark();
  bad(
    { results: [t.i32], body: [op.i32_const(1), op.if(t.i32), op.i32_const(1), end, op.end] },
    'type mismatch: instruction requires [i32] but stack has []',
    end,
  );
  const cond = mark();
  bad(
    { body: [op.i64_const(1), cond, op.if(), op.end] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    cond,
  );
});

test('block types: unknown and non-function types, malformed codes', () => {
  const unknown = mark();
  bad({ body: [unknown, op.block(idx(5)), op.end] }, 'unknown type 5', unknown);
  const struct = mark();
  bad(
    { types: [type.struct()], body: [struct, op.block(idx(1)), op.end] },
    'type mismatch: non-function type 1',
    struct,
  );
  const ref = mark();
  bad({ body: [ref, op.block(t.ref(idx(9))), op.unreachable, op.end] }, 'unknown type 9', ref);
  const code = mark();
  broken({ body: [0x02, code, 0x50, op.end] }, 'malformed reference type', code);
});

test('misplaced else and end are decoding errors', () => {
  const top = mark();
  broken({ body: [top, op.else] }, 'END opcode expected', top);
  const inBlock = mark();
  broken({ body: [op.block(), inBlock, op.else, op.end] }, 'END opcode expected', inBlock);
  const twice = mark();
  broken(
    { body: [op.i32_const(0), op.if(), op.else, twice, op.else, op.end] },
    'END opcode expected',
    twice,
  );
  // A misplaced else is reported even after a validation error in the same body.
  const late = mark();
  broken({ body: [op.i32_add, op.drop, late, op.else] }, 'END opcode expected', late);
});

test('branches: br, br_if, return and label types', () => {
  ok({
    results: [t.i32],
    body: [op.block(t.i32), op.i32_const(1), op.br(0), op.end],
  });
  ok({
    results: [t.i32],
    body: [op.block(t.i32), op.i32_const(7), op.i32_const(1), op.br_if(0), op.end],
  });
  // A loop label takes the loop's parameters.
  ok({
    types: [type.func([t.i32], [])],
    body: [op.i32_const(1), op.loop(idx(1)), op.br(0), op.end],
  });
  ok({ results: [t.i32], body: [op.i32_const(1), op.return] });
  const label = mark();
  bad({ body: [op.block(), label, op.br(2), op.end] }, 'unknown label 2', label);
  const huge = mark();
  bad({ body: [huge, op.br(0xffffffff)] }, 'unknown label 4294967295', huge);
  const type_ = mark();
  bad(
    { body: [op.block(t.i32), op.i64_const(1), type_, op.br(0), op.end, op.drop] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    type_,
  );
  const cond = mark();
  bad(
    { body: [op.block(), cond, op.br_if(0), op.end] },
    'type mismatch: instruction requires [i32] but stack has []',
    cond,
  );
  const ret = mark();
  bad(
    { results: [t.i32], body: [op.f32_const(0), ret, op.return] },
    'type mismatch: instruction requires [i32] but stack has [f32]',
    ret,
  );
});

test('br_table: labels, arity and operand types', () => {
  ok({
    params: [t.i32],
    results: [t.i32],
    body: [
      op.block(t.i32),
      op.block(t.i32),
      op.i32_const(1),
      op.local_get(0),
      op.br_table([0, 1, 0], 1),
      op.end,
      op.end,
    ],
  });
  // A loop and a block with the same label types may be mixed.
  ok({
    params: [t.i32],
    body: [op.loop(), op.block(), op.local_get(0), op.br_table([0, 1], 0), op.end, op.end],
  });
  const arity = mark();
  bad(
    {
      params: [t.i32],
      body: [
        op.block(),
        op.block(t.i32),
        op.i32_const(0),
        op.local_get(0),
        arity,
        op.br_table([0], 1),
        op.end,
        op.drop,
        op.end,
      ],
    },
    'type mismatch: instruction requires [i32] but stack has []',
    arity,
  );
  const operand = mark();
  bad(
    {
      params: [t.i32],
      body: [
        op.block(t.i64),
        op.i32_const(0),
        op.local_get(0),
        operand,
        op.br_table([], 0),
        op.end,
        op.drop,
      ],
    },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    operand,
  );
  const label = mark();
  bad(
    { params: [t.i32], body: [op.local_get(0), label, op.br_table([0, 3], 0)] },
    'unknown label 3',
    label,
  );
});

test('br_table looks up its labels before popping the index', () => {
  // As in the reference interpreter, an unknown label is reported before a
  // missing operand.
  const at = mark();
  bad({ body: [at, op.br_table([], 7)] }, 'unknown label 7', at);
  const inList = mark();
  bad({ body: [op.block(), inList, op.br_table([0, 5], 0), op.end] }, 'unknown label 5', inList);
});

test('unreachable code is stack-polymorphic', () => {
  ok({ results: [t.i32], body: [op.unreachable] });
  ok({ results: [t.i32], body: [op.unreachable, op.i32_add] });
  ok({ body: [op.unreachable, op.drop, op.drop, op.select, op.drop] });
  ok({ results: [t.i64], body: [op.i64_const(0), op.return, op.i64_const(1), op.i64_add] });
  ok({
    results: [t.f32],
    body: [op.block(), op.br(0), op.i32_add, op.drop, op.end, op.unreachable],
  });
  // Known operands are still checked.
  const known = mark();
  bad(
    { results: [t.i32], body: [op.unreachable, op.i64_const(1), known, op.i32_add] },
    'type mismatch: instruction requires [i32 i32] but stack has [i64]',
    known,
  );
  // Polymorphism ends with the block.
  const after = mark();
  bad(
    { body: [op.block(), op.unreachable, op.end, after, op.i32_add, op.drop] },
    'type mismatch: instruction requires [i32 i32] but stack has []',
    after,
  );
});

test('locals: parameters first, then declared runs', () => {
  ok({
    params: [t.i32],
    locals: [
      [2, t.i64],
      [1, t.f32],
    ],
    results: [t.f32],
    body: [
      op.local_get(0),
      op.drop,
      op.i64_const(1),
      op.local_set(2),
      op.local_get(1),
      op.local_tee(2),
      op.drop,
      op.local_get(3),
    ],
  });
  const unknown = mark();
  bad(
    { params: [t.i32], locals: [[2, t.i64]], body: [unknown, op.local_get(3), op.drop] },
    'unknown local 3',
    unknown,
  );
  const set = mark();
  bad(
    { locals: [[1, t.i64]], body: [op.i32_const(0), set, op.local_set(0)] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    set,
  );
  const tee = mark();
  bad(
    { params: [t.f64], results: [t.f32], body: [op.f64_const(0), op.local_tee(0), tee] },
    'type mismatch: instruction requires [f32] but stack has [f64]',
    tee,
  );
  const type_ = mark();
  bad({ locals: [[1, t.ref(idx(4))]], body: [type_] }, 'unknown type 4', type_);
});

test('globals: get, set and mutability', () => {
  ok({
    imports: [imp.global('env', 'g', globalType(t.i64, true))],
    globals: [global(t.f32, false, op.f32_const(1))],
    results: [t.f32],
    body: [op.i64_const(1), op.global_set(0), op.global_get(1)],
  });
  const unknown = mark();
  bad({ body: [unknown, op.global_get(0), op.drop] }, 'unknown global 0', unknown);
  const immutable = mark();
  bad(
    {
      globals: [global(t.i32, false, op.i32_const(0))],
      body: [op.i32_const(1), immutable, op.global_set(0)],
    },
    'immutable global',
    immutable,
  );
  const type_ = mark();
  bad(
    {
      globals: [global(t.i32, true, op.i32_const(0))],
      body: [op.f32_const(1), type_, op.global_set(0)],
    },
    'type mismatch: instruction requires [i32] but stack has [f32]',
    type_,
  );
});

test('calls: direct and indirect', () => {
  ok({
    types: [type.func([t.i32, t.i64], [t.f32])],
    imports: [imp.func('env', 'f', 1)],
    tables: [tableType(t.funcref, 1)],
    results: [t.f32],
    body: [
      op.i32_const(1),
      op.i64_const(2),
      op.call(0),
      op.drop,
      op.i32_const(1),
      op.i64_const(2),
      op.i32_const(0),
      op.call_indirect(1, 0),
    ],
  });
  // A recursive call to the function itself (index 0, no imports).
  ok({ params: [t.i32], body: [op.local_get(0), op.call(0)] });
  const unknown = mark();
  bad({ body: [unknown, op.call(1)] }, 'unknown function 1', unknown);
  const args = mark();
  bad(
    { params: [t.i32], body: [op.i64_const(0), args, op.call(0)] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    args,
  );
  const table = mark();
  bad({ body: [op.i32_const(0), table, op.call_indirect(0, 0)] }, 'unknown table 0', table);
  const typeIndex = mark();
  bad(
    {
      tables: [tableType(t.funcref, 1)],
      body: [op.i32_const(0), typeIndex, op.call_indirect(3, 0)],
    },
    'unknown type 3',
    typeIndex,
  );
  const extern = mark();
  bad(
    {
      tables: [tableType(t.externref, 1)],
      body: [op.i32_const(0), extern, op.call_indirect(0, 0)],
    },
    'type mismatch: instruction requires table of function type but table has element type externref',
    extern,
  );
  const index = mark();
  bad(
    { tables: [tableType(t.funcref, 1)], body: [op.i64_const(0), index, op.call_indirect(0, 0)] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    index,
  );
});

test('drop and select', () => {
  ok({ body: [op.i32_const(1), op.drop, op.v128_const([0, 0, 0, 0]), op.drop] });
  ok({
    results: [t.f64],
    body: [op.f64_const(1), op.f64_const(2), op.i32_const(0), op.select],
  });
  ok({
    results: [t.funcref],
    body: [op.ref_null(ht.func), op.ref_null(ht.func), op.i32_const(0), op.select_t(t.funcref)],
  });
  const empty = mark();
  bad(
    { body: [empty, op.drop] },
    'type mismatch: instruction requires [any] but stack has []',
    empty,
  );
  const refs = mark();
  bad(
    {
      body: [op.ref_null(ht.func), op.ref_null(ht.func), op.i32_const(0), refs, op.select, op.drop],
    },
    'type mismatch: instruction requires numeric or vector type but stack has funcref',
    refs,
  );
  const arity0 = mark();
  bad(
    { body: [op.i32_const(1), op.i32_const(1), op.i32_const(0), arity0, op.select_t(), op.drop] },
    'invalid result arity',
    arity0,
  );
  const arity2 = mark();
  bad(
    {
      body: [
        op.i32_const(1),
        op.i32_const(1),
        op.i32_const(0),
        arity2,
        op.select_t(t.i32, t.i32),
        op.drop,
      ],
    },
    'invalid result arity',
    arity2,
  );
  const typed = mark();
  bad(
    {
      body: [op.i64_const(1), op.i32_const(1), op.i32_const(0), typed, op.select_t(t.i32), op.drop],
    },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    typed,
  );
});

test('select reports the operands it was given', () => {
  const at = mark();
  bad(
    { body: [op.i32_const(1), op.i64_const(1), op.i32_const(0), at, op.select, op.drop] },
    'type mismatch: instruction requires [i64 i64 i32] but stack has [i32 i64 i32]',
    at,
  );
});

test('memory instructions: memory index, alignment, offset', () => {
  ok({
    memories: [memType(1)],
    results: [t.i64],
    body: [
      op.i32_const(0),
      op.i32_const(0),
      op.i32_load8_u(0, 0xffffffff),
      op.i32_store16(1),
      op.memory_size(),
      op.memory_grow(),
      op.drop,
      op.i32_const(0),
      op.i64_load(3),
    ],
  });
  const unknown = mark();
  bad({ body: [op.i32_const(0), unknown, op.i32_load(), op.drop] }, 'unknown memory 0', unknown);
  const size = mark();
  bad({ body: [size, op.memory_size(), op.drop] }, 'unknown memory 0', size);
  for (const [make, align] of [
    [op.i32_load8_s, 1],
    [op.i32_load16_u, 2],
    [op.i32_load, 3],
    [op.i64_load, 4],
    [op.i64_load32_s, 3],
  ] as const) {
    const at = mark();
    bad(
      { memories: [memType(1)], body: [op.i32_const(0), at, make(align), op.drop] },
      'alignment must not be larger than natural',
      at,
    );
  }
  const huge = mark();
  bad(
    { memories: [memType(1)], body: [op.i32_const(0), huge, op.i32_load(40), op.drop] },
    'alignment must not be larger than natural',
    huge,
  );
  const offset = mark();
  bad(
    { memories: [memType(1)], body: [op.i32_const(0), offset, op.i32_load(2, 2 ** 32), op.drop] },
    'offset out of range',
    offset,
  );
  const flags = mark();
  broken(
    { memories: [memType(1)], body: [op.i32_const(0), 0x28, flags, 0x80, 0x01, 0, op.drop] },
    'malformed memop flags',
    flags,
  );
  const addr = mark();
  bad(
    { memories: [memType(1)], body: [op.i64_const(0), addr, op.i32_load(), op.drop] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    addr,
  );
});

test('illegal opcodes', () => {
  for (const [bytes, message] of [
    [[0x16], 'illegal opcode 16'],
    [[0x17], 'illegal opcode 17'],
    [[0x1d], 'illegal opcode 1d'],
    [[0x1e], 'illegal opcode 1e'],
    [[0x27], 'illegal opcode 27'],
    [[0xc5], 'illegal opcode c5'],
    [[0xd7], 'illegal opcode d7'],
    [[0xff], 'illegal opcode ff'],
    [[0xfb, 0x1f], 'illegal opcode fb 1f'],
    [[0xfc, 0x12], 'illegal opcode fc 12'],
    [[0xfd, 0x9a, 0x01], 'illegal opcode 9a'],
    [[0xfd, 0x80, 0x04], 'illegal opcode 200'],
    [[0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f], 'illegal opcode fc ffffffff'],
  ] as const) {
    const at = mark();
    broken({ body: [at, [...bytes]] }, message, at);
  }
});

test('prefixed opcodes do not reach into other prefixes', () => {
  // Sub-opcodes 0x100 and up of 0xfb and 0xfc are not 0xfc and 0xfd instructions.
  const gc = mark();
  broken(
    { params: [t.f32], body: [op.local_get(0), gc, op.gc(0x100), op.drop] },
    'illegal opcode fb 100',
    gc,
  );
  const misc = mark();
  broken(
    {
      body: [
        op.v128_const([0, 0, 0, 0]),
        op.v128_const([0, 0, 0, 0]),
        misc,
        op.misc(0x100),
        op.drop,
      ],
    },
    'illegal opcode fc 100',
    misc,
  );
});

test('truncated and oversized immediates', () => {
  // A body whose code runs off the end of the module inside an immediate.
  const VOID = type.func([], []);
  const truncated = wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([0, 0x41])));
  malformed(truncated, 'unexpected end of section or function', truncated.length);
  const leb = wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([0, 0x41, 0x80])));
  malformed(leb, 'unexpected end of section or function', leb.length);
  const big = mark();
  const tooLarge = funcModule({ body: [0x41, big, [0xff, 0xff, 0xff, 0xff, 0x4f], op.drop] });
  malformed(tooLarge, 'integer too large', big.offset + 4);
  const long = mark();
  const tooLong = funcModule({ body: [0x41, long, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], op.drop] });
  malformed(tooLong, 'integer representation too long', long.offset + 5);
  const i64 = mark();
  const wide = funcModule({
    body: [0x42, i64, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02], op.drop],
  });
  malformed(wide, 'integer too large', i64.offset + 9);
  const cutFloat = wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([0, 0x44, 0, 0, 0, 0])));
  malformed(cutFloat, 'unexpected end of section or function', cutFloat.length);
});

test('a validation error in one body stops validation of the others', () => {
  const first = mark();
  const m = funcModule({
    body: [first, op.i32_add],
    funcs: [{ type: 0, body: [op.i64_add] }],
  });
  invalid(m, 'type mismatch: instruction requires [i32 i32] but stack has []', first);
  // ...but later bodies are still decoded: a malformed one wins.
  const late = mark();
  malformed(
    funcModule({ body: [op.i32_add], funcs: [{ type: 0, body: [late, 0x16] }] }),
    'illegal opcode 16',
    late,
  );
});

test('bodies of a module are recorded in order with their types', () => {
  const m = ok({
    types: [type.func([t.i32], [t.i32])],
    exports: [exp('g', 'func', 1)],
    body: [],
    funcs: [{ type: 1, body: [op.local_get(0)] }],
  });
  assert.equal(
    m.bodies.map((b) => [b.funcIndex, b.typeIndex]),
    [
      [0, 0],
      [1, 1],
    ],
  );
  // A bare code section with a raw body.
  valid(wasm(typeSec(type.func([], [])), funcSec(0), codeSec(bodyRaw([0, 0x01, 0x0b]))));
});

test.run();
