/** Running tests with all code compiled in one configuration of the jit. */
import { LAYOUT, TIER_UP } from '@weft/jit';

/** Baseline code only, optimized code only, or the flat layout only. */
export type JitConfig = 'baseline' | 'optimized' | 'flat';

export const JIT_CONFIGS: readonly JitConfig[] = ['baseline', 'optimized', 'flat'];

/**
 * Runs `body` with all code compiled in `config` (code compiles on a
 * function's first call, so that must happen inside); the settings are
 * restored when `body` returns, or when the promise it returns settles.
 */
export function inConfig<T>(config: JitConfig, body: () => T): T {
  const saved = { ...TIER_UP };
  const flat = LAYOUT.flat;
  const restore = () => {
    Object.assign(TIER_UP, saved);
    LAYOUT.flat = flat;
  };
  Object.assign(
    TIER_UP,
    config === 'optimized'
      ? { calls: 1, iterations: 1 }
      : { calls: Infinity, iterations: Infinity },
  );
  LAYOUT.flat = config === 'flat';
  let result: T;
  try {
    result = body();
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
