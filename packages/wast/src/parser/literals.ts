/**
 * Reading numeric constants at the cursor, with the reference interpreter's
 * messages: `iN.const`/`fN.const` operands and `v128.const shape lanes`.
 */
import { Tok } from '../lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntBits } from '../numbers.js';
import type { Cursor } from './cursor.js';

/** Reports "constant out of range" (a semantic error) for the literal at `at`. */
function outOfRange(cur: Cursor, at: number): null {
  cur.semantic('constant out of range', at);
  return null;
}

export function readI32(cur: Cursor): number {
  const at = cur.pos;
  const v = parseI32(cur.num());
  return v ?? outOfRange(cur, at) ?? 0;
}

export function readI64(cur: Cursor): bigint {
  const at = cur.pos;
  const v = parseI64(cur.num());
  return v ?? outOfRange(cur, at) ?? 0n;
}

/** An f32 literal's bit pattern. */
export function readF32(cur: Cursor): number {
  const at = cur.pos;
  const v = parseF32(cur.num());
  return v ?? outOfRange(cur, at) ?? 0;
}

/** An f64 literal's bit pattern. */
export function readF64(cur: Cursor): bigint {
  const at = cur.pos;
  const v = parseF64(cur.num());
  return v ?? outOfRange(cur, at) ?? 0n;
}

/** Lane shapes of `v128.const`: lane count and lane width in bits. */
export const SHAPES: ReadonlyMap<string, { lanes: number; bits: number; float: boolean }> = new Map(
  [
    ['i8x16', { lanes: 16, bits: 8, float: false }],
    ['i16x8', { lanes: 8, bits: 16, float: false }],
    ['i32x4', { lanes: 4, bits: 32, float: false }],
    ['i64x2', { lanes: 2, bits: 64, float: false }],
    ['f32x4', { lanes: 4, bits: 32, float: true }],
    ['f64x2', { lanes: 2, bits: 64, float: true }],
  ],
);

/** Reads a lane shape keyword. */
export function readShape(cur: Cursor): { lanes: number; bits: number; float: boolean } {
  const shape = cur.peek() === Tok.KEYWORD ? SHAPES.get(cur.text()) : undefined;
  if (shape === undefined) cur.unexpected();
  cur.pos++;
  return shape;
}

/** Stores lane `i` of width `bits` with bit pattern `v` into `out` (little-endian). */
export function storeLane(out: Uint8Array, i: number, bits: number, v: bigint): void {
  const bytes = bits / 8;
  for (let b = 0; b < bytes; b++) out[i * bytes + b] = Number((v >> BigInt(8 * b)) & 0xffn);
}

/** The bit pattern of one lane literal of a shape. */
export function readLane(cur: Cursor, bits: number, float: boolean): bigint {
  const at = cur.pos;
  const text = cur.num();
  let v: bigint | null;
  if (float) {
    if (bits === 32) {
      const f = parseF32(text);
      v = f === null ? null : BigInt(f);
    } else v = parseF64(text);
  } else v = parseIntBits(text, bits);
  return v ?? outOfRange(cur, at) ?? 0n;
}

/** `shape lane*` of `v128.const`: 16 bytes. */
export function readV128(cur: Cursor): Uint8Array {
  const shape = readShape(cur);
  let n = 0;
  while (cur.peek(n) === Tok.NUM) n++;
  cur.checkKeyword(n);
  const out = new Uint8Array(16);
  if (n !== shape.lanes) {
    cur.semantic('wrong number of lane literals');
    cur.pos += n;
    return out;
  }
  for (let i = 0; i < shape.lanes; i++) {
    storeLane(out, i, shape.bits, readLane(cur, shape.bits, shape.float));
  }
  return out;
}
