/**
 * i32x4 integer lane instructions: the lanes are the words themselves; also
 * the dot product, extensions, extending multiplications and pairwise
 * additions from i16x8. Conventions (slots, words `z`/`x`/`y`, aliasing) are
 * in ../integer.ts.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../../simd.js';
import { binary, unary } from '../build.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { I32_SLOTS: I32, V32 } = abi;

function i32x4Add(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] + v[y];
  v[z + 1] = v[x + 1] + v[y + 1];
  v[z + 2] = v[x + 2] + v[y + 2];
  v[z + 3] = v[x + 3] + v[y + 3];
}

function i32x4Sub(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] - v[y];
  v[z + 1] = v[x + 1] - v[y + 1];
  v[z + 2] = v[x + 2] - v[y + 2];
  v[z + 3] = v[x + 3] - v[y + 3];
}

function i32x4Mul(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = Math.imul(v[x], v[y]);
  v[z + 1] = Math.imul(v[x + 1], v[y + 1]);
  v[z + 2] = Math.imul(v[x + 2], v[y + 2]);
  v[z + 3] = Math.imul(v[x + 3], v[y + 3]);
}

function i32x4Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = -v[x];
  v[z + 1] = -v[x + 1];
  v[z + 2] = -v[x + 2];
  v[z + 3] = -v[x + 3];
}

function i32x4Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = v[x] < 0 ? -v[x] : v[x];
  v[z + 1] = v[x + 1] < 0 ? -v[x + 1] : v[x + 1];
  v[z + 2] = v[x + 2] < 0 ? -v[x + 2] : v[x + 2];
  v[z + 3] = v[x + 3] < 0 ? -v[x + 3] : v[x + 3];
}

function minS32(a: number, b: number): number {
  return b < a ? b : a;
}

function minU32(a: number, b: number): number {
  return b >>> 0 < a >>> 0 ? b : a;
}

function maxS32(a: number, b: number): number {
  return b > a ? b : a;
}

function maxU32(a: number, b: number): number {
  return b >>> 0 > a >>> 0 ? b : a;
}

function i32x4MinS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minS32(v[x], v[y]);
  v[z + 1] = minS32(v[x + 1], v[y + 1]);
  v[z + 2] = minS32(v[x + 2], v[y + 2]);
  v[z + 3] = minS32(v[x + 3], v[y + 3]);
}

function i32x4MinU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minU32(v[x], v[y]);
  v[z + 1] = minU32(v[x + 1], v[y + 1]);
  v[z + 2] = minU32(v[x + 2], v[y + 2]);
  v[z + 3] = minU32(v[x + 3], v[y + 3]);
}

function i32x4MaxS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxS32(v[x], v[y]);
  v[z + 1] = maxS32(v[x + 1], v[y + 1]);
  v[z + 2] = maxS32(v[x + 2], v[y + 2]);
  v[z + 3] = maxS32(v[x + 3], v[y + 3]);
}

function i32x4MaxU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxU32(v[x], v[y]);
  v[z + 1] = maxU32(v[x + 1], v[y + 1]);
  v[z + 2] = maxU32(v[x + 2], v[y + 2]);
  v[z + 3] = maxU32(v[x + 3], v[y + 3]);
}

function i32x4Eq(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] === v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] === v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] === v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] === v[y + 3] ? -1 : 0;
}

function i32x4Ne(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] !== v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] !== v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] !== v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] !== v[y + 3] ? -1 : 0;
}

function i32x4LtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] < v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] < v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] < v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] < v[y + 3] ? -1 : 0;
}

function i32x4LtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] >>> 0 < v[y] >>> 0 ? -1 : 0;
  v[z + 1] = v[x + 1] >>> 0 < v[y + 1] >>> 0 ? -1 : 0;
  v[z + 2] = v[x + 2] >>> 0 < v[y + 2] >>> 0 ? -1 : 0;
  v[z + 3] = v[x + 3] >>> 0 < v[y + 3] >>> 0 ? -1 : 0;
}

function i32x4GtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] > v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] > v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] > v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] > v[y + 3] ? -1 : 0;
}

function i32x4GtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] >>> 0 > v[y] >>> 0 ? -1 : 0;
  v[z + 1] = v[x + 1] >>> 0 > v[y + 1] >>> 0 ? -1 : 0;
  v[z + 2] = v[x + 2] >>> 0 > v[y + 2] >>> 0 ? -1 : 0;
  v[z + 3] = v[x + 3] >>> 0 > v[y + 3] >>> 0 ? -1 : 0;
}

function i32x4LeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] <= v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] <= v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] <= v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] <= v[y + 3] ? -1 : 0;
}

function i32x4LeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] >>> 0 <= v[y] >>> 0 ? -1 : 0;
  v[z + 1] = v[x + 1] >>> 0 <= v[y + 1] >>> 0 ? -1 : 0;
  v[z + 2] = v[x + 2] >>> 0 <= v[y + 2] >>> 0 ? -1 : 0;
  v[z + 3] = v[x + 3] >>> 0 <= v[y + 3] >>> 0 ? -1 : 0;
}

function i32x4GeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] >= v[y] ? -1 : 0;
  v[z + 1] = v[x + 1] >= v[y + 1] ? -1 : 0;
  v[z + 2] = v[x + 2] >= v[y + 2] ? -1 : 0;
  v[z + 3] = v[x + 3] >= v[y + 3] ? -1 : 0;
}

function i32x4GeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] >>> 0 >= v[y] >>> 0 ? -1 : 0;
  v[z + 1] = v[x + 1] >>> 0 >= v[y + 1] >>> 0 ? -1 : 0;
  v[z + 2] = v[x + 2] >>> 0 >= v[y + 2] >>> 0 ? -1 : 0;
  v[z + 3] = v[x + 3] >>> 0 >= v[y + 3] >>> 0 ? -1 : 0;
}

function i32x4Shl(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 31;
  v[z] = v[x] << k;
  v[z + 1] = v[x + 1] << k;
  v[z + 2] = v[x + 2] << k;
  v[z + 3] = v[x + 3] << k;
}

function i32x4ShrS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 31;
  v[z] = v[x] >> k;
  v[z + 1] = v[x + 1] >> k;
  v[z + 2] = v[x + 2] >> k;
  v[z + 3] = v[x + 3] >> k;
}

function i32x4ShrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 31;
  v[z] = v[x] >>> k;
  v[z + 1] = v[x + 1] >>> k;
  v[z + 2] = v[x + 2] >>> k;
  v[z + 3] = v[x + 3] >>> k;
}

function i32x4AllTrue(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] = v[x] !== 0 && v[x + 1] !== 0 && v[x + 2] !== 0 && v[x + 3] !== 0 ? 1 : 0;
}

function i32x4Bitmask(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] =
    (v[x] >>> 31) | ((v[x + 1] >>> 31) << 1) | ((v[x + 2] >>> 31) << 2) | ((v[x + 3] >>> 31) << 3);
}

/** Sum of the products of the two i16 lanes of words `a` and `b` (wrapping). */
function dot16(a: number, b: number): number {
  return (((a << 16) >> 16) * ((b << 16) >> 16) + (a >> 16) * (b >> 16)) | 0;
}

