/**
 * GC values: structs, arrays and i31 references, and the JS representation
 * of the `any` hierarchy. An anyref is `null`, a `WasmStruct`, a
 * `WasmArray`, an i31 (a JS number in [-2^30, 2^30)), or an internalized
 * host value (any other JS value).
 */

/** A struct; `fields` hold values in the runtime representation (i64 as bigint). */
export class WasmStruct {
  constructor(
    /** Global type id. */
    readonly typeId: number,
    readonly fields: unknown[],
  ) {}
}

/** Storage of an array's elements, chosen by its element type. */
export type ArrayStorage =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | BigInt64Array
  | Float64Array
  | unknown[];

/** An array. Packed and numeric elements live in typed arrays. */
export class WasmArray {
  constructor(
    /** Global type id. */
    readonly typeId: number,
    readonly elements: ArrayStorage,
  ) {}

  get length(): number {
    return this.elements.length;
  }
}

/** Whether `v` is an i31 reference. */
export function isI31(v: unknown): v is number {
  return typeof v === 'number';
}

/** `ref.i31`: wraps the low 31 bits of an i32. */
export function toI31(v: number): number {
  return (v << 1) >> 1;
}

/** `any.convert_extern`: host values enter the any hierarchy (integers in range as i31). */
export function internalize(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 30) && v < 2 ** 30) {
    return Object.is(v, -0) ? 0 : v;
  }
  if (typeof v === 'number') return new HostNumber(v);
  return v;
}

/** `extern.convert_any`: the inverse of `internalize`. */
export function externalize(v: unknown): unknown {
  return v instanceof HostNumber ? v.value : v;
}

/** A host number outside the i31 range, internalized into the any hierarchy. */
export class HostNumber {
  constructor(readonly value: number) {}
}

import { F32, F64, I16, I32, I64, I8, V128 as V128T, type StorageType } from '@weft/environ';
import { V128 } from './values.js';

/** Storage for `length` elements of type `t`, filled with the type's default. */
export function createArrayStorage(t: StorageType, length: number): ArrayStorage {
  switch (t) {
    case I8:
      return new Uint8Array(length);
    case I16:
      return new Uint16Array(length);
    case I32:
      return new Int32Array(length);
    case I64:
      return new BigInt64Array(length);
    case F32:
    case F64:
      return new Float64Array(length);
    case V128T:
      return Array.from({ length }, () => new V128());
    default:
      return new Array<unknown>(length).fill(null);
  }
}

/** The default value of a field or local of type `t`, in the runtime representation. */
export function defaultValue(t: StorageType): unknown {
  switch (t) {
    case I8:
    case I16:
    case I32:
    case F32:
    case F64:
      return 0;
    case I64:
      return 0n;
    case V128T:
      return new V128();
    default:
      return null;
  }
}
