/**
 * Whole-vector and lane-moving instructions: bitwise operations, splats,
 * lane extraction and replacement, shuffles and swizzles. All of them move
 * bits exactly (NaN payloads included): f32 lanes go through the integer
 * view and `f32FromBits`/`f32ToBits`; f64 lanes move between a slot's
 * double and the `VF64` view, a plain double move like any F64 slot's.
 *
 * Kernels take the absolute slots of the result (`d`) and of the operands
 * (`a`, `b`, `c`); `d` may be `a` (see ../simd.ts). Lane numbers are
 * immediates, closed over when the statement is built.
 */
import * as abi from '@weft/runtime';
import type { SimdBuild } from '../simd.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { f32FromBits, f32ToBits, F64, HI32, I32, V32, VF64, VI16, VI8, VU16, VU8 } = abi;

// ---------------------------------------------------------------------------
// Bitwise: word k of the result needs only words k of the operands, so the
// kernels write as they go.

function not(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = ~V32[x];
  V32[z + 1] = ~V32[x + 1];
  V32[z + 2] = ~V32[x + 2];
  V32[z + 3] = ~V32[x + 3];
}

function and(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] & V32[y];
  V32[z + 1] = V32[x + 1] & V32[y + 1];
  V32[z + 2] = V32[x + 2] & V32[y + 2];
  V32[z + 3] = V32[x + 3] & V32[y + 3];
}

function andnot(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] & ~V32[y];
  V32[z + 1] = V32[x + 1] & ~V32[y + 1];
  V32[z + 2] = V32[x + 2] & ~V32[y + 2];
  V32[z + 3] = V32[x + 3] & ~V32[y + 3];
}

function or(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] | V32[y];
  V32[z + 1] = V32[x + 1] | V32[y + 1];
  V32[z + 2] = V32[x + 2] | V32[y + 2];
  V32[z + 3] = V32[x + 3] | V32[y + 3];
}

function xor(d: number, a: number, b: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  V32[z] = V32[x] ^ V32[y];
  V32[z + 1] = V32[x + 1] ^ V32[y + 1];
  V32[z + 2] = V32[x + 2] ^ V32[y + 2];
  V32[z + 3] = V32[x + 3] ^ V32[y + 3];
}

/** Word `k` of a bitselect: bits of `a` where the mask `c` is 1, of `b` where 0. */
function selectWord(z: number, x: number, y: number, m: number): void {
  const mask = V32[m];
  V32[z] = (V32[x] & mask) | (V32[y] & ~mask);
}

/** Bits of the first operand where the mask (third) is 1, of the second where 0. */
export function bitselect(d: number, a: number, b: number, c: number): void {
  const z = d << 2;
  const x = a << 2;
  const y = b << 2;
  const m = c << 2;
  selectWord(z, x, y, m);
  selectWord(z + 1, x + 1, y + 1, m + 1);
  selectWord(z + 2, x + 2, y + 2, m + 2);
  selectWord(z + 3, x + 3, y + 3, m + 3);
}

function anyTrue(d: number, a: number): void {
  const x = a << 2;
  I32[d] = (V32[x] | V32[x + 1] | V32[x + 2] | V32[x + 3]) !== 0 ? 1 : 0;
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
  const z = d << 2;
  const lo = I32[a];
  const hi = HI32[a];
  V32[z] = lo;
  V32[z + 1] = hi;
  V32[z + 2] = lo;
  V32[z + 3] = hi;
}

function splatF32(d: number, a: number): void {
  splat32(d, f32ToBits(F64[a]));
}

function splatF64(d: number, a: number): void {
  const v = F64[a];
  VF64[d << 1] = v;
  VF64[(d << 1) + 1] = v;
}

// ---------------------------------------------------------------------------
// Lane extraction: lane `k` of the view of the lane's width.

function extractI8S(d: number, a: number, k: number): void {
  I32[d] = VI8[(a << 4) + k];
}

function extractI8U(d: number, a: number, k: number): void {
  I32[d] = VU8[(a << 4) + k];
}

function extractI16S(d: number, a: number, k: number): void {
  I32[d] = VI16[(a << 3) + k];
}

function extractI16U(d: number, a: number, k: number): void {
  I32[d] = VU16[(a << 3) + k];
}

function extractI32(d: number, a: number, k: number): void {
  I32[d] = V32[(a << 2) + k];
}

/** An i64 lane: its low and high words become the i64's halves. */
function extractI64(d: number, a: number, k: number): void {
  const w = (a << 2) + 2 * k;
  I32[d] = V32[w];
  HI32[d] = V32[w + 1];
}

function extractF32(d: number, a: number, k: number): void {
  F64[d] = f32FromBits(V32[(a << 2) + k]);
}

function extractF64(d: number, a: number, k: number): void {
  F64[d] = VF64[(a << 1) + k];
}

// ---------------------------------------------------------------------------
// Lane replacement: the vector `a` is copied to `d` (a no-op when they are
// the same slot), then one lane is overwritten with the scalar `b`.

