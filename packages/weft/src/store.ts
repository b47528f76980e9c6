/** Store: owns every instance and item created in it, until disposed. */
import { Store as RuntimeStore, type CallHookKind } from '@weft/runtime';
import { classify } from '@weft/jit';
import type { Engine } from './engine.js';

export type { CallHookKind };

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

  constructor(engine: Engine, data?: T) {
    this.engine = engine;
    this.data = data as T;
    this.inner = new RuntimeStore(engine.registry, classify, engine.limits);
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
