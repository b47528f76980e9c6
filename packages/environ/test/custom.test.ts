/** checkCustomSections: the `name` and `metadata.code.branch_hint` custom sections. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkCustomSections, validateCustomSections } from '#src/custom/index.js';
import { CompileError } from '#src/errors.js';
import type { ModuleInfo } from '#src/module.js';
import {
  body,
  codeSec,
  customSec,
  data,
  dataSec,
  elem,
  elemSec,
  funcSec,
  global,
  globalSec,
  imp,
  importSec,
  len,
  mark,
  memSec,
  memType,
  op,
  str,
  t,
  tableSec,
  tableType,
  tagSec,
  type,
  typeSec,
  u32,
  vec,
  wasm,
  type Bytes,
  type Mark,
} from './support/builder.js';
import { valid } from './support/check.js';

/** The problems as `[message, offset, malformed]`. */
function problems(m: ModuleInfo): [string, number, boolean][] {
  return checkCustomSections(m).map((e) => [e.message, e.offset, e.malformed]);
}

/** Asserts exactly one problem, `message` at `at`. */
function one(bytes: Uint8Array, message: string, at: Mark | number, malformed: boolean): void {
  const offset = typeof at === 'number' ? at : at.offset;
  assert.equal(problems(valid(bytes)), [[message, offset, malformed]]);
}

// -----------------------------------------------------------------------------
// The name section.

const sub = (id: number, payload: Bytes): Bytes => [id, u32(len(payload)), payload];
/** A name map; an index may be given as bytes (to put a mark before it). */
const nameMap = (entries: [number | Bytes, string][]): Bytes =>
  vec(entries.map(([i, n]) => [typeof i === 'number' ? u32(i) : i, str(n)]));
/** Index `x` with `at` before it. */
const marked = (x: number, at: Mark): Bytes => [at, u32(x)];
const nameSec = (...subsections: Bytes[]) => customSec('name', ...subsections);

/**
 * Type 0 `(func (param i32))`, type 1 a struct of two fields; function 0
 * imported, function 1 defined with two i64 locals; a table, a memory, a
 * global, a tag, an element and a data segment.
 */
function everything(...customs: Bytes[]): Uint8Array {
  return wasm(
    typeSec(type.func([t.i32], []), type.struct(type.field(t.i32), type.field(t.i64, true))),
    importSec(imp.func('m', 'f', 0)),
    funcSec(0),
    tableSec(tableType(t.funcref, 1)),
    memSec(memType(1)),
    tagSec(0),
    globalSec(global(t.i32, false, op.i32_const(0))),
    elemSec(elem.passive([])),
    codeSec(body([], [[2, t.i64]])),
    dataSec(data.passive([])),
    ...customs,
  );
}

test('a complete name section of every subsection is fine', () => {
  const m = valid(
    everything(
      nameSec(
        sub(0, str('mod')),
        sub(
          1,
          nameMap([
            [0, 'imported'],
            [1, 'defined'],
          ]),
        ),
        sub(
          2,
          vec([
            [u32(0), nameMap([[0, 'p']])],
            [
              u32(1),
              nameMap([
                [0, 'p'],
                [2, 'l'],
              ]),
            ],
          ]),
        ),
        sub(3, vec([[u32(1), nameMap([[0, 'label']])]])),
        sub(
          4,
          nameMap([
            [0, 'ft'],
            [1, 'st'],
          ]),
        ),
        sub(5, nameMap([[0, 'tab']])),
        sub(6, nameMap([[0, 'mem']])),
        sub(7, nameMap([[0, 'glob']])),
        sub(8, nameMap([[0, 'el']])),
        sub(9, nameMap([[0, 'dat']])),
        sub(
          10,
          vec([
            [
              u32(1),
              nameMap([
                [0, 'a'],
                [1, 'b'],
              ]),
            ],
          ]),
        ),
        sub(11, nameMap([[0, 'tag']])),
      ),
    ),
  );
  assert.equal(problems(m), []);
  // Empty sections and subsections are fine too.
  assert.equal(problems(valid(everything(nameSec(), nameSec(sub(1, vec([])))))), []);
});

test('name section: malformed subsections', () => {
  let at = mark();
  one(
    everything(nameSec(sub(1, vec([])), at, sub(0, str('m')))),
    'invalid name subsection id',
    at,
    true,
  );
  at = mark();
  one(
    everything(nameSec(sub(1, vec([])), at, sub(1, vec([])))),
    'invalid name subsection id',
    at,
    true,
  );
  at = mark();
  one(everything(nameSec(at, sub(12, vec([])))), 'invalid name subsection id', at, true);
  // A subsection longer than its size says, or shorter.
  at = mark();
  one(everything(nameSec([0, 1, str('mod'), at])), 'name subsection size mismatch', at, true);
  at = mark();
  one(
    everything(nameSec([1, 3, vec([]), at, 0x00, 0x00])),
    'name subsection size mismatch',
    at,
    true,
  );
  // Running out of bytes.
  const end = mark();
  one(everything(nameSec([1, 5, 1, 0]), end), 'unexpected end of name section', end, true);
  const end2 = mark();
  one(everything(nameSec([0, 2, 9, 0x61]), end2), 'unexpected end of name section', end2, true);
  // Bad names and integers.
  at = mark();
  one(everything(nameSec(sub(0, [2, at, 0xc0, 0x80]))), 'malformed UTF-8 encoding', at, true);
  at = mark();
  one(
    everything(nameSec(sub(1, [1, 0x80, 0x80, 0x80, 0x80, 0x80, at, 0x00, 0]))),
    'integer representation too long',
    at,
    true,
  );
});

