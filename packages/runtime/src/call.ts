/** Calling functions from the host: the boundary where traps are caught. */
import { stack, STACK_SLOTS, setStackTop, stackTop, type TailCall } from './abi.js';
import { StoreError } from './errors.js';
import type { FuncInstance } from './func.js';
import { enterGcHeap, gcActive, type GcHeap } from './gc.js';
import { readSlot, writeSlot } from './slots.js';
import type { Store } from './store.js';
import { nextTurn, resumeFrames, SavedSlots, Suspension, type Settled } from './suspend.js';
import { normalizeFault, Trap, TrapCode } from './trap.js';

/**
 * Calls `func` with `args` (runtime representation, already checked against
 * the function type) and returns its results. Everything the call throws
 * goes through the store's trap boundary: traps come back as `Trap`, host
 * errors as the very object the host threw, other exceptions unchanged.
 * The store's call depth and the realm's stack top are restored however the
 * call ends, so a store keeps working after a trap.
 *
 * The call hook hears `CallingWasm` before the call and `ReturningFromWasm`
 * after it however it ends (results, trap, host error, wasm exception), as
 * Wasmtime reports them. If the hook throws on `CallingWasm`, nothing runs
 * and no `ReturningFromWasm` follows; if it throws on `ReturningFromWasm`,
 * its error replaces the call's outcome.
 *
 * The call cannot suspend: an async host function it reaches fails with a
 * `SuspendError`, and yields are skipped (see `callFuncAsync`).
 */
export function callFunc(store: Store, func: FuncInstance, args: readonly unknown[]): unknown[] {
  const fp = enter(store, func, args);
  runEntered(store, func, fp);
  // Read before the hook runs: it may call into wasm, which reuses the frame at `fp`.
  const out = results(func, fp);
  store.leaveWasm();
  return out;
}

/**
 * Starts a call from the host whose arguments the caller writes itself:
 * checks the store, reserves the function's frame at the stack's top and
 * reports `CallingWasm`. Returns the frame pointer: write the arguments at
 * `fp ..` (slots of their types, see abi.ts), then `runEntered`. For fast
 * paths that convert values straight into slots (`callFunc` is the general
 * form).
 */
export function enterCall(store: Store, func: FuncInstance): number {
  return enter(store, func, null);
}

/**
 * Runs a call entered at `fp` (`enterCall`) as a synchronous call. If it
 * fails, restores the boundary, reports `ReturningFromWasm` and throws
 * what `callFunc` throws. If it returns, its results are at `fp ..`: read
 * them, then call `store.leaveWasm()` (the hook may call into wasm, which
 * reuses the frame).
 */
export function runEntered(store: Store, func: FuncInstance, fp: number): void {
  const depth = store.depth;
  const suspendable = store.suspendable;
  if (suspendable) store.suspendable = false;
  // GC objects allocated from here on are charged to this store.
  const heap = gcActive.heap;
  gcActive.heap = store.gc;
  try {
    // runChain written out: this is on every call's path.
    let next = func.code(fp);
    while (next !== undefined) next = next.code(fp);
  } catch (e) {
    callFailed(store, fp, depth, suspendable, heap, e);
  }
  // A call that returned left the depth as it found it (each entry undoes its own).
  if (suspendable) store.suspendable = true;
  stack.top = fp;
  gcActive.heap = heap;
}

/**
 * Ends a synchronous call entered at `fp` that threw `e`: the one place
 * that restores the store's state (call depth, whether code may suspend),
 * the stack top and the GC heap charged after a trap or an exception,
 * reports `ReturningFromWasm`, and throws what `callFunc` throws.
 */
function callFailed(
  store: Store,
  fp: number,
  depth: number,
  suspendable: boolean,
  heap: GcHeap | null,
  e: unknown,
): never {
  const fault = normalizeFault(e, store.classify);
  store.depth = depth;
  store.suspendable = suspendable;
  stack.top = fp;
  gcActive.heap = heap;
  store.leaveWasm();
  throw fault;
}

