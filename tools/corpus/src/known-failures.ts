/**
 * KNOWN_FAILURES: runs that do not match native yet, each with the engine
 * bug behind it. The test still runs them and prints this list; a run here
 * that starts to pass fails the test, so the list is kept exact.
 * Keys are `program@engine`.
 */
import type { EngineName } from './engines.js';

// The corpus found one engine bug (repro/extend-i32-u.wat: i64.extend_i32_u of an i32
// expression computed from i64 work kept a stale high half), behind every failure it listed:
// Go's math/big, Rust's u128 formatting, musl's strtod, and esbuild-wasm spinning forever.
// It is fixed (jit, b00c208); the list is empty.
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

export function knownFailure(program: string, engine: EngineName): string | undefined {
  return KNOWN_FAILURES[`${program}@${engine}`];
}
