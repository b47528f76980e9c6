/**
 * Integer lane instructions. Kernels take the absolute slots of the result
 * (`d`) and of the operands (`a`, `b`) and work in place on the words of
 * the vector buffer: words `z .. z + 3` with `z = 4d` (likewise `x` for
 * `a`, `y` for `b`). Scalar operands (shift counts) and results (bitmask,
 * all_true) are in `I32`. `d` may be `a` (see ../simd.ts): kernels whose
 * result word k needs only words k of the operands write as they go; the
 * others (narrowing, extension, extending multiplication, i64 lanes) read
 * the words they need into locals first.
 *
 * i32x4 lanes are the words themselves; an i64x2 lane is a low/high pair of
 * words (lane 0 is words 0-1, lane 1 words 2-3). i8x16 and i16x8 lanes are
 * handled four or two per word by the formulas of words.ts (fewer loads and
 * stores than lane by lane through the byte views), so each kernel is four
 * calls of one small function that V8 inlines.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import * as i64 from '../i64.js';
import * as words from './words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { I32, V32 } = abi;
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
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = add8(V32[x], V32[y]);
  V32[z + 1] = add8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = add8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = add8(V32[x + 3], V32[y + 3]);
}

function i8x16Sub(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = sub8(V32[x], V32[y]);
  V32[z + 1] = sub8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = sub8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = sub8(V32[x + 3], V32[y + 3]);
}

function i8x16AddSatS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = addSatS8(V32[x], V32[y]);
  V32[z + 1] = addSatS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = addSatS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = addSatS8(V32[x + 3], V32[y + 3]);
}

function i8x16AddSatU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = addSatU8(V32[x], V32[y]);
  V32[z + 1] = addSatU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = addSatU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = addSatU8(V32[x + 3], V32[y + 3]);
}

function i8x16SubSatS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = subSatS8(V32[x], V32[y]);
  V32[z + 1] = subSatS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = subSatS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = subSatS8(V32[x + 3], V32[y + 3]);
}

function i8x16SubSatU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = subSatU8(V32[x], V32[y]);
  V32[z + 1] = subSatU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = subSatU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = subSatU8(V32[x + 3], V32[y + 3]);
}

function i8x16MinS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minS8(V32[x], V32[y]);
  V32[z + 1] = minS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minS8(V32[x + 3], V32[y + 3]);
}

function i8x16MinU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minU8(V32[x], V32[y]);
  V32[z + 1] = minU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minU8(V32[x + 3], V32[y + 3]);
}

function i8x16MaxS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxS8(V32[x], V32[y]);
  V32[z + 1] = maxS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxS8(V32[x + 3], V32[y + 3]);
}

function i8x16MaxU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxU8(V32[x], V32[y]);
  V32[z + 1] = maxU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxU8(V32[x + 3], V32[y + 3]);
}

function i8x16AvgrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = avgrU8(V32[x], V32[y]);
  V32[z + 1] = avgrU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = avgrU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = avgrU8(V32[x + 3], V32[y + 3]);
}

function i8x16Eq(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = eq8(V32[x], V32[y]);
  V32[z + 1] = eq8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = eq8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = eq8(V32[x + 3], V32[y + 3]);
}

function i8x16Ne(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~eq8(V32[x], V32[y]);
  V32[z + 1] = ~eq8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~eq8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~eq8(V32[x + 3], V32[y + 3]);
}

function i8x16LtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltS8(V32[x], V32[y]);
  V32[z + 1] = ltS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ltS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ltS8(V32[x + 3], V32[y + 3]);
}

function i8x16LtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltU8(V32[x], V32[y]);
  V32[z + 1] = ltU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ltU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ltU8(V32[x + 3], V32[y + 3]);
}

function i8x16GtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltS8(V32[y], V32[x]);
  V32[z + 1] = ltS8(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ltS8(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ltS8(V32[y + 3], V32[x + 3]);
}

function i8x16GtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltU8(V32[y], V32[x]);
  V32[z + 1] = ltU8(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ltU8(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ltU8(V32[y + 3], V32[x + 3]);
}

function i8x16LeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltS8(V32[y], V32[x]);
  V32[z + 1] = ~ltS8(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ~ltS8(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ~ltS8(V32[y + 3], V32[x + 3]);
}

function i8x16LeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltU8(V32[y], V32[x]);
  V32[z + 1] = ~ltU8(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ~ltU8(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ~ltU8(V32[y + 3], V32[x + 3]);
}

function i8x16GeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltS8(V32[x], V32[y]);
  V32[z + 1] = ~ltS8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~ltS8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~ltS8(V32[x + 3], V32[y + 3]);
}

function i8x16GeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltU8(V32[x], V32[y]);
  V32[z + 1] = ~ltU8(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~ltU8(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~ltU8(V32[x + 3], V32[y + 3]);
}

function i8x16Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = sub8(0, V32[x]);
  V32[z + 1] = sub8(0, V32[x + 1]);
  V32[z + 2] = sub8(0, V32[x + 2]);
  V32[z + 3] = sub8(0, V32[x + 3]);
}

function i8x16Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = abs8(V32[x]);
  V32[z + 1] = abs8(V32[x + 1]);
  V32[z + 2] = abs8(V32[x + 2]);
  V32[z + 3] = abs8(V32[x + 3]);
}

function i8x16Popcnt(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = popcnt8(V32[x]);
  V32[z + 1] = popcnt8(V32[x + 1]);
  V32[z + 2] = popcnt8(V32[x + 2]);
  V32[z + 3] = popcnt8(V32[x + 3]);
}

function i8x16Shl(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 7;
  const keep = Math.imul((0xff << k) & 0xff, 0x01010101);
  V32[z] = (V32[x] << k) & keep;
  V32[z + 1] = (V32[x + 1] << k) & keep;
  V32[z + 2] = (V32[x + 2] << k) & keep;
  V32[z + 3] = (V32[x + 3] << k) & keep;
}

function i8x16ShrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 7;
  const keep = Math.imul(0xff >>> k, 0x01010101);
  V32[z] = (V32[x] >>> k) & keep;
  V32[z + 1] = (V32[x + 1] >>> k) & keep;
  V32[z + 2] = (V32[x + 2] >>> k) & keep;
  V32[z + 3] = (V32[x + 3] >>> k) & keep;
}

function i8x16ShrS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 7;
  V32[z] = sar8(V32[x], k);
  V32[z + 1] = sar8(V32[x + 1], k);
  V32[z + 2] = sar8(V32[x + 2], k);
  V32[z + 3] = sar8(V32[x + 3], k);
}

function i8x16NarrowS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a2 = V32[x + 2];
  const a3 = V32[x + 3];
  V32[z] = narrow8S(V32[x], V32[x + 1]);
  V32[z + 1] = narrow8S(a2, a3);
  V32[z + 2] = narrow8S(V32[y], V32[y + 1]);
  V32[z + 3] = narrow8S(V32[y + 2], V32[y + 3]);
}

function i8x16NarrowU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a2 = V32[x + 2];
  const a3 = V32[x + 3];
  V32[z] = narrow8U(V32[x], V32[x + 1]);
  V32[z + 1] = narrow8U(a2, a3);
  V32[z + 2] = narrow8U(V32[y], V32[y + 1]);
  V32[z + 3] = narrow8U(V32[y + 2], V32[y + 3]);
}

function i8x16AllTrue(d: number, a: number): void {
  const x = a << 2;
  const zero =
    hasZero8(V32[x]) || hasZero8(V32[x + 1]) || hasZero8(V32[x + 2]) || hasZero8(V32[x + 3]);
  I32[d] = zero ? 0 : 1;
}

function i8x16Bitmask(d: number, a: number): void {
  const x = a << 2;
  I32[d] =
    mask8(V32[x]) | (mask8(V32[x + 1]) << 4) | (mask8(V32[x + 2]) << 8) | (mask8(V32[x + 3]) << 12);
}

// ---------------------------------------------------------------------------
// i16x8: two lanes per word.

function i16x8Add(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = add16(V32[x], V32[y]);
  V32[z + 1] = add16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = add16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = add16(V32[x + 3], V32[y + 3]);
}

function i16x8Sub(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = sub16(V32[x], V32[y]);
  V32[z + 1] = sub16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = sub16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = sub16(V32[x + 3], V32[y + 3]);
}

function i16x8Mul(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = mul16(V32[x], V32[y]);
  V32[z + 1] = mul16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = mul16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = mul16(V32[x + 3], V32[y + 3]);
}

function i16x8AddSatS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = addSatS16(V32[x], V32[y]);
  V32[z + 1] = addSatS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = addSatS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = addSatS16(V32[x + 3], V32[y + 3]);
}

function i16x8AddSatU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = addSatU16(V32[x], V32[y]);
  V32[z + 1] = addSatU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = addSatU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = addSatU16(V32[x + 3], V32[y + 3]);
}

function i16x8SubSatS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = subSatS16(V32[x], V32[y]);
  V32[z + 1] = subSatS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = subSatS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = subSatS16(V32[x + 3], V32[y + 3]);
}

function i16x8SubSatU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = subSatU16(V32[x], V32[y]);
  V32[z + 1] = subSatU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = subSatU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = subSatU16(V32[x + 3], V32[y + 3]);
}

function i16x8MinS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minS16(V32[x], V32[y]);
  V32[z + 1] = minS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minS16(V32[x + 3], V32[y + 3]);
}

function i16x8MinU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minU16(V32[x], V32[y]);
  V32[z + 1] = minU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minU16(V32[x + 3], V32[y + 3]);
}

function i16x8MaxS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxS16(V32[x], V32[y]);
  V32[z + 1] = maxS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxS16(V32[x + 3], V32[y + 3]);
}

function i16x8MaxU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxU16(V32[x], V32[y]);
  V32[z + 1] = maxU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxU16(V32[x + 3], V32[y + 3]);
}

function i16x8AvgrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = avgrU16(V32[x], V32[y]);
  V32[z + 1] = avgrU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = avgrU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = avgrU16(V32[x + 3], V32[y + 3]);
}

function i16x8Eq(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = eq16(V32[x], V32[y]);
  V32[z + 1] = eq16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = eq16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = eq16(V32[x + 3], V32[y + 3]);
}

function i16x8Ne(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~eq16(V32[x], V32[y]);
  V32[z + 1] = ~eq16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~eq16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~eq16(V32[x + 3], V32[y + 3]);
}

function i16x8LtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltS16(V32[x], V32[y]);
  V32[z + 1] = ltS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ltS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ltS16(V32[x + 3], V32[y + 3]);
}

function i16x8LtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltU16(V32[x], V32[y]);
  V32[z + 1] = ltU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ltU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ltU16(V32[x + 3], V32[y + 3]);
}

function i16x8GtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltS16(V32[y], V32[x]);
  V32[z + 1] = ltS16(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ltS16(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ltS16(V32[y + 3], V32[x + 3]);
}

function i16x8GtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ltU16(V32[y], V32[x]);
  V32[z + 1] = ltU16(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ltU16(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ltU16(V32[y + 3], V32[x + 3]);
}

function i16x8LeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltS16(V32[y], V32[x]);
  V32[z + 1] = ~ltS16(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ~ltS16(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ~ltS16(V32[y + 3], V32[x + 3]);
}

function i16x8LeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltU16(V32[y], V32[x]);
  V32[z + 1] = ~ltU16(V32[y + 1], V32[x + 1]);
  V32[z + 2] = ~ltU16(V32[y + 2], V32[x + 2]);
  V32[z + 3] = ~ltU16(V32[y + 3], V32[x + 3]);
}

function i16x8GeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltS16(V32[x], V32[y]);
  V32[z + 1] = ~ltS16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~ltS16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~ltS16(V32[x + 3], V32[y + 3]);
}

function i16x8GeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = ~ltU16(V32[x], V32[y]);
  V32[z + 1] = ~ltU16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = ~ltU16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = ~ltU16(V32[x + 3], V32[y + 3]);
}

/** Rounding Q15 multiplication; only -1 * -1 overflows, saturating to 0x7fff. */
export function i16x8Q15mulrSatS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = q15mulr(V32[x], V32[y]);
  V32[z + 1] = q15mulr(V32[x + 1], V32[y + 1]);
  V32[z + 2] = q15mulr(V32[x + 2], V32[y + 2]);
  V32[z + 3] = q15mulr(V32[x + 3], V32[y + 3]);
}

