/**
 * The frame protocol of synchronous host functions, in one place: the code
 * wasm calls reserves the host function's frame, tells the store's call
 * hook, runs a body that reads its arguments from the frame's slots and
 * writes its results there, and turns whatever the body throws into the
 * fault that unwinds the wasm frames (host errors kept apart from traps).
 *
 * Bodies are given the frame pointer rather than arrays so that an embedder
 * API can specialize them (by arity, for number-only signatures) and read
 * and write slots straight: under `--jitless` every array and every helper
 * call is paid in full on every host call.
 */
import { cannotSuspend } from './errors.js';
import { stack, type WasmCode } from './abi.js';
import type { InstanceHandle } from './instance.js';
import type { Store } from './store.js';
import { Suspension } from './suspend.js';
import { WasmException } from './tag.js';
import { HostFault, Trap } from './trap.js';

/**
 * The body of a host function whose frame is at `fp`: reads the arguments
 * from slots `fp ..`, runs the host's code and writes the results to slots
 * `fp ..` (slots of their types, see abi.ts). `caller` is the instance whose
 * code called it (null when unknown). Anything it throws is the host's
 * error (a `Trap` stays that trap).
 */
export type HostBody = (fp: number, caller: InstanceHandle | null) => void;

/**
 * The instance whose compiled code is calling out. Compiled code sets it
 * before calls that may reach a host function, so the host sees its caller.
 */
export const callContext: { caller: InstanceHandle | null } = { caller: null };

// Module-local aliases: faster than imported bindings in V8.
const S = stack;
const context = callContext;

/** What a host function's exception becomes as it unwinds through wasm frames. */
export function hostFault(e: unknown): unknown {
  // Traps and wasm exceptions keep unwinding as such; anything else is the host's.
  if (e instanceof Trap || e instanceof WasmException || e instanceof HostFault) return e;
  // A suspension cannot go through the host's JS frames (see suspend.ts).
  if (e instanceof Suspension)
    return new HostFault(cannotSuspend('wasm called by a host function'));
  return new HostFault(e);
}

/**
 * The code of a synchronous host function of `store` whose frame is
 * `frameSlots` slots (its parameters' and results' count, the larger):
 * runs `body` with the frame reserved (the host may call into wasm, which
 * runs above it), then restores the stack top and the caller context.
 *
 * The store's call hook hears `CallingHost` before `body` runs and
 * `ReturningFromHost` after it however it ends (results or exception), as
 * Wasmtime reports them. If the hook throws on `CallingHost`, `body` does
 * not run and no `ReturningFromHost` follows; if it throws on
 * `ReturningFromHost`, its error replaces the outcome. Either way the
 * hook's error unwinds the wasm frames as a host error.
 *
 * Everything is written out, without helper calls unless a hook is set or
 * the body threw: this runs on every host call.
 */
export function hostCode(store: Store, frameSlots: number, body: HostBody): WasmCode {
  return (fp) => {
    const savedTop = S.top;
    S.top = fp + frameSlots;
    const caller = context.caller;
    // Whether `body` was entered: a hook failing on CallingHost gets no ReturningFromHost.
    let entered = false;
    try {
      if (store.callHook !== null) store.callHook('CallingHost');
      entered = true;
      body(fp, caller);
    } catch (e) {
      hostFailed(store, savedTop, caller, entered, e);
    }
    // Asked again: the host function may have set a hook, which then hears the return.
    if (store.callHook !== null) {
      try {
        store.callHook('ReturningFromHost');
      } catch (e) {
        hostFailed(store, savedTop, caller, false, e);
      }
    }
    S.top = savedTop;
    context.caller = caller;
    return undefined;
  };
}

/**
 * Ends a host call that threw `e`: the hook hears `ReturningFromHost` if
 * the body was `entered` (its error replaces `e`), the stack top and the
 * caller context are restored, and `e` is thrown as it unwinds wasm frames.
 */
function hostFailed(
  store: Store,
  savedTop: number,
  caller: InstanceHandle | null,
  entered: boolean,
  e: unknown,
): never {
  let fault = e;
  if (entered && store.callHook !== null) {
    try {
      store.callHook('ReturningFromHost');
    } catch (h) {
      fault = h;
    }
  }
  S.top = savedTop;
  context.caller = caller;
  throw hostFault(fault);
}
