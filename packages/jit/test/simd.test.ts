import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADDR, Imm, OPS, parseModule } from '@weft/environ';
import {
  callFunc,
  f32FromBits,
  f32ToBits,
  f64FromBits,
  f64HighBits,
  f64LowBits,
  instantiate,
  Store,
  TypeRegistry,
  V128,
} from '@weft/runtime';
import { classify, compileModule } from '#src/index.js';
import { SIMD_BUILDERS } from '#src/ops/simd.js';
import * as W from '#src/ops/simd/words.js';

// Test modules are raw bytes; their text is in the comment above each, and
// the bytes came from `wat2wasm --enable-all` (wabt 1.0.32 spells the relaxed
// dot products `i16x8.dot_i8x16_i7x16_s` and `i32x4.dot_i8x16_i7x16_add_s`).

/*
(module
  (func (export "f32_extract1") (param v128) (result f32) (f32x4.extract_lane 1 (local.get 0)))
  (func (export "f32_replace2") (param v128 f32) (result v128) (f32x4.replace_lane 2 (local.get 0) (local.get 1)))
  (func (export "f32_splat") (param f32) (result v128) (f32x4.splat (local.get 0)))
  (func (export "f64_extract1") (param v128) (result f64) (f64x2.extract_lane 1 (local.get 0)))
  (func (export "f64_replace0") (param v128 f64) (result v128) (f64x2.replace_lane 0 (local.get 0) (local.get 1)))
  (func (export "shuffle_bytes") (param v128 v128) (result v128)
    (i8x16.shuffle 31 30 29 28 27 26 25 24 7 6 5 4 3 2 1 0 (local.get 0) (local.get 1)))
  (func (export "shuffle_words") (param v128 v128) (result v128)
    (i8x16.shuffle 4 5 6 7 16 17 18 19 28 29 30 31 0 1 2 3 (local.get 0) (local.get 1)))
  (func (export "f32_neg_abs") (param v128) (result v128) (f32x4.abs (f32x4.neg (local.get 0))))
  (func (export "f32_pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
  (func (export "f32_min") (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
  (func (export "f64_max") (param v128 v128) (result v128) (f64x2.max (local.get 0) (local.get 1)))
  (func (export "f32_nearest") (param v128) (result v128) (f32x4.nearest (local.get 0)))
  (func (export "promote") (param v128) (result v128) (f64x2.promote_low_f32x4 (local.get 0)))
  (func (export "demote") (param v128) (result v128) (f32x4.demote_f64x2_zero (local.get 0)))
  (func (export "i8_extract_s15") (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
  (func (export "i8_extract_u15") (param v128) (result i32) (i8x16.extract_lane_u 15 (local.get 0)))
  (func (export "i16_replace5") (param v128 i32) (result v128) (i16x8.replace_lane 5 (local.get 0) (local.get 1)))
  (func (export "i64_extract1") (param v128) (result i64) (i64x2.extract_lane 1 (local.get 0)))
  (func (export "bitmask8") (param v128) (result i32) (i8x16.bitmask (local.get 0)))
)
*/
const LANES = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x37, 0x0a, 0x60, 0x01, 0x7b, 0x01, 0x7d,
  0x60, 0x02, 0x7b, 0x7d, 0x01, 0x7b, 0x60, 0x01, 0x7d, 0x01, 0x7b, 0x60, 0x01, 0x7b, 0x01, 0x7c,
  0x60, 0x02, 0x7b, 0x7c, 0x01, 0x7b, 0x60, 0x02, 0x7b, 0x7b, 0x01, 0x7b, 0x60, 0x01, 0x7b, 0x01,
  0x7b, 0x60, 0x01, 0x7b, 0x01, 0x7f, 0x60, 0x02, 0x7b, 0x7f, 0x01, 0x7b, 0x60, 0x01, 0x7b, 0x01,
  0x7e, 0x03, 0x14, 0x13, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x05, 0x06, 0x05, 0x05, 0x05, 0x06,
  0x06, 0x06, 0x07, 0x07, 0x08, 0x09, 0x07, 0x07, 0x82, 0x02, 0x13, 0x0c, 0x66, 0x33, 0x32, 0x5f,
  0x65, 0x78, 0x74, 0x72, 0x61, 0x63, 0x74, 0x31, 0x00, 0x00, 0x0c, 0x66, 0x33, 0x32, 0x5f, 0x72,
  0x65, 0x70, 0x6c, 0x61, 0x63, 0x65, 0x32, 0x00, 0x01, 0x09, 0x66, 0x33, 0x32, 0x5f, 0x73, 0x70,
  0x6c, 0x61, 0x74, 0x00, 0x02, 0x0c, 0x66, 0x36, 0x34, 0x5f, 0x65, 0x78, 0x74, 0x72, 0x61, 0x63,
  0x74, 0x31, 0x00, 0x03, 0x0c, 0x66, 0x36, 0x34, 0x5f, 0x72, 0x65, 0x70, 0x6c, 0x61, 0x63, 0x65,
  0x30, 0x00, 0x04, 0x0d, 0x73, 0x68, 0x75, 0x66, 0x66, 0x6c, 0x65, 0x5f, 0x62, 0x79, 0x74, 0x65,
  0x73, 0x00, 0x05, 0x0d, 0x73, 0x68, 0x75, 0x66, 0x66, 0x6c, 0x65, 0x5f, 0x77, 0x6f, 0x72, 0x64,
  0x73, 0x00, 0x06, 0x0b, 0x66, 0x33, 0x32, 0x5f, 0x6e, 0x65, 0x67, 0x5f, 0x61, 0x62, 0x73, 0x00,
  0x07, 0x08, 0x66, 0x33, 0x32, 0x5f, 0x70, 0x6d, 0x69, 0x6e, 0x00, 0x08, 0x07, 0x66, 0x33, 0x32,
  0x5f, 0x6d, 0x69, 0x6e, 0x00, 0x09, 0x07, 0x66, 0x36, 0x34, 0x5f, 0x6d, 0x61, 0x78, 0x00, 0x0a,
  0x0b, 0x66, 0x33, 0x32, 0x5f, 0x6e, 0x65, 0x61, 0x72, 0x65, 0x73, 0x74, 0x00, 0x0b, 0x07, 0x70,
  0x72, 0x6f, 0x6d, 0x6f, 0x74, 0x65, 0x00, 0x0c, 0x06, 0x64, 0x65, 0x6d, 0x6f, 0x74, 0x65, 0x00,
  0x0d, 0x0e, 0x69, 0x38, 0x5f, 0x65, 0x78, 0x74, 0x72, 0x61, 0x63, 0x74, 0x5f, 0x73, 0x31, 0x35,
  0x00, 0x0e, 0x0e, 0x69, 0x38, 0x5f, 0x65, 0x78, 0x74, 0x72, 0x61, 0x63, 0x74, 0x5f, 0x75, 0x31,
  0x35, 0x00, 0x0f, 0x0c, 0x69, 0x31, 0x36, 0x5f, 0x72, 0x65, 0x70, 0x6c, 0x61, 0x63, 0x65, 0x35,
  0x00, 0x10, 0x0c, 0x69, 0x36, 0x34, 0x5f, 0x65, 0x78, 0x74, 0x72, 0x61, 0x63, 0x74, 0x31, 0x00,
  0x11, 0x08, 0x62, 0x69, 0x74, 0x6d, 0x61, 0x73, 0x6b, 0x38, 0x00, 0x12, 0x0a, 0xc5, 0x01, 0x13,
  0x07, 0x00, 0x20, 0x00, 0xfd, 0x1f, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x20,
  0x02, 0x0b, 0x06, 0x00, 0x20, 0x00, 0xfd, 0x13, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x21, 0x01,
  0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x22, 0x00, 0x0b, 0x18, 0x00, 0x20, 0x00, 0x20,
  0x01, 0xfd, 0x0d, 0x1f, 0x1e, 0x1d, 0x1c, 0x1b, 0x1a, 0x19, 0x18, 0x07, 0x06, 0x05, 0x04, 0x03,
  0x02, 0x01, 0x00, 0x0b, 0x18, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x0d, 0x04, 0x05, 0x06, 0x07,
  0x10, 0x11, 0x12, 0x13, 0x1c, 0x1d, 0x1e, 0x1f, 0x00, 0x01, 0x02, 0x03, 0x0b, 0x0a, 0x00, 0x20,
  0x00, 0xfd, 0xe1, 0x01, 0xfd, 0xe0, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xea,
  0x01, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xe8, 0x01, 0x0b, 0x09, 0x00, 0x20, 0x00,
  0x20, 0x01, 0xfd, 0xf5, 0x01, 0x0b, 0x06, 0x00, 0x20, 0x00, 0xfd, 0x6a, 0x0b, 0x06, 0x00, 0x20,
  0x00, 0xfd, 0x5f, 0x0b, 0x06, 0x00, 0x20, 0x00, 0xfd, 0x5e, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd,
  0x15, 0x0f, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x16, 0x0f, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20,
  0x01, 0xfd, 0x1a, 0x05, 0x0b, 0x07, 0x00, 0x20, 0x00, 0xfd, 0x1d, 0x01, 0x0b, 0x06, 0x00, 0x20,
  0x00, 0xfd, 0x64, 0x0b,
]);

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

