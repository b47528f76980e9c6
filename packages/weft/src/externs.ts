/**
 * Handles to store-owned items: Func, Memory, Table, Global, Tag. A handle
 * is its store plus an index into the store's list of that kind; every
 * method takes the store explicitly and checks it.
 */
import { isRef, type FuncType as FuncTypeCode } from '@weft/environ';
import {
  callFunc,
  callFuncAsync,
  createAsyncHostFunc,
  createHostFunc,
  enterCall,
  FuncInstance,
  isThenable,
  GlobalInstance,
  MemoryInstance,
  PAGE_SIZE,
  readSlot,
  runEntered,
  stackTop,
  StoreError,
  TableInstance,
  TagInstance,
  writeSlot,
  type InstanceHandle,
  type Store as RuntimeStore,
  type StoreItem,
} from '@weft/runtime';
import { SharedMemory } from './shared-memory.js';
import { Store } from './store.js';
import { FuncType, GlobalType, MemoryType, TableType, TagType, ValType } from './types.js';
import {
  BAD,
  describeValue,
  fromRuntime,
  lifter,
  lowerer,
  lowerOrThrow,
  typeMismatch,
  type Lifter,
  type Lowerer,
} from './values.js';

/** Resolves a handle: checks the store is alive and the handle belongs to it. */
function resolve<T extends StoreItem>(
  handleStore: Store,
  store: Store,
  list: (s: RuntimeStore) => T[],
  index: number,
): T {
  checkStore(handleStore, store);
  store.inner.checkAlive();
  const item = list(store.inner)[index];
  if (item === undefined) throw new StoreError('item no longer exists in its store');
  return item;
}

/** Throws unless `store` is `handleStore`, the store an item belongs to. */
function checkStore(handleStore: Store, store: Store): void {
  if (store === handleStore) return;
  if (!(store instanceof Store))
    throw new TypeError(
      `the first argument must be the Store the item belongs to, got ${describeValue(store)}`,
    );
  throw new StoreError('item used with a store it does not belong to');
}

/** Proves a handle is made by this module: handles have no public constructor. */
const HANDLE: unique symbol = Symbol('weft handle');

/** How to get each kind of handle, for the error of calling its constructor. */
const HOW_TO_GET = {
  Func: 'use Func.new(store, type, fn), or instance.getFunc(store, name)',
  Memory: 'use Memory.new(store, type), or instance.getMemory(store, name)',
  Table: 'use Table.new(store, type, init), or instance.getTable(store, name)',
  Global: 'use Global.new(store, type, value), or instance.getGlobal(store, name)',
  Tag: 'use Tag.new(store, type), or instance.getTag(store, name)',
} as const;

function checkToken(token: unknown, kind: keyof typeof HOW_TO_GET): void {
  if (token !== HANDLE)
    throw new TypeError(`${kind} has no public constructor: ${HOW_TO_GET[kind]}`);
}

/** The store's list of functions (a constant: `Func.inner` is on every call's path). */
const FUNCS = (s: RuntimeStore): FuncInstance[] => s.funcs;

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

/** Names of host functions: the Linker definition that made or first defined them. */
const hostNames = new WeakMap<FuncInstance, string>();

/** The name an export of some instance of `store` gives `item`, or null. */
function exportName(
  store: Store,
  item: object,
  first: InstanceHandle | null = null,
): string | null {
  for (const instance of first === null
    ? store.inner.instances
    : [first, ...store.inner.instances]) {
    for (const [name, x] of instance.exports) if (x === item) return name;
  }
  return null;
}

/**
 * How messages name a function: `host function 'env.log'`, or a wasm
 * function's export name, its name-section name or its index.
 */
function funcName(store: Store, f: FuncInstance): string {
  if (f.instance === null) {
    const name = hostNames.get(f);
    return name === undefined ? 'a host function' : `host function '${name}'`;
  }
  const exported = exportName(store, f, f.instance);
  if (exported !== null) return `'${exported}'`;
  const named = f.instance?.functionName(f.index) ?? null;
  return named !== null ? `'${named}'` : `<wasm function ${f.index}>`;
}

/** How messages name a table or global: ` for table 't'`, or nothing if it has no export name. */
function itemName(store: Store, kind: string, item: object): string {
  const name = exportName(store, item);
  return name === null ? '' : ` for ${kind} '${name}'`;
}

/** What a host function without results returns to the runtime (read, never written). */
const NO_RESULTS: unknown[] = [];

