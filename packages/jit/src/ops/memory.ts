/**
 * Helpers for memory instructions whose semantics need more than a DataView
 * call. (f32 loads and stores keep NaN payloads in the generated closures
 * themselves: see scripts/gen-memory.mjs.)
 */
import { R } from './i64.js';

/** The i64 sign extension of an int32: sets the high half, returns the low. */
export function signExtend(v: number): number {
  R.hi = v >> 31;
  return v;
}
