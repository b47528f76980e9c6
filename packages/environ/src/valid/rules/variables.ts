/**
 * Validation rules of parametric instructions (`drop`, `select`), locals,
 * globals, tables, and the memory and segment instructions whose types
 * depend on more than one index (the others are typed by signature).
 */
import { valSub } from '../../match.js';
import { Op } from '../../opcodes.js';
import { BOT, I32, I64, isNum, isRef, isVec, valTypeToString, type ValType } from '../../types.js';
import type { CodeValidator } from '../code.js';
import { dataIndex, elemType, memoryAddr, tableAddr, valType } from '../lookups.js';
import type { Rules } from '../rules.js';

/** The type of local `x`. */
function localType(v: CodeValidator, x: number): ValType {
  if (x < 0 || x >= v.locals.count) v.unknown('local', x);
  return v.locals.type(x);
}

function localSetOrTee(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]! >>> 0;
  const t = localType(v, x);
  v.pop(t);
  v.locals.init(x, t);
  if (id === Op.local_tee) v.push(t);
}

export const VARIABLES: Rules = {
  drop(v, _id, imm, at) {
    imm[at] = v.popAny();
  },
  select(v, _id, imm, at) {
    v.pop(I32);
    const t1 = v.popAny();
    const t2 = v.popAny();
    const numeric = (t: ValType) => t === BOT || isNum(t) || isVec(t);
    if (!numeric(t1) || !numeric(t2)) {
      const t = isRef(t2) ? t2 : t1;
      v.fail(
        `type mismatch: instruction requires numeric or vector type but stack has ${valTypeToString(t)}`,
      );
    }
    if (t1 !== t2 && t1 !== BOT && t2 !== BOT) {
      v.vlen += 3; // report the operands as they were
      v.mismatch([t1, t1, I32]);
    }
    const t = t1 === BOT ? t2 : t1;
    imm[at] = t;
    v.push(t);
  },
  select_t(v, _id, imm, at) {
    if (imm[at + 1] !== 1) v.fail('invalid result arity');
    const t = imm[at]!;
    valType(v, t);
    v.pop(I32);
    v.pop(t);
    v.pop(t);
    v.push(t);
  },
  local_get(v, _id, imm, at) {
    // Local indices are u32; the immediate pool holds them as int32.
    const x = imm[at]! >>> 0;
    const t = localType(v, x);
    if (!v.locals.readable(x, t)) v.fail('uninitialized local');
    v.push(t);
  },
  local_set: localSetOrTee,
  local_tee: localSetOrTee,
  global_get(v, _id, imm, at) {
    const g = v.ctx.globals[imm[at]!];
    if (g === undefined) v.unknown('global', imm[at]!);
    v.push(g.type);
  },
  global_set(v, _id, imm, at) {
    const g = v.ctx.globals[imm[at]!];
    if (g === undefined) v.unknown('global', imm[at]!);
    if (!g.mutable) v.fail('immutable global');
    v.pop(g.type);
  },
  table_get(v, _id, imm, at) {
    const addr = tableAddr(v, imm[at]!);
    v.pop(addr);
    v.push(v.ctx.tables[imm[at]!]!.element);
  },
  table_set(v, _id, imm, at) {
    const addr = tableAddr(v, imm[at]!);
    v.pop(v.ctx.tables[imm[at]!]!.element);
    v.pop(addr);
  },
  table_size(v, _id, imm, at) {
    v.push(tableAddr(v, imm[at]!));
  },
  table_grow(v, _id, imm, at) {
    const addr = tableAddr(v, imm[at]!);
    v.pop(addr);
    v.pop(v.ctx.tables[imm[at]!]!.element);
    v.push(addr);
  },
  table_fill(v, _id, imm, at) {
    const addr = tableAddr(v, imm[at]!);
    v.pop(addr);
    v.pop(v.ctx.tables[imm[at]!]!.element);
    v.pop(addr);
  },
  table_copy(v, _id, imm, at) {
    const ctx = v.ctx;
    const dstAddr = tableAddr(v, imm[at]!);
    const srcAddr = tableAddr(v, imm[at + 1]!);
    const dst = ctx.tables[imm[at]!]!.element;
    const src = ctx.tables[imm[at + 1]!]!.element;
    if (!valSub(ctx, src, dst)) {
      v.fail(
        `type mismatch: source element type ${valTypeToString(src)} does not match destination element type ${valTypeToString(dst)}`,
      );
    }
    v.pop(dstAddr === I64 && srcAddr === I64 ? I64 : I32);
    v.pop(srcAddr);
    v.pop(dstAddr);
  },
  table_init(v, _id, imm, at) {
    const ctx = v.ctx;
    const addr = tableAddr(v, imm[at + 1]!);
    const seg = elemType(v, imm[at]!);
    const table = ctx.tables[imm[at + 1]!]!.element;
    if (!valSub(ctx, seg, table)) {
      v.fail(
        `type mismatch: element segment's type ${valTypeToString(seg)} does not match table's element type ${valTypeToString(table)}`,
      );
    }
    v.pop(I32);
    v.pop(I32);
    v.pop(addr);
  },
  elem_drop(v, _id, imm, at) {
    elemType(v, imm[at]!);
  },
  memory_copy(v, _id, imm, at) {
    const dst = memoryAddr(v, imm[at]!);
    const src = memoryAddr(v, imm[at + 1]!);
    v.pop(dst === I64 && src === I64 ? I64 : I32);
    v.pop(src);
    v.pop(dst);
  },
  memory_init(v, _id, imm, at) {
    const addr = memoryAddr(v, imm[at + 1]!);
    dataIndex(v, imm[at]!);
    v.pop(I32);
    v.pop(I32);
    v.pop(addr);
  },
  data_drop(v, _id, imm, at) {
    dataIndex(v, imm[at]!);
  },
};
