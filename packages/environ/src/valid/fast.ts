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
const UNARY = 2;
const BINARY = 3;
const LOAD = 4;
const STORE = 5;
const LOCAL_GET = 6;
const LOCAL_SET = 7;
const LOCAL_TEE = 8;
const GLOBAL_GET = 9;
const GLOBAL_SET = 10;
const I32_CONST = 11;
const I64_CONST = 12;
const BLOCK = 13;
const END = 14;
const BR = 15;
const BR_IF = 16;
const RETURN = 17;
const CALL = 18;
const UNREACHABLE = 19;

const KIND = new Uint8Array(0x100);
/** Number of operands of a SIG instruction, and their types (3 slots per opcode). */
const ARITY = new Uint8Array(0x100);
const PARAMS = new Int32Array(0x100 * 3);
/** First and second operand types of UNARY, BINARY and STORE instructions (the address aside). */
const P0 = new Int32Array(0x100);
const P1 = new Int32Array(0x100);
/** Result type of SIG, UNARY, BINARY and LOAD instructions, or -1 for none. */
const RESULT = new Int32Array(0x100).fill(-1);
/** Largest alignment (log2) of a LOAD or STORE: its natural alignment. */
const MAX_ALIGN = new Uint8Array(0x100);

for (let b = 0; b < 0x100; b++) {
  const op = OPS[b];
  if (op === undefined || op.params === null || op.results === null) continue;
  const params = op.params;
  if (op.results.length > 1 || op.results[0] === ADDR) continue;
  const result = op.results.length === 1 ? op.results[0]! : -1;
  if (op.imm === Imm.MEMARG) {
    // Plain loads `[a] -> [t]` and stores `[a t] -> []`.
    if (params[0] !== ADDR || params.length !== (result === -1 ? 2 : 1)) continue;
    KIND[b] = result === -1 ? STORE : LOAD;
    P1[b] = params[1] ?? 0;
    MAX_ALIGN[b] = Math.log2(op.width);
  } else if (op.imm === Imm.NONE && !params.includes(ADDR)) {
    if (params.length === 1 && result !== -1) KIND[b] = UNARY;
    else if (params.length === 2 && result !== -1) KIND[b] = BINARY;
    else if (params.length <= 3) KIND[b] = SIG;
    else continue;
    ARITY[b] = params.length;
    params.forEach((t, i) => (PARAMS[b * 3 + i] = t));
    P0[b] = params[0] ?? 0;
    P1[b] = params[1] ?? 0;
  } else {
    continue;
  }
  RESULT[b] = result;
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
  // Loads and stores: memory 0's address type, or 0 (no memory: the general path).
  const memory = ctx.memories[0];
  const addr = memory === undefined ? 0 : memory.is64 ? I64 : I32;
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
      case UNARY:
        if (vlen === height || vals[vlen - 1] !== P0[b]) break;
        vals[vlen - 1] = RESULT[b]!;
        pos++;
        continue;
      case BINARY:
        if (vlen - height < 2 || vals[vlen - 2] !== P0[b] || vals[vlen - 1] !== P1[b]) break;
        vals[--vlen - 1] = RESULT[b]!;
        pos++;
        continue;
      case SIG: {
        const n = ARITY[b]!;
        if (!popOk(vals, vlen, height, n, PARAMS, b * 3)) break;
        vlen -= n;
        const t = RESULT[b]!;
        if (t !== -1) {
          if (vlen === vals.length) break;
          vals[vlen++] = t;
          if (vlen > max) max = vlen;
        }
        pos++;
        continue;
      }
      case LOAD:
      case STORE: {
        // One byte of flags (memory 0, alignment at most natural), an offset of at most 4 bytes.
        if (addr === 0 || pos + 2 >= end || bytes[pos + 1]! > MAX_ALIGN[b]!) break;
        let next = pos + 2;
        const last = next + 4 < end ? next + 4 : end;
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last) break;
        if (KIND[b] === LOAD) {
          // The address is replaced by the loaded value.
          if (vlen === height || vals[vlen - 1] !== addr) break;
          vals[vlen - 1] = RESULT[b]!;
        } else {
          if (vlen - height < 2 || vals[vlen - 2] !== addr || vals[vlen - 1] !== P1[b]) break;
          vlen -= 2;
        }
        pos = next + 1;
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
        let next = pos + 1;
        const limit = next + (b === Op.i32_const ? 4 : 9);
        const last = limit < end ? limit : end;
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last || vlen === vals.length) break;
        vals[vlen++] = b === Op.i32_const ? I32 : I64;
        if (vlen > max) max = vlen;
        pos = next + 1;
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
