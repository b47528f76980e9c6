/** Function instances, and host functions adapted to the frame ABI. */
import type { FuncType } from '@weft/environ';
import { setStackTop, stackTop, type WasmCode } from './abi.js';
import type { InstanceHandle } from './instance.js';
import { readSlot, writeSlot } from './slots.js';
import type { Store } from './store.js';
import { WasmException } from './tag.js';
import { cannotSuspend } from './errors.js';
import { Suspension, type Settled } from './suspend.js';
import { HostFault, Trap } from './trap.js';

/**
 * A host function's implementation: receives the instance whose code called
 * it (null when called from the host or that is unknown) and the arguments
 * in the runtime representation, and returns the results.
 */
export type HostImpl = (caller: InstanceHandle | null, args: unknown[]) => unknown[];

/** A function: compiled wasm code or a host function behind the same ABI. */
export class FuncInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  /** Entry point; for wasm functions, a stub that compiles on first call. */
  code: WasmCode;

  constructor(
    readonly store: Store,
    /** Global type id. */
    readonly typeId: number,
    /** The function type, heap types as global ids. */
    readonly type: FuncType,
    /** Defining instance (wasm functions) or null (host functions). */
    readonly instance: InstanceHandle | null,
    /** Function index in the defining instance, or -1. */
    readonly index: number,
    code: WasmCode,
    readonly host: HostImpl | null = null,
  ) {
    this.code = code;
  }

  /** Whether this is an async host function (callable from async calls only). */
  isAsync = false;
}

/**
 * The instance whose compiled code is calling out. Compiled code sets it
 * before calls that may reach a host function, so the host sees its caller.
 */
export const callContext: { caller: InstanceHandle | null } = { caller: null };

/** What a host function's exception becomes as it unwinds through wasm frames. */
function hostFault(e: unknown): unknown {
  // Traps and wasm exceptions keep unwinding as such; anything else is the host's.
  if (e instanceof Trap || e instanceof WasmException || e instanceof HostFault) return e;
  // A suspension cannot go through the host's JS frames (see suspend.ts).
  if (e instanceof Suspension)
    return new HostFault(cannotSuspend('wasm called by a host function'));
  return new HostFault(e);
}

/**
 * Creates a host function: `impl` adapted to read and write stack slots.
 *
 * The store's call hook hears `CallingHost` before `impl` runs and
 * `ReturningFromHost` after it however it ends (results or exception), as
 * Wasmtime reports them. If the hook throws on `CallingHost`, `impl` does
 * not run and no `ReturningFromHost` follows; if it throws on
 * `ReturningFromHost`, its error replaces the host function's outcome.
 * Either way the hook's error unwinds the wasm frames as a host error.
 */
export function createHostFunc(
  store: Store,
  typeId: number,
  type: FuncType,
  impl: HostImpl,
): FuncInstance {
  const params = type.params;
  const results = type.results;
  const frameTop = Math.max(params.length, results.length);
  const code: WasmCode = (fp) => {
    const args = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = readSlot(fp + i, params[i]!);
    const savedTop = stackTop();
    // The frame stays reserved while the host and the hook run: they may call into wasm.
    setStackTop(fp + frameTop);
    const caller = callContext.caller;
    try {
      store.enterHost();
    } catch (e) {
      setStackTop(savedTop);
      callContext.caller = caller;
      throw hostFault(e);
    }
    let out: unknown[] = [];
    let fault: unknown = null;
    let failed = false;
    try {
      out = impl(caller, args);
    } catch (e) {
      failed = true;
      fault = e;
    }
    try {
      store.leaveHost();
    } catch (e) {
      failed = true;
      fault = e;
    } finally {
      setStackTop(savedTop);
      callContext.caller = caller;
    }
    if (failed) throw hostFault(fault);
    for (let i = 0; i < results.length; i++) writeSlot(fp + i, results[i]!, out[i]);
    return undefined;
  };
  const func = new FuncInstance(store, typeId, type, null, -1, code, impl);
  store.add(store.funcs, func);
  return func;
}

/**
 * An async host function's implementation: as `HostImpl`, but it may return
 * a promise of the results, which suspends the calling wasm until it settles.
 */
export type AsyncHostImpl = (
  caller: InstanceHandle | null,
  args: unknown[],
) => unknown[] | PromiseLike<unknown[]>;

/**
 * Creates an async host function. `impl` runs when wasm calls it, as a
 * host function's does; when it returns a promise, the call suspends (see
 * suspend.ts) and resumes with the promise's results, or unwinds with its
 * rejection as the host's error. Called in a synchronous call, it fails
 * with a `SuspendError` before `impl` runs. The call hook hears
 * `CallingHost` before `impl` runs and `ReturningFromHost` when the
 * results are delivered (or the error is).
 */
export function createAsyncHostFunc(
  store: Store,
  typeId: number,
  type: FuncType,
  impl: AsyncHostImpl,
): FuncInstance {
  const params = type.params;
  const results = type.results;
  const frameTop = Math.max(params.length, results.length);
  const deliver = (fp: number, out: unknown[]): void => {
    for (let i = 0; i < results.length; i++) writeSlot(fp + i, results[i]!, out[i]);
  };
  /** Ends the call with an outcome: the hook first (its error wins), then results or error. */
  const complete = (fp: number, outcome: Settled): void => {
    try {
      store.leaveHost();
    } catch (e) {
      throw hostFault(e);
    }
    if (!outcome.ok) throw hostFault(outcome.error);
    deliver(fp, outcome.value as unknown[]);
  };
  const code: WasmCode = (fp) => {
    if (!store.suspendable) throw new HostFault(cannotSuspend('an async host function'));
    const args = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = readSlot(fp + i, params[i]!);
    const savedTop = stackTop();
    setStackTop(fp + frameTop);
    const caller = callContext.caller;
    let out: unknown[] | PromiseLike<unknown[]>;
    try {
      store.enterHost();
    } catch (e) {
      setStackTop(savedTop);
      callContext.caller = caller;
      throw hostFault(e);
    }
    try {
      out = impl(caller, args);
    } catch (error) {
      out = [];
      complete(fp, { ok: false, error });
    } finally {
      setStackTop(savedTop);
      callContext.caller = caller;
    }
    if (!isThenable(out)) {
      complete(fp, { ok: true, value: out });
      return undefined;
    }
    throw new Suspension(Promise.resolve(out), complete, fp, fp + frameTop);
  };
  const func = new FuncInstance(store, typeId, type, null, -1, code, null);
  func.isAsync = true;
  store.add(store.funcs, func);
  return func;
}

function isThenable(v: unknown): v is PromiseLike<unknown[]> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}
