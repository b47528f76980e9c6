/** Engine and Config: what every store, module and linker of one configuration shares. */
import { DEFAULT_LIMITS, resolveLimits, TypeRegistry, type StoreLimits } from '@weft/runtime';

/**
 * Settings of an engine (defaults in parentheses). The limits apply to each
 * store of the engine (a store may override them) and are checked before
 * anything is allocated: instantiation fails with a `ResourceLimitError`
 * (a `LinkError`) naming the limit, `memory.grow`/`table.grow` return -1,
 * and a GC allocation past `maxGcHeapBytes` traps (`GcHeapOutOfMemory`).
 */
export interface ConfigOptions {
  /** Deepest wasm call stack before a stack-overflow trap (20,000 frames). */
  readonly maxCallDepth?: number;
  /** Total bytes of all the memories of a store (4 GiB). */
  readonly maxMemoryBytes?: number;
  /** Largest size in bytes of any one memory, as Wasmtime's `memory_size` (4 GiB). */
  readonly maxMemorySize?: number;
  /** Total elements of all the tables of a store (10,000,000). */
  readonly maxTableElements?: number;
  /** Largest number of elements of any one table, as Wasmtime's `table_elements` (10,000,000). */
  readonly maxTableSize?: number;
  /** Most instances in a store (10,000). */
  readonly maxInstances?: number;
  /** Most tables in a store (10,000). */
  readonly maxTables?: number;
  /** Most memories in a store (10,000). */
  readonly maxMemories?: number;
  /**
   * Estimated bytes of live GC structs and arrays in a store (a quarter of
   * the JS heap limit where the host tells it, as Node does; else 512 MiB).
   */
  readonly maxGcHeapBytes?: number;
}

/** Engine configuration, as Wasmtime's `Config`. */
export class Config {
  maxCallDepth: number;
  maxMemoryBytes: number;
  maxMemorySize: number;
  maxTableElements: number;
  maxTableSize: number;
  maxInstances: number;
  maxTables: number;
  maxMemories: number;
  maxGcHeapBytes: number;

  constructor(options: ConfigOptions = {}) {
    const limits = resolveLimits(options);
    this.maxCallDepth = limits.maxCallDepth;
    this.maxMemoryBytes = limits.maxMemoryBytes;
    this.maxMemorySize = limits.maxMemorySize;
    this.maxTableElements = limits.maxTableElements;
    this.maxTableSize = limits.maxTableSize;
    this.maxInstances = limits.maxInstances;
    this.maxTables = limits.maxTables;
    this.maxMemories = limits.maxMemories;
    this.maxGcHeapBytes = limits.maxGcHeapBytes;
  }

  /** The defaults, as numbers. */
  static readonly DEFAULTS: StoreLimits = DEFAULT_LIMITS;
}

/**
 * The engine: a configuration and the engine-wide type registry that makes
 * function types from different modules comparable.
 */
export class Engine {
  readonly config: Config;
  /** @internal */
  readonly registry = new TypeRegistry();

  constructor(config: Config = new Config()) {
    this.config = config;
  }

  /** @internal The limits of the engine's stores. */
  get limits(): StoreLimits {
    const c = this.config;
    return resolveLimits({
      maxCallDepth: c.maxCallDepth,
      maxMemoryBytes: c.maxMemoryBytes,
      maxMemorySize: c.maxMemorySize,
      maxTableElements: c.maxTableElements,
      maxTableSize: c.maxTableSize,
      maxInstances: c.maxInstances,
      maxTables: c.maxTables,
      maxMemories: c.maxMemories,
      maxGcHeapBytes: c.maxGcHeapBytes,
    });
  }
}
