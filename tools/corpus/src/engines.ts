/**
 * The engine configurations a program runs on: V8's own WebAssembly (the
 * reference) and Weft with its jit's tier-up thresholds set three ways.
 */
import { TIER_UP } from '@weft/jit';

export type EngineName = 'native' | 'weft' | 'weft-optimized' | 'weft-baseline';

export const ENGINES: readonly EngineName[] = ['native', 'weft', 'weft-optimized', 'weft-baseline'];

/** What each configuration is, for messages and the README. */
export const ENGINE_DESCRIPTIONS: Record<EngineName, string> = {
  native: "Node's WebAssembly (V8), the reference",
  weft: 'Weft with the default tier-up thresholds (baseline code, then optimized code, on-stack)',
  'weft-optimized': 'Weft with every function optimized before its first call (TIER_UP {1, 1})',
  'weft-baseline': 'Weft with baseline code only (TIER_UP {Infinity, Infinity})',
};

export function isEngineName(s: string): s is EngineName {
  return (ENGINES as readonly string[]).includes(s);
}

/**
 * Sets the jit's thresholds for `engine`. Must run before any module is
 * compiled: a function's tiers are decided when it is compiled and called.
 */
export function selectTiers(engine: EngineName): void {
  switch (engine) {
    case 'weft-optimized':
      TIER_UP.calls = 1;
      TIER_UP.iterations = 1;
      break;
    case 'weft-baseline':
      TIER_UP.calls = Infinity;
      TIER_UP.iterations = Infinity;
      break;
    default:
      break;
  }
}
