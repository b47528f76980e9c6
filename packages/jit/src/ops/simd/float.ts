/**
 * Float lane instructions and conversions between float and integer lanes.
 *
 * Kernels take the frame pointer and the frame slots of the result (`d`)
 * and of the operands (`a`, `b`); `d` may be `a` (see ../simd.ts). They
 * work in place on the vector buffer: lane `i` of the vector in absolute
 * slot `s` is `VF32[4s + i]` (its bits `V32[4s + i]`) or `VF64[2s + i]`
 * (bits `V32[4s + 2i]`, low word, and `V32[4s + 2i + 1]`). Lane-wise kernels handle one lane at a time, reading
 * it from every operand before writing it; kernels changing the lane width
 * (conversions, promote, demote) read all their input lanes into locals
 * first, since a wider result lane overlaps several input lanes.
 *
 * Lanes are read through the float views as doubles: every f32 value is
 * exact as a double, and one rounding back to f32 on store gives correctly
 * rounded f32 `+ - * /` and `sqrt` (the double result is accurate enough).
 *
 * NaN rules, per lane (as ops/scalar.ts for scalars):
 * - hardware arithmetic (`+ - * /`) already returns a quiet NaN, canonical
 *   when its NaN inputs are;
 * - operations that would pass a NaN operand through unchanged (min, max,
 *   sqrt, rounding, promote, demote) return that operand's bits with the
 *   quiet bit set, built from the integer view so no conversion can
 *   change the payload;
 * - abs, neg, pmin, pmax and comparisons never make NaNs: they select or
 *   flip bits exactly, always moving bits through the integer view (a
 *   float view's element read as a number and stored back may come out
 *   with a signalling NaN quieted).
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import { binary, unary } from './build.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { V32, VF32, VF64, VU32 } = abi;

/** Quiet bit of an f32, and of an f64's high word. */
const Q32 = 0x00400000;
const Q64 = 0x00080000;

/** Round to nearest, ties to even (as scalar `fNearest`, without the NaN case). */
function nearest(a: number): number {
  const r = Math.round(a);
  if (r - a === 0.5) return 2 * Math.round(a / 2);
  return r === 0 && a < 0 ? -0 : r;
}

// ---------------------------------------------------------------------------
// Sign operations: bit flips on the words that hold the signs.

function f32x4Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = v[x] & 0x7fffffff;
  v[z + 1] = v[x + 1] & 0x7fffffff;
  v[z + 2] = v[x + 2] & 0x7fffffff;
  v[z + 3] = v[x + 3] & 0x7fffffff;
}

function f32x4Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = v[x] ^ 0x80000000;
  v[z + 1] = v[x + 1] ^ 0x80000000;
  v[z + 2] = v[x + 2] ^ 0x80000000;
  v[z + 3] = v[x + 3] ^ 0x80000000;
}

function f64x2Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = v[x];
  v[z + 1] = v[x + 1] & 0x7fffffff;
  v[z + 2] = v[x + 2];
  v[z + 3] = v[x + 3] & 0x7fffffff;
}

function f64x2Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = v[x];
  v[z + 1] = v[x + 1] ^ 0x80000000;
  v[z + 2] = v[x + 2];
  v[z + 3] = v[x + 3] ^ 0x80000000;
}

// ---------------------------------------------------------------------------
// f32x4 arithmetic. `z`, `x`, `y` are lane indices in `VF32` (and `V32`).

function f32x4Add(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  f[z] = f[x] + f[y];
  f[z + 1] = f[x + 1] + f[y + 1];
  f[z + 2] = f[x + 2] + f[y + 2];
  f[z + 3] = f[x + 3] + f[y + 3];
}

function f32x4Sub(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  f[z] = f[x] - f[y];
  f[z + 1] = f[x + 1] - f[y + 1];
  f[z + 2] = f[x + 2] - f[y + 2];
  f[z + 3] = f[x + 3] - f[y + 3];
}

function f32x4Mul(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  f[z] = f[x] * f[y];
  f[z + 1] = f[x + 1] * f[y + 1];
  f[z + 2] = f[x + 2] * f[y + 2];
  f[z + 3] = f[x + 3] * f[y + 3];
}