function i16x8Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = sub16(0, V32[x]);
  V32[z + 1] = sub16(0, V32[x + 1]);
  V32[z + 2] = sub16(0, V32[x + 2]);
  V32[z + 3] = sub16(0, V32[x + 3]);
}

function i16x8Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = abs16(V32[x]);
  V32[z + 1] = abs16(V32[x + 1]);
  V32[z + 2] = abs16(V32[x + 2]);
  V32[z + 3] = abs16(V32[x + 3]);
}

function i16x8Shl(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 15;
  const keep = Math.imul((0xffff << k) & 0xffff, 0x00010001);
  V32[z] = (V32[x] << k) & keep;
  V32[z + 1] = (V32[x + 1] << k) & keep;
  V32[z + 2] = (V32[x + 2] << k) & keep;
  V32[z + 3] = (V32[x + 3] << k) & keep;
}

function i16x8ShrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 15;
  const keep = Math.imul(0xffff >>> k, 0x00010001);
  V32[z] = (V32[x] >>> k) & keep;
  V32[z + 1] = (V32[x + 1] >>> k) & keep;
  V32[z + 2] = (V32[x + 2] >>> k) & keep;
  V32[z + 3] = (V32[x + 3] >>> k) & keep;
}

function i16x8ShrS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 15;
  V32[z] = sar16(V32[x], k);
  V32[z + 1] = sar16(V32[x + 1], k);
  V32[z + 2] = sar16(V32[x + 2], k);
  V32[z + 3] = sar16(V32[x + 3], k);
}

