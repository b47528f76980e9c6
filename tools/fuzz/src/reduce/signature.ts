/** What "the same kind of mismatch" means while reducing. */
import type { OracleResult } from '../oracle.js';
import { signature, type Finding } from '../findings.js';
import { TIERS, type Tier } from '../tiers.js';

/** The tiers of an oracle result that mismatched, in order. */
export function mismatchTiers(r: OracleResult): Tier[] {
  return TIERS.filter((t) => r.tiers[t]?.status === 'mismatch');
}

/** The finding an oracle result amounts to, if it is a mismatch. */
export function findingOf(r: OracleResult, generator: string, seed: number): Finding | null {
  const tiers = mismatchTiers(r);
  if (tiers.length === 0) return null;
  const difference = r.tiers[tiers[0]!]!.difference!;
  return { generator, seed, category: difference.category, tiers, difference };
}

/** A generator-neutral signature of a mismatch, or null if there is none. */
export function oracleSignature(r: OracleResult): string | null {
  const f = findingOf(r, '-', 0);
  return f === null ? null : signature(f);
}