function f32x4Div(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  f[z] = f[x] / f[y];
  f[z + 1] = f[x + 1] / f[y + 1];
  f[z + 2] = f[x + 2] / f[y + 2];
  f[z + 3] = f[x + 3] / f[y + 3];
}

// Sqrt and the roundings, by a code that is a constant at every call site
// (so V8 folds the switch away once the kernel is inlined).
const SQRT = 0;
const CEIL = 1;
const FLOOR = 2;
const TRUNC = 3;
const NEAREST = 4;

/** Operation `op` (SQRT ... NEAREST) on a number that is not NaN. */
function apply(op: number, v: number): number {
  switch (op) {
    case SQRT:
      return Math.sqrt(v);
    case CEIL:
      return Math.ceil(v);
    case FLOOR:
      return Math.floor(v);
    case TRUNC:
      return Math.trunc(v);
    default:
      return nearest(v);
  }
}

/** One f32 lane of `apply`: a NaN passes through, made quiet. */
function round32(z: number, x: number, op: number): void {
  const v = VF32[x];
  if (v !== v) V32[z] = V32[x] | Q32;
  else VF32[z] = apply(op, v);
}

/** Applies `round32` to the four lanes. */
function f32x4Round(fp: number, d: number, a: number, op: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  round32(z, x, op);
  round32(z + 1, x + 1, op);
  round32(z + 2, x + 2, op);
  round32(z + 3, x + 3, op);
}

function f32x4Sqrt(fp: number, d: number, a: number): void {
  f32x4Round(fp, d, a, SQRT);
}

function f32x4Ceil(fp: number, d: number, a: number): void {
  f32x4Round(fp, d, a, CEIL);
}

function f32x4Floor(fp: number, d: number, a: number): void {
  f32x4Round(fp, d, a, FLOOR);
}

function f32x4Trunc(fp: number, d: number, a: number): void {
  f32x4Round(fp, d, a, TRUNC);
}

function f32x4Nearest(fp: number, d: number, a: number): void {
  f32x4Round(fp, d, a, NEAREST);
}

/** One f32 lane of min (`max` false) or max: a NaN operand passes through, made quiet. */
function minmax32(z: number, x: number, y: number, max: boolean): void {
  const p = VF32[x];
  const q = VF32[y];
  if (p !== p) V32[z] = V32[x] | Q32;
  else if (q !== q) V32[z] = V32[y] | Q32;
  else VF32[z] = max ? Math.max(p, q) : Math.min(p, q);
}

export function f32x4Min(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  minmax32(z, x, y, false);
  minmax32(z + 1, x + 1, y + 1, false);
  minmax32(z + 2, x + 2, y + 2, false);
  minmax32(z + 3, x + 3, y + 3, false);
}

export function f32x4Max(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  minmax32(z, x, y, true);
  minmax32(z + 1, x + 1, y + 1, true);
  minmax32(z + 2, x + 2, y + 2, true);
  minmax32(z + 3, x + 3, y + 3, true);
}

/** One f32 lane of pmin: b < a ? b : a, moving the chosen lane's bits. */
function pmin32(z: number, x: number, y: number): void {
  V32[z] = VF32[y] < VF32[x] ? V32[y] : V32[x];
}

/** One f32 lane of pmax: a < b ? b : a, moving the chosen lane's bits. */
function pmax32(z: number, x: number, y: number): void {
  V32[z] = VF32[x] < VF32[y] ? V32[y] : V32[x];
}

function f32x4Pmin(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  pmin32(z, x, y);
  pmin32(z + 1, x + 1, y + 1);
  pmin32(z + 2, x + 2, y + 2);
  pmin32(z + 3, x + 3, y + 3);
}

function f32x4Pmax(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  pmax32(z, x, y);
  pmax32(z + 1, x + 1, y + 1);
  pmax32(z + 2, x + 2, y + 2);
  pmax32(z + 3, x + 3, y + 3);
}

// ---------------------------------------------------------------------------
// f64x2 arithmetic. `z`, `x`, `y` are lane indices in `VF64`; lane `i`'s
// words in `V32` are 2i (low) and 2i + 1 (high).

function f64x2Add(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  g[z] = g[x] + g[y];
  g[z + 1] = g[x + 1] + g[y + 1];
}

function f64x2Sub(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  g[z] = g[x] - g[y];
  g[z + 1] = g[x + 1] - g[y + 1];
}

