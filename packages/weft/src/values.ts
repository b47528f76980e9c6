/**
 * Conversions between API values and the runtime's representation, checked
 * at every boundary: `Func.call` arguments, host function results, global
 * and table values.
 *
 * API values: i32 as a number, i64 as a bigint (or a safe-integer number),
 * f32 and f64 as numbers, v128 as a `V128`, funcref as a `Func` or null,
 * externref as any JS value (null is the null reference), anyref values as
 * the objects wasm created, i31 as numbers, exnref as a `WasmException`.
 * NaN payloads of f32/f64 are preserved; build and read exact bit patterns
 * with `f32FromBits`/`f32ToBits` and `f64FromBits`/`f64ToBits`, or pass a
 * `Val` carrying the bits.
 *
 * Checks are precomputed: `lowerer(t)` returns one small function per value
 * type (cached per type), which either returns the runtime value or `BAD`;
 * callers build the error message only when a check fails.
 */
import {
  F32,
  F64,
  I32,
  I64,
  V128 as V128T,
  heapOf,
  isExact,
  isNullable,
  isRef,
  HT_ANY,
  HT_ARRAY,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_STRUCT,
  type CompType,
  type ValType as ValTypeCode,
} from '@weft/environ';
import {
  externalize,
  f32FromBits,
  f32ToBits,
  f64FromBits,
  f64HighBits,
  f64LowBits,
  FuncInstance,
  internalize,
  StoreError,
  V128,
  WasmArray,
  WasmException,
  WasmStruct,
  type TypeRegistry,
} from '@weft/runtime';
import { Func } from './func.js';
import type { Store } from './store.js';
import { valTypeName } from './types.js';

/** A value with an explicit type, for exact float bit patterns. */
export class Val {
  private constructor(
    /** @internal */ readonly type: 'i32' | 'i64' | 'f32' | 'f64',
    /** @internal */ readonly raw: number | bigint,
  ) {}

  /** An i32; any number, wrapped to 32 bits as `v | 0` does. */
  static i32(v: number): Val {
    return new Val('i32', v | 0);
  }
  /** An i64; any bigint, wrapped to 64 bits. */
  static i64(v: bigint): Val {
    return new Val('i64', BigInt.asIntN(64, v));
  }
  /** An f32 from its bit pattern (an unsigned 32-bit integer). */
  static f32Bits(bits: number): Val {
    return new Val('f32', f32FromBits(bits | 0));
  }
  /** An f64 from its bit pattern. */
  static f64Bits(bits: bigint): Val {
    const b = BigInt.asUintN(64, bits);
    return new Val('f64', f64FromBits(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0));
  }

  /** The value as a JS number or bigint. */
  get value(): number | bigint {
    return this.raw;
  }

  /** The value as its constructor call would write it: `Val.i32(5)`. */
  toString(): string {
    return `Val.${this.type}(${describeValue(this.raw)})`;
  }
}

/** The bit pattern (unsigned) of an f32 value. */
export function f32Bits(x: number): number {
  return f32ToBits(x) >>> 0;
}

/** The bit pattern of an f64 value. */
export function f64ToBits(x: number): bigint {
  return (BigInt(f64HighBits(x) >>> 0) << 32n) | BigInt(f64LowBits(x) >>> 0);
}

/** The f64 value with bit pattern `bits`. */
export function f64FromBitsBig(bits: bigint): number {
  const b = BigInt.asUintN(64, bits);
  return f64FromBits(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0);
}

// -----------------------------------------------------------------------------
// API value -> runtime value.

/**
 * What a lowerer returns for a value that is not of its type. Private, so
 * no API value (an externref can be any JS value) can be mistaken for it.
 */
export const BAD: unique symbol = Symbol('not a value of the type');

/** Converts an API value to the runtime representation of one fixed type, or returns `BAD`. */
export type Lowerer = (v: unknown, store: Store) => unknown;

const I64_MIN = -(1n << 63n);
const I64_END = 1n << 63n;
const U64_END = 1n << 64n;
const I31_MIN = -(2 ** 30);
const I31_END = 2 ** 30;