/** Per-function conversions, made once (on the first call of a `Func`, or by `Func.new`). */
interface Conversions {
  readonly params: readonly Lowerer[];
  readonly results: readonly (Lifter | null)[];
  /**
   * No reference parameters or results and at most one result: arguments
   * go straight into their slots and the result comes straight out, with
   * no arrays (`Func.callDirect`).
   */
  readonly direct: boolean;
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
    /** The store of the call. */
    readonly store: Store<T>,
    /** @internal The calling instance (a `Caller` is reused for calls from the same one). */
    readonly instance: InstanceHandle | null,
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

  /** The store's fuel left (see `Store.getFuel`). */
  getFuel(): number {
    return this.store.getFuel();
  }

  /** Sets the store's fuel left (see `Store.setFuel`). */
  setFuel(fuel: number | bigint): void {
    this.store.setFuel(fuel);
  }
}

/** A function: defined by a wasm module or by the host. */
export class Func {
  /** Argument checks and result conversions, made on the first call. */
  private conversions: Conversions | null = null;

  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Func');
  }

  /** @internal */
  static of(store: Store, f: FuncInstance): Func {
    return handleOf(f, () => new Func(HANDLE, store, f.storeIndex));
  }

  /**
   * A host function of type `type`. `fn` receives a `Caller` and the
   * arguments, and returns the result (one result), an array (several) or
   * nothing. Anything it throws reaches the embedder unchanged, even from
   * under wasm frames; a `Trap` it throws continues as that trap. A result
   * that is not a value of its type is a `TypeError` naming the function
   * (after its Linker definition), the result index and the expected type,
   * thrown like a host error.
   */
  static new<T>(
    store: Store<T>,
    type: FuncType,
    fn: (caller: Caller<T>, ...args: any[]) => unknown,
  ): Func {
    const host = new HostSignature(store, type, fn, 'Func.new');
    const f = createHostFunc(store.inner, host.typeId, host.code, (caller, args) =>
      host.lower(host.invoke(fn, caller, host.lift(args)), f),
    );
    return Func.of(store, f);
  }

  /**
   * An async host function of type `type` (Wasmtime's `Func::new_async`):
   * as `Func.new`, but `fn` may return a promise. Wasm calling it suspends
   * until the promise settles, then resumes with its value as the results,
   * or unwinds with its rejection as a host error. Only async calls
   * (`callAsync`, `instantiateAsync`) can suspend: called in a synchronous
   * call, it throws a `SuspendError` (`fn` does not run). While a call is
   * suspended, the store takes other calls, synchronous or async.
   *
   * ```ts
   * const fetchByte = Func.newAsync(store, new FuncType([ValType.i32], [ValType.i32]),
   *   async (_caller, i) => (await load(i)) & 0xff);
   * ```
   */
  static newAsync<T>(
    store: Store<T>,
    type: FuncType,
    fn: (caller: Caller<T>, ...args: any[]) => unknown,
  ): Func {
    const host = new HostSignature(store, type, fn, 'Func.newAsync');
    const f = createAsyncHostFunc(store.inner, host.typeId, host.code, (caller, args) => {
      const out = host.invoke(fn, caller, host.lift(args));
      if (!isThenable(out)) return host.lower(out, f);
      return Promise.resolve(out).then((v) => host.lower(v, f));
    });
    return Func.of(store, f);
  }

  /** @internal Names a host function after its Linker definition (the first one wins). */
  nameHost(store: Store, module: string, name: string): void {
    const f = this.inner(store);
    if (f.instance === null && !hostNames.has(f)) hostNames.set(f, `${module}.${name}`);
  }

  /** @internal */
  inner(store: Store): FuncInstance {
    return resolve(this.store, store, FUNCS, this.index);
  }

  /** The function's type. */
  type(store: Store): FuncType {
    const t = this.inner(store).type;
    return FuncType.fromCodes(t.params, t.results);
  }

  /**
   * Calls the function. Returns undefined (no results), the result, or an
   * array of results. Throws a `Trap` if wasm traps, the very error a host
   * function threw, or a `WasmException` that escaped; a `TypeError` naming
   * the function, the argument and the expected type if an argument is not
   * a value of its parameter's type; a `SuspendError` if the call reaches an
   * async host function (use `callAsync`).
   */
  call(store: Store, ...args: unknown[]): unknown {
    return this.callChecked(store, this.inner(store), args, 'Func.call');
  }

  /**
   * This function with its type checked once against `params` and `results`
   * (Wasmtime's `Func::typed`): a `TypedFunc` whose calls skip looking the
   * function up and are typed for TypeScript, `Params` and `Result` being
   * the JS types of the arguments and of what `call` returns (`number` for
   * i32, f32, f64; `bigint` for i64; an array for several results).
   *
   * ```ts
   * const add = func.typed<[number, number], number>(store, [ValType.i32(), ValType.i32()], [ValType.i32()]);
   * add.call(store, 1, 2); // 3
   * ```
   *
   * @throws {TypeError} if the function's type is not exactly that.
   */
  typed<Params extends unknown[] = unknown[], Result = unknown>(
    store: Store,
    params: readonly ValType[],
    results: readonly ValType[],
  ): TypedFunc<Params, Result> {
    const f = this.inner(store);
    const want = new FuncType(params, results);
    const same = (a: readonly ValType[], b: readonly number[]): boolean =>
      a.length === b.length && a.every((t, i) => t.code === b[i]);
    if (!same(want.params, f.type.params) || !same(want.results, f.type.results)) {
      const has = FuncType.fromCodes(f.type.params, f.type.results);
      throw new TypeError(
        `Func.typed: ${funcName(store, f)} has type ${has.toString()}, not ${want.toString()}`,
      );
    }
    return new TypedFunc<Params, Result>(this, store, f);
  }

  /** @internal `call` of the function `f` this handle stands for in `store`. */
  callChecked(store: Store, f: FuncInstance, args: unknown[], method: string): unknown {
    const conv = this.conversions ?? (this.conversions = callConversions(f, store));
    if (conv.direct) return callDirect(store, f, conv, args, method);
    const out = callFunc(store.inner, f, this.lowerArgs(store, f, args, method));
    return this.liftResults(store, out);
  }

  /**
   * Calls the function as an async call (Wasmtime's `call_async`): it may
   * suspend, at async host functions (see `Func.newAsync`) and where the
   * store yields (`Store.fuelAsyncYieldInterval`, deadline callbacks
   * answering `yield`). Resolves to what `call` returns; rejects with what
   * `call` throws. Argument errors are thrown before anything runs.
   */
  callAsync(store: Store, ...args: unknown[]): Promise<unknown> {
    const f = this.inner(store);
    const raw = this.lowerArgs(store, f, args, 'Func.callAsync');
    return callFuncAsync(store.inner, f, raw).then((out) => this.liftResults(store, out));
  }

  /** The arguments in the runtime's representation; throws a `TypeError` naming a bad one. */
  private lowerArgs(store: Store, f: FuncInstance, args: unknown[], method: string): unknown[] {
    const conv = this.conversions ?? (this.conversions = callConversions(f, store));
    const lower = conv.params;
    const n = lower.length;
    if (args.length !== n) throw argumentCount(store, f, args, method);
    // Filled with undefined first so its elements stay tagged: double arrays would quiet sNaNs.
    const raw = new Array<unknown>(n).fill(undefined);
    for (let i = 0; i < n; i++) {
      const v = lower[i]!(args[i], store);
      if (v === BAD) throw badArgument(store, f, args, i, method);
      raw[i] = v;
    }
    return raw;
  }

  /** What `call` returns for results `out` (runtime representation). */
  private liftResults(store: Store, out: unknown[]): unknown {
    const lift = this.conversions!.results;
    if (lift.length === 0) return undefined;
    if (lift.length === 1) {
      const l = lift[0]!;
      return l === null ? out[0] : l(out[0], store);
    }
    for (let i = 0; i < lift.length; i++) {
      const l = lift[i]!;
      if (l !== null) out[i] = l(out[i], store);
    }
    return out;
  }
}

