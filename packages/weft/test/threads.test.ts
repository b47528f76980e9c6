/**
 * Threads: atomic instructions, shared memories across stores and worker
 * threads, wait and notify. The stress test runs several workers, each
 * with its own engine, store and instance, on one shared memory.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  LinkError,
  Linker,
  Memory,
  MemoryType,
  Module,
  SharedMemory,
  Store,
  Trap,
  TrapCode,
  type Instance,
} from '#src/index.js';

/** Every kind of atomic access, exported by name, for a memory of address type `a`. */
const atomics = (a: string) => `
  (func (export "load8") (param ${a}) (result i32) (i32.atomic.load8_u (local.get 0)))
  (func (export "load16") (param ${a}) (result i32) (i32.atomic.load16_u (local.get 0)))
  (func (export "load32") (param ${a}) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "load64") (param ${a}) (result i64) (i64.atomic.load (local.get 0)))
  (func (export "load64_32") (param ${a}) (result i64) (i64.atomic.load32_u (local.get 0)))
  (func (export "store8") (param ${a} i32) (i32.atomic.store8 (local.get 0) (local.get 1)))
  (func (export "store64") (param ${a} i64) (i64.atomic.store (local.get 0) (local.get 1)))
  (func (export "store64_16") (param ${a} i64) (i64.atomic.store16 (local.get 0) (local.get 1)))
  (func (export "add32") (param ${a} i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "sub8") (param ${a} i32) (result i32) (i32.atomic.rmw8.sub_u (local.get 0) (local.get 1)))
  (func (export "add64") (param ${a} i64) (result i64) (i64.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "xor64_32") (param ${a} i64) (result i64) (i64.atomic.rmw32.xor_u (local.get 0) (local.get 1)))
  (func (export "xchg16") (param ${a} i32) (result i32) (i32.atomic.rmw16.xchg_u (local.get 0) (local.get 1)))
  (func (export "and64") (param ${a} i64) (result i64) (i64.atomic.rmw.and (local.get 0) (local.get 1)))
  (func (export "or32") (param ${a} i32) (result i32) (i32.atomic.rmw.or (local.get 0) (local.get 1)))
  (func (export "cas8") (param ${a} i32 i32) (result i32)
    (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas32") (param ${a} i32 i32) (result i32)
    (i32.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas64") (param ${a} i64 i64) (result i64)
    (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas64_16") (param ${a} i64 i64) (result i64)
    (i64.atomic.rmw16.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param ${a} i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "wait32") (param ${a} i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param ${a} i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fence") (atomic.fence))
  (func (export "size") (result ${a}) (memory.size))
  (func (export "grow") (param ${a}) (result ${a}) (memory.grow (local.get 0)))
  (func (export "load") (param ${a}) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param ${a} i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "fill") (param ${a} i32 ${a}) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param ${a} ${a} ${a}) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
`;

/** Accesses that only a growth makes valid, in every address shape the compiler has. */
const BEYOND = `
  (func (export "const_load") (result i32) (i32.load (i32.const 65552)))
  (func (export "expr_load") (param i32) (result i32) (i32.load offset=16 (i32.or (local.get 0) (i32.const 0))))
  (func (export "const_store") (param i32) (i32.store (i32.const 65556) (local.get 0)))
  (func (export "simd_lane") (param i32) (result i32)
    (i32x4.extract_lane 0 (v128.load offset=16 (local.get 0))))
`;

function instance(memory: string): {
  store: Store;
  call: (name: string, ...args: unknown[]) => unknown;
} {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const inst = new Linker(engine).instantiate(
    store,
    new Module(engine, `(module ${memory} ${atomics(memory.includes('i64') ? 'i64' : 'i32')})`),
  );
  return { store, call: (name, ...args) => inst.getFunc(store, name)!.call(store, ...args) };
}

function trapCode(f: () => unknown): TrapCode | null {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return null;
}

