/**
 * Calls across the JS boundary for functions whose parameters and result
 * are numbers only (i32, f32, f64; at most three parameters and one
 * result): what most glue code calls and imports. The general path (func.ts)
 * converts each value with its own closure and reads results through
 * helpers; here the conversions are inline switches on a small kind code,
 * so a call costs a few closure calls fewer. That matters most where nothing inlines: under `--jitless`
 * every JS call is paid in full. The conversions are the JS API's
 * (ToInt32, ToNumber and f32 rounding, in argument order), so the results
 * are the same as the general path's.
 */
import { F32, F64, I32, type FuncType, type ValType } from '@weft/environ';
import {
  F64_SLOTS,
  I32_SLOTS,
  KIND_F32,
  KIND_F64,
  KIND_I32,
  numberKind,
  numberSignature,
  stack,
  STACK_SLOTS,
  type FuncInstance,
  type WasmCode,
} from '@weft/runtime';
import { callFailed, hostFailed } from './func.js';
import { store } from './realm.js';

/**
 * The exported function of `f` for a numeric signature, or null: one
 * closure per arity with everything inline: reserving the frame (before
 * the arguments are converted: a conversion may call JS that calls wasm,
 * which then runs above it), the conversions, func.ts's `run` (a failed
 * call ends in its `callFailed`, the one place that restores the store),
 * and reading the result. Under `--jitless` every JS call is paid in full:
 * a helper call here costs as much as a wasm instruction.
 */
export function numericExported(f: FuncInstance): Function | null {
  const kinds = numberSignature(f.type, 3, false);
  if (kinds === null) return null;
  // What the closures below read is bound with `var`: a closure reading a
  // `const` of an enclosing scope or an imported binding checks it for the
  // TDZ hole on every read, a bytecode dispatch more per read under
  // --jitless.
  var np = kinds.length;
  var nr = f.type.results.length;
  var frame = Math.max(np, nr, 1);
  var limit = STACK_SLOTS - frame;
  var [k0 = 0, k1 = 0, k2 = 0] = kinds;
  var rk = nr === 0 ? -1 : numberKind(f.type.results[0]!);
  var top = stack;
  var ints = I32_SLOTS;
  var floats = F64_SLOTS;
  var realm = store;
  var KI = KIND_I32;
  var KF = KIND_F32;
  // One closure literal per arity, of exactly that many parameters.
  switch (np) {
    case 0:
      return (): unknown => {
        const fp = top.top;
        if (fp > limit) stackOverflow();
        top.top = fp + frame;
        // func.ts's `run`, written out.
        const s = realm;
        const depth = s.depth;
        const suspendable = s.suspendable;
        if (suspendable) s.suspendable = false;
        try {
          let next = f.code(fp);
          while (next !== undefined) next = next.code(fp);
        } catch (e) {
          callFailed(fp, depth, suspendable, e);
        }
        if (suspendable) s.suspendable = true;
        top.top = fp;
        return rk === KI ? ints[fp] : rk === -1 ? undefined : floats[fp];
      };
    case 1:
      return (a: unknown): unknown => {
        const fp = top.top;
        if (fp > limit) stackOverflow();
        top.top = fp + frame;
        try {
          if (k0 === KI) ints[fp] = (a as number) | 0;
          else floats[fp] = k0 === KF ? Math.fround(+(a as number)) : +(a as number);
        } catch (e) {
          top.top = fp;
          throw e;
        }
        // func.ts's `run`, written out.
        const s = realm;
        const depth = s.depth;
        const suspendable = s.suspendable;
        if (suspendable) s.suspendable = false;
        try {
          let next = f.code(fp);
          while (next !== undefined) next = next.code(fp);
        } catch (e) {
          callFailed(fp, depth, suspendable, e);
        }
        if (suspendable) s.suspendable = true;
        top.top = fp;
        return rk === KI ? ints[fp] : rk === -1 ? undefined : floats[fp];
      };
    case 2:
      return (a: unknown, b: unknown): unknown => {
        const fp = top.top;
        if (fp > limit) stackOverflow();
        top.top = fp + frame;
        try {
          if (k0 === KI) ints[fp] = (a as number) | 0;
          else floats[fp] = k0 === KF ? Math.fround(+(a as number)) : +(a as number);
          if (k1 === KI) ints[fp + 1] = (b as number) | 0;
          else floats[fp + 1] = k1 === KF ? Math.fround(+(b as number)) : +(b as number);
        } catch (e) {
          top.top = fp;
          throw e;
        }
        // func.ts's `run`, written out.
        const s = realm;
        const depth = s.depth;
        const suspendable = s.suspendable;
        if (suspendable) s.suspendable = false;
        try {
          let next = f.code(fp);
          while (next !== undefined) next = next.code(fp);
        } catch (e) {
          callFailed(fp, depth, suspendable, e);
        }
        if (suspendable) s.suspendable = true;
        top.top = fp;
        return rk === KI ? ints[fp] : rk === -1 ? undefined : floats[fp];
      };
    default:
      return (a: unknown, b: unknown, c: unknown): unknown => {
        const fp = top.top;
        if (fp > limit) stackOverflow();
        top.top = fp + frame;
        try {
          if (k0 === KI) ints[fp] = (a as number) | 0;
          else floats[fp] = k0 === KF ? Math.fround(+(a as number)) : +(a as number);
          if (k1 === KI) ints[fp + 1] = (b as number) | 0;
          else floats[fp + 1] = k1 === KF ? Math.fround(+(b as number)) : +(b as number);
          if (k2 === KI) ints[fp + 2] = (c as number) | 0;
          else floats[fp + 2] = k2 === KF ? Math.fround(+(c as number)) : +(c as number);
        } catch (e) {
          top.top = fp;
          throw e;
        }
        // func.ts's `run`, written out.
        const s = realm;
        const depth = s.depth;
        const suspendable = s.suspendable;
        if (suspendable) s.suspendable = false;
        try {
          let next = f.code(fp);
          while (next !== undefined) next = next.code(fp);
        } catch (e) {
          callFailed(fp, depth, suspendable, e);
        }
        if (suspendable) s.suspendable = true;
        top.top = fp;
        return rk === KI ? ints[fp] : rk === -1 ? undefined : floats[fp];
      };
  }
}

