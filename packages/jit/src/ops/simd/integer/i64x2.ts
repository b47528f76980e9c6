/**
 * i64x2 integer lane instructions: lane 0 is words 0 (low half) and 1
 * (high), lane 1 words 2 and 3; kernels read the words they need into
 * locals first. Also the extensions and extending multiplications from
 * i32x4. Conventions (slots, words `z`/`x`/`y`, aliasing) are in
 * ../integer.ts.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../../simd.js';
import { binary, unary } from '../build.js';
import * as i64 from '../../i64.js';
import * as words from '../words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { I32_SLOTS: I32, V32 } = abi;
const { i64Mul, R } = i64;
const { mulhs, mulhu } = words;

function i64x2Add(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const lo0 = (v[x] >>> 0) + (v[y] >>> 0);
  const hi0 = v[x + 1] + v[y + 1] + (lo0 > 0xffffffff ? 1 : 0);
  const lo1 = (v[x + 2] >>> 0) + (v[y + 2] >>> 0);
  const hi1 = v[x + 3] + v[y + 3] + (lo1 > 0xffffffff ? 1 : 0);
  v[z] = lo0;
  v[z + 1] = hi0;
  v[z + 2] = lo1;
  v[z + 3] = hi1;
}

function i64x2Sub(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const lo0 = (v[x] >>> 0) - (v[y] >>> 0);
  const hi0 = v[x + 1] - v[y + 1] - (lo0 < 0 ? 1 : 0);
  const lo1 = (v[x + 2] >>> 0) - (v[y + 2] >>> 0);
  const hi1 = v[x + 3] - v[y + 3] - (lo1 < 0 ? 1 : 0);
  v[z] = lo0;
  v[z + 1] = hi0;
  v[z + 2] = lo1;
  v[z + 3] = hi1;
}

function i64x2Mul(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const lo0 = i64Mul(v[x], v[x + 1], v[y], v[y + 1]);
  const hi0 = R.hi;
  const lo1 = i64Mul(v[x + 2], v[x + 3], v[y + 2], v[y + 3]);
  const hi1 = R.hi;
  v[z] = lo0;
  v[z + 1] = hi0;
  v[z + 2] = lo1;
  v[z + 3] = hi1;
}

function i64x2Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo0 = v[x];
  const hi0 = v[x + 1];
  const lo1 = v[x + 2];
  const hi1 = v[x + 3];
  v[z] = -lo0;
  v[z + 1] = ~hi0 + (lo0 === 0 ? 1 : 0);
  v[z + 2] = -lo1;
  v[z + 3] = ~hi1 + (lo1 === 0 ? 1 : 0);
}

function i64x2Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo0 = v[x];
  const hi0 = v[x + 1];
  const lo1 = v[x + 2];
  const hi1 = v[x + 3];
  if (hi0 < 0) {
    v[z] = -lo0;
    v[z + 1] = ~hi0 + (lo0 === 0 ? 1 : 0);
  } else {
    v[z] = lo0;
    v[z + 1] = hi0;
  }
  if (hi1 < 0) {
    v[z + 2] = -lo1;
    v[z + 3] = ~hi1 + (lo1 === 0 ? 1 : 0);
  } else {
    v[z + 2] = lo1;
    v[z + 3] = hi1;
  }
}

/** Signed a < b of i64s given as halves. */
function lt64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah < bh || (ah === bh && al >>> 0 < bl >>> 0);
}

/** Writes an all-ones or zero mask to each i64 lane of the absolute slot `s`. */
function setMask64(s: number, lane0: boolean, lane1: boolean): void {
  const z = s << 2;
  const m0 = lane0 ? -1 : 0;
  const m1 = lane1 ? -1 : 0;
  V32[z] = m0;
  V32[z + 1] = m0;
  V32[z + 2] = m1;
  V32[z + 3] = m1;
}

function i64x2Eq(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    v[x] === v[y] && v[x + 1] === v[y + 1],
    v[x + 2] === v[y + 2] && v[x + 3] === v[y + 3],
  );
}

