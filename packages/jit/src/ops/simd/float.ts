/**
 * Float lane instructions and conversions between float and integer lanes.
 *
 * Kernels take the absolute slots of the result (`d`) and of the operands
 * (`a`, `b`); `d` may be `a` (see ../simd.ts). They work in place on the
 * vector buffer: lane `i` of the vector in slot `s` is `VF32[4s + i]` (its
 * bits `V32[4s + i]`) or `VF64[2s + i]` (bits `V32[4s + 2i]`, low word, and
 * `V32[4s + 2i + 1]`). Lane-wise kernels handle one lane at a time, reading
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

function f32x4Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x] & 0x7fffffff;
  V32[z + 1] = V32[x + 1] & 0x7fffffff;
  V32[z + 2] = V32[x + 2] & 0x7fffffff;
  V32[z + 3] = V32[x + 3] & 0x7fffffff;
}

function f32x4Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x] ^ 0x80000000;
  V32[z + 1] = V32[x + 1] ^ 0x80000000;
  V32[z + 2] = V32[x + 2] ^ 0x80000000;
  V32[z + 3] = V32[x + 3] ^ 0x80000000;
}

function f64x2Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x];
  V32[z + 1] = V32[x + 1] & 0x7fffffff;
  V32[z + 2] = V32[x + 2];
  V32[z + 3] = V32[x + 3] & 0x7fffffff;
}

function f64x2Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x];
  V32[z + 1] = V32[x + 1] ^ 0x80000000;
  V32[z + 2] = V32[x + 2];
  V32[z + 3] = V32[x + 3] ^ 0x80000000;
}

// ---------------------------------------------------------------------------
// f32x4 arithmetic. `z`, `x`, `y` are lane indices in `VF32` (and `V32`).

function f32x4Add(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  VF32[z] = VF32[x] + VF32[y];
  VF32[z + 1] = VF32[x + 1] + VF32[y + 1];
  VF32[z + 2] = VF32[x + 2] + VF32[y + 2];
  VF32[z + 3] = VF32[x + 3] + VF32[y + 3];
}

function f32x4Sub(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  VF32[z] = VF32[x] - VF32[y];
  VF32[z + 1] = VF32[x + 1] - VF32[y + 1];
  VF32[z + 2] = VF32[x + 2] - VF32[y + 2];
  VF32[z + 3] = VF32[x + 3] - VF32[y + 3];
}

function f32x4Mul(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  VF32[z] = VF32[x] * VF32[y];
  VF32[z + 1] = VF32[x + 1] * VF32[y + 1];
  VF32[z + 2] = VF32[x + 2] * VF32[y + 2];
  VF32[z + 3] = VF32[x + 3] * VF32[y + 3];
}

function f32x4Div(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  VF32[z] = VF32[x] / VF32[y];
  VF32[z + 1] = VF32[x + 1] / VF32[y + 1];
  VF32[z + 2] = VF32[x + 2] / VF32[y + 2];
  VF32[z + 3] = VF32[x + 3] / VF32[y + 3];
}

// Sqrt and the roundings, by a code that is a constant at every call site
// (so V8 folds the switch away once the kernel is inlined).
const SQRT = 0;
const CEIL = 1;
const FLOOR = 2;
const TRUNC = 3;
const NEAREST = 4;

/** Operation `op` (SQRT ... NEAREST) on a number that is not NaN. */
function unary(op: number, v: number): number {
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

/** One f32 lane of `unary`: a NaN passes through, made quiet. */
function round32(z: number, x: number, op: number): void {
  const v = VF32[x];
  if (v !== v) V32[z] = V32[x] | Q32;
  else VF32[z] = unary(op, v);
}

/** Applies `round32` to the four lanes. */
function f32x4Round(d: number, a: number, op: number): void {
  const z = d << 2;
  const x = a << 2;
  round32(z, x, op);
  round32(z + 1, x + 1, op);
  round32(z + 2, x + 2, op);
  round32(z + 3, x + 3, op);
}

function f32x4Sqrt(d: number, a: number): void {
  f32x4Round(d, a, SQRT);
}

function f32x4Ceil(d: number, a: number): void {
  f32x4Round(d, a, CEIL);
}

function f32x4Floor(d: number, a: number): void {
  f32x4Round(d, a, FLOOR);
}

function f32x4Trunc(d: number, a: number): void {
  f32x4Round(d, a, TRUNC);
}

function f32x4Nearest(d: number, a: number): void {
  f32x4Round(d, a, NEAREST);
}

/** One f32 lane of min (`max` false) or max: a NaN operand passes through, made quiet. */
function minmax32(z: number, x: number, y: number, max: boolean): void {
  const p = VF32[x];
  const q = VF32[y];
  if (p !== p) V32[z] = V32[x] | Q32;
  else if (q !== q) V32[z] = V32[y] | Q32;
  else VF32[z] = max ? Math.max(p, q) : Math.min(p, q);
}

export function f32x4Min(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  minmax32(z, x, y, false);
  minmax32(z + 1, x + 1, y + 1, false);
  minmax32(z + 2, x + 2, y + 2, false);
  minmax32(z + 3, x + 3, y + 3, false);
}

export function f32x4Max(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
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

function f32x4Pmin(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  pmin32(z, x, y);
  pmin32(z + 1, x + 1, y + 1);
  pmin32(z + 2, x + 2, y + 2);
  pmin32(z + 3, x + 3, y + 3);
}

function f32x4Pmax(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  pmax32(z, x, y);
  pmax32(z + 1, x + 1, y + 1);
  pmax32(z + 2, x + 2, y + 2);
  pmax32(z + 3, x + 3, y + 3);
}

// ---------------------------------------------------------------------------
// f64x2 arithmetic. `z`, `x`, `y` are lane indices in `VF64`; lane `i`'s
// words in `V32` are 2i (low) and 2i + 1 (high).

function f64x2Add(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  VF64[z] = VF64[x] + VF64[y];
  VF64[z + 1] = VF64[x + 1] + VF64[y + 1];
}

function f64x2Sub(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  VF64[z] = VF64[x] - VF64[y];
  VF64[z + 1] = VF64[x + 1] - VF64[y + 1];
}

function f64x2Mul(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  VF64[z] = VF64[x] * VF64[y];
  VF64[z + 1] = VF64[x + 1] * VF64[y + 1];
}

function f64x2Div(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  VF64[z] = VF64[x] / VF64[y];
  VF64[z + 1] = VF64[x + 1] / VF64[y + 1];
}

/** f64 lane `z` is lane `x`'s bits made quiet. */
function quiet64(z: number, x: number): void {
  const lo = V32[2 * x];
  const hi = V32[2 * x + 1];
  V32[2 * z] = lo;
  V32[2 * z + 1] = hi | Q64;
}

/** One f64 lane of `unary`: a NaN passes through, made quiet. */
function round64(z: number, x: number, op: number): void {
  const v = VF64[x];
  if (v !== v) quiet64(z, x);
  else VF64[z] = unary(op, v);
}

function f64x2Round(d: number, a: number, op: number): void {
  round64(d << 1, a << 1, op);
  round64((d << 1) + 1, (a << 1) + 1, op);
}

function f64x2Sqrt(d: number, a: number): void {
  f64x2Round(d, a, SQRT);
}

function f64x2Ceil(d: number, a: number): void {
  f64x2Round(d, a, CEIL);
}

function f64x2Floor(d: number, a: number): void {
  f64x2Round(d, a, FLOOR);
}

function f64x2Trunc(d: number, a: number): void {
  f64x2Round(d, a, TRUNC);
}

function f64x2Nearest(d: number, a: number): void {
  f64x2Round(d, a, NEAREST);
}

function minmax64(z: number, x: number, y: number, max: boolean): void {
  const p = VF64[x];
  const q = VF64[y];
  if (p !== p) quiet64(z, x);
  else if (q !== q) quiet64(z, y);
  else VF64[z] = max ? Math.max(p, q) : Math.min(p, q);
}

export function f64x2Min(d: number, a: number, b: number): void {
  minmax64(d << 1, a << 1, b << 1, false);
  minmax64((d << 1) + 1, (a << 1) + 1, (b << 1) + 1, false);
}

export function f64x2Max(d: number, a: number, b: number): void {
  minmax64(d << 1, a << 1, b << 1, true);
  minmax64((d << 1) + 1, (a << 1) + 1, (b << 1) + 1, true);
}

/** f64 lane `z` is a copy of the bits of lane `s`. */
function move64(z: number, s: number): void {
  const lo = V32[2 * s];
  const hi = V32[2 * s + 1];
  V32[2 * z] = lo;
  V32[2 * z + 1] = hi;
}

function f64x2Pmin(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  move64(z, VF64[y] < VF64[x] ? y : x);
  move64(z + 1, VF64[y + 1] < VF64[x + 1] ? y + 1 : x + 1);
}

function f64x2Pmax(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  move64(z, VF64[x] < VF64[y] ? y : x);
  move64(z + 1, VF64[x + 1] < VF64[y + 1] ? y + 1 : x + 1);
}

// ---------------------------------------------------------------------------
// Comparisons: all-ones lanes where true (any comparison with NaN is false,
// except ne). Each lane is compared before its result is written.

function f32x4Eq(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] === VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] === VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] === VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] === VF32[y + 3] ? -1 : 0;
}

