/**
 * Exported functions (wasm functions as JS functions) and host functions
 * (JS callables as wasm functions), built directly on the runtime's frame
 * ABI: arguments are converted straight into stack slots by per-parameter
 * writers made once per function, results read straight out of them.
 */
import { F32, F64, I32, I64, type FuncType, type ValType } from '@weft/environ';
import {
  F64_SLOTS,
  FuncInstance,
  HI32_SLOTS,
  I32_SLOTS,
  i64FromHalves,
  i64High,
  i64Low,
  normalizeFault,
  REF_SLOTS,
  setStackTop,
  stack,
  STACK_SLOTS,
  Trap,
  TrapCode,
  type WasmCode,
} from '@weft/runtime';
import { classify } from '@weft/jit';
import { sequence, throwToJS, throwToWasm } from './exception.js';
import { numericExported, numericHostCode } from './numeric-calls.js';
import { release, store } from './realm.js';
import { jsCompatible, toJS, toWasm, type ToJS } from './values.js';
import { setNameAndLength } from './webidl.js';

// A module-local alias of the stack top's cell: faster than an imported binding.
const S = stack;

/** Writes a JS value, converted, into a stack slot. */
type Writer = (slot: number, v: unknown) => void;
/** Reads a stack slot as a JS value. */
type Reader = (slot: number) => unknown;

function writer(t: ValType): Writer {
  switch (t) {
    case I32:
      return (s, v) => {
        I32_SLOTS[s] = (v as number) | 0;
      };
    case I64: {
      const conv = toWasm(t);
      return (s, v) => {
        const b = conv(v) as bigint;
        I32_SLOTS[s] = i64Low(b);
        HI32_SLOTS[s] = i64High(b);
      };
    }
    case F32:
      return (s, v) => {
        F64_SLOTS[s] = Math.fround(+(v as number));
      };
    case F64:
      return (s, v) => {
        F64_SLOTS[s] = +(v as number);
      };
  }
  const conv = toWasm(t);
  return (s, v) => {
    REF_SLOTS[s] = conv(v);
  };
}

function reader(t: ValType): Reader {
  switch (t) {
    case I32:
      return (s) => I32_SLOTS[s];
    case I64:
      return (s) => i64FromHalves(I32_SLOTS[s]!, HI32_SLOTS[s]!);
    case F32:
    case F64:
      return (s) => F64_SLOTS[s];
  }
  const lift: ToJS = toJS(t);
  return (s) => {
    const v = REF_SLOTS[s];
    REF_SLOTS[s] = null;
    return lift(v);
  };
}

const exported = new WeakMap<FuncInstance, Function>();
const funcs = new WeakMap<object, FuncInstance>();

/** The function instance an exported function stands for, or null for any other value. */
export function funcOfValue(v: unknown): FuncInstance | null {
  return typeof v === 'function' ? (funcs.get(v) ?? null) : null;
}

function stackOverflow(): never {
  throw new RangeError('Maximum call stack size exceeded');
}

/** The exported function of `f` (one per function instance, so identity holds). */
export function exportedFunction(f: FuncInstance, index = f.index): Function {
  let fn = exported.get(f);
  if (fn === undefined) {
    fn = makeExported(f, index);
    exported.set(f, fn);
    funcs.set(fn, f);
  }
  return fn;
}

/**
 * Runs `f` with its arguments in place at `fp`, as a synchronous call (it
 * cannot suspend: a `Suspending` import it reaches throws a
 * `SuspendError`); restores the boundary however it ends. The numeric fast
 * path (numeric-calls.ts) writes this out; both end a failed call with
 * `callFailed`.
 */
export function run(f: FuncInstance, fp: number): void {
  const s = store;
  const depth = s.depth;
  const suspendable = s.suspendable;
  if (suspendable) s.suspendable = false;
  try {
    // runChain written out: this is on every call's path.
    let next = f.code(fp);
    while (next !== undefined) next = next.code(fp);
  } catch (e) {
    callFailed(fp, depth, suspendable, e);
  }
  // A call that returned left the depth as it found it (each entry undoes its own).
  if (suspendable) s.suspendable = true;
  S.top = fp;
}

/**
 * Ends a call from JS, entered at `fp`, that threw `e`: the one place that
 * restores the store (call depth, whether code may suspend) and the stack
 * top after a trap or an exception, then throws what JS sees.
 */
export function callFailed(fp: number, depth: number, suspendable: boolean, e: unknown): never {
  store.depth = depth;
  store.suspendable = suspendable;
  S.top = fp;
  throwToJS(normalizeFault(e, classify));
}