/*
(module
  (memory i64 1)
  (func (export "load8_lane") (param i64 v128) (result v128) (v128.load8_lane 1 (local.get 0) (local.get 1)))
  (func (export "load64_lane") (param i64 v128) (result v128) (v128.load64_lane offset=8 1 (local.get 0) (local.get 1)))
  (func (export "store16_lane") (param i64 v128) (v128.store16_lane 3 (local.get 0) (local.get 1)))
  (func (export "load") (param i64) (result v128) (v128.load (local.get 0)))
  (func (export "store") (param i64 v128) (v128.store (local.get 0) (local.get 1)))
)
*/
const MEM64 = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x11, 0x03, 0x60, 0x02, 0x7e, 0x7b, 0x01,
  0x7b, 0x60, 0x02, 0x7e, 0x7b, 0x00, 0x60, 0x01, 0x7e, 0x01, 0x7b, 0x03, 0x06, 0x05, 0x00, 0x00,
  0x01, 0x02, 0x01, 0x05, 0x03, 0x01, 0x04, 0x01, 0x07, 0x3a, 0x05, 0x0a, 0x6c, 0x6f, 0x61, 0x64,
  0x38, 0x5f, 0x6c, 0x61, 0x6e, 0x65, 0x00, 0x00, 0x0b, 0x6c, 0x6f, 0x61, 0x64, 0x36, 0x34, 0x5f,
  0x6c, 0x61, 0x6e, 0x65, 0x00, 0x01, 0x0c, 0x73, 0x74, 0x6f, 0x72, 0x65, 0x31, 0x36, 0x5f, 0x6c,
  0x61, 0x6e, 0x65, 0x00, 0x02, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x03, 0x05, 0x73, 0x74, 0x6f,
  0x72, 0x65, 0x00, 0x04, 0x0a, 0x39, 0x05, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x54, 0x00,
  0x00, 0x01, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x57, 0x03, 0x08, 0x01, 0x0b, 0x0b,
  0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x59, 0x01, 0x00, 0x03, 0x0b, 0x08, 0x00, 0x20, 0x00, 0xfd,
  0x00, 0x04, 0x00, 0x0b, 0x0a, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x0b, 0x04, 0x00, 0x0b,
]);

