/**
 * `SharedMemory`: a linear memory shared between threads, as Wasmtime's
 * `SharedMemory`. It belongs to no store: every store that imports it (in
 * this thread or another) gets its own instance of the same bytes.
 *
 * Across threads it travels as a handle: `memory.handle` is a plain object
 * of two `SharedArrayBuffer`s and numbers that `postMessage` and
 * `workerData` clone without copying the memory, and
 * `SharedMemory.fromHandle(engine, handle)` in the other thread makes the
 * same memory of that thread's engine.
 *
 * ```js
 * // main thread
 * const memory = new SharedMemory(engine, MemoryType.shared(1, 16));
 * new Worker('./worker.js', { workerData: { memory: memory.handle, bytes } });
 * // worker.js
 * const memory = SharedMemory.fromHandle(engine, workerData.memory);
 * linker.define(store, 'env', 'memory', memory);
 * ```
 */
import {
  MAX_MEMORY_BYTES,
  MemoryInstance,
  PAGE_SIZE,
  ResourceLimitError,
  SharedMemory as SharedState,
  type SharedMemoryHandle,
  type Store as RuntimeStore,
} from '@weft/runtime';
import type { Engine } from './engine.js';
import type { Store } from './store.js';
import { MemoryType } from './types.js';

export type { SharedMemoryHandle };

/** What `atomicWait32`/`atomicWait64` report, as `Atomics.wait` does. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/**
 * A memory shared between threads (Wasmtime's `SharedMemory`): it belongs
 * to no store, each store importing it gets its own instance of the same
 * bytes, and its `handle` makes the same memory in another thread.
 */
export class SharedMemory {
  /** Each store's instance of this memory, made when the store first uses it. */
  private readonly instances = new WeakMap<RuntimeStore, MemoryInstance>();
  private views: { size: number; u8: Uint8Array; i32: Int32Array; i64: BigInt64Array } | null =
    null;

  /**
   * A new shared memory of `type`'s minimum size, which must be shared and
   * have a maximum. It can grow to the maximum, or to the engine's
   * `maxMemorySize` if that is smaller.
   *
   * @throws {TypeError} for a type that is not shared, or on a host
   *   without `SharedArrayBuffer` (a browser page that is not cross-origin
   *   isolated).
   * @throws {ResourceLimitError} if the memory is larger than the limits allow.
   */
  constructor(engine: Engine, type: MemoryType);
  /** @internal */
  constructor(engine: Engine, type: MemoryType, state: SharedState);
  constructor(
    /** The engine the memory was made for (one per thread). */
    readonly engine: Engine,
    type: MemoryType,
    state?: SharedState,
  ) {
    if (state !== undefined) {
      this.state = state;
      this.memoryType = type;
      return;
    }
    if (!type.shared || type.maximum === null) {
      throw new TypeError('SharedMemory: the type must be shared and have a maximum');
    }
    const range = type.is64 ? 2 ** 48 : 65536;
    if (type.minimum > type.maximum || type.maximum > range) {
      throw new RangeError(`SharedMemory: invalid limits ${type.minimum} ${type.maximum}`);
    }
    const limit = Math.min(MAX_MEMORY_BYTES, engine.limits.maxMemorySize);
    const bytes = type.minimum * PAGE_SIZE;
    if (bytes > limit) {
      throw new ResourceLimitError(
        `a memory of ${type.minimum} pages is above the limit of ${limit} bytes (maxMemorySize)`,
        'maxMemorySize',
      );
    }
    this.memoryType = type;
    this.state = SharedState.create(
      { minimum: type.minimum, maximum: type.maximum, is64: type.is64 },
      PAGE_SIZE,
      type.minimum,
      Math.min(type.maximum * PAGE_SIZE, limit),
    );
  }

  /** @internal The state every thread's instance of this memory shares. */
  readonly state: SharedState;
  private readonly memoryType: MemoryType;

  /** The same memory in another thread: `handle` is another `SharedMemory`'s `handle`. */
  static fromHandle(engine: Engine, handle: SharedMemoryHandle): SharedMemory {
    const state = SharedState.fromHandle(handle);
    const type = MemoryType.shared(handle.minimum, handle.maximum, handle.is64);
    return new SharedMemory(engine, type, state);
  }

