/**
 * ToWebAssemblyValue and ToJSValue, as the JS API writes them, made once
 * per value type: `toWasm(t)` and `toJS(t)` return one small function each
 * (cached per type), so exported functions, host functions, globals and
 * tables convert without a switch per value.
 *
 * Runtime representations (`@weft/runtime`): i32 as a number, i64 as a
 * bigint, f32/f64 as numbers, references as `FuncInstance`s, wasm structs
 * and arrays, i31 numbers, `HostNumber`s and host values, `null`.
 */
import {
  F32,
  F64,
  HT_ANY,
  HT_ARRAY,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_NOEXN,
  HT_STRUCT,
  I32,
  I64,
  V128,
  heapOf,
  isNullable,
  isRef,
  type ValType,
} from '@weft/environ';
import {
  externalize,
  FuncInstance,
  HostNumber,
  internalize,
  WasmArray,
  WasmStruct,
} from '@weft/runtime';
import { exportedFunction, funcOfValue } from './func.js';
import { isGC, unwrapGC, wrapGC } from './gc.js';
import { registry } from './realm.js';
import { toBigInt64, toNumber } from './webidl.js';

export type ToWasm = (v: unknown) => unknown;
export type ToJS = (raw: unknown) => unknown;

const i32ToWasm: ToWasm = (v) => (v as number) | 0;
const i64ToWasm: ToWasm = (v) => (typeof v === 'bigint' ? BigInt.asIntN(64, v) : toBigInt64(v));
const f32ToWasm: ToWasm = (v) => Math.fround(toNumber(v));
const f64ToWasm: ToWasm = (v) => toNumber(v);
const v128ToWasm: ToWasm = () => {
  throw new TypeError('a v128 value cannot cross into WebAssembly from JS');
};
const exnToWasm: ToWasm = () => {
  throw new TypeError('an exnref value cannot cross into WebAssembly from JS');
};
const identity: ToJS = (raw) => raw;
const v128ToJS: ToJS = () => {
  throw new TypeError('a v128 value cannot cross from WebAssembly into JS');
};
const exnToJS: ToJS = () => {
  throw new TypeError('an exnref value cannot cross from WebAssembly into JS');
};

/** Whether values of type `t` can cross between JS and wasm (not v128, not exnref). */
export function jsCompatible(t: ValType): boolean {
  if (t === V128) return false;
  if (!isRef(t)) return true;
  const h = heapOf(t);
  return h !== HT_EXN && h !== HT_NOEXN;
}

function isI31(v: unknown): v is number {
  return typeof v === 'number';
}

function fail(t: ValType): never {
  throw new TypeError(`value is not of type ${describeType(t)}`);
}

/** A short name of a value type for messages. */
export function describeType(t: ValType): string {
  switch (t) {
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
  }
  const h = heapOf(t);
  const n = isNullable(t) ? 'null ' : '';
  const names: Record<number, string> = {
    [HT_FUNC]: 'func',
    [HT_EXTERN]: 'extern',
    [HT_ANY]: 'any',
    [HT_EQ]: 'eq',
    [HT_I31]: 'i31',
    [HT_STRUCT]: 'struct',
    [HT_ARRAY]: 'array',
    [HT_EXN]: 'exn',
  };
  return `(ref ${n}${names[h] ?? (h >= 0 ? `type ${h}` : 'none')})`;
}

/** The non-null case of ToWebAssemblyValue for heap type `h` (global type ids). */
function heapToWasm(h: number, t: ValType): ToWasm {
  if (h >= 0) {
    const comp = registry.get(h).comp;
    switch (comp.kind) {
      case 'func':
        return (v) => {
          const f = funcOfValue(v);
          if (f === null || !registry.isSubtype(f.typeId, h)) fail(t);
          return f;
        };
      case 'struct':
        return (v) => {
          const o = unwrapGC(v);
          if (!(o instanceof WasmStruct) || !registry.isSubtype(o.typeId, h)) fail(t);
          return o;
        };
      case 'array':
        return (v) => {
          const o = unwrapGC(v);
          if (!(o instanceof WasmArray) || !registry.isSubtype(o.typeId, h)) fail(t);
          return o;
        };
    }
  }
  switch (h) {
    case HT_EXTERN:
      return (v) => unwrapGC(v);
    case HT_FUNC:
      return (v) => funcOfValue(v) ?? fail(t);
    case HT_ANY:
      return (v) => internalize(unwrapGC(v));
    case HT_EQ:
      return (v) => {
        const o = internalize(unwrapGC(v));
        return isI31(o) || isGC(o) ? o : fail(t);
      };
    case HT_I31:
      return (v) => {
        const o = internalize(v);
        return isI31(o) ? o : fail(t);
      };
    case HT_STRUCT:
      return (v) => {
        const o = unwrapGC(v);
        return o instanceof WasmStruct ? o : fail(t);
      };
    case HT_ARRAY:
      return (v) => {
        const o = unwrapGC(v);
        return o instanceof WasmArray ? o : fail(t);
      };
    default:
      return () => fail(t); // the bottom types have no non-null values
  }
}

const toWasmCache = new Map<ValType, ToWasm>();

/** ToWebAssemblyValue for values of type `t` (concrete heap types as global ids). */
export function toWasm(t: ValType): ToWasm {
  switch (t) {
    case I32:
      return i32ToWasm;
    case I64:
      return i64ToWasm;
    case F32:
      return f32ToWasm;
    case F64:
      return f64ToWasm;
    case V128:
      return v128ToWasm;
  }
  if (!jsCompatible(t)) return exnToWasm;
  let c = toWasmCache.get(t);
  if (c === undefined) {
    const nonNull = heapToWasm(heapOf(t), t);
    c = isNullable(t)
      ? (v) => (v === null ? null : nonNull(v))
      : (v) => (v === null ? fail(t) : nonNull(v));
    toWasmCache.set(t, c);
  }
  return c;
}

/** ToJSValue of any reference (the representation tells the kind). */
export const refToJS: ToJS = (raw) => {
  if (raw === null || typeof raw !== 'object') return raw; // null, i31 numbers, host primitives
  if (raw instanceof FuncInstance) return exportedFunction(raw);
  if (raw instanceof HostNumber) return externalize(raw);
  if (isGC(raw)) return wrapGC(raw);
  return raw;
};

/** ToJSValue for values of type `t`. */
export function toJS(t: ValType): ToJS {
  switch (t) {
    case I32:
    case I64:
    case F32:
    case F64:
      return identity;
    case V128:
      return v128ToJS;
  }
  return jsCompatible(t) ? refToJS : exnToJS;
}

/** The default value of a type for `Global`/`Table` when none is given (ToWebAssemblyValue's DefaultValue). */
export function defaultValue(t: ValType): unknown {
  switch (t) {
    case I32:
    case F32:
    case F64:
      return 0;
    case I64:
      return 0n;
  }
  if (heapOf(t) === HT_EXTERN) return undefined;
  return null;
}
