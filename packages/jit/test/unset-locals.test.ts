/**
 * Which declared locals a function's entry zeroes (unset-locals.ts): the
 * analysis itself on each control shape (what it must zero, and what it
 * may leave, so that losing the optimization fails too), and running the
 * shapes where a path skips the write over slots an earlier call filled,
 * against native WebAssembly (and by hand for try_table, which Node 20
 * lacks) in every tier.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody, parseModule, type FuncType } from '@weft/environ';
import { parseWat } from '@weft/wast';
import { localsReadUnset } from '#src/compiler/unset-locals.js';
import { agree, expect } from './support/differential.js';

/** The declared locals (by index) the entry of the module's only function must zero. */
function zeroed(func: string): number[] | null {
  const m = parseModule(parseWat(`(module (tag $e) ${func})`));
  const body = m.bodies[0]!;
  const first = (m.types[body.typeIndex]!.comp as FuncType).params.length;
  const unset = localsReadUnset(analyzeBody(m, body), first, first + body.numLocals);
  if (unset === null) return null;
  return [...unset.keys()].filter((d) => unset[d] === 1).map((d) => d + first);
}

test('a local written before every read is not zeroed; one read first is', () => {
  // fib's shape: a local set on entry, read in a loop.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32 i32)
      (local.set 1 (i32.const 0))
      (block (br_if 0 (i32.lt_u (local.get 0) (i32.const 2)))
        (loop (local.set 1 (i32.add (local.get 1) (local.get 0)))
          (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
      (i32.add (local.get 0) (local.get 1)))`),
    [],
  );
  assert.equal(zeroed(`(func (result i32) (local i32 i32) (local.get 1))`), [1]);
  // Never read: nothing to zero, written or not.
  assert.equal(zeroed(`(func (local i32 f64) (local.set 0 (i32.const 1)))`), []);
});

test('a path that skips the write needs the zero: br_if, if, br_table, loops', () => {
  // A branch out of the block before the write.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (block (br_if 0 (local.get 0)) (local.set 1 (i32.const 5))) (local.get 1))`),
    [1],
  );
  // The same branch after the write.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (block (local.set 1 (i32.const 5)) (br_if 0 (local.get 0))) (local.get 1))`),
    [],
  );
  // if without else, if with an else that does not write, both arms writing.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5)))) (local.get 1))`),
    [1],
  );
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5))) (else (nop))) (local.get 1))`),
    [1],
  );
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (if (local.get 0) (then (local.set 1 (i32.const 5))) (else (local.set 1 (i32.const 6))))
      (local.get 1))`),
    [],
  );
  // An arm that ends in a branch out of the function needs no write.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (if (local.get 0) (then (return (i32.const 9))) (else (local.set 1 (i32.const 6))))
      (local.get 1))`),
    [],
  );
  // br_table: one target block is reached before the write.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (block $a (block $b (local.set 1 (i32.const 1)) (br_table $a $b (local.get 0))) (local.get 1) (return))
      (local.get 1))`),
    [],
  );
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (block $a (block $b (br_table $a $b (local.get 0))) (local.set 1 (i32.const 1)))
      (local.get 1))`),
    [1],
  );
  // Read at the loop's top, written at its bottom: the first iteration reads it unset.
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (loop (drop (local.get 1)) (local.set 1 (local.get 0)) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))`),
    [1],
  );
  // br_on_null: the null path leaves before the write.
  assert.equal(
    zeroed(`(func (param funcref) (result i32) (local i32)
      (block (drop (br_on_null 0 (local.get 0))) (local.set 1 (i32.const 5))) (local.get 1))`),
    [1],
  );
});