function f64x2Mul(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  g[z] = g[x] * g[y];
  g[z + 1] = g[x + 1] * g[y + 1];
}

function f64x2Div(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  g[z] = g[x] / g[y];
  g[z + 1] = g[x + 1] / g[y + 1];
}

/** f64 lane `z` is lane `x`'s bits made quiet. */
function quiet64(z: number, x: number): void {
  const lo = V32[2 * x];
  const hi = V32[2 * x + 1];
  V32[2 * z] = lo;
  V32[2 * z + 1] = hi | Q64;
}

/** One f64 lane of `apply`: a NaN passes through, made quiet. */
function round64(z: number, x: number, op: number): void {
  const v = VF64[x];
  if (v !== v) quiet64(z, x);
  else VF64[z] = apply(op, v);
}

function f64x2Round(fp: number, d: number, a: number, op: number): void {
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  round64(z, x, op);
  round64(z + 1, x + 1, op);
}

function f64x2Sqrt(fp: number, d: number, a: number): void {
  f64x2Round(fp, d, a, SQRT);
}

function f64x2Ceil(fp: number, d: number, a: number): void {
  f64x2Round(fp, d, a, CEIL);
}

function f64x2Floor(fp: number, d: number, a: number): void {
  f64x2Round(fp, d, a, FLOOR);
}

function f64x2Trunc(fp: number, d: number, a: number): void {
  f64x2Round(fp, d, a, TRUNC);
}

function f64x2Nearest(fp: number, d: number, a: number): void {
  f64x2Round(fp, d, a, NEAREST);
}

function minmax64(z: number, x: number, y: number, max: boolean): void {
  const p = VF64[x];
  const q = VF64[y];
  if (p !== p) quiet64(z, x);
  else if (q !== q) quiet64(z, y);
  else VF64[z] = max ? Math.max(p, q) : Math.min(p, q);
}

export function f64x2Min(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  minmax64(z, x, y, false);
  minmax64(z + 1, x + 1, y + 1, false);
}

export function f64x2Max(fp: number, d: number, a: number, b: number): void {
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  minmax64(z, x, y, true);
  minmax64(z + 1, x + 1, y + 1, true);
}

/** f64 lane `z` is a copy of the bits of lane `s`. */
function move64(z: number, s: number): void {
  const lo = V32[2 * s];
  const hi = V32[2 * s + 1];
  V32[2 * z] = lo;
  V32[2 * z + 1] = hi;
}

function f64x2Pmin(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  move64(z, g[y] < g[x] ? y : x);
  move64(z + 1, g[y + 1] < g[x + 1] ? y + 1 : x + 1);
}

function f64x2Pmax(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  move64(z, g[x] < g[y] ? y : x);
  move64(z + 1, g[x + 1] < g[y + 1] ? y + 1 : x + 1);
}

// ---------------------------------------------------------------------------
// Comparisons: all-ones lanes where true (any comparison with NaN is false,
// except ne). Each lane is compared before its result is written.

function f32x4Eq(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] === f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] === f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] === f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] === f[y + 3] ? -1 : 0;
}

function f32x4Ne(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] !== f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] !== f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] !== f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] !== f[y + 3] ? -1 : 0;
}

function f32x4Lt(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] < f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] < f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] < f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] < f[y + 3] ? -1 : 0;
}

function f32x4Gt(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] > f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] > f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] > f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] > f[y + 3] ? -1 : 0;
}

function f32x4Le(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] <= f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] <= f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] <= f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] <= f[y + 3] ? -1 : 0;
}

function f32x4Ge(fp: number, d: number, a: number, b: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = f[x] >= f[y] ? -1 : 0;
  v[z + 1] = f[x + 1] >= f[y + 1] ? -1 : 0;
  v[z + 2] = f[x + 2] >= f[y + 2] ? -1 : 0;
  v[z + 3] = f[x + 3] >= f[y + 3] ? -1 : 0;
}

/** Writes an all-ones or zero mask to both words of f64 lane `z`. */
function mask64(z: number, set: boolean): void {
  const m = set ? -1 : 0;
  V32[2 * z] = m;
  V32[2 * z + 1] = m;
}

function f64x2Eq(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] === g[y]);
  mask64(z + 1, g[x + 1] === g[y + 1]);
}