test('name section: indices in order and unique', () => {
  let at = mark();
  one(
    everything(
      nameSec(
        sub(
          1,
          nameMap([
            [0, 'a'],
            [marked(0, at), 'b'],
          ]),
        ),
      ),
    ),
    'custom @name: multiple function or local names',
    at,
    true,
  );
  at = mark();
  one(
    everything(
      nameSec(
        sub(
          1,
          nameMap([
            [1, 'a'],
            [marked(0, at), 'b'],
          ]),
        ),
      ),
    ),
    'custom @name: names out of order',
    at,
    true,
  );
  at = mark();
  one(
    everything(
      nameSec(
        sub(
          2,
          vec([
            [u32(1), nameMap([])],
            [at, u32(1), nameMap([])],
          ]),
        ),
      ),
    ),
    'custom @name: multiple function names',
    at,
    true,
  );
  at = mark();
  one(
    everything(
      nameSec(
        sub(
          2,
          vec([
            [
              u32(1),
              nameMap([
                [1, 'x'],
                [marked(1, at), 'y'],
              ]),
            ],
          ]),
        ),
      ),
    ),
    'custom @name: multiple function or local names',
    at,
    true,
  );
});

test('name section: indices in range', () => {
  const entry = (x: number, at: Mark): [Bytes, string] => [marked(x, at), 'n'];
  const cases: [number, Bytes | ((at: Mark) => Bytes), string][] = [
    [1, (at) => nameMap([entry(2, at)]), 'custom @name: invalid function index 2'],
    [4, (at) => nameMap([entry(2, at)]), 'custom @name: invalid type index 2'],
    [5, (at) => nameMap([entry(1, at)]), 'custom @name: invalid table index 1'],
    [6, (at) => nameMap([entry(1, at)]), 'custom @name: invalid memory index 1'],
    [7, (at) => nameMap([entry(1, at)]), 'custom @name: invalid global index 1'],
    [8, (at) => nameMap([entry(1, at)]), 'custom @name: invalid elem segment index 1'],
    [9, (at) => nameMap([entry(1, at)]), 'custom @name: invalid data segment index 1'],
    [11, (at) => nameMap([entry(1, at)]), 'custom @name: invalid tag index 1'],
    [2, (at) => vec([[at, u32(2), nameMap([])]]), 'custom @name: invalid function index 2'],
    [3, (at) => vec([[at, u32(7), nameMap([])]]), 'custom @name: invalid function index 7'],
    // Function 0 (imported) has 1 local, function 1 has 1 + 2.
    [
      2,
      (at) => vec([[u32(0), nameMap([entry(1, at)])]]),
      'custom @name: invalid local index 1 for function 0',
    ],
    [
      2,
      (at) => vec([[u32(1), nameMap([entry(3, at)])]]),
      'custom @name: invalid local index 3 for function 1',
    ],
    [10, (at) => vec([[at, u32(2), nameMap([])]]), 'custom @name: invalid type index 2'],
    [10, (at) => vec([[at, u32(0), nameMap([])]]), 'custom @name: non-struct type 0'],
    [
      10,
      (at) => vec([[u32(1), nameMap([entry(2, at)])]]),
      'custom @name: invalid field index 2 for type 1',
    ],
  ];
  for (const [id, payload, message] of cases) {
    const at = mark();
    one(
      everything(nameSec(sub(id, typeof payload === 'function' ? payload(at) : payload))),
      message,
      at,
      false,
    );
  }
  // Label indices are not checked.
  assert.equal(
    problems(valid(everything(nameSec(sub(3, vec([[u32(1), nameMap([[99, 'l']])]])))))),
    [],
  );
});

test('malformed or invalid custom sections never make a module invalid', () => {
  const m = valid(
    everything(
      nameSec([0xff, 0xff, 0xff]),
      customSec('metadata.code.branch_hint', [0xff]),
      nameSec(sub(1, nameMap([[9, 'x']]))),
    ),
  );
  assert.is(m.customSections.length, 3);
  assert.equal(
    problems(m).map(([message, , malformed]) => [message, malformed]),
    [
      ['invalid name subsection id', true],
      ['unexpected end of name section', true],
      ['custom @name: invalid function index 9', false],
    ],
  );
  // Other custom sections are not looked at.
  assert.equal(problems(valid(everything(customSec('name.other', [0xff])))), []);
});

