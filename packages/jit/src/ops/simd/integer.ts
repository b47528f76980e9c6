/**
 * Integer lane instructions. Kernels take the absolute slots of the result
 * (`d`) and of the operands (`a`, `b`) and work on the slot words directly:
 * no scratch copies. `d` may be `a` (see ../simd.ts): kernels whose result
 * word k needs only words k of the operands write as they go; the others
 * (narrowing, extension, i64 lanes) read the words they need first.
 *
 * i32x4 lanes are the words themselves; an i64x2 lane is a low/high pair of
 * words (lane 0 is `I32`/`HI32`, lane 1 `V2`/`V3`). i8x16 and i16x8 lanes
 * are handled four or two per word by the formulas of words.ts, so each
 * kernel is four calls of one small function that V8 inlines.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import * as i64 from '../i64.js';
import * as words from './words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32, I32, V2, V3 } = abi;
const { i64Mul, R } = i64;
const {
  abs16,
  abs8,
  add16,
  add8,
  addSatS16,
  addSatS8,
  addSatU16,
  addSatU8,
  avgrU16,
  avgrU8,
  eq16,
  eq8,
  hasZero16,
  hasZero8,
  ltS16,
  ltS8,
  ltU16,
  ltU8,
  mask8,
  maxS16,
  maxS8,
  maxU16,
  maxU8,
  minS16,
  minS8,
  minU16,
  minU8,
  mul16,
  mulPairS8,
  mulPairU8,
  mulhs,
  mulhu,
  narrow16S,
  narrow16U,
  narrow8S,
  narrow8U,
  popcnt8,
  q15mulr,
  s8hi,
  s8lo,
  sar16,
  sar8,
  sub16,
  sub8,
  subSatS16,
  subSatS8,
  subSatU16,
  subSatU8,
  u8hi,
  u8lo,
} = words;

// ---------------------------------------------------------------------------
// i8x16: four lanes per word (words.ts).

function i8x16Add(d: number, a: number, b: number): void {
  I32[d] = add8(I32[a], I32[b]);
  HI32[d] = add8(HI32[a], HI32[b]);
  V2[d] = add8(V2[a], V2[b]);
  V3[d] = add8(V3[a], V3[b]);
}

function i8x16Sub(d: number, a: number, b: number): void {
  I32[d] = sub8(I32[a], I32[b]);
  HI32[d] = sub8(HI32[a], HI32[b]);
  V2[d] = sub8(V2[a], V2[b]);
  V3[d] = sub8(V3[a], V3[b]);
}

function i8x16AddSatS(d: number, a: number, b: number): void {
  I32[d] = addSatS8(I32[a], I32[b]);
  HI32[d] = addSatS8(HI32[a], HI32[b]);
  V2[d] = addSatS8(V2[a], V2[b]);
  V3[d] = addSatS8(V3[a], V3[b]);
}

function i8x16AddSatU(d: number, a: number, b: number): void {
  I32[d] = addSatU8(I32[a], I32[b]);
  HI32[d] = addSatU8(HI32[a], HI32[b]);
  V2[d] = addSatU8(V2[a], V2[b]);
  V3[d] = addSatU8(V3[a], V3[b]);
}

function i8x16SubSatS(d: number, a: number, b: number): void {
  I32[d] = subSatS8(I32[a], I32[b]);
  HI32[d] = subSatS8(HI32[a], HI32[b]);
  V2[d] = subSatS8(V2[a], V2[b]);
  V3[d] = subSatS8(V3[a], V3[b]);
}

function i8x16SubSatU(d: number, a: number, b: number): void {
  I32[d] = subSatU8(I32[a], I32[b]);
  HI32[d] = subSatU8(HI32[a], HI32[b]);
  V2[d] = subSatU8(V2[a], V2[b]);
  V3[d] = subSatU8(V3[a], V3[b]);
}

function i8x16MinS(d: number, a: number, b: number): void {
  I32[d] = minS8(I32[a], I32[b]);
  HI32[d] = minS8(HI32[a], HI32[b]);
  V2[d] = minS8(V2[a], V2[b]);
  V3[d] = minS8(V3[a], V3[b]);
}

function i8x16MinU(d: number, a: number, b: number): void {
  I32[d] = minU8(I32[a], I32[b]);
  HI32[d] = minU8(HI32[a], HI32[b]);
  V2[d] = minU8(V2[a], V2[b]);
  V3[d] = minU8(V3[a], V3[b]);
}

function i8x16MaxS(d: number, a: number, b: number): void {
  I32[d] = maxS8(I32[a], I32[b]);
  HI32[d] = maxS8(HI32[a], HI32[b]);
  V2[d] = maxS8(V2[a], V2[b]);
  V3[d] = maxS8(V3[a], V3[b]);
}

function i8x16MaxU(d: number, a: number, b: number): void {
  I32[d] = maxU8(I32[a], I32[b]);
  HI32[d] = maxU8(HI32[a], HI32[b]);
  V2[d] = maxU8(V2[a], V2[b]);
  V3[d] = maxU8(V3[a], V3[b]);
}

function i8x16AvgrU(d: number, a: number, b: number): void {
  I32[d] = avgrU8(I32[a], I32[b]);
  HI32[d] = avgrU8(HI32[a], HI32[b]);
  V2[d] = avgrU8(V2[a], V2[b]);
  V3[d] = avgrU8(V3[a], V3[b]);
}

function i8x16Eq(d: number, a: number, b: number): void {
  I32[d] = eq8(I32[a], I32[b]);
  HI32[d] = eq8(HI32[a], HI32[b]);
  V2[d] = eq8(V2[a], V2[b]);
  V3[d] = eq8(V3[a], V3[b]);
}

function i8x16Ne(d: number, a: number, b: number): void {
  I32[d] = ~eq8(I32[a], I32[b]);
  HI32[d] = ~eq8(HI32[a], HI32[b]);
  V2[d] = ~eq8(V2[a], V2[b]);
  V3[d] = ~eq8(V3[a], V3[b]);
}

function i8x16LtS(d: number, a: number, b: number): void {
  I32[d] = ltS8(I32[a], I32[b]);
  HI32[d] = ltS8(HI32[a], HI32[b]);
  V2[d] = ltS8(V2[a], V2[b]);
  V3[d] = ltS8(V3[a], V3[b]);
}

function i8x16LtU(d: number, a: number, b: number): void {
  I32[d] = ltU8(I32[a], I32[b]);
  HI32[d] = ltU8(HI32[a], HI32[b]);
  V2[d] = ltU8(V2[a], V2[b]);
  V3[d] = ltU8(V3[a], V3[b]);
}

function i8x16GtS(d: number, a: number, b: number): void {
  I32[d] = ltS8(I32[b], I32[a]);
  HI32[d] = ltS8(HI32[b], HI32[a]);
  V2[d] = ltS8(V2[b], V2[a]);
  V3[d] = ltS8(V3[b], V3[a]);
}

function i8x16GtU(d: number, a: number, b: number): void {
  I32[d] = ltU8(I32[b], I32[a]);
  HI32[d] = ltU8(HI32[b], HI32[a]);
  V2[d] = ltU8(V2[b], V2[a]);
  V3[d] = ltU8(V3[b], V3[a]);
}

function i8x16LeS(d: number, a: number, b: number): void {
  I32[d] = ~ltS8(I32[b], I32[a]);
  HI32[d] = ~ltS8(HI32[b], HI32[a]);
  V2[d] = ~ltS8(V2[b], V2[a]);
  V3[d] = ~ltS8(V3[b], V3[a]);
}

function i8x16LeU(d: number, a: number, b: number): void {
  I32[d] = ~ltU8(I32[b], I32[a]);
  HI32[d] = ~ltU8(HI32[b], HI32[a]);
  V2[d] = ~ltU8(V2[b], V2[a]);
  V3[d] = ~ltU8(V3[b], V3[a]);
}

function i8x16GeS(d: number, a: number, b: number): void {
  I32[d] = ~ltS8(I32[a], I32[b]);
  HI32[d] = ~ltS8(HI32[a], HI32[b]);
  V2[d] = ~ltS8(V2[a], V2[b]);
  V3[d] = ~ltS8(V3[a], V3[b]);
}

function i8x16GeU(d: number, a: number, b: number): void {
  I32[d] = ~ltU8(I32[a], I32[b]);
  HI32[d] = ~ltU8(HI32[a], HI32[b]);
  V2[d] = ~ltU8(V2[a], V2[b]);
  V3[d] = ~ltU8(V3[a], V3[b]);
}

function i8x16Neg(d: number, a: number): void {
  I32[d] = sub8(0, I32[a]);
  HI32[d] = sub8(0, HI32[a]);
  V2[d] = sub8(0, V2[a]);
  V3[d] = sub8(0, V3[a]);
}

function i8x16Abs(d: number, a: number): void {
  I32[d] = abs8(I32[a]);
  HI32[d] = abs8(HI32[a]);
  V2[d] = abs8(V2[a]);
  V3[d] = abs8(V3[a]);
}

function i8x16Popcnt(d: number, a: number): void {
  I32[d] = popcnt8(I32[a]);
  HI32[d] = popcnt8(HI32[a]);
  V2[d] = popcnt8(V2[a]);
  V3[d] = popcnt8(V3[a]);
}

function i8x16Shl(d: number, a: number, b: number): void {
  const k = I32[b] & 7;
  const keep = Math.imul((0xff << k) & 0xff, 0x01010101);
  I32[d] = (I32[a] << k) & keep;
  HI32[d] = (HI32[a] << k) & keep;
  V2[d] = (V2[a] << k) & keep;
  V3[d] = (V3[a] << k) & keep;
}

function i8x16ShrU(d: number, a: number, b: number): void {
  const k = I32[b] & 7;
  const keep = Math.imul(0xff >>> k, 0x01010101);
  I32[d] = (I32[a] >>> k) & keep;
  HI32[d] = (HI32[a] >>> k) & keep;
  V2[d] = (V2[a] >>> k) & keep;
  V3[d] = (V3[a] >>> k) & keep;
}

function i8x16ShrS(d: number, a: number, b: number): void {
  const k = I32[b] & 7;
  I32[d] = sar8(I32[a], k);
  HI32[d] = sar8(HI32[a], k);
  V2[d] = sar8(V2[a], k);
  V3[d] = sar8(V3[a], k);
}

function i8x16NarrowS(d: number, a: number, b: number): void {
  const a2 = V2[a];
  const a3 = V3[a];
  I32[d] = narrow8S(I32[a], HI32[a]);
  HI32[d] = narrow8S(a2, a3);
  V2[d] = narrow8S(I32[b], HI32[b]);
  V3[d] = narrow8S(V2[b], V3[b]);
}

function i8x16NarrowU(d: number, a: number, b: number): void {
  const a2 = V2[a];
  const a3 = V3[a];
  I32[d] = narrow8U(I32[a], HI32[a]);
  HI32[d] = narrow8U(a2, a3);
  V2[d] = narrow8U(I32[b], HI32[b]);
  V3[d] = narrow8U(V2[b], V3[b]);
}

function i8x16AllTrue(d: number, a: number): void {
  const zero = hasZero8(I32[a]) || hasZero8(HI32[a]) || hasZero8(V2[a]) || hasZero8(V3[a]);
  I32[d] = zero ? 0 : 1;
}

function i8x16Bitmask(d: number, a: number): void {
  I32[d] = mask8(I32[a]) | (mask8(HI32[a]) << 4) | (mask8(V2[a]) << 8) | (mask8(V3[a]) << 12);
}

// ---------------------------------------------------------------------------
// i16x8: two lanes per word.

function i16x8Add(d: number, a: number, b: number): void {
  I32[d] = add16(I32[a], I32[b]);
  HI32[d] = add16(HI32[a], HI32[b]);
  V2[d] = add16(V2[a], V2[b]);
  V3[d] = add16(V3[a], V3[b]);
}

function i16x8Sub(d: number, a: number, b: number): void {
  I32[d] = sub16(I32[a], I32[b]);
  HI32[d] = sub16(HI32[a], HI32[b]);
  V2[d] = sub16(V2[a], V2[b]);
  V3[d] = sub16(V3[a], V3[b]);
}

function i16x8Mul(d: number, a: number, b: number): void {
  I32[d] = mul16(I32[a], I32[b]);
  HI32[d] = mul16(HI32[a], HI32[b]);
  V2[d] = mul16(V2[a], V2[b]);
  V3[d] = mul16(V3[a], V3[b]);
}

function i16x8AddSatS(d: number, a: number, b: number): void {
  I32[d] = addSatS16(I32[a], I32[b]);
  HI32[d] = addSatS16(HI32[a], HI32[b]);
  V2[d] = addSatS16(V2[a], V2[b]);
  V3[d] = addSatS16(V3[a], V3[b]);
}

function i16x8AddSatU(d: number, a: number, b: number): void {
  I32[d] = addSatU16(I32[a], I32[b]);
  HI32[d] = addSatU16(HI32[a], HI32[b]);
  V2[d] = addSatU16(V2[a], V2[b]);
  V3[d] = addSatU16(V3[a], V3[b]);
}

function i16x8SubSatS(d: number, a: number, b: number): void {
  I32[d] = subSatS16(I32[a], I32[b]);
  HI32[d] = subSatS16(HI32[a], HI32[b]);
  V2[d] = subSatS16(V2[a], V2[b]);
  V3[d] = subSatS16(V3[a], V3[b]);
}

function i16x8SubSatU(d: number, a: number, b: number): void {
  I32[d] = subSatU16(I32[a], I32[b]);
  HI32[d] = subSatU16(HI32[a], HI32[b]);
  V2[d] = subSatU16(V2[a], V2[b]);
  V3[d] = subSatU16(V3[a], V3[b]);
}

function i16x8MinS(d: number, a: number, b: number): void {
  I32[d] = minS16(I32[a], I32[b]);
  HI32[d] = minS16(HI32[a], HI32[b]);
  V2[d] = minS16(V2[a], V2[b]);
  V3[d] = minS16(V3[a], V3[b]);
}

function i16x8MinU(d: number, a: number, b: number): void {
  I32[d] = minU16(I32[a], I32[b]);
  HI32[d] = minU16(HI32[a], HI32[b]);
  V2[d] = minU16(V2[a], V2[b]);
  V3[d] = minU16(V3[a], V3[b]);
}

function i16x8MaxS(d: number, a: number, b: number): void {
  I32[d] = maxS16(I32[a], I32[b]);
  HI32[d] = maxS16(HI32[a], HI32[b]);
  V2[d] = maxS16(V2[a], V2[b]);
  V3[d] = maxS16(V3[a], V3[b]);
}

function i16x8MaxU(d: number, a: number, b: number): void {
  I32[d] = maxU16(I32[a], I32[b]);
  HI32[d] = maxU16(HI32[a], HI32[b]);
  V2[d] = maxU16(V2[a], V2[b]);
  V3[d] = maxU16(V3[a], V3[b]);
}

function i16x8AvgrU(d: number, a: number, b: number): void {
  I32[d] = avgrU16(I32[a], I32[b]);
  HI32[d] = avgrU16(HI32[a], HI32[b]);
  V2[d] = avgrU16(V2[a], V2[b]);
  V3[d] = avgrU16(V3[a], V3[b]);
}

function i16x8Eq(d: number, a: number, b: number): void {
  I32[d] = eq16(I32[a], I32[b]);
  HI32[d] = eq16(HI32[a], HI32[b]);
  V2[d] = eq16(V2[a], V2[b]);
  V3[d] = eq16(V3[a], V3[b]);
}

function i16x8Ne(d: number, a: number, b: number): void {
  I32[d] = ~eq16(I32[a], I32[b]);
  HI32[d] = ~eq16(HI32[a], HI32[b]);
  V2[d] = ~eq16(V2[a], V2[b]);
  V3[d] = ~eq16(V3[a], V3[b]);
}

function i16x8LtS(d: number, a: number, b: number): void {
  I32[d] = ltS16(I32[a], I32[b]);
  HI32[d] = ltS16(HI32[a], HI32[b]);
  V2[d] = ltS16(V2[a], V2[b]);
  V3[d] = ltS16(V3[a], V3[b]);
}

function i16x8LtU(d: number, a: number, b: number): void {
  I32[d] = ltU16(I32[a], I32[b]);
  HI32[d] = ltU16(HI32[a], HI32[b]);
  V2[d] = ltU16(V2[a], V2[b]);
  V3[d] = ltU16(V3[a], V3[b]);
}

function i16x8GtS(d: number, a: number, b: number): void {
  I32[d] = ltS16(I32[b], I32[a]);
  HI32[d] = ltS16(HI32[b], HI32[a]);
  V2[d] = ltS16(V2[b], V2[a]);
  V3[d] = ltS16(V3[b], V3[a]);
}

function i16x8GtU(d: number, a: number, b: number): void {
  I32[d] = ltU16(I32[b], I32[a]);
  HI32[d] = ltU16(HI32[b], HI32[a]);
  V2[d] = ltU16(V2[b], V2[a]);
  V3[d] = ltU16(V3[b], V3[a]);
}

function i16x8LeS(d: number, a: number, b: number): void {
  I32[d] = ~ltS16(I32[b], I32[a]);
  HI32[d] = ~ltS16(HI32[b], HI32[a]);
  V2[d] = ~ltS16(V2[b], V2[a]);
  V3[d] = ~ltS16(V3[b], V3[a]);
}

function i16x8LeU(d: number, a: number, b: number): void {
  I32[d] = ~ltU16(I32[b], I32[a]);
  HI32[d] = ~ltU16(HI32[b], HI32[a]);
  V2[d] = ~ltU16(V2[b], V2[a]);
  V3[d] = ~ltU16(V3[b], V3[a]);
}

function i16x8GeS(d: number, a: number, b: number): void {
  I32[d] = ~ltS16(I32[a], I32[b]);
  HI32[d] = ~ltS16(HI32[a], HI32[b]);
  V2[d] = ~ltS16(V2[a], V2[b]);
  V3[d] = ~ltS16(V3[a], V3[b]);
}

function i16x8GeU(d: number, a: number, b: number): void {
  I32[d] = ~ltU16(I32[a], I32[b]);
  HI32[d] = ~ltU16(HI32[a], HI32[b]);
  V2[d] = ~ltU16(V2[a], V2[b]);
  V3[d] = ~ltU16(V3[a], V3[b]);
}

/** Rounding Q15 multiplication; only -1 * -1 overflows, saturating to 0x7fff. */
export function i16x8Q15mulrSatS(d: number, a: number, b: number): void {
  I32[d] = q15mulr(I32[a], I32[b]);
  HI32[d] = q15mulr(HI32[a], HI32[b]);
  V2[d] = q15mulr(V2[a], V2[b]);
  V3[d] = q15mulr(V3[a], V3[b]);
}

