/**
 * Scratch vectors for the SIMD kernels that cannot work on slot words
 * directly: float lanes, byte permutations (shuffle, swizzle) and the
 * relaxed dot products and multiply-adds.
 *
 * A v128 slot is four words spread over four arrays (`I32`, `HI32`, `V2`,
 * `V3`), so such kernels copy their operands into one 80-byte buffer and
 * read lanes through typed views: operand A at bytes 0-15, B at 16-31 (so A
 * and B form one 32-byte table for `i8x16.shuffle`), C at 32-47, the result
 * R at 48-63, and an 8-byte cell D for moving f64 values between doubles and
 * words. Views use the host's byte order, little-endian as everywhere in
 * Weft. The buffer is allocated once; kernels run to completion without
 * reentrancy, so sharing it is safe. A kernel copies all its operands in
 * before it writes its result out, so the result's slot may be an operand's.
 *
 * The moves below are tiny monomorphic functions that V8 inlines into the
 * kernels calling them.
 */
import * as abi from '@weft/runtime';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32, I32, V2, V3 } = abi;

const buffer = new ArrayBuffer(80);

export const A8 = new Int8Array(buffer, 0, 16);
export const AU8 = new Uint8Array(buffer, 0, 16);
export const A32 = new Int32Array(buffer, 0, 4);
export const AU32 = new Uint32Array(buffer, 0, 4);
export const AF32 = new Float32Array(buffer, 0, 4);
export const AF64 = new Float64Array(buffer, 0, 2);

export const B8 = new Int8Array(buffer, 16, 16);
export const BU8 = new Uint8Array(buffer, 16, 16);
export const B32 = new Int32Array(buffer, 16, 4);
export const BF32 = new Float32Array(buffer, 16, 4);
export const BF64 = new Float64Array(buffer, 16, 2);

export const CF32 = new Float32Array(buffer, 32, 4);
export const CF64 = new Float64Array(buffer, 32, 2);
export const C32 = new Int32Array(buffer, 32, 4);

export const RU8 = new Uint8Array(buffer, 48, 16);
export const R16 = new Int16Array(buffer, 48, 8);
export const R32 = new Int32Array(buffer, 48, 4);
export const RF32 = new Float32Array(buffer, 48, 4);
export const RF64 = new Float64Array(buffer, 48, 2);

/** A and B as one table of 32 bytes (shuffle) or 8 words. */
export const AB8 = new Uint8Array(buffer, 0, 32);
export const AB32 = new Int32Array(buffer, 0, 8);

/** One double and its two words (low, high): exact f64 bit moves. */
export const D64 = new Float64Array(buffer, 64, 1);
export const D32 = new Int32Array(buffer, 64, 2);

/** The slot arrays of v128 words 0-3, to pick a lane's word at compile time. */
export const WORDS: readonly Int32Array[] = [I32, HI32, V2, V3];

/** Copies the v128 in slot `a` to A. */
export function ld1(a: number): void {
  A32[0] = I32[a];
  A32[1] = HI32[a];
  A32[2] = V2[a];
  A32[3] = V3[a];
}

/** Copies the v128s in slots `a` and `b` to A and B (`a` may be `b`). */
export function ld2(a: number, b: number): void {
  A32[0] = I32[a];
  A32[1] = HI32[a];
  A32[2] = V2[a];
  A32[3] = V3[a];
  B32[0] = I32[b];
  B32[1] = HI32[b];
  B32[2] = V2[b];
  B32[3] = V3[b];
}

/** Copies the v128s in slots `a`, `b` and `c` to A, B and C. */
export function ld3(a: number, b: number, c: number): void {
  ld2(a, b);
  C32[0] = I32[c];
  C32[1] = HI32[c];
  C32[2] = V2[c];
  C32[3] = V3[c];
}

/** Writes R to the v128 slot `d`. */
export function put(d: number): void {
  I32[d] = R32[0];
  HI32[d] = R32[1];
  V2[d] = R32[2];
  V3[d] = R32[3];
}
