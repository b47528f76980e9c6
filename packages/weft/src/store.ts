/** Store: owns every instance and item created in it, until disposed. */
import {
  Store as RuntimeStore,
  type CallHookKind,
  type LimitRefusal,
  type StoreLimits,
} from '@weft/runtime';
import { classify } from '@weft/jit';
import type { ConfigOptions, Engine } from './engine.js';

export type { CallHookKind, LimitRefusal, StoreLimits };

/** What a store has allocated (see `Store.usage`). */
export interface StoreUsage {
  /** Bytes of all the store's memories. */
  readonly memoryBytes: number;
  /** Elements of all the store's tables. */
  readonly tableElements: number;
  /** Live bytes of GC objects, as last measured plus what was allocated since (an estimate). */
  readonly gcHeapBytes: number;
  readonly instances: number;
  readonly memories: number;
  readonly tables: number;
}

/**
 * A store, as Wasmtime's `Store<T>`: the owner of instances, functions,
 * memories, tables, globals and tags, with embedder data `T`. Every
 * operation on store-owned state takes the store explicitly; using an item
 * with another store, or any item after `dispose()`, throws a `StoreError`.
 */
export class Store<T = unknown> {
  /** The embedder's data, reachable from host functions through `Caller`. */
  data: T;
  readonly engine: Engine;
  /** @internal */
  readonly inner: RuntimeStore;

  /**
   * A store with the limits of the engine's `Config`, or with some of them
   * replaced by `limits` (as Wasmtime's `Store::limiter` with `StoreLimits`).
   */
  constructor(engine: Engine, data?: T, limits?: ConfigOptions) {
    this.engine = engine;
    this.data = data as T;
    const merged: Record<string, number> = { ...engine.limits };
    for (const [key, value] of Object.entries(limits ?? {})) {
      if (value !== undefined) merged[key] = value as number;
    }
    this.inner = new RuntimeStore(engine.registry, classify, merged);
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
   * The last limit that refused wasm code something it asked for at run time
   * (`memory.grow` and `table.grow` only see -1), or null.
   */
  get limitHit(): LimitRefusal | null {
    return this.inner.limitHit;
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

  [Symbol.dispose](): void {
    this.dispose();
  }

  get isDisposed(): boolean {
    return this.inner.isDisposed;
  }
}
