/**
 * Hostile input: truncation, random mutation, huge declared counts, deep
 * nesting, huge local counts and large index spaces. Nothing here may throw
 * anything but a CompileError, overflow the stack, or allocate in proportion
 * to a declared (rather than an actual) size.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { CompileError } from '#src/errors.js';
import type { Code, ModuleInfo } from '#src/module.js';
import { Imm, OPS, opId } from '#src/opcodes.js';
import { parseModule } from '#src/parse.js';
import { I32, I64 } from '#src/types.js';
import {
  bodyRaw,
  catchClause,
  codeSec,
  elem,
  funcModule,
  funcSec,
  global,
  globalSec,
  globalType,
  ht,
  idx,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  section,
  t,
  tableType,
  type,
  typeSec,
  u32,
  wasm,
  type Bytes,
} from './support/builder.js';
import { compileError, invalid, malformed, prng, valid } from './support/check.js';
import { sample } from './support/sample.js';

const VOID = type.func([], []);
const MAX = 0xffffffff;

/** Parses, and analyzes every body of a valid module; returns the module or the CompileError. */
function attempt(bytes: Uint8Array): ModuleInfo | CompileError {
  try {
    const m = parseModule(bytes);
    for (const b of m.bodies) checkCode(analyzeBody(m, b));
    return m;
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
}

/** Structural invariants of an analyzed body. */
function checkCode(code: Code): void {
  const END = opId('end');
  const ELSE = opId('else');
  assert.is(code.ops[code.count - 1], END, 'the last instruction is end');
  for (let i = 0; i < code.count; i++) {
    assert.ok(code.heights[i]! <= code.maxHeight, 'height within maxHeight');
    if (i > 0) assert.ok(code.offsets[i]! > code.offsets[i - 1]!, 'offsets increase');
    const info = OPS[code.ops[i]!]!;
    if (info.imm === Imm.BLOCK || info.imm === Imm.TRY_TABLE) {
      const at = code.immStart[i]!;
      const end = code.imm[at + 2]!;
      const els = code.imm[at + 3]!;
      assert.ok(end > i && code.ops[end] === END, 'block end index');
      if (els !== -1) {
        assert.is(info.name, 'if');
        assert.ok(els > i && els < end && code.ops[els] === ELSE, 'else index');
      }
    }
  }
}

test('every truncation of a valid module is a decoding error', () => {
  const { bytes, sectionEnds } = sample();
  assert.ok(parseModule(bytes) !== undefined);
  // Cutting at these points leaves a complete, valid module: the header alone,
  // types, types and imports, and everything but the trailing name section.
  const complete = new Set([8, sectionEnds[0], sectionEnds[1], sectionEnds[12]]);
  for (let n = 0; n < bytes.length; n++) {
    const result = attempt(bytes.subarray(0, n));
    if (complete.has(n)) {
      assert.not.instance(result, CompileError, `prefix ${n} is a module`);
    } else {
      assert.instance(result, CompileError, `prefix ${n}`);
      assert.ok(
        (result as CompileError).malformed,
        `prefix ${n}: ${(result as CompileError).message}`,
      );
      assert.ok((result as CompileError).offset <= n, `prefix ${n}: offset within the input`);
    }
  }
});

test('random byte mutations give a module or a CompileError', () => {
  const { bytes } = sample();
  const rand = prng(0x5eed);
  let modules = 0;
  let errors = 0;
  for (let i = 0; i < 3000; i++) {
    const b = Array.from(bytes);
    const edits = 1 + Math.floor(rand() * 4);
    for (let j = 0; j < edits; j++) {
      const r = rand();
      const at = Math.floor(rand() * b.length);
      if (r < 0.6) b[at] = Math.floor(rand() * 256);
      else if (r < 0.7) b[at] = b[at]! ^ (1 << Math.floor(rand() * 8));
      else if (r < 0.85) b.splice(at, 1);
      else b.splice(at, 0, Math.floor(rand() * 256));
    }
    const result = attempt(Uint8Array.from(b));
    if (result instanceof CompileError) errors++;
    else modules++;
  }
  // Both outcomes occur: the mutations reach the validator as well as the decoder.
  assert.ok(modules > 0 && errors > 0, `${modules} modules, ${errors} errors`);
});

test('random instruction sequences give a module or a CompileError', () => {
  // prettier-ignore
  const pool: Bytes[] = [
    op.i32_const(1), op.i64_const(1), op.f32_const(1), op.v128_const([0, 0, 0, 0]), op.drop,
    op.select, op.i32_add, op.block(), op.block(t.i32), op.loop(), op.if(), op.if(t.i32), op.else,
    op.end, op.br(0), op.br(1), op.br_if(0), op.br_table([0, 1], 0), op.return, op.unreachable,
    op.local_get(0), op.local_set(0), op.local_get(1), op.local_tee(2), op.local_set(2),
    op.global_get(0), op.global_set(0), op.call(0), op.call_indirect(0, 0), op.ref_null(ht.func),
    op.ref_null(idx(1)), op.ref_is_null, op.ref_as_non_null, op.br_on_null(0), op.br_on_non_null(0),
    op.ref_func(0), op.struct_new(1), op.struct_get(1, 0), op.array_new_fixed(2, 2), op.array_len,
    op.ref_i31, op.i31_get_s, op.ref_test(ht.any), op.ref_cast(idx(1)), op.br_on_cast(1, 0, ht.any, idx(1)),
    op.br_on_cast_fail(3, 0, ht.any, ht.eq), op.any_convert_extern, op.extern_convert_any,
    op.try_table(null, catchClause.catchAll(0)), op.try_table(t.i32, catchClause.catch(0, 0)),
    op.throw(0), op.throw_ref, op.i32_load(), op.memory_size(), op.memory_fill(),
    op.i8x16_extract_lane_s(3), op.i32x4_add, op.select_t(t.i32), op.return_call(0), op.call_ref(0),
    op.table_get(0), op.i32_eqz,
  ];
  const rand = prng(42);
  let modules = 0;
  for (let i = 0; i < 3000; i++) {
    const code = Array.from(
      { length: Math.floor(rand() * 24) },
      () => pool[Math.floor(rand() * pool.length)]!,
    );
    const result = attempt(
      funcModule({
        params: [t.i32],
        results: [t.i32],
        types: [type.struct(type.field(t.i32, true)), type.array(type.field(t.i32, true)), VOID],
        locals: [
          [1, t.anyref],
          [1, t.ref(ht.func)],
        ],
        tables: [tableType(t.funcref, 1)],
        memories: [memType(1)],
        tags: [3],
        globals: [global(t.i32, true, op.i32_const(0))],
        elems: [elem.declarative([0])],
        body: code,
      }),
    );
    if (!(result instanceof CompileError)) modules++;
  }
  assert.ok(modules > 0, 'some random bodies are valid');
});

test('vector lengths near 2^32 fail fast with "length out of bounds"', () => {
  const huge = u32(MAX);
  const cases: [string, (at: Bytes) => Uint8Array][] = [
    ['types', (at) => wasm(section(1, at, huge))],
    ['imports', (at) => wasm(section(2, at, huge))],
    ['functions', (at) => wasm(section(3, at, huge))],
    ['tables', (at) => wasm(section(4, at, huge))],
    ['memories', (at) => wasm(section(5, at, huge))],
    ['tags', (at) => wasm(section(13, at, huge))],
    ['globals', (at) => wasm(section(6, at, huge))],
    ['exports', (at) => wasm(section(7, at, huge))],
    ['elements', (at) => wasm(section(9, at, huge))],
    ['code', (at) => wasm(section(10, at, huge))],
    ['data', (at) => wasm(section(11, at, huge))],
    ['params', (at) => wasm(typeSec([0x60, at, huge]))],
    ['results', (at) => wasm(typeSec([0x60, 0, at, huge]))],
    ['fields', (at) => wasm(typeSec([0x5f, at, huge]))],
    ['rec group', (at) => wasm(typeSec([0x4e, at, huge]))],
    ['supertypes', (at) => wasm(typeSec([0x50, at, huge]))],
    ['module name', (at) => wasm(importSec([at, huge]))],
    ['export name', (at) => wasm(section(7, 1, at, huge))],
    ['custom name', (at) => wasm(section(0, at, huge))],
    ['element indices', (at) => wasm(section(9, 1, 0x01, 0x00, at, huge))],
    ['element exprs', (at) => wasm(section(9, 1, 0x05, 0x70, at, huge))],
    ['data bytes', (at) => wasm(memSec(memType(1)), section(11, 1, 0x01, at, huge))],
    ['local runs', (at) => wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([at, huge])))],
    ['body size', (at) => wasm(typeSec(VOID), funcSec(0), section(10, 1, at, huge))],
    ['br_table', (at) => funcModule({ body: [op.i32_const(0), 0x0e, at, huge] })],
    [
      'select_t',
      (at) =>
        funcModule({ body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), 0x1c, at, huge] }),
    ],
    ['try_table', (at) => funcModule({ body: [0x1f, 0x40, at, huge] })],
  ];
  for (const [what, make] of cases) {
    const at = mark();
    const bytes = make(at);
    const e = malformed(bytes, 'length out of bounds', at);
    assert.ok(e, what);
  }
});

