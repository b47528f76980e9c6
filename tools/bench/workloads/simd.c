/*
 * simd: fixed-width SIMD (built with -msimd128; engines without SIMD skip it).
 *
 * f32x4 saxpy and dot products, an i32x4 multiply-accumulate, and i8x16
 * saturating adds and comparisons over byte arrays, written with the
 * wasm_simd128.h intrinsics.
 */
#include <wasm_simd128.h>

#include "common.h"

#define N 16384
static float xs[N], ys[N];
static i32 ia[N], ib[N];
static u8 ba[N * 4], bb[N * 4];

u32 run(int n) {
  u32 state = 0x7777u;
  for (int i = 0; i < N; i++) {
    xs[i] = (float)(xorshift32(&state) & 0xffff) / 65536.0f;
    ys[i] = (float)(xorshift32(&state) & 0xffff) / 65536.0f;
    ia[i] = (i32)(xorshift32(&state) & 0xffff) - 32768;
    ib[i] = (i32)(xorshift32(&state) & 0xff);
  }
  for (int i = 0; i < N * 4; i++) {
    ba[i] = (u8)xorshift32(&state);
    bb[i] = (u8)xorshift32(&state);
  }
  u32 acc = 0;
  for (int r = 0; r < n; r++) {
    /* saxpy + dot */
    v128_t a = wasm_f32x4_splat(0.999f + (float)r * 1e-6f);
    v128_t dot = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < N; i += 4) {
      v128_t x = wasm_v128_load(&xs[i]);
      v128_t y = wasm_v128_load(&ys[i]);
      y = wasm_f32x4_add(wasm_f32x4_mul(a, x), y);
      y = wasm_f32x4_mul(y, wasm_f32x4_splat(0.5f));
      wasm_v128_store(&ys[i], y);
      dot = wasm_f32x4_add(dot, wasm_f32x4_mul(x, y));
    }
    float d = wasm_f32x4_extract_lane(dot, 0) + wasm_f32x4_extract_lane(dot, 1) +
              wasm_f32x4_extract_lane(dot, 2) + wasm_f32x4_extract_lane(dot, 3);
    acc = mix32(acc, f32_bits(d));

    /* i32 multiply-accumulate */
    v128_t sum = wasm_i32x4_splat(0);
    for (int i = 0; i < N; i += 4) {
      v128_t x = wasm_v128_load(&ia[i]);
      v128_t y = wasm_v128_load(&ib[i]);
      sum = wasm_i32x4_add(sum, wasm_i32x4_mul(x, y));
      wasm_v128_store(&ib[i], wasm_v128_and(wasm_i32x4_add(y, wasm_i32x4_splat(r)),
                                            wasm_i32x4_splat(0xff)));
    }
    acc = mix32(acc, (u32)(wasm_i32x4_extract_lane(sum, 0) ^ wasm_i32x4_extract_lane(sum, 1) ^
                           wasm_i32x4_extract_lane(sum, 2) ^ wasm_i32x4_extract_lane(sum, 3)));

    /* bytes: saturating add, compare, count */
    v128_t count = wasm_i32x4_splat(0);
    for (int i = 0; i < N * 4; i += 16) {
      v128_t x = wasm_v128_load(&ba[i]);
      v128_t y = wasm_v128_load(&bb[i]);
      v128_t s = wasm_u8x16_add_sat(x, y);
      v128_t gt = wasm_u8x16_gt(s, wasm_u8x16_splat(200));
      wasm_v128_store(&ba[i], wasm_v128_xor(s, wasm_u8x16_splat((u8)r)));
      count = wasm_i32x4_add(count, wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(
                                        wasm_u8x16_shr(gt, 7))));
    }
    acc = mix32(acc, (u32)wasm_i32x4_extract_lane(count, 0) + (u32)wasm_i32x4_extract_lane(count, 3));
  }
  return acc;
}
