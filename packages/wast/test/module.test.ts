import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXTERNREF, F32, FUNCREF, HT_FUNC, I32, I64, refType } from '@weft/environ';
import { parseWat } from '#src/index.js';
import { decode, HEADER, hex, malformed, S, section } from './util.js';

const Fields = suite('module fields');

Fields('empty modules, with and without (module)', () => {
  assert.is(hex(parseWat('(module)')), hex(Uint8Array.from(HEADER)));
  assert.is(hex(parseWat('(module $m)', { names: false })), hex(Uint8Array.from(HEADER)));
  // The identifier names the module: a name section with only subsection 0.
  const named = [...HEADER, 0, 9, 4, ...[0x6e, 0x61, 0x6d, 0x65], 0, 2, 1, 0x6d];
  assert.is(hex(parseWat('(module $m)')), hex(Uint8Array.from(named)));
  assert.is(hex(parseWat('')), hex(Uint8Array.from(HEADER)));
  assert.is(hex(parseWat('  ;; nothing\n')), hex(Uint8Array.from(HEADER)));
  malformed('(module) (module)', 'unexpected token');
  malformed('(module', 'unexpected token');
  malformed('(func) (module)', 'unexpected token');
});

Fields('function types', () => {
  assert.is(section('(type (func (param i32) (result i64)))', S.TYPE), '01 60 01 7f 01 7e');
  assert.is(
    section('(type (func (param $a i32) (param f32 f64) (result) (result v128 funcref)))', S.TYPE),
    '01 60 03 7f 7d 7c 02 7b 70',
  );
  malformed('(type (func (result i32) (param i32)))', 'unexpected token');
});

Fields('struct, array, sub, final and rec', () => {
  const text = `
    (rec
      (type $a (sub (struct (field $x i32) (field (mut i64)))))
      (type $b (sub final $a (struct (field i32) (field (mut i64))))))
    (type (array (mut i8)))
    (type (sub final (func)))
    (type (struct (field i8 i16 (ref null $a) (ref $b))))`;
  assert.is(
    section(text, S.TYPE),
    '04 4e 02 50 00 5f 02 7f 00 7e 01 4f 01 00 5f 02 7f 00 7e 01 5e 78 01 60 00 00 5f 04 78 00 77 00 63 00 00 64 01 00',
  );
  const m = decode(text);
  assert.is(m.types.length, 5);
  assert.is(m.types[1]!.supertype, 0);
  assert.is(m.types[0]!.recSize, 2);
  assert.not.ok(m.types[0]!.final);
  assert.ok(m.types[3]!.final);
  malformed('(type (struct (field $x i32) (field $x i64)))', 'duplicate field');
});

Fields('abstract heap types and reference shorthands', () => {
  assert.is(
    section(
      '(type (func (param funcref externref anyref eqref i31ref structref arrayref exnref nullref nullfuncref nullexternref nullexnref)))',
      S.TYPE,
    ),
    '01 60 0c 70 6f 6e 6d 6c 6b 6a 69 71 73 72 74 00',
  );
  assert.is(
    section('(type (func (param (ref func) (ref null any) (ref none) (ref null 0))))', S.TYPE),
    '01 60 04 64 70 6e 64 71 63 00 00',
  );
});

Fields('implicit function types are appended after the explicit ones and reused', () => {
  const m = decode(`
    (func $f (result f64) (f64.const 0))   ;; implicit type 1
    (func $g (param i32))                  ;; explicit type 0
    (func $h (result f64) (f64.const 1))   ;; implicit type 1 again
    (type $t (func (param i32)))`);
  assert.is(m.types.length, 2);
  assert.equal(Array.from(m.funcTypes), [1, 0, 1]);
  // Non-final or grouped types are never reused implicitly.
  assert.equal(Array.from(decode('(type (sub (func))) (func)').funcTypes), [1]);
  assert.equal(Array.from(decode('(rec (type (func)) (type (func))) (func)').funcTypes), [2]);
  assert.equal(Array.from(decode('(rec (type (func))) (func)').funcTypes), [0]);
  assert.equal(Array.from(decode('(type (sub final (func))) (func)').funcTypes), [0]);
});