function i16x8Neg(d: number, a: number): void {
  I32[d] = sub16(0, I32[a]);
  HI32[d] = sub16(0, HI32[a]);
  V2[d] = sub16(0, V2[a]);
  V3[d] = sub16(0, V3[a]);
}

function i16x8Abs(d: number, a: number): void {
  I32[d] = abs16(I32[a]);
  HI32[d] = abs16(HI32[a]);
  V2[d] = abs16(V2[a]);
  V3[d] = abs16(V3[a]);
}

function i16x8Shl(d: number, a: number, b: number): void {
  const k = I32[b] & 15;
  const keep = Math.imul((0xffff << k) & 0xffff, 0x00010001);
  I32[d] = (I32[a] << k) & keep;
  HI32[d] = (HI32[a] << k) & keep;
  V2[d] = (V2[a] << k) & keep;
  V3[d] = (V3[a] << k) & keep;
}

function i16x8ShrU(d: number, a: number, b: number): void {
  const k = I32[b] & 15;
  const keep = Math.imul(0xffff >>> k, 0x00010001);
  I32[d] = (I32[a] >>> k) & keep;
  HI32[d] = (HI32[a] >>> k) & keep;
  V2[d] = (V2[a] >>> k) & keep;
  V3[d] = (V3[a] >>> k) & keep;
}

