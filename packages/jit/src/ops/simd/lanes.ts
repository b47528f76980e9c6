/**
 * Whole-vector and lane-moving instructions: bitwise operations, splats,
 * lane extraction and replacement, shuffles and swizzles. All of them move
 * bits exactly (NaN payloads included): float lanes are converted only
 * between a slot's double and the lane's IEEE bits, with `f32FromBits`,
 * `f32ToBits` and the D cell.
 *
 * Kernels take the absolute slots of the result (`d`) and of the operands
 * (`a`, `b`, `c`); `d` may be `a` (see ../simd.ts). Lane immediates are
 * resolved when the statement is built: a lane is a word array from `WORDS`
 * plus a shift, so kernels never index by lane.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';
import * as scratch from './scratch.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { f32FromBits, f32ToBits, F64, HI32, I32, V2, V3 } = abi;
const { AB32, AB8, AU8, BU8, D32, D64, ld2, put, RU8, WORDS } = scratch;

// ---------------------------------------------------------------------------
// Bitwise: word operations on the slot arrays (word k of the result needs
// only words k of the operands).

function not(d: number, a: number): void {
  I32[d] = ~I32[a];
  HI32[d] = ~HI32[a];
  V2[d] = ~V2[a];
  V3[d] = ~V3[a];
}

function and(d: number, a: number, b: number): void {
  I32[d] = I32[a] & I32[b];
  HI32[d] = HI32[a] & HI32[b];
  V2[d] = V2[a] & V2[b];
  V3[d] = V3[a] & V3[b];
}

function andnot(d: number, a: number, b: number): void {
  I32[d] = I32[a] & ~I32[b];
  HI32[d] = HI32[a] & ~HI32[b];
  V2[d] = V2[a] & ~V2[b];
  V3[d] = V3[a] & ~V3[b];
}

function or(d: number, a: number, b: number): void {
  I32[d] = I32[a] | I32[b];
  HI32[d] = HI32[a] | HI32[b];
  V2[d] = V2[a] | V2[b];
  V3[d] = V3[a] | V3[b];
}

function xor(d: number, a: number, b: number): void {
  I32[d] = I32[a] ^ I32[b];
  HI32[d] = HI32[a] ^ HI32[b];
  V2[d] = V2[a] ^ V2[b];
  V3[d] = V3[a] ^ V3[b];
}

/** Bits of the first operand where the mask (third) is 1, of the second where 0. */
export function bitselect(d: number, a: number, b: number, c: number): void {
  I32[d] = (I32[a] & I32[c]) | (I32[b] & ~I32[c]);
  HI32[d] = (HI32[a] & HI32[c]) | (HI32[b] & ~HI32[c]);
  V2[d] = (V2[a] & V2[c]) | (V2[b] & ~V2[c]);
  V3[d] = (V3[a] & V3[c]) | (V3[b] & ~V3[c]);
}

