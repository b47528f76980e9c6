/** Functions: `Func` (wasm or host), `TypedFunc`, and the `Caller` host functions see. */
import { isRef, type FuncType as FuncTypeCode } from '@weft/environ';
import {
  callFunc,
  callFuncAsync,
  createAsyncHostFunc,
  createHostBodyFunc,
  createHostFunc,
  enterCall,
  FuncInstance,
  isThenable,
  readSlot,
  runEntered,
  stackTop,
  writeSlot,
  type HostImpl,
  type InstanceHandle,
} from '@weft/runtime';
import { Store } from './store.js';
import { FuncType, ValType } from './types.js';
import {
  BAD,
  describeValue,
  lifter,
  lowerer,
  typeMismatch,
  type Lifter,
  type Lowerer,
} from './values.js';
import {
  checkStore,
  checkToken,
  funcName,
  HANDLE,
  handleOf,
  hostNames,
  resolve,
  FUNCS,
} from './handles.js';
import { externOf, type Extern } from './externs.js';
import { numericCaller, ownCall } from './fast-call.js';
import { numericHostBody } from './fast-host.js';

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
  private constructor(
    /** The store of the call. */
    readonly store: Store<T>,
    /** @internal The calling instance (a `Caller` is reused for calls from the same one). */
    readonly instance: InstanceHandle | null,
  ) {}

  /** @internal */
  static of<T>(store: Store<T>, instance: InstanceHandle | null): Caller<T> {
    return new Caller(store, instance);
  }

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
    const impl: HostImpl = (caller, args) =>
      host.lower(host.invoke(fn, caller, host.lift(args)), f);
    // A number-only signature gets a body of its own (fast-host.ts); the same outcomes.
    const body = numericHostBody(
      host.code,
      fn,
      (instance) => Caller.of(store, instance),
      (fp, out) => host.writeResult(fp, out, f),
    );
    const f =
      body === null
        ? createHostFunc(store.inner, host.typeId, host.code, impl)
        : createHostBodyFunc(store.inner, host.typeId, host.code, body, impl);
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
    const fast = this.fast ?? this.makeFast(store);
    return fast(store, args);
  }

  /**
   * `call`'s path, made on the first call, also made this handle's own
   * `call` (`ownCall`): a number-only signature's own caller
   * (fast-call.ts), or the general path.
   */
  private makeFast(store: Store): (store: Store, args: unknown[]) => unknown {
    const general = (s: Store, args: unknown[]): unknown =>
      this.callChecked(s, this.inner(s), args, 'Func.call');
    const fast = numericCaller(store, this.inner(store), general) ?? general;
    ownCall(this, fast);
    return (this.fast = fast);
  }

  /** `call`'s path, made on the first call (`makeFast`); null before. */
  private fast: ((store: Store, args: unknown[]) => unknown) | null = null;

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
    return TypedFunc.of<Params, Result>(this, store, f);
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
    if (c === null || c.instance !== instance) c = this.caller = Caller.of(this.store, instance);
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
      // Not `[v]`: an array literal of a double may hold it unboxed, quieting a signalling NaN.
      const raw = new Array<unknown>(1).fill(undefined);
      raw[0] = v;
      return raw;
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

  /**
   * Writes what host function `f` (of one result) returned into the
   * result's slot at `fp`, converted as `lower` converts it; throws its
   * `TypeError` for a bad one.
   */
  writeResult(fp: number, out: unknown, f: FuncInstance): void {
    const v = this.lowerers[0]!(out, this.store);
    if (v === BAD) throw this.mismatch(f, 0, out);
    writeSlot(fp, this.code.results[0]!, v);
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
  private constructor(
    /** The function. */
    readonly func: Func,
    private readonly store: Store,
    private readonly f: FuncInstance,
  ) {}

  /** @internal */
  static of<Params extends unknown[], Result>(
    func: Func,
    store: Store,
    f: FuncInstance,
  ): TypedFunc<Params, Result> {
    return new TypedFunc<Params, Result>(func, store, f);
  }

  /** Calls the function, as `Func.call` does. */
  call(store: Store, ...args: Params): Result {
    // A number-only signature gets a caller of its own on the first call (fast-call.ts), as `Func.call`.
    const call = this.caller ?? this.makeCaller();
    return call(store, args) as Result;
  }

  /** `call` made on the first call: fast-call.ts's for number-only signatures, or the general path. */
  private caller: ((store: Store, args: unknown[]) => unknown) | null = null;

  /** Makes `caller`, also this handle's own `call` (fast-call.ts, `ownCall`). */
  private makeCaller(): (store: Store, args: unknown[]) => unknown {
    const general = (store: Store, args: unknown[]): unknown => {
      checkStore(this.store, store);
      return this.func.callChecked(store, this.f, args, 'TypedFunc.call');
    };
    const caller = numericCaller(this.store, this.f, general) ?? general;
    ownCall(this, caller);
    return (this.caller = caller);
  }
}