/**
 * The signature of a host function made by `Func.new` or `Func.newAsync`:
 * its registered type, and the conversions of its arguments and results.
 */
class HostSignature {
  readonly code: FuncTypeCode;
  readonly typeId: number;
  private readonly lifters: readonly (Lifter | null)[];
  private readonly lowerers: readonly Lowerer[];

  constructor(
    private readonly store: Store,
    type: FuncType,
    fn: unknown,
    method: string,
  ) {
    store.inner.checkAlive();
    if (!(type instanceof FuncType)) {
      throw new TypeError(`${method}: type must be a FuncType, got ${describeValue(type)}`);
    }
    if (typeof fn !== 'function') {
      throw new TypeError(
        `${method}: the host function must be a function, got ${describeValue(fn)}`,
      );
    }
    this.code = funcTypeCode(type);
    const registry = store.engine.registry;
    this.typeId = registry.registerFunc(this.code);
    this.lifters = this.code.params.map(lifter);
    this.lowerers = this.code.results.map((t) => lowerer(t, registry));
  }

  /** The `Caller` of the last call, reused while calls come from the same instance. */
  private caller: Caller<unknown> | null = null;

  /**
   * Calls `fn` with the `Caller` for `instance` and `args`, passed as that
   * many arguments (spelled out for small counts: a spread call is slower).
   */
  invoke(fn: Function, instance: InstanceHandle | null, args: unknown[]): unknown {
    let c = this.caller;
    if (c === null || c.instance !== instance) c = this.caller = new Caller(this.store, instance);
    switch (args.length) {
      case 0:
        return fn(c);
      case 1:
        return fn(c, args[0]);
      case 2:
        return fn(c, args[0], args[1]);
      case 3:
        return fn(c, args[0], args[1], args[2]);
      default:
        return fn(c, ...args);
    }
  }