/**
 * Calls `func` as `callFunc` does, allowing it to suspend: when an async
 * host function it reaches returns a promise, or when it yields (fuel or a
 * deadline callback, see meter.ts), the wasm frames are set aside and the
 * stack is given back; the call resumes where it stopped once the promise
 * settles (a rejection is the host function's error) or, for a yield, on a
 * later turn of the event loop. Other calls may use the store meanwhile,
 * synchronous or async. Resolves to the results; rejects as `callFunc`
 * throws. The call hook hears `CallingWasm` once and `ReturningFromWasm`
 * once, when the call ends.
 */
export async function callFuncAsync(
  store: Store,
  func: FuncInstance,
  args: readonly unknown[],
): Promise<unknown[]> {
  let fp = enter(store, func, args);
  let step = (): TailCall => func.code(fp);
  for (;;) {
    const depth = store.depth;
    const suspendable = store.suspendable;
    store.suspendable = true;
    const heap = enterGcHeap(store.gc);
    let suspension: Suspension | null = null;
    let fault: unknown = null;
    let failed = false;
    try {
      let next = step();
      while (next !== undefined) next = next.code(fp);
    } catch (e) {
      if (e instanceof Suspension) suspension = e;
      else {
        failed = true;
        fault = normalizeFault(e, store.classify);
      }
    } finally {
      store.depth = depth;
      store.suspendable = suspendable;
      enterGcHeap(heap);
    }
    if (suspension === null) {
      const out = failed ? null : results(func, fp);
      setStackTop(fp);
      store.leaveWasm();
      if (failed) throw fault;
      return out!;
    }
    // Set the frames aside and give the stack back while waiting.
    const saved = new SavedSlots(fp, Math.max(suspension.top, stackTop()));
    setStackTop(fp);
    store.suspended.add(saved);
    let outcome: Settled;
    try {
      outcome = { ok: true, value: await (suspension.wait ?? nextTurn()) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      store.suspended.delete(saved);
    }
    if (store.isDisposed) {
      store.leaveWasm();
      throw new StoreError(`store ${store.id} was disposed while a call was suspended`);
    }
    // Resume wherever the stack's top is now: frames are relative to their frame pointer.
    const at = stackTop();
    if (at + saved.length >= STACK_SLOTS) {
      store.leaveWasm();
      throw new Trap(TrapCode.StackOverflow);
    }
    saved.restore(at);
    setStackTop(at + frameSlots(func));
    const delta = at - fp;
    fp = at;
    const s = suspension;
    step = () => resumeFrames(s, delta, outcome);
  }
}

/** Slots reserved for a called function's arguments and results. */
function frameSlots(func: FuncInstance): number {
  return Math.max(func.type.params.length, func.type.results.length);
}

/**
 * Starts a call from the host: checks, writes the arguments (if given) at
 * the stack's top and reserves the frame (a hook calling into wasm runs above it), and
 * reports `CallingWasm`. Returns the frame pointer.
 */
function enter(store: Store, func: FuncInstance, args: readonly unknown[] | null): number {
  store.checkAlive();
  if (func.store !== store)
    throw new StoreError('function used with a store it does not belong to');
  const params = func.type.params;
  const fp = stackTop();
  const frame = frameSlots(func);
  if (fp + frame >= STACK_SLOTS) throw new Trap(TrapCode.StackOverflow);
  if (args !== null) for (let i = 0; i < params.length; i++) writeSlot(fp + i, params[i]!, args[i]);
  setStackTop(fp + frame);
  try {
    store.enterWasm();
  } catch (e) {
    setStackTop(fp);
    throw e;
  }
  return fp;
}

/** The results of a returned call, in its frame at `fp`. */
function results(func: FuncInstance, fp: number): unknown[] {
  const types = func.type.results;
  // Filled first so the elements stay tagged: a double array would quiet signalling NaNs.
  const out = new Array<unknown>(types.length).fill(undefined);
  for (let i = 0; i < types.length; i++) out[i] = readSlot(fp + i, types[i]!);
  return out;
}
