/** Locals, globals, constants, `drop` and `select`. */
import { Op } from '@weft/environ';
import { f32FromBits, f64FromBits } from '@weft/runtime';
import * as vars from '../../ops/variables.js';
import type { Handlers } from '../dispatch.js';
import {
  classOf,
  CLS_F32,
  CLS_F64,
  CLS_I32,
  CLS_I64,
  CLS_REF,
  CLS_V128,
  constOperand,
  evalStmt,
  exprOperand,
  K_EXPR,
  K_SLOT,
  slotOperand,
  storeStmt,
  toExpr,
  toRefExpr,
  type Operand,
} from '../operands.js';
import { make } from '../literals.js';
import type { Translator } from '../translator.js';
import type { Expr, RefExpr } from '../types.js';

function localSet(t: Translator, tee: boolean): void {
  const x = t.imm(0);
  const value = t.pop();
  if (tee && teeForBranch(t, value, x)) return;
  if (!writeInPlace(t, value, x)) {
    // Operands reading the local keep the value they had.
    t.stack.preserveLocal(x);
    const s = storeStmt(value, x);
    if (s !== null) t.emit(s);
  }
  if (tee) t.push(slotOperand(t.localClass(x), x));
}

/**
 * `local.tee` of an i32 operation on slots and constants that the next
 * instruction, a `br_if`, reads: pushes one expression that stores the
 * value to the local and returns it, in place of a statement storing it
 * and a read of the local. A loop counter's `br_if $l (local.tee $n
 * (i32.sub (local.get $n) (i32.const 1)))` is then one closure per
 * iteration instead of two. Operands reading the local keep their value
 * (as for any write), and the expression runs where the `br_if` runs,
 * after whatever is pending below it, which is where the store belonged:
 * nothing runs between the two instructions. (Were something to flush
 * the stack in between, the expression would be stored to its stack slot
 * in order, which is still right.)
 */
function teeForBranch(t: Translator, value: Operand, x: number): boolean {
  const recipe = value.recipe;
  if (recipe === null || recipe.tee === null || !t.nextIs(Op.br_if)) return false;
  t.stack.preserveLocal(x);
  t.push(exprOperand(CLS_I32, make(recipe.tee, [x, ...recipe.args]), false, [value]));
  return true;
}

/**
 * When `value` is the v128 the previous instruction's statement just wrote
 * to its stack slot, rebuilds that statement to write local `x` instead,
 * saving the copy (v128 copies are a good part of SIMD loop bodies). The
 * local is then written where that statement runs, earlier than a copy
 * would, so no operand left on the stack may read it (expressions never
 * read v128 locals; slot operands might); and `rebuild` refuses a local
 * that the statement also reads as a later operand (see ops/simd.ts).
 */
function writeInPlace(t: Translator, value: Operand, x: number): boolean {
  const p = t.previous;
  const stmts = t.top.stmts;
  if (p === null || value.kind !== K_SLOT || value.slot !== p.slot) return false;
  if (stmts[stmts.length - 1] !== p.stmt) return false;
  if (t.stack.readsLocal(x)) return false;
  const stmt = p.rebuild(x);
  if (stmt === null) return false;
  stmts[stmts.length - 1] = stmt;
  return true;
}

function select(t: Translator): void {
  const c = t.pop();
  const b = t.pop();
  const a = t.pop();
  const cls = classOf(t.imm(0));
  if (cls === CLS_V128) {
    // v128 operands are always in slots (locals' or their own).
    t.emit(vars.selectV128(t.nextSlot(), a.slot, b.slot, toExpr(c)));
    return t.pushSlot(CLS_V128);
  }
  let e: Expr | RefExpr;
  if (cls === CLS_I64) e = vars.selectI64(toExpr(a), toExpr(b), toExpr(c));
  else if (cls === CLS_REF) e = vars.selectRef(toRefExpr(a), toRefExpr(b), toExpr(c));
  else e = vars.selectNum(toExpr(a), toExpr(b), toExpr(c));
  t.push(exprOperand(cls, e, a.pure && b.pure && c.pure, [a, b, c]));
}

export const VARIABLES: Handlers = {
  drop: (t) => {
    const op = t.pop();
    if (op.kind === K_EXPR && !op.pure) t.emit(evalStmt(op.expr!));
  },
  select,
  select_t: select,
  'local.get': (t) => {
    const x = t.imm(0);
    t.push(slotOperand(t.localClass(x), x));
  },
  'local.set': (t) => localSet(t, false),
  'local.tee': (t) => localSet(t, true),
  'global.get': (t) => {
    const index = t.imm(0);
    const g = t.instance.globals[index]!;
    const cls = classOf(t.module.globals[index]!.type.type);
    if (cls === CLS_V128) {
      t.emit(vars.globalGetInto(g, t.nextSlot()));
      return t.pushSlot(CLS_V128);
    }
    t.push(exprOperand(cls, vars.globalGet(g, cls), true, []));
  },
  'global.set': (t) => {
    const index = t.imm(0);
    const g = t.instance.globals[index]!;
    const cls = classOf(t.module.globals[index]!.type.type);
    const v = t.pop();
    // v128 operands are always in slots (locals' or their own).
    if (cls === CLS_V128) t.emit(vars.globalSetFrom(g, v.slot));
    else t.emit(vars.globalSet(g, cls, toExpr(v)));
  },
  'i32.const': (t) => t.push(constOperand(CLS_I32, t.imm(0))),
  'i64.const': (t) => t.push(constOperand(CLS_I64, t.imm(0), t.imm(1))),
  'f32.const': (t) => t.push(constOperand(CLS_F32, f32FromBits(t.imm(0)))),
  'f64.const': (t) => t.push(constOperand(CLS_F64, f64FromBits(t.imm(0), t.imm(1)))),
};