function i16x8NarrowS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a2 = V32[x + 2];
  const a3 = V32[x + 3];
  V32[z] = narrow16S(V32[x], V32[x + 1]);
  V32[z + 1] = narrow16S(a2, a3);
  V32[z + 2] = narrow16S(V32[y], V32[y + 1]);
  V32[z + 3] = narrow16S(V32[y + 2], V32[y + 3]);
}

function i16x8NarrowU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a2 = V32[x + 2];
  const a3 = V32[x + 3];
  V32[z] = narrow16U(V32[x], V32[x + 1]);
  V32[z + 1] = narrow16U(a2, a3);
  V32[z + 2] = narrow16U(V32[y], V32[y + 1]);
  V32[z + 3] = narrow16U(V32[y + 2], V32[y + 3]);
}

function i16x8ExtendLowS(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo = V32[x];
  const hi = V32[x + 1];
  V32[z] = s8lo(lo);
  V32[z + 1] = s8hi(lo);
  V32[z + 2] = s8lo(hi);
  V32[z + 3] = s8hi(hi);
}

function i16x8ExtendHighS(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo = V32[x + 2];
  const hi = V32[x + 3];
  V32[z] = s8lo(lo);
  V32[z + 1] = s8hi(lo);
  V32[z + 2] = s8lo(hi);
  V32[z + 3] = s8hi(hi);
}

