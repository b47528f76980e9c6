/** The `name` custom section. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  body,
  codeSec,
  customSec,
  funcSec,
  len,
  str,
  type,
  typeSec,
  u32,
  vec,
  wasm,
  type Bytes,
} from './support/builder.js';
import { valid } from './support/check.js';

const sub = (id: number, payload: Bytes): Bytes => [id, u32(len(payload)), payload];
const nameMap = (entries: [number, string][]): Bytes =>
  vec(entries.map(([i, n]) => [u32(i), str(n)]));
const nameSec = (...subsections: Bytes[]) => customSec('name', ...subsections);
const FUNC = [typeSec(type.func([], [])), funcSec(0, 0), codeSec(body([]), body([]))];

const entries = (m: ReadonlyMap<number, string>) => [...m];

test('every decoded subsection', () => {
  const m = valid(
    wasm(
      ...FUNC,
      nameSec(
        sub(0, str('mod')),
        sub(
          1,
          nameMap([
            [0, 'f'],
            [1, 'g'],
          ]),
        ),
        sub(
          2,
          vec([
            [
              u32(0),
              nameMap([
                [0, 'x'],
                [2, 'z'],
              ]),
            ],
            [u32(1), nameMap([])],
          ]),
        ),
        sub(3, vec([[u32(0), nameMap([[0, 'label']])]])),
        sub(4, nameMap([[0, 'type0']])),
        sub(5, nameMap([[0, 'table0']])),
        sub(6, nameMap([[1, 'mem1']])),
        sub(7, nameMap([[3, 'global3']])),
        sub(8, nameMap([[0, 'elem0']])),
        sub(9, nameMap([[0, 'data0']])),
        sub(10, vec([[u32(0), nameMap([[0, 'field']])]])),
        sub(11, nameMap([[0, 'tag\u00e9']])),
      ),
    ),
  );
  const n = m.names;
  assert.is(n.module, 'mod');
  assert.equal(entries(n.functions), [
    [0, 'f'],
    [1, 'g'],
  ]);
  assert.equal(
    [...n.locals].map(([f, map]) => [f, entries(map)]),
    [
      [
        0,
        [
          [0, 'x'],
          [2, 'z'],
        ],
      ],
      [1, []],
    ],
  );
  assert.equal(entries(n.types), [[0, 'type0']]);
  assert.equal(entries(n.tables), [[0, 'table0']]);
  assert.equal(entries(n.memories), [[1, 'mem1']]);
  assert.equal(entries(n.globals), [[3, 'global3']]);
  assert.equal(entries(n.tags), [[0, 'tag\u00e9']]);
  // The section is also kept as a custom section.
  assert.equal(
    m.customSections.map((c) => c.name),
    ['name'],
  );
});

test('a module without a name section has empty names', () => {
  const m = valid(wasm(...FUNC, customSec('other', [1])));
  assert.is(m.names.module, null);
  assert.is(m.names.functions.size, 0);
  assert.is(m.names.locals.size, 0);
});

test('a malformed name section is ignored, not an error', () => {
  for (const payload of [
    [sub(1, nameMap([[0, 'f']])), sub(0, [5, 0x61])], // a name longer than its subsection
    [sub(1, [0xc0])], // a truncated map
    [sub(0, [2, 0xc0, 0x80])], // invalid UTF-8
    [[1, 0x7f]], // a subsection size past the end
    [[1, 0x80]], // a truncated subsection size
  ]) {
    const m = valid(wasm(...FUNC, nameSec(...payload)));
    assert.is(m.names.module, null);
    assert.is(m.names.functions.size, 0);
  }
});

test('subsections may be out of order and partially read', () => {
  // A function map followed by trailing bytes in its subsection, then the module name.
  const m = valid(
    wasm(...FUNC, nameSec(sub(1, [nameMap([[1, 'g']]), 0xff, 0xff]), sub(0, str('late')))),
  );
  assert.is(m.names.module, 'late');
  assert.equal(entries(m.names.functions), [[1, 'g']]);
});

test('the last name section wins', () => {
  const m = valid(wasm(nameSec(sub(0, str('first'))), ...FUNC, nameSec(sub(0, str('second')))));
  assert.is(m.names.module, 'second');
});

test.run();
