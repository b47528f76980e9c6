/** Runtime support of custom page sizes (memories) and custom descriptors (structs, types). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_FEATURES, parseModule } from '@weft/environ';
import {
  MemoryInstance,
  REF_SLOTS,
  STRUCT_BYTES,
  Store,
  TypeRegistry,
  WasmStruct,
  type StoreLimits,
} from '#src/index.js';

const newStore = (limits: Partial<StoreLimits> = {}) =>
  new Store(new TypeRegistry(), () => null, limits);
const bytePages = (min: number, max: number | null = null, is64 = false) => ({
  limits: { min, max },
  is64,
  shared: false,
  pageSizeLog2: 0,
});

test('a memory of 1-byte pages counts its size and maximum in bytes', () => {
  const store = newStore();
  const m = new MemoryInstance(store, bytePages(3, 10));
  assert.is(m.pageSize, 1);
  assert.is(m.size, 3);
  assert.is(m.pages, 3);
  assert.is(m.grow(7), 3);
  assert.is(m.pages, 10);
  assert.is(m.grow(1), -1, 'the maximum is 10 bytes');
  assert.is(store.usage.memoryBytes, 10);
  // Without a maximum: 2^32 - 1 bytes for i32 (as the type allows), 2^32 for i64 (the implementation).
  assert.is(new MemoryInstance(store, bytePages(0)).maxPages, 2 ** 32 - 1);
  assert.is(new MemoryInstance(store, bytePages(0, null, true)).maxPages, 2 ** 32);
  // 64 KiB pages written explicitly are the default page size.
  const explicit = new MemoryInstance(store, { ...bytePages(1), pageSizeLog2: 16 });
  assert.is(explicit.pageSize, 65536);
  assert.is(explicit.size, 65536);
});

test('growing 1-byte pages one at a time is amortised', () => {
  const store = newStore();
  const m = new MemoryInstance(store, bytePages(0));
  const buffers = new Set<ArrayBuffer | SharedArrayBuffer>([m.buffer]);
  for (let i = 0; i < 200_000; i++) {
    assert.is(m.grow(1), i);
    m.u8[i] = i & 0xff;
    buffers.add(m.buffer);
  }
  // 4 KiB, then doublings up to 256 KiB: eight buffers for 200,000 growths.
  assert.ok(buffers.size <= 9, `${buffers.size} buffers for 200,000 grows`);
  assert.is(m.size, 200_000);
  assert.ok(
    m.u8.subarray(0, 200_000).every((b, i) => b === (i & 0xff)),
    'contents survive',
  );
  assert.is(m.data.length, 200_000);
  assert.is(store.usage.memoryReserved, m.capacity);
});

test('small maxima bound the capacity of 1-byte pages', () => {
  const store = newStore();
  const m = new MemoryInstance(store, bytePages(0, 100));
  assert.is(m.grow(1), 0);
  assert.is(m.capacity, 100, 'never past the maximum');
  assert.is(m.grow(99), 1);
  assert.is(m.grow(1), -1);
});

test('a struct keeps its descriptor, and the GC account traces it', () => {
  const store = newStore();
  const desc = new WasmStruct(1, [1, 2]);
  const s = new WasmStruct(0, [], desc);
  assert.is(s.desc, desc);
  assert.is(desc.desc, null, 'structs without a descriptor hold null');
  const slot = REF_SLOTS.length - 1;
  REF_SLOTS[slot] = s;
  try {
    assert.ok(store.gc.measure() >= 2 * STRUCT_BYTES, 'the descriptor is live through the struct');
  } finally {
    REF_SLOTS[slot] = null;
  }
});

test('the registry tells types apart by descriptor clauses and exactness', () => {
  const module = (...types: number[]) =>
    parseModule(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, types.length, ...types), {
      features: ALL_FEATURES,
    });
  const registry = new TypeRegistry();
  // (rec (type (descriptor 1) (struct)) (type (describes 0) (struct)))
  const described = registry.canonicalize(
    module(0x01, 0x4e, 0x02, 0x4d, 0x01, 0x5f, 0x00, 0x4c, 0x00, 0x5f, 0x00),
  );
  // (rec (type (struct)) (type (struct)))
  const plain = registry.canonicalize(module(0x01, 0x4e, 0x02, 0x5f, 0x00, 0x5f, 0x00));
  assert.is.not(described[0], plain[0]);
  assert.is(registry.get(described[0]!).descriptor, described[1]);
  assert.is(registry.get(described[1]!).describes, described[0]);
  assert.is(registry.get(plain[0]!).descriptor, -1);
  // The same group again is the same types.
  const again = registry.canonicalize(
    module(0x01, 0x4e, 0x02, 0x4d, 0x01, 0x5f, 0x00, 0x4c, 0x00, 0x5f, 0x00),
  );
  assert.equal([...again], [...described]);
  // (type (struct)) (type (struct (field (ref (exact 0))))) vs (field (ref 0))
  const exact = registry.canonicalize(module(0x02, 0x5f, 0x00, 0x5f, 0x01, 0x64, 0x62, 0x00, 0x00));
  const inexact = registry.canonicalize(module(0x02, 0x5f, 0x00, 0x5f, 0x01, 0x64, 0x00, 0x00));
  assert.is(exact[0], inexact[0]);
  assert.is.not(exact[1], inexact[1]);
});

test.run();
