/**
 * The `suspend` tier: the plan run on Weft through its async API, so that
 * wasm frames are suspended and resumed all the time. Instantiation goes
 * through `instantiateAsync`, every call through `callAsync`; fuel is on,
 * with a budget that never runs out and a yield to the event loop every 1
 * to 7 units (at function entries and loop headers); function imports are
 * async host functions answering every other call with a promise; for some
 * seeds epoch interruption too, yielding at the first check after each host
 * call (the interruption checks are resume points of their own). Resumed
 * frames continue in the jit's resumable (flat) code, the functions they
 * call in the usual code: the tier compares that mix with native, which
 * runs everything in one go.
 *
 * Each choice (the yield interval, the jit's tiering, how host calls
 * answer) is drawn from the case's seed, so a run repeats exactly and a
 * reducer re-running the seed sees the same configuration.
 */
import { Config, Engine, Func, Linker, Module, Store, type Instance } from 'weft-wasm';
import { Rng } from '../rng.js';
import type { Execution, Outcome, StepRecord } from './execution.js';
import { HostLog } from './host.js';
import { observeWeft } from './observe.js';
import { MAX_TIMEOUTS, Pacer, type PaceCounts } from './pacing.js';
import type { Plan } from './plan.js';
import { TurnCounter } from './turns.js';
import {
  defineImports,
  observeResults,
  snapshot,
  weftOutcome,
  withJit,
  type HostFuncFactory,
  type JitSettings,
} from './weft.js';

/**
 * The fuel of a run: the largest amount `setFuel` accepts, which no fuzz
 * module can consume, so fuel never changes an outcome. It is set once, so
 * that the yield slices run on from call to call: a short function that
 * never uses a whole slice still yields when an earlier call left little.
 */
export const UNLIMITED_FUEL = Number.MAX_SAFE_INTEGER;

/**
 * Yields at the case's fine interval a run makes before it yields only every
 * {@link COARSE_INTERVAL} units. A yield unwinds and resumes every wasm frame
 * on the stack (some 25 us with a few frames, a millisecond or more near the
 * stack limit), so a compute-heavy call (a naive `fib`) or a recursion down
 * to a stack overflow would take minutes and read as a hang; the typical
 * structured module makes a few hundred yields and never gets there.
 */
export const FINE_YIELDS = 4000;

/** The yield interval after {@link FINE_YIELDS} yields. */
export const COARSE_INTERVAL = 1000;

/** How the suspend tier runs one case. */
export interface SuspendConfig {
  /** Fuel units between two yields to the event loop (1 to 7). */
  yieldInterval: number;
  /**
   * The jit's tiering around the resumable code: `baseline` never tiers
   * up, `optimized` compiles everything optimized, `tiering` tiers up after
   * a few calls or loop iterations, in the middle of the run.
   */
  jit: { name: 'baseline' | 'optimized' | 'tiering' } & JitSettings;
  /** Whether the first host call answers with a promise (then every second one). */
  promiseFirst: boolean;
  /**
   * Whether epoch interruption is on too: each host call advances the
   * epoch, so the next function entry or loop header reaches the deadline
   * and yields there, after the fuel check at the same place.
   */
  epochYields: boolean;
  /** Seed of the kinds of promises (microtask, next turn, timer). */
  paceSeed: number;
  /** Host answers that may wait for a timer (see `PacerOptions`). */
  maxTimeouts: number;
}

/** The configuration of the case with seed `seed`. */
export function suspendConfig(seed: number): SuspendConfig {
  // A stream of its own: the plan's arguments use other streams of the same seed.
  const rng = new Rng((seed ^ 0x5d5e_e9d1) >>> 0);
  const yieldInterval = rng.range(1, 7);
  const mode = rng.int(3);
  const jit =
    mode === 0
      ? { name: 'baseline' as const, calls: Infinity, iterations: Infinity, flat: false }
      : mode === 1
        ? { name: 'optimized' as const, calls: 1, iterations: 1, flat: false }
        : {
            name: 'tiering' as const,
            calls: rng.range(2, 4),
            iterations: rng.range(2, 16),
            flat: false,
          };
  const promiseFirst = rng.chance(0.5);
  const paceSeed = rng.u32();
  const epochYields = rng.chance(0.4);
  return { yieldInterval, jit, promiseFirst, epochYields, paceSeed, maxTimeouts: MAX_TIMEOUTS };
}

