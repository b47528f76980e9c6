/**
 * The oracle: runs one module natively and on each tier of Weft with the
 * same plan, and compares every observable. The jit's tiers run
 * synchronously; the suspend tier is async, so the oracle is too.
 */
import { Engine, Module } from 'weft-wasm';
import { isWeftGap } from './decode.js';
import { compareExecutions, type Comparison, type Status } from './compare.js';
import type { Execution } from './run/execution.js';
import { SUSPEND_FAULTS, type SuspendFault } from './run/faults.js';
import { importsSupported } from './run/host.js';
import { runNative, source } from './run/native.js';
import { makePlan, type PlanOptions } from './run/plan.js';
import {
  runWeftSuspend,
  suspendConfig,
  type SuspendConfig,
  type SuspendStats,
} from './run/suspend.js';
import { runWeft, withTier } from './run/weft.js';
import { isJitTier, TIERS, type Tier } from './tiers.js';

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
  /** When the suspend tier ran: its configuration and how much it suspended. */
  suspend?: { config: SuspendConfig; stats: SuspendStats };
}

/** Options of {@link runOracle}. */
export interface OracleOptions extends PlanOptions {
  tiers?: readonly Tier[];
  /** Called when the native run has finished (the parent's watchdog then blames Weft). */
  onNativeDone?: (ms: number) => void;
  /** Called before each Weft tier runs (so that a hang can be blamed on its tier). */
  onTier?: (tier: Tier) => void;
  /** Test-only: a fault injected into the suspend tier. */
  fault?: SuspendFault;
}

const RANK: Record<Status, number> = { ok: 0, skipped: 1, 'nan-only': 2, mismatch: 3 };

function skipped(reason: string): OracleResult {
  return { status: 'skipped', reason, tiers: {}, nativeMs: 0, weftMs: 0, calls: 0 };
}

/** Runs the oracle on a module binary, in `options.tiers` (default: every tier). */
export async function runOracle(bytes: Uint8Array, options: OracleOptions): Promise<OracleResult> {
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
    options.onTier?.(tier);
    let weft: Execution;
    if (isJitTier(tier)) weft = runWeft(bytes, plan, tier);
    else {
      const config = suspendConfig(options.seed);
      const hooks = options.fault === undefined ? {} : SUSPEND_FAULTS[options.fault];
      const run = await runWeftSuspend(bytes, plan, config, hooks);
      result.suspend = { config, stats: run.suspend };
      weft = run;
    }
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
