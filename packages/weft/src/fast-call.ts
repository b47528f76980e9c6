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

/**
 * An f32 value as the general path stores it: rounded (`Math.fround`, which
 * TurboFan inlines: a helper's double result would be boxed), NaN through
 * its bits (payloads kept).
 */
function f32(v: number): number {
  return v === v ? Math.fround(v) : f32FromBits(f32ToBits(v));
}

/**
 * Makes `caller` the `call` of `handle` itself (a `Func` or `TypedFunc`), an
 * own property over the prototype's method, made on the first call. A call
 * site of the user's code then calls this one handle's closure, which
 * TurboFan inlines there with `caller`, a constant of its context, so the
 * arguments' rest array is never allocated. Through the prototype's method
 * every handle's caller is the target of one call site: past a few
 * handles, none is inlined and every call allocates.
 */
export function ownCall(handle: object, caller: (s: Store, args: unknown[]) => unknown): void {
  Object.defineProperty(handle, 'call', {
    value: (s: Store, ...args: unknown[]): unknown => caller(s, args),
    writable: true,
    configurable: true,
  });
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
  // What the closures below read is bound with `var`: a closure reading a
  // `const` or `let` of an enclosing scope checks it for the TDZ hole on
  // every read, bytecode that counts against TurboFan's inlining limit.
  var np = kinds.length;
  var nr = f.type.results.length;
  var frame = Math.max(np, nr);
  var limit = STACK_SLOTS - frame - 1;
  var intResult = nr > 0 && numberKind(f.type.results[0]!) === K_I32;
  var noResult = nr === 0;
  var int0 = kinds[0] === K_I32;
  var int1 = kinds[1] === K_I32;
  var int2 = kinds[2] === K_I32;
  var single0 = kinds[0] === K_F32;
  var single1 = kinds[1] === K_F32;
  var single2 = kinds[2] === K_F32;
  var inner = store.inner;
  var funcs = inner.funcs;
  var index = f.storeIndex;
  var top = S;
  var ints = I32S;
  var floats = F64S;
  // Slots above the stack's top are free: writing them before deciding
  // to take the general path changes nothing. One closure literal per
  // arity: each is small enough for TurboFan to inline into its caller
  // (one closure for every arity was over its bytecode limit), so that
  // `Func.call`'s rest array is never allocated; and under --jitless no
  // call tests the arity.
  switch (np) {
    case 0:
      return (s, args) => {
        const fp = top.top;
        // The store's list holds `f` while the store is alive (disposing empties it).
        if (s !== store || funcs[index] !== f || args.length !== 0) return general(s, args);
        if (inner.callHook !== null || fp > limit) return general(s, args);
        top.top = fp + frame;
        runEntered(inner, f, fp);
        // A hook the call installed hears its return (after the result is
        // read: the hook may call into wasm, which reuses the frame).
        const out = intResult ? ints[fp] : noResult ? undefined : floats[fp];
        if (inner.callHook !== null) inner.leaveWasm();
        return out;
      };
    case 1:
      return (s, args) => {
        const fp = top.top;
        if (s !== store || funcs[index] !== f || args.length !== 1) return general(s, args);
        if (inner.callHook !== null || fp > limit) return general(s, args);
        const a = args[0];
        if (typeof a !== 'number' || (int0 && (a | 0) !== a && a >>> 0 !== a))
          return general(s, args);
        if (int0) ints[fp] = a | 0;
        else floats[fp] = single0 ? f32(a) : a;
        top.top = fp + frame;
        runEntered(inner, f, fp);
        const out = intResult ? ints[fp] : noResult ? undefined : floats[fp];
        if (inner.callHook !== null) inner.leaveWasm();
        return out;
      };
    case 2:
      return (s, args) => {
        const fp = top.top;
        if (s !== store || funcs[index] !== f || args.length !== 2) return general(s, args);
        if (inner.callHook !== null || fp > limit) return general(s, args);
        const a = args[0];
        const b = args[1];
        if (
          typeof a !== 'number' ||
          typeof b !== 'number' ||
          (int0 && (a | 0) !== a && a >>> 0 !== a) ||
          (int1 && (b | 0) !== b && b >>> 0 !== b)
        )
          return general(s, args);
        if (int0) ints[fp] = a | 0;
        else floats[fp] = single0 ? f32(a) : a;
        if (int1) ints[fp + 1] = b | 0;
        else floats[fp + 1] = single1 ? f32(b) : b;
        top.top = fp + frame;
        runEntered(inner, f, fp);
        const out = intResult ? ints[fp] : noResult ? undefined : floats[fp];
        if (inner.callHook !== null) inner.leaveWasm();
        return out;
      };
    default:
      return (s, args) => {
        const fp = top.top;
        if (s !== store || funcs[index] !== f || args.length !== 3) return general(s, args);
        if (inner.callHook !== null || fp > limit) return general(s, args);
        const a = args[0];
        const b = args[1];
        const c = args[2];
        if (
          typeof a !== 'number' ||
          typeof b !== 'number' ||
          typeof c !== 'number' ||
          (int0 && (a | 0) !== a && a >>> 0 !== a) ||
          (int1 && (b | 0) !== b && b >>> 0 !== b) ||
          (int2 && (c | 0) !== c && c >>> 0 !== c)
        )
          return general(s, args);
        if (int0) ints[fp] = a | 0;
        else floats[fp] = single0 ? f32(a) : a;
        if (int1) ints[fp + 1] = b | 0;
        else floats[fp + 1] = single1 ? f32(b) : b;
        if (int2) ints[fp + 2] = c | 0;
        else floats[fp + 2] = single2 ? f32(c) : c;
        top.top = fp + frame;
        runEntered(inner, f, fp);
        const out = intResult ? ints[fp] : noResult ? undefined : floats[fp];
        if (inner.callHook !== null) inner.leaveWasm();
        return out;
      };
  }
}