function f64x2Ne(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] !== g[y]);
  mask64(z + 1, g[x + 1] !== g[y + 1]);
}

function f64x2Lt(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] < g[y]);
  mask64(z + 1, g[x + 1] < g[y + 1]);
}

function f64x2Gt(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] > g[y]);
  mask64(z + 1, g[x + 1] > g[y + 1]);
}

function f64x2Le(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] <= g[y]);
  mask64(z + 1, g[x + 1] <= g[y + 1]);
}

function f64x2Ge(fp: number, d: number, a: number, b: number): void {
  const g = VF64;
  const z = (fp + d) << 1;
  const x = (fp + a) << 1;
  const y = (fp + b) << 1;
  mask64(z, g[x] >= g[y]);
  mask64(z + 1, g[x + 1] >= g[y + 1]);
}

// ---------------------------------------------------------------------------
// Conversions. Saturating truncation: NaN gives 0, out-of-range values the
// nearest bound.

function truncSatS(v: number): number {
  if (v !== v) return 0;
  if (v >= 2147483647) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  return v | 0;
}

function truncSatU(v: number): number {
  if (v !== v || v <= 0) return 0;
  if (v >= 4294967295) return -1;
  return v >>> 0;
}

/** Same-width conversions are lane-wise: lane i is read, then written. */
export function i32x4TruncSatF32x4S(fp: number, d: number, a: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = truncSatS(f[x]);
  v[z + 1] = truncSatS(f[x + 1]);
  v[z + 2] = truncSatS(f[x + 2]);
  v[z + 3] = truncSatS(f[x + 3]);
}

export function i32x4TruncSatF32x4U(fp: number, d: number, a: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = truncSatU(f[x]);
  v[z + 1] = truncSatU(f[x + 1]);
  v[z + 2] = truncSatU(f[x + 2]);
  v[z + 3] = truncSatU(f[x + 3]);
}

/** f64 lanes to i32 lanes 0-1, lanes 2-3 zero: both f64 lanes are read first. */
export function i32x4TruncSatF64x2SZero(fp: number, d: number, a: number): void {
  const x = (fp + a) << 1;
  const p = VF64[x];
  const q = VF64[x + 1];
  const v = V32;
  const z = (fp + d) << 2;
  v[z] = truncSatS(p);
  v[z + 1] = truncSatS(q);
  v[z + 2] = 0;
  v[z + 3] = 0;
}

export function i32x4TruncSatF64x2UZero(fp: number, d: number, a: number): void {
  const x = (fp + a) << 1;
  const p = VF64[x];
  const q = VF64[x + 1];
  const v = V32;
  const z = (fp + d) << 2;
  v[z] = truncSatU(p);
  v[z + 1] = truncSatU(q);
  v[z + 2] = 0;
  v[z + 3] = 0;
}

/** Each int32 lane to the nearest f32 (one rounding: int32s are exact doubles). */
function f32x4ConvertI32x4S(fp: number, d: number, a: number): void {
  const f = VF32;
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  f[z] = v[x];
  f[z + 1] = v[x + 1];
  f[z + 2] = v[x + 2];
  f[z + 3] = v[x + 3];
}

function f32x4ConvertI32x4U(fp: number, d: number, a: number): void {
  const f = VF32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  f[z] = VU32[x];
  f[z + 1] = VU32[x + 1];
  f[z + 2] = VU32[x + 2];
  f[z + 3] = VU32[x + 3];
}

/** i32 lanes 0-1 to f64 lanes (exact): both are read before lane 0 overwrites them. */
function f64x2ConvertLowI32x4S(fp: number, d: number, a: number): void {
  const x = (fp + a) << 2;
  const p = V32[x];
  const q = V32[x + 1];
  const z = (fp + d) << 1;
  VF64[z] = p;
  VF64[z + 1] = q;
}

function f64x2ConvertLowI32x4U(fp: number, d: number, a: number): void {
  const x = (fp + a) << 2;
  const p = VU32[x];
  const q = VU32[x + 1];
  const z = (fp + d) << 1;
  VF64[z] = p;
  VF64[z + 1] = q;
}

/** The f32 NaN of an f64 NaN's high and low words: sign, quiet, the payload's top 22 bits. */
function demoteNaN(hi: number, lo: number): number {
  return (hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29);
}