function i16x8ExtendLowU(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo = V32[x];
  const hi = V32[x + 1];
  V32[z] = u8lo(lo);
  V32[z + 1] = u8hi(lo);
  V32[z + 2] = u8lo(hi);
  V32[z + 3] = u8hi(hi);
}

function i16x8ExtendHighU(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo = V32[x + 2];
  const hi = V32[x + 3];
  V32[z] = u8lo(lo);
  V32[z + 1] = u8hi(lo);
  V32[z + 2] = u8lo(hi);
  V32[z + 3] = u8hi(hi);
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
  const z = d << 2;
  const x = a << 2;
  V32[z] = pairs8S(V32[x]);
  V32[z + 1] = pairs8S(V32[x + 1]);
  V32[z + 2] = pairs8S(V32[x + 2]);
  V32[z + 3] = pairs8S(V32[x + 3]);
}

function i16x8ExtaddPairwiseU(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = pairs8U(V32[x]);
  V32[z + 1] = pairs8U(V32[x + 1]);
  V32[z + 2] = pairs8U(V32[x + 2]);
  V32[z + 3] = pairs8U(V32[x + 3]);
}

/** i16 products of the i8 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i16x8ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = mulPairS8(a0, b0, 0);
  V32[z + 1] = mulPairS8(a0, b0, 16);
  V32[z + 2] = mulPairS8(a1, b1, 0);
  V32[z + 3] = mulPairS8(a1, b1, 16);
}

function i16x8ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = mulPairU8(a0, b0, 0);
  V32[z + 1] = mulPairU8(a0, b0, 16);
  V32[z + 2] = mulPairU8(a1, b1, 0);
  V32[z + 3] = mulPairU8(a1, b1, 16);
}

function i16x8AllTrue(d: number, a: number): void {
  const x = a << 2;
  const zero =
    hasZero16(V32[x]) || hasZero16(V32[x + 1]) || hasZero16(V32[x + 2]) || hasZero16(V32[x + 3]);
  I32[d] = zero ? 0 : 1;
}

/** The top bits of the two i16 lanes of `w`, as bits 0-1. */
function mask16(w: number): number {
  return ((w >>> 15) & 1) | ((w >>> 30) & 2);
}

function i16x8Bitmask(d: number, a: number): void {
  const x = a << 2;
  I32[d] =
    mask16(V32[x]) |
    (mask16(V32[x + 1]) << 2) |
    (mask16(V32[x + 2]) << 4) |
    (mask16(V32[x + 3]) << 6);
}

// ---------------------------------------------------------------------------
// i32x4: one lane per word.

function i32x4Add(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] + V32[y];
  V32[z + 1] = V32[x + 1] + V32[y + 1];
  V32[z + 2] = V32[x + 2] + V32[y + 2];
  V32[z + 3] = V32[x + 3] + V32[y + 3];
}

function i32x4Sub(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] - V32[y];
  V32[z + 1] = V32[x + 1] - V32[y + 1];
  V32[z + 2] = V32[x + 2] - V32[y + 2];
  V32[z + 3] = V32[x + 3] - V32[y + 3];
}

