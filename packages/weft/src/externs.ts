/** `Extern`: any handle a module imports or exports, and converting handles to and from runtime items. */
import {
  FuncInstance,
  GlobalInstance,
  MemoryInstance,
  TableInstance,
  TagInstance,
} from '@weft/runtime';
import { SharedMemory } from './shared-memory.js';
import { Store } from './store.js';
import { Func } from './func.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Global } from './global.js';
import { Tag } from './tag.js';

/**
 * Anything that can be imported or exported. A `SharedMemory` can be
 * imported (defined in a linker, given to `new Instance`); exported shared
 * memories come back as `Memory` handles of their store, and
 * `Instance.getSharedMemory` gives the `SharedMemory`.
 */
export type Extern = Func | Memory | Table | Global | Tag | SharedMemory;

/** @internal The handle for a runtime item. */
export function externOf(store: Store, item: unknown): Extern {
  if (item instanceof FuncInstance) return Func.of(store, item);
  if (item instanceof MemoryInstance) return Memory.of(store, item);
  if (item instanceof TableInstance) return Table.of(store, item);
  if (item instanceof GlobalInstance) return Global.of(store, item);
  if (item instanceof TagInstance) return Tag.of(store, item);
  throw new TypeError('not an extern');
}

/** Whether `v` is an extern handle (a Func, Memory, Table, Global or Tag). */
export function isExtern(v: unknown): v is Extern {
  return (
    v instanceof Func ||
    v instanceof Memory ||
    v instanceof Table ||
    v instanceof Global ||
    v instanceof Tag ||
    v instanceof SharedMemory
  );
}

/** @internal The runtime item of a handle. */
export function runtimeOf(
  store: Store,
  e: Extern,
): FuncInstance | MemoryInstance | TableInstance | GlobalInstance | TagInstance {
  return e.inner(store);
}
