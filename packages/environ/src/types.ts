/**
 * Types of the WebAssembly 3.0 type system, encoded as small integers so the
 * validator's operand stack can be a typed array.
 *
 * A {@link ValType} is one of the number/vector codes (the binary opcodes
 * 0x7f..0x7b), or a reference type
 * `REF_BASE + ((heap + HEAP_BIAS) << 2 | exact << 1 | nullable)` where `heap`
 * is a {@link HeapType}: a type index (>= 0) for a concrete type, or one of
 * the negative abstract heap type codes (their s33 binary encoding); `exact`
 * (custom descriptors) is only ever set with a concrete heap type.
 */
export type ValType = number;
/** A heap type: a module type index (>= 0) or an abstract heap type code (< 0). */
export type HeapType = number;
/** A value type or a packed storage type ({@link I8}, {@link I16}). */
export type StorageType = number;

/** The unknown type of the polymorphic stack (bottom). */
export const BOT: ValType = 0;
export const I32: ValType = 0x7f;
export const I64: ValType = 0x7e;
export const F32: ValType = 0x7d;
export const F64: ValType = 0x7c;
export const V128: ValType = 0x7b;
/** Packed storage types (struct and array fields only). */
export const I8: StorageType = 0x78;
export const I16: StorageType = 0x77;

// Abstract heap types, numbered as their s33 encodings.
export const HT_NOEXN: HeapType = -0x0c;
export const HT_NOFUNC: HeapType = -0x0d;
export const HT_NOEXTERN: HeapType = -0x0e;
export const HT_NONE: HeapType = -0x0f;
export const HT_FUNC: HeapType = -0x10;
export const HT_EXTERN: HeapType = -0x11;
export const HT_ANY: HeapType = -0x12;
export const HT_EQ: HeapType = -0x13;
export const HT_I31: HeapType = -0x14;
export const HT_STRUCT: HeapType = -0x15;
export const HT_ARRAY: HeapType = -0x16;
export const HT_EXN: HeapType = -0x17;
/** Bottom heap type, used only by the validator for unknown references. */
export const HT_BOT: HeapType = -0x20;

const REF_BASE = 0x100;
const HEAP_BIAS = 0x20;

/**
 * Largest type index a reference type can encode. Larger indices (which no
 * valid module can have) are clamped to it, so they still fail as "unknown type".
 */
export const MAX_TYPE_INDEX = 0x1fffff00;

/**
 * Builds the reference type `(ref null? heap)`, or `(ref null? (exact heap))`
 * when `exact` is true and `heap` is a type index (abstract heap types have
 * no exact form; for them `exact` is ignored).
 */
export function refType(heap: HeapType, nullable: boolean, exact = false): ValType {
  if (heap > MAX_TYPE_INDEX) heap = MAX_TYPE_INDEX;
  return REF_BASE + ((heap + HEAP_BIAS) << 2) + (exact && heap >= 0 ? 2 : 0) + (nullable ? 1 : 0);
}
export function isRef(t: ValType): boolean {
  return t >= REF_BASE;
}
export function isNum(t: ValType): boolean {
  return t >= F64 && t <= I32;
}
export function isVec(t: ValType): boolean {
  return t === V128;
}
export function heapOf(t: ValType): HeapType {
  return ((t - REF_BASE) >> 2) - HEAP_BIAS;
}
export function isNullable(t: ValType): boolean {
  return ((t - REF_BASE) & 1) === 1;
}
/** Whether a reference type is exact, `(ref null? (exact $t))` (custom descriptors). */
export function isExact(t: ValType): boolean {
  return ((t - REF_BASE) & 2) === 2;
}
/** The same reference type with the given nullability (exactness kept). */
export function withNullable(t: ValType, nullable: boolean): ValType {
  return refType(heapOf(t), nullable, isExact(t));
}
/** The same reference type, inexact. */
export function inexact(t: ValType): ValType {
  return isRef(t) ? refType(heapOf(t), isNullable(t)) : t;
}
export function isAbstractHeap(h: HeapType): boolean {
  return h < 0;
}

export const FUNCREF = refType(HT_FUNC, true);
export const EXTERNREF = refType(HT_EXTERN, true);
export const ANYREF = refType(HT_ANY, true);
export const EQREF = refType(HT_EQ, true);
export const I31REF = refType(HT_I31, true);
export const STRUCTREF = refType(HT_STRUCT, true);
export const ARRAYREF = refType(HT_ARRAY, true);
export const EXNREF = refType(HT_EXN, true);
export const NULLREF = refType(HT_NONE, true);
export const NULLFUNCREF = refType(HT_NOFUNC, true);
export const NULLEXTERNREF = refType(HT_NOEXTERN, true);
export const NULLEXNREF = refType(HT_NOEXN, true);

