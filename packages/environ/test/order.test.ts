/**
 * The error-order contract: decoding errors anywhere win over validation
 * errors, and validation errors come in the reference interpreter's order
 * (types, imports, tags, functions, memories, tables, globals, data,
 * elements, bodies, start, exports), not in section order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  body,
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
  idx,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  section,
  startSec,
  t,
  tableSec,
  tableType,
  tagSec,
  type,
  typeSec,
  wasm,
  type Bytes,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const PHASES = [
  'types',
  'imports',
  'tags',
  'functions',
  'memories',
  'tables',
  'globals',
  'data',
  'elements',
  'bodies',
  'start',
  'exports',
] as const;
type Phase = (typeof PHASES)[number];

const MESSAGES: Record<Phase, string> = {
  types: 'unknown type 99',
  imports: 'unknown type 50',
  tags: 'unknown type 60',
  functions: 'unknown type 70',
  memories: 'memory size must be at most 2^16 pages (4 GiB) for i32',
  tables: 'table size must be at most 2^32-1 for i32',
  globals: 'type mismatch: instruction requires [i32] but stack has [i64]',
  data: 'unknown memory 5',
  elements: 'unknown table 7',
  bodies: 'type mismatch: instruction requires [i32 i32] but stack has []',
  start: 'unknown function 99',
  exports: 'unknown function 98',
};

/**
 * A module with one error in each of the given phases (and otherwise valid),
 * with a mark where each error is reported. `extra` sections go at the end.
 */
function withErrors(
  phases: ReadonlySet<Phase>,
  ...extra: Bytes[]
): { bytes: Uint8Array; at: Record<Phase, Mark> } {
  const at = Object.fromEntries(PHASES.map((p) => [p, mark()])) as Record<Phase, Mark>;
  const bad = (p: Phase, good: Bytes, wrong: Bytes): Bytes =>
    phases.has(p) ? [at[p], wrong] : good;
  const globalEnd = at.globals;
  const bytes = wasm(
    typeSec(
      type.func([], []),
      bad('types', type.func([], []), type.struct(type.field(t.ref(idx(99))))),
    ),
    importSec(bad('imports', imp.func('env', 'f', 0), imp.func('env', 'f', 50))),
    section(3, funcPayload(phases, at)),
    tableSec(bad('tables', tableType(t.funcref, 1), tableType(t.funcref, 2 ** 32))),
    memSec(bad('memories', memType(1), memType(70000))),
    phases.has('tags') ? section(13, 1, at.tags, 0x00, 60) : tagSec(0),
    globalSec(
      global(t.i32, false, phases.has('globals') ? [op.i64_const(0), globalEnd] : op.i32_const(0)),
    ),
    exportSec(bad('exports', exp('f', 'func', 1), exp('f', 'func', 98))),
    phases.has('start') ? section(8, at.start, 99) : startSec(1),
    elemSec(
      bad(
        'elements',
        elem.active([op.i32_const(0)], [1]),
        elem.activeTable(7, [op.i32_const(0)], [1]),
      ),
    ),
    dataCountSec(1),
    codeSec(body(phases.has('bodies') ? [at.bodies, op.i32_add, op.drop] : []), body([])),
    dataSec(
      bad('data', data.active([op.i32_const(0)], [1]), data.activeMem(5, [op.i32_const(0)], [1])),
    ),
    ...extra,
  );
  return { bytes, at };
}

/** The function section: two functions of type 0, the second of type 70 in the functions phase. */
function funcPayload(phases: ReadonlySet<Phase>, at: Record<Phase, Mark>): Bytes {
  // Errors about function types are reported at the start of the section's contents.
  return [at.functions, 2, 0, phases.has('functions') ? 70 : 0];
}

test('the baseline module is valid', () => {
  const m = valid(withErrors(new Set()).bytes);
  assert.is(m.bodies.length, 2);
  assert.is(m.start, 1);
});

test('validation errors are reported in the reference order', () => {
  for (let i = 0; i < PHASES.length; i++) {
    const later = new Set(PHASES.slice(i));
    const { bytes, at } = withErrors(later);
    invalid(bytes, MESSAGES[PHASES[i]!], at[PHASES[i]!]);
  }
});

