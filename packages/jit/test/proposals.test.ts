/**
 * Compiled code for the proposals beyond WebAssembly 3.0, in every
 * configuration (baseline, optimized, flat): memories with 1-byte pages
 * (custom page sizes), descriptors and exact casts (custom descriptors).
 */
import { test } from 'uvu';
import { expect, type Outcome } from './support/differential.js';

const ok = (result: string): Outcome => ({ result, log: [] });
const trap = (code: string): Outcome => ({ result: `trap ${code}`, log: [] });

test('memory.size and memory.grow count 1-byte pages', () => {
  const source = `(module
    (memory $small 0 (pagesize 1))
    (memory $big i64 1 (pagesize 1))
    (memory $pages 1)
    (func (export "size") (result i32) (memory.size $small))
    (func (export "grow") (param i32) (result i32) (memory.grow $small (local.get 0)))
    (func (export "size64") (result i64) (memory.size $big))
    (func (export "grow64") (param i64) (result i64) (memory.grow $big (local.get 0)))
    (func (export "pages") (result i32) (memory.size $pages))
    (func (export "store") (param i32 i32) (i32.store8 $small (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load8_u $small (local.get 0))))`;
  expect(
    source,
    [
      ['size', []],
      ['load', [0]],
      ['grow', [3]],
      ['size', []],
      ['store', [2, 7]],
      ['load', [2]],
      ['load', [3]],
      ['grow', [65536]],
      ['size', []],
      ['grow64', [5n]],
      ['size64', []],
      ['grow64', [2n ** 40n]],
      ['pages', []],
    ],
    [
      ok('0'),
      trap('MemoryOutOfBounds'),
      ok('0'),
      ok('3'),
      ok(''),
      ok('7'),
      trap('MemoryOutOfBounds'),
      ok('3'),
      ok('65539'),
      ok('1n'),
      ok('6n'),
      ok('-1n'),
      ok('1'),
    ],
    { customPageSizes: true },
  );
});

const DESCRIPTORS = `(module
  (rec
    (type $a (sub (descriptor $a.desc) (struct (field i32))))
    (type $a.desc (sub (describes $a) (struct (field i64))))
    (type $b (sub $a (descriptor $b.desc) (struct (field i32))))
    (type $b.desc (sub $a.desc (describes $b) (struct (field i64)))))
  (global $da (ref (exact $a.desc)) (struct.new $a.desc (i64.const 10)))
  (global $db (ref (exact $b.desc)) (struct.new $b.desc (i64.const 20)))
  (global $x (ref $a) (struct.new_desc $a (i32.const 1) (global.get $da)))
  (global $y (ref $a) (struct.new_desc $b (i32.const 2) (global.get $db)))
  (func $pick (param i32) (result anyref)
    (if (result anyref) (local.get 0) (then (global.get $y)) (else (global.get $x))))
  (func (export "field-of-desc") (param i32) (result i64)
    (struct.get $a.desc 0 (ref.get_desc $a (ref.cast (ref $a) (call $pick (local.get 0))))))
  (func (export "get-null") (result i64)
    (struct.get $a.desc 0 (ref.get_desc $a (ref.null $a))))
  (func (export "new-default") (result i32)
    (struct.get $a 0 (struct.new_default_desc $a (global.get $da))))
  (func (export "new-null") (result i32)
    (struct.get $a 0 (struct.new_desc $a (i32.const 3) (ref.null none))))
  (func (export "cast") (param i32) (result i32)
    (struct.get $a 0 (ref.cast_desc_eq (ref $a) (call $pick (local.get 0)) (global.get $da))))
  (func (export "cast-null") (param i32) (result i32)
    (ref.is_null (ref.cast_desc_eq (ref null $a) (ref.null none) (global.get $da))))
  (func (export "cast-null-desc") (result i32)
    (ref.is_null (ref.cast_desc_eq (ref null $a) (call $pick (i32.const 0)) (ref.null none))))
  (func (export "branch") (param i32) (result i32)
    (block $yes (result (ref $b))
      (br_on_cast_desc_eq $yes anyref (ref $b) (call $pick (local.get 0)) (global.get $db))
      (drop)
      (return (i32.const -1)))
    (struct.get $b 0))
  (func (export "branch-fail") (param i32) (result i32)
    (block $no (result anyref)
      (br_on_cast_desc_eq_fail $no anyref (ref $b) (call $pick (local.get 0)) (global.get $db))
      (return (struct.get $b 0)))
    (drop)
    (i32.const -1))
  (func (export "exact-test") (param i32) (result i32)
    (ref.test (ref (exact $a)) (call $pick (local.get 0))))
  (func (export "exact-cast") (param i32) (result i32)
    (struct.get $a 0 (ref.cast (ref (exact $a)) (call $pick (local.get 0)))))
  (func (export "exact-branch") (param i32) (result i32)
    (block $exact (result (ref (exact $a)))
      (br_on_cast $exact anyref (ref (exact $a)) (call $pick (local.get 0)))
      (drop)
      (return (i32.const -1)))
    (struct.get $a 0)))`;

test('descriptors: allocation, ref.get_desc, descriptor casts and branches', () => {
  expect(
    DESCRIPTORS,
    [
      ['field-of-desc', [0]],
      ['field-of-desc', [1]],
      ['get-null', []],
      ['new-default', []],
      ['new-null', []],
      ['cast', [0]],
      ['cast', [1]],
      ['cast-null', [0]],
      ['cast-null-desc', []],
      ['branch', [1]],
      ['branch', [0]],
      ['branch-fail', [1]],
      ['branch-fail', [0]],
    ],
    [
      ok('10n'),
      ok('20n'),
      trap('NullReference'),
      ok('0'),
      trap('NullDescriptorReference'),
      ok('1'),
      trap('DescriptorCastFailure'),
      ok('1'),
      trap('NullDescriptorReference'),
      ok('2'),
      ok('-1'),
      ok('2'),
      ok('-1'),
    ],
    { customDescriptors: true },
  );
});

test('exact casts take no subtypes', () => {
  expect(
    DESCRIPTORS,
    [
      ['exact-test', [0]],
      ['exact-test', [1]],
      ['exact-cast', [0]],
      ['exact-cast', [1]],
      ['exact-branch', [0]],
      ['exact-branch', [1]],
    ],
    [ok('1'), ok('0'), ok('1'), trap('CastFailure'), ok('1'), ok('-1')],
    { customDescriptors: true },
  );
});

test.run();
