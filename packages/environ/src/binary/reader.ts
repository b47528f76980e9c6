import { malformed } from '../errors.js';
import { WASM3_FEATURES, type Features } from '../features.js';

const END_MESSAGE = 'unexpected end of section or function';
// TextDecoder is a global in every JS host Weft targets (browsers, Node, Deno,
// Bun); declared here because the package compiles without DOM or Node types.
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over module bytes with the binary format's primitive decoders.
 *
 * Like the reference interpreter, reads are bounded by the end of the whole
 * input, not by the end of the current section: a section that claims a size
 * and then reads past it is reported as "section size mismatch" by the caller.
 * 64-bit integers are decoded into the two 32-bit halves `lo` and `hi`
 * (no BigInt on this path).
 */
export class Reader {
  /** Current byte offset. */
  pos: number;
  /** Low half (as a signed int32) of the last 64-bit integer read. */
  lo = 0;
  /** High half (as a signed int32) of the last 64-bit integer read. */
  hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    readonly end = bytes.length,
    /** The proposals the decoder accepts (encodings they add are malformed otherwise). */
    readonly features: Features = WASM3_FEATURES,
  ) {
    this.pos = pos;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  /** Fails with the reference interpreter's end-of-input message. */
  unexpectedEnd(): never {
    return malformed(this.end, END_MESSAGE);
  }

  u8(): number {
    if (this.pos >= this.end) this.unexpectedEnd();
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos]! : -1;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    const bytes = this.bytes;
    if (this.pos < this.end) {
      const b = bytes[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    let result = 0;
    let shift = 0;
    for (;;) {
      if (shift >= 35) malformed(this.pos, 'integer representation too long');
      const b = this.u8();
      if (shift === 28 && (b & 0x7f) >= 0x10) malformed(this.pos - 1, 'integer too large');
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Signed LEB128 of at most `bits` (<= 33) bits, returned as a JS number. */
  private signed(bits: number): number {
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      const remaining = bits - shift;
      if (remaining <= 0) malformed(this.pos, 'integer representation too long');
      b = this.u8();
      if (remaining < 7) {
        const mask = (-1 << (remaining - 1)) & 0x7f;
        const high = b & mask;
        if (high !== 0 && high !== mask) malformed(this.pos - 1, 'integer too large');
      }
      // Multiplication instead of shifts: s33 values do not fit in 32 bits.
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (b & 0x40 && shift < 53) result -= 2 ** shift;
    return result;
  }

  s32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      if (shift >= 35) malformed(this.pos, 'integer representation too long');
      b = this.u8();
      if (shift === 28) {
        // The last byte holds 4 value bits; the rest must extend the sign.
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) malformed(this.pos - 1, 'integer too large');
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  }

  /** Signed 33-bit LEB128 (block types and heap types). */
  s33(): number {
    return this.signed(33);
  }

  /**
   * Signed 33-bit LEB128 as `s33` reads it, or NaN where `s33` would fail
   * (the position is then unspecified: callers rewind). For the decoders
   * that try a type index first and fall back to a type code, once per
   * block type: no closure and no exception on that path.
   */
  s33OrNaN(): number {
    const bytes = this.bytes;
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      const remaining = 33 - shift;
      if (remaining <= 0 || this.pos >= this.end) return NaN;
      b = bytes[this.pos++]!;
      if (remaining < 7) {
        const mask = (-1 << (remaining - 1)) & 0x7f;
        const high = b & mask;
        if (high !== 0 && high !== mask) return NaN;
      }
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (b & 0x40 && shift < 53) result -= 2 ** shift;
    return result;
  }

  /** Signed 7-bit LEB128 (single-byte type codes). */
  s7(): number {
    return this.signed(7);
  }

  /** Unsigned LEB128 of at most 64 bits into `lo`/`hi`; returns the value as a double. */
  u64(): number {
    this.leb64(false);
    return (this.hi >>> 0) * 4294967296 + (this.lo >>> 0);
  }

  /** Signed LEB128 of at most 64 bits into `lo`/`hi`. */
  s64(): void {
    this.leb64(true);
  }

  private leb64(signed: boolean): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (shift >= 70) malformed(this.pos, 'integer representation too long');
      b = this.u8();
      if (shift === 63) {
        if (signed) {
          const high = b & 0x7f;
          if (high !== 0 && high !== 0x7f) malformed(this.pos - 1, 'integer too large');
        } else if ((b & 0x7f) > 1) {
          malformed(this.pos - 1, 'integer too large');
        }
      }
      const v = b & 0x7f;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (signed && b & 0x40 && shift < 64) {
      if (shift < 32) {
        lo |= -1 << shift;
        hi = -1;
      } else {
        hi |= -1 << (shift - 32);
      }
    }
    this.lo = lo | 0;
    this.hi = hi | 0;
  }

  /** Little-endian 32-bit word (f32 bit patterns, magic, version). */
  u32le(): number {
    if (this.pos + 4 > this.end) {
      this.pos = this.end;
      this.unexpectedEnd();
    }
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24) | 0;
  }

  /**
   * A length prefix, which must not exceed the remaining input. As in the
   * reference interpreter, "remaining" counts from the start of the prefix.
   */
  len32(): number {
    const start = this.pos;
    const n = this.u32();
    if (n > this.end - start) malformed(start, 'length out of bounds');
    return n;
  }

  /** `n` raw bytes, as a view into the module bytes. */
  take(n: number): Uint8Array {
    const start = this.pos;
    this.skip(n);
    return this.bytes.subarray(start, start + n);
  }

  /** Skips `n` raw bytes (as `take` does, without making a view). */
  skip(n: number): void {
    if (n > this.end - this.pos) {
      this.pos = this.end;
      this.unexpectedEnd();
    }
    this.pos += n;
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const start = this.pos;
    const n = this.len32();
    const raw = this.take(n);
    try {
      return utf8.decode(raw);
    } catch {
      return malformed(start, 'malformed UTF-8 encoding');
    }
  }
}
