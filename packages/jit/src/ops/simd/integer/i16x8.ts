/**
 * i16x8 integer lane instructions: two lanes per word, by the formulas of
 * ../words.ts, so each lane-wise kernel is four calls of one small function
 * that V8 inlines; also the extensions, extending multiplications and
 * pairwise additions from i8x16. Conventions (slots, words `z`/`x`/`y`,
 * aliasing) are in ../integer.ts.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../../simd.js';
import { binary, unary } from '../build.js';
import * as words from '../words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { I32_SLOTS: I32, V32 } = abi;
const {
  abs16,
  add16,
  addSatS16,
  addSatU16,
  avgrU16,
  eq16,
  hasZero16,
  ltS16,
  ltU16,
  maxS16,
  maxU16,
  minS16,
  minU16,
  mul16,
  mulPairS8,
  mulPairU8,
  narrow16S,
  narrow16U,
  q15mulr,
  s8hi,
  s8lo,
  sar16,
  sub16,
  subSatS16,
  subSatU16,
  u8hi,
  u8lo,
} = words;

function i16x8Add(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = add16(v[x], v[y]);
  v[z + 1] = add16(v[x + 1], v[y + 1]);
  v[z + 2] = add16(v[x + 2], v[y + 2]);
  v[z + 3] = add16(v[x + 3], v[y + 3]);
}

function i16x8Sub(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = sub16(v[x], v[y]);
  v[z + 1] = sub16(v[x + 1], v[y + 1]);
  v[z + 2] = sub16(v[x + 2], v[y + 2]);
  v[z + 3] = sub16(v[x + 3], v[y + 3]);
}

function i16x8Mul(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = mul16(v[x], v[y]);
  v[z + 1] = mul16(v[x + 1], v[y + 1]);
  v[z + 2] = mul16(v[x + 2], v[y + 2]);
  v[z + 3] = mul16(v[x + 3], v[y + 3]);
}

function i16x8AddSatS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = addSatS16(v[x], v[y]);
  v[z + 1] = addSatS16(v[x + 1], v[y + 1]);
  v[z + 2] = addSatS16(v[x + 2], v[y + 2]);
  v[z + 3] = addSatS16(v[x + 3], v[y + 3]);
}

function i16x8AddSatU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = addSatU16(v[x], v[y]);
  v[z + 1] = addSatU16(v[x + 1], v[y + 1]);
  v[z + 2] = addSatU16(v[x + 2], v[y + 2]);
  v[z + 3] = addSatU16(v[x + 3], v[y + 3]);
}

function i16x8SubSatS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = subSatS16(v[x], v[y]);
  v[z + 1] = subSatS16(v[x + 1], v[y + 1]);
  v[z + 2] = subSatS16(v[x + 2], v[y + 2]);
  v[z + 3] = subSatS16(v[x + 3], v[y + 3]);
}

function i16x8SubSatU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = subSatU16(v[x], v[y]);
  v[z + 1] = subSatU16(v[x + 1], v[y + 1]);
  v[z + 2] = subSatU16(v[x + 2], v[y + 2]);
  v[z + 3] = subSatU16(v[x + 3], v[y + 3]);
}

function i16x8MinS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minS16(v[x], v[y]);
  v[z + 1] = minS16(v[x + 1], v[y + 1]);
  v[z + 2] = minS16(v[x + 2], v[y + 2]);
  v[z + 3] = minS16(v[x + 3], v[y + 3]);
}

function i16x8MinU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minU16(v[x], v[y]);
  v[z + 1] = minU16(v[x + 1], v[y + 1]);
  v[z + 2] = minU16(v[x + 2], v[y + 2]);
  v[z + 3] = minU16(v[x + 3], v[y + 3]);
}

function i16x8MaxS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxS16(v[x], v[y]);
  v[z + 1] = maxS16(v[x + 1], v[y + 1]);
  v[z + 2] = maxS16(v[x + 2], v[y + 2]);
  v[z + 3] = maxS16(v[x + 3], v[y + 3]);
}

function i16x8MaxU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxU16(v[x], v[y]);
  v[z + 1] = maxU16(v[x + 1], v[y + 1]);
  v[z + 2] = maxU16(v[x + 2], v[y + 2]);
  v[z + 3] = maxU16(v[x + 3], v[y + 3]);
}

function i16x8AvgrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = avgrU16(v[x], v[y]);
  v[z + 1] = avgrU16(v[x + 1], v[y + 1]);
  v[z + 2] = avgrU16(v[x + 2], v[y + 2]);
  v[z + 3] = avgrU16(v[x + 3], v[y + 3]);
}

function i16x8Eq(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = eq16(v[x], v[y]);
  v[z + 1] = eq16(v[x + 1], v[y + 1]);
  v[z + 2] = eq16(v[x + 2], v[y + 2]);
  v[z + 3] = eq16(v[x + 3], v[y + 3]);
}

function i16x8Ne(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~eq16(v[x], v[y]);
  v[z + 1] = ~eq16(v[x + 1], v[y + 1]);
  v[z + 2] = ~eq16(v[x + 2], v[y + 2]);
  v[z + 3] = ~eq16(v[x + 3], v[y + 3]);
}

function i16x8LtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltS16(v[x], v[y]);
  v[z + 1] = ltS16(v[x + 1], v[y + 1]);
  v[z + 2] = ltS16(v[x + 2], v[y + 2]);
  v[z + 3] = ltS16(v[x + 3], v[y + 3]);
}

function i16x8LtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltU16(v[x], v[y]);
  v[z + 1] = ltU16(v[x + 1], v[y + 1]);
  v[z + 2] = ltU16(v[x + 2], v[y + 2]);
  v[z + 3] = ltU16(v[x + 3], v[y + 3]);
}

function i16x8GtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltS16(v[y], v[x]);
  v[z + 1] = ltS16(v[y + 1], v[x + 1]);
  v[z + 2] = ltS16(v[y + 2], v[x + 2]);
  v[z + 3] = ltS16(v[y + 3], v[x + 3]);
}

function i16x8GtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltU16(v[y], v[x]);
  v[z + 1] = ltU16(v[y + 1], v[x + 1]);
  v[z + 2] = ltU16(v[y + 2], v[x + 2]);
  v[z + 3] = ltU16(v[y + 3], v[x + 3]);
}

function i16x8LeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltS16(v[y], v[x]);
  v[z + 1] = ~ltS16(v[y + 1], v[x + 1]);
  v[z + 2] = ~ltS16(v[y + 2], v[x + 2]);
  v[z + 3] = ~ltS16(v[y + 3], v[x + 3]);
}

function i16x8LeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltU16(v[y], v[x]);
  v[z + 1] = ~ltU16(v[y + 1], v[x + 1]);
  v[z + 2] = ~ltU16(v[y + 2], v[x + 2]);
  v[z + 3] = ~ltU16(v[y + 3], v[x + 3]);
}

function i16x8GeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltS16(v[x], v[y]);
  v[z + 1] = ~ltS16(v[x + 1], v[y + 1]);
  v[z + 2] = ~ltS16(v[x + 2], v[y + 2]);
  v[z + 3] = ~ltS16(v[x + 3], v[y + 3]);
}

function i16x8GeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltU16(v[x], v[y]);
  v[z + 1] = ~ltU16(v[x + 1], v[y + 1]);
  v[z + 2] = ~ltU16(v[x + 2], v[y + 2]);
  v[z + 3] = ~ltU16(v[x + 3], v[y + 3]);
}

/** Rounding Q15 multiplication; only -1 * -1 overflows, saturating to 0x7fff. */
export function i16x8Q15mulrSatS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = q15mulr(v[x], v[y]);
  v[z + 1] = q15mulr(v[x + 1], v[y + 1]);
  v[z + 2] = q15mulr(v[x + 2], v[y + 2]);
  v[z + 3] = q15mulr(v[x + 3], v[y + 3]);
}

