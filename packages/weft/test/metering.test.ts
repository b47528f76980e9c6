/**
 * Fuel, epoch deadlines and wall-clock deadlines: bounding untrusted code.
 * Fuel counts are worked out by hand with Wasmtime's rules (see the jit's
 * compiler/metering.ts): every operator costs 1 except nop, drop, block,
 * loop, unreachable, return, else and end.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  FuncType,
  Linker,
  Module,
  Store,
  Trap,
  TrapCode,
  ValType,
} from '#src/index.js';
import { inConfig, JIT_CONFIGS } from './jit-config.js';

const WAT = `(module
  (import "host" "tick" (func $tick))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)                       ;; 3
  (func (export "count") (param $n i32) (local $i i32)    ;; 8 per iteration
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func $inner (result i32) (i32.const 5))                 ;; 1
  (func (export "outer") (result i32)
    (i32.add (call $inner) (i32.const 1)))                 ;; call 1 + 1 + const 1 + add 1 = 4
  (func (export "branchy") (param i32) (result i32)
    (if (result i32) (local.get 0)                         ;; local.get 1, if 1
      (then (i32.const 10))                                ;; 1
      (else (i32.const 20) (i32.const 1) (i32.add))))      ;; 3
  (func (export "forever") (loop $l (br $l)))               ;; br 1 per iteration
  (func (export "ticking") (loop $l (call $tick) (br $l))))`;

function setup(options: ConstructorParameters<typeof Config>[0]) {
  const engine = new Engine(new Config(options));
  const store = new Store(engine);
  let ticks = 0;
  const linker = new Linker(engine);
  linker.func(store, 'host', 'tick', new FuncType([], []), () => {
    ticks++;
    engine.incrementEpoch();
  });
  const instance = linker.instantiate(store, new Module(engine, parseWat(WAT)));
  const call = (name: string, ...args: unknown[]) =>
    instance.getFunc(store, name)!.call(store, ...args);
  return { engine, store, call, ticks: () => ticks };
}

function trapCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return 'no trap';
}

for (const config of JIT_CONFIGS) {
  test(`fuel: exact counts of straight-line code, loops, calls and branches (${config})`, () =>
    inConfig(config, () => {
      const { store, call } = setup({ consumeFuel: true });
      store.setFuel(1000);
      assert.is(call('add', 2, 3), 5);
      assert.is(store.getFuel(), 997);
      call('count', 10);
      assert.is(store.getFuel(), 997 - 80);
      assert.is(call('outer'), 6);
      assert.is(store.getFuel(), 917 - 4);
      assert.is(call('branchy', 1), 10);
      assert.is(store.getFuel(), 913 - 3);
      assert.is(call('branchy', 0), 21);
      assert.is(store.getFuel(), 910 - 5);
      store.setFuel(100);
      assert.is(
        trapCode(() => call('forever')),
        TrapCode.OutOfFuel,
      );
      assert.is(store.getFuel(), 0);
    }));
}

test('fuel: a store starts with none, and running out stops at a loop header, store intact', () => {
  const { store, call } = setup({ consumeFuel: true });
  assert.is(
    trapCode(() => call('add', 1, 2)),
    TrapCode.OutOfFuel,
  );
  store.setFuel(100);
  assert.is(
    trapCode(() => call('forever')),
    TrapCode.OutOfFuel,
  );
  assert.is(store.getFuel(), 0);
  // The trap carries the spec message and leaves the store usable.
  store.setFuel(10);
  assert.is(call('add', 20, 22), 42);
  assert.is(store.getFuel(), 7);
});

test('fuel: the stop is deterministic', () => {
  const stops = new Set<number>();
  for (let i = 0; i < 3; i++) {
    const { store, call } = setup({ consumeFuel: true });
    store.setFuel(1234);
    assert.is(
      trapCode(() => call('count', 1_000_000)),
      TrapCode.OutOfFuel,
    );
    stops.add(store.getFuel());
  }
  assert.equal([...stops], [0]);
  // 8 per iteration: fuel 80 runs 10 iterations exactly; 79 runs the 10th on credit.
  const a = setup({ consumeFuel: true });
  a.store.setFuel(80);
  a.call('count', 10);
  assert.is(a.store.getFuel(), 0);
  const b = setup({ consumeFuel: true });
  b.store.setFuel(79);
  b.call('count', 10);
  assert.is(
    trapCode(() => b.call('add', 1, 1)),
    TrapCode.OutOfFuel,
  ); // checked on entry
});

test('fuel: operator costs can be configured', () => {
  const { store, call } = setup({
    consumeFuel: true,
    operatorCost: { 'i32.add': 10, 'local.get': 0 },
  });
  store.setFuel(100);
  call('add', 1, 2);
  assert.is(store.getFuel(), 90);
  assert.throws(() => setup({ consumeFuel: true, operatorCost: { 'i32.add': 300 } }), /0 to 255/);
});

test('fuel: getFuel and setFuel without consumeFuel are errors', () => {
  const { store } = setup({});
  assert.throws(() => store.getFuel(), /fuel is not enabled/);
  assert.throws(() => store.setFuel(1), /fuel is not enabled/);
});

test('epochs: an infinite loop stops at the deadline, a callback may extend it', () => {
  const { store, call, ticks } = setup({ epochInterruption: true });
  store.setEpochDeadline(3);
  assert.is(
    trapCode(() => call('ticking')),
    TrapCode.Interrupt,
  );
  assert.is(ticks(), 3);
  let asked = 0;
  store.epochDeadlineCallback(() =>
    ++asked < 4 ? { action: 'continue', delta: 2 } : { action: 'trap' },
  );
  store.setEpochDeadline(1);
  assert.is(
    trapCode(() => call('ticking')),
    TrapCode.Interrupt,
  );
  assert.is(asked, 4);
  assert.is(ticks(), 3 + 1 + 3 * 2);
  // The store is usable afterwards.
  store.setEpochDeadline(100);
  assert.is(call('add', 1, 2), 3);
});

test('epochs: a worker advancing the shared counter stops a loop that never calls out', async () => {
  const { engine, store, call } = setup({ epochInterruption: true });
  store.setEpochDeadline(2);
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const counter = workerData;
     const timer = setInterval(() => Atomics.add(counter, 0, 1), 5);
     setTimeout(() => clearInterval(timer), 10000);`,
    { eval: true, workerData: engine.epochCounter },
  );
  try {
    await new Promise((r) => setTimeout(r, 20)); // let the worker start
    store.setEpochDeadline(2);
    assert.is(
      trapCode(() => call('forever')),
      TrapCode.Interrupt,
    );
  } finally {
    await worker.terminate();
  }
});

test('wall-clock deadline: an infinite loop stops soon after it', () => {
  const { store, call } = setup({ epochInterruption: true });
  store.setEpochDeadline(1_000_000);
  const start = performance.now();
  store.setDeadline(50);
  assert.is(
    trapCode(() => call('forever')),
    TrapCode.Interrupt,
  );
  const took = performance.now() - start;
  assert.ok(took >= 50 && took < 5000, `stopped after ${took} ms`);
  store.setDeadline(Infinity);
  assert.is(call('add', 2, 2), 4);
});

test('deadlines without epochInterruption are errors', () => {
  const { store } = setup({});
  assert.throws(() => store.setDeadline(10), /epoch interruption is not enabled/);
  assert.throws(() => store.setEpochDeadline(1), /epoch interruption is not enabled/);
});

test.run();