/**
 * f64 lanes to f32 lanes 0-1 (rounded to nearest), lanes 2-3 zero. f32
 * lane 1 overlaps f64 lane 0, so both f64 lanes and their NaN bits are
 * read first.
 */
function f32x4DemoteF64x2Zero(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const p = VF64[x >> 1];
  const q = VF64[(x >> 1) + 1];
  const pn = p !== p ? demoteNaN(v[x + 1], v[x]) : 0;
  const qn = q !== q ? demoteNaN(v[x + 3], v[x + 2]) : 0;
  const z = (fp + d) << 2;
  if (p === p) VF32[z] = p;
  else v[z] = pn;
  if (q === q) VF32[z + 1] = q;
  else v[z + 1] = qn;
  v[z + 2] = 0;
  v[z + 3] = 0;
}

/** The high word of the f64 NaN of an f32 NaN: sign, quiet, the payload below f32's quiet bit. */
function promoteNaNHigh(bits: number): number {
  return (bits & 0x80000000) | 0x7ff80000 | ((bits & 0x3fffff) >>> 3);
}

/** One promoted lane: f64 lane `z` from the f32 value `v` with bits `bits`. */
function promote(z: number, v: number, bits: number): void {
  if (v === v) {
    VF64[z] = v;
  } else {
    V32[2 * z] = bits << 29;
    V32[2 * z + 1] = promoteNaNHigh(bits);
  }
}

/** f32 lanes 0-1 to f64 lanes (exact): f64 lane 0 overlaps both, so both are read first. */
function f64x2PromoteLowF32x4(fp: number, d: number, a: number): void {
  const x = (fp + a) << 2;
  const p = VF32[x];
  const q = VF32[x + 1];
  const pb = V32[x];
  const qb = V32[x + 1];
  const z = (fp + d) << 1;
  promote(z, p, pb);
  promote(z + 1, q, qb);
}

// ---------------------------------------------------------------------------
// The table.