function i32x4Mul(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = Math.imul(V32[x], V32[y]);
  V32[z + 1] = Math.imul(V32[x + 1], V32[y + 1]);
  V32[z + 2] = Math.imul(V32[x + 2], V32[y + 2]);
  V32[z + 3] = Math.imul(V32[x + 3], V32[y + 3]);
}

function i32x4Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = -V32[x];
  V32[z + 1] = -V32[x + 1];
  V32[z + 2] = -V32[x + 2];
  V32[z + 3] = -V32[x + 3];
}

function i32x4Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x] < 0 ? -V32[x] : V32[x];
  V32[z + 1] = V32[x + 1] < 0 ? -V32[x + 1] : V32[x + 1];
  V32[z + 2] = V32[x + 2] < 0 ? -V32[x + 2] : V32[x + 2];
  V32[z + 3] = V32[x + 3] < 0 ? -V32[x + 3] : V32[x + 3];
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
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minS32(V32[x], V32[y]);
  V32[z + 1] = minS32(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minS32(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minS32(V32[x + 3], V32[y + 3]);
}

function i32x4MinU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = minU32(V32[x], V32[y]);
  V32[z + 1] = minU32(V32[x + 1], V32[y + 1]);
  V32[z + 2] = minU32(V32[x + 2], V32[y + 2]);
  V32[z + 3] = minU32(V32[x + 3], V32[y + 3]);
}

function i32x4MaxS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxS32(V32[x], V32[y]);
  V32[z + 1] = maxS32(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxS32(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxS32(V32[x + 3], V32[y + 3]);
}

function i32x4MaxU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = maxU32(V32[x], V32[y]);
  V32[z + 1] = maxU32(V32[x + 1], V32[y + 1]);
  V32[z + 2] = maxU32(V32[x + 2], V32[y + 2]);
  V32[z + 3] = maxU32(V32[x + 3], V32[y + 3]);
}

function i32x4Eq(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] === V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] === V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] === V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] === V32[y + 3] ? -1 : 0;
}

function i32x4Ne(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] !== V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] !== V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] !== V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] !== V32[y + 3] ? -1 : 0;
}

function i32x4LtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] < V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] < V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] < V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] < V32[y + 3] ? -1 : 0;
}

function i32x4LtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] >>> 0 < V32[y] >>> 0 ? -1 : 0;
  V32[z + 1] = V32[x + 1] >>> 0 < V32[y + 1] >>> 0 ? -1 : 0;
  V32[z + 2] = V32[x + 2] >>> 0 < V32[y + 2] >>> 0 ? -1 : 0;
  V32[z + 3] = V32[x + 3] >>> 0 < V32[y + 3] >>> 0 ? -1 : 0;
}

function i32x4GtS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] > V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] > V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] > V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] > V32[y + 3] ? -1 : 0;
}

function i32x4GtU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] >>> 0 > V32[y] >>> 0 ? -1 : 0;
  V32[z + 1] = V32[x + 1] >>> 0 > V32[y + 1] >>> 0 ? -1 : 0;
  V32[z + 2] = V32[x + 2] >>> 0 > V32[y + 2] >>> 0 ? -1 : 0;
  V32[z + 3] = V32[x + 3] >>> 0 > V32[y + 3] >>> 0 ? -1 : 0;
}

function i32x4LeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] <= V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] <= V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] <= V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] <= V32[y + 3] ? -1 : 0;
}

function i32x4LeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] >>> 0 <= V32[y] >>> 0 ? -1 : 0;
  V32[z + 1] = V32[x + 1] >>> 0 <= V32[y + 1] >>> 0 ? -1 : 0;
  V32[z + 2] = V32[x + 2] >>> 0 <= V32[y + 2] >>> 0 ? -1 : 0;
  V32[z + 3] = V32[x + 3] >>> 0 <= V32[y + 3] >>> 0 ? -1 : 0;
}

function i32x4GeS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] >= V32[y] ? -1 : 0;
  V32[z + 1] = V32[x + 1] >= V32[y + 1] ? -1 : 0;
  V32[z + 2] = V32[x + 2] >= V32[y + 2] ? -1 : 0;
  V32[z + 3] = V32[x + 3] >= V32[y + 3] ? -1 : 0;
}

function i32x4GeU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] >>> 0 >= V32[y] >>> 0 ? -1 : 0;
  V32[z + 1] = V32[x + 1] >>> 0 >= V32[y + 1] >>> 0 ? -1 : 0;
  V32[z + 2] = V32[x + 2] >>> 0 >= V32[y + 2] >>> 0 ? -1 : 0;
  V32[z + 3] = V32[x + 3] >>> 0 >= V32[y + 3] >>> 0 ? -1 : 0;
}

