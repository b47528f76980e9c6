/**
 * The binary writer: a growable byte buffer with the LEB128 and IEEE 754
 * encodings of the binary format, and the assembly of a module's sections
 * in their standard order. Everything is written in its shortest form.
 */

/** A growable byte buffer with the binary format's primitive encodings. */
export class ByteWriter {
  private buf: Uint8Array;
  /** Number of bytes written. */
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  u32(n: number): this {
    this.reserve(8);
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      this.buf[this.length++] = b;
    } while (n > 0);
    return this;
  }

  /** Unsigned LEB128 of a 64-bit value. */
  u64(n: bigint): this {
    if (n < 2n ** 53n) return this.u32(Number(n));
    this.reserve(10);
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n > 0n) b |= 0x80;
      this.buf[this.length++] = b;
    } while (n > 0n);
    return this;
  }

  /** Signed LEB128 of a 32-bit (or up to 2^53) signed integer. */
  s32(n: number): this {
    this.reserve(10);
    for (;;) {
      const b = ((n % 128) + 128) % 128;
      n = Math.floor(n / 128);
      const done = (n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0);
      this.buf[this.length++] = done ? b : b | 0x80;
      if (done) return this;
    }
  }

  /** Signed LEB128 of a 64-bit signed value. */
  s64(n: bigint): this {
    this.reserve(10);
    for (;;) {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      const done = (n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0);
      this.buf[this.length++] = done ? b : b | 0x80;
      if (done) return this;
    }
  }

  /** 4 bytes, little-endian. */
  u32le(n: number): this {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (n >>> (8 * i)) & 0xff;
    return this;
  }

  /** 8 bytes, little-endian. */
  u64le(n: bigint): this {
    this.u32le(Number(n & 0xffffffffn));
    return this.u32le(Number((n >> 32n) & 0xffffffffn));
  }

  /** A length-prefixed byte string (names, data). */
  name(data: Uint8Array): this {
    return this.u32(data.length).bytes(data);
  }

  /** Drops everything after the first `length` bytes. */
  truncate(length: number): void {
    this.length = length;
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  /** The bytes written so far (a view; valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** A vector section under construction: an item count and the items' bytes. */
export class SectionBuilder {
  count = 0;
  readonly body = new ByteWriter();
}

/** Section ids of the binary format. */
export const SectionId = {
  CUSTOM: 0,
  TYPE: 1,
  IMPORT: 2,
  FUNCTION: 3,
  TABLE: 4,
  MEMORY: 5,
  GLOBAL: 6,
  EXPORT: 7,
  START: 8,
  ELEMENT: 9,
  CODE: 10,
  DATA: 11,
  DATA_COUNT: 12,
  TAG: 13,
} as const;

/** The sections of a module, filled in by the text parser. */
export interface ModuleSections {
  readonly types: SectionBuilder;
  readonly imports: SectionBuilder;
  readonly functions: SectionBuilder;
  readonly tables: SectionBuilder;
  readonly memories: SectionBuilder;
  readonly tags: SectionBuilder;
  readonly globals: SectionBuilder;
  readonly exports: SectionBuilder;
  start: number | null;
  readonly elems: SectionBuilder;
  /** Whether to write a data count section. */
  dataCount: boolean;
  readonly codes: SectionBuilder;
  readonly datas: SectionBuilder;
}

export function emptySections(): ModuleSections {
  return {
    types: new SectionBuilder(),
    imports: new SectionBuilder(),
    functions: new SectionBuilder(),
    tables: new SectionBuilder(),
    memories: new SectionBuilder(),
    tags: new SectionBuilder(),
    globals: new SectionBuilder(),
    exports: new SectionBuilder(),
    start: null,
    elems: new SectionBuilder(),
    dataCount: false,
    codes: new SectionBuilder(),
    datas: new SectionBuilder(),
  };
}

/**
 * The standard sections in binary order, by the keywords that name them in
 * the placement of a custom section annotation (`(before func)`, ...).
 */
export const SECTION_ORDER: readonly string[] = [
  'type',
  'import',
  'func',
  'table',
  'memory',
  'tag',
  'global',
  'export',
  'start',
  'elem',
  'datacount',
  'code',
  'data',
];

/**
 * Where a custom section goes, as a number: `2 * r` before and `2 * r + 1`
 * after the standard section of rank `r` in {@link SECTION_ORDER}, whether
 * or not that section is present.
 */
export function placeKey(after: boolean, section: string): number {
  return 2 * SECTION_ORDER.indexOf(section) + (after ? 1 : 0);
}

/** A custom section to write, at {@link placeKey} `place`; ties go by `order`. */
export interface CustomSectionOut {
  readonly place: number;
  readonly order: number;
  /** The section's name (UTF-8) and content. */
  readonly name: Uint8Array;
  readonly content: Uint8Array;
}

/**
 * Writes the module: header, then every non-empty section in the standard
 * order, with the custom sections `customs` at their places.
 */
export function encodeModule(
  s: ModuleSections,
  customs: readonly CustomSectionOut[] = [],
): Uint8Array {
  const out = new ByteWriter(1024);
  out.u32le(0x6d736100).u32le(1);
  const pending =
    customs.length === 0
      ? customs
      : [...customs].sort((a, b) => a.place - b.place || a.order - b.order);
  let next = 0;
  /** Writes the custom sections placed before the section of rank `rank`. */
  const customsBefore = (rank: number): void => {
    while (next < pending.length && pending[next]!.place <= 2 * rank) {
      const c = pending[next++]!;
      const content = new ByteWriter(c.name.length + c.content.length + 5);
      content.name(c.name).bytes(c.content);
      out.byte(SectionId.CUSTOM).name(content.view());
    }
  };
  const vector = (rank: number, id: number, b: SectionBuilder): void => {
    customsBefore(rank);
    if (b.count === 0) return;
    const content = new ByteWriter(b.body.length + 5);
    content.u32(b.count).bytes(b.body.view());
    out.byte(id).name(content.view());
  };
  vector(0, SectionId.TYPE, s.types);
  vector(1, SectionId.IMPORT, s.imports);
  vector(2, SectionId.FUNCTION, s.functions);
  vector(3, SectionId.TABLE, s.tables);
  vector(4, SectionId.MEMORY, s.memories);
  vector(5, SectionId.TAG, s.tags);
  vector(6, SectionId.GLOBAL, s.globals);
  vector(7, SectionId.EXPORT, s.exports);
  customsBefore(8);
  if (s.start !== null) {
    out.byte(SectionId.START).name(new ByteWriter(5).u32(s.start).view());
  }
  vector(9, SectionId.ELEMENT, s.elems);
  customsBefore(10);
  if (s.dataCount) {
    out.byte(SectionId.DATA_COUNT).name(new ByteWriter(5).u32(s.datas.count).view());
  }
  vector(11, SectionId.CODE, s.codes);
  vector(12, SectionId.DATA, s.datas);
  customsBefore(SECTION_ORDER.length);
  return out.finish();
}
