/**
 * Fast paths of validate-only mode (`CodeValidator.validate`: every function
 * body, at module creation) for the most frequent instructions: locals,
 * globals, integer constants, plain loads and stores, and instructions typed
 * by a signature of at most three operands and one result. Compiled code is
 * mostly these (in a Go-compiled module, over 80% of all instructions).
 *
 * A fast path covers only the common case: the instruction is valid and its
 * operands have exactly the types it expects. It decodes its immediates
 * itself, with the same Reader calls as `readImmediates` (so a decoding
 * error is the same error), and checks and updates the stacks directly,
 * without the immediate pool, `check`'s dispatch or the generic stack
 * methods. In any other case (an unknown index, an operand that is a
 * subtype or the bottom type, an unreachable frame's missing operand, an
 * alignment or offset to reject) it rewinds the reader and returns false
 * before changing anything, and the general path (`readImmediates`, then
 * the instruction's rule) runs as before and reports what it reports.
 */
import { ADDR, Imm, Op, OPS, OP_ID_LIMIT } from '../opcodes.js';
import { I32, I64, type ValType } from '../types.js';
import type { Reader } from '../binary/reader.js';
import type { CodeValidator } from './code.js';

/** Fast-path kinds, by op id (0: none). */
const SIG = 1;
const MEM = 2;
const LOCAL_GET = 3;
const LOCAL_SET = 4;
const LOCAL_TEE = 5;
const GLOBAL_GET = 6;
const GLOBAL_SET = 7;
const I32_CONST = 8;
const I64_CONST = 9;

/** The fast-path kind of each op id. */
export const FAST = new Uint8Array(OP_ID_LIMIT);
/** Number of operands of a SIG or MEM instruction. */
const ARITY = new Uint8Array(OP_ID_LIMIT);
/** Its operand types, 3 slots per op id, with ADDR resolved to i32 and to i64. */
const PARAMS32 = new Int32Array(OP_ID_LIMIT * 3);
const PARAMS64 = new Int32Array(OP_ID_LIMIT * 3);
/** Its result type (ADDR resolved to i32, then to i64), or -1 for none. */
const RESULT32 = new Int32Array(OP_ID_LIMIT).fill(-1);
const RESULT64 = new Int32Array(OP_ID_LIMIT).fill(-1);
/** Access width in bytes of a MEM instruction. */
const WIDTH = new Uint8Array(OP_ID_LIMIT);

for (const op of OPS) {
  if (op === undefined || op.params === null || op.results === null) continue;
  if (op.params.length > 3 || op.results.length > 1) continue;
  const usesAddr = op.params.includes(ADDR) || op.results.includes(ADDR);
  if (op.imm === Imm.NONE && !usesAddr) FAST[op.id] = SIG;
  // Atomic accesses (prefix 0xfe) have their own alignment rule: general path.
  else if (op.imm === Imm.MEMARG && op.prefix !== 0xfe) FAST[op.id] = MEM;
  else continue;
  ARITY[op.id] = op.params.length;
  WIDTH[op.id] = op.width;
  op.params.forEach((t, i) => {
    PARAMS32[op.id * 3 + i] = t === ADDR ? I32 : t;
    PARAMS64[op.id * 3 + i] = t === ADDR ? I64 : t;
  });
  const r = op.results[0];
  if (r !== undefined) {
    RESULT32[op.id] = r === ADDR ? I32 : r;
    RESULT64[op.id] = r === ADDR ? I64 : r;
  }
}
FAST[Op.local_get] = LOCAL_GET;
FAST[Op.local_set] = LOCAL_SET;
FAST[Op.local_tee] = LOCAL_TEE;
FAST[Op.global_get] = GLOBAL_GET;
FAST[Op.global_set] = GLOBAL_SET;
FAST[Op.i32_const] = I32_CONST;
FAST[Op.i64_const] = I64_CONST;

/**
 * Validates instruction `id` (its opcode read, `r` at its immediates) if
 * its fast path applies; returns false, with `r` where it was, otherwise.
 */
export function fastCheck(v: CodeValidator, r: Reader, id: number): boolean {
  const start = r.pos;
  switch (FAST[id]) {
    case SIG:
      return popTyped(v, id, PARAMS32) && pushResult(v, RESULT32[id]!);
    case MEM:
      return memory(v, r, id, start);
    case LOCAL_GET: {
      const x = r.u32();
      const locals = v.locals;
      if (x < locals.count) {
        const t = locals.type(x);
        if (locals.readable(x, t)) return pushResult(v, t);
      }
      break;
    }
    case LOCAL_SET:
    case LOCAL_TEE: {
      const x = r.u32();
      const locals = v.locals;
      if (x < locals.count) {
        const t = locals.type(x);
        if (popExactly(v, t)) {
          locals.init(x, t);
          return id === Op.local_set || pushResult(v, t);
        }
      }
      break;
    }
    case GLOBAL_GET: {
      const g = v.ctx.globals[r.u32()];
      if (g !== undefined) return pushResult(v, g.type);
      break;
    }
    case GLOBAL_SET: {
      const g = v.ctx.globals[r.u32()];
      if (g !== undefined && g.mutable && popExactly(v, g.type)) return true;
      break;
    }
    case I32_CONST:
      r.s32();
      return pushResult(v, I32);
    case I64_CONST:
      r.s64();
      return pushResult(v, I64);
  }
  r.pos = start;
  return false;
}

/** A plain load or store whose memory argument is one byte of flags (memory 0). */
function memory(v: CodeValidator, r: Reader, id: number, start: number): boolean {
  if (start >= r.end) return false;
  const align = r.bytes[start]!;
  if (align >= 0x40) return false;
  r.pos = start + 1;
  r.u64();
  const mem = v.ctx.memories[0];
  if (mem !== undefined && align <= 4 && 1 << align <= WIDTH[id]!) {
    if (mem.is64) {
      if (popTyped(v, id, PARAMS64)) return pushResult(v, RESULT64[id]!);
    } else if (r.hi === 0 && popTyped(v, id, PARAMS32)) {
      return pushResult(v, RESULT32[id]!);
    }
  }
  r.pos = start;
  return false;
}

/** Pops the operands of `id` if the stack has them above the frame, with exactly their types. */
function popTyped(v: CodeValidator, id: number, params: Int32Array): boolean {
  const n = ARITY[id]!;
  const top = v.vlen;
  if (top - v.cHeight[v.depth - 1]! < n) return false;
  const vals = v.vals;
  const at = id * 3;
  for (let i = 0; i < n; i++) {
    if (vals[top - n + i] !== params[at + i]) return false;
  }
  v.vlen = top - n;
  return true;
}

/** Pops one operand if it is above the frame and exactly of type `t`. */
function popExactly(v: CodeValidator, t: ValType): boolean {
  const top = v.vlen;
  if (top === v.cHeight[v.depth - 1] || v.vals[top - 1] !== t) return false;
  v.vlen = top - 1;
  return true;
}

/** Pushes `t` unless it is -1 (no result); always true, for the fast paths' returns. */
function pushResult(v: CodeValidator, t: ValType): boolean {
  if (t !== -1) v.push(t);
  return true;
}