for (const memory of ['(memory 1 1 shared)', '(memory 1 1)', '(memory i64 1 1 shared)']) {
  test(`atomic accesses: ${memory}`, () => {
    const wide = memory.includes('i64');
    const { call } = instance(memory);
    const a = (x: number) => (wide ? BigInt(x) : x);
    // Stores and loads, narrow ones zero-extended.
    call('store64', a(8), -2n);
    assert.is(call('load64', a(8)), -2n);
    assert.is(call('load64_32', a(8)), 0xfffffffen);
    assert.is(call('load16', a(8)), 0xfffe);
    assert.is(call('load8', a(9)), 0xff);
    call('store64_16', a(8), 0x12345n);
    assert.is(call('load32', a(8)), 0xffff2345 | 0);
    call('store8', a(0), 0x1ff);
    assert.is(call('load8', a(0)), 0xff);
    // Read-modify-write returns the old value; narrow ones wrap.
    assert.is(call('sub8', a(0), 0x100), 0xff);
    assert.is(call('sub8', a(0), 0x200 + 0xfe), 0xff);
    assert.is(call('load8', a(0)), 1);
    assert.is(call('add32', a(16), -1), 0);
    assert.is(call('add32', a(16), 2), -1);
    assert.is(call('load32', a(16)), 1);
    // 64-bit addition carries across the halves.
    call('store64', a(24), 0xffffffffn);
    assert.is(call('add64', a(24), 1n), 0xffffffffn);
    assert.is(call('load64', a(24)), 0x100000000n);
    assert.is(call('xor64_32', a(24), 0xffffffff00000001n), 0n);
    assert.is(call('load64', a(24)), 0x100000001n);
    assert.is(call('and64', a(24), 0x100000000n), 0x100000001n);
    assert.is(call('load64', a(24)), 0x100000000n);
    assert.is(call('xchg16', a(32), 0x1abcd), 0);
    assert.is(call('xchg16', a(32), 1), 0xabcd);
    assert.is(call('or32', a(32), 0x100), 1);
    // Compare-exchange compares the wrapped expected value.
    assert.is(call('cas8', a(40), 0x100, 7), 0);
    assert.is(call('load8', a(40)), 7);
    assert.is(call('cas8', a(40), 8, 9), 7);
    assert.is(call('load8', a(40)), 7);
    assert.is(call('cas32', a(44), 0, -5), 0);
    assert.is(call('cas32', a(44), -5, 6), -5);
    assert.is(call('cas64', a(48), 0n, -7n), 0n);
    assert.is(call('cas64', a(48), -7n, 1n << 40n), -7n);
    assert.is(call('load64', a(48)), 1n << 40n);
    assert.is(call('cas64_16', a(56), 0x10000n, 0xffffn), 0n);
    assert.is(call('load64', a(56)), 0xffffn);
    call('fence');
    // Misaligned addresses trap before bounds are checked; then out-of-bounds accesses trap.
    assert.is(
      trapCode(() => call('load32', a(2))),
      TrapCode.HeapMisaligned,
    );
    assert.is(
      trapCode(() => call('cas64', a(65532), 0n, 0n)),
      TrapCode.HeapMisaligned,
    );
    assert.is(
      trapCode(() => call('load32', a(65533))),
      TrapCode.HeapMisaligned,
    );
    assert.is(
      trapCode(() => call('load32', a(65536))),
      TrapCode.MemoryOutOfBounds,
    );
    assert.is(
      trapCode(() => call('add64', a(65536), 0n)),
      TrapCode.MemoryOutOfBounds,
    );
    assert.is(
      trapCode(() => call('notify', a(65536), 1)),
      TrapCode.MemoryOutOfBounds,
    );
    assert.is(
      trapCode(() => call('notify', a(2), 1)),
      TrapCode.HeapMisaligned,
    );
    assert.is(call('load32', a(65532)), 0);
    // No agent waits: notify wakes nobody.
    assert.is(call('notify', a(0), -1), 0);
  });
}