function i16x8Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = sub16(0, v[x]);
  v[z + 1] = sub16(0, v[x + 1]);
  v[z + 2] = sub16(0, v[x + 2]);
  v[z + 3] = sub16(0, v[x + 3]);
}

function i16x8Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = abs16(v[x]);
  v[z + 1] = abs16(v[x + 1]);
  v[z + 2] = abs16(v[x + 2]);
  v[z + 3] = abs16(v[x + 3]);
}

function i16x8Shl(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 15;
  const keep = Math.imul((0xffff << k) & 0xffff, 0x00010001);
  v[z] = (v[x] << k) & keep;
  v[z + 1] = (v[x + 1] << k) & keep;
  v[z + 2] = (v[x + 2] << k) & keep;
  v[z + 3] = (v[x + 3] << k) & keep;
}

function i16x8ShrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 15;
  const keep = Math.imul(0xffff >>> k, 0x00010001);
  v[z] = (v[x] >>> k) & keep;
  v[z + 1] = (v[x + 1] >>> k) & keep;
  v[z + 2] = (v[x + 2] >>> k) & keep;
  v[z + 3] = (v[x + 3] >>> k) & keep;
}

function i16x8ShrS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 15;
  v[z] = sar16(v[x], k);
  v[z + 1] = sar16(v[x + 1], k);
  v[z + 2] = sar16(v[x + 2], k);
  v[z + 3] = sar16(v[x + 3], k);
}