/*
(module
  (memory 1)
  (func (export "load8_lane_wrapped") (param i64 v128) (result v128)
    (v128.load8_lane 0 (i32.wrap_i64 (local.get 0)) (local.get 1)))
  (func (export "load32_lane") (param i32 v128) (result v128) (v128.load32_lane offset=4 3 (local.get 0) (local.get 1)))
  (func (export "store") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
  (func (export "load16x4_s") (param i32) (result v128) (v128.load16x4_s (local.get 0)))
  (func (export "load8x8_s") (param i32) (result v128) (v128.load8x8_s (local.get 0)))
  (func (export "load8_splat") (param i32) (result v128) (v128.load8_splat (local.get 0)))
  (func (export "grow_then_load") (param i32) (result v128)
    (drop (memory.grow (i32.const 1))) (v128.load (local.get 0)))
)
*/
const MEM32 = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x17, 0x04, 0x60, 0x02, 0x7e, 0x7b, 0x01,
  0x7b, 0x60, 0x02, 0x7f, 0x7b, 0x01, 0x7b, 0x60, 0x02, 0x7f, 0x7b, 0x00, 0x60, 0x01, 0x7f, 0x01,
  0x7b, 0x03, 0x08, 0x07, 0x00, 0x01, 0x02, 0x03, 0x03, 0x03, 0x03, 0x05, 0x03, 0x01, 0x00, 0x01,
  0x07, 0x64, 0x07, 0x12, 0x6c, 0x6f, 0x61, 0x64, 0x38, 0x5f, 0x6c, 0x61, 0x6e, 0x65, 0x5f, 0x77,
  0x72, 0x61, 0x70, 0x70, 0x65, 0x64, 0x00, 0x00, 0x0b, 0x6c, 0x6f, 0x61, 0x64, 0x33, 0x32, 0x5f,
  0x6c, 0x61, 0x6e, 0x65, 0x00, 0x01, 0x05, 0x73, 0x74, 0x6f, 0x72, 0x65, 0x00, 0x02, 0x0a, 0x6c,
  0x6f, 0x61, 0x64, 0x31, 0x36, 0x78, 0x34, 0x5f, 0x73, 0x00, 0x03, 0x09, 0x6c, 0x6f, 0x61, 0x64,
  0x38, 0x78, 0x38, 0x5f, 0x73, 0x00, 0x04, 0x0b, 0x6c, 0x6f, 0x61, 0x64, 0x38, 0x5f, 0x73, 0x70,
  0x6c, 0x61, 0x74, 0x00, 0x05, 0x0e, 0x67, 0x72, 0x6f, 0x77, 0x5f, 0x74, 0x68, 0x65, 0x6e, 0x5f,
  0x6c, 0x6f, 0x61, 0x64, 0x00, 0x06, 0x0a, 0x4e, 0x07, 0x0c, 0x00, 0x20, 0x00, 0xa7, 0x20, 0x01,
  0xfd, 0x54, 0x00, 0x00, 0x00, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x56, 0x02, 0x04,
  0x03, 0x0b, 0x0a, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x0b, 0x04, 0x00, 0x0b, 0x08, 0x00, 0x20,
  0x00, 0xfd, 0x03, 0x03, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0xfd, 0x01, 0x03, 0x00, 0x0b, 0x08,
  0x00, 0x20, 0x00, 0xfd, 0x07, 0x00, 0x00, 0x0b, 0x0d, 0x00, 0x41, 0x01, 0x40, 0x00, 0x1a, 0x20,
  0x00, 0xfd, 0x00, 0x04, 0x00, 0x0b,
]);

/*
(module
  (memory 1)
  (func (export "shuffle_same") (param v128) (result v128)
    (i8x16.shuffle 15 14 13 12 11 10 9 8 23 22 21 20 19 18 17 16 (local.get 0) (local.get 0)))
  (func (export "sub_same") (param v128) (result v128) (i32x4.sub (local.get 0) (local.get 0)))
  (func (export "narrow_same") (param v128) (result v128)
    (i8x16.narrow_i16x8_s (local.get 0) (local.get 0)))
  (func (export "tee_then_read") (param v128 v128) (result v128)
    (i32x4.sub (local.tee 1 (local.get 0)) (local.get 1)))
  (func (export "read_then_tee") (param v128) (result v128)
    (i32x4.add (local.get 0) (local.tee 0 (i32x4.shl (local.get 0) (i32.const 1)))))
  (func (export "tee_result") (param v128 v128) (result v128)
    (i64x2.add (local.tee 1 (i64x2.sub (local.get 0) (local.get 1))) (local.get 1)))
  (func (export "accumulate") (param v128 i32) (result v128) (local v128)
    (loop
      (local.set 2 (i64x2.add (local.get 2) (local.get 0)))
      (local.set 0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
      (br_if 0 (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (local.get 2))
  (func (export "load_lane_keeps") (param i32 v128) (result v128)
    (drop (v128.load32_lane 2 (local.get 0) (local.get 1)))
    (local.get 1))
  (func (export "load_lane_tee") (param i32 v128) (result v128)
    (v128.load8_lane 0 (local.get 0) (local.tee 1 (i8x16.splat (local.get 0)))))
)
*/
const ALIAS = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x18, 0x04, 0x60, 0x01, 0x7b, 0x01, 0x7b,
  0x60, 0x02, 0x7b, 0x7b, 0x01, 0x7b, 0x60, 0x02, 0x7b, 0x7f, 0x01, 0x7b, 0x60, 0x02, 0x7f, 0x7b,
  0x01, 0x7b, 0x03, 0x0a, 0x09, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x02, 0x03, 0x03, 0x05, 0x03,
  0x01, 0x00, 0x01, 0x07, 0x85, 0x01, 0x09, 0x0c, 0x73, 0x68, 0x75, 0x66, 0x66, 0x6c, 0x65, 0x5f,
  0x73, 0x61, 0x6d, 0x65, 0x00, 0x00, 0x08, 0x73, 0x75, 0x62, 0x5f, 0x73, 0x61, 0x6d, 0x65, 0x00,
  0x01, 0x0b, 0x6e, 0x61, 0x72, 0x72, 0x6f, 0x77, 0x5f, 0x73, 0x61, 0x6d, 0x65, 0x00, 0x02, 0x0d,
  0x74, 0x65, 0x65, 0x5f, 0x74, 0x68, 0x65, 0x6e, 0x5f, 0x72, 0x65, 0x61, 0x64, 0x00, 0x03, 0x0d,
  0x72, 0x65, 0x61, 0x64, 0x5f, 0x74, 0x68, 0x65, 0x6e, 0x5f, 0x74, 0x65, 0x65, 0x00, 0x04, 0x0a,
  0x74, 0x65, 0x65, 0x5f, 0x72, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x00, 0x05, 0x0a, 0x61, 0x63, 0x63,
  0x75, 0x6d, 0x75, 0x6c, 0x61, 0x74, 0x65, 0x00, 0x06, 0x0f, 0x6c, 0x6f, 0x61, 0x64, 0x5f, 0x6c,
  0x61, 0x6e, 0x65, 0x5f, 0x6b, 0x65, 0x65, 0x70, 0x73, 0x00, 0x07, 0x0d, 0x6c, 0x6f, 0x61, 0x64,
  0x5f, 0x6c, 0x61, 0x6e, 0x65, 0x5f, 0x74, 0x65, 0x65, 0x00, 0x08, 0x0a, 0xae, 0x01, 0x09, 0x18,
  0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x0d, 0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 0x09, 0x08, 0x17,
  0x16, 0x15, 0x14, 0x13, 0x12, 0x11, 0x10, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0xb1,
  0x01, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x65, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x22,
  0x01, 0x20, 0x01, 0xfd, 0xb1, 0x01, 0x0b, 0x10, 0x00, 0x20, 0x00, 0x20, 0x00, 0x41, 0x01, 0xfd,
  0xab, 0x01, 0x22, 0x00, 0xfd, 0xae, 0x01, 0x0b, 0x10, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xd1,
  0x01, 0x22, 0x01, 0x20, 0x01, 0xfd, 0xce, 0x01, 0x0b, 0x33, 0x01, 0x01, 0x7b, 0x03, 0x40, 0x20,
  0x02, 0x20, 0x00, 0xfd, 0xce, 0x01, 0x21, 0x02, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x0d, 0x08, 0x09,
  0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x21, 0x00,
  0x20, 0x01, 0x41, 0x01, 0x6b, 0x22, 0x01, 0x0d, 0x00, 0x0b, 0x20, 0x02, 0x0b, 0x0e, 0x00, 0x20,
  0x00, 0x20, 0x01, 0xfd, 0x56, 0x02, 0x00, 0x02, 0x1a, 0x20, 0x01, 0x0b, 0x0f, 0x00, 0x20, 0x00,
  0x20, 0x00, 0xfd, 0x0f, 0x22, 0x01, 0xfd, 0x54, 0x00, 0x00, 0x00, 0x0b,
]);

