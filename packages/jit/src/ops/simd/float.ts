/**
 * Float lane instructions and conversions between float and integer lanes.
 *
 * Kernels take the absolute slots of the result (`d`) and of the operands
 * (`a`, `b`); `d` may be `a` (see ../simd.ts). Lanes hold IEEE bits.
 * Kernels copy their operands to the scratch vectors before writing the
 * result, and read lanes through the float views as doubles: every f32
 * value is exact as a double, and one rounding back to f32 on store gives
 * correctly rounded f32 `+ - * /` and `sqrt` (the double result is
 * accurate enough). The sign operations work on the slot words directly.
 *
 * NaN rules, per lane (as ops/scalar.ts for scalars):
 * - hardware arithmetic (`+ - * /`) already returns a quiet NaN, canonical
 *   when its NaN inputs are;
 * - operations that would pass a NaN operand through unchanged (min, max,
 *   sqrt, rounding, promote, demote) return that operand's bits with the
 *   quiet bit set, built from the integer view so no conversion can
 *   change the payload;
 * - abs, neg, pmin, pmax and comparisons never make NaNs: they select or
 *   flip bits exactly.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import * as scratch from './scratch.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32, I32, V2, V3 } = abi;
const { A32, AF32, AF64, AU32, B32, BF32, BF64, ld1, ld2, put, R32, RF32, RF64 } = scratch;

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
  I32[d] = I32[a] & 0x7fffffff;
  HI32[d] = HI32[a] & 0x7fffffff;
  V2[d] = V2[a] & 0x7fffffff;
  V3[d] = V3[a] & 0x7fffffff;
}

function f32x4Neg(d: number, a: number): void {
  I32[d] = I32[a] ^ 0x80000000;
  HI32[d] = HI32[a] ^ 0x80000000;
  V2[d] = V2[a] ^ 0x80000000;
  V3[d] = V3[a] ^ 0x80000000;
}

function f64x2Abs(d: number, a: number): void {
  I32[d] = I32[a];
  HI32[d] = HI32[a] & 0x7fffffff;
  V2[d] = V2[a];
  V3[d] = V3[a] & 0x7fffffff;
}

function f64x2Neg(d: number, a: number): void {
  I32[d] = I32[a];
  HI32[d] = HI32[a] ^ 0x80000000;
  V2[d] = V2[a];
  V3[d] = V3[a] ^ 0x80000000;
}

// ---------------------------------------------------------------------------
// f32x4 arithmetic

function f32x4Add(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) RF32[i] = AF32[i] + BF32[i];
  put(d);
}

function f32x4Sub(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) RF32[i] = AF32[i] - BF32[i];
  put(d);
}

function f32x4Mul(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) RF32[i] = AF32[i] * BF32[i];
  put(d);
}

function f32x4Div(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) RF32[i] = AF32[i] / BF32[i];
  put(d);
}

function f32x4Sqrt(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else RF32[i] = Math.sqrt(x);
  }
  put(d);
}

export function f32x4Min(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    const y = BF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else if (y !== y) R32[i] = B32[i] | Q32;
    else RF32[i] = Math.min(x, y);
  }
  put(d);
}

export function f32x4Max(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    const y = BF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else if (y !== y) R32[i] = B32[i] | Q32;
    else RF32[i] = Math.max(x, y);
  }
  put(d);
}

/** b < a ? b : a, moving the chosen lane's bits. */
function f32x4Pmin(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = BF32[i] < AF32[i] ? B32[i] : A32[i];
  put(d);
}

/** a < b ? b : a, moving the chosen lane's bits. */
function f32x4Pmax(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] < BF32[i] ? B32[i] : A32[i];
  put(d);
}

function f32x4Ceil(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else RF32[i] = Math.ceil(x);
  }
  put(d);
}

function f32x4Floor(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else RF32[i] = Math.floor(x);
  }
  put(d);
}

function f32x4Trunc(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else RF32[i] = Math.trunc(x);
  }
  put(d);
}

function f32x4Nearest(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) {
    const x = AF32[i];
    if (x !== x) R32[i] = A32[i] | Q32;
    else RF32[i] = nearest(x);
  }
  put(d);
}

// ---------------------------------------------------------------------------
// f64x2 arithmetic: lane i is words 2i (low) and 2i + 1 (high) of R32.

function f64x2Add(d: number, a: number, b: number): void {
  ld2(a, b);
  RF64[0] = AF64[0] + BF64[0];
  RF64[1] = AF64[1] + BF64[1];
  put(d);
}

function f64x2Sub(d: number, a: number, b: number): void {
  ld2(a, b);
  RF64[0] = AF64[0] - BF64[0];
  RF64[1] = AF64[1] - BF64[1];
  put(d);
}

function f64x2Mul(d: number, a: number, b: number): void {
  ld2(a, b);
  RF64[0] = AF64[0] * BF64[0];
  RF64[1] = AF64[1] * BF64[1];
  put(d);
}

function f64x2Div(d: number, a: number, b: number): void {
  ld2(a, b);
  RF64[0] = AF64[0] / BF64[0];
  RF64[1] = AF64[1] / BF64[1];
  put(d);
}

/** Lane `i` of R is lane `i` of `src` (A32 or B32) made quiet. */
function quiet64(src: Int32Array, i: number): void {
  R32[2 * i] = src[2 * i];
  R32[2 * i + 1] = src[2 * i + 1] | Q64;
}

function f64x2Sqrt(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x !== x) quiet64(A32, i);
    else RF64[i] = Math.sqrt(x);
  }
  put(d);
}

