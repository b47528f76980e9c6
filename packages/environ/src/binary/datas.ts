/**
 * The data section as decoded: one entry per segment in parallel columns,
 * not an object (and a view of its bytes) per segment. A module may have
 * very many segments (a Go-compiled one some 100,000), and what
 * instantiation needs of each is built only when asked for (see datas.ts).
 */
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

  add(
    passive: boolean,
    memory: number,
    offset: number,
    start: number,
    length: number,
    at: number,
  ): void {
    const i = this.count;
    if (i === this.at.length) this.grow();
    this.passive[i] = passive ? 1 : 0;
    this.memory[i] = memory;
    this.offset[i] = offset;
    this.start[i] = start;
    this.length[i] = length;
    this.at[i] = at;
    this.count = i + 1;
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
  }
}
