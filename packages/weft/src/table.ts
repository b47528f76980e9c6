/** `Table`: a table of references of a store. */
import { isRef } from '@weft/environ';
import { TableInstance } from '@weft/runtime';
import { Store } from './store.js';
import { TableType, ValType } from './types.js';
import { fromRuntime, lowerOrThrow } from './values.js';
import { checkToken, HANDLE, handleOf, itemName, resolve } from './handles.js';

/** A table of references. */
export class Table {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Table');
  }

  /** @internal */
  static of(store: Store, t: TableInstance): Table {
    return handleOf(t, () => new Table(HANDLE, store, t.storeIndex));
  }

  /**
   * Creates a table in `store` with every element set to `init`.
   *
   * @throws {TypeError} if the element type is not a reference type or
   *   `init` is not a value of it.
   * @throws {ResourceLimitError} if the store's limits refuse the table.
   */
  static new(store: Store, type: TableType, init: unknown = null): Table {
    store.inner.checkAlive();
    const element = type.element.code;
    if (!isRef(element))
      throw new TypeError(`Table.new: a table holds references, not ${type.element}`);
    const value = lowerOrThrow(store, element, init, () => 'Table.new: init value');
    store.inner.checkCounts(0, 1, 0);
    // Checked by the store's limits: a ResourceLimitError names the one exceeded.
    const t = new TableInstance(
      store.inner,
      { element, limits: type.limits, is64: type.is64 },
      element,
      value,
    );
    store.inner.add(store.inner.tables, t);
    return Table.of(store, t);
  }

  /** @internal */
  inner(store: Store): TableInstance {
    return resolve(this.store, store, (s) => s.tables, this.index);
  }

  /** The table's type; `minimum` is its current size. */
  type(store: Store): TableType {
    const t = this.inner(store);
    return new TableType(ValType.of(t.element), t.size, t.type.limits.max, t.type.is64);
  }

  /** The number of elements. */
  size(store: Store): number {
    return this.inner(store).size;
  }

  /**
   * The element at `index` (see the README's Values for the representation).
   *
   * @throws {RangeError} if `index` is out of bounds.
   */
  get(store: Store, index: number): unknown {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    return fromRuntime(store, t.element, t.get(index));
  }

  /**
   * Sets the element at `index`.
   *
   * @throws {RangeError} if `index` is out of bounds.
   * @throws {TypeError} if `value` is not a value of the element type.
   */
  set(store: Store, index: number, value: unknown): void {
    const t = this.inner(store);
    if (index < 0 || index >= t.size) throw new RangeError(`table index ${index} out of bounds`);
    t.set(
      index,
      lowerOrThrow(store, t.element, value, () => `Table.set: value${itemName(store, 'table', t)}`),
    );
  }

  /**
   * Grows by `delta` elements set to `init`; returns the previous size.
   *
   * @throws {RangeError} if the table cannot grow (its maximum, the store's
   *   limits or limiter).
   */
  grow(store: Store, delta: number, init: unknown = null): number {
    const t = this.inner(store);
    const value = lowerOrThrow(
      store,
      t.element,
      init,
      () => `Table.grow: init value${itemName(store, 'table', t)}`,
    );
    const hit = store.inner.limitHit;
    store.inner.limitHit = null;
    const old = t.grow(delta, value);
    const why = store.inner.limitHit as { message: string } | null;
    if (why === null) store.inner.limitHit = hit;
    if (old < 0) {
      throw new RangeError(
        `failed to grow table by ${delta}${why === null ? '' : `: ${why.message}`}`,
      );
    }
    return old;
  }
}
