import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModule } from '@weft/environ';
import { callFunc, instantiate, Store, Trap, TypeRegistry, type FuncInstance } from '@weft/runtime';
import { parseWat } from '@weft/wast';
import { literalOfClosure, make, withCopies } from '#src/compiler/literals.js';
import { setPackLoader } from '#src/compiler/packs.js';
import { CONTROL } from '#src/compiler/tables.js';
import { classify, compileModule } from '#src/index.js';
import { withThresholds } from './support/thresholds.js';

// Calls in optimized code: a function calling itself, or a callee already
// optimized, goes through a copy of `callFunc` of its own (so V8 can inline
// the callee); other calls share one. These run every kind of call across
// both tiers and check results, traps and backtraces.
const WAT = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $even (export "even") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
      (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "sumsq") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $sq (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func $down (export "down") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))
  (func $count (export "count") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1))
                                (i32.add (local.get 1) (i32.const 2))))))
  (func $forever (export "forever") (param i32) (result i32)
    (call $forever (i32.add (local.get 0) (i32.const 1)))))`;

function setup() {
  const module = parseModule(parseWat(WAT));
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  const func = (name: string) => instance.exports.get(name) as FuncInstance;
  const call = (name: string, ...args: number[]) => callFunc(store, func(name), args)[0] as number;
  return { func, call };
}

function checkAll(): void {
  const { func, call } = setup();
  const fibs = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
  for (let round = 0; round < 3; round++) {
    for (let n = 0; n <= 10; n++) assert.is(call('fib', n), fibs[n]);
    assert.is(call('fib', 20), 6765);
    assert.is(call('even', 101), 0);
    assert.is(call('even', 300), 1);
    assert.is(call('sumsq', 2000), 2_668_667_000 | 0);
    assert.is(call('count', 5000, 1), 10_001);
  }
  // A trap deep in recursion: every frame of the chain is in the backtrace.
  try {
    call('down', 40);
    assert.unreachable('down traps');
  } catch (e) {
    assert.instance(e, Trap);
    const trap = e as Trap;
    assert.is(trap.code, 'UnreachableCodeReached');
    assert.is(trap.frames.filter((f) => f.funcIndex === func('down').index).length, 41);
  }
  try {
    call('forever', 0);
    assert.unreachable('forever exhausts the stack');
  } catch (e) {
    assert.is((e as Trap).code, 'StackOverflow');
  }
  // The store is usable after the traps.
  assert.is(call('fib', 15), 610);
}

test('calls in baseline code, tiering up, and optimized code', () => {
  checkAll();
  withThresholds(1, 1, checkAll);
  withThresholds(3, 10, checkAll);
});

test('an optimized function runs an entry copy of its own', () =>
  withThresholds(1, 1, () => {
    const { func, call } = setup();
    assert.is(call('fib', 12), 144);
    const shared = withCopies(() =>
      literalOfClosure(make(CONTROL.entry, [null, 0, 0, null, () => 0, false, null])),
    );
    const lit = literalOfClosure(func('fib').code);
    assert.ok(lit > 0, 'the optimized entry is recorded');
    assert.is.not(lit, shared);
  }));

test('keyed calls: a copy per key, shared without one (copies by signature)', () => {
  // Without a pack loader copies go by signature (with one, every closure
  // gets its own while they last, see literals.test.ts).
  setPackLoader(null);
  try {
    withCopies(() => {
      const f = {} as FuncInstance;
      const lit = (key: number) => literalOfClosure(make(CONTROL.callFunc, [f, 0, null], key));
      assert.is(lit(-1000), lit(-1000));
      assert.is.not(lit(-1000), lit(-1001));
      assert.is(lit(0), lit(0));
      assert.is.not(lit(0), lit(-1000));
      assert.is.not(lit(7), lit(-1000));
    });
  } finally {
    setPackLoader(undefined);
  }
});

test.run();
