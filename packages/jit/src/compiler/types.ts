/**
 * The shapes of compiled code. Expressions return their value; i64
 * expressions return the low half and leave the high half in `R.hi`.
 * Statements return a branch code: 0 to fall through, or the code of the
 * block they branch to (see control.ts).
 */
import type { Frame, MemoryInstance } from '@weft/runtime';
import type { BoundsTrap } from '../ops/trap.js';

/** An i32, f32 or f64 expression. */
export type Expr = (fp: number) => number;
/** An i64 expression: returns the low half; the high half is in `R.hi`. */
export type ExprI64 = (fp: number) => number;
/** A reference-typed expression. */
export type RefExpr = (fp: number) => unknown;
/** A statement: returns 0 to fall through, or a branch code. */
export type Stmt = (fp: number) => number;

/** Zeroes the declared locals of a frame on entry (see calls.ts). */
export type Zero = (fp: number) => void;

/**
 * An argument of a generated factory: a slot index, a constant, a closure,
 * a trap site, a memory, or a load's or store's out-of-bounds trap.
 */
export type FactoryArg = number | Expr | Frame | MemoryInstance | BoundsTrap;

/** A closure factory: builds a closure from slots, constants, closures and sites. */
export type Factory<R> = (...args: never[]) => R;

/**
 * One factory, or identical copies of it (factories whose closures call
 * closures; see literals.ts).
 */
export type Variants<R> = Factory<R> | readonly Factory<R>[];

/**
 * Operand shapes of the generated factories, one letter per operand:
 * e = expression (a closure), s = frame slot, c = constant.
 */
export type Shape1 = 'e' | 's';
export type Shape2 = 'ee' | 'es' | 'se' | 'ss' | 'sc' | 'ec';
/** Shapes without an expression operand: these also have statement variants. */
export type SlotShape1 = 's';
export type SlotShape2 = 'ss' | 'sc';

/**
 * Generated factories of a binary instruction (../gen/numeric.ts). `expr`
 * builds an expression for every operand shape; where no operand is an
 * expression, `set` builds a statement storing into slot `z` (its first
 * argument) and, for comparisons, `br` one returning `code` (its last)
 * when the condition holds. A constant left operand is passed as an
 * expression.
 */
export interface BinaryFamily {
  readonly traps: boolean;
  readonly cond: boolean;
  readonly expr: Readonly<Record<Shape2, Variants<Expr>>>;
  readonly set: Readonly<Record<SlotShape2, Variants<Stmt>>>;
  readonly br?: Readonly<Record<SlotShape2, Variants<Stmt>>>;
  /** i32 results: stores to slot `z` and returns the value (a `local.tee` a `br_if` reads). */
  readonly tee?: Readonly<Record<SlotShape2, Variants<Expr>>>;
}

/** Generated factories of a unary instruction (as {@link BinaryFamily}). */
export interface UnaryFamily {
  readonly traps: boolean;
  readonly cond: boolean;
  readonly expr: Readonly<Record<Shape1, Variants<Expr>>>;
  readonly set: Readonly<Record<SlotShape1, Variants<Stmt>>>;
  readonly br?: Readonly<Record<SlotShape1, Variants<Stmt>>>;
}

/** Address shapes of loads and stores: s(lot), e(xpression), c(onstant, folded with the offset). */
export type AddrShape = 's' | 'e' | 'c';
/** Shapes of a store: address, then value. */
export type StoreShape = `${AddrShape}${AddrShape}`;

/**
 * Generated load factories (../gen/memory.ts), for 32- and 64-bit
 * memories: `expr32[shape]` builds the expression, `set32[shape]` (no
 * expression address) a statement storing into slot `z`.
 */
export interface LoadFamily {
  readonly expr32: Readonly<Record<AddrShape, Variants<Expr>>>;
  readonly expr64: Readonly<Record<AddrShape, Variants<Expr>>>;
  readonly set32: Readonly<Record<'s' | 'c', Variants<Stmt>>>;
  readonly set64: Readonly<Record<'s' | 'c', Variants<Stmt>>>;
}

/** Generated store factories by address and value shape, for 32- and 64-bit memories. */
export interface StoreFamily {
  readonly store32: Readonly<Record<StoreShape, Variants<Stmt>>>;
  readonly store64: Readonly<Record<StoreShape, Variants<Stmt>>>;
}
