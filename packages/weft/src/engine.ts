/** Engine and Config: what every store, module and linker of one configuration shares. */
import { DEFAULT_LIMITS, TypeRegistry, type StoreLimits } from '@weft/runtime';

/** Settings of an engine (defaults in parentheses). */
export interface ConfigOptions {
  /** Deepest wasm call stack before a stack-overflow trap (20,000 frames). */
  readonly maxCallDepth?: number;
  /** Largest memory in bytes that stores of this engine allocate (4 GiB). */
  readonly maxMemoryBytes?: number;
}

/** Engine configuration, as Wasmtime's `Config`. */
export class Config {
  maxCallDepth: number;
  maxMemoryBytes: number;

  constructor(options: ConfigOptions = {}) {
    this.maxCallDepth = options.maxCallDepth ?? DEFAULT_LIMITS.maxCallDepth;
    this.maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_LIMITS.maxMemoryBytes;
    if (!(this.maxCallDepth > 0)) throw new RangeError('maxCallDepth must be positive');
  }
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

  /** @internal */
  get limits(): StoreLimits {
    return { maxCallDepth: this.config.maxCallDepth, maxMemoryBytes: this.config.maxMemoryBytes };
  }
}
