/**
 * Embedder limiters, as Wasmtime's `ResourceLimiter` and `StoreLimitsBuilder`:
 * the host decides each growth of a memory or table with a boolean, hears of
 * growths that failed, and bounds the counts of instances, tables and
 * memories. A store installs one with `store.limiter(...)`; its own limits
 * (the engine's `Config` and the store's constructor) still apply first, as
 * the host's safety net.
 */
import {
  formatBytes,
  type LimitRefusal,
  type ResourceLimiter as RuntimeLimiter,
  type StoreLimiter as RuntimeStoreLimiter,
} from '@weft/runtime';

/**
 * Decides what the wasm code and the host may allocate in a store
 * (Wasmtime's `ResourceLimiter` trait). Sizes of memories are in bytes, of
 * tables in elements; `current` is 0 when the item is being created;
 * `maximum` is the item's declared maximum, or null. A method may throw:
 * the error propagates from the instruction (`memory.grow`, `table.grow`)
 * or the API call that asked, and fails the wasm call; it is the host's
 * error, not a `Trap`.
 */
export interface ResourceLimiter {
  /**
   * A memory would go from `current` to `desired` bytes: true allows it,
   * false makes `memory.grow` return -1 (and the creation of a memory fail
   * with a `ResourceLimitError`). Asked even when `desired` is past
   * `maximum`; the growth then fails and `memoryGrowFailed` hears of it.
   */
  memoryGrowing(current: number, desired: number, maximum: number | null): boolean;
  /** As `memoryGrowing`, for tables, in elements. */
  tableGrowing(current: number, desired: number, maximum: number | null): boolean;
  /**
   * A growth this limiter allowed failed anyway: past the memory's maximum,
   * or the host had no memory. Return to let `memory.grow` return -1; throw
   * to fail the call instead. By default, nothing.
   */
  memoryGrowFailed?(error: Error): void;
  /** As `memoryGrowFailed`, for tables. */
  tableGrowFailed?(error: Error): void;
  /** Most instances the store may hold (10,000 by default, as Wasmtime's). */
  instances?(): number;
  /** Most tables the store may hold, defined by modules or created by the host (10,000). */
  tables?(): number;
  /** Most memories the store may hold, defined by modules or created by the host (10,000). */
  memories?(): number;
}

/** Wasmtime's default counts for a limiter that does not say. */
const DEFAULT_COUNT = 10_000;

/** The limiter `StoreLimitsBuilder.build` makes (Wasmtime's `StoreLimits`). */
class BuiltLimiter implements ResourceLimiter {
  constructor(
    private readonly memorySize: number | null,
    private readonly tableElements: number | null,
    private readonly counts: { instances: number; tables: number; memories: number },
    private readonly trap: boolean,
  ) {}

  memoryGrowing(_current: number, desired: number, maximum: number | null): boolean {
    const allow =
      (this.memorySize === null || desired <= this.memorySize) &&
      (maximum === null || desired <= maximum);
    if (!allow && this.trap)
      throw new Error(`forcing trap when growing memory to ${desired} bytes`);
    return allow;
  }

  tableGrowing(_current: number, desired: number, maximum: number | null): boolean {
    const allow =
      (this.tableElements === null || desired <= this.tableElements) &&
      (maximum === null || desired <= maximum);
    if (!allow && this.trap)
      throw new Error(`forcing trap when growing table to ${desired} elements`);
    return allow;
  }

  memoryGrowFailed(error: Error): void {
    if (this.trap)
      throw new Error(`forcing a memory growth failure to be a trap: ${error.message}`);
  }

  tableGrowFailed(error: Error): void {
    if (this.trap) throw new Error(`forcing a table growth failure to be a trap: ${error.message}`);
  }

  instances(): number {
    return this.counts.instances;
  }
  tables(): number {
    return this.counts.tables;
  }
  memories(): number {
    return this.counts.memories;
  }
}

