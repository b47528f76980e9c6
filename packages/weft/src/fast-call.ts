/**
 * `Func.call` of functions whose parameters and result are numbers only
 * (i32, f32, f64; at most three parameters and one result), made once per
 * function: arguments checked and written straight into their slots, the
 * call run by the runtime's `runEntered` (the one place that restores the
 * store after a trap), the result read from its slot. No arrays, no helper
 * per argument: under `--jitless` every JS call is paid in full, and the
 * general path (func.ts `callDirect`) makes a dozen.
 *
 * Anything this path does not decide by itself goes to the general path,
 * before anything ran: another store, a disposed store or item, a wrong
 * number of arguments, an argument that is not a plain number of its
 * type's range (a `Val`, a bad value: the general path converts it or
 * throws its `TypeError`), a call hook, a full stack. So the outcome is the
 * general path's, whatever the call.
 */
import { F32, F64, I32, type FuncType } from '@weft/environ';
import {
  f32FromBits,
  f32ToBits,
  F64_SLOTS,
  I32_SLOTS,
  KIND_F32,
  KIND_F64,
  KIND_I32,
  numberKind,
  numberSignature,
  runEntered,
  stack,
  STACK_SLOTS,
  type FuncInstance,
} from '@weft/runtime';
import type { Store } from './store.js';

// Module-local aliases: faster than imported bindings in V8.
const I32S = I32_SLOTS;
const F64S = F64_SLOTS;
const S = stack;

// The kinds this module serves (i64 takes the general path: BigInt conversions).
const K_I32 = KIND_I32;
const K_F32 = KIND_F32;
const K_F64 = KIND_F64;

/** An f32 value as the general path stores it (rounded through its bits: NaN payloads kept). */
function f32(v: number): number {
  return f32FromBits(f32ToBits(v));
}

/**
 * A call of `f` in `store` (as `Func.call` with its arguments in `args`),
 * or null if its signature is not one this module handles. `general` is
 * the general path, taken for anything but the plain case (given the
 * call's store and arguments).
 */
export function numericCaller(
  store: Store,
  f: FuncInstance,
  general: (s: Store, args: unknown[]) => unknown,
): ((s: Store, args: unknown[]) => unknown) | null {
  const kinds = numberSignature(f.type, 3, false);
  if (kinds === null) return null;
  const np = kinds.length;
  const nr = f.type.results.length;
  const frame = Math.max(np, nr);
  const limit = STACK_SLOTS - frame - 1;
  const rk = nr === 0 ? -1 : numberKind(f.type.results[0]!);
  const [k0 = 0, k1 = 0, k2 = 0] = kinds;
  const inner = store.inner;
  const funcs = inner.funcs;
  const index = f.storeIndex;
  // Slots above the stack's top are free: writing them before deciding
  // to take the general path changes nothing.
  return (s, args) => {
    const fp = S.top;
    // The store's list holds `f` while the store is alive (disposing empties it).
    if (s !== store || funcs[index] !== f || args.length !== np) return general(s, args);
    if (inner.callHook !== null || fp > limit) return general(s, args);
    if (np > 0) {
      const a = args[0];
      if (typeof a !== 'number') return general(s, args);
      if (k0 === K_I32) {
        if ((a | 0) !== a && a >>> 0 !== a) return general(s, args);
        I32S[fp] = a | 0;
      } else F64S[fp] = k0 === K_F64 ? a : f32(a);
      if (np > 1) {
        const b = args[1];
        if (typeof b !== 'number') return general(s, args);
        if (k1 === K_I32) {
          if ((b | 0) !== b && b >>> 0 !== b) return general(s, args);
          I32S[fp + 1] = b | 0;
        } else F64S[fp + 1] = k1 === K_F64 ? b : f32(b);
        if (np > 2) {
          const c = args[2];
          if (typeof c !== 'number') return general(s, args);
          if (k2 === K_I32) {
            if ((c | 0) !== c && c >>> 0 !== c) return general(s, args);
            I32S[fp + 2] = c | 0;
          } else F64S[fp + 2] = k2 === K_F64 ? c : f32(c);
        }
      }
    }
    S.top = fp + frame;
    runEntered(inner, f, fp);
    // A hook the call installed hears its return (after the result is read:
    // the hook may call into wasm, which reuses the frame).
    const out = rk === K_I32 ? I32S[fp] : rk === -1 ? undefined : F64S[fp];
    if (inner.callHook !== null) inner.leaveWasm();
    return out;
  };
}