  /** The arguments as the host function receives them (converted in place). */
  lift(args: unknown[]): unknown[] {
    const store = this.store;
    for (let i = 0; i < args.length; i++) {
      const l = this.lifters[i]!;
      if (l !== null) args[i] = l(args[i], store);
    }
    return args;
  }

  /** What host function `f` returned, as its results; throws a `TypeError` for a bad one. */
  lower(out: unknown, f: FuncInstance): unknown[] {
    const store = this.store;
    const lower = this.lowerers;
    const n = lower.length;
    if (n === 0) return NO_RESULTS;
    if (n === 1) {
      const v = lower[0]!(out, store);
      if (v === BAD) throw this.mismatch(f, 0, out);
      return [v];
    }
    if (!Array.isArray(out) || out.length !== n) {
      throw new TypeError(
        `${funcName(store, f)} must return an array of ${n} results, got ${describeValue(out)}`,
      );
    }
    const raw = new Array<unknown>(n).fill(undefined);
    for (let i = 0; i < n; i++) {
      const v = lower[i]!(out[i], store);
      if (v === BAD) throw this.mismatch(f, i, out[i]);
      raw[i] = v;
    }
    return raw;
  }

  private mismatch(f: FuncInstance, i: number, v: unknown): TypeError {
    const store = this.store;
    return typeMismatch(
      `result ${i} of ${funcName(store, f)}`,
      this.code.results[i]!,
      v,
      store.engine.registry,
    );
  }
}

/**
 * `Func.call` of a function with `direct` conversions: each argument is
 * checked and written into its slot at the stack's top (nothing runs in
 * between, so the frame there is still free), then the call is entered
 * and run, and the result read from its slot. Same checks, messages and
 * outcome as the general path, without its arrays.
 */
function callDirect(
  store: Store,
  f: FuncInstance,
  conv: Conversions,
  args: unknown[],
  method: string,
): unknown {
  const lower = conv.params;
  const n = lower.length;
  if (args.length !== n) throw argumentCount(store, f, args, method);
  const { params, results } = f.type;
  const fp = stackTop();
  for (let i = 0; i < n; i++) {
    const v = lower[i]!(args[i], store);
    if (v === BAD) throw badArgument(store, f, args, i, method);
    writeSlot(fp + i, params[i]!, v);
  }
  const inner = store.inner;
  enterCall(inner, f);
  runEntered(inner, f, fp);
  // Read before the hook runs: it may call into wasm, which reuses the frame at `fp`.
  const out = results.length === 0 ? undefined : readSlot(fp, results[0]!);
  inner.leaveWasm();
  return out;
}

/** The TypeError of a call with the wrong number of arguments. */
function argumentCount(store: Store, f: FuncInstance, args: unknown[], method: string): TypeError {
  const n = f.type.params.length;
  return new TypeError(
    `${method}: ${funcName(store, f)} takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`,
  );
}

/** The TypeError of argument `i`, not a value of its parameter's type. */
function badArgument(
  store: Store,
  f: FuncInstance,
  args: unknown[],
  i: number,
  method: string,
): TypeError {
  return typeMismatch(
    `${method}: argument ${i} of ${funcName(store, f)}`,
    f.type.params[i]!,
    args[i],
    store.engine.registry,
  );
}