function i16x8NarrowS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a2 = v[x + 2];
  const a3 = v[x + 3];
  v[z] = narrow16S(v[x], v[x + 1]);
  v[z + 1] = narrow16S(a2, a3);
  v[z + 2] = narrow16S(v[y], v[y + 1]);
  v[z + 3] = narrow16S(v[y + 2], v[y + 3]);
}

function i16x8NarrowU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a2 = v[x + 2];
  const a3 = v[x + 3];
  v[z] = narrow16U(v[x], v[x + 1]);
  v[z + 1] = narrow16U(a2, a3);
  v[z + 2] = narrow16U(v[y], v[y + 1]);
  v[z + 3] = narrow16U(v[y + 2], v[y + 3]);
}

function i16x8ExtendLowS(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = v[x];
  const hi = v[x + 1];
  v[z] = s8lo(lo);
  v[z + 1] = s8hi(lo);
  v[z + 2] = s8lo(hi);
  v[z + 3] = s8hi(hi);
}

function i16x8ExtendHighS(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = v[x + 2];
  const hi = v[x + 3];
  v[z] = s8lo(lo);
  v[z + 1] = s8hi(lo);
  v[z + 2] = s8lo(hi);
  v[z + 3] = s8hi(hi);
}

function i16x8ExtendLowU(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = v[x];
  const hi = v[x + 1];
  v[z] = u8lo(lo);
  v[z + 1] = u8hi(lo);
  v[z + 2] = u8lo(hi);
  v[z + 3] = u8hi(hi);
}

function i16x8ExtendHighU(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const lo = v[x + 2];
  const hi = v[x + 3];
  v[z] = u8lo(lo);
  v[z + 1] = u8hi(lo);
  v[z + 2] = u8lo(hi);
  v[z + 3] = u8hi(hi);
}

/** Sums of adjacent signed i8 pairs of a word, as two i16 lanes. */
function pairs8S(w: number): number {
  const lo = ((w << 24) >> 24) + ((w << 16) >> 24);
  const hi = ((w << 8) >> 24) + (w >> 24);
  return (lo & 0xffff) | (hi << 16);
}

/** Sums of adjacent unsigned i8 pairs of a word, as two i16 lanes. */
function pairs8U(w: number): number {
  const lo = (w & 0xff) + ((w >>> 8) & 0xff);
  const hi = ((w >>> 16) & 0xff) + (w >>> 24);
  return lo | (hi << 16);
}

