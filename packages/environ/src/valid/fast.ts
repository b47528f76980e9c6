/**
 * The instruction loop of validate-only mode (`CodeValidator.validate`: every
 * function body, at module creation), with fast paths for the most frequent
 * instructions: locals, globals, integer constants, plain loads and stores,
 * one-byte instructions typed by a signature of at most three operands and
 * one result, blocks with an empty or single number type, `end`, branches,
 * `return` and `call`. Compiled code is mostly these (in a Go-compiled
 * module, over 99% of all instructions).
 *
 * A fast path covers only the common case: the instruction is valid, its
 * immediates are short (no LEB128 that could be malformed or need checks)
 * and its operands have exactly the types it expects. It works on local
 * copies of the reader's position and of the operand stack's height, with
 * no call, so that it is quick even before the JIT has optimized it (for a
 * large module, a good part of the time). In any other case it changes
 * nothing and the instruction goes through `CodeValidator.step`, the
 * general path (decoding into the immediate pool, then the instruction's
 * rule), which reports errors as it always did.
 */
import { Imm, Op, OPS, ADDR } from '../opcodes.js';
import { I32, I64, type FuncType, type ValType } from '../types.js';
import type { Reader } from '../binary/reader.js';
import type { CodeValidator } from './code.js';
import {
  FRAME_BLOCK,
  FRAME_ELSE,
  FRAME_IF,
  FRAME_LOOP,
  FRAME_TRY,
  NO_TYPES,
  single,
} from './stacks.js';

/** Fast-path kinds of one-byte opcodes (0: none). */
const SIG = 1;
const MEM = 2;
const LOCAL_GET = 3;
const LOCAL_SET = 4;
const LOCAL_TEE = 5;
const GLOBAL_GET = 6;
const GLOBAL_SET = 7;
const I32_CONST = 8;
const I64_CONST = 9;
const BLOCK = 10;
const END = 11;
const BR = 12;
const BR_IF = 13;
const RETURN = 14;
const CALL = 15;
const UNREACHABLE = 16;

const KIND = new Uint8Array(0x100);
/** Number of operands of a SIG or MEM instruction. */
const ARITY = new Uint8Array(0x100);
/** Their types, 3 slots per opcode, with the address type resolved to i32 and to i64. */
const PARAMS32 = new Int32Array(0x100 * 3);
const PARAMS64 = new Int32Array(0x100 * 3);
/** The result type (address type resolved to i32, then to i64), or -1 for none. */
const RESULT32 = new Int32Array(0x100).fill(-1);
const RESULT64 = new Int32Array(0x100).fill(-1);
/** Largest alignment (log2) of a MEM instruction: its natural alignment. */
const MAX_ALIGN = new Uint8Array(0x100);

for (let b = 0; b < 0x100; b++) {
  const op = OPS[b];
  if (op === undefined || op.params === null || op.results === null) continue;
  if (op.params.length > 3 || op.results.length > 1) continue;
  const usesAddr = op.params.includes(ADDR) || op.results.includes(ADDR);
  if (op.imm === Imm.NONE && !usesAddr) KIND[b] = SIG;
  else if (op.imm === Imm.MEMARG) KIND[b] = MEM;
  else continue;
  ARITY[b] = op.params.length;
  MAX_ALIGN[b] = Math.log2(op.width);
  op.params.forEach((t, i) => {
    PARAMS32[b * 3 + i] = t === ADDR ? I32 : t;
    PARAMS64[b * 3 + i] = t === ADDR ? I64 : t;
  });
  const r = op.results[0];
  if (r !== undefined) {
    RESULT32[b] = r === ADDR ? I32 : r;
    RESULT64[b] = r === ADDR ? I64 : r;
  }
}
KIND[Op.local_get] = LOCAL_GET;
KIND[Op.local_set] = LOCAL_SET;
KIND[Op.local_tee] = LOCAL_TEE;
KIND[Op.global_get] = GLOBAL_GET;
KIND[Op.global_set] = GLOBAL_SET;
KIND[Op.i32_const] = I32_CONST;
KIND[Op.i64_const] = I64_CONST;
KIND[Op.block] = BLOCK;
KIND[Op.loop] = BLOCK;
KIND[Op.if] = BLOCK;
KIND[Op.end] = END;
KIND[Op.br] = BR;
KIND[Op.br_if] = BR_IF;
KIND[Op.return] = RETURN;
KIND[Op.call] = CALL;
KIND[Op.unreachable] = UNREACHABLE;

