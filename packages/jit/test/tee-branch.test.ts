/**
 * `local.tee` read by the `br_if` right after it, compiled as one expression
 * storing the local and returning the value (visit/variables.ts,
 * `teeForBranch`), against native WebAssembly in every configuration: loop
 * counters, operands below that read the local before the store, values
 * carried to the label, a trapping operation, i64 comparisons, and a
 * branch out of a block rather than a loop.
 */
import { test } from 'uvu';
import { agree, type Call } from './support/differential.js';

const MODULE = `(module
  (func $log (import "env" "log") (param i32))
  ;; The loop counter: sum of n, n-1, ..., 1.
  (func (export "countdown") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; Operands below the tee read the local: they must see the value before it.
  (func (export "below") (param $n i32) (result i32)
    (local.get $n)
    (i32.mul (local.get $n) (i32.const 3))
    (block $b (param i32 i32) (result i32 i32)
      (br_if $b (local.tee $n (i32.add (local.get $n) (i32.const 10)))))
    (i32.add)
    (i32.add (local.get $n)))
  ;; Values carried to the label while the condition stores the local.
  (func (export "carried") (param $n i32) (result i32)
    (block $b (result i32)
      (br_if $b (local.get $n) (local.tee $n (i32.and (local.get $n) (i32.const 1))))
      (drop)
      (i32.const -1))
    (i32.add (local.get $n)))
  ;; A trapping operation as the condition: the store does not happen.
  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (block $b
      (br_if $b (local.tee $a (i32.div_s (local.get $a) (local.get $b))))
      (call $log (local.get $a)))
    (local.get $a))
  ;; An i64 comparison stored to an i32 local and branched on.
  (func (export "lt64") (param $x i64) (param $y i64) (result i32) (local $c i32)
    (block $b
      (br_if $b (local.tee $c (i64.lt_u (local.get $x) (local.get $y))))
      (call $log (local.get $c)))
    (local.get $c))
  ;; A comparison of slot and constant as a loop condition, the local read after.
  (func (export "steps") (param $n i32) (result i32) (local $k i32)
    (loop $l
      (local.set $n (i32.shr_u (local.get $n) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (local.tee $k (i32.lt_u (local.get $k) (local.get $n)))))
    (i32.add (local.get $k) (i32.mul (local.get $n) (i32.const 1000)))))`;

test('local.tee read by br_if agrees with native in every configuration', () => {
  const values = [0, 1, 2, 3, 7, 100, -1, -5, 0x7fffffff, -0x80000000];
  const calls: Call[] = [];
  for (const n of [1, 2, 5, 1000]) calls.push(['countdown', [n]]);
  for (const v of values) {
    calls.push(['below', [v]]);
    calls.push(['carried', [v]]);
    calls.push(['steps', [v]]);
    for (const w of [1, -1, 2, 0, 3]) calls.push(['div', [v, w]]);
    calls.push(['lt64', [BigInt(v), BigInt(v) + 1n]]);
    calls.push(['lt64', [BigInt(v) << 32n, -1n]]);
  }
  agree(MODULE, calls);
});

test.run();
