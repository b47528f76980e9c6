/** Exception handling: `throw`, `throw_ref` and `try_table`. */
import {
  readSlot,
  REF_SLOTS,
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
 * An exception that a legacy `try ... delegate l` rethrows in the block of
 * label l (at `depth` in its function, the function being 0): handlers
 * nested deeper than that block let it pass; the first one at that depth or
 * outside it handles `exn` as thrown there. It never leaves its function
 * (see `undelegate`).
 */
export class Delegated {
  constructor(
    readonly exn: WasmException,
    readonly depth: number,
  ) {}
}

/**
 * The wasm exception a handler at `depth` sees in `e`, or null if it must
 * let `e` pass: not a wasm exception, or delegated to a block outside it.
 */
export function caught(e: unknown, depth: number): WasmException | null {
  if (e instanceof WasmException) return e;
  if (e instanceof Delegated && e.depth >= depth) return e.exn;
  return null;
}

/** Wraps a function's body so that a delegated exception leaves it as the exception it carries. */
export function undelegate(body: Stmt): Stmt {
  return (fp) => {
    try {
      return body(fp);
    } catch (e) {
      throw e instanceof Delegated ? e.exn : e;
    }
  };
}

/** `undelegate` for the resumable runner of a flat body. */
export function undelegateRun<A extends unknown[]>(
  run: (...args: A) => number,
): (...args: A) => number {
  return (...args) => {
    try {
      return run(...args);
    } catch (e) {
      throw e instanceof Delegated ? e.exn : e;
    }
  };
}

/** `rethrow`: throws again the exception a legacy clause caught into `slot`. */
export function rethrow(slot: number): Stmt {
  return (fp) => {
    throw REF_SLOTS[fp + slot];
  };
}

/** A legacy `catch` or `catch_all` clause, resolved at compile time. */
export interface LegacyHandler {
  /** The tag caught, or null for `catch_all`. */
  readonly tag: TagInstance | null;
  /** The clause's statements (structured code). */
  readonly body: Stmt;
}

/**
 * Enters legacy clause `h` (or returns false if it does not catch `exn`):
 * the payload goes to the try's label slots, the exception to `exnSlot`.
 */
export function enterClause(
  tag: TagInstance | null,
  exn: WasmException,
  fp: number,
  slot: number,
  exnSlot: number,
): boolean {
  if (tag !== null) {
    if (tag !== exn.tag) return false;
    const types = tag.type.params;
    for (let i = 0; i < types.length; i++) writeSlot(fp + slot + i, types[i]!, exn.values[i]);
  }
  REF_SLOTS[fp + exnSlot] = exn;
  return true;
}

/**
 * A legacy `try` with clauses, or delegating (`delegateDepth` >= 0): runs
 * the body; a wasm exception thrown in it (or delegated to this block) runs
 * the first clause that catches it, or is delegated onwards.
 */
export function legacyTry(
  body: Stmt,
  code: number,
  depth: number,
  handlers: readonly LegacyHandler[],
  slot: number,
  exnSlot: number,
  delegateDepth: number,
  store: Store,
): Stmt {
  return (fp) => {
    const saved = store.depth;
    let c: number;
    try {
      c = body(fp);
    } catch (e) {
      const exn = caught(e, depth);
      if (exn === null) throw e;
      if (delegateDepth >= 0) throw new Delegated(exn, delegateDepth);
      let h: LegacyHandler | undefined;
      for (const candidate of handlers) {
        if (enterClause(candidate.tag, exn, fp, slot, exnSlot)) {
          h = candidate;
          break;
        }
      }
      if (h === undefined) throw exn;
      store.depth = saved;
      c = h.body(fp);
    }
    return c === code ? 0 : c;
  };
}

/**
 * Delivers `e` to the first of `handlers` that catches it: writes its
 * payload (and reference) to the clause's label slots, restores the call
 * depth the try had, and returns the clause's branch code. Returns 0 if no
 * clause catches it. Traps and host errors are never caught.
 */
export function deliver(
  handlers: readonly Handler[],
  exn: WasmException,
  fp: number,
  store: Store,
  depth: number,
): number {
  const e = exn;
  for (const h of handlers) {
    if (h.tag !== null && h.tag !== e.tag) continue;
    store.depth = depth;
    const n = h.types.length - (h.withRef ? 1 : 0);
    for (let i = 0; i < n; i++) writeSlot(fp + h.slot + i, h.types[i]!, e.values[i]);
    if (h.withRef) REF_SLOTS[fp + h.slot + n] = e;
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
  blockDepth: number,
  handlers: readonly Handler[],
  store: Store,
): Stmt {
  return (fp) => {
    const depth = store.depth;
    let c: number;
    try {
      c = body(fp);
    } catch (e) {
      const exn = caught(e, blockDepth);
      if (exn === null) throw e;
      const to = deliver(handlers, exn, fp, store, depth);
      if (to === 0) throw e;
      return to;
    }
    return c === code ? 0 : c;
  };
}