test('wait: not-equal, timed-out, and a trap on an unshared memory', () => {
  const { call } = instance('(memory 1 1 shared)');
  call('store64', 8, 5n);
  assert.is(call('wait32', 8, 4, -1n), 1);
  assert.is(call('wait64', 8, 4n, -1n), 1);
  assert.is(call('wait32', 8, 5, 0n), 2);
  let start = performance.now();
  assert.is(call('wait32', 8, 5, 30_000_000n), 2); // 30 ms
  assert.ok(performance.now() - start >= 25, 'wait32 waited for its timeout');
  start = performance.now();
  assert.is(call('wait64', 8, 5n, 30_000_000n), 2);
  assert.ok(performance.now() - start >= 25, 'wait64 waited for its timeout');
  assert.is(
    trapCode(() => call('wait32', 1, 0, 0n)),
    TrapCode.HeapMisaligned,
  );
  assert.is(
    trapCode(() => call('wait64', 65536, 0n, 0n)),
    TrapCode.MemoryOutOfBounds,
  );

  // Where the host cannot block (a browser's main thread), Atomics.wait throws: wait traps.
  const wait = Atomics.wait;
  Atomics.wait = () => {
    throw new TypeError('Atomics.wait cannot be called in this context');
  };
  try {
    assert.is(
      trapCode(() => call('wait32', 8, 5, 0n)),
      TrapCode.AtomicWaitNotAllowed,
    );
    assert.is(
      trapCode(() => call('wait64', 8, 4n, 0n)),
      TrapCode.AtomicWaitNotAllowed,
    );
  } finally {
    Atomics.wait = wait;
  }
  assert.is(call('wait32', 8, 4, 0n), 1);

  const unshared = instance('(memory 1 1)').call;
  assert.is(
    trapCode(() => unshared('wait32', 0, 0, 0n)),
    TrapCode.AtomicWaitNonSharedMemory,
  );
  assert.is(
    trapCode(() => unshared('wait64', 0, 1n, 0n)),
    TrapCode.AtomicWaitNonSharedMemory,
  );
  assert.is(
    trapCode(() => unshared('wait32', 1, 0, 0n)),
    TrapCode.HeapMisaligned,
  );
  try {
    unshared('wait32', 0, 0, 0n);
  } catch (e) {
    assert.is((e as Trap).message, 'expected shared memory');
  }
});