function stackOverflow(): never {
  throw new RangeError('Maximum call stack size exceeded');
}

/**
 * The code of a host function of a numeric signature calling `callable`
 * (with `undefined` as `this`), or null for another signature: func.ts's
 * `hostCode` written out, with the arguments read from their slots and the
 * result converted into its slot inline (a helper call per value costs as
 * much as the rest under `--jitless`). A failed call ends in `hostFailed`.
 */
export function numericHostCode(type: FuncType, callable: Function): WasmCode | null {
  const kinds = numberSignature(type, 3, false);
  if (kinds === null) return null;
  // Bound with `var`, as in `numericExported`.
  var np = kinds.length;
  var rk = type.results.length === 0 ? -1 : numberKind(type.results[0]!);
  var frameTop = Math.max(np, type.results.length);
  var fn = callable as (a?: unknown, b?: unknown, c?: unknown) => unknown;
  // Each argument is one element of the array its kind is held in (i32 in
  // `ints`, f32/f64 in `floats` as exact doubles), picked here: a call reads
  // `A0[fp]` with no test of the kind (as the facade's fast-host.ts does).
  var ints = I32_SLOTS;
  var floats = F64_SLOTS;
  var [A0 = ints, A1 = ints, A2 = ints] = kinds.map((k) => (k === KIND_I32 ? ints : floats));
  var top = stack;
  var KI = KIND_I32;
  var KF = KIND_F32;
  var KD = KIND_F64;
  return (fp) => {
    const savedTop = top.top;
    top.top = fp + frameTop;
    try {
      const ret =
        np === 1
          ? fn(A0[fp])
          : np === 0
            ? fn()
            : np === 2
              ? fn(A0[fp], A1[fp + 1])
              : fn(A0[fp], A1[fp + 1], A2[fp + 2]);
      // Converted as the JS API converts to a value of the result's kind (a
      // conversion that throws is the host function's error).
      if (rk === KI) ints[fp] = (ret as number) | 0;
      else if (rk === KD) floats[fp] = +(ret as number);
      else if (rk === KF) floats[fp] = Math.fround(+(ret as number));
    } catch (e) {
      hostFailed(savedTop, e);
    }
    top.top = savedTop;
    return undefined;
  };
}
