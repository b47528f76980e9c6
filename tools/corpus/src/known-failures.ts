/**
 * KNOWN_FAILURES: runs that do not match native yet, each with the engine
 * bug behind it. The test still runs them and prints this list; a run here
 * that starts to pass fails the test, so the list is kept exact.
 * Keys are `program@engine`.
 */
import type { EngineName } from './engines.js';

/** The bugs found so far, with their reduced reproducers under repro/. */
export const BUGS = {
  extendI32U:
    'i64.extend_i32_u leaves a stale high half when its operand expression computes an i64 ' +
    '(repro/extend-i32-u.wat); every run listed with it matches native once that is fixed ' +
    '(checked on a scratch copy of the jit)',
} as const;

const ALL_TIERS: readonly EngineName[] = ['weft', 'weft-optimized', 'weft-baseline'];

const entries = (program: string, engines: readonly EngineName[], why: string) =>
  engines.map((e) => [`${program}@${e}`, why] as const);

export const KNOWN_FAILURES: Readonly<Record<string, string>> = Object.fromEntries([
  // math/big: Exp(10, 20) computes 10^16, so big.Rat.FloatString prints wrong digits.
  ...entries(
    'go/main',
    ['weft-optimized', 'weft-baseline'],
    `big.Rat prints wrong digits: ${BUGS.extendI32U}`,
  ),
  // The Go runtime spins without calling the host after its 16th import call.
  ...entries('npm/esbuild-wasm', ['weft'], `loops forever: ${BUGS.extendI32U}`),
  // Traps (out of bounds memory access) after the first line of output.
  ...entries('rust/main.O2', ALL_TIERS, `traps out of bounds: ${BUGS.extendI32U}`),
  ...entries('rust/main.Os', ALL_TIERS, `traps out of bounds: ${BUGS.extendI32U}`),
  // musl's strtod (long double arithmetic after Binaryen's optimizer) parses "0.1" as 25.69...
  ...entries('emscripten/floats', ALL_TIERS, `strtod returns wrong values: ${BUGS.extendI32U}`),
  ...entries('emscripten/lisp', ALL_TIERS, `strtod returns wrong values: ${BUGS.extendI32U}`),
]);

export function knownFailure(program: string, engine: EngineName): string | undefined {
  return KNOWN_FAILURES[`${program}@${engine}`];
}