Fields('type uses: explicit, inline, and both', () => {
  const m = decode(`
    (type $t (func (param i32) (result i32)))
    (func (type $t) (local.get 0))
    (func (type $t) (param $x i32) (result i32) (local.get $x))
    (func (param i32) (result i32) (local.get 0))`);
  assert.equal(Array.from(m.funcTypes), [0, 0, 0]);
  malformed(
    '(type $t (func (param i32))) (func (type $t) (param i64))',
    'inline function type does not match explicit type',
  );
  malformed('(func (type 2) (param i32))', 'unknown type');
  malformed('(type (struct)) (func (type 0) (param i32))', 'non-function type');
  malformed('(func (type 3) (local $x i32))', 'unknown type 3');
  // Without an inline signature an out-of-range type is left to validation.
  assert.is(section('(func (type 7))', S.FUNCTION), '01 07');
});

Fields('imports of every kind, explicit and inline', () => {
  const text = `
    (import "m" "f" (func $f (param i32)))
    (import "m" "t" (table 1 2 funcref))
    (import "m" "mem" (memory i64 1))
    (import "m" "g" (global (mut f32)))
    (import "m" "e" (tag (param i32)))
    (func (import "m" "f2") (param i32))
    (table (import "m" "t2") 0 externref)
    (memory (import "m" "mem2") 1 2)
    (global $g (import "m" "g2") i64)
    (tag (import "m" "e2") (param i32))`;
  const m = decode(text);
  assert.equal(
    m.imports.map((i) => `${i.module}.${i.name}:${i.kind}`),
    [
      'm.f:func',
      'm.t:table',
      'm.mem:memory',
      'm.g:global',
      'm.e:tag',
      'm.f2:func',
      'm.t2:table',
      'm.mem2:memory',
      'm.g2:global',
      'm.e2:tag',
    ],
  );
  const imp = m.imports;
  assert.equal(imp[1], {
    module: 'm',
    name: 't',
    kind: 'table',
    type: { element: FUNCREF, limits: { min: 1, max: 2 }, is64: false },
  });
  assert.equal(imp[2], {
    module: 'm',
    name: 'mem',
    kind: 'memory',
    type: { limits: { min: 1, max: null }, is64: true, shared: false },
  });
  assert.equal(imp[3], {
    module: 'm',
    name: 'g',
    kind: 'global',
    type: { type: F32, mutable: true },
  });
  assert.equal(imp[6], {
    module: 'm',
    name: 't2',
    kind: 'table',
    type: { element: EXTERNREF, limits: { min: 0, max: null }, is64: false },
  });
  assert.equal(imp[8], {
    module: 'm',
    name: 'g2',
    kind: 'global',
    type: { type: I64, mutable: false },
  });
  assert.is(m.types.length, 1); // all the func and tag imports share [i32] -> []
});

Fields('imports must come before definitions', () => {
  malformed('(func) (import "" "" (func))', 'import after function');
  malformed('(global i64 (i64.const 0)) (import "" "" (memory 0))', 'import after global');
  malformed('(table 0 funcref) (import "" "" (global i32))', 'import after table');
  malformed('(memory 0) (func (import "" "") )', 'import after memory');
  malformed('(tag) (import "" "" (tag))', 'import after tag');
  // The definition reported is the last one before the last import.
  malformed('(func) (global i32 (i32.const 0)) (import "" "" (func))', 'import after global');
  malformed(
    '(memory 0) (import "" "" (func)) (func) (import "" "" (func))',
    'import after function',
  );
  assert.ok(parseWat('(type (func)) (import "" "" (func)) (func)'));
});