function i16x8ExtaddPairwiseS(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = pairs8S(v[x]);
  v[z + 1] = pairs8S(v[x + 1]);
  v[z + 2] = pairs8S(v[x + 2]);
  v[z + 3] = pairs8S(v[x + 3]);
}

function i16x8ExtaddPairwiseU(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = pairs8U(v[x]);
  v[z + 1] = pairs8U(v[x + 1]);
  v[z + 2] = pairs8U(v[x + 2]);
  v[z + 3] = pairs8U(v[x + 3]);
}

/** i16 products of the i8 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i16x8ExtmulS(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = mulPairS8(a0, b0, 0);
  v[z + 1] = mulPairS8(a0, b0, 16);
  v[z + 2] = mulPairS8(a1, b1, 0);
  v[z + 3] = mulPairS8(a1, b1, 16);
}

function i16x8ExtmulU(fp: number, d: number, a: number, b: number, high: boolean): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a0 = high ? v[x + 2] : v[x];
  const a1 = high ? v[x + 3] : v[x + 1];
  const b0 = high ? v[y + 2] : v[y];
  const b1 = high ? v[y + 3] : v[y + 1];
  v[z] = mulPairU8(a0, b0, 0);
  v[z + 1] = mulPairU8(a0, b0, 16);
  v[z + 2] = mulPairU8(a1, b1, 0);
  v[z + 3] = mulPairU8(a1, b1, 16);
}

function i16x8AllTrue(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const zero = hasZero16(v[x]) || hasZero16(v[x + 1]) || hasZero16(v[x + 2]) || hasZero16(v[x + 3]);
  I32[fp + d] = zero ? 0 : 1;
}

/** The top bits of the two i16 lanes of `w`, as bits 0-1. */
function mask16(w: number): number {
  return ((w >>> 15) & 1) | ((w >>> 30) & 2);
}

function i16x8Bitmask(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] =
    mask16(v[x]) | (mask16(v[x + 1]) << 2) | (mask16(v[x + 2]) << 4) | (mask16(v[x + 3]) << 6);
}

// ---------------------------------------------------------------------------
// The table.