test('a br_table with 100,000 labels', () => {
  const n = 100000;
  const m = valid(
    funcModule({
      params: [t.i32],
      body: [op.block(), op.local_get(0), op.br_table(new Array<number>(n).fill(0), 0), op.end],
    }),
  );
  const code = analyzeBody(m, m.bodies[0]!);
  const i = [...code.ops].indexOf(opId('br_table'));
  assert.is(code.immStart[i + 1]! - code.immStart[i]!, n + 2);
  assert.is(code.imm[code.immStart[i]!], n);
  // One label too deep, at the very end.
  const at = mark();
  invalid(
    funcModule({
      params: [t.i32],
      body: [op.block(), op.local_get(0), at, op.br_table(new Array<number>(n).fill(0), 2), op.end],
    }),
    'unknown label 2',
    at,
  );
});

test('100,000 nested blocks validate without recursion', () => {
  const n = 100000;
  const blocks = funcModule({
    body: [new Array<Bytes>(n).fill(op.block()), op.br(n - 1), new Array<Bytes>(n).fill(op.end)],
  });
  const m = valid(blocks);
  const code = analyzeBody(m, m.bodies[0]!);
  assert.is(code.count, 2 * n + 2);
  assert.is(code.imm[code.immStart[0]! + 2], 2 * n, 'the outermost block ends last');
  const ifs = funcModule({
    results: [t.i32],
    body: [
      new Array<Bytes>(n).fill([op.i32_const(1), op.if(t.i32)]),
      op.i32_const(0),
      new Array<Bytes>(n).fill([op.else, op.i32_const(1), op.end]),
    ],
  });
  valid(ifs);
  // Labels 0 to n: the loops and the function; n + 1 is one too far.
  const loops = funcModule({
    body: [new Array<Bytes>(n).fill(op.loop()), op.br(n + 1), new Array<Bytes>(n).fill(op.end)],
  });
  const e = compileError(() => parseModule(loops));
  assert.is(e.message, `unknown label ${n + 1}`);
  // Unclosed: the code runs off the end of the module.
  const open = funcModule({ body: new Array<Bytes>(n).fill(op.block()) });
  malformed(open, 'unexpected end of section or function', open.length);
  const tries = funcModule({
    body: [
      new Array<Bytes>(n).fill(op.try_table(null, catchClause.catchAll(0))),
      new Array<Bytes>(n).fill(op.end),
    ],
  });
  valid(tries);
});

