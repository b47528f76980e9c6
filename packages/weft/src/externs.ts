/**
 * Handles to store-owned items: Func, Memory, Table, Global, Tag. A handle
 * is its store plus an index into the store's list of that kind; every
 * method takes the store explicitly and checks it.
 */
import { isRef, type FuncType as FuncTypeCode } from '@weft/environ';
import {
  callFunc,
  createHostFunc,
  FuncInstance,
  GlobalInstance,
  MemoryInstance,
  PAGE_SIZE,
  StoreError,
  TableInstance,
  TagInstance,
  type InstanceHandle,
  type Store as RuntimeStore,
  type StoreItem,
} from '@weft/runtime';
import type { Store } from './store.js';
import { FuncType, GlobalType, MemoryType, TableType, TagType, ValType } from './types.js';
import { fromRuntime, toRuntime } from './values.js';

/** Resolves a handle: checks the store is alive and the handle belongs to it. */
function resolve<T extends StoreItem>(
  handleStore: Store,
  store: Store,
  list: (s: RuntimeStore) => T[],
  index: number,
): T {
  if (store !== handleStore) throw new StoreError('item used with a store it does not belong to');
  store.inner.checkAlive();
  const item = list(store.inner)[index];
  if (item === undefined) throw new StoreError('item no longer exists in its store');
  return item;
}

const handles = new WeakMap<object, object>();

/** One handle per runtime item, so handles compare with `===`. */
function handleOf<H extends object>(item: object, make: () => H): H {
  let h = handles.get(item) as H | undefined;
  if (h === undefined) {
    h = make();
    handles.set(item, h);
  }
  return h;
}

function funcTypeCode(type: FuncType): FuncTypeCode {
  return {
    kind: 'func',
    params: type.params.map((t) => t.code),
    results: type.results.map((t) => t.code),
  };
}

/** What a host function sees of its caller, as Wasmtime's `Caller`. */
export class Caller<T = unknown> {
  /** @internal */
  constructor(
    readonly store: Store<T>,
    private readonly instance: InstanceHandle | null,
  ) {}

  /** The embedder's data of the store. */
  get data(): T {
    return this.store.data;
  }

  /** An export of the calling instance (a memory, typically), or null. */
  getExport(name: string): Extern | null {
    const item = this.instance?.exports.get(name);
    return item === undefined ? null : externOf(this.store, item);
  }
}

/** A function: defined by a wasm module or by the host. */
export class Func {
  private constructor(
    readonly store: Store,
    private readonly index: number,
  ) {}

  /** @internal */
  static of(store: Store, f: FuncInstance): Func {
    return handleOf(f, () => new Func(store, f.storeIndex));
  }

  /**
   * A host function of type `type`. `fn` receives a `Caller` and the
   * arguments, and returns the result (one result), an array (several) or
   * nothing. Anything it throws reaches the embedder unchanged, even from
   * under wasm frames; a `Trap` it throws continues as that trap.
   */
  static new<T>(
    store: Store<T>,
    type: FuncType,
    fn: (caller: Caller<T>, ...args: any[]) => unknown,
  ): Func {
    store.inner.checkAlive();
    const code = funcTypeCode(type);
    const typeId = store.engine.registry.registerFunc(code);
    const registry = store.engine.registry;
    const f = createHostFunc(store.inner, typeId, code, (callerInstance, args) => {
      const apiArgs = args.map((v, i) => fromRuntime(store, code.params[i]!, v));
      const out = fn(new Caller(store, callerInstance), ...apiArgs);
      const results = code.results;
      if (results.length === 0) return [];
      const list = results.length === 1 ? [out] : (out as unknown[]);
      if (!Array.isArray(list) || list.length !== results.length) {
        throw new TypeError(`host function must return ${results.length} results`);
      }
      return results.map((t, i) => toRuntime(store, t, list[i], registry));
    });
    return Func.of(store, f);
  }

  /** @internal */
  inner(store: Store): FuncInstance {
    return resolve(this.store, store, (s) => s.funcs, this.index);
  }

  type(store: Store): FuncType {
    const t = this.inner(store).type;
    return FuncType.fromCodes(t.params, t.results);
  }