Fields('exports, explicit and inline, in order', () => {
  const m = decode(`
    (func $f (export "a") (export "b"))
    (export "c" (func $f))
    (memory $m (export "mem") 1)
    (export "t" (table $t))
    (table $t 1 funcref)
    (global $g (export "g") i32 (i32.const 0))
    (tag $e (export "e"))`);
  assert.equal(
    m.exports.map((e) => `${e.name}:${e.kind}:${e.index}`),
    ['a:func:0', 'b:func:0', 'c:func:0', 'mem:memory:0', 't:table:0', 'g:global:0', 'e:tag:0'],
  );
  malformed('(export "a" (func $nope))', 'unknown function $nope');
  malformed('(export "\\ff" (func 0))', 'malformed UTF-8 encoding');
});

Fields('tables: limits, table64, initializers', () => {
  assert.is(section('(table 10 funcref)', S.TABLE), '01 70 00 0a');
  assert.is(section('(table $t 1 20 externref)', S.TABLE), '01 6f 01 01 14');
  assert.is(section('(table i64 1 funcref)', S.TABLE), '01 70 04 01');
  assert.is(section('(table i32 0xffff_ffff funcref)', S.TABLE), '01 70 00 ff ff ff ff 0f');
  // An initializer other than the default null is written with the 0x40 prefix.
  assert.is(
    section('(func $f) (table 1 (ref func) (ref.func $f))', S.TABLE),
    '01 40 00 64 70 00 01 d2 00 0b',
  );
  assert.is(section('(table 1 funcref (ref.null func))', S.TABLE), '01 70 00 01');
  assert.is(section('(table 1 externref (ref.null func))', S.TABLE), '01 40 00 6f 00 01 d0 70 0b');
});

Fields('tables with inline element segments', () => {
  const text = '(func $f) (func $g) (table $t funcref (elem $f $g $f))';
  assert.is(section(text, S.TABLE), '01 70 01 03 03');
  assert.is(section(text, S.ELEM), '01 04 41 00 0b 03 d2 00 0b d2 01 0b d2 00 0b');
  const exprs = '(func $f) (table i64 funcref (elem (ref.func $f) (ref.null func)))';
  assert.is(section(exprs, S.TABLE), '01 70 05 02 02');
  assert.is(section(exprs, S.ELEM), '01 04 42 00 0b 02 d2 00 0b d0 70 0b');
  const m = decode('(table $a 1 funcref) (table $b funcref (elem (ref.func 0))) (func)');
  assert.is(m.elems[0]!.table, 1);
  assert.equal(m.tables[1]!.type.limits, { min: 1, max: 1 });
});

Fields('memories: limits, memory64, inline data', () => {
  assert.is(section('(memory 1)', S.MEMORY), '01 00 01');
  assert.is(section('(memory $m 1 2)', S.MEMORY), '01 01 01 02');
  assert.is(section('(memory i64 0x1_0000_0000)', S.MEMORY), '01 04 80 80 80 80 10');
  const text = '(memory (data "ab" "c"))';
  assert.is(section(text, S.MEMORY), '01 01 01 01');
  assert.is(section(text, S.DATA), '01 00 41 00 0b 03 61 62 63');
  assert.is(section('(memory i64 (data))', S.MEMORY), '01 05 00 00');
  assert.is(section('(memory i64 (data))', S.DATA), '01 00 42 00 0b 00');
  assert.is(
    section('(memory (data "x")) (memory (data "y"))', S.DATA),
    '02 00 41 00 0b 01 78 02 01 41 00 0b 01 79',
  );
  malformed('(memory 0x1_0000_0000_0000_0000)', 'i64 constant out of range');
});

Fields('shared memories (threads): the shared flag after the limits', () => {
  assert.is(section('(memory 1 2 shared)', S.MEMORY), '01 03 01 02');
  assert.is(section('(memory $m (export "m") 0 0 shared)', S.MEMORY), '01 03 00 00');
  assert.is(section('(memory i64 1 2 shared)', S.MEMORY), '01 07 01 02');
  // Without a maximum it encodes; validation rejects it.
  assert.is(section('(memory 1 shared)', S.MEMORY), '01 02 01');
  assert.is(
    section('(import "m" "n" (memory 1 2 shared)) (memory (import "m" "o") 0 1 shared)', S.IMPORT),
    '02 01 6d 01 6e 02 03 01 02 01 6d 01 6f 02 03 00 01',
  );
  assert.equal(decode('(memory 1 2 shared)').memories[0], {
    limits: { min: 1, max: 2 },
    is64: false,
    shared: true,
  });
  malformed('(memory 1 2 shared shared)', 'unexpected token');
  malformed('(memory shared 1 2)', 'unexpected token');
});