type Call = (name: string, ...args: unknown[]) => unknown;

/** Instantiates `bytes` in a fresh store; returns a caller of its exports. */
function load(bytes: Uint8Array): Call {
  const module = parseModule(bytes);
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  return (name, ...args) => {
    const f = instance.exports.get(name) as Parameters<typeof callFunc>[1];
    // Arguments in an array of tagged elements: a double array could quiet signalling NaNs.
    const tagged = new Array<unknown>(args.length).fill(undefined);
    for (let i = 0; i < args.length; i++) tagged[i] = args[i];
    return callFunc(store, f, tagged)[0];
  };
}

const lanes = load(LANES);
const ints = load(INTS);
const conv = load(CONV);

const w32 = (...words: number[]) => V128.fromI32x4(words);
const f32x4 = (...v: number[]) => new V128(new Uint8Array(Float32Array.from(v).buffer));
const f64x2 = (...v: number[]) => new V128(new Uint8Array(Float64Array.from(v).buffer));
const i8x16 = (...v: number[]) => new V128(new Uint8Array(Int8Array.from(v).buffer));
const i16x8 = (...v: number[]) => new V128(new Uint8Array(Int16Array.from(v).buffer));
const i64x2 = (...v: bigint[]) => new V128(new Uint8Array(BigInt64Array.from(v).buffer));
const words = (v: unknown) => Array.from((v as V128).i32x4);
const halves = (v: unknown) => Array.from((v as V128).i16x8);
const bytes = (v: unknown) => Array.from((v as V128).i8x16);
const longs = (v: unknown) => Array.from((v as V128).i64x2);

const SNAN32 = 0x7fa00001;
const NEG_SNAN32 = 0xffb00002 | 0;
const QNAN32 = 0x7fc00000;
const ONE32 = 0x3f800000;

// ---------------------------------------------------------------------------
// NaN payloads through lane moves

test('f32x4.extract_lane keeps signalling NaN bits (via f32ToBits)', () => {
  assert.is(f32ToBits(lanes('f32_extract1', w32(0, SNAN32, 0, 0)) as number), SNAN32);
  assert.is(f32ToBits(lanes('f32_extract1', w32(0, NEG_SNAN32, 0, 0)) as number), NEG_SNAN32);
});

test('f32x4.replace_lane and splat store signalling NaN bits exactly', () => {
  const v = lanes('f32_replace2', w32(1, 2, 3, 4), f32FromBits(NEG_SNAN32));
  assert.equal(words(v), [1, 2, NEG_SNAN32, 4]);
  assert.equal(words(lanes('f32_splat', f32FromBits(SNAN32))), [SNAN32, SNAN32, SNAN32, SNAN32]);
});

test('f64x2 lane moves keep signalling NaN bits', () => {
  const r = lanes('f64_extract1', w32(0, 0, 0x12345, 0xfff00000 | 0)) as number;
  assert.is(f64LowBits(r), 0x12345);
  assert.is(f64HighBits(r), 0xfff00000 | 0);
  const v = lanes('f64_replace0', w32(1, 2, 3, 4), f64FromBits(7, 0x7ff00000));
  assert.equal(words(v), [7, 0x7ff00000, 3, 4]);
});

test('shuffles move NaN payload bytes exactly', () => {
  const a = w32(SNAN32, NEG_SNAN32, 0x7ff00001, 0x00000001);
  const b = w32(0x01020304, 0x7f800001, 0xfff00000 | 0, 0x7f801234);
  const ab = [...(a.bytes as Uint8Array), ...(b.bytes as Uint8Array)];
  const order = [31, 30, 29, 28, 27, 26, 25, 24, 7, 6, 5, 4, 3, 2, 1, 0];
  const expected = new V128(order.map((i) => ab[i]!));
  assert.equal(words(lanes('shuffle_bytes', a, b)), words(expected));
  assert.equal(words(lanes('shuffle_words', a, b)), [NEG_SNAN32, 0x01020304, 0x7f801234, SNAN32]);
});

test('abs and neg flip sign bits only, NaNs included', () => {
  const v = lanes('f32_neg_abs', w32(SNAN32, NEG_SNAN32, 0x80000000 | 0, QNAN32));
  assert.equal(words(v), [SNAN32, 0x7fb00002, 0, QNAN32]);
});

