import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exactBuffer, MemoryInstance, refreshBuffer, Store, TypeRegistry } from '#src/index.js';

const memory = () =>
  new MemoryInstance(new Store(new TypeRegistry(), () => null), {
    limits: { min: 1, max: null },
    is64: false,
    shared: false,
  });

test('exactBuffer trims spare capacity once, keeping the bytes', () => {
  const m = memory();
  m.u8[3] = 9;
  // A backing store larger than the memory, as amortised growth leaves it.
  const big = new ArrayBuffer(4 * 65536);
  new Uint8Array(big).set(m.u8);
  m.buffer = big;
  m.dv = new DataView(big);
  m.u8 = new Uint8Array(big);
  const b = exactBuffer(m);
  assert.is(b.byteLength, 65536);
  assert.is(m.buffer, b);
  assert.is(m.u8[3], 9);
  assert.is(exactBuffer(m), b, 'no copy once exact');
});

test('refreshBuffer detaches a handed-out buffer, moving the bytes if it is still the backing store', () => {
  const m = memory();
  const b = exactBuffer(m);
  m.u8[0] = 5;
  refreshBuffer(m, b);
  assert.is(b.byteLength, 0);
  assert.is.not(m.buffer, b);
  assert.is(m.u8[0], 5);
  assert.is(m.dv.getUint8(0), 5);
  const before = m.buffer as ArrayBuffer;
  assert.is(m.grow(1), 1);
  refreshBuffer(m, before);
  assert.is(before.byteLength, 0);
  assert.is(m.u8[0], 5);
});

test.run();
