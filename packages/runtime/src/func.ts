/** Function instances, and host functions adapted to the frame ABI. */
import type { FuncType, ValType } from '@weft/environ';
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

/** The arguments of a host function of `params` in its frame at `fp`, in the runtime representation. */
function readArgs(params: readonly ValType[], fp: number): unknown[] {
  const args = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) args[i] = readSlot(fp + i, params[i]!);
  return args;
}

/**
 * Runs `body` as the body of a host function whose frame ends at `top`:
 * the frame stays reserved meanwhile (host code may call into wasm), the
 * caller context is restored after, and the call hook hears `CallingHost`
 * first (its error unwinds the wasm frames as the host's, and `body` does
 * not run).
 */
function inHostFrame<T>(store: Store, top: number, body: (caller: InstanceHandle | null) => T): T {
  const savedTop = stackTop();
  setStackTop(top);
  const caller = callContext.caller;
  try {
    try {
      store.enterHost();
    } catch (e) {
      throw hostFault(e);
    }
    return body(caller);
  } finally {
    setStackTop(savedTop);
    callContext.caller = caller;
  }
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
  const { params, results } = type;
  const frameTop = Math.max(params.length, results.length);
  // `inHostFrame` written out: this runs on every host call, and a closure
  // per call is a measurable part of one.
  const code: WasmCode = (fp) => {
    const args = readArgs(params, fp);
    const savedTop = stackTop();
    setStackTop(fp + frameTop);
    const caller = callContext.caller;
    let out: unknown[] = [];
    let fault: unknown = null;
    let failed = false;
    try {
      store.enterHost();
      try {
        out = impl(caller, args);
      } catch (e) {
        failed = true;
        fault = e;
      }
      store.leaveHost();
    } catch (e) {
      // The hook's error: on CallingHost impl did not run; on ReturningFromHost it replaces the outcome.
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
  const { params, results } = type;
  const frameTop = Math.max(params.length, results.length);
  /** Ends the call with an outcome: the hook first (its error wins), then results or error. */
  const complete = (fp: number, outcome: Settled): void => {
    try {
      store.leaveHost();
    } catch (e) {
      throw hostFault(e);
    }
    if (!outcome.ok) throw hostFault(outcome.error);
    const out = outcome.value as unknown[];
    for (let i = 0; i < results.length; i++) writeSlot(fp + i, results[i]!, out[i]);
  };
  const code: WasmCode = (fp) => {
    if (!store.suspendable) throw new HostFault(cannotSuspend('an async host function'));
    const args = readArgs(params, fp);
    const out = inHostFrame(store, fp + frameTop, (caller) => {
      try {
        return impl(caller, args);
      } catch (error) {
        complete(fp, { ok: false, error });
        return []; // not reached: complete threw
      }
    });
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

/** Whether `v` is a promise or another thenable (what `await` would wait for). */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}
