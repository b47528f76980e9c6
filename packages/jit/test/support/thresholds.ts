import { TIER_UP } from '#src/index.js';

/** Runs `body` with the given tier-up thresholds, restoring the defaults after. */
export function withThresholds(calls: number, iterations: number, body: () => void): void {
  const saved = { ...TIER_UP };
  Object.assign(TIER_UP, { calls, iterations });
  try {
    body();
  } finally {
    Object.assign(TIER_UP, saved);
  }
}
