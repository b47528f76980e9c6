/**
 * Helpers for memory instructions whose semantics need more than a DataView
 * call: sign extension, and the NaN paths of f32 loads and stores (the
 * generated closures test for NaN themselves and call these only then: see
 * scripts/gen-memory.mjs).
 */
import { f32FromBits, f32ToBits } from '@weft/runtime';
import { R } from './i64.js';

/**
 * The f32 NaN at byte `ea` of `dv`, payload kept: `getFloat32` widens a
 * signalling NaN to a quiet one, so its bits are read instead.
 */
export function f32NanAt(dv: DataView, ea: number): number {
  return f32FromBits(dv.getInt32(ea, true));
}

/** Stores the f32 NaN `v` (held as a double) at byte `ea` of `dv`, payload kept. */
export function f32NanTo(dv: DataView, ea: number, v: number): void {
  dv.setInt32(ea, f32ToBits(v), true);
}

/** The i64 sign extension of an int32: sets the high half, returns the low. */
export function signExtend(v: number): number {
  R.hi = v >> 31;
  return v;
}