/**
 * Builds a limiter from numbers (Wasmtime's `StoreLimitsBuilder`):
 *
 * ```ts
 * const limits = new StoreLimitsBuilder().memorySize(1 << 20).instances(2).build();
 * store.limiter(() => limits);
 * ```
 */
export class StoreLimitsBuilder {
  private memory: number | null = null;
  private table: number | null = null;
  private readonly counts = {
    instances: DEFAULT_COUNT,
    tables: DEFAULT_COUNT,
    memories: DEFAULT_COUNT,
  };
  private trap = false;

  /** Largest size in bytes of any one memory (unlimited by default). */
  memorySize(bytes: number): this {
    this.memory = count('memorySize', bytes);
    return this;
  }

  /** Most elements of any one table (unlimited by default). */
  tableElements(elements: number): this {
    this.table = count('tableElements', elements);
    return this;
  }

  /** Most instances in the store (10,000 by default). */
  instances(n: number): this {
    this.counts.instances = count('instances', n);
    return this;
  }

  /** Most tables in the store (10,000 by default). */
  tables(n: number): this {
    this.counts.tables = count('tables', n);
    return this;
  }

  /** Most memories in the store (10,000 by default). */
  memories(n: number): this {
    this.counts.memories = count('memories', n);
    return this;
  }

  /**
   * Whether a growth that fails, refused by these limits or past the item's
   * maximum, throws (failing the wasm call) instead of making `memory.grow`
   * or `table.grow` return -1 (false by default). Catches guests that do
   * not check what `memory.grow` returns.
   */
  trapOnGrowFailure(trap: boolean): this {
    this.trap = trap;
    return this;
  }

  /** The limiter, to install with `store.limiter(() => limiter)`. */
  build(): ResourceLimiter {
    return new BuiltLimiter(this.memory, this.table, { ...this.counts }, this.trap);
  }
}

function count(method: string, n: number): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new RangeError(
      `StoreLimitsBuilder.${method}: expected a non-negative integer, got ${String(n)}`,
    );
  return n;
}

/**
 * The runtime's limiter for a store with an embedder's limiter: the
 * store's own limits first, then the embedder's answer. `get` is asked for
 * the limiter at each decision (Wasmtime's closure over the store's data).
 */
export class EmbedderLimiter implements RuntimeLimiter {
  constructor(
    private readonly base: RuntimeStoreLimiter,
    private readonly get: () => ResourceLimiter,
  ) {}

  memoryGrowing(current: number, desired: number, maximum: number | null): LimitRefusal | null {
    const refusal = this.base.memoryGrowing(current, desired);
    if (refusal !== null) return refusal;
    if (this.get().memoryGrowing(current, desired, maximum)) return null;
    return {
      limit: 'limiter',
      message: `the store's limiter refused a memory of ${formatBytes(desired)}`,
    };
  }

  tableGrowing(current: number, desired: number, maximum: number | null): LimitRefusal | null {
    const refusal = this.base.tableGrowing(current, desired);
    if (refusal !== null) return refusal;
    if (this.get().tableGrowing(current, desired, maximum)) return null;
    return {
      limit: 'limiter',
      message: `the store's limiter refused a table of ${desired} elements`,
    };
  }

  gcHeapGrowing(current: number, desired: number): LimitRefusal | null {
    return this.base.gcHeapGrowing(current, desired);
  }

  memoryGrowFailed(failure: LimitRefusal): void {
    this.get().memoryGrowFailed?.(new Error(failure.message));
  }

  tableGrowFailed(failure: LimitRefusal): void {
    this.get().tableGrowFailed?.(new Error(failure.message));
  }

  instances(): number {
    return Math.min(this.base.instances(), this.get().instances?.() ?? DEFAULT_COUNT);
  }
  tables(): number {
    return Math.min(this.base.tables(), this.get().tables?.() ?? DEFAULT_COUNT);
  }
  memories(): number {
    return Math.min(this.base.memories(), this.get().memories?.() ?? DEFAULT_COUNT);
  }
}
