/**
 * Resource limits: what a store lets its modules (and its host) allocate.
 *
 * The shape follows Wasmtime: `StoreLimits` holds the numbers (per-memory
 * size, per-table elements, counts of instances, tables and memories, as
 * Wasmtime's `StoreLimitsBuilder`), plus store-wide totals that keep the
 * host alive whatever a module declares (bytes of all memories, elements of
 * all tables, live bytes of GC objects). Every decision goes through one
 * `ResourceLimiter` (Wasmtime's trait of the same name): instantiation,
 * `memory.grow`, `table.grow`, the embedder's `Memory.new`/`Table.new` and
 * the GC heap ask it before allocating anything. `StoreLimiter` is the
 * default, built from a `StoreLimits`; a custom limiter can replace it.
 */
import { LinkError } from './errors.js';

/** Limits a store enforces on what is allocated in it and how deep wasm can call. */
export interface StoreLimits {
  /** Deepest wasm call stack before a stack-overflow trap. */
  readonly maxCallDepth: number;
  /** Largest size in bytes of any one memory (Wasmtime's `memory_size`). */
  readonly maxMemorySize: number;
  /** Largest number of elements of any one table (Wasmtime's `table_elements`). */
  readonly maxTableSize: number;
  /** Most instances the store may hold (Wasmtime's `instances`). */
  readonly maxInstances: number;
  /** Most tables, defined and created by the host (Wasmtime's `tables`). */
  readonly maxTables: number;
  /** Most memories, defined and created by the host (Wasmtime's `memories`). */
  readonly maxMemories: number;
  /** Total bytes of all the store's memories. */
  readonly maxMemoryBytes: number;
  /** Total elements of all the store's tables. */
  readonly maxTableElements: number;
  /** Bytes of live GC objects (structs and arrays), as estimated by the runtime. */
  readonly maxGcHeapBytes: number;
}

/** Largest memory Weft allocates (JS ArrayBuffers top out near 2^32 bytes on 64-bit hosts). */
export const MAX_MEMORY_BYTES = 2 ** 32;

/** Largest number of elements a table may hold (an implementation limit, as V8's). */
export const MAX_TABLE_ELEMENTS = 10_000_000;

/** The JS heap limit of the host, where the host tells it (Node); null elsewhere. */
function hostHeapLimit(): number | null {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    const v8 = proc?.getBuiltinModule?.('v8') as
      { getHeapStatistics(): { heap_size_limit: number } } | undefined;
    const limit = v8?.getHeapStatistics().heap_size_limit;
    return typeof limit === 'number' && limit > 0 ? limit : null;
  } catch {
    return null;
  }
}

/**
 * Default GC budget: a quarter of the host's JS heap where it is known (the
 * estimate undercounts V8's real cost by up to 2x for small objects, and the
 * rest of the process needs room too), else 512 MiB.
 */
function defaultGcHeapBytes(): number {
  const limit = hostHeapLimit();
  return limit === null ? 512 * 2 ** 20 : Math.max(16 * 2 ** 20, Math.floor(limit / 4));
}

let gcHeapBytes: number | undefined;

/**
 * The limits a store has when it is given none. `maxGcHeapBytes` is read
 * from the host when first asked: Node's `v8` module took ~4 ms to load, a
 * tenth of importing the runtime, and most programs allocate no GC object.
 */
export const DEFAULT_LIMITS: StoreLimits = {
  maxCallDepth: 20_000,
  maxMemorySize: MAX_MEMORY_BYTES,
  maxTableSize: MAX_TABLE_ELEMENTS,
  maxInstances: 10_000,
  maxTables: 10_000,
  maxMemories: 10_000,
  maxMemoryBytes: MAX_MEMORY_BYTES,
  maxTableElements: MAX_TABLE_ELEMENTS,
  get maxGcHeapBytes(): number {
    return (gcHeapBytes ??= defaultGcHeapBytes());
  },
};

/**
 * Fills in the defaults of a partial set of limits and checks the numbers.
 * A `maxGcHeapBytes` left out is read from the host when first needed (a
 * GC allocation), not here: every store resolves its limits.
 */
export function resolveLimits(partial: Partial<StoreLimits> = {}): StoreLimits {
  const limits: Partial<Record<keyof StoreLimits, number>> = {};
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof StoreLimits)[]) {
    const v = partial[key];
    if (v === undefined) {
      if (key !== 'maxGcHeapBytes') limits[key] = DEFAULT_LIMITS[key];
      continue;
    }
    if (typeof v !== 'number' || !(v >= 0)) {
      throw new RangeError(`${key} must be a non-negative number, got ${String(v)}`);
    }
    limits[key] = v;
  }
  if (limits.maxGcHeapBytes === undefined) {
    Object.defineProperty(limits, 'maxGcHeapBytes', {
      get: () => DEFAULT_LIMITS.maxGcHeapBytes,
      enumerable: true,
    });
  }
  if (!(limits.maxCallDepth! > 0)) throw new RangeError('maxCallDepth must be positive');
  return limits as StoreLimits;
}

