/** Decoders for types as they appear in the binary format. */
import { CompileError, malformed } from '../errors.js';
import {
  F64,
  HT_EXN,
  HT_NOEXN,
  I16,
  I8,
  MAX_TYPE_INDEX,
  refType,
  type FieldType,
  type GlobalType,
  type HeapType,
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

export function readHeapType(r: Reader): HeapType {
  const start = r.pos;
  const index = attempt(r, () => r.s33());
  if (index !== undefined) {
    if (index >= 0) return Math.min(index, MAX_TYPE_INDEX);
    r.pos = start;
  }
  const code = r.s7();
  if (isAbstractCode(code)) return code;
  return malformed(start, 'malformed heap type');
}

/** A reference type (`reftype`), including the nullable shorthands. */
export function readRefType(r: Reader): ValType {
  const start = r.pos;
  const code = r.s7();
  if (isAbstractCode(code)) return refType(code, true);
  if (code === -0x1c) return refType(readHeapType(r), false);
  if (code === -0x1d) return refType(readHeapType(r), true);
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
  const index = attempt(r, () => r.s33());
  if (index !== undefined && index >= 0) {
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
}

/** Limits flags: bit 0 a maximum follows, bit 1 shared (memories only, threads), bit 2 64-bit. */
export function readLimits(r: Reader, shareable = false): DecodedLimits {
  const flags = r.u8();
  if ((flags & (shareable ? 0xf8 : 0xfa)) !== 0) malformed(r.pos - 1, 'malformed limits flags');
  const min = r.u64();
  const max = flags & 1 ? r.u64() : null;
  return { min, max, is64: (flags & 4) !== 0, shared: (flags & 2) !== 0 };
}

export function readMemoryType(r: Reader): MemoryType {
  const { min, max, is64, shared } = readLimits(r, true);
  return { limits: { min, max }, is64, shared };
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
