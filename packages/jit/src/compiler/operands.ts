/**
 * The compile-time operand stack. An operand is not a value but a recipe
 * for one: a frame slot (a local, or a stack position already written), a
 * constant, or an expression closure not yet run. Keeping operands symbolic
 * lets instructions fuse their operands into their own closure; operands
 * are written to their stack slots ("materialized") only when something
 * needs them there: a call, a branch, a block boundary, or a side effect
 * that must not be reordered with them.
 */
import { F32, F64, I32, I64, isRef, V128, type ValType } from '@weft/environ';
import { F64_SLOTS, HI32_SLOTS, I32_SLOTS, REF_SLOTS, V32 } from '@weft/runtime';
import { R } from '../ops/i64.js';
import { MAX_RUN, RUN_F64, RUN_I32 } from '../gen/runs.js';
import { CONTROL } from './tables.js';
import { make, single } from './literals.js';
import type { Expr, FactoryArg, RefExpr, Stmt, Variants } from './types.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const F64S = F64_SLOTS;
const HI32S = HI32_SLOTS;
const I32S = I32_SLOTS;
const REFS = REF_SLOTS;
const V32S = V32;

/** Value classes: how a value is held in slots and closures. */
export const CLS_I32 = 0;
export const CLS_I64 = 1;
export const CLS_F32 = 2;
export const CLS_F64 = 3;
export const CLS_V128 = 4;
export const CLS_REF = 5;
export type ValueClass = 0 | 1 | 2 | 3 | 4 | 5;

export function classOf(t: ValType): ValueClass {
  switch (t) {
    case I32:
      return CLS_I32;
    case I64:
      return CLS_I64;
    case F32:
      return CLS_F32;
    case F64:
      return CLS_F64;
    case V128:
      return CLS_V128;
    default:
      if (!isRef(t) && t !== 0) throw new Error(`no value class for type ${t}`);
      return CLS_REF;
  }
}

export const K_SLOT = 0;
export const K_CONST = 1;
export const K_EXPR = 2;

/**
 * How an expression operand was built by a generated factory, so that a
 * consumer can rebuild it fused with itself: `set` (called with the slot,
 * then `args`) stores it into a slot, `br` (called with `args`, then the
 * branch code) branches on it. Either is null where the family has no such
 * variant for the operands' shapes.
 */
export interface Recipe {
  readonly set: Variants<Stmt> | null;
  readonly br: Variants<Stmt> | null;
  /** The expression storing the value to a slot `z` and returning it (`[z, ...args]`), if any. */
  readonly tee: Variants<Expr> | null;
  /** Arguments of the expression factory (operands, then the trap site if any). */
  readonly args: readonly FactoryArg[];
}

export interface Operand {
  readonly kind: 0 | 1 | 2;
  readonly cls: ValueClass;
  /** K_SLOT: frame-relative slot. */
  readonly slot: number;
  /** K_CONST: the value (i32, f32/f64 as doubles, i64 low half); refs use `ref`. */
  readonly value: number;
  /** K_CONST i64: high half. */
  readonly hi: number;
  /** K_CONST reference value (null, or a function). */
  readonly ref: unknown;
  /** K_EXPR: the closure. */
  readonly expr: Expr | RefExpr | null;
  /** K_EXPR: has no effect and cannot trap, so it may be dropped unevaluated. */
  readonly pure: boolean;
  /** K_EXPR built by a generated factory: how, for fusion. */
  readonly recipe: Recipe | null;
  /** Closures nested in the expression: 0 for slots and constants. */
  readonly depth: number;
}

export function slotOperand(cls: ValueClass, slot: number): Operand {
  return {
    kind: K_SLOT,
    cls,
    slot,
    value: 0,
    hi: 0,
    ref: null,
    expr: null,
    pure: true,
    recipe: null,
    depth: 0,
  };
}

export function constOperand(cls: ValueClass, value: number, hi = 0, ref: unknown = null): Operand {
  return {
    kind: K_CONST,
    cls,
    slot: -1,
    value,
    hi,
    ref,
    expr: null,
    pure: true,
    recipe: null,
    depth: 0,
  };
}

/**
 * An expression operand: `expr` computes the value from `inputs` (the
 * operands it consumed, which its closure calls or reads).
 */
export function exprOperand(
  cls: ValueClass,
  expr: Expr | RefExpr,
  pure: boolean,
  inputs: readonly Operand[],
  recipe: Recipe | null = null,
): Operand {
  let depth = 0;
  for (const op of inputs) if (op.depth > depth) depth = op.depth;
  return {
    kind: K_EXPR,
    cls,
    slot: -1,
    value: 0,
    hi: 0,
    ref: null,
    expr,
    pure,
    recipe,
    depth: depth + 1,
  };
}

