/** Runs a plan on Weft, in one tier of its compiler. */
import * as jit from '@weft/jit';
import {
  Engine,
  Func,
  FuncType,
  Global,
  GlobalType,
  Linker,
  LinkError,
  Memory,
  MemoryType,
  Module,
  Store,
  Table,
  TableType,
  Trap,
  ValType,
  type Instance,
} from 'weft-wasm';
import type { Obs } from '../values.js';
import type { Execution, Outcome, Snapshot, StepRecord } from './execution.js';
import { HostLog, importedGlobalValue } from './host.js';
import { observeWeft, snapshotBytes } from './observe.js';
import type { CallSpec, ImportSpec, Plan } from './plan.js';

/**
 * The jit's configurations: `baseline` never tiers up, `optimized` compiles
 * everything optimized, `flat` compiles every body in the flat layout that
 * bodies nested too deeply for closures get (baseline tier).
 */
export type JitTier = 'baseline' | 'optimized' | 'flat';

const TIER_UP = jit.TIER_UP;

/**
 * The jit's layout switch, `{ flat }`, in versions that have a flat layout
 * (read by name: older versions lack the export).
 */
const LAYOUT = (jit as Record<string, unknown>)['LAYOUT'] as { flat: boolean } | undefined;

/** The configurations this version of the jit has. */
export const JIT_TIERS: readonly JitTier[] =
  LAYOUT === undefined ? ['baseline', 'optimized'] : ['baseline', 'optimized', 'flat'];

/**
 * The jit's global settings: tier-up thresholds (calls of a function,
 * iterations of one loop) and whether bodies get the flat layout.
 */
export interface JitSettings {
  calls: number;
  iterations: number;
  flat: boolean;
}

/** The settings of a configuration. */
export function tierSettings(tier: JitTier): JitSettings {
  const n = tier === 'optimized' ? 1 : Infinity;
  return { calls: n, iterations: n, flat: tier === 'flat' };
}

/** Applies `settings` (code compiles lazily: they must hold while wasm runs); returns the undo. */
function applyJit(settings: JitSettings): () => void {
  const saved = { ...TIER_UP };
  const savedFlat = LAYOUT?.flat;
  Object.assign(TIER_UP, { calls: settings.calls, iterations: settings.iterations });
  if (LAYOUT !== undefined) LAYOUT.flat = settings.flat;
  return () => {
    Object.assign(TIER_UP, saved);
    if (LAYOUT !== undefined) LAYOUT.flat = savedFlat!;
  };
}

/** Runs `fn` with the jit configured for `tier`, restoring the settings after. */
export function withTier<T>(tier: JitTier, fn: () => T): T {
  const restore = applyJit(tierSettings(tier));
  try {
    return fn();
  } finally {
    restore();
  }
}

/**
 * Runs the async `fn` with the jit configured by `settings` until its
 * promise settles. The settings are global: nothing else may run wasm
 * meanwhile (a worker runs one module at a time).
 */
export async function withJit<T>(settings: JitSettings, fn: () => Promise<T>): Promise<T> {
  const restore = applyJit(settings);
  try {
    return await fn();
  } finally {
    restore();
  }
}

/** How a Weft instantiation or call that threw `e` ended. */
export function weftOutcome(e: unknown): Outcome {
  if (e instanceof Trap) {
    return e.code === 'StackOverflow' ? { kind: 'stack' } : { kind: 'trap', code: e.code };
  }
  if (e instanceof LinkError) return { kind: 'link', message: e.message };
  return {
    kind: 'error',
    message: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e),
  };
}

/** A function import of a plan. */
export type FuncImport = Extract<ImportSpec, { kind: 'func' }>;

/** Makes the host function for a function import; it must log through `log`. */
export type HostFuncFactory = (
  store: Store,
  type: FuncType,
  spec: FuncImport,
  log: HostLog,
) => Func;

/** Synchronous host functions answering as {@link HostLog} does. */
const syncHost: HostFuncFactory = (store, type, spec, log) =>
  Func.new(store, type, (_caller, ...args: unknown[]) =>
    log.call(
      spec,
      spec.params.map((t, i) => observeWeft(t, args[i])),
    ),
  );