function i32x4Shl(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 31;
  V32[z] = V32[x] << k;
  V32[z + 1] = V32[x + 1] << k;
  V32[z + 2] = V32[x + 2] << k;
  V32[z + 3] = V32[x + 3] << k;
}

function i32x4ShrS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 31;
  V32[z] = V32[x] >> k;
  V32[z + 1] = V32[x + 1] >> k;
  V32[z + 2] = V32[x + 2] >> k;
  V32[z + 3] = V32[x + 3] >> k;
}

function i32x4ShrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 31;
  V32[z] = V32[x] >>> k;
  V32[z + 1] = V32[x + 1] >>> k;
  V32[z + 2] = V32[x + 2] >>> k;
  V32[z + 3] = V32[x + 3] >>> k;
}

function i32x4AllTrue(d: number, a: number): void {
  const x = a << 2;
  I32[d] = V32[x] !== 0 && V32[x + 1] !== 0 && V32[x + 2] !== 0 && V32[x + 3] !== 0 ? 1 : 0;
}

function i32x4Bitmask(d: number, a: number): void {
  const x = a << 2;
  I32[d] =
    (V32[x] >>> 31) |
    ((V32[x + 1] >>> 31) << 1) |
    ((V32[x + 2] >>> 31) << 2) |
    ((V32[x + 3] >>> 31) << 3);
}

/** Sum of the products of the two i16 lanes of words `a` and `b` (wrapping). */
function dot16(a: number, b: number): number {
  return (((a << 16) >> 16) * ((b << 16) >> 16) + (a >> 16) * (b >> 16)) | 0;
}

function i32x4DotI16x8S(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = dot16(V32[x], V32[y]);
  V32[z + 1] = dot16(V32[x + 1], V32[y + 1]);
  V32[z + 2] = dot16(V32[x + 2], V32[y + 2]);
  V32[z + 3] = dot16(V32[x + 3], V32[y + 3]);
}

/** i32 products of the i16 lanes in words 0-1 (`high` false) or 2-3 of both operands. */
function i32x4ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = ((a0 << 16) >> 16) * ((b0 << 16) >> 16);
  V32[z + 1] = (a0 >> 16) * (b0 >> 16);
  V32[z + 2] = ((a1 << 16) >> 16) * ((b1 << 16) >> 16);
  V32[z + 3] = (a1 >> 16) * (b1 >> 16);
}

function i32x4ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = (a0 & 0xffff) * (b0 & 0xffff);
  V32[z + 1] = (a0 >>> 16) * (b0 >>> 16);
  V32[z + 2] = (a1 & 0xffff) * (b1 & 0xffff);
  V32[z + 3] = (a1 >>> 16) * (b1 >>> 16);
}

function i32x4ExtaddPairwiseS(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = ((V32[x] << 16) >> 16) + (V32[x] >> 16);
  V32[z + 1] = ((V32[x + 1] << 16) >> 16) + (V32[x + 1] >> 16);
  V32[z + 2] = ((V32[x + 2] << 16) >> 16) + (V32[x + 2] >> 16);
  V32[z + 3] = ((V32[x + 3] << 16) >> 16) + (V32[x + 3] >> 16);
}

function i32x4ExtaddPairwiseU(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = (V32[x] & 0xffff) + (V32[x] >>> 16);
  V32[z + 1] = (V32[x + 1] & 0xffff) + (V32[x + 1] >>> 16);
  V32[z + 2] = (V32[x + 2] & 0xffff) + (V32[x + 2] >>> 16);
  V32[z + 3] = (V32[x + 3] & 0xffff) + (V32[x + 3] >>> 16);
}

function i32x4ExtendS(d: number, a: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const lo = high ? V32[x + 2] : V32[x];
  const hi = high ? V32[x + 3] : V32[x + 1];
  V32[z] = (lo << 16) >> 16;
  V32[z + 1] = lo >> 16;
  V32[z + 2] = (hi << 16) >> 16;
  V32[z + 3] = hi >> 16;
}

function i32x4ExtendU(d: number, a: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const lo = high ? V32[x + 2] : V32[x];
  const hi = high ? V32[x + 3] : V32[x + 1];
  V32[z] = lo & 0xffff;
  V32[z + 1] = lo >>> 16;
  V32[z + 2] = hi & 0xffff;
  V32[z + 3] = hi >>> 16;
}

// ---------------------------------------------------------------------------
// i64x2: lane 0 is words 0 (low half) and 1 (high), lane 1 words 2 and 3.

