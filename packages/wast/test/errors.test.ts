import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScript, parseWat, WastError } from '#src/index.js';
import { fails } from './util.js';

const Errors = suite('errors');

Errors('WastError carries message, line, column and file name', () => {
  try {
    parseScript('(module\n  (func $f)\n  (func $f))', 'dup.wast');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WastError);
    assert.instance(e, Error);
    const w = e as WastError;
    assert.is(w.name, 'WastError');
    assert.is(w.message, 'duplicate function $f');
    assert.is(w.line, 3);
    assert.is(w.column, 9);
    assert.is(w.filename, 'dup.wast');
    assert.is(String(w), 'WastError: dup.wast:3:9: duplicate function $f');
  }
});

Errors('lexical errors point at the offending character', () => {
  fails(() => parseWat('(module\n  (func "abc\n))'), 'unclosed string literal', 2, 9);
  fails(() => parseWat('(module (; never closed'), 'unclosed comment', 1, 9);
  fails(() => parseWat('(module\n\n   \u0001)'), 'illegal character', 3, 4);
  fails(() => parseWat('(func (@x (y)'), 'unclosed annotation', 1, 7);
  fails(() => parseWat('  $'), 'empty identifier', 1, 3);
});

Errors('syntax errors point at the unexpected token', () => {
  fails(
    () => parseWat('(module (func (result i32)\n  (i32.const 1) (i32.const 2 3)))'),
    'unexpected token',
    2,
    30,
  );
  fails(() => parseWat('(memory 1 2 3)'), 'unexpected token', 1, 13);
  fails(() => parseWat('(func (block $a) (br $b))'), 'unknown label $b', 1, 22);
  fails(() => parseWat('(func block $a end $b)'), 'mismatching label', 1, 20);
  fails(() => parseWat('(func (i64.const 99999999999999999999))'), 'constant out of range', 1, 18);
  fails(() => parseWat('(func i32.load align=3)'), 'alignment must be a power of two', 1, 16);
  fails(() => parseWat('(func (local $"\\41") (local $A i32))'), 'unexpected token');
});

Errors('syntax errors come in text order, before errors of meaning', () => {
  fails(() => parseWat('(func (nop 1) "unclosed'), 'unexpected token', 1, 12);
  fails(() => parseWat('(func (nop) "unclosed'), 'unclosed string literal');
  fails(() => parseWat('(func (call $nope)) (func (nop 1))'), 'unexpected token', 1, 32);
  fails(() => parseWat('(func (i32.const 0x1_0000_0000)) (func) (funk)'), 'unknown operator funk');
  fails(() => parseWat('(func (br $a) (br $b))'), 'unknown label $a');
});

Errors('quoted identifiers print quoted', () => {
  fails(() => parseWat('(func (call $"a b"))'), 'unknown function $"a b"');
  fails(() => parseWat('(func (call $"ab"))'), 'unknown function $ab');
});

Errors('mutated modules fail with WastError only', () => {
  const sources = [
    '(module (type $t (func (param i32) (result i32))) (import "m" "f" (func $i (type $t))) (table 2 funcref) (memory 1) (global $g (mut i32) (i32.const 0)) (func $f (export "f") (param $x i32) (result i32) (local $y i64) (block $b (result i32) (if (result i32) (local.get $x) (then (i32.const 1)) (else (br $b (i32.const 2)))))) (elem (i32.const 0) $f $i) (data (i32.const 0) "hi\\00") (start $f))',
    '(module (rec (type $s (sub (struct (field $a (mut i32)))))) (tag $e (param i32)) (func (result i32) (try_table (result i32) (catch $e 0) (throw $e (i32.const 3)))) (func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (v128.const f32x4 1 2 nan inf))))',
  ];
  const pieces = [
    '(',
    ')',
    ' ',
    '$x',
    '"',
    'i32',
    '0',
    '-1',
    'nan',
    '(;',
    ';;',
    '\\',
    '(@a',
    'end',
    'block',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    let s = sources[i % sources.length]!;
    for (let k = 0; k <= rand(3); k++) {
      const at = rand(s.length);
      const op = rand(3);
      if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + rand(5));
      else if (op === 1) s = s.slice(0, at) + pieces[rand(pieces.length)] + s.slice(at);
      else s = s.slice(0, at) + s[rand(s.length)] + s.slice(at + 1);
    }
    try {
      parseWat(s);
      accepted++;
    } catch (e) {
      if (!(e instanceof WastError)) throw new Error(`${String(e)} for ${s}`);
      assert.ok(e.line >= 1 && e.column >= 1);
    }
  }
  assert.ok(accepted > 0);
});

Errors.run();