/** Why a limiter refused: the limit (a `StoreLimits` key, or a custom name) and a sentence. */
export interface LimitRefusal {
  /** The limit refused: a `StoreLimits` key, `maximum`, `limiter` or a custom name. */
  readonly limit: string;
  /** What exceeded the limit, as a sentence. */
  readonly message: string;
}

/**
 * Decides every allocation of a store, as Wasmtime's `ResourceLimiter`. A
 * method answers null to allow, or a refusal naming the limit (where
 * Wasmtime answers true/false). Memory sizes are in bytes, table sizes in
 * elements; `current` is 0 when the item is being created; `maximum` is the
 * item's declared maximum, or null (a growth past it is asked about too, as
 * in Wasmtime, and then fails). A method may also throw: the error
 * propagates from the instruction or API call that asked. A refused creation fails with a
 * `ResourceLimitError`, a refused `memory.grow`/`table.grow` returns -1, a
 * refused GC allocation traps (`GcHeapOutOfMemory`).
 */
export interface ResourceLimiter {
  memoryGrowing(current: number, desired: number, maximum: number | null): LimitRefusal | null;
  tableGrowing(current: number, desired: number, maximum: number | null): LimitRefusal | null;
  /** The GC heap's live bytes would go from `current` to `desired`. */
  gcHeapGrowing(current: number, desired: number): LimitRefusal | null;
  /**
   * A `memory.grow` this limiter allowed failed anyway: past the memory's
   * maximum (`failure.limit` is `maximum`) or the host could not allocate
   * (`host`). As Wasmtime's `memory_grow_failed`: returning lets the
   * instruction return -1; throwing makes the error propagate from it.
   */
  memoryGrowFailed?(failure: LimitRefusal): void;
  /** As `memoryGrowFailed`, for `table.grow`. */
  tableGrowFailed?(failure: LimitRefusal): void;
  /** Most instances, tables and memories the store may hold. */
  instances(): number;
  tables(): number;
  memories(): number;
}

/** What a store has allocated, kept up to date by the runtime. */
export interface StoreUsage {
  /** Total size in bytes of the store's memories (what wasm sees). */
  memoryBytes: number;
  /** Total bytes the memories' buffers hold (sizes plus growth headroom). */
  memoryReserved: number;
  /** Total size in elements of the store's tables. */
  tableElements: number;
}

/** Bytes in a readable form, to two decimals: "48 MiB", "1.5 GiB", "108.06 MiB", "512 bytes". */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (n >= size) return `${Number((n / size).toFixed(2))} ${unit}`;
  }
  return `${n} bytes`;
}

/** The default limiter: the numbers of a `StoreLimits` and the store's usage. */
export class StoreLimiter implements ResourceLimiter {
  constructor(
    readonly limits: StoreLimits,
    private readonly usage: StoreUsage,
  ) {}

  memoryGrowing(current: number, desired: number): LimitRefusal | null {
    const l = this.limits;
    if (desired > l.maxMemorySize) {
      return {
        limit: 'maxMemorySize',
        message: `a memory of ${formatBytes(desired)} exceeds the limit of ${formatBytes(l.maxMemorySize)} per memory (maxMemorySize)`,
      };
    }
    const total = this.usage.memoryBytes - current + desired;
    if (total > l.maxMemoryBytes) {
      return {
        limit: 'maxMemoryBytes',
        message: `the store's memories would total ${formatBytes(total)}, above the limit of ${formatBytes(l.maxMemoryBytes)} (maxMemoryBytes)`,
      };
    }
    return null;
  }

  tableGrowing(current: number, desired: number): LimitRefusal | null {
    const l = this.limits;
    if (desired > l.maxTableSize) {
      return {
        limit: 'maxTableSize',
        message: `a table of ${desired} elements exceeds the limit of ${l.maxTableSize} per table (maxTableSize)`,
      };
    }
    const total = this.usage.tableElements - current + desired;
    if (total > l.maxTableElements) {
      return {
        limit: 'maxTableElements',
        message: `the store's tables would total ${total} elements, above the limit of ${l.maxTableElements} (maxTableElements)`,
      };
    }
    return null;
  }

  gcHeapGrowing(current: number, desired: number): LimitRefusal | null {
    const max = this.limits.maxGcHeapBytes;
    if (desired <= max) return null;
    return {
      limit: 'maxGcHeapBytes',
      message: `GC heap out of memory: ${formatBytes(desired - current)} more would bring live GC objects to ${formatBytes(desired)}, above the limit of ${formatBytes(max)} (maxGcHeapBytes)`,
    };
  }

  instances(): number {
    return this.limits.maxInstances;
  }
  tables(): number {
    return this.limits.maxTables;
  }
  memories(): number {
    return this.limits.maxMemories;
  }
}

/**
 * An item could not be created because a limit refused it (or the host had
 * no memory for it). A `LinkError`, as instantiation failures are; `limit`
 * names the limit (a `StoreLimits` key, or `host` when the host's
 * allocation failed).
 */
export class ResourceLimitError extends LinkError {
  constructor(
    message: string,
    /** The limit exceeded: a `StoreLimits` key (`maxMemoryBytes`, ...) or `limiter`. */
    readonly limit: string,
  ) {
    super(message, '', '');
    this.name = 'ResourceLimitError';
  }
}
