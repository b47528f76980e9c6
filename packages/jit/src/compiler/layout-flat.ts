/**
 * The flat layout: the whole body is one list of statements run by a loop
 * with a program counter, and blocks become jumps. Running it never nests
 * closures, whatever the nesting of the wasm code, so a body of 20,000
 * nested `if`s runs in constant JS stack. It is slower than the structured
 * layout (every statement is called through one megamorphic call site), so
 * only bodies too deep for that one use it (see layout-structured.ts).
 *
 * Branch codes: the function's block keeps code 1 (return); every other
 * block has a label whose jump code is negative (`-1 - label`). A label
 * resolves to a statement index: the loop's first statement, or the one
 * after a block's end. An `if` jumps to its `else` (or end) when the
 * condition is zero; the then branch ends with a jump to the end.
 * `try_table` bodies are index ranges: the driver catches wasm exceptions
 * and looks up the innermost enclosing range whose clause matches.
 */
import type { Store, TagInstance } from '@weft/runtime';
import * as exc from '../ops/exceptions.js';
import {
  BLOCK,
  ELSE,
  FUNC,
  IF,
  LEGACY_TRY,
  LOOP,
  TRY,
  type BlockLayout,
  type Ctl,
  type CtlKind,
  type LegacyClause,
} from './ctl.js';
import { single } from './literals.js';
import { toExpr, type Operand } from './operands.js';
import type { Translator } from './translator.js';
import type { Expr, Stmt } from './types.js';

/**
 * The body of a `try_table` or legacy `try`: statements [start, end), the
 * block's depth, and what catches exceptions thrown there: the try_table's
 * handlers, or the legacy try's clauses (jump codes) or its delegation.
 */
interface TryRange {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly handlers: readonly exc.Handler[];
  readonly clauses: readonly LegacyClause[];
  /** Legacy clauses: where the payload and the exception go. */
  readonly slot: number;
  readonly exnSlot: number;
  /** `delegate`: the depth of the block the exception is rethrown in, else -1. */
  readonly delegateDepth: number;
}

export class FlatLayout implements BlockLayout {
  /** The function's statements: every block appends here. */
  private readonly list: Stmt[] = [];
  /** Statement index of each label (-1 until resolved). */
  private readonly targets: number[] = [];
  /** Statement index where each open `try_table` body starts, by its label. */
  private readonly tryStarts = new Map<number, number>();
  /** Closed `try_table` bodies, innermost first. */
  private readonly tries: TryRange[] = [];
  mergeFloor = 0;

  constructor(private readonly t: Translator) {}

  code(kind: CtlKind): number {
    return kind === FUNC ? 1 : this.label();
  }

  statements(): Stmt[] {
    return this.list;
  }

  entered(ctl: Ctl): void {
    if (ctl.kind === LOOP) this.resolve(ctl.code);
    else if (ctl.kind === TRY || ctl.kind === LEGACY_TRY) this.tryStarts.set(ctl.code, this.here());
  }

  ifEntered(ctl: Ctl, cond: Operand): void {
    ctl.elseCode = this.label();
    this.t.emit(jumpUnless(toExpr(cond), ctl.elseCode));
  }

  elseEntered(ctl: Ctl): void {
    // The then branch's results are in the label slots: jump over the else branch.
    if (ctl.thenReachable) this.list.push(jump(ctl.code));
    this.resolve(ctl.elseCode);
  }

  clauseEntered(ctl: Ctl, tag: TagInstance | null, reachable: boolean): void {
    const legacy = ctl.legacy!;
    if (legacy.bodyEnd < 0) legacy.bodyEnd = this.here();
    // The part before falls through to the end, over the clauses.
    if (reachable) this.list.push(jump(ctl.code));
    const code = this.label();
    this.resolve(code);
    legacy.clauses.push({ tag, stmts: this.list, code });
  }

  closed(ctl: Ctl): void {
    const legacy = ctl.legacy;
    if (legacy !== null) {
      if (legacy.bodyEnd < 0) legacy.bodyEnd = this.here();
      if (legacy.clauses.length > 0 || legacy.delegateDepth >= 0) {
        this.tries.push({
          start: this.tryStarts.get(ctl.code)!,
          end: legacy.bodyEnd,
          depth: ctl.depth,
          handlers: [],
          clauses: legacy.clauses,
          slot: ctl.labelSlot,
          exnSlot: legacy.exnSlot,
          delegateDepth: legacy.delegateDepth,
        });
      }
      this.resolve(ctl.code);
      return;
    }
    switch (ctl.kind) {
      case BLOCK:
      case ELSE:
        this.resolve(ctl.code);
        return;
      case IF:
        this.resolve(ctl.elseCode);
        this.resolve(ctl.code);
        return;
      case LOOP:
        return;
      case TRY:
        this.tries.push({
          start: this.tryStarts.get(ctl.code)!,
          end: this.here(),
          depth: ctl.depth,
          handlers: ctl.handlers!,
          clauses: [],
          slot: 0,
          exnSlot: 0,
          delegateDepth: -1,
        });
        this.resolve(ctl.code);
        return;
    }
  }

