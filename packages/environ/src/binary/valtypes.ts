/** Decoders for types as they appear in the binary format. */
import { CompileError, malformed } from '../errors.js';
import {
  F64,
  HT_EXN,
  HT_NOEXN,
  I16,
  I8,
  heapOf,
  isExact,
  MAX_TYPE_INDEX,
  refType,
  withNullable,
  type FieldType,
  type GlobalType,
  type Limits,
  type MemoryType,
  type StorageType,
  type TableType,
  type ValType,
  V128,
} from '../types.js';
import type { Reader } from './reader.js';

/** Abstract heap type codes run from noexn (-0x0c) down to exn (-0x17). */
function isAbstractCode(code: number): boolean {
  return code <= HT_NOEXN && code >= HT_EXN;
}

/** Runs `f`, rewinding and returning undefined if it fails to decode (the reference's `either`). */
function attempt<T>(r: Reader, f: () => T): T | undefined {
  const start = r.pos;
  try {
    return f();
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    r.pos = start;
    return undefined;
  }
}

/** The prefix of an exact heap type, `0x62 x:u32` (custom descriptors). */
const EXACT_CODE = -0x1e;

/**
 * Reads a heap type, returned as the non-nullable reference type to it so
 * that exactness comes along: `(ref h)`, or `(ref (exact x))` for an exact
 * heap type (custom descriptors; its index is read as an s32 that must not
 * be negative, as the reference interpreter does).
 */
export function readHeapType(r: Reader): ValType {
  const start = r.pos;
  // A type index if it decodes as a non-negative s33 (the reference's `either`).
  const index = r.s33OrNaN();
  if (index >= 0) return refType(Math.min(index, MAX_TYPE_INDEX), false);
  r.pos = start;
  const code = r.s7();
  if (isAbstractCode(code)) return refType(code, false);
  if (code === EXACT_CODE && r.features.customDescriptors) {
    const at = r.pos;
    const x = r.s32();
    if (x < 0) malformed(at, 'malformed type index');
    return refType(Math.min(x, MAX_TYPE_INDEX), false, true);
  }
  return malformed(start, 'malformed heap type');
}

/** Reads a heap type into `out[at]` (heap type) and `out[at + 1]` (1 if exact). */
export function readHeapTypeInto(r: Reader, out: Int32Array, at: number): void {
  const t = readHeapType(r);
  out[at] = heapOf(t);
  out[at + 1] = isExact(t) ? 1 : 0;
}

/** A reference type (`reftype`), including the nullable shorthands. */
export function readRefType(r: Reader): ValType {
  const start = r.pos;
  const code = r.s7();
  if (isAbstractCode(code)) return refType(code, true);
  if (code === -0x1c) return readHeapType(r);
  if (code === -0x1d) return withNullable(readHeapType(r), true);
  return malformed(start, 'malformed reference type');
}

export function readValType(r: Reader): ValType {
  const b = r.peek();
  if (b >= F64 && b <= 0x7f) {
    r.pos++;
    return b;
  }
  if (b === V128) {
    r.pos++;
    return V128;
  }
  return readRefType(r);
}

export function readStorageType(r: Reader): StorageType {
  const b = r.peek();
  if (b === I8 || b === I16) {
    r.pos++;
    return b;
  }
  const start = r.pos;
  const t = attempt(r, () => readValType(r));
  if (t !== undefined) return t;
  r.s7();
  return malformed(start, 'malformed storage type');
}

export function readMutability(r: Reader): boolean {
  const b = r.u8();
  if (b === 0) return false;
  if (b === 1) return true;
  return malformed(r.pos - 1, 'malformed mutability');
}

export function readFieldType(r: Reader): FieldType {
  const storage = readStorageType(r);
  const mutable = readMutability(r);
  return { storage, mutable };
}

/** Reads a block type into `out` as [typeIndex | -1, valType | 0]. */
export function readBlockType(r: Reader, out: Int32Array, at: number): void {
  const b = r.peek();
  if (b === 0x40) {
    r.pos++;
    out[at] = -1;
    out[at + 1] = 0;
    return;
  }
  // One-byte codes with the sign bit set are value types; anything else is an s33 type index.
  if (b >= 0x40 && b < 0x80) {
    out[at] = -1;
    out[at + 1] = readValType(r);
    return;
  }
  const start = r.pos;
  const index = r.s33OrNaN();
  if (index >= 0) {
    out[at] = Math.min(index, MAX_TYPE_INDEX);
    out[at + 1] = 0;
    return;
  }
  r.pos = start;
  out[at] = -1;
  out[at + 1] = readValType(r);
}

export interface DecodedLimits extends Limits {
  readonly is64: boolean;
  readonly shared: boolean;
  /** Log2 of a custom page size (flag bit 3, memories only), or null. */
  readonly pageSizeLog2: number | null;
}

/** Largest page size log2 the binary format can express (the page size must fit in a u64... or be 2^64). */
const MAX_PAGE_SIZE_LOG2 = 64;

/**
 * Reads limits with their flags: bit 0 a maximum follows, bit 1 shared
 * (memories only, threads), bit 2 64-bit addresses, and for a memory with
 * custom page sizes bit 3: a u32 page size log2 follows the limits.
 */
export function readLimits(r: Reader, memory = false): DecodedLimits {
  const flags = r.u8();
  const allowed = memory ? (r.features.customPageSizes ? 0x0f : 0x07) : 0x05;
  if ((flags & ~allowed & 0xff) !== 0) malformed(r.pos - 1, 'malformed limits flags');
  const min = r.u64();
  const max = flags & 1 ? r.u64() : null;
  let pageSizeLog2: number | null = null;
  if (flags & 8) {
    const at = r.pos;
    pageSizeLog2 = r.u32();
    if (pageSizeLog2 > MAX_PAGE_SIZE_LOG2) malformed(at, 'invalid custom page size');
  }
  return { min, max, is64: (flags & 4) !== 0, shared: (flags & 2) !== 0, pageSizeLog2 };
}

export function readMemoryType(r: Reader): MemoryType {
  const { min, max, is64, shared, pageSizeLog2 } = readLimits(r, true);
  const limits = { min, max };
  return pageSizeLog2 === null ? { limits, is64, shared } : { limits, is64, shared, pageSizeLog2 };
}

export function readTableType(r: Reader): TableType {
  const element = readRefType(r);
  const { min, max, is64 } = readLimits(r);
  return { element, limits: { min, max }, is64 };
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const mutable = readMutability(r);
  return { type, mutable };
}
