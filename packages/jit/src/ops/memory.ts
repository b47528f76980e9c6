/** Helpers for memory instructions whose semantics need more than a DataView call. */
import { f32FromBits, f32ToBits } from '@weft/runtime';
import { R } from './i64.js';

/** f32.load keeping NaN payloads (DataView would quiet signalling NaNs). */
export function f32Load(dv: DataView, ea: number): number {
  const v = dv.getFloat32(ea, true);
  return v === v ? v : f32FromBits(dv.getInt32(ea, true));
}

/** f32.store keeping NaN payloads. */
export function f32Store(dv: DataView, ea: number, v: number): void {
  if (v === v) dv.setFloat32(ea, v, true);
  else dv.setInt32(ea, f32ToBits(v), true);
}

/** The i64 sign extension of an int32: sets the high half, returns the low. */
export function signExtend(v: number): number {
  R.hi = v >> 31;
  return v;
}
