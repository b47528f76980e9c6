/** Function instances, and host functions adapted to the frame ABI. */
import type { FuncType, ValType } from '@weft/environ';
import { setStackTop, stackTop, type WasmCode } from './abi.js';
import { callContext, hostCode, hostFault, type HostBody } from './host-frame.js';
import type { InstanceHandle } from './instance.js';
import { readSlot, writeSlot } from './slots.js';
import type { Store } from './store.js';
import { cannotSuspend } from './errors.js';
import { Suspension, type Settled } from './suspend.js';
import { HostFault } from './trap.js';

export { callContext, type HostBody } from './host-frame.js';

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
 * Creates a host function: `impl` adapted to read and write stack slots
 * (arguments in an array, results returned in one), with the frame and
 * call hook protocol of `hostCode` (host-frame.ts).
 */
export function createHostFunc(
  store: Store,
  typeId: number,
  type: FuncType,
  impl: HostImpl,
): FuncInstance {
  const { params, results } = type;
  const body: HostBody = (fp, caller) => {
    const out = impl(caller, readArgs(params, fp));
    // Written before the hook hears the return: the frame is still reserved then.
    for (let i = 0; i < results.length; i++) writeSlot(fp + i, results[i]!, out[i]);
  };
  return createHostBodyFunc(store, typeId, type, body, impl);
}

/**
 * Creates a host function from a `body` that reads its arguments from the
 * frame's slots and writes its results there itself (see `HostBody`): for
 * embedder APIs that specialize host calls. The frame, the caller context,
 * the call hook and host errors are handled as for `createHostFunc`.
 * `impl` is what the function instance records as its host implementation.
 */
export function createHostBodyFunc(
  store: Store,
  typeId: number,
  type: FuncType,
  body: HostBody,
  impl: HostImpl,
): FuncInstance {
  const frameSlots = Math.max(type.params.length, type.results.length);
  const func = new FuncInstance(
    store,
    typeId,
    type,
    null,
    -1,
    hostCode(store, frameSlots, body),
    impl,
  );
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