test('min and max quiet NaN operands; pmin returns an operand unchanged', () => {
  const a = w32(SNAN32, ONE32, QNAN32, 0x80000000 | 0);
  const b = w32(ONE32, NEG_SNAN32, ONE32, 0);
  assert.equal(words(lanes('f32_min', a, b)), [0x7fe00001, 0xfff00002 | 0, QNAN32, 0x80000000 | 0]);
  assert.equal(words(lanes('f32_pmin', a, b)), [SNAN32, ONE32, QNAN32, 0x80000000 | 0]);
  const m = lanes('f64_max', w32(0, 0, 0, 0), w32(5, 0x7ff00001, 0, 0x80000000 | 0));
  assert.equal(words(m), [5, 0x7ff80001, 0, 0]);
});

test('promote and demote quiet NaNs and keep their payloads', () => {
  // f32 sNaN 0x7fa00001 promotes to f64 0x7ffc0000_20000000.
  assert.equal(
    words(lanes('promote', w32(SNAN32, ONE32, 0, 0))),
    [0x20000000, 0x7ffc0000, 0, 0x3ff00000],
  );
  // ... and that f64 sNaN (quiet bit cleared) demotes back with the quiet bit set.
  const v = w32(0x20000000, 0x7ff40000, 0, 0x7ff00000);
  assert.equal(words(lanes('demote', v)), [0x7fe00001, 0x7f800000, 0, 0]);
  const d = lanes('demote', f64x2(1 + 2 ** -30, 1e300));
  assert.equal(words(d), [ONE32, 0x7f800000, 0, 0]);
});

test('nearest rounds ties to even and keeps the sign of zero', () => {
  const v = lanes('f32_nearest', f32x4(2.5, -2.5, 0.5, -0.5));
  assert.equal(words(v), words(f32x4(2, -2, 0, -0)));
  assert.equal(words(lanes('f32_nearest', w32(SNAN32, 0, 0, 0)))[0], 0x7fe00001);
});

test('integer lane extraction, replacement and bitmask', () => {
  const v = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -2);
  assert.is(lanes('i8_extract_s15', v), -2);
  assert.is(lanes('i8_extract_u15', v), 254);
  const r = lanes('i16_replace5', i16x8(0, 1, 2, 3, 4, 5, 6, 7), 0x12345678);
  assert.equal(halves(r), [0, 1, 2, 3, 4, 0x5678, 6, 7]);
  assert.is(lanes('i64_extract1', i64x2(1n, -(2n ** 63n))), -(2n ** 63n));
  assert.is(
    lanes('bitmask8', i8x16(-1, 0, -128, 127, 0, 0, 0, -1, 0, -1, 0, 0, 0, 0, 0, -5)),
    0x8285,
  );
});

// ---------------------------------------------------------------------------
// Integer arithmetic

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

// ---------------------------------------------------------------------------
// Conversions and relaxed SIMD

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

// ---------------------------------------------------------------------------
// Memory

test('memory64 lane accesses trap out of bounds, never wrapping the address', () => {
  const mem = load(MEM64);
  const v = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  mem('store', 65520n, w32(0x11223344, 0x55667788, -1, 0x7f));
  assert.equal(
    bytes(mem('load8_lane', 65535n, v)),
    [0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  );
  for (const addr of [65536n, 2n ** 32n, 2n ** 32n + 5n, 2n ** 63n, 2n ** 64n - 1n]) {
    assert.throws(
      () => mem('load8_lane', addr, v),
      /out of bounds memory access/,
      `load8_lane ${addr}`,
    );
  }
  assert.equal(
    words(mem('load64_lane', 65512n, v)),
    [0x03020100, 0x07060504, 0x11223344, 0x55667788],
  );
  for (const addr of [65521n, 2n ** 64n - 8n, 2n ** 64n - 1n, 2n ** 32n]) {
    assert.throws(
      () => mem('load64_lane', addr, v),
      /out of bounds memory access/,
      `load64_lane ${addr}`,
    );
  }
  assert.throws(() => mem('store16_lane', 65535n, v), /out of bounds memory access/);
  assert.throws(() => mem('store16_lane', 2n ** 32n, v), /out of bounds memory access/);
  assert.equal(words(mem('load', 65520n)), [0x11223344, 0x55667788, -1, 0x7f], 'nothing written');
  mem('store16_lane', 65534n, v);
  assert.equal(words(mem('load', 65520n)), [0x11223344, 0x55667788, -1, 0x07060000 | 0x7f]);
  assert.throws(() => mem('load', 65521n), /out of bounds memory access/);
});

test('32-bit memories use the address as unsigned and ignore stale high words', () => {
  const mem = load(MEM32);
  mem('store', 0, i8x16(-1, -2, -3, -4, 5, 6, 7, 8, -128, 127, 0, 0, 0, 0, 0, 0));
  const v = w32(0, 0, 0, 0);
  assert.equal(words(mem('load8_lane_wrapped', 2n ** 32n + 5n, v)), [6, 0, 0, 0]);
  assert.equal(words(mem('load32_lane', 4, v)), [0, 0, 0, 0x0000_7f80]);
  assert.throws(() => mem('load32_lane', -1, v), /out of bounds memory access/);
  assert.throws(() => mem('load32_lane', 65529, v), /out of bounds memory access/);
  assert.equal(words(mem('load16x4_s', 0)), [-257, -771, 1541, 2055]);
  assert.equal(halves(mem('load8x8_s', 0)), [-1, -2, -3, -4, 5, 6, 7, 8]);
  assert.equal(bytes(mem('load8_splat', 8)), new Array(16).fill(-128));
  assert.throws(() => mem('load8_splat', 65536), /out of bounds memory access/);
  // memory.grow replaces the buffer; the load after it must see the new one.
  assert.equal(words(mem('grow_then_load', 65536)), [0, 0, 0, 0]);
});

// ---------------------------------------------------------------------------
// The word-wide lane formulas, against lane-by-lane references

/** The `n`-bit lanes of word `w`, unsigned. */
function split(w: number, n: number): number[] {
  const out: number[] = [];
  for (let sh = 0; sh < 32; sh += n) out.push((w >>> sh) & ((1 << n) - 1));
  return out;
}

/** A word from `n`-bit lanes (taken modulo 2^n). */
function join(lanes: number[], n: number): number {
  let w = 0;
  lanes.forEach((v, i) => (w |= (v & ((1 << n) - 1)) << (i * n)));
  return w | 0;
}

const signed = (v: number, n: number) => (v << (32 - n)) >> (32 - n);
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const flag = (c: boolean) => (c ? -1 : 0);

type Lane = (a: number, b: number, n: number) => number;
const LANE_OPS: [string, Lane][] = [
  ['add', (a, b) => a + b],
  ['sub', (a, b) => a - b],
  ['addSatS', (a, b, n) => clamp(signed(a, n) + signed(b, n), -(2 ** (n - 1)), 2 ** (n - 1) - 1)],
  ['addSatU', (a, b, n) => clamp(a + b, 0, 2 ** n - 1)],
  ['subSatS', (a, b, n) => clamp(signed(a, n) - signed(b, n), -(2 ** (n - 1)), 2 ** (n - 1) - 1)],
  ['subSatU', (a, b, n) => clamp(a - b, 0, 2 ** n - 1)],
  ['ltS', (a, b, n) => flag(signed(a, n) < signed(b, n))],
  ['ltU', (a, b) => flag(a < b)],
  ['minS', (a, b, n) => (signed(a, n) < signed(b, n) ? a : b)],
  ['minU', (a, b) => Math.min(a, b)],
  ['maxS', (a, b, n) => (signed(a, n) > signed(b, n) ? a : b)],
  ['maxU', (a, b) => Math.max(a, b)],
  ['avgrU', (a, b) => (a + b + 1) >> 1],
  ['eq', (a, b) => flag(a === b)],
];

/** Words biased towards lane values at the edges of the signed and unsigned ranges. */
function edgyWords(n: number, count: number): number[] {
  const edges =
    n === 8
      ? [0, 1, 2, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff]
      : [0, 1, 0x7fff, 0x8000, 0x8001, 0xffff, 0x4000, 0xc000];
  let seed = 99;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const lanes = split(rand(), n).map((v) => (rand() & 1 ? edges[rand() % edges.length]! : v));
    out.push(join(lanes, n));
  }
  return out;
}

