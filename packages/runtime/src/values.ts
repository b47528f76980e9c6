/**
 * Representations of WebAssembly values in JS, and exact conversions of
 * floating-point bit patterns.
 *
 * f32 values travel as JS doubles. A double holds every f32 value exactly;
 * an f32 NaN is held as the double NaN with the same sign and the f32
 * payload in the top 23 bits of the mantissa, so payloads (including
 * signalling NaNs) survive moves, which a plain `Float32Array` round trip
 * would not guarantee. `f32FromBits`/`f32ToBits` convert exactly.
 */

const f32 = new Float32Array(1);
const f32u = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64u = new Uint32Array(f64.buffer); // [low word, high word] on little-endian hosts

/** The f32 value with bit pattern `bits`, as Weft represents it (NaN payloads kept). */
export function f32FromBits(bits: number): number {
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0) {
    f64u[1] = (bits & 0x80000000) | 0x7ff00000 | ((bits & 0x7fffff) >>> 3);
    f64u[0] = (bits & 7) << 29;
    return f64[0]!;
  }
  f32u[0] = bits;
  return f32[0]!;
}

/** The bit pattern (as an int32) of an f32 value held as a double. */
export function f32ToBits(x: number): number {
  if (x !== x) {
    f64[0] = x;
    const hi = f64u[1]!;
    let mantissa = ((hi & 0xfffff) << 3) | (f64u[0]! >>> 29);
    if (mantissa === 0) mantissa = 0x400000; // payload only in bits f32 cannot hold: quiet NaN
    return (hi & 0x80000000) | 0x7f800000 | mantissa;
  }
  f32[0] = x;
  return f32u[0]! | 0;
}

/** The f64 value with bit pattern `hi:lo`. */
export function f64FromBits(lo: number, hi: number): number {
  f64u[0] = lo;
  f64u[1] = hi;
  return f64[0]!;
}

/** Low word (int32) of an f64's bit pattern. */
export function f64LowBits(x: number): number {
  f64[0] = x;
  return f64u[0]! | 0;
}

/** High word (int32) of an f64's bit pattern. */
export function f64HighBits(x: number): number {
  f64[0] = x;
  return f64u[1]! | 0;
}

/** An i64 from its halves. */
export function i64FromHalves(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

/** Low half (int32) of an i64. */
export function i64Low(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** High half (int32) of an i64. */
export function i64High(v: bigint): number {
  return Number(BigInt.asIntN(32, v >> 32n));
}

/** A 128-bit vector value: 16 bytes, little-endian lanes. */
export class V128 {
  /** The vector's bytes; lane views below share them. */
  readonly bytes: Uint8Array;

  constructor(bytes?: ArrayLike<number>) {
    this.bytes = new Uint8Array(16);
    if (bytes !== undefined) {
      if (bytes.length !== 16) throw new RangeError('a v128 has exactly 16 bytes');
      this.bytes.set(bytes);
    }
  }

  /** A vector from four 32-bit lanes. */
  static fromI32x4(lanes: ArrayLike<number>): V128 {
    const v = new V128();
    const words = new Int32Array(v.bytes.buffer);
    for (let i = 0; i < 4; i++) words[i] = lanes[i]!;
    return v;
  }

  /** The four 32-bit lanes (signed). */
  get i32x4(): Int32Array {
    return new Int32Array(this.bytes.buffer, this.bytes.byteOffset, 4);
  }
  /** The sixteen 8-bit lanes (signed). */
  get i8x16(): Int8Array {
    return new Int8Array(this.bytes.buffer, this.bytes.byteOffset, 16);
  }
  /** The eight 16-bit lanes (signed). */
  get i16x8(): Int16Array {
    return new Int16Array(this.bytes.buffer, this.bytes.byteOffset, 8);
  }
  /** The two 64-bit lanes (signed). */
  get i64x2(): BigInt64Array {
    return new BigInt64Array(this.bytes.buffer, this.bytes.byteOffset, 2);
  }
  /** The four 32-bit float lanes. */
  get f32x4(): Float32Array {
    return new Float32Array(this.bytes.buffer, this.bytes.byteOffset, 4);
  }
  /** The two 64-bit float lanes. */
  get f64x2(): Float64Array {
    return new Float64Array(this.bytes.buffer, this.bytes.byteOffset, 2);
  }

  /** Whether `other` has the same 16 bytes. */
  equals(other: V128): boolean {
    for (let i = 0; i < 16; i++) if (this.bytes[i] !== other.bytes[i]) return false;
    return true;
  }

  /** The bytes in hex, lane 0 first: `v128(01 00 ... 00)`. */
  toString(): string {
    return `v128(${Array.from(this.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')})`;
  }
}
