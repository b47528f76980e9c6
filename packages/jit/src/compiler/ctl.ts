/**
 * Open blocks as the translator sees them, and what a block layout must
 * provide (see blocks.ts).
 */
import type { ValType } from '@weft/environ';
import type { TagInstance } from '@weft/runtime';
import type * as exc from '../ops/exceptions.js';
import type { Operand } from './operands.js';
import type { Stmt } from './types.js';

export const FUNC = 0;
export const BLOCK = 1;
export const LOOP = 2;
export const IF = 3;
export const ELSE = 4;
export const TRY = 5;
/** Legacy exception handling: a `try` body, then its `catch`/`catch_all` clauses. */
export const LEGACY_TRY = 6;
export const LEGACY_CATCH = 7;
export type CtlKind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A clause of a legacy `try`: what it catches, and its code. */
export interface LegacyClause {
  /** The tag caught, or null for `catch_all`. */
  readonly tag: TagInstance | null;
  /** Its statements (structured layout). */
  readonly stmts: Stmt[];
  /** Its label's jump code (flat layout). */
  readonly code: number;
}

/** What a legacy `try` holds besides a block's state. */
export interface LegacyTry {
  /** The REFS slot keeping the caught exception, for `rethrow`. */
  readonly exnSlot: number;
  /** The body's statements, once a clause began (structured layout). */
  body: Stmt[] | null;
  readonly clauses: LegacyClause[];
  /** `try ... delegate l`: the depth of label l's block (the function is 0), else -1. */
  delegateDepth: number;
  /** Where the body ends in flat code (once a clause or the delegate began), or -1. */
  bodyEnd: number;
}

/** An open block. */
export interface Ctl {
  kind: CtlKind;
  /** Branch code of this block's label (its meaning is the layout's). */
  readonly code: number;
  /** Where the block's statements are appended. */
  stmts: Stmt[];
  /** `if` with `else`: the then branch's statements (structured layout). */
  thenStmts: Stmt[] | null;
  thenReachable: boolean;
  /** `if`: the condition (structured layout). */
  cond: Operand | null;
  /** Operand stack length at entry, below the parameters. */
  readonly height: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Frame slot of the label's first value. */
  readonly labelSlot: number;
  /** Whether some branch targets the block's label. */
  targeted: boolean;
  unreachable: boolean;
  /**
   * Instruction index of the block's `end`, and of its `else` (or -1); for
   * a legacy try, of the next clause of the part being translated.
   */
  readonly endIndex: number;
  elseIndex: number;
  /** Loops: the statement index of a trailing `br_if` back to the loop, and its condition. */
  backEdge: { index: number; cond: Operand } | null;
  /** Index of the instruction that opened the block (matches loops across tiers). */
  readonly start: number;
  /** `try_table`: its catch clauses. */
  handlers: exc.Handler[] | null;
  /** Layout data: jump codes of flat code (see layout-flat.ts). */
  elseCode: number;
  /** Legacy `try`: its clauses and caught-exception slot. */
  legacy: LegacyTry | null;
  /** Depth of the block in the function (the function's is 0). */
  readonly depth: number;
}

/** What differs between the ways blocks become code. */
export interface BlockLayout {
  /** Branch code of a new block of `kind`, `depth` blocks deep (the function is depth 0). */
  code(kind: CtlKind, depth: number): number;
  /** The list a new block appends its statements to. */
  statements(parent: Ctl | null): Stmt[];
  /** Statements at or after this index of the current list may be merged with the next. */
  readonly mergeFloor: number;
  /** A block, loop or try_table was opened. */
  entered(ctl: Ctl): void;
  /** An `if` was opened on `cond`. */
  ifEntered(ctl: Ctl, cond: Operand): void;
  /** `else` was reached (the then branch's results are in their slots). */
  elseEntered(ctl: Ctl): void;
  /**
   * A legacy `catch`/`catch_all` was reached, catching `tag` (null: all);
   * the part before it is done (its results in their slots, if it falls
   * through: `reachable`).
   */
  clauseEntered(ctl: Ctl, tag: TagInstance | null, reachable: boolean): void;
  /** A block other than the function's was closed: its code goes to `parent`. */
  closed(ctl: Ctl, parent: Ctl): void;
  /** The function's body, once its block is closed. */
  body(func: Ctl): Stmt;
}
