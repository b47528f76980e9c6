/**
 * i8x16 integer lane instructions: four lanes per word, by the formulas of
 * ../words.ts, so each lane-wise kernel is four calls of one small function
 * that V8 inlines. Conventions (slots, words `z`/`x`/`y`, aliasing) are in
 * ../integer.ts.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../../simd.js';
import { binary, unary } from '../build.js';
import * as words from '../words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { I32_SLOTS: I32, V32 } = abi;
const {
  abs8,
  add8,
  addSatS8,
  addSatU8,
  avgrU8,
  eq8,
  hasZero8,
  ltS8,
  ltU8,
  mask8,
  maxS8,
  maxU8,
  minS8,
  minU8,
  narrow8S,
  narrow8U,
  popcnt8,
  sar8,
  sub8,
  subSatS8,
  subSatU8,
} = words;

function i8x16Add(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = add8(v[x], v[y]);
  v[z + 1] = add8(v[x + 1], v[y + 1]);
  v[z + 2] = add8(v[x + 2], v[y + 2]);
  v[z + 3] = add8(v[x + 3], v[y + 3]);
}

function i8x16Sub(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = sub8(v[x], v[y]);
  v[z + 1] = sub8(v[x + 1], v[y + 1]);
  v[z + 2] = sub8(v[x + 2], v[y + 2]);
  v[z + 3] = sub8(v[x + 3], v[y + 3]);
}

function i8x16AddSatS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = addSatS8(v[x], v[y]);
  v[z + 1] = addSatS8(v[x + 1], v[y + 1]);
  v[z + 2] = addSatS8(v[x + 2], v[y + 2]);
  v[z + 3] = addSatS8(v[x + 3], v[y + 3]);
}

function i8x16AddSatU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = addSatU8(v[x], v[y]);
  v[z + 1] = addSatU8(v[x + 1], v[y + 1]);
  v[z + 2] = addSatU8(v[x + 2], v[y + 2]);
  v[z + 3] = addSatU8(v[x + 3], v[y + 3]);
}

function i8x16SubSatS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = subSatS8(v[x], v[y]);
  v[z + 1] = subSatS8(v[x + 1], v[y + 1]);
  v[z + 2] = subSatS8(v[x + 2], v[y + 2]);
  v[z + 3] = subSatS8(v[x + 3], v[y + 3]);
}

function i8x16SubSatU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = subSatU8(v[x], v[y]);
  v[z + 1] = subSatU8(v[x + 1], v[y + 1]);
  v[z + 2] = subSatU8(v[x + 2], v[y + 2]);
  v[z + 3] = subSatU8(v[x + 3], v[y + 3]);
}

function i8x16MinS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minS8(v[x], v[y]);
  v[z + 1] = minS8(v[x + 1], v[y + 1]);
  v[z + 2] = minS8(v[x + 2], v[y + 2]);
  v[z + 3] = minS8(v[x + 3], v[y + 3]);
}

function i8x16MinU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = minU8(v[x], v[y]);
  v[z + 1] = minU8(v[x + 1], v[y + 1]);
  v[z + 2] = minU8(v[x + 2], v[y + 2]);
  v[z + 3] = minU8(v[x + 3], v[y + 3]);
}

function i8x16MaxS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxS8(v[x], v[y]);
  v[z + 1] = maxS8(v[x + 1], v[y + 1]);
  v[z + 2] = maxS8(v[x + 2], v[y + 2]);
  v[z + 3] = maxS8(v[x + 3], v[y + 3]);
}

function i8x16MaxU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = maxU8(v[x], v[y]);
  v[z + 1] = maxU8(v[x + 1], v[y + 1]);
  v[z + 2] = maxU8(v[x + 2], v[y + 2]);
  v[z + 3] = maxU8(v[x + 3], v[y + 3]);
}

function i8x16AvgrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = avgrU8(v[x], v[y]);
  v[z + 1] = avgrU8(v[x + 1], v[y + 1]);
  v[z + 2] = avgrU8(v[x + 2], v[y + 2]);
  v[z + 3] = avgrU8(v[x + 3], v[y + 3]);
}

function i8x16Eq(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = eq8(v[x], v[y]);
  v[z + 1] = eq8(v[x + 1], v[y + 1]);
  v[z + 2] = eq8(v[x + 2], v[y + 2]);
  v[z + 3] = eq8(v[x + 3], v[y + 3]);
}

function i8x16Ne(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~eq8(v[x], v[y]);
  v[z + 1] = ~eq8(v[x + 1], v[y + 1]);
  v[z + 2] = ~eq8(v[x + 2], v[y + 2]);
  v[z + 3] = ~eq8(v[x + 3], v[y + 3]);
}

function i8x16LtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltS8(v[x], v[y]);
  v[z + 1] = ltS8(v[x + 1], v[y + 1]);
  v[z + 2] = ltS8(v[x + 2], v[y + 2]);
  v[z + 3] = ltS8(v[x + 3], v[y + 3]);
}

function i8x16LtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltU8(v[x], v[y]);
  v[z + 1] = ltU8(v[x + 1], v[y + 1]);
  v[z + 2] = ltU8(v[x + 2], v[y + 2]);
  v[z + 3] = ltU8(v[x + 3], v[y + 3]);
}

function i8x16GtS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltS8(v[y], v[x]);
  v[z + 1] = ltS8(v[y + 1], v[x + 1]);
  v[z + 2] = ltS8(v[y + 2], v[x + 2]);
  v[z + 3] = ltS8(v[y + 3], v[x + 3]);
}

function i8x16GtU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ltU8(v[y], v[x]);
  v[z + 1] = ltU8(v[y + 1], v[x + 1]);
  v[z + 2] = ltU8(v[y + 2], v[x + 2]);
  v[z + 3] = ltU8(v[y + 3], v[x + 3]);
}

function i8x16LeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltS8(v[y], v[x]);
  v[z + 1] = ~ltS8(v[y + 1], v[x + 1]);
  v[z + 2] = ~ltS8(v[y + 2], v[x + 2]);
  v[z + 3] = ~ltS8(v[y + 3], v[x + 3]);
}

function i8x16LeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltU8(v[y], v[x]);
  v[z + 1] = ~ltU8(v[y + 1], v[x + 1]);
  v[z + 2] = ~ltU8(v[y + 2], v[x + 2]);
  v[z + 3] = ~ltU8(v[y + 3], v[x + 3]);
}

function i8x16GeS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltS8(v[x], v[y]);
  v[z + 1] = ~ltS8(v[x + 1], v[y + 1]);
  v[z + 2] = ~ltS8(v[x + 2], v[y + 2]);
  v[z + 3] = ~ltS8(v[x + 3], v[y + 3]);
}

function i8x16GeU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = ~ltU8(v[x], v[y]);
  v[z + 1] = ~ltU8(v[x + 1], v[y + 1]);
  v[z + 2] = ~ltU8(v[x + 2], v[y + 2]);
  v[z + 3] = ~ltU8(v[x + 3], v[y + 3]);
}

function i8x16Neg(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = sub8(0, v[x]);
  v[z + 1] = sub8(0, v[x + 1]);
  v[z + 2] = sub8(0, v[x + 2]);
  v[z + 3] = sub8(0, v[x + 3]);
}

function i8x16Abs(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = abs8(v[x]);
  v[z + 1] = abs8(v[x + 1]);
  v[z + 2] = abs8(v[x + 2]);
  v[z + 3] = abs8(v[x + 3]);
}

function i8x16Popcnt(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = popcnt8(v[x]);
  v[z + 1] = popcnt8(v[x + 1]);
  v[z + 2] = popcnt8(v[x + 2]);
  v[z + 3] = popcnt8(v[x + 3]);
}

function i8x16Shl(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 7;
  const keep = Math.imul((0xff << k) & 0xff, 0x01010101);
  v[z] = (v[x] << k) & keep;
  v[z + 1] = (v[x + 1] << k) & keep;
  v[z + 2] = (v[x + 2] << k) & keep;
  v[z + 3] = (v[x + 3] << k) & keep;
}

function i8x16ShrU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 7;
  const keep = Math.imul(0xff >>> k, 0x01010101);
  v[z] = (v[x] >>> k) & keep;
  v[z + 1] = (v[x + 1] >>> k) & keep;
  v[z + 2] = (v[x + 2] >>> k) & keep;
  v[z + 3] = (v[x + 3] >>> k) & keep;
}

function i8x16ShrS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const k = I32[fp + b] & 7;
  v[z] = sar8(v[x], k);
  v[z + 1] = sar8(v[x + 1], k);
  v[z + 2] = sar8(v[x + 2], k);
  v[z + 3] = sar8(v[x + 3], k);
}

function i8x16NarrowS(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a2 = v[x + 2];
  const a3 = v[x + 3];
  v[z] = narrow8S(v[x], v[x + 1]);
  v[z + 1] = narrow8S(a2, a3);
  v[z + 2] = narrow8S(v[y], v[y + 1]);
  v[z + 3] = narrow8S(v[y + 2], v[y + 3]);
}

function i8x16NarrowU(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const a2 = v[x + 2];
  const a3 = v[x + 3];
  v[z] = narrow8U(v[x], v[x + 1]);
  v[z + 1] = narrow8U(a2, a3);
  v[z + 2] = narrow8U(v[y], v[y + 1]);
  v[z + 3] = narrow8U(v[y + 2], v[y + 3]);
}

function i8x16AllTrue(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  const zero = hasZero8(v[x]) || hasZero8(v[x + 1]) || hasZero8(v[x + 2]) || hasZero8(v[x + 3]);
  I32[fp + d] = zero ? 0 : 1;
}

function i8x16Bitmask(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] =
    mask8(v[x]) | (mask8(v[x + 1]) << 4) | (mask8(v[x + 2]) << 8) | (mask8(v[x + 3]) << 12);
}

// ---------------------------------------------------------------------------
// The table.

export const I8X16: Record<string, SimdBuild> = {
  'i8x16.add': binary((d, a, b) => (fp) => (i8x16Add(fp, d, a, b), 0)),
  'i8x16.sub': binary((d, a, b) => (fp) => (i8x16Sub(fp, d, a, b), 0)),
  'i8x16.neg': unary((d, a) => (fp) => (i8x16Neg(fp, d, a), 0)),
  'i8x16.abs': unary((d, a) => (fp) => (i8x16Abs(fp, d, a), 0)),
  'i8x16.popcnt': unary((d, a) => (fp) => (i8x16Popcnt(fp, d, a), 0)),
  'i8x16.add_sat_s': binary((d, a, b) => (fp) => (i8x16AddSatS(fp, d, a, b), 0)),
  'i8x16.add_sat_u': binary((d, a, b) => (fp) => (i8x16AddSatU(fp, d, a, b), 0)),
  'i8x16.sub_sat_s': binary((d, a, b) => (fp) => (i8x16SubSatS(fp, d, a, b), 0)),
  'i8x16.sub_sat_u': binary((d, a, b) => (fp) => (i8x16SubSatU(fp, d, a, b), 0)),
  'i8x16.min_s': binary((d, a, b) => (fp) => (i8x16MinS(fp, d, a, b), 0)),
  'i8x16.min_u': binary((d, a, b) => (fp) => (i8x16MinU(fp, d, a, b), 0)),
  'i8x16.max_s': binary((d, a, b) => (fp) => (i8x16MaxS(fp, d, a, b), 0)),
  'i8x16.max_u': binary((d, a, b) => (fp) => (i8x16MaxU(fp, d, a, b), 0)),
  'i8x16.avgr_u': binary((d, a, b) => (fp) => (i8x16AvgrU(fp, d, a, b), 0)),
  'i8x16.eq': binary((d, a, b) => (fp) => (i8x16Eq(fp, d, a, b), 0)),
  'i8x16.ne': binary((d, a, b) => (fp) => (i8x16Ne(fp, d, a, b), 0)),
  'i8x16.lt_s': binary((d, a, b) => (fp) => (i8x16LtS(fp, d, a, b), 0)),
  'i8x16.lt_u': binary((d, a, b) => (fp) => (i8x16LtU(fp, d, a, b), 0)),
  'i8x16.gt_s': binary((d, a, b) => (fp) => (i8x16GtS(fp, d, a, b), 0)),
  'i8x16.gt_u': binary((d, a, b) => (fp) => (i8x16GtU(fp, d, a, b), 0)),
  'i8x16.le_s': binary((d, a, b) => (fp) => (i8x16LeS(fp, d, a, b), 0)),
  'i8x16.le_u': binary((d, a, b) => (fp) => (i8x16LeU(fp, d, a, b), 0)),
  'i8x16.ge_s': binary((d, a, b) => (fp) => (i8x16GeS(fp, d, a, b), 0)),
  'i8x16.ge_u': binary((d, a, b) => (fp) => (i8x16GeU(fp, d, a, b), 0)),
  'i8x16.shl': binary((d, a, b) => (fp) => (i8x16Shl(fp, d, a, b), 0)),
  'i8x16.shr_s': binary((d, a, b) => (fp) => (i8x16ShrS(fp, d, a, b), 0)),
  'i8x16.shr_u': binary((d, a, b) => (fp) => (i8x16ShrU(fp, d, a, b), 0)),
  'i8x16.narrow_i16x8_s': binary((d, a, b) => (fp) => (i8x16NarrowS(fp, d, a, b), 0)),
  'i8x16.narrow_i16x8_u': binary((d, a, b) => (fp) => (i8x16NarrowU(fp, d, a, b), 0)),
  'i8x16.all_true': unary((d, a) => (fp) => (i8x16AllTrue(fp, d, a), 0)),
  'i8x16.bitmask': unary((d, a) => (fp) => (i8x16Bitmask(fp, d, a), 0)),
};