/** Frame kind of `block`, `loop` and `if`, by opcode. */
const FRAME_OF = new Uint8Array(0x100);
FRAME_OF[Op.block] = FRAME_BLOCK;
FRAME_OF[Op.loop] = FRAME_LOOP;
FRAME_OF[Op.if] = FRAME_IF;

/**
 * Validates the instruction sequence at `r.pos` up to the `end` closing its
 * outermost block (the frame `CodeValidator.run` pushed).
 */
export function validateFast(v: CodeValidator, r: Reader): void {
  const bytes = r.bytes;
  const end = r.end;
  const ctx = v.ctx;
  const globals = ctx.globals;
  // Locals by index, or null to leave them all to the general path.
  const locals = v.locals.plainTypes();
  const numLocals = v.locals.count;
  // Loads and stores: memory 0's signatures, or null (no memory) for the general path.
  const memory = v.ctx.memories[0];
  const memParams = memory === undefined ? null : memory.is64 ? PARAMS64 : PARAMS32;
  const memResult = memory !== undefined && memory.is64 ? RESULT64 : RESULT32;
  let pos = r.pos;
  let vals = v.vals;
  let vlen = v.vlen;
  let max = v.maxHeight;
  // Operand stack height at the start of the current frame; operands below are not its own.
  let height = v.cHeight[v.depth - 1]!;
  for (;;) {
    // Each case either handles the instruction and continues, or breaks to the general path.
    // At the end of the input, 0xff (no opcode, no fast path): the general path reports it.
    const b = pos < end ? bytes[pos]! : 0xff;
    switch (KIND[b]) {
      case SIG: {
        const n = ARITY[b]!;
        if (!popOk(vals, vlen, height, n, PARAMS32, b * 3)) break;
        vlen -= n;
        const t = RESULT32[b]!;
        if (t !== -1) {
          if (vlen === vals.length) break;
          vals[vlen++] = t;
          if (vlen > max) max = vlen;
        }
        pos++;
        continue;
      }
      case MEM: {
        if (memParams === null || pos + 2 >= end) break;
        const align = bytes[pos + 1]!;
        // One byte of flags: memory 0 and the alignment, at most natural.
        if (align > MAX_ALIGN[b]!) break;
        const next = skipLeb(bytes, pos + 2, end, 4);
        const n = ARITY[b]!;
        if (next < 0 || !popOk(vals, vlen, height, n, memParams, b * 3)) break;
        vlen -= n;
        const t = memResult[b]!;
        if (t !== -1) {
          // A load pops its address first: there is room.
          vals[vlen++] = t;
        }
        pos = next;
        continue;
      }
      case LOCAL_GET: {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (locals === null || x >= 0x80 || x >= numLocals || vlen === vals.length) break;
        vals[vlen++] = locals[x]!;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case LOCAL_SET:
      case LOCAL_TEE: {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (locals === null || x >= 0x80 || x >= numLocals) break;
        if (vlen === height || vals[vlen - 1] !== locals[x]) break;
        // local.tee pops and pushes the same type: nothing changes.
        if (b === Op.local_set) vlen--;
        pos += 2;
        continue;
      }
      case GLOBAL_GET: {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (x >= 0x80 || x >= globals.length || vlen === vals.length) break;
        vals[vlen++] = globals[x]!.type;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case GLOBAL_SET: {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (x >= 0x80 || x >= globals.length) break;
        const g = globals[x]!;
        if (!g.mutable || vlen === height || vals[vlen - 1] !== g.type) break;
        vlen--;
        pos += 2;
        continue;
      }
      case I32_CONST:
      case I64_CONST: {
        // Any LEB128 of at most 4 bytes is a valid s32, of at most 9 a valid s64.
        const next = skipLeb(bytes, pos + 1, end, b === Op.i32_const ? 4 : 9);
        if (next < 0 || vlen === vals.length) break;
        vals[vlen++] = b === Op.i32_const ? I32 : I64;
        if (vlen > max) max = vlen;
        pos = next;
        continue;
      }
      case BLOCK: {
        // Block type: empty, or one number or vector type (0x7b to 0x7f).
        const bt = pos + 1 < end ? bytes[pos + 1]! : 0;
        if (bt !== 0x40 && (bt < 0x7b || bt > 0x7f)) break;
        if (b === Op.if) {
          if (vlen === height || vals[vlen - 1] !== I32) break;
          vlen--;
        }
        v.vlen = vlen;
        v.pushFrame(FRAME_OF[b]!, NO_TYPES, bt === 0x40 ? NO_TYPES : single(bt), v.count - 1);
        height = vlen;
        pos += 2;
        continue;
      }
      case END: {
        // The end of a block, loop, else branch or try_table whose results are exactly on the stack.
        const d = v.depth - 1;
        const kind = v.cKind[d]!;
        if (
          kind !== FRAME_BLOCK &&
          kind !== FRAME_LOOP &&
          kind !== FRAME_ELSE &&
          kind !== FRAME_TRY
        )
          break;
        const results = v.cResults[d]!;
        if (vlen !== height + results.length || !topIs(vals, vlen, height, results)) break;
        // The frame's results stay where they are: popped and pushed back.
        v.locals.reset(v.cInits[d]!);
        v.depth = d;
        height = v.cHeight[d - 1]!;
        pos++;
        continue;
      }
      case BR:
      case BR_IF: {
        const l = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        const depth = v.depth;
        if (l >= 0x80 || l >= depth) break;
        const target = depth - 1 - l;
        const types = v.cKind[target] === FRAME_LOOP ? v.cParams[target]! : v.cResults[target]!;
        if (b === Op.br) {
          if (!topIs(vals, vlen, height, types)) break;
          vlen = height;
          v.cUnreachable[depth - 1] = 1;
        } else {
          // The condition, then the label's values, which stay.
          if (vlen === height || vals[vlen - 1] !== I32) break;
          if (!topIs(vals, vlen - 1, height, types)) break;
          vlen--;
        }
        pos += 2;
        continue;
      }
      case RETURN:
        if (!topIs(vals, vlen, height, v.results)) break;
        vlen = height;
        v.cUnreachable[v.depth - 1] = 1;
        pos++;
        continue;
      case UNREACHABLE:
        vlen = height;
        v.cUnreachable[v.depth - 1] = 1;
        pos++;
        continue;
      case CALL: {
        // A function index of at most 4 bytes (below 2^28: no overflow to check).
        let f = 0;
        let next = pos + 1;
        for (let shift = 0; shift < 28 && next < end; shift += 7) {
          const byte = bytes[next++]!;
          f |= (byte & 0x7f) << shift;
          if (byte < 0x80) {
            f = ~f;
            break;
          }
        }
        // f is the complement of the index once its last byte is read.
        if (f >= 0) break;
        f = ~f;
        const funcTypes = ctx.funcTypes;
        if (f >= funcTypes.length) break;
        const ft = ctx.types[funcTypes[f]!]!.comp as FuncType;
        const params = ft.params;
        const results = ft.results;
        if (!topIs(vals, vlen, height, params)) break;
        const top = vlen - params.length + results.length;
        if (top > vals.length) break;
        for (let i = 0; i < results.length; i++) vals[vlen - params.length + i] = results[i]!;
        vlen = top;
        if (vlen > max) max = vlen;
        pos = next;
        continue;
      }
    }
    // The general path, for one instruction.
    r.pos = pos;
    v.vlen = vlen;
    v.maxHeight = max;
    v.step(r);
    if (v.depth === 0) return;
    pos = r.pos;
    vals = v.vals;
    vlen = v.vlen;
    max = v.maxHeight;
    height = v.cHeight[v.depth - 1]!;
  }
}

/** Whether the `n` operands on top of the frame's stack have exactly the types `params[at...]`. */
function popOk(
  vals: Int32Array,
  vlen: number,
  height: number,
  n: number,
  params: Int32Array,
  at: number,
): boolean {
  if (vlen - height < n) return false;
  for (let i = 0; i < n; i++) {
    if (vals[vlen - n + i] !== params[at + i]) return false;
  }
  return true;
}

/** Whether the top `types.length` operands of the frame's stack have exactly `types`. */
function topIs(vals: Int32Array, vlen: number, height: number, types: readonly ValType[]): boolean {
  const n = types.length;
  if (vlen - height < n) return false;
  for (let i = 0; i < n; i++) {
    if (vals[vlen - n + i] !== types[i]) return false;
  }
  return true;
}

/** The offset after a LEB128 at `pos` of at most `limit` bytes, or -1 if it is longer. */
function skipLeb(bytes: Uint8Array, pos: number, end: number, limit: number): number {
  const last = Math.min(pos + limit, end);
  while (pos < last) {
    if (bytes[pos++]! < 0x80) return pos;
  }
  return -1;
}