function f32x4Ne(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] !== VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] !== VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] !== VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] !== VF32[y + 3] ? -1 : 0;
}

function f32x4Lt(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] < VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] < VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] < VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] < VF32[y + 3] ? -1 : 0;
}

function f32x4Gt(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] > VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] > VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] > VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] > VF32[y + 3] ? -1 : 0;
}

function f32x4Le(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] <= VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] <= VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] <= VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] <= VF32[y + 3] ? -1 : 0;
}

function f32x4Ge(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = VF32[x] >= VF32[y] ? -1 : 0;
  V32[z + 1] = VF32[x + 1] >= VF32[y + 1] ? -1 : 0;
  V32[z + 2] = VF32[x + 2] >= VF32[y + 2] ? -1 : 0;
  V32[z + 3] = VF32[x + 3] >= VF32[y + 3] ? -1 : 0;
}

/** Writes an all-ones or zero mask to both words of f64 lane `z`. */
function mask64(z: number, set: boolean): void {
  const m = set ? -1 : 0;
  V32[2 * z] = m;
  V32[2 * z + 1] = m;
}

function f64x2Eq(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] === VF64[y]);
  mask64(z + 1, VF64[x + 1] === VF64[y + 1]);
}

function f64x2Ne(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] !== VF64[y]);
  mask64(z + 1, VF64[x + 1] !== VF64[y + 1]);
}

