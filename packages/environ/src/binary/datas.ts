/**
 * The data section as decoded: one entry per segment in parallel columns,
 * not an object (and a view of its bytes) per segment. A module may have
 * very many segments (a Go-compiled one some 100,000), and what
 * instantiation needs of each is built only when asked for (see datas.ts).
 */
import { I32, I64, type ValType } from '../types.js';
import type { Reader } from './reader.js';
import { simpleConstEnd } from './simple-const.js';

export class RawDatas {
  count = 0;
  /** 1 for a passive segment, 0 for an active one. */
  passive = new Uint8Array(16);
  memory = new Uint32Array(16);
  /** Byte offset of an active segment's offset expression (0 for a passive one). */
  offset = new Uint32Array(16);
  /** Byte range of the segment's contents. */
  start = new Uint32Array(16);
  length = new Uint32Array(16);
  /** Byte offset of the segment, for errors. */
  at = new Uint32Array(16);
  /**
   * The type of an active segment's offset if it is simple (`i32.const n
   * end` or `i64.const n end`, see SimpleConst), else 0: validation then
   * needs only compare it with the memory's address type.
   */
  simple = new Uint8Array(16);

  add(
    passive: boolean,
    memory: number,
    offset: number,
    start: number,
    length: number,
    at: number,
    simple: ValType,
  ): void {
    const i = this.count;
    if (i === this.at.length) this.grow();
    this.passive[i] = passive ? 1 : 0;
    this.memory[i] = memory;
    this.offset[i] = offset;
    this.start[i] = start;
    this.length[i] = length;
    this.at[i] = at;
    this.simple[i] = simple;
    this.count = i + 1;
  }

  /**
   * Decodes up to `count` segments at `r.pos` while they are of the most
   * common kind: active in memory 0 (flags 0), with a simple offset (see
   * SimpleConst), their length in at most 4 bytes, and within the input.
   * Returns how many it decoded; `r` is then at the first other segment.
   * A Go-compiled module has some 100,000 of them, hence a loop of their
   * own, with no call but one and the columns in locals: much of it runs
   * before V8 optimizes it.
   */
  readSimple(r: Reader, count: number): number {
    const bytes = r.bytes;
    const end = r.end;
    let pos = r.pos;
    let i = this.count;
    const stop = i + count;
    for (; i < stop; i++) {
      const at = pos;
      if (at >= end || bytes[at] !== 0) break;
      let p = simpleConstEnd(bytes, at + 1, end);
      if (p < 0) break;
      let length = 0;
      let b = 0x80;
      for (let shift = 0; shift < 28 && p < end && b >= 0x80; shift += 7) {
        b = bytes[p++]!;
        length |= (b & 0x7f) << shift;
      }
      if (b >= 0x80 || length > end - p) break;
      if (i === this.at.length) this.grow();
      this.passive[i] = 0;
      this.memory[i] = 0;
      this.offset[i] = at + 1;
      this.start[i] = p;
      this.length[i] = length;
      this.at[i] = at;
      this.simple[i] = bytes[at + 1] === 0x41 ? I32 : I64;
      pos = p + length;
    }
    const done = i - this.count;
    this.count = i;
    r.pos = pos;
    return done;
  }

  private grow(): void {
    const size = this.at.length * 2;
    const copy = <T extends Uint8Array | Uint32Array>(a: T, next: T): T => {
      next.set(a);
      return next;
    };
    this.passive = copy(this.passive, new Uint8Array(size));
    this.memory = copy(this.memory, new Uint32Array(size));
    this.offset = copy(this.offset, new Uint32Array(size));
    this.start = copy(this.start, new Uint32Array(size));
    this.length = copy(this.length, new Uint32Array(size));
    this.at = copy(this.at, new Uint32Array(size));
    this.simple = copy(this.simple, new Uint8Array(size));
  }
}
