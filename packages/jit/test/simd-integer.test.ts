/** SIMD integer arithmetic: saturation, q15 rounding, 64-bit lanes, word-wide i8/i16 formulas. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { V128 } from '@weft/runtime';
import { bytes, halves, i16x8, i64x2, i8x16, load, longs, w32 } from './support/simd.js';

// Test modules are raw bytes; their text is in the comment above each (see
// support/simd.ts for where the bytes came from).

/*
(module
  (func (export "narrow8s") (param v128 v128) (result v128) (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)))
  (func (export "narrow8u") (param v128 v128) (result v128) (i8x16.narrow_i16x8_u (local.get 0) (local.get 1)))
  (func (export "narrow16s") (param v128 v128) (result v128) (i16x8.narrow_i32x4_s (local.get 0) (local.get 1)))
  (func (export "narrow16u") (param v128 v128) (result v128) (i16x8.narrow_i32x4_u (local.get 0) (local.get 1)))
  (func (export "q15") (param v128 v128) (result v128) (i16x8.q15mulr_sat_s (local.get 0) (local.get 1)))
  (func (export "relaxed_q15") (param v128 v128) (result v128) (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
  (func (export "i64_shl") (param v128 i32) (result v128) (i64x2.shl (local.get 0) (local.get 1)))
  (func (export "i64_shr_s") (param v128 i32) (result v128) (i64x2.shr_s (local.get 0) (local.get 1)))
  (func (export "i64_shr_u") (param v128 i32) (result v128) (i64x2.shr_u (local.get 0) (local.get 1)))
  (func (export "i64_mul") (param v128 v128) (result v128) (i64x2.mul (local.get 0) (local.get 1)))
  (func (export "extmul_s") (param v128 v128) (result v128) (i64x2.extmul_high_i32x4_s (local.get 0) (local.get 1)))
  (func (export "extmul_u") (param v128 v128) (result v128) (i64x2.extmul_low_i32x4_u (local.get 0) (local.get 1)))
  (func (export "i8_add_sub") (param v128 v128) (result v128)
    (i8x16.sub (i8x16.add (local.get 0) (local.get 1)) (i8x16.neg (local.get 1))))
  (func (export "i16_mul") (param v128 v128) (result v128) (i16x8.mul (local.get 0) (local.get 1)))
  (func (export "i8_eq") (param v128 v128) (result v128) (i8x16.eq (local.get 0) (local.get 1)))
  (func (export "i8_all_true") (param v128) (result i32) (i8x16.all_true (local.get 0)))
  (func (export "i16_all_true") (param v128) (result i32) (i16x8.all_true (local.get 0)))
  (func (export "popcnt") (param v128) (result v128) (i8x16.popcnt (local.get 0)))
)
*/
const INTS = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x17, 0x04, 0x60, 0x02, 0x7b, 0x7b, 0x01,
  0x7b, 0x60, 0x02, 0x7b, 0x7f, 0x01, 0x7b, 0x60, 0x01, 0x7b, 0x01, 0x7f, 0x60, 0x01, 0x7b, 0x01,
  0x7b, 0x03, 0x13, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x02, 0x02, 0x03, 0x07, 0xca, 0x01, 0x12, 0x08, 0x6e, 0x61, 0x72, 0x72, 0x6f,
  0x77, 0x38, 0x73, 0x00, 0x00, 0x08, 0x6e, 0x61, 0x72, 0x72, 0x6f, 0x77, 0x38, 0x75, 0x00, 0x01,
  0x09, 0x6e, 0x61, 0x72, 0x72, 0x6f, 0x77, 0x31, 0x36, 0x73, 0x00, 0x02, 0x09, 0x6e, 0x61, 0x72,
  0x72, 0x6f, 0x77, 0x31, 0x36, 0x75, 0x00, 0x03, 0x03, 0x71, 0x31, 0x35, 0x00, 0x04, 0x0b, 0x72,
  0x65, 0x6c, 0x61, 0x78, 0x65, 0x64, 0x5f, 0x71, 0x31, 0x35, 0x00, 0x05, 0x07, 0x69, 0x36, 0x34,
  0x5f, 0x73, 0x68, 0x6c, 0x00, 0x06, 0x09, 0x69, 0x36, 0x34, 0x5f, 0x73, 0x68, 0x72, 0x5f, 0x73,
  0x00, 0x07, 0x09, 0x69, 0x36, 0x34, 0x5f, 0x73, 0x68, 0x72, 0x5f, 0x75, 0x00, 0x08, 0x07, 0x69,
  0x36, 0x34, 0x5f, 0x6d, 0x75, 0x6c, 0x00, 0x09, 0x08, 0x65, 0x78, 0x74, 0x6d, 0x75, 0x6c, 0x5f,
  0x73, 0x00, 0x0a, 0x08, 0x65, 0x78, 0x74, 0x6d, 0x75, 0x6c, 0x5f, 0x75, 0x00, 0x0b, 0x0a, 0x69,
  0x38, 0x5f, 0x61, 0x64, 0x64, 0x5f, 0x73, 0x75, 0x62, 0x00, 0x0c, 0x07, 0x69, 0x31, 0x36, 0x5f,
  0x6d, 0x75, 0x6c, 0x00, 0x0d, 0x05, 0x69, 0x38, 0x5f, 0x65, 0x71, 0x00, 0x0e, 0x0b, 0x69, 0x38,
  0x5f, 0x61, 0x6c, 0x6c, 0x5f, 0x74, 0x72, 0x75, 0x65, 0x00, 0x0f, 0x0c, 0x69, 0x31, 0x36, 0x5f,
  0x61, 0x6c, 0x6c, 0x5f, 0x74, 0x72, 0x75, 0x65, 0x00, 0x10, 0x06, 0x70, 0x6f, 0x70, 0x63, 0x6e,
  0x74, 0x00, 0x11, 0x0a, 0xaf, 0x01, 0x12, 0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x65, 0x0b,
  0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x66, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd,
  0x85, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x86, 0x01, 0x0b, 0x09, 0x00, 0x20,
  0x00, 0x20, 0x01, 0xfd, 0x82, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x91, 0x02,
  0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xcb, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20,
  0x01, 0xfd, 0xcc, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xcd, 0x01, 0x0b, 0x09,
  0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xd5, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd,
  0xdd, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xde, 0x01, 0x0b, 0x0e, 0x00, 0x20,
  0x00, 0x20, 0x01, 0xfd, 0x6e, 0x20, 0x01, 0xfd, 0x61, 0xfd, 0x71, 0x0b, 0x09, 0x00, 0x20, 0x00,
  0x20, 0x01, 0xfd, 0x95, 0x01, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x23, 0x0b, 0x06,
  0x00, 0x20, 0x00, 0xfd, 0x63, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x83, 0x01, 0x0b, 0x06, 0x00,
  0x20, 0x00, 0xfd, 0x62, 0x0b,
]);

