// store.d.ts declares [Symbol.dispose]: the reference keeps it valid for
// consumers whose `lib` lacks esnext.disposable (tools/pack checks this).
/// <reference lib="esnext.disposable" preserve="true" />
/**
 * Stores own everything: instances, functions, memories, tables, globals
 * and tags live exactly as long as the store that created them. There is no
 * per-instance reference counting; a store is released as a whole.
 */
import { StoreError } from './errors.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { InstanceHandle } from './instance.js';
import { GcHeap } from './gc.js';
import {
  resolveLimits,
  ResourceLimitError,
  StoreLimiter,
  type LimitRefusal,
  type ResourceLimiter,
  type StoreLimits,
  type StoreUsage,
} from './limits.js';
import type { MemoryInstance } from './memory.js';
import type { TypeRegistry } from './registry.js';
import type { TableInstance } from './table.js';
import type { TagInstance } from './tag.js';
import type { TrapClassifier } from './trap.js';
import { EpochClock, Meter } from './meter.js';
import type { SavedSlots } from './suspend.js';

/** Transitions reported to a store's call hook (as Wasmtime's `CallHook`). */
export type CallHookKind =
  'CallingWasm' | 'ReturningFromWasm' | 'CallingHost' | 'ReturningFromHost';

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
  /** The limits, every one filled in. */
  readonly limits: StoreLimits;
  /** What the store's memories and tables hold now. */
  readonly usage: StoreUsage = { memoryBytes: 0, memoryReserved: 0, tableElements: 0 };
  /** Decides every allocation; by default the numbers of `limits`. */
  limiter: ResourceLimiter;
  /** The GC heap account of the store's structs and arrays. */
  readonly gc: GcHeap;
  /**
   * The last refusal met by `memory.grow`, `table.grow` or a GC allocation
   * (wasm only sees -1 or a trap): what an embedder reports when a guest
   * fails for want of memory.
   */
  limitHit: LimitRefusal | null = null;
  /**
   * Whether the running code may suspend: true while an async call
   * (`callFuncAsync`) is the innermost entry into wasm, false in a
   * synchronous one (see suspend.ts).
   */
  suspendable = false;
  /** The slots of this store's suspended calls: GC roots while they wait (see gc.ts). */
  readonly suspended = new Set<SavedSlots>();
  /** Fuel and interruption state, for code compiled with metering (see meter.ts). */
  meter = new Meter(new EpochClock(), this);
  private disposed = false;

  constructor(
    readonly registry: TypeRegistry,
    /** The compiler's answer to "is this exception a fault of wasm code?". */
    readonly classify: TrapClassifier,
    limits: Partial<StoreLimits> = {},
  ) {
    this.limits = resolveLimits(limits);
    this.limiter = new StoreLimiter(this.limits, this.usage);
    this.gc = new GcHeap(this);
  }

  /**
   * Throws a `ResourceLimitError` unless the store may hold `instances`,
   * `tables` and `memories` more items of each kind.
   */
  checkCounts(instances: number, tables: number, memories: number): void {
    const counts = [
      ['instances', 'maxInstances', this.instances.length, instances, this.limiter.instances()],
      ['tables', 'maxTables', this.tables.length, tables, this.limiter.tables()],
      ['memories', 'maxMemories', this.memories.length, memories, this.limiter.memories()],
    ] as const;
    for (const [what, limit, have, more, max] of counts) {
      if (more > 0 && have + more > max) {
        // The number is the store's own limit, or a stricter one of an embedder's limiter.
        const by = max === this.limits[limit] ? limit : 'limiter';
        throw new ResourceLimitError(
          `the store would hold ${have + more} ${what}, above the limit of ${max} (${by})`,
          by,
        );
      }
    }
  }

  /**
   * A growth of a memory or table that the limiter allowed failed (past the
   * item's maximum, or the host could not allocate): the limiter hears of it
   * and may throw, as Wasmtime's `memory_grow_failed`. Returns -1, what
   * `memory.grow` and `table.grow` then return.
   */
  growFailed(kind: 'memory' | 'table', failure: LimitRefusal): -1 {
    if (failure.limit === 'host') this.limitHit = failure;
    if (kind === 'memory') this.limiter.memoryGrowFailed?.(failure);
    else this.limiter.tableGrowFailed?.(failure);
    return -1;
  }

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
    for (const m of this.memories) m.release();
    for (const t of this.tables) t.release();
    this.usage.memoryBytes = this.usage.memoryReserved = this.usage.tableElements = 0;
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
