/**
 * Wide arithmetic: 128-bit addition and subtraction of two (low, high) i64
 * pairs, and the full 128-bit product of two i64s, on 32-bit words (no
 * BigInt). Each statement reads its operands from their slots and writes
 * the 128-bit result as two i64s to slots `d` and `d + 1`, after reading
 * every input (a result slot may be an operand's).
 */
import { HI32_SLOTS, I32_SLOTS } from '@weft/runtime';
import { single } from '../compiler/literals.js';
import type { Stmt } from '../compiler/types.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const I32 = I32_SLOTS;
const HI32 = HI32_SLOTS;

/** Words of the result, least significant first. */
const W = new Int32Array(4);

function put(fp: number, d: number): void {
  I32[fp + d] = W[0]!;
  HI32[fp + d] = W[1]!;
  I32[fp + d + 1] = W[2]!;
  HI32[fp + d + 1] = W[3]!;
}

/** x + y (or x - y) on four words each, least significant first. */
function addWords(
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y0: number,
  y1: number,
  y2: number,
  y3: number,
): void {
  let s = (x0 >>> 0) + (y0 >>> 0);
  W[0] = s;
  s = (x1 >>> 0) + (y1 >>> 0) + (s > 0xffffffff ? 1 : 0);
  W[1] = s;
  s = (x2 >>> 0) + (y2 >>> 0) + (s > 0xffffffff ? 1 : 0);
  W[2] = s;
  W[3] = (x3 + y3 + (s > 0xffffffff ? 1 : 0)) | 0;
}

/** `i64.add128`: operands (lo, hi) of x and y in slots a, b, c, e. */
export const add128 = single(
  (d: number, a: number, b: number, c: number, e: number): Stmt =>
    (fp) => {
      addWords(
        I32[fp + a]!,
        HI32[fp + a]!,
        I32[fp + b]!,
        HI32[fp + b]!,
        I32[fp + c]!,
        HI32[fp + c]!,
        I32[fp + e]!,
        HI32[fp + e]!,
      );
      put(fp, d);
      return 0;
    },
);

/** `i64.sub128`: x - y as x + ~y + 1. */
export const sub128 = single(
  (d: number, a: number, b: number, c: number, e: number): Stmt =>
    (fp) => {
      // -y = ~y + 1: negate y's four words first, then add.
      let y0 = ~I32[fp + c]!;
      let y1 = ~HI32[fp + c]!;
      let y2 = ~I32[fp + e]!;
      let y3 = ~HI32[fp + e]!;
      let s = (y0 >>> 0) + 1;
      y0 = s | 0;
      s = (y1 >>> 0) + (s > 0xffffffff ? 1 : 0);
      y1 = s | 0;
      s = (y2 >>> 0) + (s > 0xffffffff ? 1 : 0);
      y2 = s | 0;
      y3 = (y3 + (s > 0xffffffff ? 1 : 0)) | 0;
      addWords(I32[fp + a]!, HI32[fp + a]!, I32[fp + b]!, HI32[fp + b]!, y0, y1, y2, y3);
      put(fp, d);
      return 0;
    },
);

/** High word of the unsigned 64-bit product of two 32-bit words (the low one is `Math.imul`). */
export function mulHigh(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/**
 * The unsigned 128-bit product of (xl, xh) and (yl, yh) into W: the sum
 * of the four 32x32 partial products, each placed at its word.
 */
function mulU(xl: number, xh: number, yl: number, yh: number): void {
  // Column sums stay below 2^53: at most four 32-bit terms plus a carry.
  const c0lo = Math.imul(xl, yl) >>> 0;
  const c0hi = mulHigh(xl, yl) >>> 0;
  const c1a = Math.imul(xl, yh) >>> 0;
  const c1b = Math.imul(xh, yl) >>> 0;
  const c2a = mulHigh(xl, yh) >>> 0;
  const c2b = mulHigh(xh, yl) >>> 0;
  const c2c = Math.imul(xh, yh) >>> 0;
  const c3 = mulHigh(xh, yh) >>> 0;
  W[0] = c0lo;
  let s = c0hi + c1a + c1b;
  W[1] = s;
  s = Math.floor(s / 4294967296) + c2a + c2b + c2c;
  W[2] = s;
  W[3] = Math.floor(s / 4294967296) + c3;
}

/** Subtracts the 64-bit (l, h) from the high 64 bits of W (signed correction). */
function subHigh(l: number, h: number): void {
  const w2 = W[2]! >>> 0;
  const s = w2 - (l >>> 0);
  W[2] = s;
  W[3] = (W[3]! - h - (s < 0 ? 1 : 0)) | 0;
}

/** `i64.mul_wide_u`: operands x, y in slots a, b. */
export const mulWideU = single((d: number, a: number, b: number): Stmt => (fp) => {
  mulU(I32[fp + a]!, HI32[fp + a]!, I32[fp + b]!, HI32[fp + b]!);
  put(fp, d);
  return 0;
});

/**
 * `i64.mul_wide_s`: the unsigned product, corrected for signs: a negative
 * x stands for x - 2^64, so the product loses y * 2^64 (and likewise for y).
 */
export const mulWideS = single((d: number, a: number, b: number): Stmt => (fp) => {
  const xl = I32[fp + a]!;
  const xh = HI32[fp + a]!;
  const yl = I32[fp + b]!;
  const yh = HI32[fp + b]!;
  mulU(xl, xh, yl, yh);
  if (xh < 0) subHigh(yl, yh);
  if (yh < 0) subHigh(xl, xh);
  put(fp, d);
  return 0;
});
