/**
 * KNOWN_FAILURES: runs that do not match native yet, each with what was
 * found about it. The test still runs them and prints this list; a run here
 * that starts to pass fails the test, so the list is kept exact.
 * Keys are `program@engine`.
 */
import type { EngineName } from './engines.js';

const EXTEND_I32_U =
  'i64.extend_i32_u leaves a stale high half when its operand expression computes an i64 ' +
  '(repro/extend-i32-u.wat): big.Int.Exp(10, 20) gives 10^16, so big.Rat.FloatString is wrong';

export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'go/main@weft': EXTEND_I32_U,
  'go/main@weft-optimized': EXTEND_I32_U,
  'go/main@weft-baseline': EXTEND_I32_U,
};

export function knownFailure(program: string, engine: EngineName): string | undefined {
  return KNOWN_FAILURES[`${program}@${engine}`];
}