test('a deep operand stack', () => {
  const n = 200000;
  const m = valid(
    funcModule({
      results: [t.i64],
      body: [new Array<Bytes>(n).fill(op.i64_const(1)), new Array<Bytes>(n - 1).fill(op.i64_add)],
    }),
  );
  assert.is(analyzeBody(m, m.bodies[0]!).maxHeight, n);
});

test('local counts: 2^32 in total is too many, 2^32-1 is not', () => {
  const locals = mark();
  malformed(
    wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([locals, 2, u32(MAX), t.i32, 1, t.i64, 0x0b]))),
    'too many locals',
    locals,
  );
  const halves = mark();
  malformed(
    wasm(
      typeSec(VOID),
      funcSec(0),
      codeSec(bodyRaw([halves, 2, u32(2 ** 31), t.i32, u32(2 ** 31), t.i32, 0x0b])),
    ),
    'too many locals',
    halves,
  );
  // As in the reference interpreter, 2^32-1 declared locals are allowed, with any parameters.
  const m = valid(
    funcModule({ params: [t.f32], locals: [[MAX, t.i64]], body: [op.local_get(MAX), op.drop] }),
  );
  assert.is(m.bodies[0]!.numLocals, MAX);
  assert.equal(m.bodies[0]!.locals, [{ count: MAX, type: I64 }]);
  const code = analyzeBody(m, m.bodies[0]!);
  assert.is(code.imm[0]! >>> 0, MAX, 'local indices are u32 stored in an Int32Array');
});