// Numbers: the signed or unsigned range of the type; wrapping is explicit (`Val.i32`, `Val.i64`).
const lowerI32: Lowerer = (v) => {
  if (typeof v === 'number') return (v | 0) === v || v >>> 0 === v ? v | 0 : BAD;
  return v instanceof Val && v.type === 'i32' ? v.raw : BAD;
};
const lowerI64: Lowerer = (v) => {
  if (typeof v === 'bigint') {
    if (v >= I64_MIN && v < I64_END) return v;
    return v >= I64_END && v < U64_END ? BigInt.asIntN(64, v) : BAD;
  }
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : BAD;
  return v instanceof Val && v.type === 'i64' ? v.raw : BAD;
};
const lowerF32: Lowerer = (v) => {
  if (typeof v === 'number') return v;
  return v instanceof Val && v.type === 'f32' ? v.raw : BAD;
};
const lowerF64: Lowerer = (v) => {
  if (typeof v === 'number') return v;
  return v instanceof Val && v.type === 'f64' ? v.raw : BAD;
};
const lowerV128: Lowerer = (v) => (v instanceof V128 ? v : BAD);

/** The function a `Func` (or, internally, a `FuncInstance`) denotes in `store`, or null. */
function funcOf(v: unknown, store: Store): FuncInstance | null {
  if (v instanceof Func) return v.inner(store); // throws StoreError for another store's Func
  if (v instanceof FuncInstance) {
    if (v.store !== store.inner)
      throw new StoreError('function used with a store it does not belong to');
    return v;
  }
  return null;
}

/** An i31 value: an integer in [-2^30, 2^30), as the runtime holds it (no -0). */
function isI31Number(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= I31_MIN && v < I31_END;
}

/**
 * The check of a non-null value against heap type `h`, or exactly type `h`
 * with `exact` (an exact reference type, custom descriptors).
 */
function heapLowerer(h: number, exact: boolean, registry: TypeRegistry): Lowerer {
  if (h >= 0) {
    const comp: CompType = registry.get(h).comp;
    const has = (id: number) => (exact ? id === h : registry.isSubtype(id, h));
    switch (comp.kind) {
      case 'func':
        return (v, store) => {
          const f = funcOf(v, store);
          return f !== null && has(f.typeId) ? f : BAD;
        };
      case 'struct':
        return (v) => (v instanceof WasmStruct && has(v.typeId) ? v : BAD);
      case 'array':
        return (v) => (v instanceof WasmArray && has(v.typeId) ? v : BAD);
    }
  }
  switch (h) {
    case HT_EXTERN:
      return (v) => v;
    case HT_FUNC:
      return (v, store) => funcOf(v, store) ?? BAD;
    case HT_ANY:
      // As the JS API's ToWebAssemblyValue: i31-range integers become i31s,
      // wasm objects stay themselves, other host values are internalized.
      return (v) => internalize(v);
    case HT_EQ:
      return (v) =>
        isI31Number(v) ? v | 0 : v instanceof WasmStruct || v instanceof WasmArray ? v : BAD;
    case HT_I31:
      return (v) => (isI31Number(v) ? v | 0 : BAD);
    case HT_STRUCT:
      return (v) => (v instanceof WasmStruct ? v : BAD);
    case HT_ARRAY:
      return (v) => (v instanceof WasmArray ? v : BAD);
    case HT_EXN:
      return (v, store) => {
        if (!(v instanceof WasmException)) return BAD;
        if (v.tag.store !== store.inner)
          throw new StoreError('exception used with a store it does not belong to');
        return v;
      };
    default:
      // none, nofunc, noextern, noexn: the bottom types have no non-null values.
      return () => BAD;
  }
}

function refLowerer(t: ValTypeCode, registry: TypeRegistry): Lowerer {
  const nonNull = heapLowerer(heapOf(t), isExact(t), registry);
  return isNullable(t)
    ? (v, store) => (v === null ? null : nonNull(v, store))
    : (v, store) => (v === null ? BAD : nonNull(v, store));
}

const lowerers = new WeakMap<TypeRegistry, Map<ValTypeCode, Lowerer>>();

/** The (cached) lowerer of values of type `t`; concrete heap types are ids of `registry`. */
export function lowerer(t: ValTypeCode, registry: TypeRegistry): Lowerer {
  switch (t) {
    case I32:
      return lowerI32;
    case I64:
      return lowerI64;
    case F32:
      return lowerF32;
    case F64:
      return lowerF64;
    case V128T:
      return lowerV128;
  }
  if (!isRef(t)) throw new TypeError(`unsupported value type ${t}`);
  let cache = lowerers.get(registry);
  if (cache === undefined) lowerers.set(registry, (cache = new Map()));
  let lower = cache.get(t);
  if (lower === undefined) cache.set(t, (lower = refLowerer(t, registry)));
  return lower;
}

