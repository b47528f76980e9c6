/**
 * Relaxed SIMD (opcodes 0x100-0x113). The spec lets each of these return one
 * of a few results; Weft always returns the first, which is the spec's
 * deterministic profile, so results never depend on the host:
 *
 * - `i8x16.relaxed_swizzle`: as `i8x16.swizzle` (indices >= 16 give 0).
 * - `i32x4.relaxed_trunc_*`: as the saturating `trunc_sat` conversions
 *   (NaN gives 0, out-of-range values the nearest bound).
 * - `f32x4/f64x2.relaxed_madd`: unfused, `a * b` rounded, then `+ c` rounded;
 *   `relaxed_nmadd` is `relaxed_madd(-a, b, c)`.
 * - `*.relaxed_laneselect`: as `v128.bitselect` (every mask bit selects).
 * - `f32x4/f64x2.relaxed_min/max`: as `min`/`max` (NaN-propagating, -0 < +0).
 * - `i16x8.relaxed_q15mulr_s`: as `q15mulr_sat_s` (-1 * -1 saturates to 0x7fff).
 * - `relaxed_dot_i8x16_i7x16_s` and `..._add_s`: the second operand's lanes
 *   are signed, and each sum of two adjacent products saturates to i16
 *   (the spec's signed `ivdotsat`); the i32 form then adds those i16 pairs
 *   and the accumulator with wrapping i32 arithmetic.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import { binary, ternary, unary } from './build.js';
import * as float from './float.js';
import * as i16x8 from './integer/i16x8.js';
import * as lanes from './lanes.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { V32, VF32, VF64, VI16, VI8 } = abi;
const {
  f32x4Max,
  f32x4Min,
  f64x2Max,
  f64x2Min,
  i32x4TruncSatF32x4S,
  i32x4TruncSatF32x4U,
  i32x4TruncSatF64x2SZero,
  i32x4TruncSatF64x2UZero,
} = float;
const { i16x8Q15mulrSatS } = i16x8;
const { bitselect, swizzle } = lanes;

// The kernels below are lane-wise: result lane i needs lane i of each
// operand only (for the dot products, the bytes under it), so each lane is
// read before it is written and `d` may be `a` (see ../simd.ts).

/** f32 lane `z` = fround(s * a * b) + c, for lanes `x`, `y`, `w` and sign `s` (1 or -1). */
function madd32(z: number, x: number, y: number, w: number, s: number): void {
  VF32[z] = Math.fround(s * VF32[x] * VF32[y]) + VF32[w];
}

function f32x4Madd(fp: number, d: number, a: number, b: number, c: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const w = (fp + c) << 2;
  madd32(z, x, y, w, 1);
  madd32(z + 1, x + 1, y + 1, w + 1, 1);
  madd32(z + 2, x + 2, y + 2, w + 2, 1);
  madd32(z + 3, x + 3, y + 3, w + 3, 1);
}

function f32x4Nmadd(fp: number, d: number, a: number, b: number, c: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const w = (fp + c) << 2;
  madd32(z, x, y, w, -1);
  madd32(z + 1, x + 1, y + 1, w + 1, -1);
  madd32(z + 2, x + 2, y + 2, w + 2, -1);
  madd32(z + 3, x + 3, y + 3, w + 3, -1);
}

function f64x2Madd(fp: number, d: number, a: number, b: number, c: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  const w = (fp + c) << 1;
  g[z] = g[x] * g[y] + g[w];
  g[z + 1] = g[x + 1] * g[y + 1] + g[w + 1];
}

function f64x2Nmadd(fp: number, d: number, a: number, b: number, c: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  const w = (fp + c) << 1;
  g[z] = -g[x] * g[y] + g[w];
  g[z + 1] = -g[x + 1] * g[y + 1] + g[w + 1];
}