function callConversions(f: FuncInstance, store: Store): Conversions {
  const registry = store.engine.registry;
  const { params, results } = f.type;
  return {
    params: params.map((t) => lowerer(t, registry)),
    results: results.map(lifter),
    direct: results.length <= 1 && !params.some(isRef) && !results.some(isRef),
  };
}

/**
 * A function whose type was checked once (Wasmtime's `TypedFunc`; made by
 * `Func.typed` or `Instance.getTypedFunc`). Its calls go straight to the
 * function: the same conversions, checks and errors as `Func.call`, without
 * looking the function up, and typed for TypeScript.
 */
export class TypedFunc<Params extends unknown[] = unknown[], Result = unknown> {
  /** @internal */
  constructor(
    /** The function. */
    readonly func: Func,
    private readonly store: Store,
    private readonly f: FuncInstance,
  ) {}

  /** Calls the function, as `Func.call` does. */
  call(store: Store, ...args: Params): Result {
    checkStore(this.store, store);
    return this.func.callChecked(store, this.f, args, 'TypedFunc.call') as Result;
  }
}

/** A linear memory. */
export class Memory {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Memory');
  }

  /** @internal */
  static of(store: Store, m: MemoryInstance): Memory {
    return handleOf(m, () => new Memory(HANDLE, store, m.storeIndex));
  }

  /**
   * Creates a memory in `store`. A shared memory is not a store's: make it
   * with `new SharedMemory(engine, type)` (as in Wasmtime).
   *
   * @throws {TypeError} if `type` is shared.
   * @throws {ResourceLimitError} if the store's limits refuse the memory.
   */
  static new(store: Store, type: MemoryType): Memory {
    if (type.shared) {
      throw new TypeError(
        'Memory.new: a shared memory is made with new SharedMemory(engine, type)',
      );
    }
    store.inner.checkAlive();
    store.inner.checkCounts(0, 0, 1);
    // Checked by the store's limits: a ResourceLimitError names the one exceeded.
    const m = new MemoryInstance(store.inner, type.inner);
    store.inner.add(store.inner.memories, m);
    return Memory.of(store, m);
  }

  /** @internal */
  inner(store: Store): MemoryInstance {
    return resolve(this.store, store, (s) => s.memories, this.index);
  }

  /** The memory's type; `minimum` is its current size in pages. */
  type(store: Store): MemoryType {
    const m = this.inner(store);
    return new MemoryType(m.pages, m.type.limits.max, m.type.is64, m.pageSize, m.type.shared);
  }

  /** Size in pages (of `type(store).pageSize` bytes). */
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

  /**
   * Grows by `delta` pages; returns the previous size.
   *
   * @throws {RangeError} if the memory cannot grow (its maximum, the
   *   store's limits or limiter), saying why.
   */
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

  /** The default page size in bytes (65536). */
  static readonly PAGE_SIZE = PAGE_SIZE;
}

