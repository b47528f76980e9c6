/**
 * Validation rules of control instructions: blocks, branches, returns,
 * calls (plain, indirect, by reference, tail) and exceptions.
 */
import { valSub } from '../../match.js';
import { Op } from '../../opcodes.js';
import {
  EXNREF,
  FUNCREF,
  HT_EXN,
  I32,
  I64,
  refType,
  resultTypeToString,
  valTypeToString,
  type ValType,
} from '../../types.js';
import type { CodeValidator } from '../code.js';
import {
  blockParams,
  blockResults,
  checkReturnCall,
  funcType,
  funcTypeOf,
  tagParams,
} from '../lookups.js';
import type { Rules } from '../rules.js';
import { isLegacyFrame, linkLegacyPart } from './legacy.js';
import {
  FRAME_BLOCK,
  FRAME_ELSE,
  FRAME_IF,
  FRAME_LOOP,
  FRAME_TRY,
  NO_TYPES,
  single,
} from '../stacks.js';

const EXN_NONNULL = refType(HT_EXN, false);

function blockOrLoop(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const params = blockParams(v, imm, at);
  const results = blockResults(v, imm, at);
  v.popAll(params);
  v.pushFrame(id === Op.block ? FRAME_BLOCK : FRAME_LOOP, params, results, v.count - 1);
}

/** Checks that a `try_table` handler's values fit its label. */
function checkCatch(v: CodeValidator, kind: number, tag: number, label: number): void {
  let ts: readonly ValType[];
  if (kind < 2) {
    ts = tagParams(v, tag);
    if (kind === 1) ts = [...ts, EXN_NONNULL];
  } else {
    ts = kind === 3 ? single(EXN_NONNULL) : NO_TYPES;
  }
  const target = v.labelTypes(label);
  let ok = ts.length === target.length;
  for (let i = 0; ok && i < ts.length; i++) ok = valSub(v.ctx, ts[i]!, target[i]!);
  if (!ok) {
    v.fail(
      `type mismatch: catch handler requires ${resultTypeToString(target)} but label has ${resultTypeToString(ts)}`,
    );
  }
}

function callIndirect(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const ctx = v.ctx;
  const table = ctx.tables[imm[at + 1]!];
  if (table === undefined) v.unknown('table', imm[at + 1]!);
  const ft = funcType(v, imm[at]!);
  if (!valSub(ctx, table.element, FUNCREF)) {
    v.fail(
      `type mismatch: instruction requires table of function type but table has element type ${valTypeToString(table.element)}`,
    );
  }
  if (id === Op.return_call_indirect) checkReturnCall(v, ft.results);
  v.pop(table.is64 ? I64 : I32);
  v.popAll(ft.params);
  if (id === Op.return_call_indirect) v.setUnreachable();
  else v.pushAll(ft.results);
}

function callRef(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const ft = funcType(v, x);
  if (id === Op.return_call_ref) checkReturnCall(v, ft.results);
  v.pop(refType(x, true));
  v.popAll(ft.params);
  if (id === Op.return_call_ref) v.setUnreachable();
  else v.pushAll(ft.results);
}

export const CONTROL: Rules = {
  unreachable(v) {
    v.setUnreachable();
  },
  block: blockOrLoop,
  loop: blockOrLoop,
  if(v, _id, imm, at) {
    const params = blockParams(v, imm, at);
    const results = blockResults(v, imm, at);
    v.pop(I32);
    v.popAll(params);
    v.pushFrame(FRAME_IF, params, results, v.count - 1);
  },
  try_table(v, _id, imm, at) {
    const params = blockParams(v, imm, at);
    const results = blockResults(v, imm, at);
    const n = imm[at + 4]!;
    for (let i = 0, c = at + 5; i < n; i++, c += 3) {
      checkCatch(v, imm[c]!, imm[c + 1]!, imm[c + 2]!);
    }
    v.popAll(params);
    v.pushFrame(FRAME_TRY, params, results, v.count - 1);
  },
  else(v) {
    const d = v.depth - 1;
    v.popFrame();
    const opener = v.cInstr[d]!;
    v.setTarget(opener, 3);
    v.pushFrame(FRAME_ELSE, v.cParams[d]!, v.cResults[d]!, opener);
  },
  end(v) {
    const d = v.depth - 1;
    if (isLegacyFrame(v.cKind[d]!)) linkLegacyPart(v, d);
    if (v.cKind[d] === FRAME_IF) {
      // An `if` without `else` behaves as if its else branch were empty.
      v.popFrame();
      v.pushFrame(FRAME_ELSE, v.cParams[d]!, v.cResults[d]!, v.cInstr[d]!);
    }
    const results = v.cResults[d]!;
    const opener = v.cInstr[d]!;
    v.popFrame();
    if (opener >= 0) v.setTarget(opener, 2);
    if (v.depth > 0) v.pushAll(results);
  },
  br(v, _id, imm, at) {
    v.popAll(v.labelTypes(imm[at]!));
    v.setUnreachable();
  },
  br_if(v, _id, imm, at) {
    const ts = v.labelTypes(imm[at]!);
    v.pop(I32);
    v.popAll(ts);
    v.pushAll(ts);
  },
  br_table(v, _id, imm, at) {
    const n = imm[at]!;
    // As in the reference, labels are looked up (default first) before the index is popped.
    const defaults = v.labelTypes(imm[at + 1 + n]!);
    for (let i = 0; i < n; i++) v.labelTypes(imm[at + 1 + i]!);
    v.pop(I32);
    const arity = defaults.length;
    for (let i = 0; i <= n; i++) {
      const ts = v.labelTypes(imm[at + 1 + i]!);
      if (ts.length !== arity) {
        v.fail(
          `type mismatch: instruction requires ${resultTypeToString(ts)} but stack has ${resultTypeToString(v.stackTop(arity))}`,
        );
      }
      // Check each target against the actual operands, then restore them.
      const saved = v.vlen;
      v.popAll(ts);
      v.vlen = saved;
    }
    v.setUnreachable();
  },
  return(v) {
    v.popAll(v.results);
    v.setUnreachable();
  },
  call(v, _id, imm, at) {
    const ft = funcTypeOf(v, imm[at]!);
    v.popAll(ft.params);
    v.pushAll(ft.results);
  },
  return_call(v, _id, imm, at) {
    const ft = funcTypeOf(v, imm[at]!);
    checkReturnCall(v, ft.results);
    v.popAll(ft.params);
    v.setUnreachable();
  },
  call_indirect: callIndirect,
  return_call_indirect: callIndirect,
  call_ref: callRef,
  return_call_ref: callRef,
  throw(v, _id, imm, at) {
    v.popAll(tagParams(v, imm[at]!));
    v.setUnreachable();
  },
  throw_ref(v) {
    v.pop(EXNREF);
    v.setUnreachable();
  },
};
