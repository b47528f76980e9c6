/**
 * Legacy exception handling (try/catch/catch_all/delegate/rethrow), which
 * Node 20's WebAssembly runs natively: every configuration must agree with
 * it, across calls, nested and delegating tries, and rethrows.
 */
import { test } from 'uvu';
import { agree } from './support/differential.js';

const MODULE = `(module
  (import "env" "log" (func $log (param i32)))
  (tag $e (param i32))
  (tag $f)
  (func $thrower (param i32)
    (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $e (i32.const 11))))
    (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $f)))
    (if (i32.eq (local.get 0) (i32.const 3)) (then unreachable)))
  (func (export "catches") (param i32) (result i32)
    (try (result i32)
      (do (call $thrower (local.get 0)) (i32.const 1))
      (catch $e (i32.add (i32.const 100)))
      (catch_all (i32.const 200))))
  (func (export "nested") (param i32) (result i32) (local $r i32)
    (try $outer
      (do
        (try
          (do (call $thrower (local.get 0)) (local.set $r (i32.const 5)))
          (catch $f (call $log (i32.const 1)) (rethrow 0)))
        (call $log (i32.const 2)))
      (catch $e (local.set $r (i32.add (i32.const 7))))
      (catch_all (call $log (i32.const 3)) (local.set $r (i32.const 9))))
    (local.get $r))
  (func (export "delegate-skips") (param i32) (result i32)
    (try $t (result i32)
      (do
        (try (result i32)
          (do
            (try (result i32) (do (call $thrower (local.get 0)) (i32.const 1)) (delegate $t)))
          (catch_all (i32.const 2))))
      (catch_all (i32.const 3))))
  (func (export "delegate-to-block") (param i32) (result i32)
    (try (result i32)
      (do (block $b (try (do (call $thrower (local.get 0))) (delegate $b))) (i32.const 0))
      (catch $e (drop) (i32.const 10))
      (catch_all (i32.const 1))))
  (func (export "delegate-to-caller") (param i32)
    (try (do (try (do (call $thrower (local.get 0))) (delegate 1))) (catch_all (call $log (i32.const 4)))))
  (func (export "calls-delegating") (param i32) (result i32)
    (try (result i32)
      (do (call 6 (local.get 0)) (i32.const 0))
      (catch $e)
      (catch_all (i32.const 99))))
  (func (export "rethrow-outer") (param i32) (result i32)
    (try (result i32)
      (do (throw $e (local.get 0)))
      (catch $e
        (drop)
        (try (result i32)
          (do (throw $f))
          (catch $f (rethrow 1))))))
  (func (export "in-loop") (param i32) (result i32) (local $n i32) (local $caught i32)
    (loop $l
      (try (do (call $thrower (i32.rem_u (local.get $n) (i32.const 3))))
        (catch $e (drop) (local.set $caught (i32.add (local.get $caught) (i32.const 1))))
        (catch $f (local.set $caught (i32.add (local.get $caught) (i32.const 100)))))
      (br_if $l (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (local.get 0))))
    (local.get $caught)))`;

test('legacy try/catch/delegate/rethrow agree with native in every configuration', () => {
  const calls: [string, number[]][] = [];
  for (const name of [
    'catches',
    'nested',
    'delegate-skips',
    'delegate-to-block',
    'calls-delegating',
  ]) {
    for (const x of [0, 1, 2, 3]) calls.push([name, [x]]);
  }
  for (const x of [0, 1, 2]) calls.push(['delegate-to-caller', [x]]);
  calls.push(['rethrow-outer', [5]], ['in-loop', [10]], ['in-loop', [2000]]);
  agree(MODULE, calls);
});

test.run();
