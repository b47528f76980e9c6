/**
 * Stores own everything: instances, functions, memories, tables, globals
 * and tags live exactly as long as the store that created them. There is no
 * per-instance reference counting; a store is released as a whole.
 */
import { StoreError } from './errors.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { InstanceHandle } from './instance.js';
import { MAX_MEMORY_BYTES, type MemoryInstance } from './memory.js';
import type { TypeRegistry } from './registry.js';
import type { TableInstance } from './table.js';
import type { TagInstance } from './tag.js';
import type { TrapClassifier } from './trap.js';
import { createEpochCounter, Meter } from './meter.js';

/** Transitions reported to a store's call hook (as Wasmtime's `CallHook`). */
export type CallHookKind =
  'CallingWasm' | 'ReturningFromWasm' | 'CallingHost' | 'ReturningFromHost';

/** Limits a store enforces on what its wasm code can allocate and how deep it can call. */
export interface StoreLimits {
  /** Largest size in bytes of any one memory. */
  readonly maxMemoryBytes: number;
  /** Largest call depth of wasm frames before a stack-overflow trap. */
  readonly maxCallDepth: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxMemoryBytes: MAX_MEMORY_BYTES,
  maxCallDepth: 20_000,
};

let nextStoreId = 1;

/** Something a store owns, with its index in the store's list of its kind. */
export interface StoreItem {
  storeIndex: number;
}

export class Store {
  readonly id = nextStoreId++;
  readonly instances: InstanceHandle[] = [];
  readonly funcs: FuncInstance[] = [];
  readonly memories: MemoryInstance[] = [];
  readonly tables: TableInstance[] = [];
  readonly globals: GlobalInstance[] = [];
  readonly tags: TagInstance[] = [];
  /** Current depth of wasm calls; compiled code maintains it. */
  depth = 0;
  /** Called on every transition between host and wasm code; may throw to stop execution. */
  callHook: ((kind: CallHookKind) => void) | null = null;
  /** Fuel and interruption state, for code compiled with metering (see meter.ts). */
  meter = new Meter(createEpochCounter());
  private disposed = false;

  constructor(
    readonly registry: TypeRegistry,
    /** The compiler's answer to "is this exception a fault of wasm code?". */
    readonly classify: TrapClassifier,
    readonly limits: StoreLimits = DEFAULT_LIMITS,
  ) {}

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Throws if the store has been disposed. */
  checkAlive(): void {
    if (this.disposed) throw new StoreError(`store ${this.id} has been disposed`);
  }

  /**
   * Releases everything the store owns. Every later use of the store or of
   * its items fails with a `StoreError`. Not allowed while wasm runs on it.
   */
  dispose(): void {
    if (this.disposed) return;
    if (this.depth > 0)
      throw new StoreError('a store cannot be disposed while its wasm code is running');
    this.disposed = true;
    this.instances.length = 0;
    this.funcs.length = 0;
    this.memories.length = 0;
    this.tables.length = 0;
    this.globals.length = 0;
    this.tags.length = 0;
    this.callHook = null;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Adds an item to the store; returns its index in the store's list of that kind. */
  add<T extends StoreItem>(list: T[], item: T): number {
    this.checkAlive();
    item.storeIndex = list.length;
    list.push(item);
    return item.storeIndex;
  }

  enterHost(): void {
    if (this.callHook !== null) this.callHook('CallingHost');
  }
  leaveHost(): void {
    if (this.callHook !== null) this.callHook('ReturningFromHost');
  }
  enterWasm(): void {
    if (this.callHook !== null) this.callHook('CallingWasm');
  }
  leaveWasm(): void {
    if (this.callHook !== null) this.callHook('ReturningFromWasm');
  }
}