function i64x2Ne(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    v[x] !== v[y] || v[x + 1] !== v[y + 1],
    v[x + 2] !== v[y + 2] || v[x + 3] !== v[y + 3],
  );
}

function i64x2LtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    lt64(v[x], v[x + 1], v[y], v[y + 1]),
    lt64(v[x + 2], v[x + 3], v[y + 2], v[y + 3]),
  );
}

function i64x2GtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    lt64(v[y], v[y + 1], v[x], v[x + 1]),
    lt64(v[y + 2], v[y + 3], v[x + 2], v[x + 3]),
  );
}

function i64x2LeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    !lt64(v[y], v[y + 1], v[x], v[x + 1]),
    !lt64(v[y + 2], v[y + 3], v[x + 2], v[x + 3]),
  );
}

function i64x2GeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  setMask64(
    fp + d,
    !lt64(v[x], v[x + 1], v[y], v[y + 1]),
    !lt64(v[x + 2], v[x + 3], v[y + 2], v[y + 3]),
  );
}

function i64x2Shl(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 63;
  const lo0 = v[x];
  const hi0 = v[x + 1];
  const lo1 = v[x + 2];
  const hi1 = v[x + 3];
  if (k === 0) {
    v[z] = lo0;
    v[z + 1] = hi0;
    v[z + 2] = lo1;
    v[z + 3] = hi1;
  } else if (k < 32) {
    v[z] = lo0 << k;
    v[z + 1] = (hi0 << k) | (lo0 >>> (32 - k));
    v[z + 2] = lo1 << k;
    v[z + 3] = (hi1 << k) | (lo1 >>> (32 - k));
  } else {
    v[z] = 0;
    v[z + 1] = lo0 << (k - 32);
    v[z + 2] = 0;
    v[z + 3] = lo1 << (k - 32);
  }
}

function i64x2ShrS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 63;
  const lo0 = v[x];
  const hi0 = v[x + 1];
  const lo1 = v[x + 2];
  const hi1 = v[x + 3];
  if (k === 0) {
    v[z] = lo0;
    v[z + 1] = hi0;
    v[z + 2] = lo1;
    v[z + 3] = hi1;
  } else if (k < 32) {
    v[z] = (lo0 >>> k) | (hi0 << (32 - k));
    v[z + 1] = hi0 >> k;
    v[z + 2] = (lo1 >>> k) | (hi1 << (32 - k));
    v[z + 3] = hi1 >> k;
  } else {
    v[z] = hi0 >> (k - 32);
    v[z + 1] = hi0 >> 31;
    v[z + 2] = hi1 >> (k - 32);
    v[z + 3] = hi1 >> 31;
  }
}

function i64x2ShrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 63;
  const lo0 = v[x];
  const hi0 = v[x + 1];
  const lo1 = v[x + 2];
  const hi1 = v[x + 3];
  if (k === 0) {
    v[z] = lo0;
    v[z + 1] = hi0;
    v[z + 2] = lo1;
    v[z + 3] = hi1;
  } else if (k < 32) {
    v[z] = (lo0 >>> k) | (hi0 << (32 - k));
    v[z + 1] = hi0 >>> k;
    v[z + 2] = (lo1 >>> k) | (hi1 << (32 - k));
    v[z + 3] = hi1 >>> k;
  } else {
    v[z] = hi0 >>> (k - 32);
    v[z + 1] = 0;
    v[z + 2] = hi1 >>> (k - 32);
    v[z + 3] = 0;
  }
}

function i64x2AllTrue(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] = (v[x] | v[x + 1]) !== 0 && (v[x + 2] | v[x + 3]) !== 0 ? 1 : 0;
}

function i64x2Bitmask(fp: number, d: number, a: number): void {
  const x = (fp + a) << 2;
  I32[fp + d] = (V32[x + 1] >>> 31) | ((V32[x + 3] >>> 31) << 1);
}

function i64x2ExtendS(fp: number, d: number, a: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const w0 = high ? v[x + 2] : v[x];
  const w1 = high ? v[x + 3] : v[x + 1];
  v[z] = w0;
  v[z + 1] = w0 >> 31;
  v[z + 2] = w1;
  v[z + 3] = w1 >> 31;
}

