/**
 * Integer lane instructions. Kernels take the frame pointer and the frame
 * slots of the result (`d`) and of the operands (`a`, `b`) and work in
 * place on the words of the vector buffer: words `z .. z + 3` with
 * `z = 4 * (fp + d)` (likewise `x` for `a`, `y` for `b`). Scalar operands (shift counts) and results (bitmask,
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
import { binary, unary } from './build.js';
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
// i16x8: two lanes per word.

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
// i32x4: one lane per word.

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
// i64x2: lane 0 is words 0 (low half) and 1 (high), lane 1 words 2 and 3.

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

export const INTEGER: Record<string, SimdBuild> = {
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
