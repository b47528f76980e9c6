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
} from 'weft';
import type { Obs } from '../values.js';
import type { Execution, Outcome, Snapshot, StepRecord } from './execution.js';
import { HostLog, importedGlobalValue } from './host.js';
import { observeWeft, snapshotBytes } from './observe.js';
import type { Plan } from './plan.js';

/**
 * The jit's configurations: `baseline` never tiers up, `optimized` compiles
 * everything optimized, `flat` compiles every body in the flat layout that
 * bodies nested too deeply for closures get (baseline tier).
 */
export type Tier = 'baseline' | 'optimized' | 'flat';

const TIER_UP = jit.TIER_UP;

/**
 * The jit's layout switch, `{ flat }`, in versions that have a flat layout
 * (read by name: older versions lack the export).
 */
const LAYOUT = (jit as Record<string, unknown>)['LAYOUT'] as { flat: boolean } | undefined;

/** The configurations this version of the jit has. */
export const TIERS: readonly Tier[] =
  LAYOUT === undefined ? ['baseline', 'optimized'] : ['baseline', 'optimized', 'flat'];

/** Runs `fn` with the jit configured for `tier`, restoring the settings after. */
export function withTier<T>(tier: Tier, fn: () => T): T {
  const saved = { ...TIER_UP };
  const savedFlat = LAYOUT?.flat;
  const n = tier === 'optimized' ? 1 : Infinity;
  Object.assign(TIER_UP, { calls: n, iterations: n });
  if (LAYOUT !== undefined) LAYOUT.flat = tier === 'flat';
  try {
    return fn();
  } finally {
    Object.assign(TIER_UP, saved);
    if (LAYOUT !== undefined) LAYOUT.flat = savedFlat!;
  }
}

function weftOutcome(e: unknown): Outcome {
  if (e instanceof Trap) {
    return e.code === 'StackOverflow' ? { kind: 'stack' } : { kind: 'trap', code: e.code };
  }
  if (e instanceof LinkError) return { kind: 'link', message: e.message };
  return {
    kind: 'error',
    message: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e),
  };
}

function defineImports(store: Store, linker: Linker, plan: Plan, log: HostLog): void {
  // A module may import one name twice: the first import's type defines it (as natively).
  const seen = new Set<string>();
  for (const spec of plan.imports) {
    const key = JSON.stringify([spec.module, spec.name]);
    if (seen.has(key)) continue;
    seen.add(key);
    switch (spec.kind) {
      case 'func': {
        const type = new FuncType(spec.params.map(ValType.parse), spec.results.map(ValType.parse));
        linker.define(
          store,
          spec.module,
          spec.name,
          Func.new(store, type, (_caller, ...args: unknown[]) =>
            log.call(
              spec,
              spec.params.map((t, i) => observeWeft(t, args[i])),
            ),
          ),
        );
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

function snapshot(
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

/**
 * Compiles `bytes` on Weft in `tier`, instantiates it and makes the plan's
 * calls. A compile error is reported as the instantiation's `error` outcome.
 */
export function runWeft(bytes: Uint8Array, plan: Plan, tier: Tier): Execution {
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
          const r = f.call(store, ...call.args);
          const values =
            call.results.length === 1 ? [r] : call.results.length === 0 ? [] : (r as unknown[]);
          out = { kind: 'ok', values: call.results.map((t, i) => observeWeft(t, values[i])) };
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