/** The saturated i16 sum of the products of signed bytes `i` and `i + 1` after `p` and `q`. */
function dotPair(p: number, q: number, i: number): number {
  const v = VI8[p + i] * VI8[q + i] + VI8[p + i + 1] * VI8[q + i + 1];
  return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

function i16x8RelaxedDot(fp: number, d: number, a: number, b: number): void {
  const p = (fp + a) << 4;
  const q = (fp + b) << 4;
  const z = (fp + d) << 3;
  for (let i = 0; i < 8; i++) VI16[z + i] = dotPair(p, q, 2 * i);
}

function i32x4RelaxedDotAdd(fp: number, d: number, a: number, b: number, c: number): void {
  const p = (fp + a) << 4;
  const q = (fp + b) << 4;
  const w = (fp + c) << 2;
  const z = (fp + d) << 2;
  for (let i = 0; i < 4; i++) {
    V32[z + i] = dotPair(p, q, 4 * i) + dotPair(p, q, 4 * i + 2) + V32[w + i];
  }
}

export const RELAXED: Record<string, SimdBuild> = {
  'i8x16.relaxed_swizzle': binary((d, a, b) => (fp) => (swizzle(fp, d, a, b), 0)),
  'i32x4.relaxed_trunc_f32x4_s': unary((d, a) => (fp) => (i32x4TruncSatF32x4S(fp, d, a), 0)),
  'i32x4.relaxed_trunc_f32x4_u': unary((d, a) => (fp) => (i32x4TruncSatF32x4U(fp, d, a), 0)),
  'i32x4.relaxed_trunc_f64x2_s_zero': unary(
    (d, a) => (fp) => (i32x4TruncSatF64x2SZero(fp, d, a), 0),
  ),
  'i32x4.relaxed_trunc_f64x2_u_zero': unary(
    (d, a) => (fp) => (i32x4TruncSatF64x2UZero(fp, d, a), 0),
  ),
  'f32x4.relaxed_madd': ternary((d, a, b, c) => (fp) => (f32x4Madd(fp, d, a, b, c), 0)),
  'f32x4.relaxed_nmadd': ternary((d, a, b, c) => (fp) => (f32x4Nmadd(fp, d, a, b, c), 0)),
  'f64x2.relaxed_madd': ternary((d, a, b, c) => (fp) => (f64x2Madd(fp, d, a, b, c), 0)),
  'f64x2.relaxed_nmadd': ternary((d, a, b, c) => (fp) => (f64x2Nmadd(fp, d, a, b, c), 0)),
  'i8x16.relaxed_laneselect': ternary((d, a, b, c) => (fp) => (bitselect(fp, d, a, b, c), 0)),
  'i16x8.relaxed_laneselect': ternary((d, a, b, c) => (fp) => (bitselect(fp, d, a, b, c), 0)),
  'i32x4.relaxed_laneselect': ternary((d, a, b, c) => (fp) => (bitselect(fp, d, a, b, c), 0)),
  'i64x2.relaxed_laneselect': ternary((d, a, b, c) => (fp) => (bitselect(fp, d, a, b, c), 0)),
  'f32x4.relaxed_min': binary((d, a, b) => (fp) => (f32x4Min(fp, d, a, b), 0)),
  'f32x4.relaxed_max': binary((d, a, b) => (fp) => (f32x4Max(fp, d, a, b), 0)),
  'f64x2.relaxed_min': binary((d, a, b) => (fp) => (f64x2Min(fp, d, a, b), 0)),
  'f64x2.relaxed_max': binary((d, a, b) => (fp) => (f64x2Max(fp, d, a, b), 0)),
  'i16x8.relaxed_q15mulr_s': binary((d, a, b) => (fp) => (i16x8Q15mulrSatS(fp, d, a, b), 0)),
  'i16x8.relaxed_dot_i8x16_i7x16_s': binary((d, a, b) => (fp) => (i16x8RelaxedDot(fp, d, a, b), 0)),
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': ternary(
    (d, a, b, c) => (fp) => (i32x4RelaxedDotAdd(fp, d, a, b, c), 0),
  ),
};