function anyTrue(d: number, a: number): void {
  I32[d] = (I32[a] | HI32[a] | V2[a] | V3[a]) !== 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Splats: the scalar is read before any word of the vector is written.

function splat32(d: number, w: number): void {
  I32[d] = w;
  HI32[d] = w;
  V2[d] = w;
  V3[d] = w;
}

function splatI8(d: number, a: number): void {
  splat32(d, Math.imul(I32[a] & 0xff, 0x01010101));
}

function splatI16(d: number, a: number): void {
  splat32(d, Math.imul(I32[a] & 0xffff, 0x00010001));
}

function splatI32(d: number, a: number): void {
  splat32(d, I32[a]);
}

function splatI64(d: number, a: number): void {
  const lo = I32[a];
  const hi = HI32[a];
  I32[d] = lo;
  HI32[d] = hi;
  V2[d] = lo;
  V3[d] = hi;
}

function splatF32(d: number, a: number): void {
  splat32(d, f32ToBits(F64[a]));
}

function splatF64(d: number, a: number): void {
  D64[0] = F64[a];
  const lo = D32[0];
  const hi = D32[1];
  I32[d] = lo;
  HI32[d] = hi;
  V2[d] = lo;
  V3[d] = hi;
}

// ---------------------------------------------------------------------------
// Lane extraction: `w` is the lane's word array, `sh` the lane's bit shift.

function extractI8S(d: number, a: number, w: Int32Array, sh: number): void {
  I32[d] = (w[a] << (24 - sh)) >> 24;
}

function extractI8U(d: number, a: number, w: Int32Array, sh: number): void {
  I32[d] = (w[a] >>> sh) & 0xff;
}

function extractI16S(d: number, a: number, w: Int32Array, sh: number): void {
  I32[d] = (w[a] << (16 - sh)) >> 16;
}

function extractI16U(d: number, a: number, w: Int32Array, sh: number): void {
  I32[d] = (w[a] >>> sh) & 0xffff;
}

function extractI32(d: number, a: number, w: Int32Array): void {
  I32[d] = w[a];
}

/** An i64 lane: its low and high words become the i64's halves. */
function extractI64(d: number, a: number, lo: Int32Array, hi: Int32Array): void {
  const l = lo[a];
  const h = hi[a];
  I32[d] = l;
  HI32[d] = h;
}

function extractF32(d: number, a: number, w: Int32Array): void {
  F64[d] = f32FromBits(w[a]);
}

function extractF64(d: number, a: number, lo: Int32Array, hi: Int32Array): void {
  D32[0] = lo[a];
  D32[1] = hi[a];
  F64[d] = D64[0];
}

// ---------------------------------------------------------------------------
// Lane replacement: the vector `a` is copied to `d` (nothing to do when
// they are the same slot), then one lane is overwritten with the scalar `b`.

function copy(d: number, a: number): void {
  I32[d] = I32[a];
  HI32[d] = HI32[a];
  V2[d] = V2[a];
  V3[d] = V3[a];
}

function replaceBits(
  d: number,
  a: number,
  b: number,
  w: Int32Array,
  sh: number,
  mask: number,
): void {
  copy(d, a);
  w[d] = (w[d] & ~(mask << sh)) | ((I32[b] & mask) << sh);
}

function replaceI32(d: number, a: number, b: number, w: Int32Array): void {
  copy(d, a);
  w[d] = I32[b];
}

function replaceI64(d: number, a: number, b: number, lo: Int32Array, hi: Int32Array): void {
  copy(d, a);
  lo[d] = I32[b];
  hi[d] = HI32[b];
}

function replaceF32(d: number, a: number, b: number, w: Int32Array): void {
  copy(d, a);
  w[d] = f32ToBits(F64[b]);
}

function replaceF64(d: number, a: number, b: number, lo: Int32Array, hi: Int32Array): void {
  copy(d, a);
  D64[0] = F64[b];
  lo[d] = D32[0];
  hi[d] = D32[1];
}

// ---------------------------------------------------------------------------
// Shuffles and swizzles: through the scratch vectors, so any aliasing is safe.

/** A shuffle moving whole words: result word i is word `ki` of A:B. */
function shuffleWords(
  d: number,
  a: number,
  b: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
): void {
  ld2(a, b);
  I32[d] = AB32[k0];
  HI32[d] = AB32[k1];
  V2[d] = AB32[k2];
  V3[d] = AB32[k3];
}

function shuffleBytes(d: number, a: number, b: number, lanes: Uint8Array): void {
  ld2(a, b);
  for (let i = 0; i < 16; i++) RU8[i] = AB8[lanes[i]];
  put(d);
}

/** Lanes of A selected by B; indices out of range give 0. */
export function swizzle(d: number, a: number, b: number): void {
  ld2(a, b);
  for (let i = 0; i < 16; i++) {
    const j = BU8[i];
    RU8[i] = j < 16 ? AU8[j] : 0;
  }
  put(d);
}

/** The statement of a shuffle, specialized to word moves when lanes allow. */
const shuffle: SimdBuild = (c) => {
  const { dest: d, operands, imm, immAt: at } = c;
  const [a, b] = operands;
  const lanes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) lanes[i] = (imm[at + (i >> 2)] >>> (8 * (i & 3))) & 0xff;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 4) {
    const k = lanes[i];
    const aligned =
      (k & 3) === 0 && lanes[i + 1] === k + 1 && lanes[i + 2] === k + 2 && lanes[i + 3] === k + 3;
    if (aligned) words.push(k >> 2);
  }
  if (words.length === 4) {
    const [k0, k1, k2, k3] = words as [number, number, number, number];
    return (fp) => (shuffleWords(fp + d, fp + a, fp + b, k0, k1, k2, k3), 0);
  }
  return (fp) => (shuffleBytes(fp + d, fp + a, fp + b, lanes), 0);
};

// ---------------------------------------------------------------------------
// The table. A lane's word is `WORDS[lane >> log2(lanes per word)]`.

