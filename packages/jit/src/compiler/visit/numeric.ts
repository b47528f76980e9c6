/**
 * Scalar numeric instructions, from the generated factory families of
 * ../../gen/numeric.ts: each becomes one closure specialized by the shapes
 * of its operands (slot, constant, expression), pending until consumed, and
 * remembers its recipe so a consumer can rebuild it fused with itself (a
 * `local.set` into `set_XY`, a `br_if` into `br_XY`). Constant operands
 * are folded at compile time unless the instruction can trap.
 */
import { OPS } from '@weft/environ';
import { BINARY, UNARY } from '../tables.js';
import { R } from '../../ops/i64.js';
import * as wideOps from '../../ops/wide.js';
import type { Handler, Handlers } from '../dispatch.js';
import { make, shared } from '../literals.js';
import {
  classOf,
  CLS_I64,
  constOperand,
  exprOperand,
  K_CONST,
  K_SLOT,
  toExpr,
  type Operand,
  type Recipe,
  type ValueClass,
} from '../operands.js';
import type {
  AddrShape,
  BinaryFamily,
  Expr,
  FactoryArg,
  Shape2,
  Stmt,
  UnaryFamily,
} from '../types.js';

/**
 * Shape letter of an operand for generated factories. NaN constants are
 * passed as expressions: factory arguments travel in arrays, and V8 quiets
 * signalling NaNs stored in arrays of doubles.
 */
export function shapeOf(op: Operand): AddrShape {
  if (op.kind === K_SLOT) return 's';
  if (op.kind === K_CONST && op.value === op.value) return 'c';
  return 'e';
}

/** Factory arguments for an operand in shape `shape`. */
export function argsOf(op: Operand, shape: AddrShape): FactoryArg[] {
  if (shape === 's') return [op.slot];
  if (shape === 'c') return op.cls === CLS_I64 ? [op.value, op.hi] : [op.value];
  return [toExpr(op)];
}

/** Evaluates a constant expression at compile time. */
function fold(e: Expr, cls: ValueClass): Operand {
  const v = e(0);
  return constOperand(cls, v, cls === CLS_I64 ? R.hi : 0);
}

/** The value class of an instruction's result. */
function resultClass(id: number): ValueClass {
  return classOf(OPS[id]!.results![0]!);
}

function binary(family: () => BinaryFamily): Handler {
  return (t, id) => {
    const f = family();
    const cls = resultClass(id);
    const b = t.pop();
    const a = t.pop();
    if (a.kind === K_CONST && b.kind === K_CONST && !f.traps) {
      const factory = shared(f.expr.ec) as (...x: FactoryArg[]) => Expr;
      return t.push(fold(factory(toExpr(a), ...argsOf(b, 'c')), cls));
    }
    // A constant left operand is passed as an expression.
    const left = a.kind === K_SLOT ? 's' : 'e';
    const right = shapeOf(b);
    const shape = `${left}${right}` as Shape2;
    const args: FactoryArg[] = [...argsOf(a, left), ...argsOf(b, right)];
    if (f.traps) args.push(t.site());
    const expr = make(f.expr[shape], args);
    const slots = shape === 'ss' || shape === 'sc' ? shape : null;
    const recipe: Recipe = {
      set: slots === null ? null : f.set[slots],
      br: slots === null || f.br === undefined ? null : f.br[slots],
      tee: slots === null || f.tee === undefined ? null : f.tee[slots],
      args,
    };
    t.push(exprOperand(cls, expr, !f.traps && a.pure && b.pure, [a, b], recipe));
  };
}

function unary(family: () => UnaryFamily): Handler {
  return (t, id) => {
    const f = family();
    const cls = resultClass(id);
    const a = t.pop();
    if (a.kind === K_CONST && !f.traps) {
      const factory = shared(f.expr.e) as (x: Expr) => Expr;
      return t.push(fold(factory(toExpr(a)), cls));
    }
    const shape = a.kind === K_SLOT ? 's' : 'e';
    const args: FactoryArg[] = argsOf(a, shape);
    if (f.traps) args.push(t.site());
    const expr = make(f.expr[shape], args);
    const recipe: Recipe = {
      set: shape === 's' ? f.set.s : null,
      br: shape === 's' && f.br !== undefined ? f.br.s : null,
      tee: null,
      args,
    };
    t.push(exprOperand(cls, expr, !f.traps && a.pure, [a], recipe));
  };
}

/**
 * Wide arithmetic (two i64 results): the operands are read where they are
 * (after placing those not in slots), and the statement writes the result
 * pair to the first two operands' own slots.
 */
function wide(build: (d: number, ...operands: number[]) => Stmt): Handler {
  return (t, id) => {
    const op = OPS[id]!;
    const n = op.params!.length;
    const stack = t.stack;
    const first = stack.length - n;
    const operands = stack.operandSlots(n);
    t.emit(build(stack.slotOf(first), ...operands));
    stack.truncate(first);
    stack.pushSlots(op.results!);
  };
}

export const NUMERIC: Handlers = {
  ...Object.fromEntries([
    // Families are read when used: a table entry is built on first read (../lazy.ts).
    ...Object.keys(BINARY).map((name) => [name, binary(() => BINARY[name as keyof typeof BINARY])]),
    ...Object.keys(UNARY).map((name) => [name, unary(() => UNARY[name as keyof typeof UNARY])]),
  ]),
  'i64.add128': wide(wideOps.add128),
  'i64.sub128': wide(wideOps.sub128),
  'i64.mul_wide_s': wide(wideOps.mulWideS),
  'i64.mul_wide_u': wide(wideOps.mulWideU),
};