function copy(d: number, a: number): void {
  const z = d << 2;
  const x = a << 2;
  V32[z] = V32[x];
  V32[z + 1] = V32[x + 1];
  V32[z + 2] = V32[x + 2];
  V32[z + 3] = V32[x + 3];
}

function replaceI8(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  VU8[(d << 4) + k] = I32[b];
}

function replaceI16(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  VU16[(d << 3) + k] = I32[b];
}

function replaceI32(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  V32[(d << 2) + k] = I32[b];
}

function replaceI64(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  const w = (d << 2) + 2 * k;
  V32[w] = I32[b];
  V32[w + 1] = HI32[b];
}

function replaceF32(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  V32[(d << 2) + k] = f32ToBits(F64[b]);
}

function replaceF64(d: number, a: number, b: number, k: number): void {
  copy(d, a);
  VF64[(d << 1) + k] = F64[b];
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
function shuffleWords(d: number, a: number, k: Int32Array): void {
  const p = a << 2;
  const w0 = V32[p + k[0]];
  const w1 = V32[p + k[1]];
  const w2 = V32[p + k[2]];
  const w3 = V32[p + k[3]];
  const z = d << 2;
  V32[z] = w0;
  V32[z + 1] = w1;
  V32[z + 2] = w2;
  V32[z + 3] = w3;
}

/** Bytes `p + k[i] .. p + k[i + 3]` as one little-endian word. */
function gatherWord(p: number, k: Int32Array, i: number): number {
  return (
    VU8[p + k[i]] | (VU8[p + k[i + 1]] << 8) | (VU8[p + k[i + 2]] << 16) | (VU8[p + k[i + 3]] << 24)
  );
}

function shuffleBytes(d: number, a: number, k: Int32Array): void {
  const p = a << 4;
  const w0 = gatherWord(p, k, 0);
  const w1 = gatherWord(p, k, 4);
  const w2 = gatherWord(p, k, 8);
  const w3 = gatherWord(p, k, 12);
  const z = d << 2;
  V32[z] = w0;
  V32[z + 1] = w1;
  V32[z + 2] = w2;
  V32[z + 3] = w3;
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
export function swizzle(d: number, a: number, b: number): void {
  const p = a << 4;
  const q = b << 4;
  const w0 = swizzleWord(p, q, 0);
  const w1 = swizzleWord(p, q, 4);
  const w2 = swizzleWord(p, q, 8);
  const w3 = swizzleWord(p, q, 12);
  const z = d << 2;
  V32[z] = w0;
  V32[z + 1] = w1;
  V32[z + 2] = w2;
  V32[z + 3] = w3;
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
  if (words.length === 4) {
    const k = Int32Array.from(words);
    return (fp) => (shuffleWords(fp + d, fp + a, k), 0);
  }
  return (fp) => (shuffleBytes(fp + d, fp + a, bytes), 0);
};

// ---------------------------------------------------------------------------
// The table.

/** The lane immediate of a lane instruction. */
function laneOf(c: { readonly imm: Int32Array; readonly immAt: number }): number {
  return c.imm[c.immAt];
}

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

  'i8x16.extract_lane_s': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI8S(fp + d, fp + a, k), 0);
  },
  'i8x16.extract_lane_u': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI8U(fp + d, fp + a, k), 0);
  },
  'i16x8.extract_lane_s': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI16S(fp + d, fp + a, k), 0);
  },
  'i16x8.extract_lane_u': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI16U(fp + d, fp + a, k), 0);
  },
  'i32x4.extract_lane': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI32(fp + d, fp + a, k), 0);
  },
  'i64x2.extract_lane': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractI64(fp + d, fp + a, k), 0);
  },
  'f32x4.extract_lane': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractF32(fp + d, fp + a, k), 0);
  },
  'f64x2.extract_lane': (c) => {
    const {
      dest: d,
      operands: [a],
    } = c;
    const k = laneOf(c);
    return (fp) => (extractF64(fp + d, fp + a, k), 0);
  },

  'i8x16.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceI8(fp + d, fp + a, fp + b, k), 0);
  },
  'i16x8.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceI16(fp + d, fp + a, fp + b, k), 0);
  },
  'i32x4.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceI32(fp + d, fp + a, fp + b, k), 0);
  },
  'i64x2.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceI64(fp + d, fp + a, fp + b, k), 0);
  },
  'f32x4.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceF32(fp + d, fp + a, fp + b, k), 0);
  },
  'f64x2.replace_lane': (c) => {
    const {
      dest: d,
      operands: [a, b],
    } = c;
    const k = laneOf(c);
    return (fp) => (replaceF64(fp + d, fp + a, fp + b, k), 0);
  },

  'i8x16.shuffle': shuffle,
  'i8x16.swizzle':
    ({ dest: d, operands: [a, b] }) =>
    (fp) => (swizzle(fp + d, fp + a, fp + b), 0),
};
