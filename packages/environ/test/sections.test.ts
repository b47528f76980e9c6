/** Module structure: header, section framing and order, and the decoded ModuleInfo. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ENVIRON_INTERFACE_VERSION } from '#src/module.js';
import { opId } from '#src/opcodes.js';
import { EXTERNREF, F64, FUNCREF, HT_FUNC, I32, I64, refType } from '#src/types.js';
import {
  body,
  bodyRaw,
  codeSec,
  customSec,
  data,
  dataCountSec,
  dataSec,
  elem,
  elemSec,
  exp,
  exportSec,
  funcSec,
  global,
  globalSec,
  globalType,
  ht,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  section,
  startSec,
  str,
  t,
  tableSec,
  tableType,
  tableWithInit,
  tagSec,
  type,
  typeSec,
  u32,
  vec,
  wasm,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const VOID = type.func([], []);
const C = (n: number) => [opId('i32.const'), 1, n, opId('end'), 0];

test('the empty module is valid and has empty contents', () => {
  const m = valid(wasm());
  assert.is(m.interfaceVersion, ENVIRON_INTERFACE_VERSION);
  assert.equal(m.types, []);
  assert.equal(m.imports, []);
  assert.equal([...m.funcTypes], []);
  assert.equal(m.bodies, []);
  assert.is(m.start, null);
  assert.is(m.dataCount, null);
  assert.is(m.names.module, null);
  assert.is(m.declaredFuncs.size, 0);
});

test('the header: magic, version, truncation', () => {
  malformed(new Uint8Array([]), 'unexpected end of section or function', 0);
  malformed(new Uint8Array([0x00, 0x61, 0x73]), 'unexpected end of section or function', 3);
  malformed(new Uint8Array([0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), 'magic header not detected', 0);
  malformed(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unknown binary version', 4);
  malformed(
    new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0]),
    'unexpected end of section or function',
    6,
  );
});

test('section ids above 13 are malformed', () => {
  const bytes = new Uint8Array([...HEADER, 14, 0]);
  malformed(bytes, 'malformed section id', 8);
  malformed(new Uint8Array([...HEADER, 0x80, 0]), 'malformed section id', 8);
});

test('section sizes must match their contents', () => {
  // A type section claiming 5 bytes but holding one 4-byte function type and a stray byte.
  malformed(new Uint8Array([...HEADER, 1, 5, 1, 0x60, 0, 0, 0]), 'section size mismatch', 10);
  // A type section claiming 3 bytes whose type is 4 bytes long.
  malformed(new Uint8Array([...HEADER, 1, 3, 1, 0x60, 0, 0]), 'section size mismatch', 10);
  // A size running past the end of the input.
  malformed(new Uint8Array([...HEADER, 1, 0x20, 0]), 'length out of bounds', 9);
  // The size field itself truncated.
  malformed(new Uint8Array([...HEADER, 1, 0x80]), 'unexpected end of section or function', 10);
});

test('sections must come in order and at most once', () => {
  const outOfOrder = wasm(funcSec(), typeSec());
  malformed(outOfOrder, 'unexpected content after last section', outOfOrder.length);
  const twice = wasm(typeSec(), typeSec());
  malformed(twice, 'unexpected content after last section', twice.length);
  // Tags (13) go between memories and globals, data count (12) between elements and code.
  valid(
    wasm(
      memSec(),
      tagSec(),
      globalSec(),
      exportSec(),
      elemSec(),
      dataCountSec(0),
      codeSec(),
      dataSec(),
    ),
  );
  const tagsLate = wasm(globalSec(), tagSec());
  malformed(tagsLate, 'unexpected content after last section', tagsLate.length);
  const countLate = wasm(codeSec(), dataCountSec(0));
  malformed(countLate, 'unexpected content after last section', countLate.length);
  // Empty sections are fine, as is every section in the canonical order.
  valid(
    wasm(
      typeSec(),
      importSec(),
      funcSec(),
      tableSec(),
      memSec(),
      tagSec(),
      globalSec(),
      exportSec(),
    ),
  );
});

test('custom sections may appear anywhere and are kept with their offsets', () => {
  const a = mark();
  const b = mark();
  const c = mark();
  const bytes = wasm(
    [a, customSec('first', [1, 2, 3])],
    typeSec(VOID),
    [b, customSec('', [])],
    funcSec(0),
    codeSec(body([])),
    [c, customSec('last', [0xff])],
  );
  const m = valid(bytes);
  assert.equal(
    m.customSections.map((c) => [c.name, [...c.bytes], c.offset]),
    [
      ['first', [1, 2, 3], a.offset],
      ['', [], b.offset],
      ['last', [0xff], c.offset],
    ],
  );
  // The payload is a view into the module's own copy of the bytes, not into the input.
  assert.is(m.customSections[0]!.bytes.buffer, m.bytes.buffer);
  assert.is.not(m.customSections[0]!.bytes.buffer, bytes.buffer);
});

test('custom section names must fit and be UTF-8', () => {
  // The name (length 5) runs past the 3-byte section.
  const long = wasm(section(0, [5, 0x61, 0x62]), typeSec(VOID));
  malformed(long, 'unexpected end of section or function', long.length);
  const at = mark();
  malformed(wasm(section(0, at, [2, 0xc0, 0x80])), 'malformed UTF-8 encoding', at);
  malformed(new Uint8Array([...HEADER, 0, 2, 5, 0x61]), 'length out of bounds', 10);
});

test('imports of every kind are decoded', () => {
  const m = valid(
    wasm(
      typeSec(VOID),
      importSec(
        imp.func('env', 'f', 0),
        imp.table('env', 't', tableType(t.funcref, 1, 10)),
        imp.memory('env', 'm', memType(2)),
        imp.global('env', 'g', globalType(t.f64, true)),
        imp.tag('env', 'e', 0),
        imp.func('other', '\u00e9', 0),
      ),
    ),
  );
  assert.equal(m.imports, [
    { module: 'env', name: 'f', kind: 'func', typeIndex: 0 },
    {
      module: 'env',
      name: 't',
      kind: 'table',
      type: { element: FUNCREF, limits: { min: 1, max: 10 }, is64: false },
    },
    {
      module: 'env',
      name: 'm',
      kind: 'memory',
      type: { limits: { min: 2, max: null }, is64: false, shared: false },
    },
    { module: 'env', name: 'g', kind: 'global', type: { type: F64, mutable: true } },
    { module: 'env', name: 'e', kind: 'tag', type: { typeIndex: 0 } },
    { module: 'other', name: '\u00e9', kind: 'func', typeIndex: 0 },
  ]);
  assert.equal([...m.funcTypes], [0, 0]);
  assert.is(m.numImportedFuncs, 2);
  assert.is(m.numImportedTables, 1);
  assert.is(m.numImportedMemories, 1);
  assert.is(m.numImportedGlobals, 1);
  assert.is(m.numImportedTags, 1);
  assert.equal(m.tables, [
    { type: { element: FUNCREF, limits: { min: 1, max: 10 }, is64: false }, init: null },
  ]);
  assert.equal(m.globals, [{ type: { type: F64, mutable: true }, init: null }]);
  assert.equal(m.tags, [{ typeIndex: 0 }]);
});

test('malformed imports', () => {
  const kind = mark();
  malformed(
    wasm(typeSec(VOID), importSec([str('a'), str('b'), kind, 0x05, 0])),
    'malformed import kind',
    kind,
  );
  const name = mark();
  malformed(
    wasm(importSec([name, [2, 0xed, 0xa0], str('b'), 0x00, 0])),
    'malformed UTF-8 encoding',
    name,
  );
  const mut = mark();
  malformed(
    wasm(importSec([str('a'), str('b'), 0x03, t.i32, mut, 2])),
    'malformed mutability',
    mut,
  );
  const lim = mark();
  malformed(
    wasm(importSec([str('a'), str('b'), 0x02, lim, 0x08, 0])),
    'malformed limits flags',
    lim,
  );
  const vt = mark();
  malformed(
    wasm(importSec([str('a'), str('b'), 0x03, vt, 0x50, 0])),
    'malformed reference type',
    vt,
  );
});

test('invalid imports', () => {
  const at = mark();
  invalid(
    wasm(typeSec(VOID), importSec(imp.func('a', 'b', 0), [at, imp.func('a', 'c', 1)])),
    'unknown type 1',
    at,
  );
  const struct = mark();
  invalid(
    wasm(typeSec(type.struct()), importSec([struct, imp.func('a', 'b', 0)])),
    'type mismatch: non-function type 0',
    struct,
  );
  const g = mark();
  invalid(
    wasm(importSec([g, imp.global('a', 'b', globalType(t.ref({ idx: 3 })))])),
    'unknown type 3',
    g,
  );
});

test('functions, code and bodies', () => {
  const second = mark();
  const bytes = wasm(
    typeSec(VOID, type.func([t.i32], [t.i32])),
    importSec(imp.func('env', 'f', 0)),
    funcSec(1, 0),
    codeSec(
      body(
        [op.local_get(0)],
        [
          [2, t.i64],
          [0, t.f32],
          [1, t.f64],
        ],
      ),
      [second, body([])],
    ),
    customSec('x'),
  );
  const m = valid(bytes);
  assert.equal([...m.funcTypes], [0, 1, 0]);
  assert.is(m.numImportedFuncs, 1);
  assert.is(m.bodies.length, 2);
  const [b0, b1] = m.bodies;
  assert.is(b0!.funcIndex, 1);
  assert.is(b0!.typeIndex, 1);
  assert.equal(b0!.locals, [
    { count: 2, type: I64 },
    { count: 0, type: 0x7d },
    { count: 1, type: F64 },
  ]);
  assert.is(b0!.numLocals, 3);
  // The body entry spans its size byte to its `end`; code starts after the locals.
  assert.is(bytes[b0!.end - 1], 0x0b);
  assert.is(b0!.end, second.offset);
  assert.is(b0!.codeStart, b0!.start + 1 + 1 + 3 * 2);
  assert.equal([...bytes.subarray(b0!.codeStart, b0!.end)], [0x20, 0x00, 0x0b]);
  assert.is(b1!.funcIndex, 2);
  assert.is(b1!.start, second.offset);
  assert.is(b1!.codeStart, second.offset + 2);
});

test('function and code sections must agree', () => {
  const noCode = wasm(typeSec(VOID), funcSec(0));
  malformed(noCode, 'function and code section have inconsistent lengths', noCode.length);
  const extraBody = wasm(typeSec(VOID), funcSec(0), codeSec(body([]), body([])));
  malformed(extraBody, 'function and code section have inconsistent lengths', extraBody.length);
  const noFuncs = wasm(codeSec(body([])));
  malformed(noFuncs, 'function and code section have inconsistent lengths', noFuncs.length);
  // An unknown type index for a function is a validation error, at the function section.
  const at = mark();
  invalid(
    wasm(typeSec(VOID), section(3, at, vec([u32(0), u32(7)])), codeSec(body([]), body([]))),
    'unknown type 7',
    at,
  );
});

test('body sizes must match the instructions', () => {
  // The body claims 4 bytes but ends (with `end`) after 3.
  const size = mark();
  malformed(
    wasm(typeSec(VOID), funcSec(0), codeSec([4, size, 0, 0x01, 0x0b, 0x01])),
    'section size mismatch',
    size,
  );
  // A body size beyond the input.
  const len = mark();
  malformed(
    wasm(typeSec(VOID), funcSec(0), section(10, 1, len, 0x7f)),
    'length out of bounds',
    len,
  );
  // Instructions running off the end of the module.
  const cut = wasm(typeSec(VOID), funcSec(0), section(10, 1, 3, 0, 0x41, 0x80));
  malformed(cut, 'unexpected end of section or function', cut.length);
  // The `end` of the body is missing; decoding runs into the next section and stops there.
  const noEnd = wasm(typeSec(VOID), funcSec(0), codeSec(bodyRaw([0, op.nop])));
  malformed(noEnd, 'unexpected end of section or function', noEnd.length);
});

test('exports are decoded and checked', () => {
  const m = valid(
    wasm(
      typeSec(VOID),
      importSec(imp.global('env', 'g', globalType(t.i32))),
      funcSec(0),
      tableSec(tableType(t.funcref, 0)),
      memSec(memType(0)),
      tagSec(0),
      exportSec(
        exp('f', 'func', 0),
        exp('t', 'table', 0),
        exp('m', 'memory', 0),
        exp('g', 'global', 0),
        exp('e', 'tag', 0),
      ),
      codeSec(body([])),
    ),
  );
  assert.equal(m.exports, [
    { name: 'f', kind: 'func', index: 0 },
    { name: 't', kind: 'table', index: 0 },
    { name: 'm', kind: 'memory', index: 0 },
    { name: 'g', kind: 'global', index: 0 },
    { name: 'e', kind: 'tag', index: 0 },
  ]);
  assert.ok(m.declaredFuncs.has(0), 'exported functions are declared');

  const kind = mark();
  malformed(wasm(exportSec([str('x'), kind, 5, 0])), 'malformed export kind', kind);
  for (const [k, category] of [
    ['func', 'function'],
    ['table', 'table'],
    ['memory', 'memory'],
    ['global', 'global'],
    ['tag', 'tag'],
  ] as const) {
    const at = mark();
    invalid(wasm(exportSec([at, exp('x', k, 0)])), `unknown ${category} 0`, at);
  }
  const dup = mark();
  invalid(
    wasm(memSec(memType(0)), exportSec(exp('a', 'memory', 0), [dup, exp('a', 'memory', 0)])),
    'duplicate export name "a"',
    dup,
  );
});

test('exports are checked one by one: index, then name', () => {
  // The reference checks each export's index before its name, export after
  // export: the duplicate name of the second export comes before the unknown
  // index of the third.
  const dup = mark();
  invalid(
    wasm(
      typeSec(VOID),
      funcSec(0),
      exportSec(exp('a', 'func', 0), [dup, exp('a', 'func', 0)], exp('b', 'func', 9)),
      codeSec(body([])),
    ),
    'duplicate export name "a"',
    dup,
  );
  const unknown = mark();
  invalid(
    wasm(
      typeSec(VOID),
      funcSec(0),
      exportSec(exp('a', 'func', 0), [unknown, exp('a', 'func', 9)]),
      codeSec(body([])),
    ),
    'unknown function 9',
    unknown,
  );
});

test('the start function', () => {
  const ok = valid(
    wasm(
      typeSec(VOID),
      importSec(imp.func('a', 'b', 0)),
      funcSec(0),
      startSec(1),
      codeSec(body([])),
    ),
  );
  assert.is(ok.start, 1);
  const unknown = mark();
  invalid(
    wasm(typeSec(VOID), funcSec(0), section(8, unknown, u32(1)), codeSec(body([]))),
    'unknown function 1',
    unknown,
  );
  for (const sig of [type.func([t.i32], []), type.func([], [t.i32])]) {
    const at = mark();
    invalid(
      wasm(typeSec(sig), funcSec(0), section(8, at, u32(0)), codeSec(body([op.unreachable]))),
      'start function must not have parameters or results',
      at,
    );
  }
});

test('tables: limits, element types and initializers', () => {
  const m = valid(
    wasm(
      typeSec(VOID),
      funcSec(0),
      tableSec(
        tableType(t.funcref, 1),
        tableType(t.externref, 0, 5),
        tableWithInit(tableType(t.ref(ht.func), 2), op.ref_func(0)),
      ),
      codeSec(body([])),
    ),
  );
  assert.equal(m.tables, [
    { type: { element: FUNCREF, limits: { min: 1, max: null }, is64: false }, init: null },
    { type: { element: EXTERNREF, limits: { min: 0, max: 5 }, is64: false }, init: null },
    {
      type: { element: refType(HT_FUNC, false), limits: { min: 2, max: null }, is64: false },
      init: Int32Array.from([opId('ref.func'), 1, 0, opId('end'), 0]),
    },
  ]);
  assert.ok(m.declaredFuncs.has(0), 'ref.func in a table initializer declares the function');

  const big = mark();
  invalid(
    wasm(tableSec([big, tableType(t.funcref, 2 ** 32)])),
    'table size must be at most 2^32-1 for i32',
    big,
  );
  const minMax = mark();
  invalid(
    wasm(tableSec([minMax, tableType(t.funcref, 2, 1)])),
    'size minimum must not be greater than maximum',
    minMax,
  );
  const nonNull = mark();
  invalid(
    wasm(tableSec([nonNull, tableType(t.ref(ht.func), 1)])),
    'type mismatch: instruction requires [(ref func)] but stack has [funcref]',
    nonNull,
  );
  const zero = mark();
  malformed(
    wasm(tableSec([0x40, zero, 0x01, tableType(t.funcref, 1), 0x0b])),
    'zero byte expected',
    zero,
  );
  const element = mark();
  malformed(wasm(tableSec([element, 0x7f, 0x00, 0])), 'malformed reference type', element);
});

test('memories: limits', () => {
  const m = valid(wasm(memSec(memType(0), memType(1, 65536))));
  assert.equal(m.memories, [
    { limits: { min: 0, max: null }, is64: false, shared: false },
    { limits: { min: 1, max: 65536 }, is64: false, shared: false },
  ]);
  const big = mark();
  invalid(
    wasm(memSec([big, memType(65537)])),
    'memory size must be at most 2^16 pages (4 GiB) for i32',
    big,
  );
  const bigMax = mark();
  invalid(
    wasm(memSec([bigMax, memType(0, 65537)])),
    'memory size must be at most 2^16 pages (4 GiB) for i32',
    bigMax,
  );
  const minMax = mark();
  invalid(
    wasm(memSec([minMax, memType(3, 2)])),
    'size minimum must not be greater than maximum',
    minMax,
  );
  const flags = mark();
  malformed(wasm(memSec([flags, 0x10, 0])), 'malformed limits flags', flags);
});

test('globals: types and initializers', () => {
  const m = valid(
    wasm(
      importSec(imp.global('env', 'g', globalType(t.i32))),
      globalSec(
        global(t.i32, false, op.i32_const(7)),
        global(t.i64, true, op.i64_const(-1)),
        global(t.i32, false, op.global_get(0)),
      ),
    ),
  );
  assert.equal(m.globals, [
    { type: { type: I32, mutable: false }, init: null },
    { type: { type: I32, mutable: false }, init: Int32Array.from(C(7)) },
    {
      type: { type: I64, mutable: true },
      init: Int32Array.from([opId('i64.const'), 2, -1, -1, opId('end'), 0]),
    },
    {
      type: { type: I32, mutable: false },
      init: Int32Array.from([opId('global.get'), 1, 0, opId('end'), 0]),
    },
  ]);
  // The type of an initializer is checked at its `end`.
  const bad = mark();
  invalid(
    wasm(
      globalSec(global(t.i32, false, op.i32_const(0)), global(t.i32, false, op.i64_const(0), bad)),
    ),
    'type mismatch: instruction requires [i32] but stack has [i64]',
    bad,
  );
});

test('element segments of every encoding are decoded', () => {
  const m = valid(
    wasm(
      typeSec(VOID),
      funcSec(0, 0),
      tableSec(tableType(t.funcref, 4), tableType(t.externref, 4)),
      elemSec(
        elem.active([op.i32_const(1)], [0, 1]),
        elem.passive([1]),
        elem.activeTable(0, [op.i32_const(2)], [0]),
        elem.declarative([1]),
        elem.activeExprs([op.i32_const(3)], [[op.ref_func(0)], [op.ref_null(ht.func)]]),
        elem.passiveExprs(t.externref, [[op.ref_null(ht.extern)]]),
        elem.activeTableExprs(1, [op.i32_const(0)], t.externref, [[op.ref_null(ht.noextern)]]),
        elem.declarativeExprs(t.ref(ht.func), [[op.ref_func(1)]]),
      ),
      codeSec(body([]), body([])),
    ),
  );
  const FUNC = refType(HT_FUNC, false);
  const refFunc = (f: number) => Int32Array.from([opId('ref.func'), 1, f, opId('end'), 0]);
  const refNull = (h: number) => Int32Array.from([opId('ref.null'), 2, h, 0, opId('end'), 0]);
  assert.equal(
    m.elems.map((e) => ({ ...e, funcIndices: e.funcIndices && [...e.funcIndices] })),
    [
      {
        mode: 'active',
        type: FUNC,
        table: 0,
        offset: Int32Array.from(C(1)),
        funcIndices: [0, 1],
        exprs: null,
      },
      { mode: 'passive', type: FUNC, table: 0, offset: null, funcIndices: [1], exprs: null },
      {
        mode: 'active',
        type: FUNC,
        table: 0,
        offset: Int32Array.from(C(2)),
        funcIndices: [0],
        exprs: null,
      },
      { mode: 'declarative', type: FUNC, table: 0, offset: null, funcIndices: [1], exprs: null },
      {
        mode: 'active',
        type: FUNCREF,
        table: 0,
        offset: Int32Array.from(C(3)),
        funcIndices: null,
        exprs: [refFunc(0), refNull(-0x10)],
      },
      {
        mode: 'passive',
        type: EXTERNREF,
        table: 0,
        offset: null,
        funcIndices: null,
        exprs: [refNull(-0x11)],
      },
      {
        mode: 'active',
        type: EXTERNREF,
        table: 1,
        offset: Int32Array.from(C(0)),
        funcIndices: null,
        exprs: [refNull(-0x0e)],
      },
      {
        mode: 'declarative',
        type: FUNC,
        table: 0,
        offset: null,
        funcIndices: null,
        exprs: [refFunc(1)],
      },
    ],
  );
  assert.equal([...m.declaredFuncs].sort(), [0, 1]);
});

test('malformed and invalid element segments', () => {
  const kind = mark();
  malformed(wasm(elemSec([kind, 8])), 'malformed elements segment kind', kind);
  const elemKind = mark();
  malformed(wasm(elemSec([1, elemKind, 1, 0])), 'malformed element kind', elemKind);
  const fn = mark();
  invalid(
    wasm(typeSec(VOID), funcSec(0), elemSec([fn, elem.declarative([0, 3])]), codeSec(body([]))),
    'unknown function 3',
    fn,
  );
  const table = mark();
  invalid(wasm(elemSec([table, elem.active([op.i32_const(0)], [])])), 'unknown table 0', table);
  const mismatch = mark();
  invalid(
    wasm(
      tableSec(tableType(t.externref, 1)),
      elemSec([mismatch, elem.active([op.i32_const(0)], [])]),
    ),
    "type mismatch: element segment's type (ref func) does not match table's element type externref",
    mismatch,
  );
  const offset = mark();
  invalid(
    wasm(tableSec(tableType(t.funcref, 1)), elemSec(elem.active([op.i64_const(0), offset], []))),
    'type mismatch: instruction requires [i32] but stack has [i64]',
    offset,
  );
  const expr = mark();
  invalid(
    wasm(elemSec(elem.passiveExprs(t.externref, [[op.ref_null(ht.func), expr]]))),
    'type mismatch: instruction requires [externref] but stack has [funcref]',
    expr,
  );
});

test('data segments of every encoding are decoded', () => {
  const bytes = wasm(
    memSec(memType(1), memType(1)),
    dataCountSec(3),
    dataSec(
      data.active([op.i32_const(8)], [1, 2]),
      data.passive([]),
      data.activeMem(1, [op.i32_const(0)], [0xff]),
    ),
  );
  const m = valid(bytes);
  assert.is(m.dataCount, 3);
  assert.equal(
    m.datas.map((d) => ({ ...d, bytes: [...d.bytes] })),
    [
      { mode: 'active', memory: 0, offset: Int32Array.from(C(8)), bytes: [1, 2] },
      { mode: 'passive', memory: 0, offset: null, bytes: [] },
      { mode: 'active', memory: 1, offset: Int32Array.from(C(0)), bytes: [0xff] },
    ],
  );
  assert.is(
    m.datas[0]!.bytes.buffer,
    m.bytes.buffer,
    "segment bytes are a view of the module's copy",
  );
});

test('malformed and invalid data segments', () => {
  const kind = mark();
  malformed(wasm(memSec(memType(1)), dataSec([kind, 3])), 'malformed data segment kind', kind);
  const longData = wasm(memSec(memType(1)), dataSec([1, 9, 1]));
  malformed(longData, 'length out of bounds', longData.length - 2);
  const mem = mark();
  invalid(wasm(dataSec([mem, data.active([op.i32_const(0)], [])])), 'unknown memory 0', mem);
  const count = wasm(memSec(memType(1)), dataCountSec(2), dataSec(data.passive([])));
  malformed(count, 'data count and data section have inconsistent lengths', count.length);
  const noData = wasm(dataCountSec(1));
  malformed(noData, 'data count and data section have inconsistent lengths', noData.length);
  const end = mark();
  invalid(
    wasm(memSec(memType(1)), dataSec(data.active([op.f32_const(0), end], []))),
    'type mismatch: instruction requires [i32] but stack has [f32]',
    end,
  );
});

test('integers in sections: too long, too large', () => {
  // A 6-byte function count: the error is found after the fifth byte.
  const count = mark();
  malformed(
    wasm(section(3, count, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00])),
    'integer representation too long',
    count.offset + 5,
  );
  // A type index whose fifth byte has bits beyond 32.
  const index = mark();
  const bytes = wasm(section(3, 1, index, [0xff, 0xff, 0xff, 0xff, 0x1f]));
  malformed(bytes, 'integer too large', index.offset + 4);
});

test.run();
