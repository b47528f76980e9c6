/**
 * A byte stream over a custom section's payload, with the decoding errors of
 * the reference interpreter's custom section handlers (which decode on their
 * own and say "unexpected end of name section" where core decoding says
 * "unexpected end of section or function"). Offsets are module offsets.
 */
import { CompileError } from '../errors.js';

// See binary/reader.ts: TextDecoder is a global in every host Weft targets.
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A decoding error of a custom section (the section is malformed). */
export function sectionMalformed(offset: number, message: string): never {
  throw new CompileError(message, offset, true);
}

/** A validation error of a custom section (well-formed, but wrong for this module). */
export function sectionInvalid(offset: number, message: string): CompileError {
  return new CompileError(message, offset, false);
}

export class SectionStream {
  /** Current module offset. */
  pos: number;

  /**
   * Reads `bytes[pos, end)`, failing with `endMessage` when a read goes past
   * `end`.
   */
  constructor(
    private readonly bytes: Uint8Array,
    pos: number,
    readonly end: number,
    private readonly endMessage: string,
  ) {
    this.pos = pos;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) sectionMalformed(this.end, this.endMessage);
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift >= 35) sectionMalformed(this.pos, 'integer representation too long');
      const b = this.byte();
      if (shift === 28 && (b & 0x7f) >= 0x10) sectionMalformed(this.pos - 1, 'integer too large');
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
    }
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const n = this.u32();
    const start = this.pos;
    if (n > this.end - start) sectionMalformed(this.end, this.endMessage);
    this.pos += n;
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      return sectionMalformed(start, 'malformed UTF-8 encoding');
    }
  }
}