function f64x2Lt(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] < VF64[y]);
  mask64(z + 1, VF64[x + 1] < VF64[y + 1]);
}

function f64x2Gt(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] > VF64[y]);
  mask64(z + 1, VF64[x + 1] > VF64[y + 1]);
}

function f64x2Le(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] <= VF64[y]);
  mask64(z + 1, VF64[x + 1] <= VF64[y + 1]);
}

function f64x2Ge(d: number, a: number, b: number): void {
  const z = d << 1;
  const x = a << 1;
  const y = b << 1;
  mask64(z, VF64[x] >= VF64[y]);
  mask64(z + 1, VF64[x + 1] >= VF64[y + 1]);
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
export function i32x4TruncSatF32x4S(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = truncSatS(VF32[x]);
  V32[z + 1] = truncSatS(VF32[x + 1]);
  V32[z + 2] = truncSatS(VF32[x + 2]);
  V32[z + 3] = truncSatS(VF32[x + 3]);
}

export function i32x4TruncSatF32x4U(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = truncSatU(VF32[x]);
  V32[z + 1] = truncSatU(VF32[x + 1]);
  V32[z + 2] = truncSatU(VF32[x + 2]);
  V32[z + 3] = truncSatU(VF32[x + 3]);
}

/** f64 lanes to i32 lanes 0-1, lanes 2-3 zero: both f64 lanes are read first. */
export function i32x4TruncSatF64x2SZero(d: number, a: number): void {
  const p = VF64[a << 1];
  const q = VF64[(a << 1) + 1];
  const z = d << 2;
  V32[z] = truncSatS(p);
  V32[z + 1] = truncSatS(q);
  V32[z + 2] = 0;
  V32[z + 3] = 0;
}

export function i32x4TruncSatF64x2UZero(d: number, a: number): void {
  const p = VF64[a << 1];
  const q = VF64[(a << 1) + 1];
  const z = d << 2;
  V32[z] = truncSatU(p);
  V32[z + 1] = truncSatU(q);
  V32[z + 2] = 0;
  V32[z + 3] = 0;
}

/** Each int32 lane to the nearest f32 (one rounding: int32s are exact doubles). */
function f32x4ConvertI32x4S(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  VF32[z] = V32[x];
  VF32[z + 1] = V32[x + 1];
  VF32[z + 2] = V32[x + 2];
  VF32[z + 3] = V32[x + 3];
}

function f32x4ConvertI32x4U(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  VF32[z] = VU32[x];
  VF32[z + 1] = VU32[x + 1];
  VF32[z + 2] = VU32[x + 2];
  VF32[z + 3] = VU32[x + 3];
}

/** i32 lanes 0-1 to f64 lanes (exact): both are read before lane 0 overwrites them. */
function f64x2ConvertLowI32x4S(d: number, a: number): void {
  const p = V32[a << 2];
  const q = V32[(a << 2) + 1];
  VF64[d << 1] = p;
  VF64[(d << 1) + 1] = q;
}

function f64x2ConvertLowI32x4U(d: number, a: number): void {
  const p = VU32[a << 2];
  const q = VU32[(a << 2) + 1];
  VF64[d << 1] = p;
  VF64[(d << 1) + 1] = q;
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
function f32x4DemoteF64x2Zero(d: number, a: number): void {
  const x = a << 2;
  const p = VF64[a << 1];
  const q = VF64[(a << 1) + 1];
  const pn = p !== p ? demoteNaN(V32[x + 1], V32[x]) : 0;
  const qn = q !== q ? demoteNaN(V32[x + 3], V32[x + 2]) : 0;
  const z = d << 2;
  if (p === p) VF32[z] = p;
  else V32[z] = pn;
  if (q === q) VF32[z + 1] = q;
  else V32[z + 1] = qn;
  V32[z + 2] = 0;
  V32[z + 3] = 0;
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
function f64x2PromoteLowF32x4(d: number, a: number): void {
  const x = a << 2;
  const p = VF32[x];
  const q = VF32[x + 1];
  const pb = V32[x];
  const qb = V32[x + 1];
  promote(d << 1, p, pb);
  promote((d << 1) + 1, q, qb);
}

// ---------------------------------------------------------------------------
// The table.

export const FLOAT: Record<string, SimdBuild> = {
  'f32x4.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Abs(fp + d, fp + a), 0),
  'f32x4.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Neg(fp + d, fp + a), 0),
  'f32x4.sqrt':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Sqrt(fp + d, fp + a), 0),
  'f32x4.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Add(fp + d, fp + a, fp + b), 0),
  'f32x4.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Sub(fp + d, fp + a, fp + b), 0),
  'f32x4.mul':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Mul(fp + d, fp + a, fp + b), 0),
  'f32x4.div':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Div(fp + d, fp + a, fp + b), 0),
  'f32x4.min':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Min(fp + d, fp + a, fp + b), 0),
  'f32x4.max':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Max(fp + d, fp + a, fp + b), 0),
  'f32x4.pmin':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Pmin(fp + d, fp + a, fp + b), 0),
  'f32x4.pmax':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Pmax(fp + d, fp + a, fp + b), 0),
  'f32x4.ceil':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Ceil(fp + d, fp + a), 0),
  'f32x4.floor':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Floor(fp + d, fp + a), 0),
  'f32x4.trunc':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Trunc(fp + d, fp + a), 0),
  'f32x4.nearest':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4Nearest(fp + d, fp + a), 0),
  'f32x4.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Eq(fp + d, fp + a, fp + b), 0),
  'f32x4.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Ne(fp + d, fp + a, fp + b), 0),
  'f32x4.lt':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Lt(fp + d, fp + a, fp + b), 0),
  'f32x4.gt':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Gt(fp + d, fp + a, fp + b), 0),
  'f32x4.le':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Le(fp + d, fp + a, fp + b), 0),
  'f32x4.ge':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f32x4Ge(fp + d, fp + a, fp + b), 0),

  'f64x2.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Abs(fp + d, fp + a), 0),
  'f64x2.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Neg(fp + d, fp + a), 0),
  'f64x2.sqrt':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Sqrt(fp + d, fp + a), 0),
  'f64x2.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Add(fp + d, fp + a, fp + b), 0),
  'f64x2.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Sub(fp + d, fp + a, fp + b), 0),
  'f64x2.mul':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Mul(fp + d, fp + a, fp + b), 0),
  'f64x2.div':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Div(fp + d, fp + a, fp + b), 0),
  'f64x2.min':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Min(fp + d, fp + a, fp + b), 0),
  'f64x2.max':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Max(fp + d, fp + a, fp + b), 0),
  'f64x2.pmin':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Pmin(fp + d, fp + a, fp + b), 0),
  'f64x2.pmax':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Pmax(fp + d, fp + a, fp + b), 0),
  'f64x2.ceil':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Ceil(fp + d, fp + a), 0),
  'f64x2.floor':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Floor(fp + d, fp + a), 0),
  'f64x2.trunc':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Trunc(fp + d, fp + a), 0),
  'f64x2.nearest':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2Nearest(fp + d, fp + a), 0),
  'f64x2.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Eq(fp + d, fp + a, fp + b), 0),
  'f64x2.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Ne(fp + d, fp + a, fp + b), 0),
  'f64x2.lt':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Lt(fp + d, fp + a, fp + b), 0),
  'f64x2.gt':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Gt(fp + d, fp + a, fp + b), 0),
  'f64x2.le':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Le(fp + d, fp + a, fp + b), 0),
  'f64x2.ge':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (f64x2Ge(fp + d, fp + a, fp + b), 0),

  'i32x4.trunc_sat_f32x4_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4TruncSatF32x4S(fp + d, fp + a), 0),
  'i32x4.trunc_sat_f32x4_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4TruncSatF32x4U(fp + d, fp + a), 0),
  'i32x4.trunc_sat_f64x2_s_zero':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4TruncSatF64x2SZero(fp + d, fp + a), 0),
  'i32x4.trunc_sat_f64x2_u_zero':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4TruncSatF64x2UZero(fp + d, fp + a), 0),
  'f32x4.convert_i32x4_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4ConvertI32x4S(fp + d, fp + a), 0),
  'f32x4.convert_i32x4_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4ConvertI32x4U(fp + d, fp + a), 0),
  'f64x2.convert_low_i32x4_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2ConvertLowI32x4S(fp + d, fp + a), 0),
  'f64x2.convert_low_i32x4_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2ConvertLowI32x4U(fp + d, fp + a), 0),
  'f32x4.demote_f64x2_zero':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f32x4DemoteF64x2Zero(fp + d, fp + a), 0),
  'f64x2.promote_low_f32x4':
    ({ dest: d, operands: [a] }) =>
    (fp) => (f64x2PromoteLowF32x4(fp + d, fp + a), 0),
};