function i64x2Add(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const lo0 = (V32[x] >>> 0) + (V32[y] >>> 0);
  const hi0 = V32[x + 1] + V32[y + 1] + (lo0 > 0xffffffff ? 1 : 0);
  const lo1 = (V32[x + 2] >>> 0) + (V32[y + 2] >>> 0);
  const hi1 = V32[x + 3] + V32[y + 3] + (lo1 > 0xffffffff ? 1 : 0);
  V32[z] = lo0;
  V32[z + 1] = hi0;
  V32[z + 2] = lo1;
  V32[z + 3] = hi1;
}

function i64x2Sub(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const lo0 = (V32[x] >>> 0) - (V32[y] >>> 0);
  const hi0 = V32[x + 1] - V32[y + 1] - (lo0 < 0 ? 1 : 0);
  const lo1 = (V32[x + 2] >>> 0) - (V32[y + 2] >>> 0);
  const hi1 = V32[x + 3] - V32[y + 3] - (lo1 < 0 ? 1 : 0);
  V32[z] = lo0;
  V32[z + 1] = hi0;
  V32[z + 2] = lo1;
  V32[z + 3] = hi1;
}

function i64x2Mul(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const lo0 = i64Mul(V32[x], V32[x + 1], V32[y], V32[y + 1]);
  const hi0 = R.hi;
  const lo1 = i64Mul(V32[x + 2], V32[x + 3], V32[y + 2], V32[y + 3]);
  const hi1 = R.hi;
  V32[z] = lo0;
  V32[z + 1] = hi0;
  V32[z + 2] = lo1;
  V32[z + 3] = hi1;
}

function i64x2Neg(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo0 = V32[x];
  const hi0 = V32[x + 1];
  const lo1 = V32[x + 2];
  const hi1 = V32[x + 3];
  V32[z] = -lo0;
  V32[z + 1] = ~hi0 + (lo0 === 0 ? 1 : 0);
  V32[z + 2] = -lo1;
  V32[z + 3] = ~hi1 + (lo1 === 0 ? 1 : 0);
}

function i64x2Abs(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  const lo0 = V32[x];
  const hi0 = V32[x + 1];
  const lo1 = V32[x + 2];
  const hi1 = V32[x + 3];
  if (hi0 < 0) {
    V32[z] = -lo0;
    V32[z + 1] = ~hi0 + (lo0 === 0 ? 1 : 0);
  } else {
    V32[z] = lo0;
    V32[z + 1] = hi0;
  }
  if (hi1 < 0) {
    V32[z + 2] = -lo1;
    V32[z + 3] = ~hi1 + (lo1 === 0 ? 1 : 0);
  } else {
    V32[z + 2] = lo1;
    V32[z + 3] = hi1;
  }
}

/** Signed a < b of i64s given as halves. */
function lt64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah < bh || (ah === bh && al >>> 0 < bl >>> 0);
}

/** Writes an all-ones or zero mask to each i64 lane of slot `d`. */
function setMask64(d: number, lane0: boolean, lane1: boolean): void {
  const z = d << 2;
  const m0 = lane0 ? -1 : 0;
  const m1 = lane1 ? -1 : 0;
  V32[z] = m0;
  V32[z + 1] = m0;
  V32[z + 2] = m1;
  V32[z + 3] = m1;
}

function i64x2Eq(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    V32[x] === V32[y] && V32[x + 1] === V32[y + 1],
    V32[x + 2] === V32[y + 2] && V32[x + 3] === V32[y + 3],
  );
}

function i64x2Ne(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    V32[x] !== V32[y] || V32[x + 1] !== V32[y + 1],
    V32[x + 2] !== V32[y + 2] || V32[x + 3] !== V32[y + 3],
  );
}

function i64x2LtS(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    lt64(V32[x], V32[x + 1], V32[y], V32[y + 1]),
    lt64(V32[x + 2], V32[x + 3], V32[y + 2], V32[y + 3]),
  );
}

function i64x2GtS(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    lt64(V32[y], V32[y + 1], V32[x], V32[x + 1]),
    lt64(V32[y + 2], V32[y + 3], V32[x + 2], V32[x + 3]),
  );
}

function i64x2LeS(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    !lt64(V32[y], V32[y + 1], V32[x], V32[x + 1]),
    !lt64(V32[y + 2], V32[y + 3], V32[x + 2], V32[x + 3]),
  );
}

function i64x2GeS(d: number, a: number, b: number): void {
  const x = a << 2;
  const y = b << 2;
  setMask64(
    d,
    !lt64(V32[x], V32[x + 1], V32[y], V32[y + 1]),
    !lt64(V32[x + 2], V32[x + 3], V32[y + 2], V32[y + 3]),
  );
}