  body(): Stmt {
    const run = this.runner();
    return (fp) => run(fp, 0, null);
  }

  /** The driver of the statements, which can start anywhere (see `FlatRun`). */
  runner(): FlatRun {
    return flatRunner(this.list, Int32Array.from(this.targets), this.tries, this.t.store);
  }

  private here(): number {
    return this.list.length;
  }

  /** A new label's jump code. */
  private label(): number {
    this.targets.push(-1);
    return -this.targets.length;
  }

  /** The label of jump code `code` is the next statement. */
  private resolve(code: number): void {
    const here = this.here();
    this.targets[-1 - code] = here;
    // A statement that a jump lands on must stay where it is.
    this.mergeFloor = here;
  }
}

/** Jumps to `code` when `cond` is zero. */
const jumpUnless = single(
  (cond: Expr, code: number): Stmt =>
    (fp) =>
      cond(fp) === 0 ? code : 0,
);

/** Jumps to `code`. */
const jump = single(
  (code: number): Stmt =>
    () =>
      code,
);

/**
 * Runs flat code at `fp` from statement `pc`, with `first` (if not null) in
 * place of that statement: how resumable code continues a suspended frame
 * (see calls.ts). Returns a positive code (a return) or 0 at the end.
 */
export type FlatRun = (fp: number, pc: number, first: Stmt | null) => number;

/**
 * The driver of flat code: runs statement `pc`, then the next one, or the
 * one a jump code's label names. Statements of `try_table` bodies run
 * inside a JS try whose handler finds the clause that catches.
 */
function flatRunner(
  stmts: readonly Stmt[],
  targets: Int32Array,
  tries: readonly TryRange[],
  store: Store,
): FlatRun {
  const code = stmts.slice();
  const n = code.length;
  if (tries.length === 0) {
    return (fp, pc, first) => {
      if (first !== null) {
        const c = first(fp);
        if (c === 0) pc++;
        else if (c < 0) pc = targets[-1 - c]!;
        else return c;
      }
      while (pc < n) {
        const c = code[pc]!(fp);
        if (c === 0) pc++;
        else if (c < 0) pc = targets[-1 - c]!;
        else return c;
      }
      return 0;
    };
  }
  return (fp, pc, first) => {
    const depth = store.depth;
    for (;;) {
      try {
        if (first !== null) {
          const s = first;
          first = null;
          const c = s(fp);
          if (c === 0) pc++;
          else if (c < 0) pc = targets[-1 - c]!;
          else return c;
        }
        while (pc < n) {
          const c = code[pc]!(fp);
          if (c === 0) pc++;
          else if (c < 0) pc = targets[-1 - c]!;
          else return c;
        }
        return 0;
      } catch (e) {
        const c = catchAt(tries, pc, e, fp, store, depth);
        if (c > 0) return c;
        pc = targets[-1 - c]!;
      }
    }
  };
}

/**
 * Handles exception `e`, thrown by statement `pc`: the bodies around it,
 * innermost first, catch it (a try_table's handler, or a legacy clause:
 * returns that label's code) or delegate it (it goes on as delegated to the
 * block at that depth). Rethrows what nothing here catches.
 */
function catchAt(
  tries: readonly TryRange[],
  pc: number,
  e: unknown,
  fp: number,
  store: Store,
  depth: number,
): number {
  let current = e;
  for (const range of tries) {
    if (pc < range.start || pc >= range.end) continue;
    const exn = exc.caught(current, range.depth);
    if (exn === null) continue;
    current = exn;
    if (range.delegateDepth >= 0) {
      current = new exc.Delegated(exn, range.delegateDepth);
      continue;
    }
    if (range.handlers.length > 0) {
      const code = exc.deliver(range.handlers, exn, fp, store, depth);
      if (code !== 0) return code;
      continue;
    }
    for (const clause of range.clauses) {
      if (exc.enterClause(clause.tag, exn, fp, range.slot, range.exnSlot)) {
        store.depth = depth;
        return clause.code;
      }
    }
  }
  throw current;
}