const ints = load(INTS);

test('saturating narrows clamp at the lane boundaries', () => {
  const s = ints(
    'narrow8s',
    i16x8(127, 128, -128, -129, 32767, -32768, 0, -1),
    i16x8(1, -1, 2, -2, 200, -200, 127, -128),
  );
  assert.equal(
    bytes(s),
    [127, 127, -128, -128, 127, -128, 0, -1, 1, -1, 2, -2, 127, -128, 127, -128],
  );
  const u = ints(
    'narrow8u',
    i16x8(255, 256, 0, -1, 32767, -32768, 128, 1),
    i16x8(0, 0, 0, 0, 0, 0, 0, 254),
  );
  assert.equal(
    Array.from((u as V128).bytes),
    [255, 255, 0, 0, 255, 0, 128, 1, 0, 0, 0, 0, 0, 0, 0, 254],
  );
  const s16 = ints(
    'narrow16s',
    w32(32767, 32768, -32768, -32769),
    w32(2147483647, -2147483648, 0, -1),
  );
  assert.equal(halves(s16), [32767, 32767, -32768, -32768, 32767, -32768, 0, -1]);
  const u16 = ints('narrow16u', w32(65535, 65536, 0, -1), w32(2147483647, -2147483648, 32768, 1));
  assert.equal(
    Array.from(new Uint16Array((u16 as V128).bytes.buffer)),
    [65535, 65535, 0, 0, 65535, 0, 32768, 1],
  );
});

