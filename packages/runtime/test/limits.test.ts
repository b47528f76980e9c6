import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCREF, I32 } from '@weft/environ';
import {
  DEFAULT_LIMITS,
  enterGcHeap,
  formatBytes,
  MemoryInstance,
  PAGE_SIZE,
  ResourceLimitError,
  Store,
  TableInstance,
  Trap,
  TrapCode,
  TypeRegistry,
  WasmArray,
  WasmStruct,
  createArrayStorage,
  type StoreLimits,
} from '#src/index.js';

const MiB = 2 ** 20;
const newStore = (limits: Partial<StoreLimits> = {}) =>
  new Store(new TypeRegistry(), () => null, limits);
const memType = (min: number, max: number | null = null) => ({
  limits: { min, max },
  is64: false,
  shared: false,
});
const tableType = (min: number, max: number | null = null) => ({
  element: FUNCREF,
  limits: { min, max },
  is64: false,
});

/** Runs `body` with `store`'s GC heap charged, as calls into wasm do. */
function inWasm<T>(store: Store, body: () => T): T {
  const previous = enterGcHeap(store.gc);
  try {
    return body();
  } finally {
    enterGcHeap(previous);
  }
}

test('defaults: Wasmtime counts, 4 GiB of memory and 10M table elements per store', () => {
  assert.is(DEFAULT_LIMITS.maxInstances, 10_000);
  assert.is(DEFAULT_LIMITS.maxMemoryBytes, 2 ** 32);
  assert.is(DEFAULT_LIMITS.maxTableElements, 10_000_000);
  assert.ok(DEFAULT_LIMITS.maxGcHeapBytes >= 16 * MiB);
  assert.is(formatBytes(48 * MiB), '48 MiB');
  assert.is(formatBytes(1536 * MiB), '1.5 GiB');
  assert.throws(() => newStore({ maxMemoryBytes: -1 }), /maxMemoryBytes must be/);
});