test('about 2^31 locals in one run are never expanded', () => {
  const n = 2 ** 31 + 10;
  const before = process.memoryUsage();
  const m = valid(
    funcModule({
      params: [t.i32],
      locals: [[n, t.f64]],
      results: [t.f64],
      body: [op.local_get(0), op.drop, op.local_get(2 ** 31 + 5), op.local_get(n), op.f64_add],
    }),
  );
  const code = analyzeBody(m, m.bodies[0]!);
  assert.equal(
    [...code.imm].map((x) => x >>> 0),
    [0, I32, 2 ** 31 + 5, n],
  );
  const after = process.memoryUsage();
  const grown = after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed);
  assert.ok(grown < 64 * 2 ** 20, `memory grew by ${grown} bytes`);
  const beyond = mark();
  invalid(
    funcModule({ locals: [[n, t.f64]], body: [beyond, op.local_get(n), op.drop] }),
    `unknown local ${n}`,
    beyond,
  );
});

test('many runs of locals are looked up by run', () => {
  // 4,000 runs of 1,000 locals, alternating i32 and i64: more than are expanded.
  const runs = 4000;
  const locals: [number, Bytes][] = Array.from({ length: runs }, (_, i) => [
    1000,
    i % 2 ? t.i64 : t.i32,
  ]);
  const probes = [0, 999, 1000, 1999, 2000, 123456, 3999999];
  const m = valid(
    funcModule({
      locals,
      body: probes.flatMap((x) => [
        op.local_get(x),
        Math.floor(x / 1000) % 2 ? op.i64_eqz : op.i32_eqz,
        op.drop,
      ]),
    }),
  );
  assert.is(m.bodies[0]!.numLocals, runs * 1000);
  const wrong = mark();
  invalid(
    funcModule({ locals, body: [op.local_get(1500), wrong, op.i32_eqz, op.drop] }),
    'type mismatch: instruction requires [i32] but stack has [i64]',
    wrong,
  );
});

test('array.new_fixed with a huge count', () => {
  const types = [type.array(type.field(t.i32))];
  valid(funcModule({ types, body: [op.unreachable, op.array_new_fixed(1, MAX), op.drop] }));
  const at = mark();
  invalid(
    funcModule({ types, body: [op.i32_const(0), at, op.array_new_fixed(1, MAX), op.drop] }),
    'type mismatch: not enough operands',
    at,
  );
});

test('large recursion groups and many equal groups', () => {
  const n = 50000;
  const group = Array.from({ length: n }, (_, i) =>
    type.struct(type.field(t.refNull(idx((i + 1) % n)))),
  );
  const m = valid(wasm(typeSec(type.rec(...group))));
  assert.is(m.types.length, n);
  assert.is(m.types[n - 1]!.recSize, n);
  const same = valid(wasm(typeSec(...new Array<Bytes>(n).fill(type.struct(type.field(t.i32))))));
  assert.ok(same.canonicalTypes.every((c) => c === 0));
});

test('large index spaces: many imports, globals and tags', () => {
  const n = 30000;
  // Imported and defined globals, each defined one reading the previous global.
  const m = valid(
    wasm(
      importSec(...new Array<Bytes>(n).fill(imp.global('', '', globalType(t.i32)))),
      globalSec(
        ...Array.from({ length: n }, (_, i) => global(t.i32, false, op.global_get(n - 1 + i))),
      ),
    ),
  );
  assert.is(m.numImportedGlobals, n);
  assert.is(m.globals.length, 2 * n);
  assert.is(m.globals[n - 1]!.init, null);
  assert.equal(
    [...m.globals[2 * n - 1]!.init!],
    [opId('global.get'), 1, 2 * n - 2, opId('end'), 0],
  );
  const tags = valid(
    wasm(typeSec(VOID), importSec(...new Array<Bytes>(n).fill(imp.tag('', '', 0)))),
  );
  assert.is(tags.numImportedTags, n);
  assert.is(tags.tags.length, n);
});

test.run();