/** A table of references. */
export class Table {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Table');
  }

  /** @internal */
  static of(store: Store, t: TableInstance): Table {
    return handleOf(t, () => new Table(HANDLE, store, t.storeIndex));
  }

  /**
   * Creates a table in `store` with every element set to `init`.
   *
   * @throws {TypeError} if the element type is not a reference type or
   *   `init` is not a value of it.
   * @throws {ResourceLimitError} if the store's limits refuse the table.
   */
  static new(store: Store, type: TableType, init: unknown = null): Table {
    store.inner.checkAlive();
    const element = type.element.code;
    if (!isRef(element))
      throw new TypeError(`Table.new: a table holds references, not ${type.element}`);
    const value = lowerOrThrow(store, element, init, () => 'Table.new: init value');
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

  /** The table's type; `minimum` is its current size. */
  type(store: Store): TableType {
    const t = this.inner(store);
    return new TableType(new ValType(t.element), t.size, t.type.limits.max, t.type.is64);
  }

  /** The number of elements. */
  size(store: Store): number {
    return this.inner(store).size;
  }

  /**
   * The element at `index` (see the README's Values for the representation).
   *
   * @throws {RangeError} if `index` is out of bounds.
   */
  get(store: Store, index: number): unknown {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    return fromRuntime(store, t.element, t.get(index));
  }

  /**
   * Sets the element at `index`.
   *
   * @throws {RangeError} if `index` is out of bounds.
   * @throws {TypeError} if `value` is not a value of the element type.
   */
  set(store: Store, index: number, value: unknown): void {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    t.set(
      index,
      lowerOrThrow(store, t.element, value, () => `Table.set: value${itemName(store, 'table', t)}`),
    );
  }

  /**
   * Grows by `delta` elements set to `init`; returns the previous size.
   *
   * @throws {RangeError} if the table cannot grow (its maximum, the store's
   *   limits or limiter).
   */
  grow(store: Store, delta: number, init: unknown = null): number {
    const t = this.inner(store);
    const value = lowerOrThrow(
      store,
      t.element,
      init,
      () => `Table.grow: init value${itemName(store, 'table', t)}`,
    );
    const hit = store.inner.limitHit;
    store.inner.limitHit = null;
    const old = t.grow(delta, value);
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
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Global');
  }

  /** @internal */
  static of(store: Store, g: GlobalInstance): Global {
    return handleOf(g, () => new Global(HANDLE, store, g.storeIndex));
  }

  /**
   * Creates a global in `store` holding `value`.
   *
   * @throws {TypeError} if `value` is not a value of the global's type.
   */
  static new(store: Store, type: GlobalType, value: unknown): Global {
    store.inner.checkAlive();
    const raw = lowerOrThrow(store, type.content.code, value, () => 'Global.new: value');
    const g = new GlobalInstance(store.inner, type.content.code, type.mutable);
    g.value = raw;
    store.inner.add(store.inner.globals, g);
    return Global.of(store, g);
  }

  /** @internal */
  inner(store: Store): GlobalInstance {
    return resolve(this.store, store, (s) => s.globals, this.index);
  }

  /** The global's type. */
  type(store: Store): GlobalType {
    const g = this.inner(store);
    return new GlobalType(new ValType(g.type), g.mutable);
  }

  /** The global's value (see the README's Values for the representation). */
  value(store: Store): unknown {
    const g = this.inner(store);
    return fromRuntime(store, g.type, g.value);
  }

  /**
   * Sets the global's value.
   *
   * @throws {TypeError} if the global is immutable or `value` is not a value
   *   of its type.
   */
  setValue(store: Store, value: unknown): void {
    const g = this.inner(store);
    if (!g.mutable) {
      const name = exportName(store, g);
      throw new TypeError(
        `Global.setValue: ${name === null ? 'the global' : `global '${name}'`} is immutable`,
      );
    }
    g.value = lowerOrThrow(
      store,
      g.type,
      value,
      () => `Global.setValue: value${itemName(store, 'global', g)}`,
    );
  }
}

/** An exception tag. */
export class Tag {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Tag');
  }

  /** @internal */
  static of(store: Store, t: TagInstance): Tag {
    return handleOf(t, () => new Tag(HANDLE, store, t.storeIndex));
  }

  /** Creates a tag in `store`, for exceptions carrying values of `type.params`. */
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

  /** The tag's type. */
  type(store: Store): TagType {
    return new TagType(this.inner(store).type.params.map((t) => new ValType(t)));
  }
}

/**
 * Anything that can be imported or exported. A `SharedMemory` can be
 * imported (defined in a linker, given to `new Instance`); exported shared
 * memories come back as `Memory` handles of their store, and
 * `Instance.getSharedMemory` gives the `SharedMemory`.
 */
export type Extern = Func | Memory | Table | Global | Tag | SharedMemory;

/** @internal The handle for a runtime item. */
export function externOf(store: Store, item: unknown): Extern {
  if (item instanceof FuncInstance) return Func.of(store, item);
  if (item instanceof MemoryInstance) return Memory.of(store, item);
  if (item instanceof TableInstance) return Table.of(store, item);
  if (item instanceof GlobalInstance) return Global.of(store, item);
  if (item instanceof TagInstance) return Tag.of(store, item);
  throw new TypeError('not an extern');
}

/** Whether `v` is an extern handle (a Func, Memory, Table, Global or Tag). */
export function isExtern(v: unknown): v is Extern {
  return (
    v instanceof Func ||
    v instanceof Memory ||
    v instanceof Table ||
    v instanceof Global ||
    v instanceof Tag ||
    v instanceof SharedMemory
  );
}

/** @internal The runtime item of a handle. */
export function runtimeOf(
  store: Store,
  e: Extern,
): FuncInstance | MemoryInstance | TableInstance | GlobalInstance | TagInstance {
  return e.inner(store);
}