Fields('segments with the MVP bare table and memory index', () => {
  const text = '(table 2 funcref) (func $f) (elem 0 (i32.const 1) $f $f)';
  assert.is(
    section(text, S.ELEM),
    section('(table 2 funcref) (func $f) (elem (i32.const 1) $f $f)', S.ELEM),
  );
  const second =
    '(table 1 funcref) (table $t 2 funcref) (func $f) (elem $e 1 (offset (i32.const 0)) $f)';
  assert.is(section(second, S.ELEM), '01 02 01 41 00 0b 00 01 00');
  assert.is(section('(memory 1) (data 0 (i32.const 10) "x")', S.DATA), '01 00 41 0a 0b 01 78');
  assert.is(
    section('(memory 1) (memory $m 1) (data $m (i32.const 0) "y")', S.DATA),
    '01 00 41 00 0b 01 79',
  );
  assert.is(
    section('(memory 1) (memory $m 1) (data $d $m (i32.const 0) "y")', S.DATA),
    '01 02 01 41 00 0b 01 79',
  );
});

Fields('globals and tags', () => {
  assert.is(
    section('(global $g i32 (i32.const 1)) (global (mut f64) (f64.const 0))', S.GLOBAL),
    '02 7f 00 41 01 0b 7c 01 44 00 00 00 00 00 00 00 00 0b',
  );
  assert.is(
    section('(global i64 (i64.add (i64.const 1) (i64.const 2)))', S.GLOBAL),
    '01 7e 00 42 01 42 02 7c 0b',
  );
  assert.is(section('(tag $e (param i32 i64))', S.TAG), '01 00 00');
  assert.is(section('(type (func)) (tag (type 0))', S.TAG), '01 00 00');
});

Fields('element segments in every form', () => {
  const fns = '(func $f) (table $t0 1 funcref) (table $t1 1 funcref) ';
  const elem = (e: string) => section(fns + e, S.ELEM);
  assert.is(elem('(elem (i32.const 0) $f)'), '01 00 41 00 0b 01 00');
  assert.is(elem('(elem (i32.const 0) func $f)'), '01 00 41 00 0b 01 00');
  assert.is(elem('(elem (table $t1) (i32.const 0) func $f)'), '01 02 01 41 00 0b 00 01 00');
  assert.is(elem('(elem (table $t0) (offset (i32.const 0)) func $f)'), '01 00 41 00 0b 01 00');
  assert.is(elem('(elem func $f $f)'), '01 01 00 02 00 00');
  assert.is(elem('(elem $e declare func $f)'), '01 03 00 01 00');
  assert.is(elem('(elem funcref (ref.func $f) (ref.null func))'), '01 05 70 02 d2 00 0b d0 70 0b');
  assert.is(
    elem('(elem (offset (i32.const 0)) funcref (item ref.func $f))'),
    '01 04 41 00 0b 01 d2 00 0b',
  );
  assert.is(
    elem('(elem (table 1) (i32.const 0) externref (ref.null extern))'),
    '01 06 01 41 00 0b 6f 01 d0 6f 0b',
  );
  assert.is(elem('(elem declare funcref (ref.func $f))'), '01 07 70 01 d2 00 0b');
  assert.is(elem('(elem (ref func) (ref.func $f))'), '01 01 00 01 00');
  assert.is(elem('(elem (i32.const 0))'), '01 00 41 00 0b 00');
  const m = decode(fns + '(elem (table $t1) (i32.const 0) func $f) (elem declare func 0)');
  assert.is(m.elems[0]!.table, 1);
  assert.equal(m.elems[0]!.type, refType(HT_FUNC, false));
  assert.is(m.elems[1]!.mode, 'declarative');
  malformed(fns + '(elem (table 0) (i32.const 0) $f)', 'unexpected token');
});