test('each phase alone', () => {
  for (const p of PHASES) {
    const { bytes, at } = withErrors(new Set([p]));
    invalid(bytes, MESSAGES[p], at[p]);
  }
});

test('a decoding error anywhere wins over every validation error', () => {
  const all = new Set(PHASES);
  // A malformed custom section name at the very end.
  const custom = mark();
  const utf8 = withErrors(all, [custom, section(0, [2, 0xc0, 0x80])]).bytes;
  malformed(utf8, 'malformed UTF-8 encoding', custom.offset + 2);
  // A section out of order at the end.
  const late = withErrors(all, typeSec()).bytes;
  malformed(late, 'unexpected content after last section', late.length);
  // Unknown section id.
  const id = mark();
  malformed(withErrors(all, [id, 14, 0]).bytes, 'malformed section id', id);
  // A truncated module: the last section runs one byte past the end. (A length
  // is checked against the input from the start of its own encoding, so it may
  // exceed what follows it by a byte; the content then runs out.)
  const { bytes } = withErrors(all, customSec('x', [1, 2, 3]));
  const cut = bytes.subarray(0, bytes.length - 1);
  malformed(cut, 'unexpected end of section or function', cut.length);
  const shorter = bytes.subarray(0, bytes.length - 2);
  malformed(shorter, 'length out of bounds', shorter.length - 4);
});

test('decoding errors found after the code section win over body errors', () => {
  // An invalid body, then a malformed data segment kind.
  const kind = mark();
  const bytes = wasm(
    typeSec(type.func([], [])),
    funcSec(0),
    memSec(memType(1)),
    codeSec(body([op.i32_add])),
    dataSec([kind, 7]),
  );
  malformed(bytes, 'malformed data segment kind', kind);
  // An invalid body and "data count section required", decided at the very end.
  const required = wasm(
    typeSec(type.func([], [])),
    funcSec(0, 0),
    memSec(memType(1)),
    codeSec(body([op.i32_add]), body([op.data_drop(0)])),
    dataSec(data.passive([])),
  );
  malformed(required, 'data count section required', required.length);
  // An invalid type and inconsistent function and code sections.
  const inconsistent = wasm(typeSec(type.func([t.ref(idx(5))], [])), funcSec(0));
  malformed(
    inconsistent,
    'function and code section have inconsistent lengths',
    inconsistent.length,
  );
});

test('a malformed name section is not a decoding error', () => {
  const { bytes, at } = withErrors(new Set(['exports']), customSec('name', [1, 5, 0xc0]));
  invalid(bytes, MESSAGES.exports, at.exports);
});

test('within a phase, the first error in binary order wins', () => {
  const first = mark();
  invalid(
    wasm(
      globalSec(
        global(t.i32, false, op.f32_const(0), first),
        global(t.i32, false, op.i64_const(0)),
      ),
    ),
    'type mismatch: instruction requires [i32] but stack has [f32]',
    first,
  );
  const body0 = mark();
  invalid(
    wasm(
      typeSec(type.func([], [])),
      funcSec(0, 0),
      codeSec(body([op.nop, body0, op.i64_add]), body([op.i32_add])),
    ),
    'type mismatch: instruction requires [i64 i64] but stack has []',
    body0,
  );
  const exportFirst = mark();
  invalid(
    wasm(exportSec([exportFirst, exp('a', 'memory', 3)], exp('b', 'global', 0))),
    'unknown memory 3',
    exportFirst,
  );
});

test('data segments are validated before elements and bodies, though they come last', () => {
  const dataAt = mark();
  invalid(
    wasm(
      typeSec(type.func([], [])),
      funcSec(0),
      elemSec(elem.active([op.i32_const(0)], [0])),
      codeSec(body([op.i32_add])),
      dataSec([dataAt, data.active([op.i32_const(0)], [])]),
    ),
    'unknown memory 0',
    dataAt,
  );
});

test.run();