export const LANES: Record<string, SimdBuild> = {
  'v128.not':
    ({ dest: d, operands: [a] }) =>
    (fp) => (not(fp + d, fp + a), 0),
  'v128.and':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (and(fp + d, fp + a, fp + b), 0),
  'v128.andnot':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (andnot(fp + d, fp + a, fp + b), 0),
  'v128.or':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (or(fp + d, fp + a, fp + b), 0),
  'v128.xor':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (xor(fp + d, fp + a, fp + b), 0),
  'v128.bitselect':
    ({ dest: d, operands: [a, b, c] }) =>
    (fp) => (bitselect(fp + d, fp + a, fp + b, fp + c), 0),
  'v128.any_true':
    ({ dest: d, operands: [a] }) =>
    (fp) => (anyTrue(fp + d, fp + a), 0),

  'i8x16.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatI8(fp + d, fp + a), 0),
  'i16x8.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatI16(fp + d, fp + a), 0),
  'i32x4.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatI32(fp + d, fp + a), 0),
  'i64x2.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatI64(fp + d, fp + a), 0),
  'f32x4.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatF32(fp + d, fp + a), 0),
  'f64x2.splat':
    ({ dest: d, operands: [a] }) =>
    (fp) => (splatF64(fp + d, fp + a), 0),

  'i8x16.extract_lane_s': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 2];
    const sh = 8 * (lane & 3);
    return (fp) => (extractI8S(fp + d, fp + a, w, sh), 0);
  },
  'i8x16.extract_lane_u': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 2];
    const sh = 8 * (lane & 3);
    return (fp) => (extractI8U(fp + d, fp + a, w, sh), 0);
  },
  'i16x8.extract_lane_s': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 1];
    const sh = 16 * (lane & 1);
    return (fp) => (extractI16S(fp + d, fp + a, w, sh), 0);
  },
  'i16x8.extract_lane_u': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 1];
    const sh = 16 * (lane & 1);
    return (fp) => (extractI16U(fp + d, fp + a, w, sh), 0);
  },
  'i32x4.extract_lane': ({ dest: d, operands: [a], imm, immAt }) => {
    const w = WORDS[imm[immAt]];
    return (fp) => (extractI32(fp + d, fp + a, w), 0);
  },
  'i64x2.extract_lane': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    // Lane 0's words already are the i64's halves when the vector is in `d`.
    if (lane === 0 && d === a) return () => 0;
    const lo = WORDS[2 * lane];
    const hi = WORDS[2 * lane + 1];
    return (fp) => (extractI64(fp + d, fp + a, lo, hi), 0);
  },
  'f32x4.extract_lane': ({ dest: d, operands: [a], imm, immAt }) => {
    const w = WORDS[imm[immAt]];
    return (fp) => (extractF32(fp + d, fp + a, w), 0);
  },
  'f64x2.extract_lane': ({ dest: d, operands: [a], imm, immAt }) => {
    const lane = imm[immAt];
    const lo = WORDS[2 * lane];
    const hi = WORDS[2 * lane + 1];
    return (fp) => (extractF64(fp + d, fp + a, lo, hi), 0);
  },

  'i8x16.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 2];
    const sh = 8 * (lane & 3);
    return (fp) => (replaceBits(fp + d, fp + a, fp + b, w, sh, 0xff), 0);
  },
  'i16x8.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const lane = imm[immAt];
    const w = WORDS[lane >> 1];
    const sh = 16 * (lane & 1);
    return (fp) => (replaceBits(fp + d, fp + a, fp + b, w, sh, 0xffff), 0);
  },
  'i32x4.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const w = WORDS[imm[immAt]];
    return (fp) => (replaceI32(fp + d, fp + a, fp + b, w), 0);
  },
  'i64x2.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const lane = imm[immAt];
    const lo = WORDS[2 * lane];
    const hi = WORDS[2 * lane + 1];
    return (fp) => (replaceI64(fp + d, fp + a, fp + b, lo, hi), 0);
  },
  'f32x4.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const w = WORDS[imm[immAt]];
    return (fp) => (replaceF32(fp + d, fp + a, fp + b, w), 0);
  },
  'f64x2.replace_lane': ({ dest: d, operands: [a, b], imm, immAt }) => {
    const lane = imm[immAt];
    const lo = WORDS[2 * lane];
    const hi = WORDS[2 * lane + 1];
    return (fp) => (replaceF64(fp + d, fp + a, fp + b, lo, hi), 0);
  },

  'i8x16.shuffle': shuffle,
  'i8x16.swizzle':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (swizzle(fp + d, fp + a, fp + b), 0),
};
