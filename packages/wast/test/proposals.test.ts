/** The text format of the proposals beyond WebAssembly 3.0: custom page sizes, custom descriptors. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_FEATURES, parseModule, type ModuleInfo } from '@weft/environ';
import { parseWat } from '#src/index.js';
import { hex, malformed, S, section } from './util.js';

/** Parses `text` and decodes it with every proposal on (so it must be valid). */
function decodeAll(text: string): ModuleInfo {
  return parseModule(parseWat(text), { features: ALL_FEATURES });
}

const PageSizes = suite('custom page sizes');

PageSizes('(pagesize n) sets flag bit 3 and the log2 after the limits', () => {
  assert.is(section('(memory 1 (pagesize 1))', S.MEMORY), '01 08 01 00');
  assert.is(section('(memory 1 2 (pagesize 65536))', S.MEMORY), '01 09 01 02 10');
  assert.is(section('(memory i64 3 (pagesize 1))', S.MEMORY), '01 0c 03 00');
  assert.is(
    section('(import "m" "n" (memory 0 (pagesize 1)))', S.IMPORT),
    '01 01 6d 01 6e 02 08 00 00',
  );
  assert.equal(decodeAll('(memory 5 (pagesize 1))').memories[0], {
    limits: { min: 5, max: null },
    is64: false,
    shared: false,
    pageSizeLog2: 0,
  });
  // Powers of two other than 1 and 65536 are encoded (and rejected by validation).
  assert.is(section('(memory 0 (pagesize 0x20000))', S.MEMORY), '01 08 00 11');
});

PageSizes('inline data counts pages of the page size', () => {
  assert.is(section('(memory (pagesize 1) (data "xyz"))', S.MEMORY), '01 09 03 03 00');
  assert.is(section('(memory (pagesize 65536) (data "xyz"))', S.MEMORY), '01 09 01 01 10');
  assert.is(section('(memory i64 (pagesize 1) (data "ab"))', S.MEMORY), '01 0d 02 02 00');
  assert.is(section('(memory (pagesize 1) (data "xyz"))', S.DATA), '01 00 41 00 0b 03 78 79 7a');
});

PageSizes('page sizes must be powers of two', () => {
  malformed('(memory 0 (pagesize 3))', 'invalid custom page size');
  malformed('(memory 0 (pagesize 0))', 'invalid custom page size');
  malformed('(memory (pagesize 0) (data))', 'invalid custom page size');
  malformed('(memory (pagesize 1) 0)', 'unexpected token');
});

PageSizes.run();

const Descriptors = suite('custom descriptors');

Descriptors('describes and descriptor clauses', () => {
  const text = `
    (rec
      (type $a (descriptor $b) (struct))
      (type $b (describes $a) (descriptor $c) (struct (field i32)))
      (type $c (sub final (describes $b) (struct))))`;
  assert.is(section(text, S.TYPE), '01 4e 03 4d 01 5f 00 4c 00 4d 02 5f 01 7f 00 4c 01 5f 00');
  const m = decodeAll(text);
  assert.equal(
    m.types.map((t) => [t.describes, t.descriptor]),
    [
      [-1, 1],
      [0, 2],
      [1, -1],
    ],
  );
  // With supertypes, the clauses follow them.
  assert.is(
    section(
      '(rec (type $s (sub (descriptor $d) (struct))) (type $d (sub $s (describes $s) (struct))))',
      S.TYPE,
    ),
    '01 4e 02 50 00 4d 01 5f 00 50 01 00 4c 00 5f 00',
  );
  malformed(
    '(rec (type $a (descriptor $b) (struct)) (type $b (descriptor $a) (describes $a) (struct)))',
    'unexpected token',
  );
  malformed('(type $a (descriptor $a) (descriptor $a) (struct))', 'unexpected token');
});

Descriptors('exact reference types', () => {
  assert.is(
    section(
      '(type $t (struct)) (type (struct (field (ref (exact $t)) (ref null (exact 0)))))',
      S.TYPE,
    ),
    '02 5f 00 5f 02 64 62 00 00 63 62 00 00',
  );
  malformed('(type (struct (field (ref (exact any)))))', 'unexpected token');
  malformed('(type (struct (field (ref exact 0))))', 'unexpected token');
  malformed('(type (struct (field (exact 0))))', 'unexpected token');
  malformed('(type (struct (field (ref (exact)))))', 'unexpected token');
});

Descriptors('exact function imports', () => {
  const text = `
    (type $f (func))
    (import "m" "a" (func (exact (type $f))))
    (func (import "m" "b") (exact (param i32)))
    (import "m" "c" (func (type $f)))`;
  assert.is(section(text, S.IMPORT), '03 01 6d 01 61 20 00 01 6d 01 62 20 01 01 6d 01 63 00 00');
  assert.equal(
    decodeAll(text).imports.map((i) => (i.kind === 'func' ? i.exact === true : null)),
    [true, true, false],
  );
});

Descriptors('the descriptor instructions and exact heap immediates', () => {
  const text = `
    (rec (type $a (descriptor $b) (struct)) (type $b (describes $a) (struct)))
    (func (param anyref (ref null (exact $b))) (result anyref)
      (drop (struct.new_desc $a (local.get 1)))
      (drop (struct.new_default_desc $a (local.get 1)))
      (drop (ref.get_desc $a (struct.new_default_desc $a (local.get 1))))
      (drop (ref.cast_desc_eq (ref (exact $a)) (local.get 0) (local.get 1)))
      (drop (ref.cast_desc_eq (ref null $a) (local.get 0) (local.get 1)))
      (drop (ref.null (exact $a)))
      (drop (ref.test (ref (exact $a)) (local.get 0)))
      (block (result anyref)
        (br_on_cast_desc_eq 0 anyref (ref (exact $a)) (local.get 0) (local.get 1))
        (br_on_cast_desc_eq_fail 0 anyref (ref null $a) (local.get 1))))`;
  const m = decodeAll(text);
  const code = hex(m.bytes.subarray(m.bodies[0]!.codeStart, m.bodies[0]!.end));
  for (const part of [
    'fb 20 00', // struct.new_desc $a
    'fb 21 00', // struct.new_default_desc $a
    'fb 22 00', // ref.get_desc $a
    'fb 23 62 00', // ref.cast_desc_eq (ref (exact $a))
    'fb 24 00', // ref.cast_desc_eq (ref null $a)
    'd0 62 00', // ref.null (exact $a)
    'fb 14 62 00', // ref.test (ref (exact $a))
    'fb 25 01 00 6e 62 00', // br_on_cast_desc_eq 0 anyref (ref (exact $a))
    'fb 26 03 00 6e 00', // br_on_cast_desc_eq_fail 0 anyref (ref null $a)
  ]) {
    assert.ok(code.includes(part), `${part} in ${code}`);
  }
});

Descriptors.run();