test('word-wide i8 and i16 lane formulas match lane-by-lane references', () => {
  const fns = W as unknown as Record<string, (a: number, b: number) => number>;
  for (const n of [8, 16]) {
    const ws = edgyWords(n, 400);
    for (const [name, ref] of LANE_OPS) {
      const f = fns[`${name}${n}`]!;
      assert.type(f, 'function', `${name}${n}`);
      for (const a of ws) {
        for (let j = 0; j < ws.length; j += 7) {
          const b = ws[j]!;
          const expected = join(
            split(a, n).map((x, i) => ref(x, split(b, n)[i]!, n)),
            n,
          );
          if (f(a, b) !== expected) assert.unreachable(`${name}${n}(${a >>> 0}, ${b >>> 0})`);
        }
      }
    }
    for (const a of ws) {
      const lanes = split(a, n);
      const abs = n === 8 ? W.abs8(a) : W.abs16(a);
      assert.is(
        abs,
        join(
          lanes.map((x) => Math.abs(signed(x, n))),
          n,
        ),
      );
      for (let k = 0; k < n; k++) {
        const sar = n === 8 ? W.sar8(a, k) : W.sar16(a, k);
        assert.is(
          sar,
          join(
            lanes.map((x) => signed(x, n) >> k),
            n,
          ),
        );
      }
      const zero = lanes.includes(0);
      assert.is(n === 8 ? W.hasZero8(a) : W.hasZero16(a), zero);
    }
  }
  for (const a of edgyWords(8, 2000)) {
    const lanes = split(a, 8);
    assert.is(
      W.mask8(a),
      lanes.reduce((m, x, i) => m | ((x >> 7) << i), 0),
    );
    assert.is(
      W.popcnt8(a),
      join(
        lanes.map((x) => x.toString(2).replace(/0/g, '').length),
        8,
      ),
    );
  }
});

test('word-wide widening and narrowing formulas match lane-by-lane references', () => {
  const w8 = edgyWords(8, 300);
  const w16 = edgyWords(16, 300);
  for (const a of w8) {
    for (let j = 0; j < w8.length; j += 5) {
      const b = w8[j]!;
      const [a0, a1, a2, a3] = split(a, 8) as [number, number, number, number];
      const [b0, b1, b2, b3] = split(b, 8) as [number, number, number, number];
      const s = (v: number) => signed(v, 8);
      assert.is(W.mulPairS8(a, b, 0), join([s(a0) * s(b0), s(a1) * s(b1)], 16));
      assert.is(W.mulPairS8(a, b, 16), join([s(a2) * s(b2), s(a3) * s(b3)], 16));
      assert.is(W.mulPairU8(a, b, 0), join([a0 * b0, a1 * b1], 16));
      assert.is(W.mulPairU8(a, b, 16), join([a2 * b2, a3 * b3], 16));
    }
  }
  for (const a of w16) {
    for (let j = 0; j < w16.length; j += 5) {
      const b = w16[j]!;
      const al = split(a, 16).map((v) => signed(v, 16));
      const bl = split(b, 16).map((v) => signed(v, 16));
      const q15 = al.map((x, i) => Math.min(32767, Math.floor((x * bl[i]! + 0x4000) / 32768)));
      assert.is(W.q15mulr(a, b), join(q15, 16));
      assert.is(
        W.mul16(a, b),
        join(
          al.map((x, i) => Math.imul(x, bl[i]!)),
          16,
        ),
      );
      const narrowS = [...al, ...bl].map((v) => clamp(v, -128, 127));
      const narrowU = [...al, ...bl].map((v) => clamp(v, 0, 255));
      assert.is(W.narrow8S(a, b), join(narrowS, 8));
      assert.is(W.narrow8U(a, b), join(narrowU, 8));
    }
  }
  for (const lo of [
    0,
    1,
    -1,
    32767,
    32768,
    -32768,
    -32769,
    65535,
    65536,
    2 ** 31 - 1,
    -(2 ** 31),
  ]) {
    for (const hi of [0, 40000, -40000, 7]) {
      assert.is(
        W.narrow16S(lo, hi),
        join([clamp(lo, -32768, 32767), clamp(hi, -32768, 32767)], 16),
      );
      assert.is(W.narrow16U(lo, hi), join([clamp(lo, 0, 65535), clamp(hi, 0, 65535)], 16));
    }
  }
});

test('every 0xfd instruction except v128.const has a kernel', () => {
  const simd = OPS.filter((op) => op !== undefined && op.prefix === 0xfd).map((op) => op!.name);
  assert.ok(simd.length > 250);
  for (const name of simd) {
    if (name !== 'v128.const') assert.ok(SIMD_BUILDERS.has(name), name);
  }
});

