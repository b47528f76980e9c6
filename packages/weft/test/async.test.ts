/**
 * Async calls: async host functions suspending wasm and resuming it, fuel
 * and deadline yields, re-entrancy while suspended, and what a synchronous
 * call refuses. Every test runs in the three configurations of the jit
 * (the frames suspended are then baseline, optimized or flat code; resumed
 * frames always run resumable flat code).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Func,
  FuncType,
  Linker,
  Module,
  Store,
  StoreError,
  SuspendError,
  Trap,
  TrapCode,
  ValType,
  type CallHookKind,
  type Instance,
} from '#src/index.js';
import { inConfig, JIT_CONFIGS } from './jit-config.js';

const i32 = ValType.i32();
const i64 = ValType.i64();

/** A promise that settles on a later turn of the event loop (a real wait). */
function later<T>(value: T, ms = 0): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** What `fact(n)` returns: the product of get(k) = 2k for k = 1..n, times get(1) = 2 (mod 2^32). */
function fact(n: number): number {
  let r = 2;
  for (let k = 1; k <= n; k++) r = Math.imul(r, 2 * k);
  return r;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const WAT = `(module
  (import "host" "get" (func $get (param i32) (result i32)))
  (import "host" "pair" (func $pair (param i64 f32) (result i64 f32)))
  (import "host" "sync" (func $sync (param i32) (result i32)))
  (tag $e (param i32))
  ;; recursion: every level awaits, results multiply on the way back
  (func $fact (export "fact") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (call $get (i32.const 1)))
      (else (i32.mul (call $get (local.get 0))
                     (call $fact (i32.sub (local.get 0) (i32.const 1)))))))
  ;; a loop awaiting at every iteration, with live values of every class around the call
  (func (export "loop") (param $n i32) (result i64)
    (local $i i32) (local $s i64) (local $f f64) (local $v v128) (local $r externref)
    (local.set $v (v128.const i32x4 1 2 3 4))
    (loop $l
      (local.set $s (i64.add (local.get $s)
        (i64.add (i64.extend_i32_u (call $get (local.get $i)))
                 (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $v))))))
      (local.set $f (f64.add (local.get $f) (f64.const 0.5)))
      (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 0 0 0 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (local.get $s) (i64.trunc_f64_s (local.get $f))))
  ;; operands below the call stay on the operand stack across the suspension
  (func (export "operands") (param i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 100))
      (i32.add (call $get (local.get 0)) (i32.const 7))))
  (func (export "pair") (param i64 f32) (result i64 f32)
    (call $pair (local.get 0) (local.get 1)))
  ;; an exception thrown after the resumption, caught around the call
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (if (i32.eq (call $get (local.get 0)) (i32.const 0)) (then (throw $e (i32.const 99)))))
      (i32.const -1)))
  (func $after (export "trapAfter") (param i32) (result i32)
    (drop (call $get (local.get 0)))
    unreachable)
  (func (export "trapDeep") (param i32) (result i32)
    (i32.add (i32.const 1) (call $after (local.get 0))))
  ;; tail calls: into the async import, and a chain whose last function suspends
  (func (export "tailHost") (param i32) (result i32) (return_call $get (local.get 0)))
  (func $tailed (param i32) (result i32) (i32.add (call $get (local.get 0)) (i32.const 1)))
  (func (export "tailChain") (param i32) (result i32) (return_call $tailed (local.get 0)))
  (func (export "viaSync") (param i32) (result i32) (call $sync (local.get 0)))
  (func (export "plain") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`;

interface Setup {
  engine: Engine;
  store: Store;
  instance: Instance;
  call(name: string, ...args: unknown[]): unknown;
  callAsync(name: string, ...args: unknown[]): Promise<unknown>;
  /** What the async import does with its argument (default: resolve it doubled, later). */
  get: { impl: (x: number) => unknown; calls: number };
  /** What the sync import does (default: call `plain`). */
  sync: { impl: (x: number) => unknown };
}

function setup(config: ConstructorParameters<typeof Config>[0] = {}): Setup {
  const engine = new Engine(new Config(config));
  const store = new Store(engine);
  const linker = new Linker(engine);
  const get = { impl: (x: number): unknown => later(x * 2), calls: 0 };
  const sync = { impl: (x: number): unknown => x };
  linker.funcAsync(store, 'host', 'get', new FuncType([i32], [i32]), (_c, x: number) => {
    get.calls++;
    return get.impl(x);
  });
  linker.funcAsync(
    store,
    'host',
    'pair',
    new FuncType([i64, ValType.f32()], [i64, ValType.f32()]),
    async (_c, a: bigint, b: number) => {
      await later(0);
      return [a * 3n, b * 2];
    },
  );
  linker.func(store, 'host', 'sync', new FuncType([i32], [i32]), (_c, x: number) => sync.impl(x));
  const instance = linker.instantiate(store, new Module(engine, parseWat(WAT)));
  const fn = (name: string) => instance.getFunc(store, name)!;
  return {
    engine,
    store,
    instance,
    call: (name, ...args) => fn(name).call(store, ...args),
    callAsync: (name, ...args) => fn(name).callAsync(store, ...args),
    get,
    sync,
  };
}

for (const config of JIT_CONFIGS) {
  const t = (name: string, body: () => Promise<void>) =>
    test(`${name} (${config})`, () => inConfig(config, body));

  t('an async import awaited at every level of a recursion', async () => {
    const s = setup();
    // fact(n) = get(n) * fact(n - 1), get(x) = 2x, fact(0) = get(1) = 2
    assert.is(await s.callAsync('fact', 6), fact(6));
    assert.is(s.get.calls, 7);
    // Twice, so that hot code (tiered up meanwhile) suspends too.
    assert.is(await s.callAsync('fact', 10), fact(10));
  });

  t('a loop awaiting at every iteration keeps every local and vector lane', async () => {
    const s = setup();
    // sum of 2i, plus lane 3 of v (4, 5, ...), plus 0.5 per iteration
    const n = 300;
    let expected = 0n;
    for (let i = 0; i < n; i++) expected += BigInt(2 * i + 4 + i);
    expected += BigInt(Math.trunc(n * 0.5));
    assert.is(await s.callAsync('loop', n), expected);
    assert.is(s.get.calls, n);
  });

  t('many suspensions in one call, and returns that do not suspend', async () => {
    const s = setup();
    let k = 0;
    // Every other call returns at once: no suspension, same results.
    s.get.impl = (x) => (k++ % 2 === 0 ? Promise.resolve(x * 2) : x * 2);
    const n = 5000;
    let expected = 0n;
    for (let i = 0; i < n; i++) expected += BigInt(2 * i + 4 + i);
    expected += BigInt(Math.trunc(n * 0.5));
    assert.is(await s.callAsync('loop', n), expected);
  });

  t(
    'operands under the call, multiple results and every value type cross the suspension',
    async () => {
      const s = setup();
      assert.is(await s.callAsync('operands', 5), 500 + 10 + 7);
      assert.equal(await s.callAsync('pair', -7n, 1.5), [-21n, 3]);
    },
  );

  t(
    'a rejection is the host error, as a synchronous throw would be; the store goes on',
    async () => {
      const s = setup();
      const boom = new Error('boom');
      s.get.impl = () => later(null).then(() => Promise.reject(boom));
      assert.is(await rejection(s.callAsync('fact', 3)), boom);
      // A Trap rejected continues as that trap, like a Trap thrown.
      s.get.impl = () => Promise.reject(new Trap(TrapCode.IntegerOverflow));
      const trap = await rejection(s.callAsync('operands', 1));
      assert.ok(trap instanceof Trap && trap.code === TrapCode.IntegerOverflow);
      // A throw before the promise, too.
      s.get.impl = () => {
        throw boom;
      };
      assert.is(await rejection(s.callAsync('operands', 1)), boom);
      s.get.impl = (x) => later(x * 2);
      assert.is(await s.callAsync('fact', 2), fact(2));
      assert.is(s.call('plain', 41), 42);
    },
  );

  t('a wasm exception thrown after the resumption is caught around the call', async () => {
    const s = setup();
    s.get.impl = (x) => later(x);
    assert.is(await s.callAsync('catch', 0), 99);
    assert.is(await s.callAsync('catch', 1), -1);
  });

  t('a trap after the resumption has the whole wasm backtrace', async () => {
    const s = setup();
    const trap = await rejection(s.callAsync('trapDeep', 3));
    assert.ok(trap instanceof Trap, String(trap));
    assert.is(trap.code, TrapCode.UnreachableCodeReached);
    // $after (8) under trapDeep (9); the unreachable is after the resumed call.
    assert.equal(
      trap.frames.map((f) => f.funcIndex),
      [8, 9],
    );
    assert.is(await s.callAsync('operands', 1), 100 + 2 + 7);
  });

  t('tail calls: into an async import, and a chain that suspends', async () => {
    const s = setup();
    assert.is(await s.callAsync('tailHost', 21), 42);
    assert.is(await s.callAsync('tailChain', 20), 41);
  });

  t('a synchronous call that reaches an async import fails with a SuspendError', async () => {
    const s = setup();
    let e: unknown = null;
    try {
      s.call('fact', 3);
    } catch (x) {
      e = x;
    }
    assert.ok(e instanceof SuspendError, String(e));
    assert.is(s.get.calls, 0);
    // Through a synchronous host function too: wasm -> host -> wasm -> async host.
    s.sync.impl = (x) => s.call('operands', x);
    const nested = await rejection(s.callAsync('viaSync', 1));
    assert.ok(nested instanceof SuspendError, String(nested));
    // The store is intact.
    assert.is(s.call('plain', 1), 2);
    assert.is(await s.callAsync('operands', 2), 200 + 4 + 7);
  });

  t('while a call is suspended, the store takes other calls, sync and async', async () => {
    const s = setup();
    let release!: (v: number) => void;
    s.get.impl = () => new Promise<number>((r) => (release = r));
    const first = s.callAsync('operands', 3);
    await later(null);
    // Other calls run meanwhile, on the same store: sync, async, and one that traps.
    assert.is(s.call('plain', 9), 10);
    s.get.impl = (x) => later(x * 2);
    assert.is(await s.callAsync('fact', 2), fact(2));
    const trap = await rejection(s.callAsync('trapDeep', 1));
    assert.ok(trap instanceof Trap && trap.code === TrapCode.UnreachableCodeReached);
    release(1000);
    assert.is(await first, 300 + 1000 + 7);
  });

  t('an async import calling back into wasm asynchronously, which suspends too', async () => {
    const s = setup();
    const { store, instance, engine } = s;
    const linker = new Linker(engine);
    linker.funcAsync(store, 'host', 'get', new FuncType([i32], [i32]), async (_c, x: number) => {
      // wasm -> async host -> (while suspended) wasm -> async host
      const inner = (await instance.getFunc(store, 'fact')!.callAsync(store, x)) as number;
      return inner + 1;
    });
    linker.func(
      store,
      'host',
      'pair',
      new FuncType([i64, ValType.f32()], [i64, ValType.f32()]),
      () => [0n, 0],
    );
    linker.func(store, 'host', 'sync', new FuncType([i32], [i32]), (_c, x: number) => x);
    const outer = linker.instantiate(store, new Module(engine, parseWat(WAT)));
    assert.is(await outer.getFunc(store, 'operands')!.callAsync(store, 3), 300 + fact(3) + 1 + 7);
  });

  t('a call started from inside a host function resumes wherever the stack is then', async () => {
    const s = setup();
    let pending: Promise<unknown> | null = null;
    // wasm -> sync host, which starts an async call (higher on the stack) and returns.
    s.sync.impl = (x) => {
      pending = s.callAsync('fact', x);
      return 0;
    };
    assert.is(await s.callAsync('viaSync', 4), 0);
    assert.is(await pending, fact(4));
  });

  t('the call hook pairs every host and wasm transition across suspensions', async () => {
    const s = setup();
    const events: CallHookKind[] = [];
    s.store.setCallHook((k) => void events.push(k));
    await s.callAsync('operands', 1);
    assert.equal(events, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
  });

  t('disposing the store while a call is suspended rejects it', async () => {
    const s = setup();
    const p = s.callAsync('fact', 3);
    s.store.dispose();
    assert.ok((await rejection(p)) instanceof StoreError);
  });
}

test('instantiateAsync: a start function awaiting an async import', async () => {
  const engine = new Engine();
  const store = new Store(engine);
  const linker = new Linker(engine);
  linker.funcAsync(store, 'host', 'get', new FuncType([], [i32]), () => later(42));
  const module = new Module(
    engine,
    parseWat(`(module (import "host" "get" (func $get (result i32)))
      (global $g (export "g") (mut i32) (i32.const 0))
      (func $start (global.set $g (call $get))) (start $start))`),
  );
  let e: unknown = null;
  try {
    linker.instantiate(store, module);
  } catch (x) {
    e = x;
  }
  assert.ok(e instanceof SuspendError, String(e));
  const instance = await linker.instantiateAsync(store, module);
  assert.is(instance.getGlobal(store, 'g')!.value(store), 42);
});

test('Func.newAsync called directly, and with a bad result', async () => {
  const engine = new Engine();
  const store = new Store(engine);
  const f = Func.newAsync(store, new FuncType([i32], [i32]), async (_c, x: number) => x + 1);
  assert.is(await f.callAsync(store, 1), 2);
  const bad = Func.newAsync(store, new FuncType([], [i32]), async () => 'nope');
  const e = await rejection(bad.callAsync(store));
  assert.ok(e instanceof TypeError, String(e));
});

const SPIN = `(module
  (func (export "spin") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i)))`;

test('fuel yields: a long call lets timers run, ends with the right result and fuel', async () => {
  const engine = new Engine(new Config({ consumeFuel: true }));
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, parseWat(SPIN)));
  const spin = instance.getFunc(store, 'spin')!;
  store.setFuel(10_000_000);
  store.fuelAsyncYieldInterval(10_000);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  try {
    assert.is(await spin.callAsync(store, 1_000_000), 1_000_000);
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticks > 0, 'timers ran during the call');
  // 8 per iteration, plus the entry: what a synchronous call consumes.
  const asyncLeft = store.getFuel();
  store.setFuel(10_000_000);
  assert.is(spin.call(store, 1_000_000), 1_000_000);
  assert.is(asyncLeft, store.getFuel());
  // The total still bounds the call.
  store.setFuel(50_000);
  const e = await rejection(spin.callAsync(store, 1_000_000));
  assert.ok(e instanceof Trap && e.code === TrapCode.OutOfFuel, String(e));
});

