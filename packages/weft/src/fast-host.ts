/**
 * Host functions (`Func.new`, `Linker.func`) whose parameters and result
 * are numbers only (i32, i64, f32, f64; at most four parameters and one
 * result): a body for the runtime's `hostCode` (host-frame.ts, which keeps
 * the frame, the call hook and host errors in one place) that reads each
 * argument straight from its slot, calls the host function with them and
 * writes a plain-number result straight into its slot. No arguments array,
 * no results array, no helper per value: under `--jitless` every JS call
 * and every allocation is paid in full on every host call, and the general
 * body (func.ts: lift, invoke, lower, then the runtime's read and write
 * loops) makes about ten of them.
 *
 * The host function sees what the general path gives it: i32 as a number,
 * f32 and f64 as the slot's number (NaN payloads as the runtime keeps
 * them), i64 as a bigint; the `Caller` is reused while calls come from the
 * same instance, as the general path does. A result the inline checks do
 * not take (a `Val`, an i32 out of range, a value of the wrong type, any
 * f32 or i64 result) goes to `slowResult`, the general conversion, which
 * converts it or throws the same `TypeError`.
 */
import { F32, F64, I32, I64, type FuncType } from '@weft/environ';
import {
  F64_SLOTS,
  HI32_SLOTS,
  I32_SLOTS,
  i64FromHalves,
  KIND_F32,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  numberKind,
  numberSignature,
  type HostBody,
  type InstanceHandle,
} from '@weft/runtime';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const I32S = I32_SLOTS;
const HI32S = HI32_SLOTS;
const F64S = F64_SLOTS;

/** How a value is held: i32 in `I32`, i64 in `I32` and `HI32`, f32 and f64 in `F64`. */
const K_I32 = KIND_I32;
const K_I64 = KIND_I64;
const K_F32 = KIND_F32;
const K_F64 = KIND_F64;

/** The i64 in slot `s`, as the general path reads it (a bigint). */
function i64At(s: number): bigint {
  return i64FromHalves(I32S[s]!, HI32S[s]!);
}

/** A function of its `Caller` and up to four arguments (extra ones undefined, never passed). */
type HostFn = (caller: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown) => unknown;

/**
 * Whether `numericHostBody` makes bodies: tests turn it off to make the
 * general path's host functions, the reference these must match. (Not
 * exported by the package.)
 */
export const numericHosts = { enabled: true };

/**
 * The body of the host function `fn` of `type` for the runtime's
 * `hostCode`, or null if its signature is not number-only (then the
 * general path serves it). `callerFor` makes the `Caller` for a calling
 * instance (called only when the instance changes); `slowResult` converts
 * and writes a result the inline checks did not take, or throws.
 */
