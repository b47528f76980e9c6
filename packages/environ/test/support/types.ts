/** Types of the test module builder: value, heap, composite, limits, table, memory and global types. */
import { s33, u32, u64, vec, type Bytes } from './bytes.js';

/** Abstract heap types, as their one-byte codes. */
export const ht = {
  noexn: 0x74,
  nofunc: 0x73,
  noextern: 0x72,
  none: 0x71,
  func: 0x70,
  extern: 0x6f,
  any: 0x6e,
  eq: 0x6d,
  i31: 0x6c,
  struct: 0x6b,
  array: 0x6a,
  exn: 0x69,
} as const;

/** Value and storage types. */
export const t = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  i8: 0x78,
  i16: 0x77,
  funcref: 0x70,
  externref: 0x6f,
  anyref: 0x6e,
  eqref: 0x6d,
  i31ref: 0x6c,
  structref: 0x6b,
  arrayref: 0x6a,
  exnref: 0x69,
  nullref: 0x71,
  nullfuncref: 0x73,
  nullexternref: 0x72,
  nullexnref: 0x74,
  /** `(ref heap)`: heap is an abstract code from `ht` or a type index (`{ idx: n }`). */
  ref: (heap: HeapArg): Bytes => [0x64, heapBytes(heap)],
  /** `(ref null heap)`. */
  refNull: (heap: HeapArg): Bytes => [0x63, heapBytes(heap)],
} as const;

/**
 * A heap type argument: an abstract code (`ht.func`), a type index as
 * `{ idx }`, or an exact type index as `{ exact }` (custom descriptors).
 */
export type HeapArg = number | { readonly idx: number } | { readonly exact: number };

/** Type index `n` as a heap type argument. */
export const idx = (n: number): { idx: number } => ({ idx: n });

/** The exact heap type of type index `n`, `(exact n)`: `0x62 n:u32`. */
export const exact = (n: number): { exact: number } => ({ exact: n });

export function heapBytes(h: HeapArg): Bytes {
  if (typeof h === 'number') return h;
  return 'exact' in h ? [0x62, u32(h.exact)] : s33(h.idx);
}

export const type = {
  func: (params: readonly Bytes[], results: readonly Bytes[]): Bytes => [
    0x60,
    vec(params),
    vec(results),
  ],
  struct: (...fields: Bytes[]): Bytes => [0x5f, vec(fields)],
  array: (field: Bytes): Bytes => [0x5e, field],
  /** A field or array element type. */
  field: (storage: Bytes, mutable = false): Bytes => [storage, mutable ? 1 : 0],
  /** An open (non-final) subtype with the given supertypes. */
  sub: (supers: readonly number[], comp: Bytes): Bytes => [0x50, vec(supers.map(u32)), comp],
  /** A final subtype with the given supertypes. */
  subFinal: (supers: readonly number[], comp: Bytes): Bytes => [0x4f, vec(supers.map(u32)), comp],
  /** A recursion group. */
  rec: (...types: Bytes[]): Bytes => [0x4e, vec(types)],
  /** `(describes x)` before a composite type (custom descriptors). */
  describes: (x: number, comp: Bytes): Bytes => [0x4c, u32(x), comp],
  /** `(descriptor x)` before a composite type (custom descriptors). */
  descriptor: (x: number, comp: Bytes): Bytes => [0x4d, u32(x), comp],
};

export interface LimitsOptions {
  readonly is64?: boolean;
  readonly shared?: boolean;
  /** A custom page size's log2 (flag bit 3, custom page sizes). */
  readonly pageSizeLog2?: number;
}

export function limits(
  min: number | bigint,
  max?: number | bigint,
  { is64 = false, shared = false, pageSizeLog2 }: LimitsOptions = {},
): Bytes {
  const paged = pageSizeLog2 !== undefined;
  const flags = (max !== undefined ? 1 : 0) | (shared ? 2 : 0) | (is64 ? 4 : 0) | (paged ? 8 : 0);
  return [flags, u64(min), max !== undefined ? u64(max) : [], paged ? u32(pageSizeLog2) : []];
}

export function tableType(
  elem: Bytes,
  min: number | bigint,
  max?: number | bigint,
  is64 = false,
): Bytes {
  return [elem, limits(min, max, { is64 })];
}

export function memType(
  min: number | bigint,
  max?: number | bigint,
  is64 = false,
  shared = false,
): Bytes {
  return limits(min, max, { is64, shared });
}

export function globalType(valtype: Bytes, mutable = false): Bytes {
  return [valtype, mutable ? 1 : 0];
}
