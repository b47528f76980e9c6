/**
 * The shapes of compiled code. Expressions return their value; i64
 * expressions return the low half and leave the high half in `R.hi`.
 * Statements return a branch code: 0 to fall through, or the code of the
 * block they branch to (see control.ts).
 */
import type { Frame, MemoryInstance } from '@weft/runtime';

/** An i32, f32 or f64 expression. */
export type Expr = (fp: number) => number;
/** An i64 expression: returns the low half; the high half is in `R.hi`. */
export type ExprI64 = (fp: number) => number;
/** A reference-typed expression. */
export type RefExpr = (fp: number) => unknown;
/** A statement: returns 0 to fall through, or a branch code. */
export type Stmt = (fp: number) => number;

/** An argument of a generated factory: a slot index, a constant, a closure, or a trap site. */
export type FactoryArg = number | Expr | Frame | MemoryInstance;

/**
 * Generated factories of a binary instruction. Variant `expr_XY` builds an
 * expression, `set_XY` a statement storing into slot `z`, `br_XY` (for
 * comparisons) a statement returning `code` when the condition holds. Shape
 * letters: e = expression operand, s = frame slot, c = constant.
 */
export interface BinaryFactories {
  readonly traps: boolean;
  readonly cond: boolean;
  /** Operand value classes: i (i32), l (i64), f (f32), d (f64). */
  readonly operands: string;
  readonly result: string;
  expr_ee(...args: FactoryArg[]): Expr;
  expr_es(...args: FactoryArg[]): Expr;
  expr_se(...args: FactoryArg[]): Expr;
  expr_ss(...args: FactoryArg[]): Expr;
  expr_sc(...args: FactoryArg[]): Expr;
  expr_ec(...args: FactoryArg[]): Expr;
  set_ee(...args: FactoryArg[]): Stmt;
  set_es(...args: FactoryArg[]): Stmt;
  set_se(...args: FactoryArg[]): Stmt;
  set_ss(...args: FactoryArg[]): Stmt;
  set_sc(...args: FactoryArg[]): Stmt;
  set_ec(...args: FactoryArg[]): Stmt;
  /** Comparisons also have `br_XY`, `if_XY` and `while_XY` variants. */
  [variant: string]: unknown;
}

/** Generated factories of a unary instruction (`expr_e`, `expr_s`, `set_e`, `set_s`, `br_*`). */
export interface UnaryFactories {
  readonly traps: boolean;
  readonly cond: boolean;
  readonly operands: string;
  readonly result: string;
  expr_e(...args: FactoryArg[]): Expr;
  expr_s(...args: FactoryArg[]): Expr;
  set_e(...args: FactoryArg[]): Stmt;
  set_s(...args: FactoryArg[]): Stmt;
  /** Tests (`eqz`) also have `br_X`, `if_X` and `while_X` variants. */
  [variant: string]: unknown;
}

/**
 * Generated load factories: `expr{32,64}_{s,e,c}` and `set{32,64}_{s,e,c}`
 * (address width, address shape).
 */
export interface LoadFactories {
  /** Result value class. */
  readonly result: string;
  /** Factories, called with arguments that match their shape. */
  [variant: string]: unknown;
}

/** Generated store factories: `store{32,64}_{a}{v}` (address width, address and value shapes). */
export interface StoreFactories {
  /** Stored value class. */
  readonly value: string;
  /** Factories, called with arguments that match their shape. */
  [variant: string]: unknown;
}