function i32x4DotI16x8S(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = dot16(v[x], v[y]);
  v[z + 1] = dot16(v[x + 1], v[y + 1]);
  v[z + 2] = dot16(v[x + 2], v[y + 2]);
  v[z + 3] = dot16(v[x + 3], v[y + 3]);
}

/** i32 products of the i16 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i32x4ExtmulS(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = ((a0 << 16) >> 16) * ((b0 << 16) >> 16);
  v[z + 1] = (a0 >> 16) * (b0 >> 16);
  v[z + 2] = ((a1 << 16) >> 16) * ((b1 << 16) >> 16);
  v[z + 3] = (a1 >> 16) * (b1 >> 16);
}

function i32x4ExtmulU(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = (a0 & 0xffff) * (b0 & 0xffff);
  v[z + 1] = (a0 >>> 16) * (b0 >>> 16);
  v[z + 2] = (a1 & 0xffff) * (b1 & 0xffff);
  v[z + 3] = (a1 >>> 16) * (b1 >>> 16);
}

function i32x4ExtaddPairwiseS(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = ((v[x] << 16) >> 16) + (v[x] >> 16);
  v[z + 1] = ((v[x + 1] << 16) >> 16) + (v[x + 1] >> 16);
  v[z + 2] = ((v[x + 2] << 16) >> 16) + (v[x + 2] >> 16);
  v[z + 3] = ((v[x + 3] << 16) >> 16) + (v[x + 3] >> 16);
}

function i32x4ExtaddPairwiseU(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = (v[x] & 0xffff) + (v[x] >>> 16);
  v[z + 1] = (v[x + 1] & 0xffff) + (v[x + 1] >>> 16);
  v[z + 2] = (v[x + 2] & 0xffff) + (v[x + 2] >>> 16);
  v[z + 3] = (v[x + 3] & 0xffff) + (v[x + 3] >>> 16);
}

function i32x4ExtendS(fp: number, d: number, a: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = high ? v[x + 2] : v[x];
  const hi = high ? v[x + 3] : v[x + 1];
  v[z] = (lo << 16) >> 16;
  v[z + 1] = lo >> 16;
  v[z + 2] = (hi << 16) >> 16;
  v[z + 3] = hi >> 16;
}

function i32x4ExtendU(fp: number, d: number, a: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = high ? v[x + 2] : v[x];
  const hi = high ? v[x + 3] : v[x + 1];
  v[z] = lo & 0xffff;
  v[z + 1] = lo >>> 16;
  v[z + 2] = hi & 0xffff;
  v[z + 3] = hi >>> 16;
}

// ---------------------------------------------------------------------------
// The table.

export const I32X4: Record<string, SimdBuild> = {
  'i32x4.add': binary((d, a, b) => (fp) => (i32x4Add(fp, d, a, b), 0)),
  'i32x4.sub': binary((d, a, b) => (fp) => (i32x4Sub(fp, d, a, b), 0)),
  'i32x4.mul': binary((d, a, b) => (fp) => (i32x4Mul(fp, d, a, b), 0)),
  'i32x4.neg': unary((d, a) => (fp) => (i32x4Neg(fp, d, a), 0)),
  'i32x4.abs': unary((d, a) => (fp) => (i32x4Abs(fp, d, a), 0)),
  'i32x4.min_s': binary((d, a, b) => (fp) => (i32x4MinS(fp, d, a, b), 0)),
  'i32x4.min_u': binary((d, a, b) => (fp) => (i32x4MinU(fp, d, a, b), 0)),
  'i32x4.max_s': binary((d, a, b) => (fp) => (i32x4MaxS(fp, d, a, b), 0)),
  'i32x4.max_u': binary((d, a, b) => (fp) => (i32x4MaxU(fp, d, a, b), 0)),
  'i32x4.eq': binary((d, a, b) => (fp) => (i32x4Eq(fp, d, a, b), 0)),
  'i32x4.ne': binary((d, a, b) => (fp) => (i32x4Ne(fp, d, a, b), 0)),
  'i32x4.lt_s': binary((d, a, b) => (fp) => (i32x4LtS(fp, d, a, b), 0)),
  'i32x4.lt_u': binary((d, a, b) => (fp) => (i32x4LtU(fp, d, a, b), 0)),
  'i32x4.gt_s': binary((d, a, b) => (fp) => (i32x4GtS(fp, d, a, b), 0)),
  'i32x4.gt_u': binary((d, a, b) => (fp) => (i32x4GtU(fp, d, a, b), 0)),
  'i32x4.le_s': binary((d, a, b) => (fp) => (i32x4LeS(fp, d, a, b), 0)),
  'i32x4.le_u': binary((d, a, b) => (fp) => (i32x4LeU(fp, d, a, b), 0)),
  'i32x4.ge_s': binary((d, a, b) => (fp) => (i32x4GeS(fp, d, a, b), 0)),
  'i32x4.ge_u': binary((d, a, b) => (fp) => (i32x4GeU(fp, d, a, b), 0)),
  'i32x4.shl': binary((d, a, b) => (fp) => (i32x4Shl(fp, d, a, b), 0)),
  'i32x4.shr_s': binary((d, a, b) => (fp) => (i32x4ShrS(fp, d, a, b), 0)),
  'i32x4.shr_u': binary((d, a, b) => (fp) => (i32x4ShrU(fp, d, a, b), 0)),
  'i32x4.all_true': unary((d, a) => (fp) => (i32x4AllTrue(fp, d, a), 0)),
  'i32x4.bitmask': unary((d, a) => (fp) => (i32x4Bitmask(fp, d, a), 0)),
  'i32x4.dot_i16x8_s': binary((d, a, b) => (fp) => (i32x4DotI16x8S(fp, d, a, b), 0)),
  'i32x4.extmul_low_i16x8_s': binary((d, a, b) => (fp) => (i32x4ExtmulS(fp, d, a, b, false), 0)),
  'i32x4.extmul_high_i16x8_s': binary((d, a, b) => (fp) => (i32x4ExtmulS(fp, d, a, b, true), 0)),
  'i32x4.extmul_low_i16x8_u': binary((d, a, b) => (fp) => (i32x4ExtmulU(fp, d, a, b, false), 0)),
  'i32x4.extmul_high_i16x8_u': binary((d, a, b) => (fp) => (i32x4ExtmulU(fp, d, a, b, true), 0)),
  'i32x4.extadd_pairwise_i16x8_s': unary((d, a) => (fp) => (i32x4ExtaddPairwiseS(fp, d, a), 0)),
  'i32x4.extadd_pairwise_i16x8_u': unary((d, a) => (fp) => (i32x4ExtaddPairwiseU(fp, d, a), 0)),
  'i32x4.extend_low_i16x8_s': unary((d, a) => (fp) => (i32x4ExtendS(fp, d, a, false), 0)),
  'i32x4.extend_high_i16x8_s': unary((d, a) => (fp) => (i32x4ExtendS(fp, d, a, true), 0)),
  'i32x4.extend_low_i16x8_u': unary((d, a) => (fp) => (i32x4ExtendU(fp, d, a, false), 0)),
  'i32x4.extend_high_i16x8_u': unary((d, a) => (fp) => (i32x4ExtendU(fp, d, a, true), 0)),
};