function i64x2Shl(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 63;
  const lo0 = V32[x];
  const hi0 = V32[x + 1];
  const lo1 = V32[x + 2];
  const hi1 = V32[x + 3];
  if (k === 0) {
    V32[z] = lo0;
    V32[z + 1] = hi0;
    V32[z + 2] = lo1;
    V32[z + 3] = hi1;
  } else if (k < 32) {
    V32[z] = lo0 << k;
    V32[z + 1] = (hi0 << k) | (lo0 >>> (32 - k));
    V32[z + 2] = lo1 << k;
    V32[z + 3] = (hi1 << k) | (lo1 >>> (32 - k));
  } else {
    V32[z] = 0;
    V32[z + 1] = lo0 << (k - 32);
    V32[z + 2] = 0;
    V32[z + 3] = lo1 << (k - 32);
  }
}

function i64x2ShrS(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 63;
  const lo0 = V32[x];
  const hi0 = V32[x + 1];
  const lo1 = V32[x + 2];
  const hi1 = V32[x + 3];
  if (k === 0) {
    V32[z] = lo0;
    V32[z + 1] = hi0;
    V32[z + 2] = lo1;
    V32[z + 3] = hi1;
  } else if (k < 32) {
    V32[z] = (lo0 >>> k) | (hi0 << (32 - k));
    V32[z + 1] = hi0 >> k;
    V32[z + 2] = (lo1 >>> k) | (hi1 << (32 - k));
    V32[z + 3] = hi1 >> k;
  } else {
    V32[z] = hi0 >> (k - 32);
    V32[z + 1] = hi0 >> 31;
    V32[z + 2] = hi1 >> (k - 32);
    V32[z + 3] = hi1 >> 31;
  }
}

function i64x2ShrU(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const k = I32[b] & 63;
  const lo0 = V32[x];
  const hi0 = V32[x + 1];
  const lo1 = V32[x + 2];
  const hi1 = V32[x + 3];
  if (k === 0) {
    V32[z] = lo0;
    V32[z + 1] = hi0;
    V32[z + 2] = lo1;
    V32[z + 3] = hi1;
  } else if (k < 32) {
    V32[z] = (lo0 >>> k) | (hi0 << (32 - k));
    V32[z + 1] = hi0 >>> k;
    V32[z + 2] = (lo1 >>> k) | (hi1 << (32 - k));
    V32[z + 3] = hi1 >>> k;
  } else {
    V32[z] = hi0 >>> (k - 32);
    V32[z + 1] = 0;
    V32[z + 2] = hi1 >>> (k - 32);
    V32[z + 3] = 0;
  }
}

function i64x2AllTrue(d: number, a: number): void {
  const x = a << 2;
  I32[d] = (V32[x] | V32[x + 1]) !== 0 && (V32[x + 2] | V32[x + 3]) !== 0 ? 1 : 0;
}

function i64x2Bitmask(d: number, a: number): void {
  const x = a << 2;
  I32[d] = (V32[x + 1] >>> 31) | ((V32[x + 3] >>> 31) << 1);
}

function i64x2ExtendS(d: number, a: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const w0 = high ? V32[x + 2] : V32[x];
  const w1 = high ? V32[x + 3] : V32[x + 1];
  V32[z] = w0;
  V32[z + 1] = w0 >> 31;
  V32[z + 2] = w1;
  V32[z + 3] = w1 >> 31;
}

function i64x2ExtendU(d: number, a: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const w0 = high ? V32[x + 2] : V32[x];
  const w1 = high ? V32[x + 3] : V32[x + 1];
  V32[z] = w0;
  V32[z + 1] = 0;
  V32[z + 2] = w1;
  V32[z + 3] = 0;
}

function i64x2ExtmulS(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = Math.imul(a0, b0);
  V32[z + 1] = mulhs(a0, b0);
  V32[z + 2] = Math.imul(a1, b1);
  V32[z + 3] = mulhs(a1, b1);
}

function i64x2ExtmulU(d: number, a: number, b: number, high: boolean): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const a0 = high ? V32[x + 2] : V32[x];
  const a1 = high ? V32[x + 3] : V32[x + 1];
  const b0 = high ? V32[y + 2] : V32[y];
  const b1 = high ? V32[y + 3] : V32[y + 1];
  V32[z] = Math.imul(a0, b0);
  V32[z + 1] = mulhu(a0, b0);
  V32[z + 2] = Math.imul(a1, b1);
  V32[z + 3] = mulhu(a1, b1);
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
