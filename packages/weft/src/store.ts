// store.d.ts declares [Symbol.dispose]: the reference keeps it valid for
// consumers whose `lib` lacks esnext.disposable (tools/pack checks this).
/// <reference lib="esnext.disposable" preserve="true" />
/** Store: owns every instance and item created in it, until disposed. */
import {
  Meter,
  Store as RuntimeStore,
  StoreLimiter,
  type CallHookKind,
  type EpochDecision,
  type LimitRefusal,
  type StoreLimits,
} from '@weft/runtime';
import { classify } from '@weft/jit';
import { Engine } from './engine.js';
import { EmbedderLimiter, type ResourceLimiter } from './limiter.js';
import { describeValue } from './values.js';

export type { CallHookKind, LimitRefusal, StoreLimits };

/** What a store has allocated (see `Store.usage`). */
export interface StoreUsage {
  /** Bytes of all the store's memories. */
  readonly memoryBytes: number;
  /** Elements of all the store's tables. */
  readonly tableElements: number;
  /** Live bytes of GC objects, as last measured plus what was allocated since (an estimate). */
  readonly gcHeapBytes: number;
  /** Instances in the store. */
  readonly instances: number;
  /** Memories in the store. */
  readonly memories: number;
  /** Tables in the store. */
  readonly tables: number;
}

/**
 * What a deadline callback returns (Wasmtime's `UpdateDeadline`):
 * `{ action: 'continue', delta }` to run on with the deadline `delta`
 * later (epochs, or milliseconds for the time deadline), `{ action:
 * 'yield', delta }` to do the same after yielding to the event loop (async
 * calls; synchronous ones just continue), or `{ action: 'trap' }`.
 */
export type DeadlineUpdate = EpochDecision;

/**
 * A store, as Wasmtime's `Store<T>`: the owner of instances, functions,
 * memories, tables, globals and tags, with embedder data `T`. Every
 * operation on store-owned state takes the store explicitly; using an item
 * with another store, or any item after `dispose()`, throws a `StoreError`.
 */
export class Store<T = unknown> {
  /** The embedder's data, reachable from host functions through `Caller`. */
  data: T;
  /** The engine of the store: modules must be compiled by it. */
  readonly engine: Engine;
  /** @internal */
  readonly inner: RuntimeStore;

  /**
   * A store with the limits of the engine's `Config`, or with some of them
   * replaced by `limits` (as Wasmtime's `Store::limiter` with `StoreLimits`).
   *
   * @throws {TypeError} if `engine` is not an `Engine`.
   */
  constructor(engine: Engine, data?: T, limits?: Partial<StoreLimits>) {
    if (!(engine instanceof Engine))
      throw new TypeError(
        `new Store(engine, data?): engine must be an Engine, got ${describeValue(engine)}`,
      );
    this.engine = engine;
    this.data = data as T;
    const merged: Record<string, number | undefined> = { ...engine.limitOptions };
    for (const [key, value] of Object.entries(limits ?? {})) {
      if (value !== undefined) merged[key] = value as number;
    }
    this.inner = new RuntimeStore(engine.registry, classify, merged);
    this.inner.meter = new Meter(engine.epochClock, this.inner);
  }

  /** The limits this store enforces. */
  get limits(): StoreLimits {
    return this.inner.limits;
  }

  /** What the store holds now, against its limits. */
  get usage(): StoreUsage {
    const s = this.inner;
    return {
      memoryBytes: s.usage.memoryBytes,
      tableElements: s.usage.tableElements,
      gcHeapBytes: s.gc.used,
      instances: s.instances.length,
      memories: s.memories.length,
      tables: s.tables.length,
    };
  }

