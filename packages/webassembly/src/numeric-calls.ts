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
  setStackTop,
  stackTop,
  STACK_SLOTS,
  type FuncInstance,
} from '@weft/runtime';
import { run } from './func.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const I32S = I32_SLOTS;
const F64S = F64_SLOTS;

/** How a number is stored in a slot: i32 in `I32`, f32 and f64 in `F64`. */
const K_I32 = 0;
const K_F32 = 1;
const K_F64 = 2;

/** The kind of a number type, or -1 for any other type. */
function kindOf(t: ValType): number {
  return t === I32 ? K_I32 : t === F32 ? K_F32 : t === F64 ? K_F64 : -1;
}

/** The kinds of `type`'s parameters, if it is a numeric signature this module handles. */
function numericSignature(type: FuncType): number[] | null {
  const { params, results } = type;
  if (params.length > 3 || results.length > 1) return null;
  const kinds = params.map(kindOf);
  if (kinds.includes(-1) || (results.length === 1 && kindOf(results[0]!) === -1)) return null;
  return kinds;
}

/** Writes `v`, converted as the JS API converts to a value of kind `k`, into slot `s`. */
function put(k: number, s: number, v: unknown): void {
  if (k === K_I32) I32S[s] = (v as number) | 0;
  else if (k === K_F32) F64S[s] = Math.fround(+(v as number));
  else F64S[s] = +(v as number);
}

/**
 * The exported function of `f` for a numeric signature, or null: one
 * closure per arity with the conversions inline (under `--jitless` a helper
 * call per argument costs as much as a wasm instruction), then func.ts's
 * `run`. The frame is reserved before the arguments are converted (a
 * conversion may call JS that calls wasm, which then runs above it).
 */
export function numericExported(f: FuncInstance): Function | null {
  const kinds = numericSignature(f.type);
  if (kinds === null) return null;
  const np = kinds.length;
  const nr = f.type.results.length;
  const frame = Math.max(np, nr, 1);
  const limit = STACK_SLOTS - frame;
  const [k0 = 0, k1 = 0, k2 = 0] = kinds;
  const rk = nr === 0 ? -1 : kindOf(f.type.results[0]!);
  // One reader per result kind: a single expression returning int or
  // double measured twice as slow once optimized (a call of mixed type).
  const read: (fp: number) => unknown =
    rk === -1 ? () => undefined : rk === K_I32 ? (fp) => I32S[fp] : (fp) => F64S[fp];
  /** Runs `f` at `fp` (func.ts's `run`: the one place of the boundary's bookkeeping) and reads the result. */
  const call = (fp: number): unknown => {
    run(f, fp);
    return read(fp);
  };
  const enter = (): number => {
    const fp = stackTop();
    if (fp > limit) throw new RangeError('Maximum call stack size exceeded');
    setStackTop(fp + frame);
    return fp;
  };
  // One closure per arity, of exactly that many parameters, and the call
  // kept apart: one closure for every arity, or one doing the call too,
  // measured three times slower once optimized.
  switch (np) {
    case 0:
      return () => call(enter());
    case 1:
      return (a: unknown): unknown => {
        const fp = enter();
        try {
          if (k0 === K_I32) I32S[fp] = (a as number) | 0;
          else F64S[fp] = k0 === K_F32 ? Math.fround(+(a as number)) : +(a as number);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        return call(fp);
      };
    case 2:
      return (a: unknown, b: unknown): unknown => {
        const fp = enter();
        try {
          if (k0 === K_I32) I32S[fp] = (a as number) | 0;
          else F64S[fp] = k0 === K_F32 ? Math.fround(+(a as number)) : +(a as number);
          if (k1 === K_I32) I32S[fp + 1] = (b as number) | 0;
          else F64S[fp + 1] = k1 === K_F32 ? Math.fround(+(b as number)) : +(b as number);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        return call(fp);
      };
    default:
      return (a: unknown, b: unknown, c: unknown): unknown => {
        const fp = enter();
        try {
          if (k0 === K_I32) I32S[fp] = (a as number) | 0;
          else F64S[fp] = k0 === K_F32 ? Math.fround(+(a as number)) : +(a as number);
          if (k1 === K_I32) I32S[fp + 1] = (b as number) | 0;
          else F64S[fp + 1] = k1 === K_F32 ? Math.fround(+(b as number)) : +(b as number);
          if (k2 === K_I32) I32S[fp + 2] = (c as number) | 0;
          else F64S[fp + 2] = k2 === K_F32 ? Math.fround(+(c as number)) : +(c as number);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        return call(fp);
      };
  }
}

/**
 * What a host function of a numeric signature does at its frame `fp`:
 * calls `callable` (with `undefined` as `this`) with the arguments read
 * from their slots, and writes its result, converted, or null for another
 * signature. func.ts's `hostCode` runs it inside the host frame.
 */
export function numericHostCall(type: FuncType, callable: Function): ((fp: number) => void) | null {
  const kinds = numericSignature(type);
  if (kinds === null) return null;
  const np = kinds.length;
  const [k0 = 0, k1 = 0, k2 = 0] = kinds;
  const rk = type.results.length === 0 ? -1 : kindOf(type.results[0]!);
  const fn = callable as (a?: unknown, b?: unknown, c?: unknown) => unknown;
  return (fp) => {
    // Arguments are read as the kinds say: i32 from I32, f32/f64 from F64 (exact doubles).
    const ret =
      np === 0
        ? fn()
        : np === 1
          ? fn(k0 === K_I32 ? I32S[fp] : F64S[fp])
          : np === 2
            ? fn(k0 === K_I32 ? I32S[fp] : F64S[fp], k1 === K_I32 ? I32S[fp + 1] : F64S[fp + 1])
            : fn(
                k0 === K_I32 ? I32S[fp] : F64S[fp],
                k1 === K_I32 ? I32S[fp + 1] : F64S[fp + 1],
                k2 === K_I32 ? I32S[fp + 2] : F64S[fp + 2],
              );
    if (rk !== -1) put(rk, fp, ret);
  };
}
