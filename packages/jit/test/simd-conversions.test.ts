/** SIMD conversions and relaxed SIMD (the deterministic profile). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bytes,
  f32x4,
  f64x2,
  halves,
  i8x16,
  load,
  NEG_SNAN32,
  ONE32,
  QNAN32,
  SNAN32,
  w32,
  words,
} from './support/simd.js';

// Test modules are raw bytes; their text is in the comment above each (see
// support/simd.ts for where the bytes came from).

/*
(module
  (func (export "trunc_f32_s") (param v128) (result v128) (i32x4.trunc_sat_f32x4_s (local.get 0)))
  (func (export "trunc_f32_u") (param v128) (result v128) (i32x4.trunc_sat_f32x4_u (local.get 0)))
  (func (export "trunc_f64_s") (param v128) (result v128) (i32x4.trunc_sat_f64x2_s_zero (local.get 0)))
  (func (export "trunc_f64_u") (param v128) (result v128) (i32x4.trunc_sat_f64x2_u_zero (local.get 0)))
  (func (export "relaxed_f32_s") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
  (func (export "relaxed_f32_u") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_u (local.get 0)))
  (func (export "relaxed_f64_s") (param v128) (result v128) (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
  (func (export "relaxed_f64_u") (param v128) (result v128) (i32x4.relaxed_trunc_f64x2_u_zero (local.get 0)))
  (func (export "madd") (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "nmadd64") (param v128 v128 v128) (result v128) (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "dot") (param v128 v128) (result v128) (i16x8.dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
  (func (export "dot_add") (param v128 v128 v128) (result v128) (i32x4.dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
  (func (export "relaxed_min") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1)))
  (func (export "relaxed_swizzle") (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
  (func (export "laneselect") (param v128 v128 v128) (result v128) (i16x8.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
)
*/
const CONV = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x13, 0x03, 0x60, 0x01, 0x7b, 0x01, 0x7b,
  0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, 0x60, 0x02, 0x7b, 0x7b, 0x01, 0x7b, 0x03, 0x10, 0x0f,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x02, 0x01, 0x02, 0x02, 0x01, 0x07,
  0xc7, 0x01, 0x0f, 0x0b, 0x74, 0x72, 0x75, 0x6e, 0x63, 0x5f, 0x66, 0x33, 0x32, 0x5f, 0x73, 0x00,
  0x00, 0x0b, 0x74, 0x72, 0x75, 0x6e, 0x63, 0x5f, 0x66, 0x33, 0x32, 0x5f, 0x75, 0x00, 0x01, 0x0b,
  0x74, 0x72, 0x75, 0x6e, 0x63, 0x5f, 0x66, 0x36, 0x34, 0x5f, 0x73, 0x00, 0x02, 0x0b, 0x74, 0x72,
  0x75, 0x6e, 0x63, 0x5f, 0x66, 0x36, 0x34, 0x5f, 0x75, 0x00, 0x03, 0x0d, 0x72, 0x65, 0x6c, 0x61,
  0x78, 0x65, 0x64, 0x5f, 0x66, 0x33, 0x32, 0x5f, 0x73, 0x00, 0x04, 0x0d, 0x72, 0x65, 0x6c, 0x61,
  0x78, 0x65, 0x64, 0x5f, 0x66, 0x33, 0x32, 0x5f, 0x75, 0x00, 0x05, 0x0d, 0x72, 0x65, 0x6c, 0x61,
  0x78, 0x65, 0x64, 0x5f, 0x66, 0x36, 0x34, 0x5f, 0x73, 0x00, 0x06, 0x0d, 0x72, 0x65, 0x6c, 0x61,
  0x78, 0x65, 0x64, 0x5f, 0x66, 0x36, 0x34, 0x5f, 0x75, 0x00, 0x07, 0x04, 0x6d, 0x61, 0x64, 0x64,
  0x00, 0x08, 0x07, 0x6e, 0x6d, 0x61, 0x64, 0x64, 0x36, 0x34, 0x00, 0x09, 0x03, 0x64, 0x6f, 0x74,
  0x00, 0x0a, 0x07, 0x64, 0x6f, 0x74, 0x5f, 0x61, 0x64, 0x64, 0x00, 0x0b, 0x0b, 0x72, 0x65, 0x6c,
  0x61, 0x78, 0x65, 0x64, 0x5f, 0x6d, 0x69, 0x6e, 0x00, 0x0c, 0x0f, 0x72, 0x65, 0x6c, 0x61, 0x78,
  0x65, 0x64, 0x5f, 0x73, 0x77, 0x69, 0x7a, 0x7a, 0x6c, 0x65, 0x00, 0x0d, 0x0a, 0x6c, 0x61, 0x6e,
  0x65, 0x73, 0x65, 0x6c, 0x65, 0x63, 0x74, 0x00, 0x0e, 0x0a, 0x8f, 0x01, 0x0f, 0x07, 0x00, 0x20,
  0x00, 0xfd, 0xf8, 0x01, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0xf9, 0x01, 0x0b, 0x07, 0x00, 0x20,
  0x00, 0xfd, 0xfc, 0x01, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0xfd, 0x01, 0x0b, 0x07, 0x00, 0x20,
  0x00, 0xfd, 0x81, 0x02, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x82, 0x02, 0x0b, 0x07, 0x00, 0x20,
  0x00, 0xfd, 0x83, 0x02, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x84, 0x02, 0x0b, 0x0b, 0x00, 0x20,
  0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20,
  0x02, 0xfd, 0x88, 0x02, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x92, 0x02, 0x0b, 0x0b,
  0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x93, 0x02, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20,
  0x01, 0xfd, 0x8d, 0x02, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x80, 0x02, 0x0b, 0x0b,
  0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x8a, 0x02, 0x0b,
]);