function i16x8ShrS(d: number, a: number, b: number): void {
  const k = I32[b] & 15;
  I32[d] = sar16(I32[a], k);
  HI32[d] = sar16(HI32[a], k);
  V2[d] = sar16(V2[a], k);
  V3[d] = sar16(V3[a], k);
}

function i16x8NarrowS(d: number, a: number, b: number): void {
  const a2 = V2[a];
  const a3 = V3[a];
  I32[d] = narrow16S(I32[a], HI32[a]);
  HI32[d] = narrow16S(a2, a3);
  V2[d] = narrow16S(I32[b], HI32[b]);
  V3[d] = narrow16S(V2[b], V3[b]);
}

function i16x8NarrowU(d: number, a: number, b: number): void {
  const a2 = V2[a];
  const a3 = V3[a];
  I32[d] = narrow16U(I32[a], HI32[a]);
  HI32[d] = narrow16U(a2, a3);
  V2[d] = narrow16U(I32[b], HI32[b]);
  V3[d] = narrow16U(V2[b], V3[b]);
}

function i16x8ExtendLowS(d: number, a: number): void {
  const lo = I32[a];
  const hi = HI32[a];
  I32[d] = s8lo(lo);
  HI32[d] = s8hi(lo);
  V2[d] = s8lo(hi);
  V3[d] = s8hi(hi);
}