/** Whether a local of this type has a default value (numbers, vectors, nullable references). */
export function isDefaultable(t: ValType): boolean {
  return !isRef(t) || isNullable(t);
}

/** Size in bytes of a storage type's packed representation. */
export function storageSize(t: StorageType): number {
  switch (t) {
    case I8:
      return 1;
    case I16:
      return 2;
    case I32:
    case F32:
      return 4;
    case I64:
    case F64:
      return 8;
    case V128:
      return 16;
    default:
      return 8; // references: a pointer-sized slot
  }
}

/** The value type a storage type reads as (packed types widen to i32). */
export function unpacked(t: StorageType): ValType {
  return t === I8 || t === I16 ? I32 : t;
}

export function isPacked(t: StorageType): boolean {
  return t === I8 || t === I16;
}

/** A struct or array field. */
export interface FieldType {
  readonly storage: StorageType;
  readonly mutable: boolean;
}

export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}
export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly FieldType[];
}
export interface ArrayType {
  readonly kind: 'array';
  readonly field: FieldType;
}
/** A composite type: what a type definition describes. */
export type CompType = FuncType | StructType | ArrayType;

/**
 * A type definition of the type section: a composite type with its place in
 * the subtyping hierarchy and its recursion group.
 */
export interface SubType {
  readonly comp: CompType;
  readonly final: boolean;
  /** Declared supertype index, or -1. */
  readonly supertype: number;
  /** Index of the type this one describes (`(describes $t)`, custom descriptors), or -1. */
  readonly describes: number;
  /** Index of this type's descriptor type (`(descriptor $t)`, custom descriptors), or -1. */
  readonly descriptor: number;
  /** Index of the first type of this definition's recursion group. */
  readonly recStart: number;
  /** Number of types in this definition's recursion group. */
  readonly recSize: number;
}

/** Limits of a memory or table; sizes are exact up to 2^53. */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}
export interface MemoryType {
  readonly limits: Limits;
  /** True for a 64-bit memory (memory64). */
  readonly is64: boolean;
  readonly shared: boolean;
  /**
   * Log2 of the page size in bytes (custom page sizes): 16 (64 KiB, also
   * when absent) or 0 (1 byte). Limits, `memory.size` and `memory.grow`
   * count pages of this size.
   */
  readonly pageSizeLog2?: number;
}

/** The default page size's log2: pages of 64 KiB. */
export const DEFAULT_PAGE_SIZE_LOG2 = 16;

/** Bytes in a page of memory type `t` (65536 unless it has a custom page size). */
export function pageSize(t: MemoryType): number {
  return 2 ** (t.pageSizeLog2 ?? DEFAULT_PAGE_SIZE_LOG2);
}
export interface TableType {
  readonly element: ValType;
  readonly limits: Limits;
  /** True for a 64-bit table (table64). */
  readonly is64: boolean;
}
export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}
export interface TagType {
  /** Index of the tag's function type. */
  readonly typeIndex: number;
}

const ABSTRACT_NAMES: Record<number, string> = {
  [HT_NOEXN]: 'noexn',
  [HT_NOFUNC]: 'nofunc',
  [HT_NOEXTERN]: 'noextern',
  [HT_NONE]: 'none',
  [HT_FUNC]: 'func',
  [HT_EXTERN]: 'extern',
  [HT_ANY]: 'any',
  [HT_EQ]: 'eq',
  [HT_I31]: 'i31',
  [HT_STRUCT]: 'struct',
  [HT_ARRAY]: 'array',
  [HT_EXN]: 'exn',
  [HT_BOT]: 'bot',
};

/** The text-format name of an abstract heap type, or the index of a concrete one. */
export function heapTypeToString(h: HeapType): string {
  return h >= 0 ? String(h) : (ABSTRACT_NAMES[h] ?? `heap${h}`);
}

/** Text-format spelling of a type, as the reference interpreter prints it. */
export function valTypeToString(t: ValType): string {
  switch (t) {
    case BOT:
      return 'bot';
    case I32:
      return 'i32';
    case I64:
      return 'i64';
    case F32:
      return 'f32';
    case F64:
      return 'f64';
    case V128:
      return 'v128';
    case I8:
      return 'i8';
    case I16:
      return 'i16';
  }
  const h = heapOf(t);
  const nullable = isNullable(t);
  if (nullable && h < 0 && h !== HT_BOT) return `${ABSTRACT_NAMES[h]}ref`;
  const heap = isExact(t) ? `(exact ${h})` : heapTypeToString(h);
  return `(ref ${nullable ? 'null ' : ''}${heap})`;
}

/** `[t1 t2 ...]`, the reference interpreter's spelling of a result type. */
export function resultTypeToString(ts: ArrayLike<ValType>): string {
  const parts: string[] = [];
  for (let i = 0; i < ts.length; i++) parts.push(valTypeToString(ts[i]!));
  return `[${parts.join(' ')}]`;
}
