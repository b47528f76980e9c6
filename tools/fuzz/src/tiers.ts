/**
 * The Weft configurations the oracle compares with native: the jit's
 * synchronous configurations, and `suspend`, where every call is async and
 * suspends (see run/suspend.ts).
 */
import { JIT_TIERS, type JitTier } from './run/weft.js';

/** A Weft configuration run by the oracle. */
export type Tier = JitTier | 'suspend';

/** Every configuration this version of Weft has, in the order the oracle runs them. */
export const TIERS: readonly Tier[] = [...JIT_TIERS, 'suspend'];

/** Whether `tier` is one of the jit's synchronous configurations. */
export function isJitTier(tier: Tier): tier is JitTier {
  return tier !== 'suspend';
}

/**
 * Parses a comma-separated list of tiers (`baseline,suspend`), in the
 * oracle's order whatever the order given; `all` is every tier.
 *
 * @throws {Error} naming an unknown tier, or for an empty list.
 */
export function parseTiers(text: string): Tier[] {
  if (text === 'all') return [...TIERS];
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(TIERS as readonly string[]).includes(n)) {
      throw new Error(`--tiers: unknown tier ${n}: expected some of ${TIERS.join(',')}, or all`);
    }
  }
  const tiers = TIERS.filter((t) => names.includes(t));
  if (tiers.length === 0) throw new Error('--tiers: no tier given');
  return tiers;
}
