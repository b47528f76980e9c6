/**
 * Whole-vector and lane-moving instructions: bitwise operations, splats,
 * lane extraction and replacement, shuffles and swizzles. All of them move
 * bits exactly (NaN payloads included), through integer views only: f32
 * lanes convert with `f32FromBits`/`f32ToBits` to and from the doubles of
 * f32 slots; f64 lanes move as words to and from the words of f64 slots.
 *
 * Kernels take the frame pointer and the frame slots of the result (`d`)
 * and of the operands (`a`, `b`, `c`); `d` may be `a` (see ../simd.ts).
 * Lane numbers are immediates, closed over when the statement is built.
 */
import * as abi from '@weft/runtime';
import { moveV128 } from '../../compiler/operands.js';
import type { Stmt } from '../../compiler/types.js';
import type { SimdBuild } from '../simd.js';
import { binary, binaryLane, ternary, unary, unaryLane } from './build.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const {
  f32FromBits,
  f32ToBits,
  F64_SLOTS: F64,
  HI32_SLOTS: HI32,
  I32_SLOTS: I32,
  V32,
  VI16,
  VI8,
  VU16,
  VU8,
} = abi;

/**
 * The words of the f64 slots (slot `s` is words `2s`, low, and `2s + 1`):
 * f64 lanes move between scalar slots and vectors as words, so that no
 * double is ever read as a number and stored back (which may quiet a
 * signalling NaN).
 */
const F64_WORDS = new Int32Array(F64.buffer, F64.byteOffset, 2 * F64.length);

// ---------------------------------------------------------------------------
// Bitwise: word k of the result needs only words k of the operands, so the
// kernels write as they go.

function not(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  v[z] = ~v[x];
  v[z + 1] = ~v[x + 1];
  v[z + 2] = ~v[x + 2];
  v[z + 3] = ~v[x + 3];
}

function and(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] & v[y];
  v[z + 1] = v[x + 1] & v[y + 1];
  v[z + 2] = v[x + 2] & v[y + 2];
  v[z + 3] = v[x + 3] & v[y + 3];
}

function andnot(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] & ~v[y];
  v[z + 1] = v[x + 1] & ~v[y + 1];
  v[z + 2] = v[x + 2] & ~v[y + 2];
  v[z + 3] = v[x + 3] & ~v[y + 3];
}

function or(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] | v[y];
  v[z + 1] = v[x + 1] | v[y + 1];
  v[z + 2] = v[x + 2] | v[y + 2];
  v[z + 3] = v[x + 3] | v[y + 3];
}

function xor(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  v[z] = v[x] ^ v[y];
  v[z + 1] = v[x + 1] ^ v[y + 1];
  v[z + 2] = v[x + 2] ^ v[y + 2];
  v[z + 3] = v[x + 3] ^ v[y + 3];
}

/** Word `k` of a bitselect: bits of `a` where the mask `c` is 1, of `b` where 0. */
function selectWord(z: number, x: number, y: number, m: number): void {
  const mask = V32[m];
  V32[z] = (V32[x] & mask) | (V32[y] & ~mask);
}

/** Bits of the first operand where the mask (third) is 1, of the second where 0. */
export function bitselect(fp: number, d: number, a: number, b: number, c: number): void {
  const z = (fp + d) << 2;
  const x = (fp + a) << 2;
  const y = (fp + b) << 2;
  const m = (fp + c) << 2;
  selectWord(z, x, y, m);
  selectWord(z + 1, x + 1, y + 1, m + 1);
  selectWord(z + 2, x + 2, y + 2, m + 2);
  selectWord(z + 3, x + 3, y + 3, m + 3);
}