test('SharedMemory: one memory in several stores; growth by one is seen by the others', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const memory = new SharedMemory(engine, MemoryType.shared(1, 4));
  assert.is(memory.size(), 1);
  const module = new Module(
    engine,
    `(module (import "env" "memory" (memory 1 4 shared)) ${atomics('i32')} ${BEYOND})`,
  );
  type Call = (name: string, ...args: unknown[]) => unknown;
  const stores: Store[] = [];
  /** An instance in a store of its own, which knows the memory's size as it is now. */
  const attach = (): Call => {
    const store = new Store(engine);
    stores.push(store);
    const inst: Instance = new Linker(engine)
      .define(store, 'env', 'memory', memory)
      .instantiate(store, module);
    return (name, ...args) => inst.getFunc(store, name)!.call(store, ...args);
  };
  const a = attach();
  const b = attach();
  // Each of these knows 1 page and makes its first access past it after b grows the memory.
  const stale = Array.from({ length: 7 }, attach);
  a('store', 100, 42);
  assert.is(b('load', 100), 42);
  assert.is(memory.data()[100], 42);
  assert.is(
    trapCode(() => a('load', 65536)),
    TrapCode.MemoryOutOfBounds,
  );
  assert.is(b('grow', 1), 1);
  b('store', 65536, 7);
  b('store', 65536 + 16, 0x0a0b0c0d);
  // Every kind of access past what the instance knew: computed, constant and
  // expression addresses, stores, SIMD, bulk operations, memory.size.
  assert.is(stale[0]!('load', 65536), 7);
  assert.is(stale[1]!('const_load'), 0x0a0b0c0d);
  assert.is(stale[2]!('expr_load', 65536), 0x0a0b0c0d);
  stale[3]!('const_store', 5);
  assert.is(b('load', 65536 + 20), 5);
  assert.is(stale[4]!('simd_lane', 65536), 0x0a0b0c0d);
  stale[5]!('copy', 65536 + 32, 65536 + 16, 8);
  assert.is(b('load', 65536 + 36), 5);
  stale[6]!('fill', 65536 + 4, 1, 4);
  assert.is(b('load', 65536 + 4), 0x01010101);
  assert.is(a('size'), 2);
  // Still out of bounds of the grown memory: a trap, after the sync.
  assert.is(
    trapCode(() => a('load', 2 * 65536)),
    TrapCode.MemoryOutOfBounds,
  );
  assert.is(memory.grow(1), 2);
  assert.is(a('add32', 2 * 65536, 3), 0); // an atomic access past what a knew
  assert.is(b('load', 2 * 65536), 3);
  assert.is(memory.size(), 3);
  assert.is(stores[0]!.usage.memoryBytes, 3 * 65536);
  // The maximum holds for everyone.
  assert.is(a('grow', 2), -1);
  assert.is(b('grow', 1), 3);
  assert.throws(() => memory.grow(1), RangeError);
  assert.is(memory.type().minimum, 4);
  // Exports: a Memory handle of the store, and getSharedMemory.
  const store = new Store(engine);
  const exporter = new Linker(engine).instantiate(
    store,
    new Module(engine, '(module (memory (export "m") 1 2 shared) (memory (export "p") 1))'),
  );
  const m = exporter.getMemory(store, 'm')!;
  assert.ok(m.type(store).shared);
  const shared = exporter.getSharedMemory(store, 'm')!;
  assert.instance(shared, SharedMemory);
  assert.is(exporter.getSharedMemory(store, 'p'), null);
  shared.grow(1);
  assert.is(m.size(store), 2);
  assert.is(m.data(store).length, 2 * 65536);
});

test('SharedMemory: handles, import checks, types', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const memory = new SharedMemory(engine, MemoryType.shared(1, 2));
  const again = SharedMemory.fromHandle(
    new Engine(new Config({ textParser: parseWat })),
    structuredClone(memory.handle),
  );
  again.data()[5] = 9;
  assert.is(memory.data()[5], 9);
  assert.throws(() => new SharedMemory(engine, new MemoryType(1, 2)), TypeError);
  assert.throws(
    () => new SharedMemory(engine, new MemoryType(1, null, false, 65536, true)),
    TypeError,
  );
  assert.throws(() => Memory.new(new Store(engine), MemoryType.shared(1, 2)), TypeError);
  assert.throws(() => SharedMemory.fromHandle(engine, { kind: 'nope' } as never), TypeError);
  const store = new Store(engine);
  const link = (text: string, item: unknown) => () =>
    new Linker(engine)
      .define(store, 'env', 'memory', item as Memory)
      .instantiate(store, new Module(engine, text));
  // A shared import needs a shared memory, and an unshared one an unshared memory.
  assert.throws(
    link('(module (import "env" "memory" (memory 1 2)))', memory),
    (e: unknown) => e instanceof LinkError && e.message.startsWith('incompatible import type'),
  );
  assert.throws(
    link(
      '(module (import "env" "memory" (memory 1 2 shared)))',
      Memory.new(store, new MemoryType(1, 2)),
    ),
    (e: unknown) => e instanceof LinkError && e.message.startsWith('incompatible import type'),
  );
  assert.throws(
    link('(module (import "env" "memory" (memory 1 1 shared)))', memory),
    (e: unknown) => e instanceof LinkError,
  );
  link('(module (import "env" "memory" (memory 0 3 shared)))', memory)();
  // Wait and notify from the host.
  assert.is(memory.atomicNotify(0, 1), 0);
  assert.is(memory.atomicWait32(0, 1, 0), 'not-equal');
  assert.is(memory.atomicWait32(0, 0, 1_000_000n), 'timed-out');
  assert.is(memory.atomicWait64(8, 0n, 0), 'timed-out');
  assert.throws(() => memory.atomicWait32(2, 0, 0), RangeError);
});