// ---------------------------------------------------------------------------
// Reading operands as closures.

const readI32 = single(
  (s: number): Expr =>
    (fp) =>
      I32S[fp + s]!,
);
const readI64 = single((s: number): Expr => (fp) => {
  R.hi = HI32S[fp + s]!;
  return I32S[fp + s]!;
});
const readF64 = single(
  (s: number): Expr =>
    (fp) =>
      F64S[fp + s]!,
);
const readRef = single(
  (s: number): RefExpr =>
    (fp) =>
      REFS[fp + s],
);
const constNum = single(
  (v: number): Expr =>
    () =>
      v,
);
const constI64 = single((lo: number, hi: number): Expr => () => {
  R.hi = hi;
  return lo;
});
const constRef = single(
  (v: unknown): RefExpr =>
    () =>
      v,
);

/** The operand as an expression closure (v128 operands are always slots and have none). */
export function toExpr(op: Operand): Expr {
  if (op.kind === K_EXPR) return op.expr as Expr;
  if (op.kind === K_SLOT) {
    switch (op.cls) {
      case CLS_I32:
        return readI32(op.slot);
      case CLS_I64:
        return readI64(op.slot);
      case CLS_REF:
        return readRef(op.slot) as unknown as Expr;
      case CLS_V128:
        throw new Error('v128 operands have no expression form');
      default:
        return readF64(op.slot);
    }
  }
  if (op.cls === CLS_I64) return constI64(op.value, op.hi);
  if (op.cls === CLS_REF) return constRef(op.ref) as unknown as Expr;
  return constNum(op.value);
}

export function toRefExpr(op: Operand): RefExpr {
  return toExpr(op) as unknown as RefExpr;
}

// ---------------------------------------------------------------------------
// Writing operands into slots.

const copyI32 = single((d: number, s: number): Stmt => (fp) => {
  I32S[fp + d] = I32S[fp + s]!;
  return 0;
});
const copyI64 = single((d: number, s: number): Stmt => (fp) => {
  I32S[fp + d] = I32S[fp + s]!;
  HI32S[fp + d] = HI32S[fp + s]!;
  return 0;
});
const copyF64 = single((d: number, s: number): Stmt => (fp) => {
  F64S[fp + d] = F64S[fp + s]!;
  return 0;
});
/** Copies the v128 in slot `s` to slot `d` (frame-relative), through the word view. */
export function moveV128(fp: number, d: number, s: number): void {
  const v = V32S;
  const to = (fp + d) << 2;
  const from = (fp + s) << 2;
  v[to] = v[from]!;
  v[to + 1] = v[from + 1]!;
  v[to + 2] = v[from + 2]!;
  v[to + 3] = v[from + 3]!;
}
// A closure small enough for V8 to inline anywhere (see ops/simd/build.ts).
const copyV128 = single(
  (d: number, s: number): Stmt =>
    (fp) => (moveV128(fp, d, s), 0),
);
const copyRef = single((d: number, s: number): Stmt => (fp) => {
  REFS[fp + d] = REFS[fp + s];
  return 0;
});
const constI32Stmt = single((d: number, v: number): Stmt => (fp) => {
  I32S[fp + d] = v;
  return 0;
});
const constI64Stmt = single((d: number, lo: number, hi: number): Stmt => (fp) => {
  I32S[fp + d] = lo;
  HI32S[fp + d] = hi;
  return 0;
});
const constF64Stmt = single((d: number, v: number): Stmt => (fp) => {
  F64S[fp + d] = v;
  return 0;
});
const constRefStmt = single((d: number, v: unknown): Stmt => (fp) => {
  REFS[fp + d] = v;
  return 0;
});

/**
 * The moves a copy statement performs, so consecutive copies can be merged:
 * statements of the translation under way only (`forgetCopies` empties it
 * when the next starts; a process-wide `WeakMap` of them all made work for
 * every garbage collection).
 */
const copies = new Map<
  Stmt,
  { readonly cls: ValueClass; readonly d: number[]; readonly s: number[] }
>();

/** Forgets the copy statements of earlier translations (see `copies`). */
export function forgetCopies(): void {
  copies.clear();
}