test('handlers start from the entry set: try_table and legacy catch', () => {
  assert.equal(
    zeroed(`(func (result i32) (local i32)
      (block $h (try_table (catch_all $h) (local.set 0 (i32.const 1)) (throw $e)) (return (local.get 0)))
      (local.get 0))`),
    [0],
  );
  assert.equal(
    zeroed(`(func (result i32) (local i32)
      (local.set 0 (i32.const 1))
      (block $h (try_table (catch_all $h) (throw $e)))
      (local.get 0))`),
    [],
  );
  assert.equal(
    zeroed(`(func (result i32) (local i32)
      (try (do (local.set 0 (i32.const 1)) (throw $e)) (catch_all))
      (local.get 0))`),
    [0],
  );
  assert.equal(
    zeroed(`(func (result i32) (local i32)
      (try (do (local.set 0 (i32.const 1))) (catch_all (local.set 0 (i32.const 2))))
      (local.get 0))`),
    [],
  );
});

test('unreachable code reads nothing; reads after a dead end still count', () => {
  assert.equal(
    zeroed(`(func (result i32) (local i32)
      (block (br 0) (drop (local.get 0))) (local.set 0 (i32.const 1)) (local.get 0))`),
    [],
  );
  assert.equal(
    zeroed(`(func (param i32) (result i32) (local i32)
      (block (br_if 0 (local.get 0)) (unreachable)) (local.get 1))`),
    [1],
  );
});

// $fill leaves 7s in the slots the $read functions' locals then take (all
// are called at the same operand-stack height from $run).
const FILL = `(func $fill (local i32 i32 i32 i32 i64 f64)
  (local.set 0 (i32.const 7)) (local.set 1 (i32.const 7)) (local.set 2 (i32.const 7))
  (local.set 3 (i32.const 7)) (local.set 4 (i64.const 7)) (local.set 5 (f64.const 7)))`;

const READS: Record<string, string> = {
  br_if: `(block (br_if 0 (local.get 0)) (local.set 1 (i32.const 5))) (local.get 1)`,
  if: `(if (local.get 0) (then (local.set 1 (i32.const 5)))) (local.get 1)`,
  br_table: `(block $a (block $b (br_table $a $b (local.get 0))) (local.set 1 (i32.const 1))) (local.get 1)`,
  loop: `(local.set 2 (i32.const 3))
    (loop (local.set 3 (i32.add (local.get 3) (local.get 1))) (local.set 1 (i32.const 10))
      (br_if 0 (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
    (local.get 3)`,
  wide: `(if (local.get 0) (then (local.set 4 (i64.const 5)) (local.set 5 (f64.const 2))))
    (i32.add (i32.wrap_i64 (local.get 4)) (i32.trunc_f64_s (local.get 5)))`,
  legacy: `(try (do (local.set 1 (i32.const 1)) (if (local.get 0) (then (throw $e)))) (catch_all))
    (local.get 1)`,
};

test('paths that skip the write read zero over slots an earlier call filled', () => {
  const funcs = Object.entries(READS).map(
    ([name, body]) => `(func $${name} (param i32) (result i32) (local i32 i32 i32 i64 f64) ${body})
      (func (export "${name}") (param i32) (result i32) (call $fill) (call $${name} (local.get 0)))`,
  );
  const calls = Object.keys(READS).flatMap((name): [string, number[]][] => [
    [name, [0]],
    [name, [1]],
  ]);
  agree(`(module (tag $e) ${FILL} ${funcs.join('\n')})`, calls);
});

test('try_table: a catch reached before the write reads zero', () => {
  expect(
    `(module (tag $e) ${FILL}
      (func $read (param i32) (result i32) (local i32 i32 i32)
        (block $h (try_table (catch_all $h) (if (local.get 0) (then (throw $e))) (local.set 1 (i32.const 5))))
        (local.get 1))
      (func (export "run") (param i32) (result i32) (call $fill) (call $read (local.get 0))))`,
    [
      ['run', [0]],
      ['run', [1]],
    ],
    [
      { result: '5', log: [] },
      { result: '0', log: [] },
    ],
  );
});

test.run();
