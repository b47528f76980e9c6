/** Instance: an instantiated module, its exports reachable through its store. */
import {
  callFunc,
  callFuncAsync,
  instantiate,
  MemoryInstance,
  StoreError,
  type FuncInstance,
  type InstanceHandle,
} from '@weft/runtime';
import { externOf, isExtern, runtimeOf, type Extern } from './externs.js';
import { Func, type TypedFunc } from './func.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Tag } from './tag.js';
import type { Module } from './module.js';
import { SharedMemory } from './shared-memory.js';
import type { Store } from './store.js';
import type { ValType } from './types.js';
import { describeValue } from './values.js';

/** Set while `Instance.newAsync` constructs: where the constructor leaves the start function. */
let deferredStart: { func: FuncInstance | null } | null = null;

/**
 * An instantiated module (Wasmtime's `Instance`): its exports are reached
 * through its store. Make one with `linker.instantiate(store, module)`, or
 * with `new Instance(store, module, imports)` given the imports in order.
 */
export class Instance {
  /** The store the instance belongs to. */
  readonly store: Store;
  private readonly index: number;

  /**
   * Instantiates `module` with `imports` in the module's import order, then
   * runs its start function. The instance belongs to the store from the
   * start: if a segment or the start function traps, what was already done
   * stays (for example, functions written into an imported table).
   *
   * @throws {LinkError} naming the import that does not fit.
   * @throws {TypeError} if an import is not a `Func`, `Memory`,
   *   `SharedMemory`, `Table`, `Global` or `Tag`.
   * @throws {StoreError} if the module was compiled by another engine.
   * @throws {ResourceLimitError} if the store's limits refuse the instance
   *   or its memories and tables.
   * @throws {Trap} if initialization or the start function traps.
   */
  constructor(store: Store, module: Module, imports: readonly Extern[]) {
    if (module.engine !== store.engine)
      throw new StoreError('module and store belong to different engines');
    this.store = store;
    imports.forEach((e, i) => {
      if (!isExtern(e)) {
        const imp = module.info.imports[i];
        const what = imp === undefined ? '' : ` ("${imp.module}" "${imp.name}")`;
        throw new TypeError(
          `new Instance: import ${i}${what} must be a Func, Memory, SharedMemory, Table, Global or Tag, got ${describeValue(e)}`,
        );
      }
    });
    const handle = instantiate(
      store.inner,
      module.info,
      imports.map((e) => runtimeOf(store, e)),
      module.compiled,
    );
    this.index = handle.storeIndex;
    const start = module.info.start;
    if (start === null) return;
    if (deferredStart !== null) deferredStart.func = handle.funcs[start]!;
    else callFunc(store.inner, handle.funcs[start]!, []);
  }

  /**
   * Instantiates as the constructor does, running the start function as an
   * async call (it may call async host functions; see `Func.newAsync`).
   * Link errors are thrown before anything runs; a trap in the start
   * function rejects.
   */
  static newAsync(store: Store, module: Module, imports: readonly Extern[]): Promise<Instance> {
    const slot: { func: FuncInstance | null } = { func: null };
    deferredStart = slot;
    let instance: Instance;
    try {
      instance = new Instance(store, module, imports);
    } finally {
      deferredStart = null;
    }
    if (slot.func === null) return Promise.resolve(instance);
    return callFuncAsync(store.inner, slot.func, []).then(() => instance);
  }

  /** @internal */
  inner(store: Store): InstanceHandle {
    if (store !== this.store)
      throw new StoreError('instance used with a store it does not belong to');
    store.inner.checkAlive();
    return store.inner.instances[this.index]!;
  }

  /** Every export, by name. */
  exports(store: Store): Map<string, Extern> {
    const out = new Map<string, Extern>();
    for (const [name, item] of this.inner(store).exports) out.set(name, externOf(store, item));
    return out;
  }

  /** The export `name`, or null if there is none. */
  getExport(store: Store, name: string): Extern | null {
    const item = this.inner(store).exports.get(name);
    return item === undefined ? null : externOf(store, item);
  }

  /** The exported function `name`, or null if there is no such export or it is not a function. */
  getFunc(store: Store, name: string): Func | null {
    const e = this.getExport(store, name);
    return e instanceof Func ? e : null;
  }

  /**
   * The exported function `name` with its type checked once (Wasmtime's
   * `Instance::get_typed_func`; see `Func.typed`).
   *
   * @throws {TypeError} if there is no such exported function, or its type
   * is not exactly `params` to `results`.
   */
  getTypedFunc<Params extends unknown[] = unknown[], Result = unknown>(
    store: Store,
    name: string,
    params: readonly ValType[],
    results: readonly ValType[],
  ): TypedFunc<Params, Result> {
    const f = this.getFunc(store, name);
    if (f === null) throw new TypeError(`getTypedFunc: the instance exports no function '${name}'`);
    return f.typed<Params, Result>(store, params, results);
  }

  /** The exported memory `name`, or null if there is no such export or it is not a memory. */
  getMemory(store: Store, name: string): Memory | null {
    const e = this.getExport(store, name);
    return e instanceof Memory ? e : null;
  }

  /**
   * An exported shared memory as a `SharedMemory` (to hand to other
   * threads), or null if the export is not a shared memory.
   */
  getSharedMemory(store: Store, name: string): SharedMemory | null {
    const item = this.inner(store).exports.get(name);
    if (!(item instanceof MemoryInstance) || item.shared === null) return null;
    return SharedMemory.of(store.engine, item);
  }

  /** The exported table `name`, or null if there is no such export or it is not a table. */
  getTable(store: Store, name: string): Table | null {
    const e = this.getExport(store, name);
    return e instanceof Table ? e : null;
  }

  /** The exported global `name`, or null if there is no such export or it is not a global. */
  getGlobal(store: Store, name: string): Global | null {
    const e = this.getExport(store, name);
    return e instanceof Global ? e : null;
  }

  /** The exported tag `name`, or null if there is no such export or it is not a tag. */
  getTag(store: Store, name: string): Tag | null {
    const e = this.getExport(store, name);
    return e instanceof Tag ? e : null;
  }
}
