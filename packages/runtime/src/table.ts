/**
 * Tables of references, stored sparsely: `elements` holds elements
 * `0 .. elements.length - 1`, and every element from `elements.length` to
 * `size - 1` is `init` (the value the table was created or last grown
 * with). A table of ten million null elements costs nothing until written;
 * the backing array only ever reaches the highest element written. Tables
 * of up to `DENSE_TABLE_ELEMENTS` are kept whole, as a plain array.
 */
import type { TableType, ValType } from '@weft/environ';
import { MAX_TABLE_ELEMENTS, ResourceLimitError } from './limits.js';
import type { Store } from './store.js';

export { MAX_TABLE_ELEMENTS };

/** Tables up to this many elements are stored whole (the sparse form pays off beyond). */
export const DENSE_TABLE_ELEMENTS = 65536;

export class TableInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  /** Elements `0 .. elements.length - 1`; dense (no holes), never longer than `size`. */
  elements: unknown[] = [];
  /** Number of elements. */
  size: number;
  /** The value of every element at or past `elements.length`. */
  init: unknown;
  /** Maximum number of elements (its type's, within the implementation limit). */
  readonly max: number;
  /** Element type, with concrete heap types as global type ids. */
  readonly element: ValType;

  /**
   * Creates a table of its type's minimum size, every element `init`, as
   * the store's limiter allows; throws a `ResourceLimitError` otherwise.
   */
  constructor(
    readonly store: Store,
    readonly type: TableType,
    element: ValType,
    init: unknown,
  ) {
    const min = type.limits.min;
    if (min > MAX_TABLE_ELEMENTS) {
      throw new ResourceLimitError(
        `a table of ${min} elements exceeds the implementation limit of ${MAX_TABLE_ELEMENTS}`,
        'implementation',
      );
    }
    const refusal = store.limiter.tableGrowing(0, min, type.limits.max ?? null);
    if (refusal !== null) throw new ResourceLimitError(refusal.message, refusal.limit);
    this.element = element;
    this.init = init;
    this.size = min;
    this.max = Math.min(type.limits.max ?? Infinity, MAX_TABLE_ELEMENTS);
    store.usage.tableElements += min;
    // Small tables are stored whole: reads then never take the `init` branch.
    if (min <= DENSE_TABLE_ELEMENTS) this.extend(min);
  }

  /** Sets every element to `v` (instantiation: initial values are evaluated after allocation). */
  initialize(v: unknown): void {
    this.init = v;
    this.elements.fill(v);
  }

  /** Element `i` (the caller checks `i < size`). */
  get(i: number): unknown {
    const e = this.elements;
    return i < e.length ? e[i] : this.init;
  }

  /** Sets element `i` (the caller checks `i < size`). */
  set(i: number, v: unknown): void {
    const e = this.elements;
    if (i < e.length) e[i] = v;
    else if (v !== this.init) {
      this.extend(i);
      e.push(v);
    }
  }

  /** Makes `elements` at least `n` long. */
  private extend(n: number): void {
    const e = this.elements;
    const init = this.init;
    while (e.length < n) e.push(init);
  }

  /** Sets `n` elements from `d` to `v` (the caller checks bounds). */
  fill(d: number, v: unknown, n: number): void {
    const e = this.elements;
    const end = d + n;
    if (v === this.init && end >= e.length) {
      // Everything past elements.length already reads as init.
      if (d < e.length) e.length = d;
      return;
    }
    if (end > e.length) this.extend(end);
    e.fill(v, d, end);
  }

  /** Copies `n` elements of `src` from `s` to this table at `d` (bounds checked by the caller). */
  copy(src: TableInstance, d: number, s: number, n: number): void {
    if (n === 0) return;
    if (src === this) {
      const e = this.elements;
      // Elements past the array are all init: only the stored part can differ.
      if (s >= e.length && d >= e.length) return;
      this.extend(Math.max(d, s) + n);
      e.copyWithin(d, s, s + n);
      return;
    }
    if (d > s) for (let i = n - 1; i >= 0; i--) this.set(d + i, src.get(s + i));
    else for (let i = 0; i < n; i++) this.set(d + i, src.get(s + i));
  }

  /** Writes `refs[s .. s + n - 1]` at `d` (bounds checked by the caller). */
  write(d: number, refs: readonly unknown[], s: number, n: number): void {
    for (let i = 0; i < n; i++) this.set(d + i, refs[s + i]);
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1. */
  grow(delta: number, init: unknown): number {
    const old = this.size;
    if (!(delta >= 0) || !Number.isInteger(delta)) return -1;
    if (delta === 0) return old;
    const store = this.store;
    // The limiter is asked first, even past the maximum (as Wasmtime does).
    const refusal = store.limiter.tableGrowing(old, old + delta, this.type.limits.max ?? null);
    if (refusal !== null) {
      store.limitHit = refusal;
      return -1;
    }
    if (old + delta > this.max) {
      return store.growFailed('table', {
        limit: 'maximum',
        message: `a table of ${old + delta} elements exceeds its maximum of ${this.max}`,
      });
    }
    if (
      init !== this.init ||
      (this.elements.length === old && old + delta <= DENSE_TABLE_ELEMENTS)
    ) {
      if (this.elements.length === 0 && old === 0 && old + delta > DENSE_TABLE_ELEMENTS) {
        this.init = init;
      } else {
        this.extend(old);
        const e = this.elements;
        for (let i = 0; i < delta; i++) e.push(init);
      }
    }
    this.size = old + delta;
    store.usage.tableElements += delta;
    return old;
  }

  /** Gives the table's elements back to the store (an instantiation that failed). */
  release(): void {
    this.store.usage.tableElements -= this.size;
    this.size = 0;
    this.elements = [];
  }
}