test('validateCustomSections throws the first problem', () => {
  validateCustomSections(valid(everything(nameSec(sub(0, str('ok'))))));
  try {
    validateCustomSections(
      valid(everything(nameSec(sub(1, nameMap([[9, 'x']]))), nameSec([0xff]))),
    );
    assert.unreachable();
  } catch (e) {
    assert.instance(e, CompileError);
    assert.is((e as CompileError).message, 'invalid name subsection id');
  }
});

// -----------------------------------------------------------------------------
// Branch hints.

const hintSec = (...payload: Bytes[]) => customSec('metadata.code.branch_hint', ...payload);
const hint = (offset: number, value: number): Bytes => [u32(offset), u32(1), value];

/**
 * Function 0 imported, function 1: `local.get 0` at 1, `if` at 3, `nop` at
 * 5, `end` at 6, `local.get 0` at 7, `br_if 0` at 9, `end` at 11 (offsets
 * from the locals declarations); function 2 the same with 130 `nop`s first
 * and one i64 local (a two-byte body size: `if` at 3 + 2 + 130).
 */
function hinted(...customs: Bytes[]): Uint8Array {
  const code = [op.local_get(0), op.if(), op.nop, op.end, op.local_get(0), op.br_if(0)];
  return wasm(
    typeSec(type.func([t.i32], [])),
    importSec(imp.func('m', 'f', 0)),
    funcSec(0, 0),
    ...customs,
    codeSec(body(code), body([...Array<number>(130).fill(op.nop), ...code], [[1, t.i64]])),
  );
}

test('branch hints on if and br_if are fine', () => {
  const m = valid(
    hinted(
      hintSec(
        vec([
          [u32(1), vec([hint(3, 1), hint(9, 0)])],
          [u32(2), vec([hint(135, 0), hint(141, 1)])],
        ]),
      ),
    ),
  );
  assert.equal(problems(m), []);
  assert.equal(problems(valid(hinted(hintSec(vec([]))))), []);
  assert.equal(problems(valid(hinted(hintSec(vec([[u32(1), vec([])]]))))), []);
});

test('branch hints: malformed', () => {
  const P = '@metadata.code.branch_hint section: ';
  let at = mark();
  one(hinted(hintSec(vec([[at, u32(0), vec([])]]))), `${P}invalid function index 0`, at, true);
  at = mark();
  one(hinted(hintSec(vec([[at, u32(3), vec([])]]))), `${P}invalid function index 3`, at, true);
  at = mark();
  one(
    hinted(hintSec(vec([[u32(1), vec([[u32(3), u32(2), at, 1]])]]))),
    `${P}missing reserved byte`,
    at,
    true,
  );
  at = mark();
  one(
    hinted(hintSec(vec([[u32(1), vec([[u32(3), u32(1), 2, at]])]]))),
    `${P}invalid hint value`,
    at,
    true,
  );
  // Not where an instruction starts: inside `if`, the body's last `end`, past it.
  for (const offset of [4, 11, 12, 200]) {
    at = mark();
    one(
      hinted(hintSec(vec([[u32(1), vec([[hint(offset, 1), at]])]]))),
      `${P}invalid offset`,
      at,
      true,
    );
  }
  at = mark();
  one(
    hinted(hintSec(vec([[u32(1), vec([])]]), at, 0)),
    `${P}unexpected content after last function`,
    at,
    true,
  );
  const end = mark();
  one(hinted(hintSec([1, 1, 2], end)), 'unexpected end of name section', end, true);
  const end2 = mark();
  one(hinted(hintSec([2, 1, 1, 3, 1], end2)), 'unexpected end of name section', end2, true);
});

test('branch hints: invalid', () => {
  const P = '@metadata.code.branch_hint annotation: ';
  let at = mark();
  one(hinted(hintSec(vec([[u32(1), vec([[at, hint(1, 1)]])]]))), `${P}invalid target`, at, false);
  at = mark();
  one(hinted(hintSec(vec([[u32(1), vec([[at, hint(5, 1)]])]]))), `${P}invalid target`, at, false);
  at = mark();
  one(
    hinted(hintSec(vec([[u32(1), vec([hint(9, 1), [at, hint(3, 1)]])]]))),
    `${P}invalid order`,
    at,
    false,
  );
  at = mark();
  one(
    hinted(hintSec(vec([[u32(1), vec([hint(3, 1), [at, hint(3, 0)]])]]))),
    `${P}invalid order`,
    at,
    false,
  );
  at = mark();
  one(
    hinted(
      hintSec(
        vec([
          [u32(2), vec([])],
          [at, u32(1), vec([])],
        ]),
      ),
    ),
    `${P}invalid order`,
    at,
    false,
  );
  at = mark();
  one(
    hinted(
      hintSec(
        vec([
          [u32(1), vec([])],
          [at, u32(1), vec([])],
        ]),
      ),
    ),
    `${P}invalid order`,
    at,
    false,
  );
});

test.run();