  /** @internal The `SharedMemory` of a shared memory instance (an export, say). */
  static of(engine: Engine, m: MemoryInstance): SharedMemory {
    const t = m.type;
    const s = new SharedMemory(
      engine,
      MemoryType.shared(t.limits.min, t.limits.max!, t.is64),
      m.shared!,
    );
    s.instances.set(m.store, m);
    return s;
  }

  /** A plain, cloneable object standing for this memory, to post to another thread. */
  get handle(): SharedMemoryHandle {
    return this.state.handle;
  }

  /** The memory's type: its current size as the minimum. */
  type(): MemoryType {
    const t = this.memoryType;
    return MemoryType.shared(this.size(), t.maximum!, t.is64);
  }

  /** Size in pages (what the last growth by any thread left). */
  size(): number {
    return this.state.bytes() / PAGE_SIZE;
  }

  /**
   * The memory's bytes: a view of exactly its current size over the shared
   * buffer. Other threads see writes to it (they are not atomic: use
   * `Atomics` on views of `data().buffer` to synchronize). A growth makes a
   * view stale (of the old length): ask again.
   */
  data(): Uint8Array {
    return this.current().u8;
  }

  /**
   * Grows by `delta` pages; returns the previous size in pages. Throws a
   * `RangeError` past the maximum (no store's limits apply: the memory is
   * no store's).
   */
  grow(delta: number): number {
    if (!(delta >= 0) || !Number.isInteger(delta)) {
      throw new RangeError(`SharedMemory.grow: invalid delta ${delta}`);
    }
    const old = this.state.grow(delta, () => true);
    if (old < 0) throw new RangeError(`failed to grow shared memory by ${delta} pages`);
    return old;
  }

  /**
   * Wakes up to `count` threads waiting on `address` (as
   * `memory.atomic.notify`); returns how many woke.
   */
  atomicNotify(address: number, count: number): number {
    this.check(address, 4);
    return Atomics.notify(this.current().i32, address / 4, count);
  }

  /**
   * Waits on the i32 at `address` while it holds `expected`, for at most
   * `timeout` nanoseconds (none: forever), as `memory.atomic.wait32`. Not
   * allowed where the host cannot block (a browser's main thread).
   */
  atomicWait32(address: number, expected: number, timeout?: number | bigint): WaitResult {
    this.check(address, 4);
    return Atomics.wait(this.current().i32, address / 4, expected, ms(timeout));
  }

  /** `atomicWait32` for the i64 at `address`. */
  atomicWait64(address: number, expected: bigint, timeout?: number | bigint): WaitResult {
    this.check(address, 8);
    return Atomics.wait(this.current().i64, address / 8, expected, ms(timeout));
  }

  /** @internal This memory's instance in `store` (made on first use, counted by its limits). */
  inner(store: Store): MemoryInstance {
    const rt = store.inner;
    rt.checkAlive();
    let m = this.instances.get(rt);
    if (m === undefined || m.storeIndex < 0 || rt.memories[m.storeIndex] !== m) {
      if (store.engine !== this.engine) {
        throw new TypeError('SharedMemory: used with a store of another engine');
      }
      rt.checkCounts(0, 0, 1);
      const t = this.memoryType;
      m = new MemoryInstance(
        rt,
        { limits: { min: t.minimum, max: t.maximum }, is64: t.is64, shared: true },
        this.state,
      );
      rt.add(rt.memories, m);
      this.instances.set(rt, m);
    }
    return m;
  }

  private current(): { size: number; u8: Uint8Array; i32: Int32Array; i64: BigInt64Array } {
    const size = this.state.bytes();
    let v = this.views;
    if (v === null || v.size !== size) {
      const b = this.state.buffer;
      v = this.views = {
        size,
        u8: new Uint8Array(b, 0, size),
        i32: new Int32Array(b, 0, size / 4),
        i64: new BigInt64Array(b, 0, size / 8),
      };
    }
    return v;
  }

  private check(address: number, width: number): void {
    if (!Number.isInteger(address) || address < 0 || address + width > this.state.bytes()) {
      throw new RangeError(`address ${address} is out of bounds`);
    }
    if (address % width !== 0) throw new RangeError(`address ${address} is not aligned`);
  }
}

/** A timeout in nanoseconds as `Atomics.wait`'s milliseconds (none or negative: forever). */
function ms(timeout: number | bigint | undefined): number {
  if (timeout === undefined) return Infinity;
  const n = Number(timeout);
  return n < 0 ? Infinity : n / 1e6;
}
