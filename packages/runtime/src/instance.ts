/** Instance handles: everything an instantiated module owns or imports. */
import type { ModuleInfo } from '@weft/environ';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { MemoryInstance } from './memory.js';
import type { Store } from './store.js';
import type { TableInstance } from './table.js';
import type { TagInstance } from './tag.js';
import type { ResumeFactory } from './suspend.js';
import type { FrameNames } from './trap.js';

/** Anything a module can import or export. */
export type Extern = FuncInstance | TableInstance | MemoryInstance | GlobalInstance | TagInstance;

/**
 * An instance of a module in a store. Its index spaces are plain arrays so
 * compiled code can capture the items it uses. Dropped segments are null.
 */
export class InstanceHandle implements FrameNames {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  readonly funcs: FuncInstance[] = [];
  readonly tables: TableInstance[] = [];
  readonly memories: MemoryInstance[] = [];
  readonly globals: GlobalInstance[] = [];
  readonly tags: TagInstance[] = [];
  /** Element segments' references; null once dropped. */
  readonly elems: (unknown[] | null)[] = [];
  /** Data segments' bytes; null once dropped. */
  readonly datas: (Uint8Array | null)[] = [];
  readonly exports = new Map<string, Extern>();
  /** The compiler's resumable code of the functions, or null if it cannot resume (see suspend.ts). */
  resume: ResumeFactory | null = null;

  constructor(
    readonly store: Store,
    readonly module: ModuleInfo,
    /** Global type id of each module type index. */
    readonly typeIds: Int32Array,
    /** Compiler state for this module, opaque to the runtime. */
    readonly compiled: unknown,
  ) {}

  get moduleName(): string | null {
    return this.module.names.module;
  }

  functionName(funcIndex: number): string | null {
    return this.module.names.functions.get(funcIndex) ?? null;
  }
}