  /**
   * Installs an embedder's limiter (Wasmtime's `Store::limiter`), or with
   * `null` removes it. `get` receives the store's data and returns the
   * limiter; it is asked at each decision, so a limiter kept in the data
   * may be replaced. The store's own limits (the engine's `Config`, the
   * constructor's) are checked first and still apply. Applies to memories
   * and tables created from then on, by instantiation or by the host, and
   * to every growth. A limiter that throws fails the operation that asked,
   * with its error: see `ResourceLimiter`, and `StoreLimitsBuilder` for one
   * made from numbers.
   */
  limiter(get: ((data: T) => ResourceLimiter) | null): void {
    const inner = this.inner;
    inner.checkAlive();
    const base = new StoreLimiter(inner.limits, inner.usage);
    inner.limiter = get === null ? base : new EmbedderLimiter(base, () => get(this.data));
  }

  /**
   * The last limit that refused wasm code something it asked for at run time
   * (`memory.grow` and `table.grow` only see -1), or null.
   */
  get limitHit(): LimitRefusal | null {
    return this.inner.limitHit;
  }

  /**
   * Sets the fuel left (Wasmtime's `Store::set_fuel`). A store starts with
   * none: set some before calling wasm.
   *
   * @throws {Error} if the engine was not configured with `consumeFuel`.
   */
  setFuel(fuel: number | bigint): void {
    this.fuelEnabled('setFuel');
    const n = typeof fuel === 'bigint' ? Number(fuel) : fuel;
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`setFuel: fuel must be a non-negative safe integer, got ${fuel}`);
    this.inner.meter.setFuel(n);
  }

  /**
   * The fuel left (Wasmtime's `Store::get_fuel`): after a call, what
   * Wasmtime reports for the same code.
   *
   * @throws {Error} if the engine was not configured with `consumeFuel`.
   */
  getFuel(): number {
    this.fuelEnabled('getFuel');
    return this.inner.meter.remaining;
  }

  /**
   * Makes async calls yield to the event loop each time they have consumed
   * `interval` fuel (Wasmtime's `fuel_async_yield_interval`): the call
   * returns control, and resumes on a later turn (after due timers and
   * I/O), so a long computation on a browser's main thread leaves the page
   * responsive. The total fuel (`setFuel`) still bounds the call.
   * Synchronous calls do not yield. `null` turns it off.
   *
   * @throws {Error} if the engine was not configured with `consumeFuel`.
   */
  fuelAsyncYieldInterval(interval: number | null): void {
    this.fuelEnabled('fuelAsyncYieldInterval');
    const n = interval ?? 0;
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(
        `fuelAsyncYieldInterval: interval must be a non-negative safe integer or null, got ${interval}`,
      );
    this.inner.meter.setYieldInterval(n);
  }

  private fuelEnabled(method: string): void {
    this.inner.checkAlive();
    if (!this.engine.config.consumeFuel)
      throw new Error(`${method}: fuel is not enabled in this engine (Config consumeFuel)`);
  }

  private interruptionEnabled(method: string): void {
    this.inner.checkAlive();
    if (!this.engine.config.epochInterruption)
      throw new Error(
        `${method}: epoch interruption is not enabled in this engine (Config epochInterruption)`,
      );
  }

  /**
   * Stops wasm `ticks` epochs from now (Wasmtime's `set_epoch_deadline`):
   * code reaching a function entry or loop header once the engine's epoch
   * is there traps with `TrapCode.Interrupt`, or asks the callback. As in
   * Wasmtime, a store's deadline starts at epoch 0, so wasm traps at once
   * until it is set.
   */
  setEpochDeadline(ticks: number): void {
    this.interruptionEnabled('setEpochDeadline');
    this.inner.meter.setEpochDeadline(ticks);
  }

  /** Reaching the epoch deadline traps (the default; Wasmtime's `epoch_deadline_trap`). */
  epochDeadlineTrap(): void {
    this.interruptionEnabled('epochDeadlineTrap');
    this.inner.meter.onEpochDeadline = null;
  }

  /**
   * Reaching the epoch deadline calls `callback`, which decides to trap or
   * to continue with a new deadline (Wasmtime's `epoch_deadline_callback`).
   */
  epochDeadlineCallback(callback: (store: Store<T>) => DeadlineUpdate): void {
    this.interruptionEnabled('epochDeadlineCallback');
    this.inner.meter.onEpochDeadline = () => callback(this);
  }

  /**
   * Reaching the epoch deadline makes an async call yield to the event
   * loop, then go on with the deadline `delta` epochs later (Wasmtime's
   * `epoch_deadline_async_yield_and_update`). A synchronous call goes on
   * without yielding.
   */
  epochDeadlineAsyncYieldAndUpdate(delta: number): void {
    this.interruptionEnabled('epochDeadlineAsyncYieldAndUpdate');
    const d = positiveDelta('epochDeadlineAsyncYieldAndUpdate', delta);
    this.inner.meter.onEpochDeadline = () => ({ action: 'yield', delta: d });
  }

  /**
   * Stops wasm `ms` milliseconds from now, measured by the host's clock
   * (read every few thousand checks, so the stop comes slightly late):
   * code reaching a function entry or loop header after the deadline traps
   * with `TrapCode.Interrupt`. For a single thread, where nothing can
   * advance the epoch while wasm runs. `Infinity` clears it. Needs
   * `epochInterruption`; as in Wasmtime the epoch deadline also applies,
   * and it starts at the current epoch (reached at once): set it too, far
   * ahead if only the clock should stop the code.
   */
  setDeadline(ms: number): void {
    this.interruptionEnabled('setDeadline');
    if (!(ms >= 0)) throw new RangeError(`setDeadline: ms must be non-negative, got ${ms}`);
    this.inner.meter.setTimeDeadline(ms);
  }

  /**
   * Reaching the time deadline (`setDeadline`) calls `callback`, which
   * decides: trap (the default without a callback), continue, or yield
   * (async calls) and continue, with the deadline `delta` milliseconds
   * later. The clock's equivalent of `epochDeadlineCallback`; `null`
   * restores trapping.
   */
  deadlineCallback(callback: ((store: Store<T>) => DeadlineUpdate) | null): void {
    this.interruptionEnabled('deadlineCallback');
    this.inner.meter.onTimeDeadline = callback === null ? null : () => callback(this);
  }

  /**
   * Makes an async call yield to the event loop every `ms` milliseconds of
   * running wasm: sets the time deadline and a callback that yields and
   * moves it `ms` later. The way to run a long computation on a browser's
   * main thread (with `callAsync`) without freezing the page. A
   * synchronous call goes on without yielding.
   */
  deadlineAsyncYieldAndUpdate(ms: number): void {
    this.interruptionEnabled('deadlineAsyncYieldAndUpdate');
    const d = positiveDelta('deadlineAsyncYieldAndUpdate', ms);
    this.inner.meter.onTimeDeadline = () => ({ action: 'yield', delta: d });
    this.inner.meter.setTimeDeadline(d);
  }

  /**
   * Sets (or clears) a hook called on every transition between host and
   * wasm code, as Wasmtime's `Store::call_hook`. `ReturningFromWasm` and
   * `ReturningFromHost` are reported however the call ends: with results, a
   * trap, a host error or a wasm exception. The hook may throw to stop
   * execution, and that error reaches the embedder as thrown: on
   * `CallingWasm`/`CallingHost` the callee never runs and no matching
   * `Returning*` follows; on `ReturningFromWasm`/`ReturningFromHost` the
   * error replaces the call's result or error. So every `Calling*` the hook
   * returned from normally gets exactly one `Returning*`, properly nested.
   */
  setCallHook(hook: ((kind: CallHookKind) => void) | null): void {
    this.inner.checkAlive();
    this.inner.callHook = hook;
  }

  /** Releases everything the store owns; later uses of it or its items throw. */
  dispose(): void {
    this.inner.dispose();
  }

  /** Disposes of the store, for `using store = new Store(engine)`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Whether `dispose()` was called. */
  get isDisposed(): boolean {
    return this.inner.isDisposed;
  }
}

function positiveDelta(method: string, delta: number): number {
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta))
    throw new RangeError(`${method}: delta must be a positive number, got ${String(delta)}`);
  return delta;
}