/** How much a suspend run suspended. */
export interface SuspendStats extends PaceCounts {
  /** Turns of the event loop that passed during calls (fuel yields, promise waits). */
  turns: number;
  /** Whether the run used up its fine yields and went on at {@link COARSE_INTERVAL}. */
  coarse: boolean;
}

/** A suspend run: an execution and how much it suspended. */
export interface SuspendExecution extends Execution {
  suspend: SuspendStats;
}

/** Test-only fault injection: a way to prove the tier catches divergences. */
export interface SuspendHooks {
  /**
   * Called each time a host function's promise is about to settle, while
   * the wasm call waiting for it is suspended: a hook that changes the
   * store here makes a divergence only a suspended call shows.
   */
  whileSuspended?: (store: Store, instance: Instance | null) => void;
}

/**
 * Async host functions logging as HostLog does, answering as `pacer`
 * decides, and advancing the epoch if `epochYields`.
 */
function asyncHost(pacer: Pacer, epochYields: boolean): HostFuncFactory {
  return (store, type, spec, log) =>
    Func.newAsync(store, type, (_caller, ...args: unknown[]) => {
      // The deadline (one epoch ahead) is reached: the next check yields.
      if (epochYields) store.engine.incrementEpoch();
      // Logged and computed now, in call order, as natively: only the answer waits.
      return pacer.deliver(
        log.call(
          spec,
          spec.params.map((t, i) => observeWeft(t, args[i])),
        ),
      );
    });
}

/**
 * Runs the plan on Weft with async calls, as configured: compiles,
 * instantiates with `instantiateAsync` and makes every call with
 * `callAsync`, observing as the synchronous tiers do.
 */
export function runWeftSuspend(
  bytes: Uint8Array,
  plan: Plan,
  config: SuspendConfig,
  hooks: SuspendHooks = {},
): Promise<SuspendExecution> {
  return withJit(config.jit, async () => {
    const start = performance.now();
    const log = new HostLog();
    const steps: StepRecord[] = [];
    const engine = new Engine(
      new Config({ consumeFuel: true, epochInterruption: config.epochYields }),
    );
    const store = new Store(engine);
    if (config.epochYields) {
      // A store's deadline starts reached: one epoch ahead, and one more after each yield.
      store.setEpochDeadline(1);
      store.epochDeadlineAsyncYieldAndUpdate(1);
    }
    let instance: Instance | null = null;
    const whileSuspended = hooks.whileSuspended;
    const pacer = new Pacer({
      seed: config.paceSeed,
      promiseFirst: config.promiseFirst,
      maxTimeouts: config.maxTimeouts,
      ...(whileSuspended === undefined ? {} : { onSettle: () => whileSuspended(store, instance) }),
    });
    // The fuel used is a function of where the call stopped, and the first
    // turn of each yield sees the call stopped: where the interval widens
    // depends on the module and configuration only, so a run repeats.
    let coarse = false;
    const fineFuel = FINE_YIELDS * config.yieldInterval;
    const turns = new TurnCounter(() => {
      if (coarse || UNLIMITED_FUEL - store.getFuel() < fineFuel) return;
      coarse = true;
      store.fuelAsyncYieldInterval(COARSE_INTERVAL);
    });
    let outcome: Outcome;
    try {
      const module = new Module(engine, bytes);
      const linker = new Linker(engine);
      defineImports(store, linker, plan, log, asyncHost(pacer, config.epochYields));
      store.setFuel(UNLIMITED_FUEL);
      store.fuelAsyncYieldInterval(config.yieldInterval);
      instance = await turns.during(() => linker.instantiateAsync(store, module));
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
          out = observeResults(call, await turns.during(() => f.callAsync(store, ...call.args)));
        } catch (e) {
          out = weftOutcome(e);
        }
        state = snapshot(store, instance, plan, state);
        steps.push({ name: call.export, args, outcome: out, logs: log.take(), state });
        if (out.kind === 'error') break;
      }
    }
    store.dispose();
    return {
      steps,
      ms: performance.now() - start,
      suspend: { ...pacer.counts, turns: turns.count, coarse },
    };
  });
}
