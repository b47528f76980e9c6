/**
 * The GC proposal's JS interaction: structs and arrays created by wasm
 * reach JS as opaque objects. Each is a frozen-shaped exotic object (a
 * Proxy over an empty, non-extensible, null-prototype target): no
 * properties, null prototype, not extensible, and every attempt to change
 * it is a TypeError. One wrapper per wasm object, so identity holds.
 */
import { WasmArray, WasmStruct } from '@weft/runtime';

const wrappers = new WeakMap<object, object>();
const objects = new WeakMap<object, WasmStruct | WasmArray>();

function refuse(): never {
  throw new TypeError('WebAssembly GC objects are immutable from JS');
}

const handler: ProxyHandler<object> = {
  get: () => undefined,
  set: refuse,
  has: () => false,
  deleteProperty: refuse,
  defineProperty: refuse,
  getOwnPropertyDescriptor: () => undefined,
  ownKeys: () => [],
  getPrototypeOf: () => null,
  setPrototypeOf: refuse,
  isExtensible: () => false,
  preventExtensions: () => false,
};

/** The JS object for a wasm struct or array. */
export function wrapGC(o: WasmStruct | WasmArray): object {
  let w = wrappers.get(o);
  if (w === undefined) {
    w = new Proxy(Object.preventExtensions(Object.create(null) as object), handler);
    wrappers.set(o, w);
    objects.set(w, o);
  }
  return w;
}

/** The wasm struct or array a JS value stands for, or the value itself. */
export function unwrapGC(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  return objects.get(v) ?? v;
}

/** Whether `v` is a runtime struct or array. */
export function isGC(v: unknown): v is WasmStruct | WasmArray {
  return v instanceof WasmStruct || v instanceof WasmArray;
}
