/** The JS API's type names (`ValueType`, `TableKind`, `AddressType`). */
import {
  ANYREF,
  ARRAYREF,
  EQREF,
  EXNREF,
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  I31REF,
  I32,
  I64,
  NULLEXTERNREF,
  NULLFUNCREF,
  NULLREF,
  STRUCTREF,
  V128,
  type ValType,
} from '@weft/environ';
import { toStringValue } from './webidl.js';

const VALUE_TYPES: Readonly<Record<string, ValType>> = {
  i32: I32,
  i64: I64,
  f32: F32,
  f64: F64,
  v128: V128,
  externref: EXTERNREF,
  anyfunc: FUNCREF,
  funcref: FUNCREF,
  anyref: ANYREF,
  eqref: EQREF,
  i31ref: I31REF,
  structref: STRUCTREF,
  arrayref: ARRAYREF,
  nullref: NULLREF,
  nullexternref: NULLEXTERNREF,
  nullfuncref: NULLFUNCREF,
  exnref: EXNREF,
};

/** Converts a `ValueType` enum value (after ToString), or throws a TypeError. */
export function parseValueType(v: unknown, where: string): ValType {
  const s = toStringValue(v);
  const t = Object.hasOwn(VALUE_TYPES, s) ? VALUE_TYPES[s] : undefined;
  if (t === undefined) throw new TypeError(`${where}: "${s}" is not a value type`);
  return t;
}

/** Converts a `TableKind` (a reference type name), or throws a TypeError. */
export function parseRefType(v: unknown, where: string): ValType {
  const s = toStringValue(v);
  const t = Object.hasOwn(VALUE_TYPES, s) ? VALUE_TYPES[s] : undefined;
  if (t === undefined || t === I32 || t === I64 || t === F32 || t === F64 || t === V128) {
    throw new TypeError(`${where}: "${s}" is not a table element type`);
  }
  return t;
}

/** Converts an `AddressType` ("i32" or "i64"); undefined is "i32". */
export function parseAddressType(v: unknown, where: string): boolean {
  if (v === undefined) return false;
  const s = toStringValue(v);
  if (s === 'i32') return false;
  if (s === 'i64') return true;
  throw new TypeError(`${where}: "${s}" is not an address type`);
}

/** The name of a value type in `Module.imports`/`exports` descriptions and `type()`. */
export function valueTypeName(t: ValType): string {
  for (const [name, code] of Object.entries(VALUE_TYPES)) {
    if (code === t && name !== 'anyfunc') return name;
  }
  return 'ref';
}
