/**
 * JS Promise Integration (`WebAssembly.Suspending`, `WebAssembly.promising`,
 * `WebAssembly.SuspendError`), emulated on the runtime's suspendable calls
 * (see `@weft/runtime`'s suspend.ts), so that code built for JSPI (Emscripten's
 * `-sJSPI`, jco's `--async-mode jspi`) runs where the engine has no JSPI, or
 * no WebAssembly at all.
 *
 * As the proposal says: a `promising` export runs like an async function
 * (synchronously until its first suspension) and returns a promise of its
 * results; a `Suspending` import called under it suspends the wasm frames
 * when the function returns a promise (and returns at once otherwise),
 * resuming with the promise's value, or throwing its rejection into wasm as
 * a JS exception would be thrown. A `Suspending` import called where no
 * `promising` export is active, or with JS frames in between (an export
 * called synchronously from JS), throws a `SuspendError` into wasm.
 */
import type { FuncType } from '@weft/environ';
import {
  callContext,
  callFuncAsync,
  isThenable,
  setStackTop,
  stackTop,
  Suspension,
  type FuncInstance,
  type Settled,
  type WasmCode,
} from '@weft/runtime';
import { throwToJS, throwToWasm } from './exception.js';
import { compatible, funcOfValue, hostArguments, hostResults, newHostFunc } from './func.js';
import { store } from './realm.js';
import { toJS, toWasm } from './values.js';
import { setNameAndLength, Slots, toStringTag } from './webidl.js';

/** `WebAssembly.SuspendError`: wasm tried to suspend where it cannot. */
export class SuspendError extends Error {
  constructor(message?: string, ...options: unknown[]) {
    super(message, options[0] as ErrorOptions | undefined);
  }
}
Object.defineProperty(SuspendError.prototype, 'name', {
  value: 'SuspendError',
  writable: true,
  enumerable: false,
  configurable: true,
});

export const suspendingSlots = new Slots<Function>('Suspending');

/** `WebAssembly.Suspending`: marks a JS function whose promises suspend the wasm calling it. */
export class Suspending {
  constructor(jsFun: unknown) {
    if (typeof jsFun !== 'function') {
      throw new TypeError('WebAssembly.Suspending: Argument 0 must be a function');
    }
    suspendingSlots.set(this, jsFun);
  }
}
toStringTag(Suspending.prototype, 'WebAssembly.Suspending');

/**
 * The function a `Suspending` import stands for, of `type` (global ids):
 * `callable` runs as a host function's would; a promise it returns
 * suspends the calling wasm (see above).
 */
export function suspendingFunction(
  typeId: number,
  type: FuncType,
  callable: Function,
): FuncInstance {
  const frameTop = Math.max(type.params.length, type.results.length);
  const args = hostArguments(type);
  const write = hostResults(type);
  const usable = compatible(type);
  /** Delivers the promise's outcome where the import was called. */
  const complete = (fp: number, outcome: Settled): void => {
    if (!outcome.ok) throw throwToWasm(outcome.error);
    try {
      write(fp, outcome.value);
    } catch (e) {
      throw throwToWasm(e);
    }
  };
  const code: WasmCode = (fp) => {
    if (!store.suspendable) {
      throw throwToWasm(
        new SuspendError(
          'a WebAssembly.Suspending import was called outside WebAssembly.promising, or through JS frames',
        ),
      );
    }
    const savedTop = stackTop();
    setStackTop(fp + frameTop);
    const caller = callContext.caller;
    let ret: unknown;
    try {
      if (!usable)
        throw new TypeError('a host function cannot take or return v128 or exnref values');
      ret = Reflect.apply(callable, undefined, args(fp));
    } catch (e) {
      throw throwToWasm(e);
    } finally {
      setStackTop(savedTop);
      callContext.caller = caller;
    }
    if (!isThenable(ret)) {
      complete(fp, { ok: true, value: ret });
      return undefined;
    }
    throw new Suspension(Promise.resolve(ret), complete, fp, fp + frameTop);
  };
  return newHostFunc(typeId, type, code);
}

/**
 * `WebAssembly.promising(wasmFunc)`: a function running the exported
 * function `wasmFunc` as a suspendable call and returning a promise of its
 * results (rejected with what calling it would throw).
 */
export function promising(wasmFunc: unknown): Function {
  if (typeof wasmFunc !== 'function') {
    throw new TypeError('WebAssembly.promising: Argument 0 must be a function');
  }
  const f = funcOfValue(wasmFunc);
  if (f === null) {
    throw new TypeError(
      'WebAssembly.promising: Argument 0 must be a WebAssembly exported function',
    );
  }
  const { params, results } = f.type;
  const lower = params.map(toWasm);
  const lift = results.map(toJS);
  const run = (...args: unknown[]): Promise<unknown> => {
    let raw: unknown[];
    try {
      if (!compatible(f.type))
        throw new TypeError('the function has a parameter or result of a type JS cannot hold');
      raw = lower.map((conv, i) => conv(args[i]));
    } catch (e) {
      return Promise.reject(e);
    }
    return callFuncAsync(store, f, raw).then(
      (out) => {
        if (lift.length === 0) return undefined;
        if (lift.length === 1) return lift[0]!(out[0]);
        return out.map((v, i) => lift[i]!(v));
      },
      (e: unknown) => throwToJS(e),
    );
  };
  return setNameAndLength(run, '', 1);
}