/** Defines the plan's imports in `linker`, function imports made by `hostFunc`. */
export function defineImports(
  store: Store,
  linker: Linker,
  plan: Plan,
  log: HostLog,
  hostFunc: HostFuncFactory = syncHost,
): void {
  // A module may import one name twice: the first import's type defines it (as natively).
  const seen = new Set<string>();
  for (const spec of plan.imports) {
    const key = JSON.stringify([spec.module, spec.name]);
    if (seen.has(key)) continue;
    seen.add(key);
    switch (spec.kind) {
      case 'func': {
        const type = new FuncType(spec.params.map(ValType.parse), spec.results.map(ValType.parse));
        linker.define(store, spec.module, spec.name, hostFunc(store, type, spec, log));
        break;
      }
      case 'memory':
        linker.define(
          store,
          spec.module,
          spec.name,
          Memory.new(store, new MemoryType(spec.min, spec.max)),
        );
        break;
      case 'table':
        linker.define(
          store,
          spec.module,
          spec.name,
          Table.new(store, new TableType(ValType.parse(spec.element), spec.min, spec.max)),
        );
        break;
      case 'global':
        linker.define(
          store,
          spec.module,
          spec.name,
          Global.new(
            store,
            new GlobalType(ValType.parse(spec.type), spec.mutable),
            importedGlobalValue(spec.type) ?? (spec.type === 'i64' ? 0n : null),
          ),
        );
        break;
    }
  }
}

/** The exported memories and globals after a step (none when there is no instance). */
export function snapshot(
  store: Store,
  instance: Instance | null,
  plan: Plan,
  previous: Snapshot | undefined,
): Snapshot {
  if (instance === null) return { memories: [], globals: [] };
  const memories = plan.observe.memories.map((name, i) =>
    snapshotBytes(instance.getMemory(store, name)!.data(store), previous?.memories[i]),
  );
  const globals = plan.observe.globals.map(({ name, type }): Obs =>
    observeWeft(type, instance.getGlobal(store, name)!.value(store)),
  );
  return { memories, globals };
}

/** The outcome of a call that returned `r` (what `Func.call` returns). */
export function observeResults(call: CallSpec, r: unknown): Outcome {
  const values =
    call.results.length === 1 ? [r] : call.results.length === 0 ? [] : (r as unknown[]);
  return { kind: 'ok', values: call.results.map((t, i) => observeWeft(t, values[i])) };
}

/**
 * Compiles `bytes` on Weft in `tier`, instantiates it and makes the plan's
 * calls. A compile error is reported as the instantiation's `error` outcome.
 */
export function runWeft(bytes: Uint8Array, plan: Plan, tier: JitTier): Execution {
  return withTier(tier, () => {
    const start = performance.now();
    const log = new HostLog();
    const steps: StepRecord[] = [];
    const engine = new Engine();
    const store = new Store(engine);
    let instance: Instance | null = null;
    let outcome: Outcome;
    try {
      const module = new Module(engine, bytes);
      const linker = new Linker(engine);
      defineImports(store, linker, plan, log);
      instance = linker.instantiate(store, module);
      outcome = { kind: 'ok', values: [] };
    } catch (e) {
      outcome = weftOutcome(e);
    }
    let state = snapshot(store, outcome.kind === 'ok' ? instance : null, plan, undefined);
    steps.push({ name: 'instantiate', args: [], outcome, logs: log.take(), state });
    if (outcome.kind === 'ok' && instance !== null) {
      for (const call of plan.calls) {
        const f = instance.getFunc(store, call.export)!;
        const args = call.params.map((t, i) => observeWeft(t, call.args[i]));
        let out: Outcome;
        try {
          out = observeResults(call, f.call(store, ...call.args));
        } catch (e) {
          out = weftOutcome(e);
        }
        state = snapshot(store, instance, plan, state);
        steps.push({ name: call.export, args, outcome: out, logs: log.take(), state });
        if (out.kind === 'error') break;
      }
    }
    store.dispose();
    return { steps, ms: performance.now() - start };
  });
}