function makeExported(f: FuncInstance, index: number): Function {
  const { params, results } = f.type;
  const name = String(index);
  const np = params.length;
  const nr = results.length;
  if (!params.every(jsCompatible) || !results.every(jsCompatible)) {
    return setNameAndLength(
      () => {
        throw new TypeError(`function ${name} has a parameter or result of a type JS cannot hold`);
      },
      name,
      np,
    );
  }
  const numeric = numericExported(f);
  if (numeric !== null) return setNameAndLength(numeric, name, np);
  const frame = Math.max(np, nr, 1);
  const w = params.map(writer);
  const r = results.map(reader);
  /** Results at `fp` as JS: undefined, the value, or an array. */
  const out: (fp: number) => unknown =
    nr === 0
      ? () => undefined
      : nr === 1
        ? r[0]!
        : (fp) => {
            const a = new Array<unknown>(nr).fill(undefined);
            for (let i = 0; i < nr; i++) a[i] = r[i]!(fp + i);
            return a;
          };
  // The frame is reserved before arguments are converted: a conversion may
  // call JS that calls wasm, which then runs above it.
  const enter = (): number => {
    const fp = S.top;
    if (fp + frame >= STACK_SLOTS) stackOverflow();
    S.top = fp + frame;
    return fp;
  };
  let fn: Function;
  switch (np) {
    case 0:
      fn = () => {
        const fp = enter();
        run(f, fp);
        return out(fp);
      };
      break;
    case 1: {
      const w0 = w[0]!;
      fn = (a: unknown) => {
        const fp = enter();
        try {
          w0(fp, a);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        run(f, fp);
        return out(fp);
      };
      break;
    }
    case 2: {
      const w0 = w[0]!;
      const w1 = w[1]!;
      fn = (a: unknown, b: unknown) => {
        const fp = enter();
        try {
          w0(fp, a);
          w1(fp + 1, b);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        run(f, fp);
        return out(fp);
      };
      break;
    }
    case 3: {
      const w0 = w[0]!;
      const w1 = w[1]!;
      const w2 = w[2]!;
      fn = (a: unknown, b: unknown, c: unknown) => {
        const fp = enter();
        try {
          w0(fp, a);
          w1(fp + 1, b);
          w2(fp + 2, c);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        run(f, fp);
        return out(fp);
      };
      break;
    }
    default:
      fn = (...args: unknown[]) => {
        const fp = enter();
        try {
          for (let i = 0; i < np; i++) w[i]!(fp + i, args[i]);
        } catch (e) {
          setStackTop(fp);
          throw e;
        }
        run(f, fp);
        return out(fp);
      };
  }
  return setNameAndLength(fn, name, np);
}

/**
 * A host function of type `type` (global ids) calling `callable` with
 * `undefined` as `this`. Results: none, one value, or an iterable of as
 * many values as the type has results. Anything the callable throws
 * unwinds the wasm frames as a JS exception wasm can catch (`catch_all`,
 * or the JS tag); a `WebAssembly.Exception` as its wasm exception.
 */
export function hostFunction(typeId: number, type: FuncType, callable: Function): FuncInstance {
  const code = numericHostCode(type, callable) ?? hostCode(type, hostCall(type, callable));
  return newHostFunc(typeId, type, code);
}

/**
 * The code of a host function that runs `call` at its frame: the frame
 * stays reserved while the host runs (it may call wasm), and whatever
 * `call` throws unwinds the wasm frames as a JS exception. (The caller
 * context is not restored: no JS API host function reads it, and every
 * call of compiled code sets it before calling.) The numeric fast path
 * (numeric-calls.ts) writes this out; both end a failed call with
 * `hostFailed`.
 */
function hostCode(type: FuncType, call: (fp: number) => void): WasmCode {
  const frameTop = Math.max(type.params.length, type.results.length);
  return (fp) => {
    const savedTop = S.top;
    S.top = fp + frameTop;
    try {
      call(fp);
    } catch (e) {
      hostFailed(savedTop, e);
    }
    S.top = savedTop;
    return undefined;
  };
}

/**
 * Ends a host function's call that threw `e`: gives the host frame back
 * (the stack top as it was, `savedTop`) and throws `e` as it unwinds the
 * wasm frames. The one place of this for every host function of the JS API.
 */
export function hostFailed(savedTop: number, e: unknown): never {
  S.top = savedTop;
  throw throwToWasm(e);
}

/** Registers a host function's code in the realm's store. */
export function newHostFunc(typeId: number, type: FuncType, code: WasmCode): FuncInstance {
  const f = new FuncInstance(store, typeId, type, null, -1, code, hostMarker);
  store.add(store.funcs, f);
  release();
  return f;
}

/** The arguments at `fp` of a host function of `type`, as JS values. */
export function hostArguments(type: FuncType): (fp: number) => unknown[] {
  const r = type.params.map(reader);
  const np = r.length;
  return (fp) => {
    const args = new Array<unknown>(np);
    for (let i = 0; i < np; i++) args[i] = r[i]!(fp + i);
    return args;
  };
}

/**
 * Writes what a host function of `type` returned as its results at `fp`:
 * none, one value, or an iterable of as many values as it has results.
 */
export function hostResults(type: FuncType): (fp: number, ret: unknown) => void {
  const w = type.results.map(writer);
  const nr = w.length;
  return (fp, ret) => {
    if (nr === 0) return;
    if (nr === 1) {
      w[0]!(fp, ret);
      return;
    }
    const values = iterableToList(ret);
    if (values.length !== nr) {
      throw new TypeError(`expected ${nr} results from the host function, got ${values.length}`);
    }
    for (let i = 0; i < nr; i++) w[i]!(fp + i, values[i]);
  };
}

/** Calls `callable` with the arguments at `fp` and writes its results there. */
function hostCall(type: FuncType, callable: Function): (fp: number) => void {
  const { params, results } = type;
  const np = params.length;
  const nr = results.length;
  const r = params.map(reader);
  const args = hostArguments(type);
  const write = hostResults(type);
  return !compatible(type)
    ? () => {
        throw new TypeError('a host function cannot take or return v128 or exnref values');
      }
    : nr === 0
      ? np === 0
        ? () => void callable()
        : np === 1
          ? (fp) => void callable(r[0]!(fp))
          : (fp) => void Reflect.apply(callable, undefined, args(fp))
      : (fp) => write(fp, Reflect.apply(callable, undefined, args(fp)));
}

/** Whether JS can pass and receive every parameter and result of `type`. */
export function compatible(type: FuncType): boolean {
  return type.params.every(jsCompatible) && type.results.every(jsCompatible);
}

/** Marks host functions (the runtime's `host` field; never called). */
const hostMarker = (): unknown[] => {
  throw new Trap(TrapCode.UnreachableCodeReached);
};

function iterableToList(v: unknown): unknown[] {
  return sequence(v, 'the results of a host function');
}