// ---------------------------------------------------------------------------
// Worker threads.

/** The module every worker runs: counters at 0 (i32), 8 (i64), 24 (u8); a lock at 16 guarding 20. */
const COUNTERS = `(module
  (import "env" "memory" (memory 1 1 shared))
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop $next
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 0x100000001)))
      (drop (i32.atomic.rmw8.add_u (i32.const 24) (i32.const 1)))
      ;; a spin lock by compare-exchange around a plain read-modify-write
      (loop $spin (br_if $spin (i32.atomic.rmw.cmpxchg (i32.const 16) (i32.const 0) (i32.const 1))))
      (i32.store (i32.const 20) (i32.add (i32.load (i32.const 20)) (i32.const 1)))
      (i32.atomic.store (i32.const 16) (i32.const 0))
      (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $i))
  (func (export "wait") (param $at i32) (result i32)
    (memory.atomic.wait32 (local.get $at) (i32.const 0) (i64.const -1)))
  (func (export "notify") (param $at i32) (result i32)
    (memory.atomic.notify (local.get $at) (i32.const 1))))`;

interface Reply {
  results?: unknown[];
  error?: string;
}

function worker(memory: SharedMemory, wat: string, calls: { name: string; args: unknown[] }[]) {
  const w = new Worker(new URL('./threads-worker.js', import.meta.url), {
    workerData: { memory: memory.handle, wat, calls },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  return { reply, terminate: () => w.terminate() };
}

test('stress: workers incrementing shared counters end with the exact totals', async () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const memory = new SharedMemory(engine, MemoryType.shared(1, 1));
  const workers = 4;
  const n = 20_000;
  const running = Array.from({ length: workers }, () =>
    worker(memory, COUNTERS, [{ name: 'count', args: [n] }]),
  );
  const replies = await Promise.all(running.map((r) => r.reply));
  for (const r of replies) assert.equal(r, { results: [n] });
  const view = new DataView(memory.data().buffer, 0, 64);
  const total = workers * n;
  assert.is(view.getInt32(0, true), total);
  assert.is(view.getBigUint64(8, true), BigInt(total) * 0x100000001n);
  assert.is(view.getUint8(24), total % 256);
  assert.is(view.getInt32(20, true), total, 'the lock kept the plain increments whole');
  assert.is(view.getInt32(16, true), 0);
});

test('wait/notify across threads: a waiting worker wakes on notify', async () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const memory = new SharedMemory(engine, MemoryType.shared(1, 1));
  const store = new Store(engine);
  const inst = new Linker(engine)
    .define(store, 'env', 'memory', memory)
    .instantiate(store, new Module(engine, COUNTERS));
  const notify = () => inst.getFunc(store, 'notify')!.call(store, 32) as number;
  const sleeper = worker(memory, COUNTERS, [{ name: 'wait', args: [32] }]);
  try {
    // Notify until the worker was waiting and is woken (it may not wait yet).
    const deadline = Date.now() + 20_000;
    let woken = 0;
    while (woken === 0 && Date.now() < deadline) {
      woken = notify();
      if (woken === 0) await new Promise((r) => setTimeout(r, 5));
    }
    assert.is(woken, 1);
    assert.equal(await sleeper.reply, { results: [0] });
  } finally {
    await sleeper.terminate();
  }
});

test.run();
