/** `Memory`: a linear memory of a store. */
import { MemoryInstance, PAGE_SIZE } from '@weft/runtime';
import { Store } from './store.js';
import { MemoryType } from './types.js';
import { checkToken, HANDLE, handleOf, resolve } from './handles.js';

/** A linear memory. */
export class Memory {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Memory');
  }

  /** @internal */
  static of(store: Store, m: MemoryInstance): Memory {
    return handleOf(m, () => new Memory(HANDLE, store, m.storeIndex));
  }

  /**
   * Creates a memory in `store`. A shared memory is not a store's: make it
   * with `new SharedMemory(engine, type)` (as in Wasmtime).
   *
   * @throws {TypeError} if `type` is shared.
   * @throws {ResourceLimitError} if the store's limits refuse the memory.
   */
  static new(store: Store, type: MemoryType): Memory {
    if (type.shared) {
      throw new TypeError(
        'Memory.new: a shared memory is made with new SharedMemory(engine, type)',
      );
    }
    store.inner.checkAlive();
    store.inner.checkCounts(0, 0, 1);
    // Checked by the store's limits: a ResourceLimitError names the one exceeded.
    const m = new MemoryInstance(store.inner, type.inner);
    store.inner.add(store.inner.memories, m);
    return Memory.of(store, m);
  }

  /** @internal */
  inner(store: Store): MemoryInstance {
    return resolve(this.store, store, (s) => s.memories, this.index);
  }

  /** The memory's type; `minimum` is its current size in pages. */
  type(store: Store): MemoryType {
    const m = this.inner(store);
    return new MemoryType(m.pages, m.type.limits.max, m.type.is64, m.pageSize, m.type.shared);
  }

  /** Size in pages (of `type(store).pageSize` bytes). */
  size(store: Store): number {
    return this.inner(store).pages;
  }

  /**
   * The memory's bytes, exactly `size` pages of them. After a growth the
   * view is stale (detached, or still of the old length): ask again.
   */
  data(store: Store): Uint8Array {
    return this.inner(store).data;
  }

  /** A DataView over exactly the memory's bytes (stale after a growth, as `data`). */
  view(store: Store): DataView {
    return this.inner(store).view;
  }

  /**
   * Grows by `delta` pages; returns the previous size.
   *
   * @throws {RangeError} if the memory cannot grow (its maximum, the
   *   store's limits or limiter), saying why.
   */
  grow(store: Store, delta: number): number {
    const m = this.inner(store);
    const hit = store.inner.limitHit;
    store.inner.limitHit = null;
    const old = m.grow(delta);
    const why = store.inner.limitHit as { message: string } | null;
    if (why === null) store.inner.limitHit = hit;
    if (old < 0) {
      throw new RangeError(
        `failed to grow memory by ${delta} pages${why === null ? '' : `: ${why.message}`}`,
      );
    }
    return old;
  }

  /** The default page size in bytes (65536). */
  static readonly PAGE_SIZE = PAGE_SIZE;
}