function i64x2ExtendU(fp: number, d: number, a: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const w0 = high ? v[x + 2] : v[x];
  const w1 = high ? v[x + 3] : v[x + 1];
  v[z] = w0;
  v[z + 1] = 0;
  v[z + 2] = w1;
  v[z + 3] = 0;
}

function i64x2ExtmulS(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = Math.imul(a0, b0);
  v[z + 1] = mulhs(a0, b0);
  v[z + 2] = Math.imul(a1, b1);
  v[z + 3] = mulhs(a1, b1);
}

function i64x2ExtmulU(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = Math.imul(a0, b0);
  v[z + 1] = mulhu(a0, b0);
  v[z + 2] = Math.imul(a1, b1);
  v[z + 3] = mulhu(a1, b1);
}

// ---------------------------------------------------------------------------
// The table.

export const I64X2: Record<string, SimdBuild> = {
  'i64x2.add': binary((d, a, b) => (fp) => (i64x2Add(fp, d, a, b), 0)),
  'i64x2.sub': binary((d, a, b) => (fp) => (i64x2Sub(fp, d, a, b), 0)),
  'i64x2.mul': binary((d, a, b) => (fp) => (i64x2Mul(fp, d, a, b), 0)),
  'i64x2.neg': unary((d, a) => (fp) => (i64x2Neg(fp, d, a), 0)),
  'i64x2.abs': unary((d, a) => (fp) => (i64x2Abs(fp, d, a), 0)),
  'i64x2.eq': binary((d, a, b) => (fp) => (i64x2Eq(fp, d, a, b), 0)),
  'i64x2.ne': binary((d, a, b) => (fp) => (i64x2Ne(fp, d, a, b), 0)),
  'i64x2.lt_s': binary((d, a, b) => (fp) => (i64x2LtS(fp, d, a, b), 0)),
  'i64x2.gt_s': binary((d, a, b) => (fp) => (i64x2GtS(fp, d, a, b), 0)),
  'i64x2.le_s': binary((d, a, b) => (fp) => (i64x2LeS(fp, d, a, b), 0)),
  'i64x2.ge_s': binary((d, a, b) => (fp) => (i64x2GeS(fp, d, a, b), 0)),
  'i64x2.shl': binary((d, a, b) => (fp) => (i64x2Shl(fp, d, a, b), 0)),
  'i64x2.shr_s': binary((d, a, b) => (fp) => (i64x2ShrS(fp, d, a, b), 0)),
  'i64x2.shr_u': binary((d, a, b) => (fp) => (i64x2ShrU(fp, d, a, b), 0)),
  'i64x2.all_true': unary((d, a) => (fp) => (i64x2AllTrue(fp, d, a), 0)),
  'i64x2.bitmask': unary((d, a) => (fp) => (i64x2Bitmask(fp, d, a), 0)),
  'i64x2.extend_low_i32x4_s': unary((d, a) => (fp) => (i64x2ExtendS(fp, d, a, false), 0)),
  'i64x2.extend_high_i32x4_s': unary((d, a) => (fp) => (i64x2ExtendS(fp, d, a, true), 0)),
  'i64x2.extend_low_i32x4_u': unary((d, a) => (fp) => (i64x2ExtendU(fp, d, a, false), 0)),
  'i64x2.extend_high_i32x4_u': unary((d, a) => (fp) => (i64x2ExtendU(fp, d, a, true), 0)),
  'i64x2.extmul_low_i32x4_s': binary((d, a, b) => (fp) => (i64x2ExtmulS(fp, d, a, b, false), 0)),
  'i64x2.extmul_high_i32x4_s': binary((d, a, b) => (fp) => (i64x2ExtmulS(fp, d, a, b, true), 0)),
  'i64x2.extmul_low_i32x4_u': binary((d, a, b) => (fp) => (i64x2ExtmulU(fp, d, a, b, false), 0)),
  'i64x2.extmul_high_i32x4_u': binary((d, a, b) => (fp) => (i64x2ExtmulU(fp, d, a, b, true), 0)),
};
