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
 * expression for every operand shape; where no operand is an expression,
 * `set_XY` builds a statement storing into slot `z` and `br_XY` (for
 * comparisons) one returning `code` when the condition holds. Shape
 * letters: e = expression operand, s = frame slot, c = constant. Variants
 * whose closures call closures come as copies (see literals.ts): build
 * them with `makeVariant`.
 */
export interface BinaryFactories {
  readonly traps: boolean;
  readonly cond: boolean;
  /** Operand value classes: i (i32), l (i64), f (f32), d (f64). */
  readonly operands: string;
  readonly result: string;
  readonly [variant: string]: unknown;
}

/** Generated factories of a unary instruction (`expr_e`, `expr_s`, `set_s`, `br_s`). */
export interface UnaryFactories {
  readonly traps: boolean;
  readonly cond: boolean;
  readonly operands: string;
  readonly result: string;
  readonly [variant: string]: unknown;
}

/**
 * Generated load factories: `expr{32,64}_{s,e,c}` and `set{32,64}_{s,c}`
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
