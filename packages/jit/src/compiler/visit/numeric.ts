/**
 * Scalar numeric instructions, from the generated factory families of
 * ../../gen/numeric.ts: each becomes one closure specialized by the shapes
 * of its operands (slot, constant, expression), pending until consumed, and
 * remembers its recipe so a consumer can rebuild it fused with itself (a
 * `local.set` into `set_XY`, a `br_if` into `br_XY`). Constant operands
 * are folded at compile time unless the instruction can trap.
 */
import { BINARY, UNARY } from '../../gen/numeric.js';
import { R } from '../../ops/i64.js';
import type { Handler, Handlers } from '../dispatch.js';
import { makeVariant, sharedVariant } from '../literals.js';
import {
  CLS_F32,
  CLS_F64,
  CLS_I32,
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
import type { BinaryFactories, Expr, FactoryArg, UnaryFactories } from '../types.js';

const CLASS_OF_LETTER: Record<string, ValueClass> = {
  i: CLS_I32,
  l: CLS_I64,
  f: CLS_F32,
  d: CLS_F64,
};

/**
 * Shape letter of an operand for generated factories. NaN constants are
 * passed as expressions: factory arguments travel in arrays, and V8 quiets
 * signalling NaNs stored in arrays of doubles.
 */
export function shapeOf(op: Operand): string {
  if (op.kind === K_SLOT) return 's';
  if (op.kind === K_CONST && op.value === op.value) return 'c';
  return 'e';
}

/** Factory arguments for an operand in shape `shape`. */
export function argsOf(op: Operand, shape: string): FactoryArg[] {
  if (shape === 's') return [op.slot];
  if (shape === 'c') return op.cls === CLS_I64 ? [op.value, op.hi] : [op.value];
  return [toExpr(op)];
}

/** Evaluates a constant expression at compile time. */
function fold(e: Expr, cls: ValueClass): Operand {
  const v = e(0);
  return constOperand(cls, v, cls === CLS_I64 ? R.hi : 0);
}

function binary(f: BinaryFactories): Handler {
  const cls = CLASS_OF_LETTER[f.result]!;
  return (t) => {
    const b = t.pop();
    const a = t.pop();
    if (a.kind === K_CONST && b.kind === K_CONST && !f.traps) {
      const factory = sharedVariant<Expr>(f, 'expr_ec') as (...x: FactoryArg[]) => Expr;
      return t.push(fold(factory(toExpr(a), ...argsOf(b, 'c')), cls));
    }
    // Shapes: e(xpression), s(lot), c(onstant); a constant left operand is passed as an expression.
    const shape = (a.kind === K_SLOT ? 's' : 'e') + shapeOf(b);
    const args: FactoryArg[] = [...argsOf(a, shape[0]!), ...argsOf(b, shape[1]!)];
    if (f.traps) args.push(t.site());
    const expr = makeVariant<Expr>(f, `expr_${shape}`, args);
    const recipe: Recipe = {
      family: f,
      setKey: `set_${shape}`,
      brKey: f.cond ? `br_${shape}` : null,
      args,
    };
    t.push(exprOperand(cls, expr, !f.traps && a.pure && b.pure, [a, b], recipe));
  };
}

function unary(f: UnaryFactories): Handler {
  const cls = CLASS_OF_LETTER[f.result]!;
  return (t) => {
    const a = t.pop();
    if (a.kind === K_CONST && !f.traps) {
      const factory = sharedVariant<Expr>(f, 'expr_e') as (x: Expr) => Expr;
      return t.push(fold(factory(toExpr(a)), cls));
    }
    const shape = a.kind === K_SLOT ? 's' : 'e';
    const args: FactoryArg[] = argsOf(a, shape);
    if (f.traps) args.push(t.site());
    const expr = makeVariant<Expr>(f, `expr_${shape}`, args);
    const recipe: Recipe = {
      family: f,
      setKey: `set_${shape}`,
      brKey: f.cond ? `br_${shape}` : null,
      args,
    };
    t.push(exprOperand(cls, expr, !f.traps && a.pure, [a], recipe));
  };
}

export const NUMERIC: Handlers = Object.fromEntries([
  ...Object.entries(BINARY).map(([name, f]) => [name, binary(f as unknown as BinaryFactories)]),
  ...Object.entries(UNARY).map(([name, f]) => [name, unary(f as unknown as UnaryFactories)]),
]);