test('importing the runtime leaves the host heap limit unread until a default needs it', () => {
  // Node's v8 module took ~4 ms of the import; maxGcHeapBytes reads it lazily.
  const probe = `
    const before = process.moduleLoadList.includes('NativeModule v8');
    const { DEFAULT_LIMITS } = await import(${JSON.stringify(import.meta.resolve('#src/index.js'))});
    const imported = process.moduleLoadList.includes('NativeModule v8');
    const bytes = DEFAULT_LIMITS.maxGcHeapBytes;
    console.log(JSON.stringify([before, imported, process.moduleLoadList.includes('NativeModule v8'), bytes === DEFAULT_LIMITS.maxGcHeapBytes]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
    encoding: 'utf8',
  });
  assert.equal(JSON.parse(out), [false, false, true, true]);
});

test('a memory past the store-wide total is refused before it is allocated', () => {
  const store = newStore({ maxMemoryBytes: 64 * MiB });
  new MemoryInstance(store, memType(768)); // 48 MiB
  assert.is(store.usage.memoryBytes, 48 * MiB);
  assert.throws(
    () => new MemoryInstance(store, memType(768)),
    (e: unknown) =>
      e instanceof ResourceLimitError &&
      e.limit === 'maxMemoryBytes' &&
      /would total 96 MiB, above the limit of 64 MiB \(maxMemoryBytes\)/.test(e.message),
  );
  assert.is(store.usage.memoryBytes, 48 * MiB, 'nothing was counted for the refused memory');
});

test('the per-memory size limit refuses creation and growth', () => {
  const store = newStore({ maxMemorySize: 2 * PAGE_SIZE });
  assert.throws(
    () => new MemoryInstance(store, memType(3)),
    (e: unknown) => e instanceof ResourceLimitError && e.limit === 'maxMemorySize',
  );
  const m = new MemoryInstance(store, memType(1));
  assert.is(m.grow(1), 1);
  assert.is(m.grow(1), -1);
  assert.is(store.limitHit?.limit, 'maxMemorySize');
});

test('memory.grow is amortised: the capacity doubles, contents survive, views are exact', () => {
  const store = newStore();
  const m = new MemoryInstance(store, memType(1));
  m.u8[10] = 7;
  const buffers = new Set<ArrayBufferLike>([m.buffer]);
  for (let i = 1; i < 2048; i++) {
    assert.is(m.grow(1), i);
    buffers.add(m.buffer);
  }
  assert.is(m.pages, 2048);
  assert.ok(buffers.size <= 13, `${buffers.size} buffers for 2047 grows`);
  assert.is(m.u8[10], 7);
  assert.is(m.data.length, m.size, 'data covers exactly the size');
  assert.is(m.view.byteLength, m.size);
  assert.ok(m.capacity >= m.size);
  assert.is(store.usage.memoryBytes, 2048 * PAGE_SIZE);
  assert.is(store.usage.memoryReserved, m.capacity);
});

test('growth headroom never passes the memory maximum nor the store budget', () => {
  const store = newStore({ maxMemoryBytes: 100 * PAGE_SIZE });
  const m = new MemoryInstance(store, memType(40, 70));
  assert.is(m.grow(1), 40);
  assert.is(m.capacity, 70 * PAGE_SIZE, 'doubling stops at the maximum');
  const other = new MemoryInstance(store, memType(20));
  assert.is(other.grow(1), 20);
  assert.is(other.capacity, 30 * PAGE_SIZE, 'headroom only from what the budget has left');
  assert.ok(store.usage.memoryReserved <= 100 * PAGE_SIZE);
  assert.is(other.grow(40), -1, '41 + 21 + 40 pages pass the budget');
  assert.is(store.limitHit?.limit, 'maxMemoryBytes');
});

test('grown bytes read as zero, data() sees them, old views stay valid or stale', () => {
  const store = newStore();
  const m = new MemoryInstance(store, memType(1));
  m.grow(1);
  const before = m.data;
  assert.is(before.length, 2 * PAGE_SIZE);
  m.grow(1);
  assert.is(m.data.length, 3 * PAGE_SIZE);
  assert.ok(m.data.subarray(PAGE_SIZE).every((b) => b === 0));
});

test('a table of ten million elements costs nothing until written', () => {
  const store = newStore();
  const t = new TableInstance(store, tableType(10_000_000), FUNCREF, null);
  assert.is(t.size, 10_000_000);
  assert.is(t.elements.length, 0);
  assert.is(t.get(9_999_999), null);
  t.set(5, 'f');
  assert.is(t.elements.length, 6, 'the backing array reaches the highest element written');
  assert.is(t.get(5), 'f');
  t.set(9_000_000, null);
  assert.is(t.elements.length, 6, 'writing the initial value past the array stores nothing');
  t.fill(3, null, 9_000_000);
  assert.is(t.elements.length, 3, 'filling to the end with the initial value shrinks the array');
  t.fill(0, 'g', 2);
  assert.equal(t.elements, ['g', 'g', null]);
});

test('tables: grow, copy and write keep the sparse form consistent', () => {
  const store = newStore();
  const t = new TableInstance(store, tableType(2, 10), FUNCREF, null);
  assert.is(t.grow(2, 'x'), 2);
  assert.equal(t.elements, [null, null, 'x', 'x']);
  assert.is(t.grow(7, null), -1);
  t.copy(t, 0, 2, 2);
  assert.equal([t.get(0), t.get(1), t.get(2), t.get(3)], ['x', 'x', 'x', 'x']);
  assert.is(t.elements.length, t.size, 'a small table is stored whole');
  const u = new TableInstance(store, tableType(6), FUNCREF, 'i');
  u.copy(t, 4, 0, 2);
  assert.equal(
    [0, 1, 2, 3, 4, 5].map((i) => u.get(i)),
    ['i', 'i', 'i', 'i', 'x', 'x'],
  );
  u.write(0, ['a', 'b', 'c'], 1, 2);
  assert.equal([u.get(0), u.get(1), u.get(2)], ['b', 'c', 'i']);
});

test('table limits: per table, store-wide total, counts', () => {
  const store = newStore({ maxTableElements: 15_000_000, maxTableSize: 10_000_000, maxTables: 2 });
  store.add(store.tables, new TableInstance(store, tableType(10_000_000), FUNCREF, null));
  assert.throws(
    () => new TableInstance(store, tableType(10_000_000), FUNCREF, null),
    (e: unknown) =>
      e instanceof ResourceLimitError &&
      e.limit === 'maxTableElements' &&
      /would total 20000000 elements, above the limit of 15000000/.test(e.message),
  );
  const t = new TableInstance(store, tableType(5_000_000), FUNCREF, null);
  store.add(store.tables, t);
  assert.is(t.grow(1, null), -1);
  assert.is(store.limitHit?.limit, 'maxTableElements');
  assert.throws(
    () => new TableInstance(store, tableType(10_000_001), FUNCREF, null),
    (e: unknown) => e instanceof ResourceLimitError && e.limit === 'implementation',
  );
  assert.throws(
    () => store.checkCounts(0, 1, 0),
    (e: unknown) => e instanceof ResourceLimitError && e.limit === 'maxTables',
  );
  store.dispose();
  assert.is(store.usage.tableElements, 0, 'a disposed store gives everything back');
});

test('GC allocations past the budget trap before allocating; garbage does not count', () => {
  const store = newStore({ maxGcHeapBytes: 4 * MiB });
  // Garbage: 100 times the budget, none of it kept.
  inWasm(store, () => {
    for (let i = 0; i < 400_000; i++) new WasmStruct(1, [i, null]);
  });
  assert.ok(store.gc.live < MiB);
  // Kept in a table: the heap fills up and the next allocation traps.
  const t = new TableInstance(store, tableType(1_000_000), FUNCREF, null);
  store.tables.push(t);
  let kept = 0;
  const trap = inWasm(store, () => {
    try {
      for (;;) t.set(kept++, new WasmStruct(1, [kept, null]));
    } catch (e) {
      return e;
    }
  });
  assert.ok(trap instanceof Trap && trap.code === TrapCode.GcHeapOutOfMemory, String(trap));
  assert.match((trap as Trap).message, /above the limit of 4 MiB \(maxGcHeapBytes\)/);
  assert.ok(kept > 20_000 && kept < 100_000, `${kept} structs kept`);
  assert.is(store.limitHit?.limit, 'maxGcHeapBytes');
  // One huge array is refused before its storage exists.
  const huge = inWasm(store, () => {
    try {
      return new WasmArray(2, createArrayStorage(I32, 2 ** 28));
    } catch (e) {
      return e;
    }
  });
  assert.ok(huge instanceof Trap && huge.code === TrapCode.GcHeapOutOfMemory);
  // Dropping the references frees the budget.
  t.fill(0, null, t.size);
  inWasm(store, () => new WasmArray(2, createArrayStorage(I32, 500_000)));
});

test.run();