test('q15mulr_sat_s saturates only -1 * -1 (relaxed_q15mulr_s too)', () => {
  const a = i16x8(-32768, -32768, 32767, -32767, 16384, -1, 1, -16385);
  const b = i16x8(-32768, 32767, 32767, -32768, 16384, 1, 1, 16385);
  const expected = [32767, -32767, 32766, 32767, 8192, 0, 0, -8193];
  assert.equal(halves(ints('q15', a, b)), expected);
  assert.equal(halves(ints('relaxed_q15', a, b)), expected);
});

test('i64x2 shifts take the count modulo 64 across the word boundary', () => {
  const values = [BigInt.asIntN(64, 0x8000000180000001n), -2n];
  const v = i64x2(...values);
  for (const k of [0, 1, 31, 32, 33, 63, 64, 65, -1]) {
    const n = BigInt(k & 63);
    const shl = values.map((x) => BigInt.asIntN(64, x << n));
    const shrS = values.map((x) => x >> n);
    const shrU = values.map((x) => BigInt.asIntN(64, BigInt.asUintN(64, x) >> n));
    assert.equal(longs(ints('i64_shl', v, k)), shl, `shl ${k}`);
    assert.equal(longs(ints('i64_shr_s', v, k)), shrS, `shr_s ${k}`);
    assert.equal(longs(ints('i64_shr_u', v, k)), shrU, `shr_u ${k}`);
  }
});

test('i64x2.mul and extmul agree with BigInt products', () => {
  const samples = [
    0n,
    1n,
    -1n,
    0x7fffffffn,
    -0x80000000n,
    0xffffffffn,
    0x123456789abcdefn,
    -(2n ** 63n),
  ];
  for (const x of samples) {
    for (const y of samples) {
      const r = longs(ints('i64_mul', i64x2(x, y), i64x2(y, x)));
      assert.equal(r, [BigInt.asIntN(64, x * y), BigInt.asIntN(64, y * x)]);
    }
  }
  const a = w32(0, 0, -0x80000000, -1);
  const b = w32(0, 0, -0x80000000, 0x7fffffff);
  assert.equal(longs(ints('extmul_s', a, b)), [2n ** 62n, -0x7fffffffn]);
  const c = w32(-1, -1, 0, 0);
  assert.equal(longs(ints('extmul_u', c, c)), [
    BigInt.asIntN(64, 0xffffffffn ** 2n),
    BigInt.asIntN(64, 0xffffffffn ** 2n),
  ]);
});

test('word-wide i8/i16 formulas agree with lane arithmetic', () => {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 24;
  for (let round = 0; round < 200; round++) {
    const a = Int8Array.from({ length: 16 }, () => rand());
    const b = Int8Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? a[i]! : rand()));
    const va = new V128(new Uint8Array(a.buffer));
    const vb = new V128(new Uint8Array(b.buffer));
    assert.equal(
      bytes(ints('i8_add_sub', va, vb)),
      Array.from(a, (x, i) => ((x + 2 * b[i]!) << 24) >> 24),
    );
    assert.equal(
      bytes(ints('i8_eq', va, vb)),
      Array.from(a, (x, i) => (x === b[i] ? -1 : 0)),
    );
    const popcnt = (x: number) => (x & 0xff).toString(2).replace(/0/g, '').length;
    assert.equal(bytes(ints('popcnt', va)), Array.from(a, popcnt));
    const a16 = new Int16Array(a.buffer);
    const b16 = new Int16Array(b.buffer);
    assert.equal(
      halves(ints('i16_mul', va, vb)),
      Array.from(a16, (x, i) => (Math.imul(x, b16[i]!) << 16) >> 16),
    );
    assert.is(ints('i8_all_true', va), a.every((x) => x !== 0) ? 1 : 0);
    assert.is(ints('i16_all_true', va), a16.every((x) => x !== 0) ? 1 : 0);
  }
  assert.is(ints('i8_all_true', i8x16(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)), 0);
  assert.is(ints('i8_all_true', i8x16(1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -128, 1)), 1);
  assert.is(ints('i16_all_true', i16x8(1, 1, 1, 0x100, 1, -1, 1, 1)), 1);
  assert.is(ints('i16_all_true', i16x8(1, 1, 1, 0x100, 0, -1, 1, 1)), 0);
});

test.run();
