/**
 * What every handle shares: a handle is its store plus an index into the
 * store's list of that kind; every method takes the store explicitly and
 * checks it (`resolve`). One handle per runtime item, no public
 * constructors, and how messages name functions, tables and globals.
 */
import {
  FuncInstance,
  StoreError,
  type InstanceHandle,
  type Store as RuntimeStore,
  type StoreItem,
} from '@weft/runtime';
import { Store } from './store.js';
import { describeValue } from './values.js';

/** Resolves a handle: checks the store is alive and the handle belongs to it. */
export function resolve<T extends StoreItem>(
  handleStore: Store,
  store: Store,
  list: (s: RuntimeStore) => T[],
  index: number,
): T {
  checkStore(handleStore, store);
  store.inner.checkAlive();
  const item = list(store.inner)[index];
  if (item === undefined) throw new StoreError('item no longer exists in its store');
  return item;
}

/** Throws unless `store` is `handleStore`, the store an item belongs to. */
export function checkStore(handleStore: Store, store: Store): void {
  if (store === handleStore) return;
  if (!(store instanceof Store))
    throw new TypeError(
      `the first argument must be the Store the item belongs to, got ${describeValue(store)}`,
    );
  throw new StoreError('item used with a store it does not belong to');
}

/** Proves a handle is made by this module: handles have no public constructor. */
export const HANDLE: unique symbol = Symbol('weft handle');

/** How to get each kind of handle, for the error of calling its constructor. */
const HOW_TO_GET = {
  Func: 'use Func.new(store, type, fn), or instance.getFunc(store, name)',
  Memory: 'use Memory.new(store, type), or instance.getMemory(store, name)',
  Table: 'use Table.new(store, type, init), or instance.getTable(store, name)',
  Global: 'use Global.new(store, type, value), or instance.getGlobal(store, name)',
  Tag: 'use Tag.new(store, type), or instance.getTag(store, name)',
} as const;

export function checkToken(token: unknown, kind: keyof typeof HOW_TO_GET): void {
  if (token !== HANDLE)
    throw new TypeError(`${kind} has no public constructor: ${HOW_TO_GET[kind]}`);
}

/** The store's list of functions (a constant: `Func.inner` is on every call's path). */
export const FUNCS = (s: RuntimeStore): FuncInstance[] => s.funcs;

const handles = new WeakMap<object, object>();

/** One handle per runtime item, so handles compare with `===`. */
export function handleOf<H extends object>(item: object, make: () => H): H {
  let h = handles.get(item) as H | undefined;
  if (h === undefined) {
    h = make();
    handles.set(item, h);
  }
  return h;
}

/** Names of host functions: the Linker definition that made or first defined them. */
export const hostNames = new WeakMap<FuncInstance, string>();

/** The name an export of some instance of `store` gives `item`, or null. */
export function exportName(
  store: Store,
  item: object,
  first: InstanceHandle | null = null,
): string | null {
  for (const instance of first === null
    ? store.inner.instances
    : [first, ...store.inner.instances]) {
    for (const [name, x] of instance.exports) if (x === item) return name;
  }
  return null;
}

/**
 * How messages name a function: `host function 'env.log'`, or a wasm
 * function's export name, its name-section name or its index.
 */
export function funcName(store: Store, f: FuncInstance): string {
  if (f.instance === null) {
    const name = hostNames.get(f);
    return name === undefined ? 'a host function' : `host function '${name}'`;
  }
  const exported = exportName(store, f, f.instance);
  if (exported !== null) return `'${exported}'`;
  const named = f.instance?.functionName(f.index) ?? null;
  return named !== null ? `'${named}'` : `<wasm function ${f.index}>`;
}

/** How messages name a table or global: ` for table 't'`, or nothing if it has no export name. */
export function itemName(store: Store, kind: string, item: object): string {
  const name = exportName(store, item);
  return name === null ? '' : ` for ${kind} '${name}'`;
}