function anyTrue(fp: number, d: number, a: number): void {
  const v = V32;
  const x = (fp + a) << 2;
  I32[fp + d] = (v[x] | v[x + 1] | v[x + 2] | v[x + 3]) !== 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Splats. Scalars live in the scalar arrays, never in the vector buffer, so
// the result cannot overwrite its operand.

function splat32(d: number, w: number): void {
  const z = d << 2;
  V32[z] = w;
  V32[z + 1] = w;
  V32[z + 2] = w;
  V32[z + 3] = w;
}

function splatI8(fp: number, d: number, a: number): void {
  splat32(fp + d, Math.imul(I32[fp + a] & 0xff, 0x01010101));
}

function splatI16(fp: number, d: number, a: number): void {
  splat32(fp + d, Math.imul(I32[fp + a] & 0xffff, 0x00010001));
}

function splatI32(fp: number, d: number, a: number): void {
  splat32(fp + d, I32[fp + a]);
}

function splatI64(fp: number, d: number, a: number): void {
  const v = V32;
  const z = (fp + d) << 2;
  const lo = I32[fp + a];
  const hi = HI32[fp + a];
  v[z] = lo;
  v[z + 1] = hi;
  v[z + 2] = lo;
  v[z + 3] = hi;
}

function splatF32(fp: number, d: number, a: number): void {
  splat32(fp + d, f32ToBits(F64[fp + a]));
}

function splatF64(fp: number, d: number, a: number): void {
  const lo = F64_WORDS[(fp + a) << 1];
  const hi = F64_WORDS[((fp + a) << 1) + 1];
  const v = V32;
  const z = (fp + d) << 2;
  v[z] = lo;
  v[z + 1] = hi;
  v[z + 2] = lo;
  v[z + 3] = hi;
}

// ---------------------------------------------------------------------------
// Lane extraction: lane `k` of the view of the lane's width.

function extractI8S(fp: number, d: number, a: number, k: number): void {
  I32[fp + d] = VI8[((fp + a) << 4) + k];
}

function extractI8U(fp: number, d: number, a: number, k: number): void {
  I32[fp + d] = VU8[((fp + a) << 4) + k];
}

function extractI16S(fp: number, d: number, a: number, k: number): void {
  I32[fp + d] = VI16[((fp + a) << 3) + k];
}

function extractI16U(fp: number, d: number, a: number, k: number): void {
  I32[fp + d] = VU16[((fp + a) << 3) + k];
}

function extractI32(fp: number, d: number, a: number, k: number): void {
  I32[fp + d] = V32[((fp + a) << 2) + k];
}

/** An i64 lane: its low and high words become the i64's halves. */
function extractI64(fp: number, d: number, a: number, k: number): void {
  const w = ((fp + a) << 2) + 2 * k;
  I32[fp + d] = V32[w];
  HI32[fp + d] = V32[w + 1];
}

function extractF32(fp: number, d: number, a: number, k: number): void {
  F64[fp + d] = f32FromBits(V32[((fp + a) << 2) + k]);
}

function extractF64(fp: number, d: number, a: number, k: number): void {
  const w = ((fp + a) << 2) + 2 * k;
  const t = (fp + d) << 1;
  F64_WORDS[t] = V32[w];
  F64_WORDS[t + 1] = V32[w + 1];
}

// ---------------------------------------------------------------------------
// Lane replacement: the vector `a` is copied to `d` (a no-op when they are
// the same slot), then one lane is overwritten with the scalar `b`.

function replaceI8(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  VU8[((fp + d) << 4) + k] = I32[fp + b];
}

function replaceI16(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  VU16[((fp + d) << 3) + k] = I32[fp + b];
}

function replaceI32(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  V32[((fp + d) << 2) + k] = I32[fp + b];
}

function replaceI64(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  const w = ((fp + d) << 2) + 2 * k;
  V32[w] = I32[fp + b];
  V32[w + 1] = HI32[fp + b];
}

function replaceF32(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  V32[((fp + d) << 2) + k] = f32ToBits(F64[fp + b]);
}

function replaceF64(fp: number, d: number, a: number, b: number, k: number): void {
  moveV128(fp, d, a);
  const w = ((fp + d) << 2) + 2 * k;
  const t = (fp + b) << 1;
  V32[w] = F64_WORDS[t];
  V32[w + 1] = F64_WORDS[t + 1];
}

// ---------------------------------------------------------------------------
// Shuffles and swizzles. A result lane may come from any lane of either
// operand and `d` may be `a`, so each result word is assembled in a local
// and the words are written once everything is read.
//
// Shuffle sources are offsets from operand `a`'s first byte (or word): both
// operands are frame slots, so `b`'s distance from `a` is known when the
// statement is built.

/** Result word `i` of a shuffle moving whole words: word `p + k[i]`. */
function shuffleWords(fp: number, d: number, a: number, k: Int32Array): void {
  const v = V32;
  const p = (fp + a) << 2;
  const w0 = v[p + k[0]];
  const w1 = v[p + k[1]];
  const w2 = v[p + k[2]];
  const w3 = v[p + k[3]];
  const z = (fp + d) << 2;
  v[z] = w0;
  v[z + 1] = w1;
  v[z + 2] = w2;
  v[z + 3] = w3;
}

/** Bytes `p + k[i] .. p + k[i + 3]` as one little-endian word. */
function gatherWord(p: number, k: Int32Array, i: number): number {
  return (
    VU8[p + k[i]] | (VU8[p + k[i + 1]] << 8) | (VU8[p + k[i + 2]] << 16) | (VU8[p + k[i + 3]] << 24)
  );
}

function shuffleBytes(fp: number, d: number, a: number, k: Int32Array): void {
  const v = V32;
  const p = (fp + a) << 4;
  const w0 = gatherWord(p, k, 0);
  const w1 = gatherWord(p, k, 4);
  const w2 = gatherWord(p, k, 8);
  const w3 = gatherWord(p, k, 12);
  const z = (fp + d) << 2;
  v[z] = w0;
  v[z + 1] = w1;
  v[z + 2] = w2;
  v[z + 3] = w3;
}

/** Byte `i` of a swizzle: byte `j` of A where `j` is byte `i` of B, 0 if `j` >= 16. */
function swizzleByte(p: number, q: number, i: number): number {
  const j = VU8[q + i];
  return j < 16 ? VU8[p + j] : 0;
}

function swizzleWord(p: number, q: number, i: number): number {
  return (
    swizzleByte(p, q, i) |
    (swizzleByte(p, q, i + 1) << 8) |
    (swizzleByte(p, q, i + 2) << 16) |
    (swizzleByte(p, q, i + 3) << 24)
  );
}

/** Lanes of A selected by B; indices out of range give 0. */
export function swizzle(fp: number, d: number, a: number, b: number): void {
  const v = V32;
  const p = (fp + a) << 4;
  const q = (fp + b) << 4;
  const w0 = swizzleWord(p, q, 0);
  const w1 = swizzleWord(p, q, 4);
  const w2 = swizzleWord(p, q, 8);
  const w3 = swizzleWord(p, q, 12);
  const z = (fp + d) << 2;
  v[z] = w0;
  v[z + 1] = w1;
  v[z + 2] = w2;
  v[z + 3] = w3;
}

/** The statement of a shuffle, specialized to word moves when lanes allow. */
const shuffle: SimdBuild = (c) => {
  const { dest: d, operands, imm, immAt: at } = c;
  const [a, b] = operands;
  const lanes: number[] = [];
  for (let i = 0; i < 16; i++) lanes.push((imm[at + (i >> 2)] >>> (8 * (i & 3))) & 0xff);
  // Lanes 0-15 are bytes of `a`, 16-31 bytes of `b` (16 * (b - a) bytes further).
  const bytes = Int32Array.from(lanes, (l) => (l < 16 ? l : 16 * (b - a) + l - 16));
  const words: number[] = [];
  for (let i = 0; i < 16; i += 4) {
    const l = lanes[i];
    const aligned =
      (l & 3) === 0 && lanes[i + 1] === l + 1 && lanes[i + 2] === l + 2 && lanes[i + 3] === l + 3;
    if (aligned) words.push(bytes[i] >> 2);
  }
  if (words.length === 4) return wordShuffle(d, a, Int32Array.from(words));
  return byteShuffle(d, a, bytes);
};

const wordShuffle =
  (d: number, a: number, k: Int32Array): Stmt =>
  (fp) => (shuffleWords(fp, d, a, k), 0);

const byteShuffle =
  (d: number, a: number, k: Int32Array): Stmt =>
  (fp) => (shuffleBytes(fp, d, a, k), 0);

// ---------------------------------------------------------------------------
// The table.

export const LANES: Record<string, SimdBuild> = {
  'v128.not': unary((d, a) => (fp) => (not(fp, d, a), 0)),
  'v128.and': binary((d, a, b) => (fp) => (and(fp, d, a, b), 0)),
  'v128.andnot': binary((d, a, b) => (fp) => (andnot(fp, d, a, b), 0)),
  'v128.or': binary((d, a, b) => (fp) => (or(fp, d, a, b), 0)),
  'v128.xor': binary((d, a, b) => (fp) => (xor(fp, d, a, b), 0)),
  'v128.bitselect': ternary((d, a, b, c) => (fp) => (bitselect(fp, d, a, b, c), 0)),
  'v128.any_true': unary((d, a) => (fp) => (anyTrue(fp, d, a), 0)),

  'i8x16.splat': unary((d, a) => (fp) => (splatI8(fp, d, a), 0)),
  'i16x8.splat': unary((d, a) => (fp) => (splatI16(fp, d, a), 0)),
  'i32x4.splat': unary((d, a) => (fp) => (splatI32(fp, d, a), 0)),
  'i64x2.splat': unary((d, a) => (fp) => (splatI64(fp, d, a), 0)),
  'f32x4.splat': unary((d, a) => (fp) => (splatF32(fp, d, a), 0)),
  'f64x2.splat': unary((d, a) => (fp) => (splatF64(fp, d, a), 0)),

  'i8x16.extract_lane_s': unaryLane((d, a, k) => (fp) => (extractI8S(fp, d, a, k), 0)),
  'i8x16.extract_lane_u': unaryLane((d, a, k) => (fp) => (extractI8U(fp, d, a, k), 0)),
  'i16x8.extract_lane_s': unaryLane((d, a, k) => (fp) => (extractI16S(fp, d, a, k), 0)),
  'i16x8.extract_lane_u': unaryLane((d, a, k) => (fp) => (extractI16U(fp, d, a, k), 0)),
  'i32x4.extract_lane': unaryLane((d, a, k) => (fp) => (extractI32(fp, d, a, k), 0)),
  'i64x2.extract_lane': unaryLane((d, a, k) => (fp) => (extractI64(fp, d, a, k), 0)),
  'f32x4.extract_lane': unaryLane((d, a, k) => (fp) => (extractF32(fp, d, a, k), 0)),
  'f64x2.extract_lane': unaryLane((d, a, k) => (fp) => (extractF64(fp, d, a, k), 0)),

  'i8x16.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceI8(fp, d, a, b, k), 0)),
  'i16x8.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceI16(fp, d, a, b, k), 0)),
  'i32x4.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceI32(fp, d, a, b, k), 0)),
  'i64x2.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceI64(fp, d, a, b, k), 0)),
  'f32x4.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceF32(fp, d, a, b, k), 0)),
  'f64x2.replace_lane': binaryLane((d, a, b, k) => (fp) => (replaceF64(fp, d, a, b, k), 0)),

  'i8x16.shuffle': shuffle,
  'i8x16.swizzle': binary((d, a, b) => (fp) => (swizzle(fp, d, a, b), 0)),
};
