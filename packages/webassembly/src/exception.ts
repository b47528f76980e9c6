/**
 * `WebAssembly.Tag`, `WebAssembly.Exception` and `WebAssembly.JSTag`, and
 * how exceptions cross the boundary between JS and wasm:
 *
 * - a wasm exception reaching JS becomes its `WebAssembly.Exception` (one
 *   object per exception, so rethrowing keeps identity), except one thrown
 *   with the JS tag, which is its payload, the JS value;
 * - anything JS throws into wasm becomes a wasm exception with the JS tag
 *   (catchable by `catch_all` and `catch $jstag`), except a
 *   `WebAssembly.Exception`, which is its wasm exception.
 */
import { EXTERNREF, type FuncType } from '@weft/environ';
import { TagInstance, Trap, WasmException } from '@weft/runtime';
import { runtimeErrorOf } from './errors.js';
import { release, registry, store } from './realm.js';
import { parseValueType } from './types.js';
import { toJS, toWasm } from './values.js';
import {
  dictionary,
  enforceRange,
  isObjectLike,
  Slots,
  toStringTag,
  webidlMembers,
} from './webidl.js';

export const tagSlots = new Slots<TagInstance>('Tag');
const tagObjects = new WeakMap<TagInstance, object>();

/** The `WebAssembly.Tag` of a tag instance (one per instance). */
export function tagObject(t: TagInstance): object {
  let o = tagObjects.get(t);
  if (o === undefined) {
    o = Object.create(Tag.prototype) as object;
    tagSlots.set(o, t);
    tagObjects.set(t, o);
  }
  return o;
}

function newTag(params: readonly number[]): TagInstance {
  const type: FuncType = { kind: 'func', params, results: [] };
  const t = new TagInstance(store, registry.registerFunc(type), type);
  store.add(store.tags, t);
  release();
  return t;
}

/** `WebAssembly.Tag`. */
export class Tag {
  constructor(type: unknown) {
    const d = dictionary(type, 'WebAssembly.Tag: the type');
    const parameters = d['parameters'];
    if (parameters === undefined) throw new TypeError('WebAssembly.Tag: parameters is required');
    const list = sequence(parameters, 'WebAssembly.Tag: parameters');
    const params = list.map((p) => parseValueType(p, 'WebAssembly.Tag'));
    const t = newTag(params);
    tagSlots.set(this, t);
    tagObjects.set(t, this);
  }
}
toStringTag(Tag.prototype, 'WebAssembly.Tag');

/** The JS tag: the tag of JS exceptions inside wasm, payload an externref. */
export const jsTagInstance = newTag([EXTERNREF]);
export const JSTag = tagObject(jsTagInstance);

const exceptionSlots = new Slots<WasmException>('Exception');
const exceptionObjects = new WeakMap<WasmException, object>();

/** The `WebAssembly.Exception` of a wasm exception (one per exception). */
export function exceptionObject(e: WasmException): object {
  let o = exceptionObjects.get(e);
  if (o === undefined) {
    o = Object.create(Exception.prototype) as object;
    exceptionSlots.set(o, e);
    exceptionObjects.set(e, o);
  }
  return o;
}

/** `WebAssembly.Exception`. */
export class Exception {
  constructor(exceptionTag: unknown, payload: unknown, ...rest: unknown[]) {
    const tag = tagSlots.get(exceptionTag, 'WebAssembly.Exception');
    const values = sequence(payload, 'WebAssembly.Exception: payload');
    const options = dictionary(rest[0], 'WebAssembly.Exception: options');
    const traceStack = Boolean(options['traceStack']);
    if (tag === jsTagInstance) {
      throw new TypeError('WebAssembly.Exception: the JS tag cannot be used to create exceptions');
    }
    const params = tag.type.params;
    if (values.length !== params.length) {
      throw new TypeError(
        `WebAssembly.Exception: the tag takes ${params.length} values, got ${values.length}`,
      );
    }
    const raw = values.map((v, i) => toWasm(params[i]!)(v));
    const e = new WasmException(tag, raw);
    exceptionSlots.set(this, e);
    exceptionObjects.set(e, this);
    if (traceStack) {
      const stack = new Error().stack;
      Object.defineProperty(this, 'stack', {
        value: typeof stack === 'string' ? stack.replace(/^Error\n/, '') : undefined,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  }

  getArg(exceptionTag: unknown, index: unknown): unknown {
    const e = exceptionSlots.get(this, 'WebAssembly.Exception.getArg');
    const tag = tagSlots.get(exceptionTag, 'WebAssembly.Exception.getArg');
    const i = enforceRange(index, 'WebAssembly.Exception.getArg: index');
    if (e.tag !== tag) throw new TypeError('WebAssembly.Exception.getArg: tag mismatch');
    if (i >= e.values.length) {
      throw new RangeError(`WebAssembly.Exception.getArg: index ${i} out of range`);
    }
    return toJS(tag.type.params[i]!)(e.values[i]);
  }

  is(exceptionTag: unknown): boolean {
    const e = exceptionSlots.get(this, 'WebAssembly.Exception.is');
    return e.tag === tagSlots.get(exceptionTag, 'WebAssembly.Exception.is');
  }
}
webidlMembers(Exception.prototype, ['getArg', 'is']);
toStringTag(Exception.prototype, 'WebAssembly.Exception');

/** WebIDL `sequence<T>` from an iterable (the iterator protocol, step by step). */
export function sequence(v: unknown, what: string): unknown[] {
  if (!isObjectLike(v)) throw new TypeError(`${what} must be an iterable object`);
  const method = (v as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what} must be an iterable object`);
  const iterator = method.call(v) as { next?: unknown };
  if (!isObjectLike(iterator)) throw new TypeError(`${what}: the iterator is not an object`);
  const next = iterator.next;
  const out: unknown[] = [];
  for (;;) {
    const step = (next as Function).call(iterator) as { done?: unknown; value?: unknown };
    if (!isObjectLike(step)) throw new TypeError(`${what}: the iterator result is not an object`);
    if (step.done) return out;
    out.push(step.value);
  }
}

/** Throws what wasm's fault `e` (already through the trap boundary) is in JS. */
export function throwToJS(e: unknown): never {
  if (e instanceof Trap) throw runtimeErrorOf(e);
  if (e instanceof WasmException) {
    if (e.tag === jsTagInstance) throw toJS(EXTERNREF)(e.values[0]);
    throw exceptionObject(e);
  }
  throw e;
}

/** What a JS exception `e` is when it unwinds wasm frames. */
export function throwToWasm(e: unknown): unknown {
  if (e instanceof WasmException || e instanceof Trap) return e;
  if (isObjectLike(e) && exceptionSlots.has(e)) return exceptionSlots.get(e, '');
  return new WasmException(jsTagInstance, [toWasm(EXTERNREF)(e)]);
}