test('deadline yields: epochs and the clock, with a callback answering yield', async () => {
  const engine = new Engine(new Config({ epochInterruption: true }));
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, parseWat(SPIN)));
  const spin = instance.getFunc(store, 'spin')!;
  // The clock: yield every 5 ms of running wasm.
  store.setEpochDeadline(1_000_000);
  store.deadlineAsyncYieldAndUpdate(5);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  try {
    assert.is(await spin.callAsync(store, 30_000_000), 30_000_000);
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticks > 0, 'timers ran during the call');
  // Epochs, advanced by a worker: each deadline reached yields, and moves on.
  store.setDeadline(Infinity);
  store.deadlineCallback(null);
  store.setEpochDeadline(1);
  store.epochDeadlineAsyncYieldAndUpdate(1);
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const timer = setInterval(() => Atomics.add(workerData, 0, 1), 2);
     setTimeout(() => clearInterval(timer), 20000);`,
    { eval: true, workerData: engine.epochCounter },
  );
  ticks = 0;
  const timer2 = setInterval(() => ticks++, 0);
  try {
    await later(null, 20); // let the worker start
    const before = ticks;
    assert.is(await spin.callAsync(store, 100_000_000), 100_000_000);
    assert.ok(ticks > before, 'timers ran during the call');
  } finally {
    clearInterval(timer2);
    await worker.terminate();
  }
  // A synchronous call does not yield: it runs on.
  assert.is(spin.call(store, 1000), 1000);
  // A callback can still trap.
  store.epochDeadlineCallback(() => ({ action: 'trap' }));
  engine.incrementEpoch();
  engine.incrementEpoch();
  const e = await rejection(spin.callAsync(store, 30_000_000));
  assert.ok(e instanceof Trap && e.code === TrapCode.Interrupt, String(e));
});

test.run();