// ---------------------------------------------------------------------------
// Aliasing: the same local as several operands, local.tee, results over operands

test('an instruction may read the same local as several operands', () => {
  const alias = load(ALIAS);
  const v = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1);
  assert.equal(bytes(alias('shuffle_same', v)), bytes(v).reverse());
  assert.equal(words(alias('sub_same', w32(5, -1, 0x7fffffff, -0x80000000))), [0, 0, 0, 0]);
  const n = i16x8(300, -300, 5, -5, 127, -128, 128, -129);
  const narrowed = [127, -128, 5, -5, 127, -128, 127, -128];
  assert.equal(bytes(alias('narrow_same', n)), [...narrowed, ...narrowed]);
});

test('local.tee between and around SIMD operands', () => {
  const alias = load(ALIAS);
  const a = w32(7, -8, 0x40000000, 123456);
  assert.equal(words(alias('tee_then_read', a, w32(1, 2, 3, 4))), [0, 0, 0, 0]);
  // The first operand keeps the value the local had before the tee.
  assert.equal(words(alias('read_then_tee', a)), [21, -24, 0xc0000000 | 0, 370368]);
  const x = i64x2(5n, -(2n ** 63n));
  const y = i64x2(7n, 1n);
  assert.equal(longs(alias('tee_result', x, y)), [-4n, BigInt.asIntN(64, 2n * (2n ** 63n - 1n))]);
  const v = i64x2(3n, -(2n ** 62n));
  for (const count of [1, 2, 7]) {
    const odd = BigInt(Math.ceil(count / 2));
    const even = BigInt(Math.floor(count / 2));
    const [v0, v1] = [3n, -(2n ** 62n)];
    assert.equal(longs(alias('accumulate', v, count)), [
      BigInt.asIntN(64, odd * v0 + even * v1),
      BigInt.asIntN(64, odd * v1 + even * v0),
    ]);
  }
});

test('lane loads leave their vector operand local as it was', () => {
  const alias = load(ALIAS);
  const v = w32(1, 2, 3, 4);
  assert.equal(words(alias('load_lane_keeps', 16, v)), [1, 2, 3, 4]);
  assert.equal(bytes(alias('load_lane_tee', 0x1234, v)), [0, ...new Array(15).fill(0x34)]);
});

// ---------------------------------------------------------------------------
// Operands read in place: every shape of operand gives the same result

// Kernels read each operand from its own slot (a local's, or its stack
// slot) and write the result to the first operand's stack slot, which may
// be the first operand's own slot. The module below is built here: for each
// instruction, functions taking their operands from locals (L), from stack
// slots (S: the value of a block), from pending expressions (E, scalars),
// the same local in several positions, and functions checking that no
// local an instruction reads is written.

const T_I32 = 0x7f;
const T_I64 = 0x7e;
const T_F32 = 0x7d;
const T_F64 = 0x7c;
const T_V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n !== 0 ? b | 0x80 : b);
  } while (n !== 0);
  return out;
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