export const I16X8: Record<string, SimdBuild> = {
  'i16x8.add': binary((d, a, b) => (fp) => (i16x8Add(fp, d, a, b), 0)),
  'i16x8.sub': binary((d, a, b) => (fp) => (i16x8Sub(fp, d, a, b), 0)),
  'i16x8.mul': binary((d, a, b) => (fp) => (i16x8Mul(fp, d, a, b), 0)),
  'i16x8.neg': unary((d, a) => (fp) => (i16x8Neg(fp, d, a), 0)),
  'i16x8.abs': unary((d, a) => (fp) => (i16x8Abs(fp, d, a), 0)),
  'i16x8.add_sat_s': binary((d, a, b) => (fp) => (i16x8AddSatS(fp, d, a, b), 0)),
  'i16x8.add_sat_u': binary((d, a, b) => (fp) => (i16x8AddSatU(fp, d, a, b), 0)),
  'i16x8.sub_sat_s': binary((d, a, b) => (fp) => (i16x8SubSatS(fp, d, a, b), 0)),
  'i16x8.sub_sat_u': binary((d, a, b) => (fp) => (i16x8SubSatU(fp, d, a, b), 0)),
  'i16x8.min_s': binary((d, a, b) => (fp) => (i16x8MinS(fp, d, a, b), 0)),
  'i16x8.min_u': binary((d, a, b) => (fp) => (i16x8MinU(fp, d, a, b), 0)),
  'i16x8.max_s': binary((d, a, b) => (fp) => (i16x8MaxS(fp, d, a, b), 0)),
  'i16x8.max_u': binary((d, a, b) => (fp) => (i16x8MaxU(fp, d, a, b), 0)),
  'i16x8.avgr_u': binary((d, a, b) => (fp) => (i16x8AvgrU(fp, d, a, b), 0)),
  'i16x8.q15mulr_sat_s': binary((d, a, b) => (fp) => (i16x8Q15mulrSatS(fp, d, a, b), 0)),
  'i16x8.eq': binary((d, a, b) => (fp) => (i16x8Eq(fp, d, a, b), 0)),
  'i16x8.ne': binary((d, a, b) => (fp) => (i16x8Ne(fp, d, a, b), 0)),
  'i16x8.lt_s': binary((d, a, b) => (fp) => (i16x8LtS(fp, d, a, b), 0)),
  'i16x8.lt_u': binary((d, a, b) => (fp) => (i16x8LtU(fp, d, a, b), 0)),
  'i16x8.gt_s': binary((d, a, b) => (fp) => (i16x8GtS(fp, d, a, b), 0)),
  'i16x8.gt_u': binary((d, a, b) => (fp) => (i16x8GtU(fp, d, a, b), 0)),
  'i16x8.le_s': binary((d, a, b) => (fp) => (i16x8LeS(fp, d, a, b), 0)),
  'i16x8.le_u': binary((d, a, b) => (fp) => (i16x8LeU(fp, d, a, b), 0)),
  'i16x8.ge_s': binary((d, a, b) => (fp) => (i16x8GeS(fp, d, a, b), 0)),
  'i16x8.ge_u': binary((d, a, b) => (fp) => (i16x8GeU(fp, d, a, b), 0)),
  'i16x8.shl': binary((d, a, b) => (fp) => (i16x8Shl(fp, d, a, b), 0)),
  'i16x8.shr_s': binary((d, a, b) => (fp) => (i16x8ShrS(fp, d, a, b), 0)),
  'i16x8.shr_u': binary((d, a, b) => (fp) => (i16x8ShrU(fp, d, a, b), 0)),
  'i16x8.narrow_i32x4_s': binary((d, a, b) => (fp) => (i16x8NarrowS(fp, d, a, b), 0)),
  'i16x8.narrow_i32x4_u': binary((d, a, b) => (fp) => (i16x8NarrowU(fp, d, a, b), 0)),
  'i16x8.extend_low_i8x16_s': unary((d, a) => (fp) => (i16x8ExtendLowS(fp, d, a), 0)),
  'i16x8.extend_high_i8x16_s': unary((d, a) => (fp) => (i16x8ExtendHighS(fp, d, a), 0)),
  'i16x8.extend_low_i8x16_u': unary((d, a) => (fp) => (i16x8ExtendLowU(fp, d, a), 0)),
  'i16x8.extend_high_i8x16_u': unary((d, a) => (fp) => (i16x8ExtendHighU(fp, d, a), 0)),
  'i16x8.extadd_pairwise_i8x16_s': unary((d, a) => (fp) => (i16x8ExtaddPairwiseS(fp, d, a), 0)),
  'i16x8.extadd_pairwise_i8x16_u': unary((d, a) => (fp) => (i16x8ExtaddPairwiseU(fp, d, a), 0)),
  'i16x8.extmul_low_i8x16_s': binary((d, a, b) => (fp) => (i16x8ExtmulS(fp, d, a, b, false), 0)),
  'i16x8.extmul_high_i8x16_s': binary((d, a, b) => (fp) => (i16x8ExtmulS(fp, d, a, b, true), 0)),
  'i16x8.extmul_low_i8x16_u': binary((d, a, b) => (fp) => (i16x8ExtmulU(fp, d, a, b, false), 0)),
  'i16x8.extmul_high_i8x16_u': binary((d, a, b) => (fp) => (i16x8ExtmulU(fp, d, a, b, true), 0)),
  'i16x8.all_true': unary((d, a) => (fp) => (i16x8AllTrue(fp, d, a), 0)),
  'i16x8.bitmask': unary((d, a) => (fp) => (i16x8Bitmask(fp, d, a), 0)),
};
