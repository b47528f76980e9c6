/**
 * Conversions between API values and the runtime's representation.
 *
 * API values: i32 as a number, i64 as a bigint, f32 and f64 as numbers,
 * v128 as a `V128`, funcref as a `Func` or null, externref as any JS value
 * (null is the null reference), anyref values as the objects wasm created,
 * i31 as numbers. NaN payloads of f32/f64 are preserved; build and read
 * exact bit patterns with `f32FromBits`/`f32ToBits` and `f64FromBits`/
 * `f64ToBits`, or pass a `Val` carrying the bits.
 */
import {
  F32,
  F64,
  I32,
  I64,
  V128 as V128T,
  heapOf,
  isRef,
  HT_ANY,
  HT_EQ,
  HT_I31,
  HT_STRUCT,
  HT_ARRAY,
  HT_NONE,
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
  type TypeRegistry,
} from '@weft/runtime';
import { Func } from './externs.js';
import type { Store } from './store.js';

/** A value with an explicit type, for exact float bit patterns. */
export class Val {
  private constructor(
    /** @internal */ readonly type: 'i32' | 'i64' | 'f32' | 'f64',
    /** @internal */ readonly raw: number | bigint,
  ) {}

  static i32(v: number): Val {
    return new Val('i32', v | 0);
  }
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

function expect(ok: boolean, what: string, v: unknown): void {
  if (!ok)
    throw new TypeError(`expected ${what}, got ${typeof v === 'bigint' ? `${v}n` : String(v)}`);
}

/** Converts an API value to the runtime representation for type `t`. */
export function toRuntime(
  store: Store,
  t: ValTypeCode,
  v: unknown,
  _registry: TypeRegistry,
): unknown {
  if (v instanceof Val) v = v.raw;
  switch (t) {
    case I32:
      expect(typeof v === 'number', 'a number for i32', v);
      return (v as number) | 0;
    case I64:
      expect(typeof v === 'bigint' || Number.isInteger(v), 'a bigint for i64', v);
      return BigInt.asIntN(64, BigInt(v as bigint));
    case F32:
    case F64:
      expect(typeof v === 'number', `a number for ${t === F32 ? 'f32' : 'f64'}`, v);
      return v;
    case V128T:
      expect(v instanceof V128, 'a V128', v);
      return v;
  }
  if (!isRef(t)) throw new TypeError(`unsupported value type ${t}`);
  if (v === null) return null;
  if (v instanceof Func) {
    const f = v.inner(store);
    return f;
  }
  if (v instanceof FuncInstance) {
    if (v.store !== store.inner)
      throw new StoreError('function used with a store it does not belong to');
    return v;
  }
  const h = heapOf(t);
  if (
    h === HT_ANY ||
    h === HT_EQ ||
    h === HT_I31 ||
    h === HT_STRUCT ||
    h === HT_ARRAY ||
    h === HT_NONE
  ) {
    return internalize(v);
  }
  return v;
}

/** Converts a runtime value of type `t` to an API value. */
export function fromRuntime(store: Store, t: ValTypeCode, v: unknown): unknown {
  if (v instanceof FuncInstance) return Func.of(store, v);
  if (isRef(t)) return externalize(v);
  return v;
}

export { V128 };
