/**
 * Miscompilations found by real programs and fuzzing, each checked against
 * native WebAssembly in both tiers.
 */
import { test } from 'uvu';
import { agree } from './support/differential.js';

const LOG = '(import "env" "log" (func $log (param i32)))';

test('a branch out of a block nested in an untargeted block lands after the outer block', () => {
  agree(
    `(module ${LOG}
      (func (export "f") (param i32) (result i32) (local $r i32)
        (block $b2 (block $b3 (block $b9 (br $b9)) (local.set $r (i32.const 30)) (br $b2)))
        (call $log (i32.const 1)) (local.get $r)))`,
    [['f', [0]]],
  );
});

test('br_table past its last label takes the default, across an untargeted block', () => {
  agree(
    `(module
      (func (export "f") (param $x i32) (result i32)
        (block $b1 (block $b2 (block $b3 (br_table $b3 $b1 (local.get $x))) (return (i32.const 2)))
          (return (i32.const 3)))
        (i32.const 1)))`,
    [
      ['f', [0]],
      ['f', [1]],
      ['f', [2]],
      ['f', [5]],
      ['f', [-1]],
    ],
  );
});

test('i64.extend_i32_u of an i32 expression that writes the high half', () => {
  agree(
    `(module
      (func (export "wrap") (param i64) (result i64)
        local.get 0 i64.const -1 i64.and i32.wrap_i64 i64.extend_i32_u)
      (func (export "eqz") (param i64) (result i64)
        local.get 0 i64.const -1 i64.and i64.eqz i64.extend_i32_u)
      (func (export "lt") (param i64 i64) (result i64)
        (i64.extend_i32_u (i64.lt_u (i64.add (local.get 0) (i64.const 1)) (local.get 1))))
      (func (export "s") (param i64) (result i64)
        local.get 0 i64.const -1 i64.and i32.wrap_i64 i64.extend_i32_s))`,
    [
      ['wrap', [-1n]],
      ['wrap', [0x1_8000_0000n]],
      ['eqz', [0n]],
      ['eqz', [-1n]],
      ['lt', [-5n, 7n]],
      ['lt', [-1n, 0n]],
      ['s', [0xffff_ffffn]],
    ],
  );
});

test('a trapping operand below a dropped trapping expression traps first', () => {
  agree(
    `(module (memory 1)
      (func (export "drop") (param i32) (result i32)
        (i32.load (i32.const 100000000)) (i32.div_s (i32.const 1) (local.get 0)) drop)
      (func (export "select") (param i32) (result i32)
        (i32.load (i32.const 100000000))
        (drop (select (v128.const i32x4 1 2 3 4) (v128.const i32x4 0 0 0 0) (i32.div_s (i32.const 1) (local.get 0)))))
      (global $g (mut v128) (v128.const i32x4 0 0 0 0))
      (func (export "global") (param i32) (result i32)
        (i32.div_s (i32.const 1) (local.get 0))
        (i32.load (i32.const 100000000))
        (drop (global.get $g)) (drop)))`,
    [
      ['drop', [0]],
      ['select', [0]],
      ['global', [0]],
    ],
  );
});

test('branch family: a br to an outer block after a br out of an inner one', () => {
  agree(
    `(module ${LOG}
      (func (export "f") (param i32) (result i32) (local i32)
        (block $outer (block $mid (block $inner (br $inner)) (local.set 1 (i32.const 7)) (br $outer)))
        (call $log (i32.const 9)) (local.get 1)))`,
    [['f', [0]]],
  );
});

test('branch family: br_if whose condition is the value another br_if left', () => {
  agree(
    `(module ${LOG}
      (func (export "f") (param i32) (result i32)
        (block $a (result i32)
          (block $b (result i32)
            i32.const 1 i32.const 2 local.get 0 br_if $b br_if $a drop i32.const 3)
          (call $log) (i32.const 4))))`,
    [
      ['f', [0]],
      ['f', [1]],
    ],
  );
});

test('branch family: a value carried out by a nested br_if followed by unreachable arms', () => {
  agree(
    `(module ${LOG}
      (func (export "f") (param i32) (result i32)
        (block $a (result i32)
          (block $b (result i32)
            (block $c (result i32)
              (br_if $c (i32.const 5) (local.get 0))
              (if (local.get 0) (then unreachable) (else unreachable)))
            (br $a))
          (call $log) (i32.const 4))))`,
    [
      ['f', [1]],
      ['f', [0]],
    ],
  );
});

test('a switch chain continues only through directly nested blocks', () => {
  // br_table targets at every depth, with untargeted blocks between targeted ones.
  agree(
    `(module ${LOG}
      (func (export "f") (param $x i32) (result i32)
        (block $e (block $d (block $c (block $b (block $a
          (br_table $a $c $e $b (local.get $x)))
          (call $log (i32.const 1)) (br $e))
          (call $log (i32.const 2)))
          (call $log (i32.const 3)) (br $e))
          (call $log (i32.const 4)))
        (i32.const 0)))`,
    [
      ['f', [0]],
      ['f', [1]],
      ['f', [2]],
      ['f', [3]],
      ['f', [4]],
      ['f', [99]],
    ],
  );
});

test.run();
