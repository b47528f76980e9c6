/** Turning each engine's JS values into observations. */
import { f32Bits, f64ToBits, V128 } from 'weft-wasm';
import {
  obsF32Bits,
  obsF32Number,
  obsF64Bits,
  obsF64Number,
  obsI32,
  obsI64,
  obsRef,
  obsV128,
  type Obs,
} from '../values.js';
import type { TypeName } from './plan.js';

/** Observes a value native `WebAssembly` handed to JS. */
export function observeNative(type: TypeName, v: unknown): Obs {
  switch (type) {
    case 'i32':
      return obsI32(v as number);
    case 'i64':
      return obsI64(v as bigint);
    case 'f32':
      return obsF32Number(v as number);
    case 'f64':
      return obsF64Number(v as number);
    default:
      return obsRef(v);
  }
}

/** Observes a value of the Weft API (f32/f64 keep their NaN payloads, v128 is a `V128`). */
export function observeWeft(type: TypeName, v: unknown): Obs {
  switch (type) {
    case 'i32':
      return obsI32(v as number);
    case 'i64':
      return obsI64(v as bigint);
    case 'f32':
      return obsF32Bits(f32Bits(v as number));
    case 'f64':
      return obsF64Bits(f64ToBits(v as number));
    case 'v128':
      return obsV128((v as V128).bytes);
    default:
      return obsRef(v);
  }
}

/** The memory's bytes, reusing `previous` when they have not changed (most calls write little). */
export function snapshotBytes(bytes: Uint8Array, previous: Uint8Array | undefined): Uint8Array {
  if (
    previous !== undefined &&
    Buffer.from(previous.buffer, previous.byteOffset, previous.length).equals(bytes)
  ) {
    return previous;
  }
  return bytes.slice();
}