function i16x8ExtendHighS(d: number, a: number): void {
  const lo = V2[a];
  const hi = V3[a];
  I32[d] = s8lo(lo);
  HI32[d] = s8hi(lo);
  V2[d] = s8lo(hi);
  V3[d] = s8hi(hi);
}

function i16x8ExtendLowU(d: number, a: number): void {
  const lo = I32[a];
  const hi = HI32[a];
  I32[d] = u8lo(lo);
  HI32[d] = u8hi(lo);
  V2[d] = u8lo(hi);
  V3[d] = u8hi(hi);
}

function i16x8ExtendHighU(d: number, a: number): void {
  const lo = V2[a];
  const hi = V3[a];
  I32[d] = u8lo(lo);
  HI32[d] = u8hi(lo);
  V2[d] = u8lo(hi);
  V3[d] = u8hi(hi);
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

function i16x8ExtaddPairwiseS(d: number, a: number): void {
  I32[d] = pairs8S(I32[a]);
  HI32[d] = pairs8S(HI32[a]);
  V2[d] = pairs8S(V2[a]);
  V3[d] = pairs8S(V3[a]);
}

function i16x8ExtaddPairwiseU(d: number, a: number): void {
  I32[d] = pairs8U(I32[a]);
  HI32[d] = pairs8U(HI32[a]);
  V2[d] = pairs8U(V2[a]);
  V3[d] = pairs8U(V3[a]);
}

/** i16 products of the i8 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i16x8ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = mulPairS8(a0, b0, 0);
  HI32[d] = mulPairS8(a0, b0, 16);
  V2[d] = mulPairS8(a1, b1, 0);
  V3[d] = mulPairS8(a1, b1, 16);
}

function i16x8ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = mulPairU8(a0, b0, 0);
  HI32[d] = mulPairU8(a0, b0, 16);
  V2[d] = mulPairU8(a1, b1, 0);
  V3[d] = mulPairU8(a1, b1, 16);
}

function i16x8AllTrue(d: number, a: number): void {
  const zero = hasZero16(I32[a]) || hasZero16(HI32[a]) || hasZero16(V2[a]) || hasZero16(V3[a]);
  I32[d] = zero ? 0 : 1;
}

/** The top bits of the two i16 lanes of `w`, as bits 0-1. */
function mask16(w: number): number {
  return ((w >>> 15) & 1) | ((w >>> 30) & 2);
}

function i16x8Bitmask(d: number, a: number): void {
  I32[d] = mask16(I32[a]) | (mask16(HI32[a]) << 2) | (mask16(V2[a]) << 4) | (mask16(V3[a]) << 6);
}

// ---------------------------------------------------------------------------
// i32x4: one lane per word.

function i32x4Add(d: number, a: number, b: number): void {
  I32[d] = I32[a] + I32[b];
  HI32[d] = HI32[a] + HI32[b];
  V2[d] = V2[a] + V2[b];
  V3[d] = V3[a] + V3[b];
}

function i32x4Sub(d: number, a: number, b: number): void {
  I32[d] = I32[a] - I32[b];
  HI32[d] = HI32[a] - HI32[b];
  V2[d] = V2[a] - V2[b];
  V3[d] = V3[a] - V3[b];
}

function i32x4Mul(d: number, a: number, b: number): void {
  I32[d] = Math.imul(I32[a], I32[b]);
  HI32[d] = Math.imul(HI32[a], HI32[b]);
  V2[d] = Math.imul(V2[a], V2[b]);
  V3[d] = Math.imul(V3[a], V3[b]);
}

function i32x4Neg(d: number, a: number): void {
  I32[d] = -I32[a];
  HI32[d] = -HI32[a];
  V2[d] = -V2[a];
  V3[d] = -V3[a];
}

function i32x4Abs(d: number, a: number): void {
  I32[d] = I32[a] < 0 ? -I32[a] : I32[a];
  HI32[d] = HI32[a] < 0 ? -HI32[a] : HI32[a];
  V2[d] = V2[a] < 0 ? -V2[a] : V2[a];
  V3[d] = V3[a] < 0 ? -V3[a] : V3[a];
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

function i32x4MinS(d: number, a: number, b: number): void {
  I32[d] = minS32(I32[a], I32[b]);
  HI32[d] = minS32(HI32[a], HI32[b]);
  V2[d] = minS32(V2[a], V2[b]);
  V3[d] = minS32(V3[a], V3[b]);
}

function i32x4MinU(d: number, a: number, b: number): void {
  I32[d] = minU32(I32[a], I32[b]);
  HI32[d] = minU32(HI32[a], HI32[b]);
  V2[d] = minU32(V2[a], V2[b]);
  V3[d] = minU32(V3[a], V3[b]);
}

function i32x4MaxS(d: number, a: number, b: number): void {
  I32[d] = maxS32(I32[a], I32[b]);
  HI32[d] = maxS32(HI32[a], HI32[b]);
  V2[d] = maxS32(V2[a], V2[b]);
  V3[d] = maxS32(V3[a], V3[b]);
}

function i32x4MaxU(d: number, a: number, b: number): void {
  I32[d] = maxU32(I32[a], I32[b]);
  HI32[d] = maxU32(HI32[a], HI32[b]);
  V2[d] = maxU32(V2[a], V2[b]);
  V3[d] = maxU32(V3[a], V3[b]);
}

function i32x4Eq(d: number, a: number, b: number): void {
  I32[d] = I32[a] === I32[b] ? -1 : 0;
  HI32[d] = HI32[a] === HI32[b] ? -1 : 0;
  V2[d] = V2[a] === V2[b] ? -1 : 0;
  V3[d] = V3[a] === V3[b] ? -1 : 0;
}

function i32x4Ne(d: number, a: number, b: number): void {
  I32[d] = I32[a] !== I32[b] ? -1 : 0;
  HI32[d] = HI32[a] !== HI32[b] ? -1 : 0;
  V2[d] = V2[a] !== V2[b] ? -1 : 0;
  V3[d] = V3[a] !== V3[b] ? -1 : 0;
}

function i32x4LtS(d: number, a: number, b: number): void {
  I32[d] = I32[a] < I32[b] ? -1 : 0;
  HI32[d] = HI32[a] < HI32[b] ? -1 : 0;
  V2[d] = V2[a] < V2[b] ? -1 : 0;
  V3[d] = V3[a] < V3[b] ? -1 : 0;
}

function i32x4LtU(d: number, a: number, b: number): void {
  I32[d] = I32[a] >>> 0 < I32[b] >>> 0 ? -1 : 0;
  HI32[d] = HI32[a] >>> 0 < HI32[b] >>> 0 ? -1 : 0;
  V2[d] = V2[a] >>> 0 < V2[b] >>> 0 ? -1 : 0;
  V3[d] = V3[a] >>> 0 < V3[b] >>> 0 ? -1 : 0;
}

function i32x4GtS(d: number, a: number, b: number): void {
  I32[d] = I32[a] > I32[b] ? -1 : 0;
  HI32[d] = HI32[a] > HI32[b] ? -1 : 0;
  V2[d] = V2[a] > V2[b] ? -1 : 0;
  V3[d] = V3[a] > V3[b] ? -1 : 0;
}

function i32x4GtU(d: number, a: number, b: number): void {
  I32[d] = I32[a] >>> 0 > I32[b] >>> 0 ? -1 : 0;
  HI32[d] = HI32[a] >>> 0 > HI32[b] >>> 0 ? -1 : 0;
  V2[d] = V2[a] >>> 0 > V2[b] >>> 0 ? -1 : 0;
  V3[d] = V3[a] >>> 0 > V3[b] >>> 0 ? -1 : 0;
}

function i32x4LeS(d: number, a: number, b: number): void {
  I32[d] = I32[a] <= I32[b] ? -1 : 0;
  HI32[d] = HI32[a] <= HI32[b] ? -1 : 0;
  V2[d] = V2[a] <= V2[b] ? -1 : 0;
  V3[d] = V3[a] <= V3[b] ? -1 : 0;
}

function i32x4LeU(d: number, a: number, b: number): void {
  I32[d] = I32[a] >>> 0 <= I32[b] >>> 0 ? -1 : 0;
  HI32[d] = HI32[a] >>> 0 <= HI32[b] >>> 0 ? -1 : 0;
  V2[d] = V2[a] >>> 0 <= V2[b] >>> 0 ? -1 : 0;
  V3[d] = V3[a] >>> 0 <= V3[b] >>> 0 ? -1 : 0;
}

function i32x4GeS(d: number, a: number, b: number): void {
  I32[d] = I32[a] >= I32[b] ? -1 : 0;
  HI32[d] = HI32[a] >= HI32[b] ? -1 : 0;
  V2[d] = V2[a] >= V2[b] ? -1 : 0;
  V3[d] = V3[a] >= V3[b] ? -1 : 0;
}

function i32x4GeU(d: number, a: number, b: number): void {
  I32[d] = I32[a] >>> 0 >= I32[b] >>> 0 ? -1 : 0;
  HI32[d] = HI32[a] >>> 0 >= HI32[b] >>> 0 ? -1 : 0;
  V2[d] = V2[a] >>> 0 >= V2[b] >>> 0 ? -1 : 0;
  V3[d] = V3[a] >>> 0 >= V3[b] >>> 0 ? -1 : 0;
}

function i32x4Shl(d: number, a: number, b: number): void {
  const k = I32[b] & 31;
  I32[d] = I32[a] << k;
  HI32[d] = HI32[a] << k;
  V2[d] = V2[a] << k;
  V3[d] = V3[a] << k;
}

function i32x4ShrS(d: number, a: number, b: number): void {
  const k = I32[b] & 31;
  I32[d] = I32[a] >> k;
  HI32[d] = HI32[a] >> k;
  V2[d] = V2[a] >> k;
  V3[d] = V3[a] >> k;
}

function i32x4ShrU(d: number, a: number, b: number): void {
  const k = I32[b] & 31;
  I32[d] = I32[a] >>> k;
  HI32[d] = HI32[a] >>> k;
  V2[d] = V2[a] >>> k;
  V3[d] = V3[a] >>> k;
}

function i32x4AllTrue(d: number, a: number): void {
  I32[d] = I32[a] !== 0 && HI32[a] !== 0 && V2[a] !== 0 && V3[a] !== 0 ? 1 : 0;
}

function i32x4Bitmask(d: number, a: number): void {
  I32[d] =
    (I32[a] >>> 31) | ((HI32[a] >>> 31) << 1) | ((V2[a] >>> 31) << 2) | ((V3[a] >>> 31) << 3);
}

/** Sum of the products of the two i16 lanes of words `a` and `b` (wrapping). */
function dot16(a: number, b: number): number {
  return (((a << 16) >> 16) * ((b << 16) >> 16) + (a >> 16) * (b >> 16)) | 0;
}

function i32x4DotI16x8S(d: number, a: number, b: number): void {
  I32[d] = dot16(I32[a], I32[b]);
  HI32[d] = dot16(HI32[a], HI32[b]);
  V2[d] = dot16(V2[a], V2[b]);
  V3[d] = dot16(V3[a], V3[b]);
}

/** i32 products of the i16 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i32x4ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = ((a0 << 16) >> 16) * ((b0 << 16) >> 16);
  HI32[d] = (a0 >> 16) * (b0 >> 16);
  V2[d] = ((a1 << 16) >> 16) * ((b1 << 16) >> 16);
  V3[d] = (a1 >> 16) * (b1 >> 16);
}

function i32x4ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = (a0 & 0xffff) * (b0 & 0xffff);
  HI32[d] = (a0 >>> 16) * (b0 >>> 16);
  V2[d] = (a1 & 0xffff) * (b1 & 0xffff);
  V3[d] = (a1 >>> 16) * (b1 >>> 16);
}

function i32x4ExtaddPairwiseS(d: number, a: number): void {
  I32[d] = ((I32[a] << 16) >> 16) + (I32[a] >> 16);
  HI32[d] = ((HI32[a] << 16) >> 16) + (HI32[a] >> 16);
  V2[d] = ((V2[a] << 16) >> 16) + (V2[a] >> 16);
  V3[d] = ((V3[a] << 16) >> 16) + (V3[a] >> 16);
}

function i32x4ExtaddPairwiseU(d: number, a: number): void {
  I32[d] = (I32[a] & 0xffff) + (I32[a] >>> 16);
  HI32[d] = (HI32[a] & 0xffff) + (HI32[a] >>> 16);
  V2[d] = (V2[a] & 0xffff) + (V2[a] >>> 16);
  V3[d] = (V3[a] & 0xffff) + (V3[a] >>> 16);
}

function i32x4ExtendS(d: number, a: number, high: boolean): void {
  const lo = high ? V2[a] : I32[a];
  const hi = high ? V3[a] : HI32[a];
  I32[d] = (lo << 16) >> 16;
  HI32[d] = lo >> 16;
  V2[d] = (hi << 16) >> 16;
  V3[d] = hi >> 16;
}

function i32x4ExtendU(d: number, a: number, high: boolean): void {
  const lo = high ? V2[a] : I32[a];
  const hi = high ? V3[a] : HI32[a];
  I32[d] = lo & 0xffff;
  HI32[d] = lo >>> 16;
  V2[d] = hi & 0xffff;
  V3[d] = hi >>> 16;
}

// ---------------------------------------------------------------------------
// i64x2: lane 0 is (I32, HI32), lane 1 is (V2, V3), as (low, high) halves.

function i64x2Add(d: number, a: number, b: number): void {
  const lo0 = (I32[a] >>> 0) + (I32[b] >>> 0);
  const hi0 = HI32[a] + HI32[b] + (lo0 > 0xffffffff ? 1 : 0);
  const lo1 = (V2[a] >>> 0) + (V2[b] >>> 0);
  const hi1 = V3[a] + V3[b] + (lo1 > 0xffffffff ? 1 : 0);
  I32[d] = lo0;
  HI32[d] = hi0;
  V2[d] = lo1;
  V3[d] = hi1;
}

function i64x2Sub(d: number, a: number, b: number): void {
  const lo0 = (I32[a] >>> 0) - (I32[b] >>> 0);
  const hi0 = HI32[a] - HI32[b] - (lo0 < 0 ? 1 : 0);
  const lo1 = (V2[a] >>> 0) - (V2[b] >>> 0);
  const hi1 = V3[a] - V3[b] - (lo1 < 0 ? 1 : 0);
  I32[d] = lo0;
  HI32[d] = hi0;
  V2[d] = lo1;
  V3[d] = hi1;
}

function i64x2Mul(d: number, a: number, b: number): void {
  const lo0 = i64Mul(I32[a], HI32[a], I32[b], HI32[b]);
  const hi0 = R.hi;
  const lo1 = i64Mul(V2[a], V3[a], V2[b], V3[b]);
  const hi1 = R.hi;
  I32[d] = lo0;
  HI32[d] = hi0;
  V2[d] = lo1;
  V3[d] = hi1;
}

function i64x2Neg(d: number, a: number): void {
  const lo0 = I32[a];
  const hi0 = HI32[a];
  const lo1 = V2[a];
  const hi1 = V3[a];
  I32[d] = -lo0;
  HI32[d] = ~hi0 + (lo0 === 0 ? 1 : 0);
  V2[d] = -lo1;
  V3[d] = ~hi1 + (lo1 === 0 ? 1 : 0);
}

function i64x2Abs(d: number, a: number): void {
  const lo0 = I32[a];
  const hi0 = HI32[a];
  const lo1 = V2[a];
  const hi1 = V3[a];
  if (hi0 < 0) {
    I32[d] = -lo0;
    HI32[d] = ~hi0 + (lo0 === 0 ? 1 : 0);
  } else {
    I32[d] = lo0;
    HI32[d] = hi0;
  }
  if (hi1 < 0) {
    V2[d] = -lo1;
    V3[d] = ~hi1 + (lo1 === 0 ? 1 : 0);
  } else {
    V2[d] = lo1;
    V3[d] = hi1;
  }
}

/** Signed a < b of i64s given as halves. */
function lt64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah < bh || (ah === bh && al >>> 0 < bl >>> 0);
}

function setMask64(d: number, lane0: boolean, lane1: boolean): void {
  const m0 = lane0 ? -1 : 0;
  const m1 = lane1 ? -1 : 0;
  I32[d] = m0;
  HI32[d] = m0;
  V2[d] = m1;
  V3[d] = m1;
}

function i64x2Eq(d: number, a: number, b: number): void {
  setMask64(d, I32[a] === I32[b] && HI32[a] === HI32[b], V2[a] === V2[b] && V3[a] === V3[b]);
}

function i64x2Ne(d: number, a: number, b: number): void {
  setMask64(d, I32[a] !== I32[b] || HI32[a] !== HI32[b], V2[a] !== V2[b] || V3[a] !== V3[b]);
}

function i64x2LtS(d: number, a: number, b: number): void {
  setMask64(d, lt64(I32[a], HI32[a], I32[b], HI32[b]), lt64(V2[a], V3[a], V2[b], V3[b]));
}

function i64x2GtS(d: number, a: number, b: number): void {
  setMask64(d, lt64(I32[b], HI32[b], I32[a], HI32[a]), lt64(V2[b], V3[b], V2[a], V3[a]));
}

function i64x2LeS(d: number, a: number, b: number): void {
  setMask64(d, !lt64(I32[b], HI32[b], I32[a], HI32[a]), !lt64(V2[b], V3[b], V2[a], V3[a]));
}

function i64x2GeS(d: number, a: number, b: number): void {
  setMask64(d, !lt64(I32[a], HI32[a], I32[b], HI32[b]), !lt64(V2[a], V3[a], V2[b], V3[b]));
}

function i64x2Shl(d: number, a: number, b: number): void {
  const k = I32[b] & 63;
  const lo0 = I32[a];
  const hi0 = HI32[a];
  const lo1 = V2[a];
  const hi1 = V3[a];
  if (k === 0) {
    I32[d] = lo0;
    HI32[d] = hi0;
    V2[d] = lo1;
    V3[d] = hi1;
  } else if (k < 32) {
    I32[d] = lo0 << k;
    HI32[d] = (hi0 << k) | (lo0 >>> (32 - k));
    V2[d] = lo1 << k;
    V3[d] = (hi1 << k) | (lo1 >>> (32 - k));
  } else {
    I32[d] = 0;
    HI32[d] = lo0 << (k - 32);
    V2[d] = 0;
    V3[d] = lo1 << (k - 32);
  }
}

function i64x2ShrS(d: number, a: number, b: number): void {
  const k = I32[b] & 63;
  const lo0 = I32[a];
  const hi0 = HI32[a];
  const lo1 = V2[a];
  const hi1 = V3[a];
  if (k === 0) {
    I32[d] = lo0;
    HI32[d] = hi0;
    V2[d] = lo1;
    V3[d] = hi1;
  } else if (k < 32) {
    I32[d] = (lo0 >>> k) | (hi0 << (32 - k));
    HI32[d] = hi0 >> k;
    V2[d] = (lo1 >>> k) | (hi1 << (32 - k));
    V3[d] = hi1 >> k;
  } else {
    I32[d] = hi0 >> (k - 32);
    HI32[d] = hi0 >> 31;
    V2[d] = hi1 >> (k - 32);
    V3[d] = hi1 >> 31;
  }
}

function i64x2ShrU(d: number, a: number, b: number): void {
  const k = I32[b] & 63;
  const lo0 = I32[a];
  const hi0 = HI32[a];
  const lo1 = V2[a];
  const hi1 = V3[a];
  if (k === 0) {
    I32[d] = lo0;
    HI32[d] = hi0;
    V2[d] = lo1;
    V3[d] = hi1;
  } else if (k < 32) {
    I32[d] = (lo0 >>> k) | (hi0 << (32 - k));
    HI32[d] = hi0 >>> k;
    V2[d] = (lo1 >>> k) | (hi1 << (32 - k));
    V3[d] = hi1 >>> k;
  } else {
    I32[d] = hi0 >>> (k - 32);
    HI32[d] = 0;
    V2[d] = hi1 >>> (k - 32);
    V3[d] = 0;
  }
}

function i64x2AllTrue(d: number, a: number): void {
  I32[d] = (I32[a] | HI32[a]) !== 0 && (V2[a] | V3[a]) !== 0 ? 1 : 0;
}

function i64x2Bitmask(d: number, a: number): void {
  I32[d] = (HI32[a] >>> 31) | ((V3[a] >>> 31) << 1);
}

function i64x2ExtendS(d: number, a: number, high: boolean): void {
  const w0 = high ? V2[a] : I32[a];
  const w1 = high ? V3[a] : HI32[a];
  I32[d] = w0;
  HI32[d] = w0 >> 31;
  V2[d] = w1;
  V3[d] = w1 >> 31;
}

function i64x2ExtendU(d: number, a: number, high: boolean): void {
  const w0 = high ? V2[a] : I32[a];
  const w1 = high ? V3[a] : HI32[a];
  I32[d] = w0;
  HI32[d] = 0;
  V2[d] = w1;
  V3[d] = 0;
}

function i64x2ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = Math.imul(a0, b0);
  HI32[d] = mulhs(a0, b0);
  V2[d] = Math.imul(a1, b1);
  V3[d] = mulhs(a1, b1);
}

