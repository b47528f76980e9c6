/** Engine and Config: what every store, module and linker of one configuration shares. */
import type { OpName } from '@weft/environ';
import { fuelCosts, type CompileOptions } from '@weft/jit';
import { createEpochCounter, DEFAULT_LIMITS, TypeRegistry, type StoreLimits } from '@weft/runtime';

/** Settings of an engine (defaults in parentheses). */
export interface ConfigOptions {
  /** Deepest wasm call stack before a stack-overflow trap (20,000 frames). */
  readonly maxCallDepth?: number;
  /** Largest memory in bytes that stores of this engine allocate (4 GiB). */
  readonly maxMemoryBytes?: number;
  /**
   * Meter fuel (false): every operator costs fuel (Wasmtime's costs), a
   * store starts with none (`store.setFuel`), and running out traps with
   * `TrapCode.OutOfFuel`. Deterministic: the same module, inputs and fuel
   * always stop at the same instruction. Costs compiled code about 1.3-2x.
   */
  readonly consumeFuel?: boolean;
  /** Fuel costs by mnemonic (0 to 255) replacing Wasmtime's defaults, with `consumeFuel`. */
  readonly operatorCost?: Readonly<Partial<Record<OpName, number>>>;
  /**
   * Check epoch and wall-clock deadlines at function entries and loop
   * headers (false): `engine.incrementEpoch()`, `store.setEpochDeadline`,
   * `store.setDeadline`. Cheap, not deterministic.
   */
  readonly epochInterruption?: boolean;
}

/** Engine configuration, as Wasmtime's `Config`. */
export class Config {
  maxCallDepth: number;
  maxMemoryBytes: number;
  consumeFuel: boolean;
  operatorCost: Readonly<Partial<Record<OpName, number>>>;
  epochInterruption: boolean;

  constructor(options: ConfigOptions = {}) {
    this.maxCallDepth = options.maxCallDepth ?? DEFAULT_LIMITS.maxCallDepth;
    this.maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_LIMITS.maxMemoryBytes;
    this.consumeFuel = options.consumeFuel ?? false;
    this.operatorCost = options.operatorCost ?? {};
    this.epochInterruption = options.epochInterruption ?? false;
    if (!(this.maxCallDepth > 0)) throw new RangeError('maxCallDepth must be positive');
    fuelCosts(this.operatorCost); // throws a RangeError naming a bad entry
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

  /**
   * The epoch counter stores of this engine check deadlines against: in a
   * `SharedArrayBuffer` where the host has one, so that a worker can
   * advance it while wasm runs on this thread (`Atomics.add(counter, 0, 1)`).
   */
  readonly epochCounter: Int32Array = createEpochCounter();
  /** @internal What modules compile in (fixed for the engine's life). */
  readonly compileOptions: CompileOptions;

  constructor(config: Config = new Config()) {
    this.config = config;
    this.compileOptions = {
      fuel: config.consumeFuel ? config.operatorCost : false,
      interruption: config.epochInterruption,
    };
  }

  /** Advances the epoch by one (Wasmtime's `increment_epoch`); safe from any agent holding `epochCounter`. */
  incrementEpoch(): void {
    Atomics.add(this.epochCounter, 0, 1);
  }

  /** @internal */
  get limits(): StoreLimits {
    return { maxCallDepth: this.config.maxCallDepth, maxMemoryBytes: this.config.maxMemoryBytes };
  }
}
