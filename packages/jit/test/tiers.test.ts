import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModule } from '@weft/environ';
import { callFunc, instantiate, Store, TypeRegistry, type FuncInstance } from '@weft/runtime';
import { classify, compileModule } from '#src/index.js';
import { withThresholds } from './support/thresholds.js';

/*
(module
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $i))
  (func (export "grid") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $j))))
        (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
      (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s)))
*/
const LOOPS = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  0x03, 0x04, 0x03, 0x00, 0x00, 0x00, 0x07, 0x16, 0x03, 0x03, 0x73, 0x75, 0x6d, 0x00, 0x00, 0x05,
  0x63, 0x6f, 0x75, 0x6e, 0x74, 0x00, 0x01, 0x04, 0x67, 0x72, 0x69, 0x64, 0x00, 0x02, 0x0a, 0x6e,
  0x03, 0x1c, 0x01, 0x02, 0x7f, 0x03, 0x40, 0x20, 0x02, 0x20, 0x01, 0x6a, 0x21, 0x02, 0x20, 0x01,
  0x41, 0x01, 0x6a, 0x22, 0x01, 0x20, 0x00, 0x49, 0x0d, 0x00, 0x0b, 0x20, 0x02, 0x0b, 0x1c, 0x01,
  0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x01, 0x20, 0x00, 0x4f, 0x0d, 0x01, 0x20, 0x01, 0x41,
  0x01, 0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b, 0x32, 0x01, 0x03, 0x7f, 0x03,
  0x40, 0x41, 0x00, 0x21, 0x02, 0x03, 0x40, 0x20, 0x03, 0x20, 0x01, 0x20, 0x02, 0x6c, 0x6a, 0x21,
  0x03, 0x20, 0x02, 0x41, 0x01, 0x6a, 0x22, 0x02, 0x20, 0x00, 0x49, 0x0d, 0x00, 0x0b, 0x20, 0x01,
  0x41, 0x01, 0x6a, 0x22, 0x01, 0x20, 0x00, 0x49, 0x0d, 0x00, 0x0b, 0x20, 0x03, 0x0b,
]);

function setup() {
  const module = parseModule(LOOPS);
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  const func = (name: string) => instance.exports.get(name) as FuncInstance;
  const call = (name: string, n: number) => callFunc(store, func(name), [n])[0] as number;
  return { func, call };
}

test('a loop that gets hot finishes in optimized code, and later calls start there', () =>
  withThresholds(Infinity, 10, () => {
    const { func, call } = setup();
    assert.is(call('sum', 5), 10); // compiles baseline code; stays below the threshold
    const baseline = func('sum').code;
    assert.is(call('sum', 100), 4950); // tiers up after 10 iterations, mid-loop
    const optimized = func('sum').code;
    assert.is.not(optimized, baseline);
    assert.is(call('sum', 100), 4950);
    assert.is(func('sum').code, optimized);
  }));

test('loops that exit from their head tier up too', () =>
  withThresholds(Infinity, 7, () => {
    const { func, call } = setup();
    assert.is(call('count', 3), 3);
    const baseline = func('count').code;
    assert.is(call('count', 50), 50);
    assert.is.not(func('count').code, baseline);
  }));

test('nested loops: the inner loop tiers up inside a baseline outer loop', () =>
  withThresholds(Infinity, 25, () => {
    const { call } = setup();
    // Sum of i*j for i, j < n: (n(n-1)/2)^2.
    for (const n of [3, 10, 40]) assert.is(call('grid', n), ((n * (n - 1)) / 2) ** 2);
  }));

test('a function called often enough is replaced by its optimized code', () =>
  withThresholds(3, Infinity, () => {
    const { func, call } = setup();
    assert.is(call('sum', 4), 6);
    const baseline = func('sum').code;
    assert.is(call('sum', 4), 6);
    assert.is(func('sum').code, baseline);
    assert.is(call('sum', 4), 6); // the third call installs the optimized code
    assert.is.not(func('sum').code, baseline);
    assert.is(call('sum', 5), 10);
  }));

test.run();
