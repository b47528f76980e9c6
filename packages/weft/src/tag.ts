/** `Tag`: an exception tag of a store. */
import { type FuncType as FuncTypeCode } from '@weft/environ';
import { TagInstance } from '@weft/runtime';
import { Store } from './store.js';
import { TagType, ValType } from './types.js';
import { checkToken, HANDLE, handleOf, resolve } from './handles.js';

/** An exception tag. */
export class Tag {
  private constructor(
    token: typeof HANDLE,
    /** The store the item belongs to (every method must be given this store). */
    readonly store: Store,
    private readonly index: number,
  ) {
    checkToken(token, 'Tag');
  }

  /** @internal */
  static of(store: Store, t: TagInstance): Tag {
    return handleOf(t, () => new Tag(HANDLE, store, t.storeIndex));
  }

  /** Creates a tag in `store`, for exceptions carrying values of `type.params`. */
  static new(store: Store, type: TagType): Tag {
    store.inner.checkAlive();
    const code: FuncTypeCode = {
      kind: 'func',
      params: type.params.map((t) => t.code),
      results: [],
    };
    const typeId = store.engine.registry.registerFunc(code);
    const t = new TagInstance(store.inner, typeId, code);
    store.inner.add(store.inner.tags, t);
    return Tag.of(store, t);
  }

  /** @internal */
  inner(store: Store): TagInstance {
    return resolve(this.store, store, (s) => s.tags, this.index);
  }

  /** The tag's type. */
  type(store: Store): TagType {
    return new TagType(this.inner(store).type.params.map((t) => ValType.of(t)));
  }
}
