/**
 * The oracle: runs one module natively and on both tiers of Weft with the
 * same plan, and compares every observable.
 */
import { Engine, Module } from 'weft';
import { isWeftGap } from './decode.js';
import { compareExecutions, type Comparison, type Status } from './compare.js';
import { importsSupported } from './run/host.js';
import { runNative, source } from './run/native.js';
import { makePlan, type PlanOptions } from './run/plan.js';
import { runWeft, TIERS, withTier, type Tier } from './run/weft.js';

/** The verdict on one module. */
export interface OracleResult {
  status: Status;
  reason?: string;
  /** The comparison of each tier that ran (empty when the module was skipped before running). */
  tiers: Partial<Record<Tier, Comparison>>;
  nativeMs: number;
  weftMs: number;
  /** Number of calls made per engine. */
  calls: number;
}

/** Options of {@link runOracle}. */
export interface OracleOptions extends PlanOptions {
  tiers?: readonly Tier[];
  /** Called when the native run has finished (the parent's watchdog then blames Weft). */
  onNativeDone?: (ms: number) => void;
}

const RANK: Record<Status, number> = { ok: 0, skipped: 1, 'nan-only': 2, mismatch: 3 };

function skipped(reason: string): OracleResult {
  return { status: 'skipped', reason, tiers: {}, nativeMs: 0, weftMs: 0, calls: 0 };
}

/** Runs the oracle on a module binary. */
export function runOracle(bytes: Uint8Array, options: OracleOptions): OracleResult {
  let nativeValid: boolean;
  try {
    nativeValid = WebAssembly.validate(source(bytes));
  } catch {
    nativeValid = false;
  }
  if (!nativeValid) return skipped('native rejects the module');
  let module: Module;
  try {
    module = withTier('baseline', () => new Module(new Engine(), bytes));
  } catch (e) {
    const message = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    if (isWeftGap(message)) return skipped(`weft lacks legacy exception handling (${message})`);
    const difference = {
      category: 'compile' as const,
      step: 0,
      name: 'compile',
      args: [],
      native: 'valid',
      weft: message,
    };
    const c: Comparison = { status: 'mismatch', difference };
    return {
      status: 'mismatch',
      tiers: { baseline: c, optimized: c },
      nativeMs: 0,
      weftMs: 0,
      calls: 0,
    };
  }
  const plan = makePlan(module, options);
  const unsupported = importsSupported(plan.imports);
  if (unsupported !== null) return skipped(unsupported);
  const native = runNative(bytes, plan);
  options.onNativeDone?.(native.ms);
  const first = native.steps[0]!.outcome;
  if (first.kind === 'link' || first.kind === 'error') {
    return skipped(
      `native instantiation: ${first.kind === 'link' ? first.message : first.message}`,
    );
  }
  const result: OracleResult = {
    status: 'ok',
    tiers: {},
    nativeMs: native.ms,
    weftMs: 0,
    calls: plan.calls.length,
  };
  for (const tier of options.tiers ?? TIERS) {
    const weft = runWeft(bytes, plan, tier);
    result.weftMs += weft.ms;
    const c = compareExecutions(native, weft);
    result.tiers[tier] = c;
    if (RANK[c.status] > RANK[result.status]) {
      result.status = c.status;
      if (c.reason !== undefined) result.reason = c.reason;
    }
  }
  return result;
}