export const FLOAT: Record<string, SimdBuild> = {
  'f32x4.abs': unary((d, a) => (fp) => (f32x4Abs(fp, d, a), 0)),
  'f32x4.neg': unary((d, a) => (fp) => (f32x4Neg(fp, d, a), 0)),
  'f32x4.sqrt': unary((d, a) => (fp) => (f32x4Sqrt(fp, d, a), 0)),
  'f32x4.add': binary((d, a, b) => (fp) => (f32x4Add(fp, d, a, b), 0)),
  'f32x4.sub': binary((d, a, b) => (fp) => (f32x4Sub(fp, d, a, b), 0)),
  'f32x4.mul': binary((d, a, b) => (fp) => (f32x4Mul(fp, d, a, b), 0)),
  'f32x4.div': binary((d, a, b) => (fp) => (f32x4Div(fp, d, a, b), 0)),
  'f32x4.min': binary((d, a, b) => (fp) => (f32x4Min(fp, d, a, b), 0)),
  'f32x4.max': binary((d, a, b) => (fp) => (f32x4Max(fp, d, a, b), 0)),
  'f32x4.pmin': binary((d, a, b) => (fp) => (f32x4Pmin(fp, d, a, b), 0)),
  'f32x4.pmax': binary((d, a, b) => (fp) => (f32x4Pmax(fp, d, a, b), 0)),
  'f32x4.ceil': unary((d, a) => (fp) => (f32x4Ceil(fp, d, a), 0)),
  'f32x4.floor': unary((d, a) => (fp) => (f32x4Floor(fp, d, a), 0)),
  'f32x4.trunc': unary((d, a) => (fp) => (f32x4Trunc(fp, d, a), 0)),
  'f32x4.nearest': unary((d, a) => (fp) => (f32x4Nearest(fp, d, a), 0)),
  'f32x4.eq': binary((d, a, b) => (fp) => (f32x4Eq(fp, d, a, b), 0)),
  'f32x4.ne': binary((d, a, b) => (fp) => (f32x4Ne(fp, d, a, b), 0)),
  'f32x4.lt': binary((d, a, b) => (fp) => (f32x4Lt(fp, d, a, b), 0)),
  'f32x4.gt': binary((d, a, b) => (fp) => (f32x4Gt(fp, d, a, b), 0)),
  'f32x4.le': binary((d, a, b) => (fp) => (f32x4Le(fp, d, a, b), 0)),
  'f32x4.ge': binary((d, a, b) => (fp) => (f32x4Ge(fp, d, a, b), 0)),

  'f64x2.abs': unary((d, a) => (fp) => (f64x2Abs(fp, d, a), 0)),
  'f64x2.neg': unary((d, a) => (fp) => (f64x2Neg(fp, d, a), 0)),
  'f64x2.sqrt': unary((d, a) => (fp) => (f64x2Sqrt(fp, d, a), 0)),
  'f64x2.add': binary((d, a, b) => (fp) => (f64x2Add(fp, d, a, b), 0)),
  'f64x2.sub': binary((d, a, b) => (fp) => (f64x2Sub(fp, d, a, b), 0)),
  'f64x2.mul': binary((d, a, b) => (fp) => (f64x2Mul(fp, d, a, b), 0)),
  'f64x2.div': binary((d, a, b) => (fp) => (f64x2Div(fp, d, a, b), 0)),
  'f64x2.min': binary((d, a, b) => (fp) => (f64x2Min(fp, d, a, b), 0)),
  'f64x2.max': binary((d, a, b) => (fp) => (f64x2Max(fp, d, a, b), 0)),
  'f64x2.pmin': binary((d, a, b) => (fp) => (f64x2Pmin(fp, d, a, b), 0)),
  'f64x2.pmax': binary((d, a, b) => (fp) => (f64x2Pmax(fp, d, a, b), 0)),
  'f64x2.ceil': unary((d, a) => (fp) => (f64x2Ceil(fp, d, a), 0)),
  'f64x2.floor': unary((d, a) => (fp) => (f64x2Floor(fp, d, a), 0)),
  'f64x2.trunc': unary((d, a) => (fp) => (f64x2Trunc(fp, d, a), 0)),
  'f64x2.nearest': unary((d, a) => (fp) => (f64x2Nearest(fp, d, a), 0)),
  'f64x2.eq': binary((d, a, b) => (fp) => (f64x2Eq(fp, d, a, b), 0)),
  'f64x2.ne': binary((d, a, b) => (fp) => (f64x2Ne(fp, d, a, b), 0)),
  'f64x2.lt': binary((d, a, b) => (fp) => (f64x2Lt(fp, d, a, b), 0)),
  'f64x2.gt': binary((d, a, b) => (fp) => (f64x2Gt(fp, d, a, b), 0)),
  'f64x2.le': binary((d, a, b) => (fp) => (f64x2Le(fp, d, a, b), 0)),
  'f64x2.ge': binary((d, a, b) => (fp) => (f64x2Ge(fp, d, a, b), 0)),

  'i32x4.trunc_sat_f32x4_s': unary((d, a) => (fp) => (i32x4TruncSatF32x4S(fp, d, a), 0)),
  'i32x4.trunc_sat_f32x4_u': unary((d, a) => (fp) => (i32x4TruncSatF32x4U(fp, d, a), 0)),
  'i32x4.trunc_sat_f64x2_s_zero': unary((d, a) => (fp) => (i32x4TruncSatF64x2SZero(fp, d, a), 0)),
  'i32x4.trunc_sat_f64x2_u_zero': unary((d, a) => (fp) => (i32x4TruncSatF64x2UZero(fp, d, a), 0)),
  'f32x4.convert_i32x4_s': unary((d, a) => (fp) => (f32x4ConvertI32x4S(fp, d, a), 0)),
  'f32x4.convert_i32x4_u': unary((d, a) => (fp) => (f32x4ConvertI32x4U(fp, d, a), 0)),
  'f64x2.convert_low_i32x4_s': unary((d, a) => (fp) => (f64x2ConvertLowI32x4S(fp, d, a), 0)),
  'f64x2.convert_low_i32x4_u': unary((d, a) => (fp) => (f64x2ConvertLowI32x4U(fp, d, a), 0)),
  'f32x4.demote_f64x2_zero': unary((d, a) => (fp) => (f32x4DemoteF64x2Zero(fp, d, a), 0)),
  'f64x2.promote_low_f32x4': unary((d, a) => (fp) => (f64x2PromoteLowF32x4(fp, d, a), 0)),
};
