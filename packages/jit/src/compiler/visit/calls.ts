/** Calls: direct, indirect, by reference, and their tail-call forms. */
import { ResumePoint, type FuncInstance } from '@weft/runtime';
import type { FuncType } from '@weft/environ';
import * as bulk from '../../ops/bulk.js';
import * as calls from '../calls.js';
import * as control from '../control.js';
import type { Handlers } from '../dispatch.js';
import { classOf, copyStmt, toExpr, toRefExpr } from '../operands.js';
import type { Translator } from '../translator.js';
import type { Stmt } from '../types.js';

/** Emits a call statement: a point where the frame may be suspended (see calls.ts). */
function emitCall(t: Translator, call: Stmt): void {
  t.emit(call);
  t.markResumePoint(t.site(), ResumePoint.Call);
}

/** The arguments are consumed and the results sit in the same slots (see calls.ts). */
function afterCall(t: Translator, ft: FuncType): void {
  t.stack.truncate(t.stack.length - ft.params.length);
  t.stack.pushSlots(ft.results);
}

/** Moves the arguments to the frame base and hands `callee` to the caller's trampoline. */
function tailCall(
  t: Translator,
  callee: (fp: number) => FuncInstance,
  ft: FuncType,
  base: number,
): void {
  const moves: Stmt[] = [];
  if (base !== 0) {
    for (let i = 0; i < ft.params.length; i++)
      moves.push(copyStmt(classOf(ft.params[i]!), i, base + i));
  }
  t.tails = true;
  t.emit(calls.returnCall(callee, moves.length > 0 ? control.all(moves) : null, 1));
  t.setUnreachable();
}

function callIndirect(t: Translator, tail: boolean): void {
  const at = t.immAt();
  const typeIndex = t.code.imm[at]!;
  const table = t.instance.tables[t.code.imm[at + 1]!]!;
  const ft = t.module.types[typeIndex]!.comp as FuncType;
  const index = t.pop();
  const indexExpr = table.type.is64 ? bulk.addr64(toExpr(index)) : toExpr(index);
  const expected = t.instance.typeIds[typeIndex]!;
  const base = t.placeArguments(ft.params.length);
  if (tail) {
    const callee = calls.indirectCallee(table, indexExpr, expected, t.registry, t.site());
    return tailCall(t, callee, ft, base);
  }
  emitCall(
    t,
    calls.callIndirect(table, indexExpr, expected, t.registry, base, t.site(), t.instance),
  );
  afterCall(t, ft);
}

function callRef(t: Translator, tail: boolean): void {
  const ft = t.module.types[t.imm(0)]!.comp as FuncType;
  const ref = t.pop();
  const base = t.placeArguments(ft.params.length);
  if (tail) return tailCall(t, calls.refCallee(toRefExpr(ref), t.site()), ft, base);
  emitCall(t, calls.callRef(toRefExpr(ref), base, t.site(), t.instance));
  afterCall(t, ft);
}

export const CALLS: Handlers = {
  call: (t) => {
    const f = t.imm(0);
    const ft = t.funcType(f);
    const base = t.placeArguments(ft.params.length);
    const callee = t.instance.funcs[f]!;
    emitCall(
      t,
      f < t.module.numImportedFuncs
        ? calls.callImport(callee, base, t.site(), t.instance)
        : calls.callInternal(callee, base, t.site(), t.calleeKey(callee)),
    );
    afterCall(t, ft);
  },
  call_indirect: (t) => callIndirect(t, false),
  return_call_indirect: (t) => callIndirect(t, true),
  call_ref: (t) => callRef(t, false),
  return_call_ref: (t) => callRef(t, true),
  return_call: (t) => {
    const f = t.imm(0);
    const ft = t.funcType(f);
    const base = t.placeArguments(ft.params.length);
    const callee = t.instance.funcs[f]!;
    tailCall(t, () => callee, ft, base);
  },
};