/**
 * Converts `v` to type `t`, or throws a TypeError: `${where} must be ${t}, got ${v}`
 * (for example `Global.new: value must be (ref func), got null`).
 */
export function lowerOrThrow(
  store: Store,
  t: ValTypeCode,
  v: unknown,
  where: () => string,
): unknown {
  const registry = store.engine.registry;
  const raw = lowerer(t, registry)(v, store);
  if (raw === BAD) throw typeMismatch(where(), t, v, registry);
  return raw;
}

/** The TypeError of a value `v` that is not of type `t`. */
export function typeMismatch(
  where: string,
  t: ValTypeCode,
  v: unknown,
  registry: TypeRegistry,
): TypeError {
  return new TypeError(
    `${where} must be ${typeToString(t, registry)}, got ${describeValue(v, registry)}`,
  );
}

// -----------------------------------------------------------------------------
// Runtime value -> API value.

/** Converts a runtime value of one fixed type to an API value. */
export type Lifter = (v: unknown, store: Store) => unknown;

const liftRef: Lifter = (v, store) =>
  v instanceof FuncInstance ? Func.of(store, v) : externalize(v);

/** The lifter of values of type `t`, or null where the runtime value is the API value. */
export function lifter(t: ValTypeCode): Lifter | null {
  return isRef(t) ? liftRef : null;
}

/** Converts a runtime value of type `t` to an API value. */
export function fromRuntime(store: Store, t: ValTypeCode, v: unknown): unknown {
  return isRef(t) ? liftRef(v, store) : v;
}

// -----------------------------------------------------------------------------
// Messages.

function compToString(comp: CompType): string {
  const vt = valTypeName;
  switch (comp.kind) {
    case 'func': {
      const params = comp.params.length ? ` (param ${comp.params.map(vt).join(' ')})` : '';
      const results = comp.results.length ? ` (result ${comp.results.map(vt).join(' ')})` : '';
      return `(func${params}${results})`;
    }
    case 'struct':
      return `(struct${comp.fields.map((f) => ` (field ${f.mutable ? `(mut ${vt(f.storage)})` : vt(f.storage)})`).join('')})`;
    case 'array':
      return `(array ${comp.field.mutable ? `(mut ${vt(comp.field.storage)})` : vt(comp.field.storage)})`;
  }
}

/** A value type as the text format spells it; a concrete heap type is spelled out. */
export function typeToString(t: ValTypeCode, registry: TypeRegistry): string {
  if (!isRef(t) || heapOf(t) < 0) return valTypeName(t);
  const h = heapOf(t);
  const def = registry.types[h];
  const name = def === undefined ? String(h) : `${h} ${compToString(def.comp)}`;
  return `(ref ${isNullable(t) ? 'null ' : ''}${isExact(t) ? `(exact ${name})` : name})`;
}

/** A short description of any JS value, for error messages. */
export function describeValue(v: unknown, registry?: TypeRegistry): string {
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'string':
      return JSON.stringify(v.length > 32 ? `${v.slice(0, 32)}...` : v);
    case 'boolean':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `a JS function${v.name ? ` ${v.name}` : ''}`;
  }
  if (v === null) return 'null';
  if (v instanceof Func || v instanceof FuncInstance) {
    const f = v instanceof Func ? funcTypeOf(v) : v;
    return f === null ? 'a function' : `a function of type ${compToString(f.type)}`;
  }
  if (v instanceof Val) return v.toString();
  if (v instanceof V128) return v.toString();
  const typeName = (id: number) =>
    registry?.types[id] === undefined ? String(id) : `${id} ${compToString(registry.get(id).comp)}`;
  if (v instanceof WasmStruct) return `a struct of type ${typeName(v.typeId)}`;
  if (v instanceof WasmArray) return `an array of type ${typeName(v.typeId)}`;
  if (v instanceof WasmException) return 'a WasmException';
  const ctor = (v as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof ctor !== 'string' || ctor === '' || ctor === 'Object') return 'an object';
  return `${/^[aeiou]/i.test(ctor) ? 'an' : 'a'} ${ctor}`;
}

/** The function of a handle, without throwing (for messages). */
function funcTypeOf(f: Func): FuncInstance | null {
  try {
    return f.inner(f.store);
  } catch {
    return null;
  }
}

export { V128 };