  /**
   * Calls the function. Returns undefined (no results), the result, or an
   * array of results. Throws a `Trap` if wasm traps, the very error a host
   * function threw, or a `WasmException` that escaped.
   */
  call(store: Store, ...args: unknown[]): unknown {
    const f = this.inner(store);
    const { params, results } = f.type;
    if (args.length !== params.length) {
      throw new TypeError(`expected ${params.length} arguments, got ${args.length}`);
    }
    const registry = store.engine.registry;
    // Filled with undefined first so its elements stay tagged: double arrays would quiet sNaNs.
    const raw = new Array<unknown>(params.length).fill(undefined);
    for (let i = 0; i < params.length; i++)
      raw[i] = toRuntime(store, params[i]!, args[i], registry);
    const out = callFunc(store.inner, f, raw);
    if (results.length === 0) return undefined;
    if (results.length === 1) return fromRuntime(store, results[0]!, out[0]);
    return results.map((t, i) => fromRuntime(store, t, out[i]));
  }
}

/** A linear memory. */
export class Memory {
  private constructor(
    readonly store: Store,
    private readonly index: number,
  ) {}

  /** @internal */
  static of(store: Store, m: MemoryInstance): Memory {
    return handleOf(m, () => new Memory(store, m.storeIndex));
  }

  /** Creates a memory in `store`. */
  static new(store: Store, type: MemoryType): Memory {
    store.inner.checkAlive();
    store.inner.checkCounts(0, 0, 1);
    // Checked by the store's limits: a ResourceLimitError names the one exceeded.
    const m = new MemoryInstance(store.inner, {
      limits: type.limits,
      is64: type.is64,
      shared: false,
    });
    store.inner.add(store.inner.memories, m);
    return Memory.of(store, m);
  }

  /** @internal */
  inner(store: Store): MemoryInstance {
    return resolve(this.store, store, (s) => s.memories, this.index);
  }

  type(store: Store): MemoryType {
    const m = this.inner(store);
    return new MemoryType(m.pages, m.type.limits.max, m.type.is64);
  }

  /** Size in pages. */
  size(store: Store): number {
    return this.inner(store).pages;
  }

  /**
   * The memory's bytes, exactly `size` pages of them. After a growth the
   * view is stale (detached, or still of the old length): ask again.
   */
  data(store: Store): Uint8Array {
    return this.inner(store).data;
  }

  /** A DataView over exactly the memory's bytes (stale after a growth, as `data`). */
  view(store: Store): DataView {
    return this.inner(store).view;
  }

  /** Grows by `delta` pages; returns the previous size. Throws if the memory cannot grow. */
  grow(store: Store, delta: number): number {
    const m = this.inner(store);
    const hit = store.inner.limitHit;
    store.inner.limitHit = null;
    const old = m.grow(delta);
    const why = store.inner.limitHit as { message: string } | null;
    if (why === null) store.inner.limitHit = hit;
    if (old < 0) {
      throw new RangeError(
        `failed to grow memory by ${delta} pages${why === null ? '' : `: ${why.message}`}`,
      );
    }
    return old;
  }

  static readonly PAGE_SIZE = PAGE_SIZE;
}

/** A table of references. */
export class Table {
  private constructor(
    readonly store: Store,
    private readonly index: number,
  ) {}

  /** @internal */
  static of(store: Store, t: TableInstance): Table {
    return handleOf(t, () => new Table(store, t.storeIndex));
  }

  /** Creates a table in `store` with every element set to `init`. */
  static new(store: Store, type: TableType, init: unknown = null): Table {
    store.inner.checkAlive();
    const element = type.element.code;
    if (!isRef(element)) throw new TypeError('a table holds references');
    const value = toRuntime(store, element, init, store.engine.registry);
    store.inner.checkCounts(0, 1, 0);
    // Checked by the store's limits: a ResourceLimitError names the one exceeded.
    const t = new TableInstance(
      store.inner,
      { element, limits: type.limits, is64: type.is64 },
      element,
      value,
    );
    store.inner.add(store.inner.tables, t);
    return Table.of(store, t);
  }