export function numericHostBody<C extends { readonly instance: InstanceHandle | null }>(
  type: FuncType,
  fn: Function,
  callerFor: (instance: InstanceHandle | null) => C,
  slowResult: (fp: number, result: unknown) => void,
): HostBody | null {
  const { params, results } = type;
  const kinds = numericHosts.enabled ? numberSignature(type, 4, true) : null;
  if (kinds === null) return null;
  const rk = results.length === 0 ? -1 : numberKind(results[0]!);
  const call = fn as HostFn;
  if (kinds.includes(K_I64)) return withI64(kinds, rk, call, callerFor, slowResult);
  // Without i64, each argument is one element of the array its kind is held in:
  // picked here, so a call reads `A0[fp]` with no test of the kind.
  const [A0, A1, A2, A3] = kinds.map((k) => (k === K_I32 ? I32S : F64S));
  let cached: C | null = null;
  // One closure per arity, each passing exactly its arguments. The result
  // check is written out in each (a helper call per host call is what this
  // file avoids): a plain number in range is what the general conversion
  // writes as is; anything else, and any f32 or i64 result, goes to it.
  switch (kinds.length) {
    case 0:
      return (fp, instance) => {
        let c = cached;
        if (c === null || c.instance !== instance) c = cached = callerFor(instance);
        const r = call(c);
        if (rk === K_I32) {
          if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
          else slowResult(fp, r);
        } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
        else if (rk !== -1) slowResult(fp, r);
      };
    case 1:
      return (fp, instance) => {
        let c = cached;
        if (c === null || c.instance !== instance) c = cached = callerFor(instance);
        const r = call(c, A0![fp]);
        if (rk === K_I32) {
          if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
          else slowResult(fp, r);
        } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
        else if (rk !== -1) slowResult(fp, r);
      };
    case 2:
      return (fp, instance) => {
        let c = cached;
        if (c === null || c.instance !== instance) c = cached = callerFor(instance);
        const r = call(c, A0![fp], A1![fp + 1]);
        if (rk === K_I32) {
          if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
          else slowResult(fp, r);
        } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
        else if (rk !== -1) slowResult(fp, r);
      };
    case 3:
      return (fp, instance) => {
        let c = cached;
        if (c === null || c.instance !== instance) c = cached = callerFor(instance);
        const r = call(c, A0![fp], A1![fp + 1], A2![fp + 2]);
        if (rk === K_I32) {
          if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
          else slowResult(fp, r);
        } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
        else if (rk !== -1) slowResult(fp, r);
      };
    default:
      return (fp, instance) => {
        let c = cached;
        if (c === null || c.instance !== instance) c = cached = callerFor(instance);
        const r = call(c, A0![fp], A1![fp + 1], A2![fp + 2], A3![fp + 3]);
        if (rk === K_I32) {
          if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
          else slowResult(fp, r);
        } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
        else if (rk !== -1) slowResult(fp, r);
      };
  }
}

/**
 * `numericHostBody` for signatures with i64 parameters: one closure for
 * every arity, reading each argument as its kind says (an i64 as a bigint
 * made of its halves, which costs more than the tests).
 */
function withI64<C extends { readonly instance: InstanceHandle | null }>(
  kinds: readonly number[],
  rk: number,
  call: HostFn,
  callerFor: (instance: InstanceHandle | null) => C,
  slowResult: (fp: number, result: unknown) => void,
): HostBody {
  const np = kinds.length;
  const [k0 = 0, k1 = 0, k2 = 0, k3 = 0] = kinds;
  let cached: C | null = null;
  return (fp, instance) => {
    let c = cached;
    if (c === null || c.instance !== instance) c = cached = callerFor(instance);
    // At least one argument (an i64); exactly `np` of them passed.
    const r =
      np === 1
        ? call(c, k0 === K_I64 ? i64At(fp) : k0 === K_I32 ? I32S[fp] : F64S[fp])
        : np === 2
          ? call(
              c,
              k0 === K_I64 ? i64At(fp) : k0 === K_I32 ? I32S[fp] : F64S[fp],
              k1 === K_I64 ? i64At(fp + 1) : k1 === K_I32 ? I32S[fp + 1] : F64S[fp + 1],
            )
          : np === 3
            ? call(
                c,
                k0 === K_I64 ? i64At(fp) : k0 === K_I32 ? I32S[fp] : F64S[fp],
                k1 === K_I64 ? i64At(fp + 1) : k1 === K_I32 ? I32S[fp + 1] : F64S[fp + 1],
                k2 === K_I64 ? i64At(fp + 2) : k2 === K_I32 ? I32S[fp + 2] : F64S[fp + 2],
              )
            : call(
                c,
                k0 === K_I64 ? i64At(fp) : k0 === K_I32 ? I32S[fp] : F64S[fp],
                k1 === K_I64 ? i64At(fp + 1) : k1 === K_I32 ? I32S[fp + 1] : F64S[fp + 1],
                k2 === K_I64 ? i64At(fp + 2) : k2 === K_I32 ? I32S[fp + 2] : F64S[fp + 2],
                k3 === K_I64 ? i64At(fp + 3) : k3 === K_I32 ? I32S[fp + 3] : F64S[fp + 3],
              );
    // As in `numericHostBody`'s closures.
    if (rk === K_I32) {
      if (typeof r === 'number' && ((r | 0) === r || r >>> 0 === r)) I32S[fp] = r | 0;
      else slowResult(fp, r);
    } else if (rk === K_F64 && typeof r === 'number') F64S[fp] = r;
    else if (rk !== -1) slowResult(fp, r);
  };
}
