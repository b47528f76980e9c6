/** The test builder itself: its encoders agree with the Reader, and marks land where they should. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Reader } from '#src/binary/reader.js';
import {
  bytesOf,
  f32bytes,
  f64bytes,
  len,
  mark,
  section,
  sleb,
  str,
  uleb,
  vec,
  wasm,
} from './support/builder.js';
import { prng } from './support/check.js';

const reader = (bytes: number[]) => new Reader(Uint8Array.from(bytes));

test('LEB128 encoders round-trip through the Reader', () => {
  const rand = prng(1);
  for (let i = 0; i < 2000; i++) {
    const u = Math.floor(rand() * 2 ** 32);
    assert.is(reader(uleb(u)).u32(), u);
    const s = Math.floor(rand() * 2 ** 32) - 2 ** 31;
    assert.is(reader(sleb(s)).s32(), s);
    const r = reader(sleb(BigInt(s) * 3n ** 19n));
    r.s64();
    const wide = BigInt.asIntN(64, BigInt(s) * 3n ** 19n);
    assert.equal([r.lo, r.hi], [Number(BigInt.asIntN(32, wide)), Number(wide >> 32n)]);
  }
  assert.equal(uleb(0), [0]);
  assert.equal(uleb(128), [0x80, 0x01]);
  assert.equal(uleb(1, 5), [0x81, 0x80, 0x80, 0x80, 0x00]);
  assert.equal(sleb(-1), [0x7f]);
  assert.equal(sleb(-1, 3), [0xff, 0xff, 0x7f]);
  assert.equal(sleb(64), [0xc0, 0x00]);
  assert.is(reader(sleb(-(2 ** 32), 5)).s33(), -(2 ** 32));
  assert.is(reader(uleb(2n ** 64n - 1n)).u64(), 2 ** 64);
});

test('floats, names and vectors', () => {
  assert.equal(f32bytes(1), [0, 0, 0x80, 0x3f]);
  assert.equal(f32bytes(0x7fc00001, true), [1, 0, 0xc0, 0x7f]);
  assert.equal(f64bytes(-2), [0, 0, 0, 0, 0, 0, 0, 0xc0]);
  assert.is(reader([...bytesOf(str('h\u00e9'))]).name(), 'h\u00e9');
  assert.equal([...bytesOf(vec([[1, 2], 3]))], [2, 1, 2, 3]);
});

test('marks resolve to absolute offsets, and sizes ignore them', () => {
  const a = mark();
  const b = mark();
  const bytes = wasm(section(1, 0, a), section(0, [b, 1, 0x61]));
  assert.is(a.offset, 11);
  assert.is(b.offset, 13);
  assert.equal([...bytes.subarray(8)], [1, 1, 0, 0, 2, 1, 0x61]);
  assert.is(len([a, [1, [2, b]], 3]), 3);
  assert.throws(() => bytesOf([256]), /not a byte/);
});

test.run();
