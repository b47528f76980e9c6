/** `Global`: a global variable of a store. */
import { GlobalInstance } from '@weft/runtime';
import { Store } from './store.js';
import { GlobalType, ValType } from './types.js';
import { fromRuntime, lowerOrThrow } from './values.js';
import { checkToken, exportName, HANDLE, handleOf, itemName, resolve } from './handles.js';

/** A global variable. */
export class Global {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Global');
  }

  /** @internal */
  static of(store: Store, g: GlobalInstance): Global {
    return handleOf(g, () => new Global(HANDLE, store, g.storeIndex));
  }

  /**
   * Creates a global in `store` holding `value`.
   *
   * @throws {TypeError} if `value` is not a value of the global's type.
   */
  static new(store: Store, type: GlobalType, value: unknown): Global {
    store.inner.checkAlive();
    const raw = lowerOrThrow(store, type.content.code, value, () => 'Global.new: value');
    const g = new GlobalInstance(store.inner, type.content.code, type.mutable);
    g.value = raw;
    store.inner.add(store.inner.globals, g);
    return Global.of(store, g);
  }

  /** @internal */
  inner(store: Store): GlobalInstance {
    return resolve(this.store, store, (s) => s.globals, this.index);
  }

  /** The global's type. */
  type(store: Store): GlobalType {
    const g = this.inner(store);
    return new GlobalType(ValType.of(g.type), g.mutable);
  }

  /** The global's value (see the README's Values for the representation). */
  value(store: Store): unknown {
    const g = this.inner(store);
    return fromRuntime(store, g.type, g.value);
  }

  /**
   * Sets the global's value.
   *
   * @throws {TypeError} if the global is immutable or `value` is not a value
   *   of its type.
   */
  setValue(store: Store, value: unknown): void {
    const g = this.inner(store);
    if (!g.mutable) {
      const name = exportName(store, g);
      throw new TypeError(
        `Global.setValue: ${name === null ? 'the global' : `global '${name}'`} is immutable`,
      );
    }
    g.value = lowerOrThrow(
      store,
      g.type,
      value,
      () => `Global.setValue: value${itemName(store, 'global', g)}`,
    );
  }
}
