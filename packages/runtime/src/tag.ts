/** Exception tags and exception values (exnref). */
import type { FuncType } from '@weft/environ';
import type { Store } from './store.js';

export class TagInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  constructor(
    readonly store: Store,
    /** Global type id of the tag's function type. */
    readonly typeId: number,
    readonly type: FuncType,
  ) {}
}

/**
 * A WebAssembly exception. `throw` raises it as a JS exception; `try_table`
 * catches it by tag; `throw_ref` rethrows it. Escaping to the embedder, it
 * is neither a trap nor a host error.
 */
export class WasmException {
  constructor(
    /** The exception's tag, as the runtime represents it. */
    readonly tag: TagInstance,
    /** Payload in the runtime representation (i64 as bigint, v128 as V128). */
    readonly values: unknown[],
  ) {}
}