function i64x2ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const a0 = high ? V2[a] : I32[a];
  const a1 = high ? V3[a] : HI32[a];
  const b0 = high ? V2[b] : I32[b];
  const b1 = high ? V3[b] : HI32[b];
  I32[d] = Math.imul(a0, b0);
  HI32[d] = mulhu(a0, b0);
  V2[d] = Math.imul(a1, b1);
  V3[d] = mulhu(a1, b1);
}

// ---------------------------------------------------------------------------
// The table.

export const INTEGER: Record<string, SimdBuild> = {
  'i8x16.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16Add(fp + d, fp + a, fp + b), 0),
  'i8x16.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16Sub(fp + d, fp + a, fp + b), 0),
  'i8x16.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i8x16Neg(fp + d, fp + a), 0),
  'i8x16.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i8x16Abs(fp + d, fp + a), 0),
  'i8x16.popcnt':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i8x16Popcnt(fp + d, fp + a), 0),
  'i8x16.add_sat_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16AddSatS(fp + d, fp + a, fp + b), 0),
  'i8x16.add_sat_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16AddSatU(fp + d, fp + a, fp + b), 0),
  'i8x16.sub_sat_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16SubSatS(fp + d, fp + a, fp + b), 0),
  'i8x16.sub_sat_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16SubSatU(fp + d, fp + a, fp + b), 0),
  'i8x16.min_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16MinS(fp + d, fp + a, fp + b), 0),
  'i8x16.min_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16MinU(fp + d, fp + a, fp + b), 0),
  'i8x16.max_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16MaxS(fp + d, fp + a, fp + b), 0),
  'i8x16.max_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16MaxU(fp + d, fp + a, fp + b), 0),
  'i8x16.avgr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16AvgrU(fp + d, fp + a, fp + b), 0),
  'i8x16.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16Eq(fp + d, fp + a, fp + b), 0),
  'i8x16.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16Ne(fp + d, fp + a, fp + b), 0),
  'i8x16.lt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16LtS(fp + d, fp + a, fp + b), 0),
  'i8x16.lt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16LtU(fp + d, fp + a, fp + b), 0),
  'i8x16.gt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16GtS(fp + d, fp + a, fp + b), 0),
  'i8x16.gt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16GtU(fp + d, fp + a, fp + b), 0),
  'i8x16.le_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16LeS(fp + d, fp + a, fp + b), 0),
  'i8x16.le_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16LeU(fp + d, fp + a, fp + b), 0),
  'i8x16.ge_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16GeS(fp + d, fp + a, fp + b), 0),
  'i8x16.ge_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16GeU(fp + d, fp + a, fp + b), 0),
  'i8x16.shl':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16Shl(fp + d, fp + a, fp + b), 0),
  'i8x16.shr_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16ShrS(fp + d, fp + a, fp + b), 0),
  'i8x16.shr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16ShrU(fp + d, fp + a, fp + b), 0),
  'i8x16.narrow_i16x8_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16NarrowS(fp + d, fp + a, fp + b), 0),
  'i8x16.narrow_i16x8_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i8x16NarrowU(fp + d, fp + a, fp + b), 0),
  'i8x16.all_true':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i8x16AllTrue(fp + d, fp + a), 0),
  'i8x16.bitmask':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i8x16Bitmask(fp + d, fp + a), 0),

  'i16x8.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Add(fp + d, fp + a, fp + b), 0),
  'i16x8.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Sub(fp + d, fp + a, fp + b), 0),
  'i16x8.mul':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Mul(fp + d, fp + a, fp + b), 0),
  'i16x8.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8Neg(fp + d, fp + a), 0),
  'i16x8.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8Abs(fp + d, fp + a), 0),
  'i16x8.add_sat_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8AddSatS(fp + d, fp + a, fp + b), 0),
  'i16x8.add_sat_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8AddSatU(fp + d, fp + a, fp + b), 0),
  'i16x8.sub_sat_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8SubSatS(fp + d, fp + a, fp + b), 0),
  'i16x8.sub_sat_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8SubSatU(fp + d, fp + a, fp + b), 0),
  'i16x8.min_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8MinS(fp + d, fp + a, fp + b), 0),
  'i16x8.min_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8MinU(fp + d, fp + a, fp + b), 0),
  'i16x8.max_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8MaxS(fp + d, fp + a, fp + b), 0),
  'i16x8.max_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8MaxU(fp + d, fp + a, fp + b), 0),
  'i16x8.avgr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8AvgrU(fp + d, fp + a, fp + b), 0),
  'i16x8.q15mulr_sat_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Q15mulrSatS(fp + d, fp + a, fp + b), 0),
  'i16x8.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Eq(fp + d, fp + a, fp + b), 0),
  'i16x8.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Ne(fp + d, fp + a, fp + b), 0),
  'i16x8.lt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8LtS(fp + d, fp + a, fp + b), 0),
  'i16x8.lt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8LtU(fp + d, fp + a, fp + b), 0),
  'i16x8.gt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8GtS(fp + d, fp + a, fp + b), 0),
  'i16x8.gt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8GtU(fp + d, fp + a, fp + b), 0),
  'i16x8.le_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8LeS(fp + d, fp + a, fp + b), 0),
  'i16x8.le_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8LeU(fp + d, fp + a, fp + b), 0),
  'i16x8.ge_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8GeS(fp + d, fp + a, fp + b), 0),
  'i16x8.ge_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8GeU(fp + d, fp + a, fp + b), 0),
  'i16x8.shl':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8Shl(fp + d, fp + a, fp + b), 0),
  'i16x8.shr_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ShrS(fp + d, fp + a, fp + b), 0),
  'i16x8.shr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ShrU(fp + d, fp + a, fp + b), 0),
  'i16x8.narrow_i32x4_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8NarrowS(fp + d, fp + a, fp + b), 0),
  'i16x8.narrow_i32x4_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8NarrowU(fp + d, fp + a, fp + b), 0),
  'i16x8.extend_low_i8x16_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtendLowS(fp + d, fp + a), 0),
  'i16x8.extend_high_i8x16_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtendHighS(fp + d, fp + a), 0),
  'i16x8.extend_low_i8x16_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtendLowU(fp + d, fp + a), 0),
  'i16x8.extend_high_i8x16_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtendHighU(fp + d, fp + a), 0),
  'i16x8.extadd_pairwise_i8x16_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtaddPairwiseS(fp + d, fp + a), 0),
  'i16x8.extadd_pairwise_i8x16_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8ExtaddPairwiseU(fp + d, fp + a), 0),
  'i16x8.extmul_low_i8x16_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ExtmulS(fp + d, fp + a, fp + b, false), 0),
  'i16x8.extmul_high_i8x16_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ExtmulS(fp + d, fp + a, fp + b, true), 0),
  'i16x8.extmul_low_i8x16_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ExtmulU(fp + d, fp + a, fp + b, false), 0),
  'i16x8.extmul_high_i8x16_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i16x8ExtmulU(fp + d, fp + a, fp + b, true), 0),
  'i16x8.all_true':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8AllTrue(fp + d, fp + a), 0),
  'i16x8.bitmask':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i16x8Bitmask(fp + d, fp + a), 0),

  'i32x4.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Add(fp + d, fp + a, fp + b), 0),
  'i32x4.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Sub(fp + d, fp + a, fp + b), 0),
  'i32x4.mul':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Mul(fp + d, fp + a, fp + b), 0),
  'i32x4.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4Neg(fp + d, fp + a), 0),
  'i32x4.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4Abs(fp + d, fp + a), 0),
  'i32x4.min_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4MinS(fp + d, fp + a, fp + b), 0),
  'i32x4.min_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4MinU(fp + d, fp + a, fp + b), 0),
  'i32x4.max_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4MaxS(fp + d, fp + a, fp + b), 0),
  'i32x4.max_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4MaxU(fp + d, fp + a, fp + b), 0),
  'i32x4.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Eq(fp + d, fp + a, fp + b), 0),
  'i32x4.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Ne(fp + d, fp + a, fp + b), 0),
  'i32x4.lt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4LtS(fp + d, fp + a, fp + b), 0),
  'i32x4.lt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4LtU(fp + d, fp + a, fp + b), 0),
  'i32x4.gt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4GtS(fp + d, fp + a, fp + b), 0),
  'i32x4.gt_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4GtU(fp + d, fp + a, fp + b), 0),
  'i32x4.le_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4LeS(fp + d, fp + a, fp + b), 0),
  'i32x4.le_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4LeU(fp + d, fp + a, fp + b), 0),
  'i32x4.ge_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4GeS(fp + d, fp + a, fp + b), 0),
  'i32x4.ge_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4GeU(fp + d, fp + a, fp + b), 0),
  'i32x4.shl':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4Shl(fp + d, fp + a, fp + b), 0),
  'i32x4.shr_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ShrS(fp + d, fp + a, fp + b), 0),
  'i32x4.shr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ShrU(fp + d, fp + a, fp + b), 0),
  'i32x4.all_true':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4AllTrue(fp + d, fp + a), 0),
  'i32x4.bitmask':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4Bitmask(fp + d, fp + a), 0),
  'i32x4.dot_i16x8_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4DotI16x8S(fp + d, fp + a, fp + b), 0),
  'i32x4.extmul_low_i16x8_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ExtmulS(fp + d, fp + a, fp + b, false), 0),
  'i32x4.extmul_high_i16x8_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ExtmulS(fp + d, fp + a, fp + b, true), 0),
  'i32x4.extmul_low_i16x8_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ExtmulU(fp + d, fp + a, fp + b, false), 0),
  'i32x4.extmul_high_i16x8_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i32x4ExtmulU(fp + d, fp + a, fp + b, true), 0),
  'i32x4.extadd_pairwise_i16x8_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtaddPairwiseS(fp + d, fp + a), 0),
  'i32x4.extadd_pairwise_i16x8_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtaddPairwiseU(fp + d, fp + a), 0),
  'i32x4.extend_low_i16x8_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtendS(fp + d, fp + a, false), 0),
  'i32x4.extend_high_i16x8_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtendS(fp + d, fp + a, true), 0),
  'i32x4.extend_low_i16x8_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtendU(fp + d, fp + a, false), 0),
  'i32x4.extend_high_i16x8_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i32x4ExtendU(fp + d, fp + a, true), 0),

  'i64x2.add':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Add(fp + d, fp + a, fp + b), 0),
  'i64x2.sub':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Sub(fp + d, fp + a, fp + b), 0),
  'i64x2.mul':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Mul(fp + d, fp + a, fp + b), 0),
  'i64x2.neg':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2Neg(fp + d, fp + a), 0),
  'i64x2.abs':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2Abs(fp + d, fp + a), 0),
  'i64x2.eq':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Eq(fp + d, fp + a, fp + b), 0),
  'i64x2.ne':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Ne(fp + d, fp + a, fp + b), 0),
  'i64x2.lt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2LtS(fp + d, fp + a, fp + b), 0),
  'i64x2.gt_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2GtS(fp + d, fp + a, fp + b), 0),
  'i64x2.le_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2LeS(fp + d, fp + a, fp + b), 0),
  'i64x2.ge_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2GeS(fp + d, fp + a, fp + b), 0),
  'i64x2.shl':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2Shl(fp + d, fp + a, fp + b), 0),
  'i64x2.shr_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ShrS(fp + d, fp + a, fp + b), 0),
  'i64x2.shr_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ShrU(fp + d, fp + a, fp + b), 0),
  'i64x2.all_true':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2AllTrue(fp + d, fp + a), 0),
  'i64x2.bitmask':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2Bitmask(fp + d, fp + a), 0),
  'i64x2.extend_low_i32x4_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2ExtendS(fp + d, fp + a, false), 0),
  'i64x2.extend_high_i32x4_s':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2ExtendS(fp + d, fp + a, true), 0),
  'i64x2.extend_low_i32x4_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2ExtendU(fp + d, fp + a, false), 0),
  'i64x2.extend_high_i32x4_u':
    ({ dest: d, operands: [a] }) =>
    (fp) => (i64x2ExtendU(fp + d, fp + a, true), 0),
  'i64x2.extmul_low_i32x4_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ExtmulS(fp + d, fp + a, fp + b, false), 0),
  'i64x2.extmul_high_i32x4_s':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ExtmulS(fp + d, fp + a, fp + b, true), 0),
  'i64x2.extmul_low_i32x4_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ExtmulU(fp + d, fp + a, fp + b, false), 0),
  'i64x2.extmul_high_i32x4_u':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (i64x2ExtmulU(fp + d, fp + a, fp + b, true), 0),
};
