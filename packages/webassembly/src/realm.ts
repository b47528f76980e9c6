/**
 * The realm's engine state: one type registry and one runtime store for
 * every module, instance and item the JS API creates in this realm, so
 * that anything can be imported anywhere, as with the native API.
 *
 * The store's lists of items are emptied after every creation: the JS API
 * has no store to dispose, so items live exactly as long as JS (or wasm
 * reachable from JS) references them, and are collected like any object.
 * Compiled code reaches items through their instances, never through
 * these lists.
 */
import { classify } from '@weft/jit';
import { Store, TypeRegistry } from '@weft/runtime';

export const registry = new TypeRegistry();
export const store = new Store(registry, classify);

/** Drops the store's references to what was just created (see above). */
export function release(): void {
  store.instances.length = 0;
  store.funcs.length = 0;
  store.memories.length = 0;
  store.tables.length = 0;
  store.globals.length = 0;
  store.tags.length = 0;
}