const copyI32List = single((d: Int32Array, s: Int32Array): Stmt => (fp) => {
  for (let i = 0; i < d.length; i++) I32S[fp + d[i]!] = I32S[fp + s[i]!]!;
  return 0;
});
const copyF64List = single((d: Int32Array, s: Int32Array): Stmt => (fp) => {
  for (let i = 0; i < d.length; i++) F64S[fp + d[i]!] = F64S[fp + s[i]!]!;
  return 0;
});
const copyV128List = single((d: Int32Array, s: Int32Array): Stmt => (fp) => {
  for (let i = 0; i < d.length; i++) moveV128(fp, d[i]!, s[i]!);
  return 0;
});
const copyI64List = single((d: Int32Array, s: Int32Array): Stmt => (fp) => {
  for (let i = 0; i < d.length; i++) {
    I32S[fp + d[i]!] = I32S[fp + s[i]!]!;
    HI32S[fp + d[i]!] = HI32S[fp + s[i]!]!;
  }
  return 0;
});

/** Most moves one merged copy statement does. */
const MAX_MERGED_COPIES = 16;

/**
 * One statement doing the copies of `a` then those of `b`, when both are
 * copies of the same scalar class; null otherwise. Register shuffles of
 * compiled C (`h = g; g = f; ...`) then cost one closure call, not one each.
 */
export function mergeCopies(a: Stmt, b: Stmt): Stmt | null {
  const x = copies.get(a);
  const y = copies.get(b);
  if (x === undefined || y === undefined || x.cls !== y.cls) return null;
  const n = x.d.length + y.d.length;
  // Bounded, so that a run of copies costs linear time to compile.
  if (n > MAX_MERGED_COPIES) return null;
  const d = x.d.concat(y.d);
  const s = x.s.concat(y.s);
  let merged: Stmt;
  if (n <= MAX_RUN && (x.cls === CLS_I32 || x.cls === CLS_F64)) {
    const moves: number[] = [];
    for (let i = 0; i < n; i++) moves.push(d[i]!, s[i]!);
    merged = (x.cls === CLS_I32 ? RUN_I32 : RUN_F64)[n - 2]!(...moves);
  } else {
    const di = Int32Array.from(d);
    const si = Int32Array.from(s);
    if (x.cls === CLS_I32) merged = copyI32List(di, si);
    else if (x.cls === CLS_I64) merged = copyI64List(di, si);
    else if (x.cls === CLS_V128) merged = copyV128List(di, si);
    else merged = copyF64List(di, si);
  }
  copies.set(merged, { cls: x.cls, d, s });
  return merged;
}

/** A statement copying slot `s` to slot `d` for a value of class `cls`. */
export function copyStmt(cls: ValueClass, d: number, s: number): Stmt {
  const stmt = copyOne(cls, d, s);
  if (cls !== CLS_REF) {
    copies.set(stmt, { cls: cls === CLS_F32 ? CLS_F64 : cls, d: [d], s: [s] });
  }
  return stmt;
}

function copyOne(cls: ValueClass, d: number, s: number): Stmt {
  switch (cls) {
    case CLS_I32:
      return copyI32(d, s);
    case CLS_I64:
      return copyI64(d, s);
    case CLS_V128:
      return copyV128(d, s);
    case CLS_REF:
      return copyRef(d, s);
    default:
      return copyF64(d, s);
  }
}

/**
 * A statement writing operand `op` into slot `d`, or null if it is already
 * there. Generated binary/unary expressions are fused into one closure.
 */
export function storeStmt(op: Operand, d: number): Stmt | null {
  if (op.kind === K_SLOT) return op.slot === d ? null : copyStmt(op.cls, d, op.slot);
  if (op.kind === K_CONST) {
    switch (op.cls) {
      case CLS_I32:
        return constI32Stmt(d, op.value);
      case CLS_I64:
        return constI64Stmt(d, op.value, op.hi);
      case CLS_REF:
        return constRefStmt(d, op.ref);
      case CLS_V128:
        throw new Error('v128 constants are materialized when pushed');
      default:
        return constF64Stmt(d, op.value);
    }
  }
  const recipe = op.recipe;
  if (recipe !== null && recipe.set !== null) return make(recipe.set, [d, ...recipe.args]);
  switch (op.cls) {
    case CLS_I32:
      return make(CONTROL.storeI32, [d, op.expr]);
    case CLS_I64:
      return make(CONTROL.storeI64, [d, op.expr]);
    case CLS_REF:
      return make(CONTROL.storeRef, [d, op.expr]);
    case CLS_V128:
      throw new Error('v128 values are never pending expressions');
    default:
      return make(CONTROL.storeF64, [d, op.expr]);
  }
}

/** A statement that evaluates an expression for its effects (traps) only. */
export function evalStmt(e: Expr | RefExpr): Stmt {
  return make(CONTROL.evaluate, [e]);
}
