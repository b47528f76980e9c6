/** Shared memories: one growable SharedArrayBuffer, a control block, instances in several stores. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  MemoryInstance,
  PAGE_SIZE,
  ResourceLimitError,
  SharedMemory,
  Store,
  TypeRegistry,
  type StoreLimits,
} from '#src/index.js';

const newStore = (limits: Partial<StoreLimits> = {}) =>
  new Store(new TypeRegistry(), () => null, limits);
const shared = (min: number, max: number) => ({ limits: { min, max }, is64: false, shared: true });

test('a shared memory is a SharedArrayBuffer of exactly its size, growing in place', () => {
  const store = newStore();
  const m = new MemoryInstance(store, shared(1, 8));
  assert.ok(m.shared !== null);
  assert.instance(m.buffer, SharedArrayBuffer);
  assert.is(m.size, PAGE_SIZE);
  assert.is(m.dv.byteLength, PAGE_SIZE);
  assert.is(m.u8.length, PAGE_SIZE);
  assert.is(m.capacity, PAGE_SIZE);
  m.u8[5] = 9;
  const buffer = m.buffer;
  assert.is(m.grow(2), 1);
  assert.is(m.buffer, buffer, 'the same buffer');
  assert.is(m.size, 3 * PAGE_SIZE);
  assert.is(m.u8.length, 3 * PAGE_SIZE);
  assert.is(m.data[5], 9);
  assert.is(m.grow(6), -1);
  assert.is(m.grow(5), 3);
  assert.is(m.grow(0), 8);
  assert.is(store.usage.memoryBytes, 8 * PAGE_SIZE);
  assert.is(store.usage.memoryReserved, 8 * PAGE_SIZE);
});

test('instances in other stores see the same bytes and pick up growth with sync', () => {
  const a = new MemoryInstance(newStore(), shared(1, 4));
  const other = newStore();
  const handle = structuredClone(a.shared!.handle);
  const b = new MemoryInstance(other, shared(1, 4), SharedMemory.fromHandle(handle));
  b.u8[100] = 7;
  assert.is(a.u8[100], 7);
  assert.is(a.grow(1), 1);
  assert.is(b.size, PAGE_SIZE, 'b has not looked yet');
  assert.is(b.sync(), 2 * PAGE_SIZE);
  assert.is(b.size, 2 * PAGE_SIZE);
  assert.is(b.u8.length, 2 * PAGE_SIZE);
  assert.is(other.usage.memoryBytes, 2 * PAGE_SIZE, 'the store counts what it saw');
  // Host accessors sync.
  assert.is(a.grow(1), 2);
  assert.is(b.pages, 3);
  assert.is(b.data.length, 3 * PAGE_SIZE);
  // Growth by either continues from the shared size.
  assert.is(b.grow(1), 3);
  assert.is(a.grow(1), -1);
  assert.is(a.pages, 4);
  // An instance made later starts at the current size.
  const c = new MemoryInstance(newStore(), shared(1, 4), SharedMemory.fromHandle(handle));
  assert.is(c.pages, 4);
  // Releasing one store's instance leaves the memory to the others.
  b.release();
  assert.is(other.usage.memoryBytes, 0);
  assert.is(a.u8[100], 7);
});

test('the growing store asks its limiter; limits bound the buffer', () => {
  const store = newStore({ maxMemoryBytes: 2 * PAGE_SIZE });
  const m = new MemoryInstance(store, shared(1, 16));
  assert.is(m.grow(1), 1);
  assert.is(m.grow(1), -1);
  assert.is(store.limitHit?.limit, 'maxMemoryBytes');
  // maxMemorySize caps the reservation: the buffer never grows past it.
  const small = newStore({ maxMemorySize: 3 * PAGE_SIZE });
  const s = new MemoryInstance(small, shared(1, 100));
  assert.is(s.shared!.maxBytes, 3 * PAGE_SIZE);
  assert.is(s.grow(2), 1);
  assert.is(s.grow(1), -1);
  assert.throws(
    () => new MemoryInstance(newStore({ maxMemoryBytes: PAGE_SIZE }), shared(2, 4)),
    (e: unknown) => e instanceof ResourceLimitError,
  );
});

test('handles are plain, cloneable data; anything else is refused', () => {
  const m = new MemoryInstance(newStore(), shared(2, 3));
  const h = m.shared!.handle;
  assert.is(h.kind, 'weft.shared-memory');
  assert.equal([h.minimum, h.maximum, h.is64, h.pageSize], [2, 3, false, PAGE_SIZE]);
  assert.ok(SharedMemory.isHandle(h));
  assert.not.ok(SharedMemory.isHandle({ kind: 'other' }));
  assert.throws(
    () => SharedMemory.fromHandle({ ...h, control: new SharedArrayBuffer(4) }),
    TypeError,
  );
  assert.throws(() => SharedMemory.fromHandle(null as never), TypeError);
});

test.run();