Fields('data segments in every form', () => {
  const mems = '(memory $m0 1) (memory $m1 1) ';
  const data = (d: string) => section(mems + d, S.DATA);
  assert.is(data('(data (i32.const 1) "a" "b")'), '01 00 41 01 0b 02 61 62');
  assert.is(data('(data $d "x")'), '01 01 01 78');
  assert.is(data('(data (memory $m1) (offset (i32.const 0)) "")'), '01 02 01 41 00 0b 00');
  assert.is(data('(data (memory 0) (i32.const 0) "\\00\\ff")'), '01 00 41 00 0b 02 00 ff');
  assert.is(data('(data)'), '01 01 00');
});

Fields('start', () => {
  assert.is(section('(func) (func $s) (start $s)', S.START), '01');
  malformed('(func) (start 0) (start 0)', 'multiple start sections');
});

Fields('a data count section is written when code refers to data segments', () => {
  assert.is(section('(memory 1) (data "x") (func (data.drop 0))', S.DATA_COUNT), '01');
  assert.is(section('(memory 1) (data "x") (func)', S.DATA_COUNT), '');
  assert.is(
    section(
      '(memory 1) (data $d "x") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)))',
      S.DATA_COUNT,
    ),
    '01',
  );
});

Fields('identifiers: duplicates and unknowns in every space', () => {
  malformed('(func $f) (func $f)', 'duplicate func');
  // Identifiers are bound before the field order is checked.
  malformed('(global $g i32 (i32.const 0)) (import "" "" (global $g i32))', 'duplicate global');
  malformed('(import "" "" (global $g i32)) (global $g i32 (i32.const 0))', 'duplicate global');
  malformed('(table $t 1 funcref) (table $t 1 funcref)', 'duplicate table');
  malformed('(memory $m 1) (memory $m 1)', 'duplicate memory');
  malformed('(type $t (func)) (type $t (func))', 'duplicate type');
  malformed('(tag $e) (tag $e)', 'duplicate tag');
  malformed('(elem $e func) (elem $e func)', 'duplicate elem');
  malformed('(data $d "") (data $d "")', 'duplicate data');
  malformed('(func (param $x i32) (local $x i32))', 'duplicate local');
  malformed('(func (call $g))', 'unknown function $g');
  malformed('(func (global.get $g))', 'unknown global $g');
  malformed('(func (local.get $l))', 'unknown local $l');
  malformed('(func (br $l))', 'unknown label $l');
  malformed('(func (elem.drop $e))', 'unknown elem segment $e');
  malformed('(func (data.drop $d))', 'unknown data segment $d');
  malformed('(func (throw $e))', 'unknown tag $e');
  malformed('(func (table.size $t))', 'unknown table $t');
  malformed('(func (memory.size $m))', 'unknown memory $m');
  malformed('(func (call_ref $t))', 'unknown type $t');
  malformed('(type $s (struct)) (func (struct.get $s $x))', 'unknown field $x');
  // Quoted and plain identifiers are the same identifier.
  assert.ok(parseWat('(func $"f") (func (call $f))'));
  // Numeric indices are encoded as given, even out of range.
  assert.is(section('(func (call 42))', S.CODE), '01 04 00 10 2a 0b');
});

Fields('locals: named, anonymous, run-length encoded', () => {
  const m = decode(
    '(func (param $p i32) (local $a i32) (local i32 i64 i64) (local $b f32) (local.get $b) drop)',
  );
  assert.equal(
    m.bodies[0]!.locals.map((r) => [r.count, r.type]),
    [
      [2, I32],
      [2, I64],
      [1, F32],
    ],
  );
  assert.is(
    section('(func (param $p i32) (local $a i32) (local.get $a) drop)', S.CODE),
    '01 07 01 01 7f 20 01 1a 0b',
  );
});

Fields('unknown fields', () => {
  malformed('(funk)', 'unknown operator funk');
  malformed('(nop)', 'unexpected token');
  malformed('(module (func) 1)', 'unexpected token');
});

Fields.run();