interface Func {
  readonly name: string;
  readonly params: number[];
  readonly results: number[];
  readonly body: number[];
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module of `funcs` (each its own type), with one page of memory, all exported. */
function buildModule(funcs: Func[]): Uint8Array {
  const types = funcs.map((f) => [
    0x60,
    ...vec(f.params.map((t) => [t])),
    ...vec(f.results.map((t) => [t])),
  ]);
  const bodies = funcs.map((f) => {
    const code = [0x00, ...f.body, 0x0b];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...MAGIC,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

const get = (i: number) => [0x20, ...uleb(i)];
/** Shapes of operand `i` of type `t`: a local, a stack slot, a pending expression. */
const SHAPES: Record<string, (i: number, t: number) => number[]> = {
  L: (i) => get(i),
  S: (i, t) => [0x02, t, ...get(i), 0x0b],
  E: (i) => [...get(i), ...get(i), 0x41, 0x01, 0x1b],
};

/** The immediates to test an instruction with (null: none known). */
function immediates(op: NonNullable<(typeof OPS)[number]>): number[][] | null {
  switch (op.imm) {
    case Imm.NONE:
      return [[]];
    case Imm.LANE: // the width is the lane count
      return [[0], [op.width - 1]];
    case Imm.SHUFFLE: // bytes from both operands, and whole words
      return [
        [31, 0, 17, 2, 19, 4, 5, 22, 8, 25, 10, 11, 28, 13, 30, 15],
        [12, 13, 14, 15, 16, 17, 18, 19, 0, 1, 2, 3, 28, 29, 30, 31],
      ];
    case Imm.MEMARG: // align 0, offset 3
      return [[0x00, 0x03]];
    case Imm.MEMARG_LANE: // the width is the access's, in bytes
      return [
        [0x00, 0x03, 0],
        [0x00, 0x03, 16 / op.width - 1],
      ];
    default:
      return null;
  }
}

interface Case {
  readonly params: number[];
  /**
   * Functions computing the instruction from operands of various shapes;
   * `same` lists, for those reading one local several times, which
   * argument each operand is (empty for the others).
   */
  readonly shapes: { name: string; same: number[] }[];
  /** Functions returning local i after the instruction ran. */
  readonly keeps: string[];
}

function cases(): { bytes: Uint8Array; list: Case[] } {
  const funcs: Func[] = [];
  const list: Case[] = [];
  for (const op of OPS) {
    if (op === undefined || op.prefix !== 0xfd || op.name === 'v128.const') continue;
    const imms = immediates(op);
    assert.ok(imms !== null, `immediates of ${op.name}`);
    const params = op.params!.map((t) => (t === ADDR ? T_I32 : t));
    const isStore = op.results!.length === 0;
    // A store's result is what the memory then holds (at the address it used).
    const results = isStore ? [T_V128] : [...op.results!];
    const after = isStore ? [...get(0), 0xfd, 0x00, 0x00, 0x03] : [];
    imms!.forEach((imm, k) => {
      const base = `${op.name}/${k}`;
      const instr = [0xfd, ...uleb(op.code), ...imm];
      const c: Case = { params, shapes: [], keeps: [] };
      const add = (tag: string, body: number[], same: number[], res = results) => {
        funcs.push({ name: `${base}/${tag}`, params, results: res, body });
        if (res === results) c.shapes.push({ name: `${base}/${tag}`, same });
        else c.keeps.push(`${base}/${tag}`);
      };
      // Every combination of shapes (E only for scalars).
      const combos: string[][] = [[]];
      for (const t of params) {
        const next: string[][] = [];
        for (const prefix of combos)
          for (const s of t === T_V128 ? ['L', 'S'] : ['L', 'S', 'E']) next.push([...prefix, s]);
        combos.splice(0, combos.length, ...next);
      }
      for (const shape of combos) {
        const body = shape.flatMap((s, i) => SHAPES[s]!(i, params[i]!));
        add(shape.join(''), [...body, ...instr, ...after], []);
      }
      // The same local in every position of the first operand's type.
      const same = params.map((t, i) => (t === params[0] ? 0 : i));
      if (same.filter((j) => j === 0).length > 1) {
        add('same', [...same.flatMap((j) => get(j)), ...instr, ...after], same);
        const first = [...SHAPES.S!(0, params[0]!), ...same.slice(1).flatMap((j) => get(j))];
        add('same-S', [...first, ...instr, ...after], same);
      }
      // The locals read are never written.
      if (!isStore) {
        params.forEach((t, j) => {
          add(
            `keep${j}`,
            [...params.flatMap((_, i) => get(i)), ...instr, 0x1a, ...get(j)],
            [],
            [t],
          );
        });
      }
      list.push(c);
    });
  }
  return { bytes: buildModule(funcs), list };
}

test('operands in locals, stack slots and expressions, and the same local twice, agree', () => {
  const { bytes, list } = cases();
  const run = load(bytes);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 8;
  const edges = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x7fc00000, 0x7fa00001, 0x7ff00000, 0x80000000];
  const word = () => (rand() & 3 ? rand() ^ (rand() << 16) : edges[rand() % edges.length]!) | 0;
  const arg = (t: number): unknown => {
    switch (t) {
      case T_V128:
        return w32(word(), word(), word(), word());
      case T_I64:
        return BigInt.asIntN(64, (BigInt(word() >>> 0) << 32n) | BigInt(word() >>> 0));
      case T_F32:
        return f32FromBits(word());
      case T_F64:
        return f64FromBits(word(), word());
      default:
        return rand() % 32768; // shift counts, lane values, in-bounds addresses
    }
  };
  const key = (v: unknown): string => {
    if (v instanceof V128) return Array.from(v.bytes).join(',');
    if (typeof v === 'number') return `${f64HighBits(v)}:${f64LowBits(v)}`;
    return String(v);
  };
  let checked = 0;
  for (const c of list) {
    for (let round = 0; round < 6; round++) {
      const args = c.params.map(arg);
      const expected = key(run(c.shapes[0]!.name, ...args));
      for (const { name, same } of c.shapes) {
        const used = same.length > 0 ? same.map((j) => args[j]) : args;
        const want = same.length > 0 ? key(run(c.shapes[0]!.name, ...used)) : expected;
        assert.is(key(run(name, ...used)), want, `${name}`);
        checked++;
      }
      c.keeps.forEach((f, j) => assert.is(key(run(f, ...args)), key(args[j]), f));
    }
  }
  assert.ok(checked > 5000);
});

// ---------------------------------------------------------------------------
// Results written straight into the local of a following local.set/tee

const simdOp = (name: string, ...imm: number[]) => {
  const op = OPS.find((o) => o !== undefined && o.prefix === 0xfd && o.name === name)!;
  return [0xfd, ...uleb(op.code), ...imm];
};
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const V2 = [T_V128, T_V128];

test('a v128 result goes to a local only where no operand still reads it', () => {
  const reverse = Array.from({ length: 16 }, (_, i) => 15 - i);
  const run = load(
    buildModule([
      // The local is a later operand: it must not be the destination.
      {
        name: 'later',
        params: V2,
        results: [T_V128],
        body: [...get(0), ...get(1), ...simdOp('f32x4.sub'), ...set(1), ...get(1)],
      },
      // The local is the first operand: the kernel reads every lane before writing.
      {
        name: 'first',
        params: V2,
        results: [T_V128],
        body: [...get(0), ...get(1), ...simdOp('i8x16.shuffle', ...reverse), ...set(0), ...get(0)],
      },
      // An earlier local.get of the local is still on the stack: it keeps the old value.
      {
        name: 'pending',
        params: V2,
        results: [T_V128],
        body: [
          ...get(0),
          ...get(0),
          ...get(1),
          ...simdOp('i32x4.add'),
          ...set(0),
          ...get(0),
          ...simdOp('i32x4.sub'),
        ],
      },
      {
        name: 'const',
        params: V2,
        results: [T_V128],
        body: [
          ...simdOp('v128.const', ...Array.from({ length: 16 }, (_, i) => i)),
          ...tee(1),
          ...get(1),
          ...simdOp('i32x4.add'),
        ],
      },
      {
        name: 'tee',
        params: V2,
        results: [T_V128],
        body: [
          ...get(0),
          ...get(1),
          ...simdOp('f32x4.mul'),
          ...tee(0),
          ...get(0),
          ...simdOp('f32x4.add'),
        ],
      },
    ]),
  );
  assert.equal(
    Array.from((run('later', f32x4(5, 6, 7, 8), f32x4(1, 2, 3, 4)) as V128).f32x4),
    [4, 4, 4, 4],
  );
  const a = i8x16(...Array.from({ length: 16 }, (_, i) => i + 1));
  assert.equal(
    bytes(run('first', a, w32(0, 0, 0, 0))),
    Array.from({ length: 16 }, (_, i) => 16 - i),
  );
  assert.equal(words(run('pending', w32(1, 2, 3, 4), w32(10, 20, 30, 40))), [-10, -20, -30, -40]);
  assert.equal(
    words(run('const', w32(0, 0, 0, 0), w32(0, 0, 0, 0))),
    [0x06040200, 0x0e0c0a08, 0x16141210, 0x1e1c1a18],
  );
  assert.equal(
    Array.from((run('tee', f32x4(1, 2, 3, 4), f32x4(2, 2, 2, 2)) as V128).f32x4),
    [4, 8, 12, 16],
  );
});

test.run();