export function f64x2Min(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    const y = BF64[i];
    if (x !== x) quiet64(A32, i);
    else if (y !== y) quiet64(B32, i);
    else RF64[i] = Math.min(x, y);
  }
  put(d);
}

export function f64x2Max(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    const y = BF64[i];
    if (x !== x) quiet64(A32, i);
    else if (y !== y) quiet64(B32, i);
    else RF64[i] = Math.max(x, y);
  }
  put(d);
}

function f64x2Pmin(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 2; i++) {
    const src = BF64[i] < AF64[i] ? B32 : A32;
    R32[2 * i] = src[2 * i];
    R32[2 * i + 1] = src[2 * i + 1];
  }
  put(d);
}

function f64x2Pmax(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 2; i++) {
    const src = AF64[i] < BF64[i] ? B32 : A32;
    R32[2 * i] = src[2 * i];
    R32[2 * i + 1] = src[2 * i + 1];
  }
  put(d);
}

function f64x2Ceil(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x !== x) quiet64(A32, i);
    else RF64[i] = Math.ceil(x);
  }
  put(d);
}

function f64x2Floor(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x !== x) quiet64(A32, i);
    else RF64[i] = Math.floor(x);
  }
  put(d);
}

function f64x2Trunc(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x !== x) quiet64(A32, i);
    else RF64[i] = Math.trunc(x);
  }
  put(d);
}

function f64x2Nearest(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x !== x) quiet64(A32, i);
    else RF64[i] = nearest(x);
  }
  put(d);
}

// ---------------------------------------------------------------------------
// Comparisons: all-ones lanes where true (any comparison with NaN is false,
// except ne).

function f32x4Eq(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] === BF32[i] ? -1 : 0;
  put(d);
}

function f32x4Ne(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] !== BF32[i] ? -1 : 0;
  put(d);
}

function f32x4Lt(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] < BF32[i] ? -1 : 0;
  put(d);
}

function f32x4Gt(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] > BF32[i] ? -1 : 0;
  put(d);
}

function f32x4Le(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] <= BF32[i] ? -1 : 0;
  put(d);
}

function f32x4Ge(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 4; i++) R32[i] = AF32[i] >= BF32[i] ? -1 : 0;
  put(d);
}

/** Writes an all-ones or zero mask to each f64 lane of slot `x`. */
function mask64(d: number, lane0: boolean, lane1: boolean): void {
  const m0 = lane0 ? -1 : 0;
  const m1 = lane1 ? -1 : 0;
  I32[d] = m0;
  HI32[d] = m0;
  V2[d] = m1;
  V3[d] = m1;
}

function f64x2Eq(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] === BF64[0], AF64[1] === BF64[1]);
}

function f64x2Ne(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] !== BF64[0], AF64[1] !== BF64[1]);
}

function f64x2Lt(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] < BF64[0], AF64[1] < BF64[1]);
}

function f64x2Gt(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] > BF64[0], AF64[1] > BF64[1]);
}

function f64x2Le(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] <= BF64[0], AF64[1] <= BF64[1]);
}

function f64x2Ge(d: number, a: number, b: number): void {
  ld2(a, b);
  mask64(d, AF64[0] >= BF64[0], AF64[1] >= BF64[1]);
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

export function i32x4TruncSatF32x4S(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) R32[i] = truncSatS(AF32[i]);
  put(d);
}

export function i32x4TruncSatF32x4U(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) R32[i] = truncSatU(AF32[i]);
  put(d);
}

export function i32x4TruncSatF64x2SZero(d: number, a: number): void {
  ld1(a);
  I32[d] = truncSatS(AF64[0]);
  HI32[d] = truncSatS(AF64[1]);
  V2[d] = 0;
  V3[d] = 0;
}

export function i32x4TruncSatF64x2UZero(d: number, a: number): void {
  ld1(a);
  I32[d] = truncSatU(AF64[0]);
  HI32[d] = truncSatU(AF64[1]);
  V2[d] = 0;
  V3[d] = 0;
}

/** Each int32 lane to the nearest f32 (one rounding: int32s are exact doubles). */
function f32x4ConvertI32x4S(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) RF32[i] = A32[i];
  put(d);
}

function f32x4ConvertI32x4U(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 4; i++) RF32[i] = AU32[i];
  put(d);
}

function f64x2ConvertLowI32x4S(d: number, a: number): void {
  ld1(a);
  RF64[0] = A32[0];
  RF64[1] = A32[1];
  put(d);
}

function f64x2ConvertLowI32x4U(d: number, a: number): void {
  ld1(a);
  RF64[0] = AU32[0];
  RF64[1] = AU32[1];
  put(d);
}

/** f64 lanes to f32 lanes 0-1 (rounded to nearest), lanes 2-3 zero. */
function f32x4DemoteF64x2Zero(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF64[i];
    if (x === x) {
      RF32[i] = x;
    } else {
      const hi = A32[2 * i + 1];
      // Sign, quiet NaN, then the payload's top 22 bits.
      R32[i] = (hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (A32[2 * i] >>> 29);
    }
  }
  R32[2] = 0;
  R32[3] = 0;
  put(d);
}

/** f32 lanes 0-1 to f64 lanes (exact). */
function f64x2PromoteLowF32x4(d: number, a: number): void {
  ld1(a);
  for (let i = 0; i < 2; i++) {
    const x = AF32[i];
    if (x === x) {
      RF64[i] = x;
    } else {
      const bits = A32[i];
      // Sign, quiet NaN, then the payload below f32's quiet bit.
      R32[2 * i + 1] = (bits & 0x80000000) | 0x7ff80000 | ((bits & 0x3fffff) >>> 3);
      R32[2 * i] = bits << 29;
    }
  }
  put(d);
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
