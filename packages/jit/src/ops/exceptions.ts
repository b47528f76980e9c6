/** Exception handling: `throw`, `throw_ref` and `try_table`. */
import {
  readSlot,
  REFS,
  TrapCode,
  WasmException,
  writeSlot,
  type Frame,
  type Store,
  type TagInstance,
} from '@weft/runtime';
import type { ValType } from '@weft/environ';
import type { RefExpr, Stmt } from '../compiler/types.js';
import { trap } from './trap.js';

/** `throw`: the payload is in slots `base ..` of the frame. */
export function throwTag(tag: TagInstance, base: number, types: readonly ValType[]): Stmt {
  return (fp) => {
    const values = new Array<unknown>(types.length);
    for (let i = 0; i < types.length; i++) values[i] = readSlot(fp + base + i, types[i]!);
    throw new WasmException(tag, values);
  };
}

export function throwRef(ref: RefExpr, site: Frame): Stmt {
  return (fp) => {
    const e = ref(fp);
    if (e === null) trap(TrapCode.NullReference, site);
    throw e;
  };
}

/** A catch clause of `try_table`, resolved at compile time. */
export interface Handler {
  /** The tag caught, or null for `catch_all`. */
  readonly tag: TagInstance | null;
  /** Whether the exception reference is delivered too (`catch_ref`, `catch_all_ref`). */
  readonly withRef: boolean;
  /** Label slot where the payload goes. */
  readonly slot: number;
  readonly types: readonly ValType[];
  /** Branch code of the label. */
  readonly code: number;
}

/**
 * Delivers `e` to the first of `handlers` that catches it: writes its
 * payload (and reference) to the clause's label slots, restores the call
 * depth the try had, and returns the clause's branch code. Returns 0 if no
 * clause catches it. Traps and host errors are never caught.
 */
export function deliver(
  handlers: readonly Handler[],
  e: unknown,
  fp: number,
  store: Store,
  depth: number,
): number {
  if (!(e instanceof WasmException)) return 0;
  for (const h of handlers) {
    if (h.tag !== null && h.tag !== e.tag) continue;
    store.depth = depth;
    const n = h.types.length - (h.withRef ? 1 : 0);
    for (let i = 0; i < n; i++) writeSlot(fp + h.slot + i, h.types[i]!, e.values[i]);
    if (h.withRef) REFS[fp + h.slot + n] = e;
    return h.code;
  }
  return 0;
}

/**
 * `try_table`: runs the body; a wasm exception matching a handler is
 * delivered to its label.
 */
export function tryTable(
  body: Stmt,
  code: number,
  handlers: readonly Handler[],
  store: Store,
): Stmt {
  return (fp) => {
    const depth = store.depth;
    let c: number;
    try {
      c = body(fp);
    } catch (e) {
      const to = deliver(handlers, e, fp, store, depth);
      if (to === 0) throw e;
      return to;
    }
    return c === code ? 0 : c;
  };
}