  /** @internal */
  inner(store: Store): TableInstance {
    return resolve(this.store, store, (s) => s.tables, this.index);
  }

  type(store: Store): TableType {
    const t = this.inner(store);
    return new TableType(new ValType(t.element), t.size, t.type.limits.max, t.type.is64);
  }

  size(store: Store): number {
    return this.inner(store).size;
  }

  get(store: Store, index: number): unknown {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    return fromRuntime(store, t.element, t.get(index));
  }

  set(store: Store, index: number, value: unknown): void {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    t.set(index, toRuntime(store, t.element, value, store.engine.registry));
  }

  /** Grows by `delta` elements set to `init`; returns the previous size. */
  grow(store: Store, delta: number, init: unknown = null): number {
    const t = this.inner(store);
    const hit = store.inner.limitHit;
    store.inner.limitHit = null;
    const old = t.grow(delta, toRuntime(store, t.element, init, store.engine.registry));
    const why = store.inner.limitHit as { message: string } | null;
    if (why === null) store.inner.limitHit = hit;
    if (old < 0) {
      throw new RangeError(
        `failed to grow table by ${delta}${why === null ? '' : `: ${why.message}`}`,
      );
    }
    return old;
  }
}

/** A global variable. */
export class Global {
  private constructor(
    readonly store: Store,
    private readonly index: number,
  ) {}

  /** @internal */
  static of(store: Store, g: GlobalInstance): Global {
    return handleOf(g, () => new Global(store, g.storeIndex));
  }

  static new(store: Store, type: GlobalType, value: unknown): Global {
    store.inner.checkAlive();
    const g = new GlobalInstance(store.inner, type.content.code, type.mutable);
    g.value = toRuntime(store, type.content.code, value, store.engine.registry);
    store.inner.add(store.inner.globals, g);
    return Global.of(store, g);
  }

  /** @internal */
  inner(store: Store): GlobalInstance {
    return resolve(this.store, store, (s) => s.globals, this.index);
  }

  type(store: Store): GlobalType {
    const g = this.inner(store);
    return new GlobalType(new ValType(g.type), g.mutable);
  }

  value(store: Store): unknown {
    const g = this.inner(store);
    return fromRuntime(store, g.type, g.value);
  }

  setValue(store: Store, value: unknown): void {
    const g = this.inner(store);
    if (!g.mutable) throw new TypeError('global is immutable');
    g.value = toRuntime(store, g.type, value, store.engine.registry);
  }
}

/** An exception tag. */
export class Tag {
  private constructor(
    readonly store: Store,
    private readonly index: number,
  ) {}

  /** @internal */
  static of(store: Store, t: TagInstance): Tag {
    return handleOf(t, () => new Tag(store, t.storeIndex));
  }

  static new(store: Store, type: TagType): Tag {
    store.inner.checkAlive();
    const code: FuncTypeCode = {
      kind: 'func',
      params: type.params.map((t) => t.code),
      results: [],
    };
    const typeId = store.engine.registry.registerFunc(code);
    const t = new TagInstance(store.inner, typeId, code);
    store.inner.add(store.inner.tags, t);
    return Tag.of(store, t);
  }

  /** @internal */
  inner(store: Store): TagInstance {
    return resolve(this.store, store, (s) => s.tags, this.index);
  }

  type(store: Store): TagType {
    return new TagType(this.inner(store).type.params.map((t) => new ValType(t)));
  }
}

/** Anything that can be imported or exported. */
export type Extern = Func | Memory | Table | Global | Tag;

/** @internal The handle for a runtime item. */
export function externOf(store: Store, item: unknown): Extern {
  if (item instanceof FuncInstance) return Func.of(store, item);
  if (item instanceof MemoryInstance) return Memory.of(store, item);
  if (item instanceof TableInstance) return Table.of(store, item);
  if (item instanceof GlobalInstance) return Global.of(store, item);
  if (item instanceof TagInstance) return Tag.of(store, item);
  throw new TypeError('not an extern');
}

/** @internal The runtime item of a handle. */
export function runtimeOf(
  store: Store,
  e: Extern,
): FuncInstance | MemoryInstance | TableInstance | GlobalInstance | TagInstance {
  return e.inner(store);
}
