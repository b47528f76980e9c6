/** Script values to API values, and API results against expected patterns. */
import type { NanPattern, ResultPattern, Value } from '@weft/wast';
import { f32Bits, f64ToBits, Func, Val, V128, WasmException } from 'weft-wasm';
import { WasmArray, WasmStruct } from '@weft/runtime';

/**
 * A host reference of the scripts: `(ref.extern n)` and `(ref.host n)`
 * denote the same host value `n`, seen from the extern and any hierarchies.
 */
export class HostRef {
  private static readonly all = new Map<number, HostRef>();

  private constructor(readonly n: number) {}

  static of(n: number): HostRef {
    let r = HostRef.all.get(n);
    if (r === undefined) {
      r = new HostRef(n);
      HostRef.all.set(n, r);
    }
    return r;
  }

  toString(): string {
    return `ref.host ${this.n}`;
  }
}

/** An action argument as an API value (floats as exact bits). */
export function toArg(v: Value): unknown {
  switch (v.type) {
    case 'i32':
      return v.value;
    case 'i64':
      return v.value;
    case 'f32':
      return Val.f32Bits(v.value);
    case 'f64':
      return Val.f64Bits(v.value);
    case 'v128':
      return new V128(v.value);
    case 'ref.null':
      return null;
    case 'ref.extern':
    case 'ref.host':
      return HostRef.of(v.value);
  }
}

function nanMatches(bits: bigint, width: 32 | 64, pattern: NanPattern): boolean {
  const exponentAndQuiet = width === 32 ? 0x7fc00000n : 0x7ff8000000000000n;
  const mask = width === 32 ? 0x7fffffffn : 0x7fffffffffffffffn;
  if (pattern === 'nan:canonical') return (bits & mask) === exponentAndQuiet;
  return (bits & exponentAndQuiet) === exponentAndQuiet;
}

function laneBits(bytes: Uint8Array, index: number, size: number): bigint {
  let v = 0n;
  for (let b = size - 1; b >= 0; b--) v = (v << 8n) | BigInt(bytes[index * size + b]!);
  return v;
}

const LANE_BYTES = { i8x16: 1, i16x8: 2, i32x4: 4, i64x2: 8, f32x4: 4, f64x2: 8 } as const;

/** Whether an API result matches an expected pattern. */
export function matches(expected: ResultPattern, actual: unknown): boolean {
  switch (expected.type) {
    case 'i32':
      return typeof actual === 'number' && (actual | 0) === expected.value;
    case 'i64':
      return actual === expected.value;
    case 'f32': {
      if (typeof actual !== 'number') return false;
      const bits = BigInt(f32Bits(actual));
      return typeof expected.value === 'number'
        ? bits === BigInt(expected.value)
        : nanMatches(bits, 32, expected.value);
    }
    case 'f64': {
      if (typeof actual !== 'number') return false;
      const bits = f64ToBits(actual);
      return typeof expected.value === 'bigint'
        ? bits === expected.value
        : nanMatches(bits, 64, expected.value);
    }
    case 'v128': {
      if (!(actual instanceof V128)) return false;
      const size = LANE_BYTES[expected.shape];
      return expected.lanes.every((lane, i) => {
        const bits = laneBits(actual.bytes, i, size);
        if (typeof lane === 'bigint') return bits === lane;
        return nanMatches(bits, size === 4 ? 32 : 64, lane);
      });
    }
    case 'ref.null':
      return actual === null;
    case 'ref.func':
      return actual instanceof Func;
    case 'ref.extern':
      return expected.value === null ? actual !== null : actual === HostRef.of(expected.value);
    case 'ref.host':
      return actual === HostRef.of(expected.value);
    case 'ref.struct':
      return actual instanceof WasmStruct;
    case 'ref.array':
      return actual instanceof WasmArray;
    case 'ref.i31':
      return typeof actual === 'number';
    case 'ref.eq':
      return (
        typeof actual === 'number' || actual instanceof WasmStruct || actual instanceof WasmArray
      );
    case 'ref.any':
      return actual !== null;
    case 'ref.exn':
      return actual instanceof WasmException;
    case 'either':
      return expected.options.some((o) => matches(o, actual));
  }
}

/** A short printable form of a result, for failure reports. */
export function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number')
    return Number.isNaN(v) ? `NaN(0x${f64ToBits(v).toString(16)})` : String(v);
  if (v instanceof V128) return v.toString();
  if (v === null) return 'null';
  return String(v);
}
