/**
 * Bodies that nest, chain or run long far beyond real code: each must
 * compile and run in bounded JS stack (the structured layout hands bodies
 * nested too deeply to the flat one), with native's results.
 */
import { test } from 'uvu';
import { agree, expect } from './support/differential.js';

const LOG = '(import "env" "log" (func $log (param i32)))';
const repeat = (s: string, n: number) => s.repeat(n);

test('20,000 nested if', () => {
  const n = 20_000;
  agree(
    `(module (func (export "f") (param i32) (result i32)
      ${repeat('(if (result i32) (local.get 0) (then ', n)} (i32.const 42)
      ${repeat(') (else (i32.const 7)))', n)}))`,
    [
      ['f', [1]],
      ['f', [0]],
    ],
  );
});

test('5,000 nested blocks, each targeted, carrying a value out', () => {
  const n = 5_000;
  agree(
    `(module ${LOG} (func (export "f") (param i32) (result i32)
      ${repeat('(block (result i32) (drop (br_if 0 (i32.const 3) (i32.eq (local.get 0) (i32.const 1)))) ', n)}
      (call $log (i32.const 9)) (i32.const 5)
      ${repeat(')', n)}))`,
    [
      ['f', [1]],
      ['f', [0]],
    ],
  );
});

test('3,000 nested loops, each iterating', () => {
  const n = 3_000;
  agree(
    `(module (func (export "f") (param i32) (result i32) (local $i i32)
      ${repeat('(loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.eq (i32.rem_u (local.get $i) (i32.const 3)) (i32.const 1))) ', n)}
      ${repeat(')', n)}
      (local.get $i)))`,
    [['f', [0]]],
  );
});

test('2,000 nested try_table: exceptions pass handlers of other tags to the right one', () => {
  // Node 20 has no try_table: the outcomes are worked out by hand.
  const n = 2_000;
  expect(
    `(module ${LOG} (tag $e (param i32)) (tag $f)
      (func $thrower (param i32)
        (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 11))))
        (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $f))))
      (func (export "f") (param i32) (result i32)
        (block $outer (result i32)
          ${repeat('(block $h (result i32) (try_table (catch $e $h) ', n / 2)}
          ${repeat('(try_table (catch $f 0) ', n / 2)}
          (call $thrower (local.get 0)) (call $log (i32.const 1))
          ${repeat(')', n / 2)}
          (call $log (i32.const 2)) (br $outer (i32.const 3))
          ${repeat(') (i32.const 4)) (call $log)', n / 2)}
          (i32.const 6))))`,
    [
      ['f', [0]],
      ['f', [1]],
      ['f', [2]],
    ],
    [
      // $e passes the $f handlers to the innermost $e handler, then every level logs.
      { result: '6', log: ['log(11)', ...Array<string>(n / 2 - 1).fill('log(4)')] },
      // $f is caught at once and skips the rest of its group.
      { result: '3', log: ['log(2)'] },
      { result: '3', log: ['log(1)', 'log(2)'] },
    ],
  );
});

test('an expression chain of 50,000 operations', () => {
  const n = 50_000;
  agree(
    `(module (func (export "f") (param i32) (result i32)
      (local.get 0) ${repeat('(i32.add (i32.const 3)) (i32.xor (i32.const 5)) ', n / 2)}))`,
    [['f', [1]]],
  );
});

test('a body of 100,000 statements and calls', () => {
  const n = 50_000;
  agree(
    `(module (global $g (mut i32) (i32.const 0))
      (func $inc (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
      (func (export "f") (param i32) (result i32) (local i32)
        ${repeat('(local.set 1 (i32.add (local.get 1) (local.get 0))) (drop (call $inc)) ', n)}
        (i32.add (local.get 1) (global.get $g))))`,
    [['f', [2]]],
  );
});

test.run();
