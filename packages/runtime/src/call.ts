/** Calling functions from the host: the boundary where traps are caught. */
import { runChain, STACK_SLOTS, setStackTop, stackTop } from './abi.js';
import { StoreError } from './errors.js';
import type { FuncInstance } from './func.js';
import { enterGcHeap } from './gc.js';
import { readSlot, writeSlot } from './slots.js';
import type { Store } from './store.js';
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
 */
export function callFunc(store: Store, func: FuncInstance, args: readonly unknown[]): unknown[] {
  store.checkAlive();
  if (func.store !== store)
    throw new StoreError('function used with a store it does not belong to');
  const { params, results } = func.type;
  const fp = stackTop();
  const frame = Math.max(params.length, results.length);
  if (fp + frame >= STACK_SLOTS) throw new Trap(TrapCode.StackOverflow);
  for (let i = 0; i < params.length; i++) writeSlot(fp + i, params[i]!, args[i]);
  const depth = store.depth;
  // The frame is reserved before the hook runs: a hook calling into wasm runs above it.
  setStackTop(fp + frame);
  // GC objects allocated from here on are charged to this store.
  const heap = enterGcHeap(store.gc);
  try {
    store.enterWasm();
  } catch (e) {
    setStackTop(fp);
    throw e;
  }
  let fault: unknown = null;
  let failed = false;
  try {
    runChain(func.code, fp);
  } catch (e) {
    failed = true;
    fault = normalizeFault(e, store.classify);
  } finally {
    store.depth = depth;
    setStackTop(fp);
    enterGcHeap(heap);
  }
  let out: unknown[] | null = null;
  if (!failed) {
    // Read before the hook runs: it may call into wasm, which reuses the frame at `fp`.
    // Filled first so the elements stay tagged: a double array would quiet signalling NaNs.
    out = new Array<unknown>(results.length).fill(undefined);
    for (let i = 0; i < results.length; i++) out[i] = readSlot(fp + i, results[i]!);
  }
  store.leaveWasm();
  if (failed) throw fault;
  return out!;
}
