/** Engine and Config: what every store, module and linker of one configuration shares. */
import { resolveFeatures, type Features, type OpName } from '@weft/environ';
import { fuelCosts, type CompileOptions } from '@weft/jit';
import {
  EpochClock,
  DEFAULT_LIMITS,
  resolveLimits,
  TypeRegistry,
  type StoreLimits,
} from '@weft/runtime';

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
  /**
   * Proposals beyond WebAssembly 3.0 that modules may use (all off, as
   * Wasmtime's `Config::wasm_*` defaults): `customPageSizes` (memories with
   * 1-byte pages), `customDescriptors` (descriptor and exact types).
   */
  readonly features?: Partial<Features>;
  /**
   * Turns WebAssembly text into a binary, for modules given as strings
   * (none: only binaries are accepted). Pass `@weft/wast`'s `parseWat`:
   * the text format is a separate package so that embedders who load only
   * binaries do not ship its parser. Per engine, so that two users of one
   * process choose independently.
   */
  readonly textParser?: TextParser;
}

/** Turns WebAssembly text into a binary (`@weft/wast`'s `parseWat`); throws on malformed text. */
export type TextParser = (text: string) => Uint8Array;

/** Engine configuration, as Wasmtime's `Config`. */
export class Config {
  /** {@inheritDoc ConfigOptions.maxCallDepth} */
  maxCallDepth: number;
  /** {@inheritDoc ConfigOptions.maxMemoryBytes} */
  maxMemoryBytes: number;
  /** {@inheritDoc ConfigOptions.maxMemorySize} */
  maxMemorySize: number;
  /** {@inheritDoc ConfigOptions.maxTableElements} */
  maxTableElements: number;
  /** {@inheritDoc ConfigOptions.maxTableSize} */
  maxTableSize: number;
  /** {@inheritDoc ConfigOptions.maxInstances} */
  maxInstances: number;
  /** {@inheritDoc ConfigOptions.maxTables} */
  maxTables: number;
  /** {@inheritDoc ConfigOptions.maxMemories} */
  maxMemories: number;
  /** {@inheritDoc ConfigOptions.maxGcHeapBytes} */
  get maxGcHeapBytes(): number {
    return this.gcHeapBytes ?? DEFAULT_LIMITS.maxGcHeapBytes;
  }
  /** Sets the GC budget of the engine's stores made from now on, in bytes. */
  set maxGcHeapBytes(bytes: number) {
    this.gcHeapBytes = bytes;
  }
  /**
   * @internal `maxGcHeapBytes` as set, or undefined for the default, which
   * is read from the host only when a store first allocates a GC object.
   */
  gcHeapBytes: number | undefined;
  /** {@inheritDoc ConfigOptions.consumeFuel} */
  consumeFuel: boolean;
  /** {@inheritDoc ConfigOptions.operatorCost} */
  operatorCost: Readonly<Partial<Record<OpName, number>>>;
  /** {@inheritDoc ConfigOptions.epochInterruption} */
  epochInterruption: boolean;
  /** The proposals modules of this engine may use. */
  features: Features;
  /** The parser of text sources, or null (binaries only). */
  textParser: TextParser | null;

  /**
   * Fills in the defaults of what `options` leaves out.
   *
   * @throws {RangeError} if an `operatorCost` entry is not an operator's
   *   mnemonic or not an integer from 0 to 255.
   */
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
    this.gcHeapBytes = options.maxGcHeapBytes;
    this.consumeFuel = options.consumeFuel ?? false;
    this.operatorCost = options.operatorCost ?? {};
    this.epochInterruption = options.epochInterruption ?? false;
    this.features = resolveFeatures(options.features);
    if (options.textParser !== undefined && typeof options.textParser !== 'function')
      throw new TypeError('new Config: textParser must be a function (text) => Uint8Array');
    this.textParser = options.textParser ?? null;
    fuelCosts(this.operatorCost); // throws a RangeError naming a bad entry
  }

  /** The defaults, as numbers. */
  static readonly DEFAULTS: StoreLimits = DEFAULT_LIMITS;
}

/**
 * The engine: a configuration and the engine-wide type registry that makes
 * function types from different modules comparable.
 */
export class Engine {
  /** The configuration the engine was made with (do not change it afterwards). */
  readonly config: Config;
  /** @internal */
  readonly registry = new TypeRegistry();

  /** @internal The epoch and the poll countdown that the engine's stores share. */
  readonly epochClock = new EpochClock();

  /**
   * The epoch counter stores of this engine check deadlines against: in a
   * `SharedArrayBuffer` where the host has one, so that a worker can
   * advance it while wasm runs on this thread (`Atomics.add(counter, 0, 1)`;
   * code notices within about a thousand function entries or loop
   * iterations).
   */
  get epochCounter(): Int32Array {
    return this.epochClock.counter;
  }

  /** @internal What modules compile in (fixed for the engine's life). */
  readonly compileOptions: CompileOptions;

  constructor(config: Config = new Config()) {
    this.config = config;
    this.compileOptions = {
      fuel: config.consumeFuel ? config.operatorCost : false,
      interruption: config.epochInterruption,
    };
  }

  /** Advances the epoch by one (Wasmtime's `increment_epoch`); code checks it at its next function entry or loop header. */
  incrementEpoch(): void {
    this.epochClock.increment();
  }

  /** @internal The limits of the engine's stores. */
  get limits(): StoreLimits {
    return resolveLimits(this.limitOptions);
  }

  /**
   * @internal The limits of the config, unresolved: `maxGcHeapBytes` is
   * undefined where the config leaves it to the default.
   */
  get limitOptions(): Partial<StoreLimits> {
    const c = this.config;
    return {
      maxCallDepth: c.maxCallDepth,
      maxMemoryBytes: c.maxMemoryBytes,
      maxMemorySize: c.maxMemorySize,
      maxTableElements: c.maxTableElements,
      maxTableSize: c.maxTableSize,
      maxInstances: c.maxInstances,
      maxTables: c.maxTables,
      maxMemories: c.maxMemories,
      maxGcHeapBytes: c.gcHeapBytes,
    };
  }
}
