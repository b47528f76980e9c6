/** Tables of references. */
import type { TableType, ValType } from '@weft/environ';
import type { Store } from './store.js';

/** Largest number of elements a table may hold (an implementation limit). */
export const MAX_TABLE_ELEMENTS = 10_000_000;

export class TableInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  elements: unknown[];
  /** Maximum number of elements. */
  readonly max: number;
  /** Element type, with concrete heap types as global type ids. */
  readonly element: ValType;

  constructor(
    readonly store: Store,
    readonly type: TableType,
    element: ValType,
    init: unknown,
  ) {
    if (type.limits.min > MAX_TABLE_ELEMENTS) {
      throw new RangeError(`table of ${type.limits.min} elements exceeds the limit`);
    }
    this.element = element;
    this.elements = new Array<unknown>(type.limits.min).fill(init);
    this.max = Math.min(type.limits.max ?? Infinity, MAX_TABLE_ELEMENTS);
  }

  get size(): number {
    return this.elements.length;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1. */
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    if (delta < 0 || old + delta > this.max) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