const conv = load(CONV);

test('trunc_sat maps NaN to 0 and infinities to the bounds', () => {
  const nanInf = f32x4(NaN, Infinity, -Infinity, -0.9);
  const edges = f32x4(2147483648, -2147483904, 1.5, -1.5);
  assert.equal(words(conv('trunc_f32_s', nanInf)), [0, 2147483647, -2147483648, 0]);
  assert.equal(words(conv('trunc_f32_s', edges)), [2147483647, -2147483648, 1, -1]);
  assert.equal(words(conv('trunc_f32_u', nanInf)), [0, -1, 0, 0]);
  assert.equal(words(conv('trunc_f32_u', f32x4(4294967296, 4294967040, 1.9, 0.99))), [
    -1,
    4294967040 | 0,
    1,
    0,
  ]);
  assert.equal(words(conv('trunc_f64_s', f64x2(NaN, -Infinity))), [0, -2147483648, 0, 0]);
  assert.equal(
    words(conv('trunc_f64_s', f64x2(2147483647.9, -2147483648.9))),
    [2147483647, -2147483648, 0, 0],
  );
  assert.equal(words(conv('trunc_f64_u', f64x2(Infinity, 4294967295.5))), [-1, -1, 0, 0]);
  assert.equal(words(conv('trunc_f64_u', f64x2(NaN, -1))), [0, 0, 0, 0]);
  // A signalling NaN is a NaN too.
  assert.equal(words(conv('trunc_f32_s', w32(SNAN32, NEG_SNAN32, 0, 0))), [0, 0, 0, 0]);
});

test('relaxed truncation behaves as trunc_sat (deterministic profile)', () => {
  const cases = [
    f32x4(NaN, Infinity, -Infinity, -0.9),
    f32x4(2147483648, -2147483904, 4294967296, 3.5),
  ];
  for (const v of cases) {
    assert.equal(words(conv('relaxed_f32_s', v)), words(conv('trunc_f32_s', v)));
    assert.equal(words(conv('relaxed_f32_u', v)), words(conv('trunc_f32_u', v)));
  }
  for (const v of [f64x2(NaN, -Infinity), f64x2(1e10, -1e10), f64x2(4294967295.5, -0.5)]) {
    assert.equal(words(conv('relaxed_f64_s', v)), words(conv('trunc_f64_s', v)));
    assert.equal(words(conv('relaxed_f64_u', v)), words(conv('trunc_f64_u', v)));
  }
});

test('relaxed madd and nmadd round the product first (unfused)', () => {
  const x = 1 + 2 ** -23; // x * x = 1 + 2^-22 + 2^-46: the 2^-46 is lost when rounded to f32
  const r = conv('madd', f32x4(x, 1, 0, 2), f32x4(x, 1, 0, 3), f32x4(-(1 + 2 ** -22), 1, -0, 1));
  assert.equal(words(r), words(f32x4(0, 2, 0, 7)));
  const y = 1 + 2 ** -52; // y * y = 1 + 2^-51 + 2^-104
  const n = conv('nmadd64', f64x2(y, 2), f64x2(y, 3), f64x2(1 + 2 ** -51, 1));
  assert.equal(words(n), words(f64x2(0, -5)));
});

test('relaxed dot products use signed lanes and saturating i16 pair sums', () => {
  const a = i8x16(-128, -128, -128, -127, 127, 127, -128, 127, 1, 2, 3, 4, 5, 6, 7, 8);
  const b = i8x16(-128, -128, -127, -128, 127, 127, 127, -128, 1, 1, 1, 1, -1, -1, -1, -1);
  assert.equal(halves(conv('dot', a, b)), [32767, 32512, 32258, -32512, 3, 7, -11, -15]);
  const c = w32(1, -1, 100, 2147483647);
  // Lane 0: 32767 + 32512 + 1; lane 3: (-11) + (-15) + 2^31 - 1.
  assert.equal(words(conv('dot_add', a, b, c)), [65280, 32258 - 32512 - 1, 110, 2147483647 - 26]);
});

test('other relaxed instructions take their deterministic-profile results', () => {
  const m = conv(
    'relaxed_min',
    w32(SNAN32, 0, 0x80000000 | 0, ONE32),
    w32(ONE32, QNAN32, 0, 0x40000000),
  );
  assert.equal(words(m), [0x7fe00001, QNAN32, 0x80000000 | 0, ONE32]);
  const table = i8x16(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
  const idx = i8x16(0, 15, 16, 17, -128, -1, 31, 112, 1, 2, 3, 4, 5, 6, 7, 8);
  assert.equal(
    bytes(conv('relaxed_swizzle', table, idx)),
    [10, 25, 0, 0, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16, 17, 18],
  );
  const sel = conv(
    'laneselect',
    w32(-1, -1, -1, -1),
    w32(0, 0, 0, 0),
    w32(0x00ff8000, 0x7fff0001, 0, -1),
  );
  assert.equal(words(sel), [0x00ff8000, 0x7fff0001, 0, -1]);
});

test.run();
