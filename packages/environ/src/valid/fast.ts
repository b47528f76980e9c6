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
 *
 * The loop is written for the interpreter as much as for the JIT: its
 * switch has literal case labels (the kinds of fast-tables.ts), which
 * make a jump table, where named constants are compared one by one; and
 * the tables and constants it uses are copied to locals first, which the
 * interpreter reads from registers rather than from the module's context.
 */
import { I32, I64, type FuncType, type ValType } from '../types.js';
import type { Reader } from '../binary/reader.js';
import type { CodeValidator } from './code.js';
import {
  ARITY,
  FRAME_OF,
  KIND,
  KINDS,
  MAX_ALIGN,
  P0,
  P1,
  PARAMS,
  PLAIN_END,
  RESULT,
} from './fast-tables.js';
import { FRAME_LOOP, NO_TYPES, single } from './stacks.js';

// The switch of `validateFast` numbers the kinds by hand: check they still are these.
if (KINDS.length !== 19 || KINDS[0] !== 'unary' || KINDS[18] !== 'unreachable') {
  throw new Error('validator: the fast-path kinds changed; update validateFast');
}

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
  const kinds = KIND;
  const p0 = P0;
  const p1 = P1;
  const result = RESULT;
  const i32 = I32;
  const i64 = I64;
  // Loads and stores: memory 0's address type, or 0 (no memory: the general path).
  const memory = ctx.memories[0];
  const addr = memory === undefined ? 0 : memory.is64 ? i64 : i32;
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
    switch (kinds[b]) {
      case 1 /* unary */:
        if (vlen === height || vals[vlen - 1] !== p0[b]) break;
        vals[vlen - 1] = result[b]!;
        pos++;
        continue;
      case 2 /* binary */:
        if (vlen - height < 2 || vals[vlen - 2] !== p0[b] || vals[vlen - 1] !== p1[b]) break;
        vals[--vlen - 1] = result[b]!;
        pos++;
        continue;
      case 3: /* sig */ {
        const n = ARITY[b]!;
        if (!popOk(vals, vlen, height, n, PARAMS, b * 3)) break;
        vlen -= n;
        const t = result[b]!;
        if (t !== -1) {
          if (vlen === vals.length) break;
          vals[vlen++] = t;
          if (vlen > max) max = vlen;
        }
        pos++;
        continue;
      }
      case 4: /* load */
      case 5: /* store */ {
        // One byte of flags (memory 0, alignment at most natural), an offset of at most 4 bytes.
        if (addr === 0 || pos + 2 >= end || bytes[pos + 1]! > MAX_ALIGN[b]!) break;
        let next = pos + 2;
        const last = next + 4 < end ? next + 4 : end;
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last) break;
        if (kinds[b] === 4) {
          // The address is replaced by the loaded value.
          if (vlen === height || vals[vlen - 1] !== addr) break;
          vals[vlen - 1] = result[b]!;
        } else {
          if (vlen - height < 2 || vals[vlen - 2] !== addr || vals[vlen - 1] !== p1[b]) break;
          vlen -= 2;
        }
        pos = next + 1;
        continue;
      }
      case 6: /* local.get */ {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (locals === null || x >= 0x80 || x >= numLocals || vlen === vals.length) break;
        vals[vlen++] = locals[x]!;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case 7: /* local.set */
      case 8: /* local.tee */ {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (locals === null || x >= 0x80 || x >= numLocals) break;
        if (vlen === height || vals[vlen - 1] !== locals[x]) break;
        // local.tee pops and pushes the same type: nothing changes.
        if (b === 0x21) vlen--;
        pos += 2;
        continue;
      }
      case 9: /* global.get */ {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (x >= 0x80 || x >= globals.length || vlen === vals.length) break;
        vals[vlen++] = globals[x]!.type;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case 10: /* global.set */ {
        const x = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        if (x >= 0x80 || x >= globals.length) break;
        const g = globals[x]!;
        if (!g.mutable || vlen === height || vals[vlen - 1] !== g.type) break;
        vlen--;
        pos += 2;
        continue;
      }
      case 11: /* i32.const */
      case 12: /* i64.const */ {
        // Any LEB128 of at most 4 bytes is a valid s32, of at most 9 a valid s64.
        const is32 = b === 0x41;
        let next = pos + 1;
        const limit = next + (is32 ? 4 : 9);
        const last = limit < end ? limit : end;
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last || vlen === vals.length) break;
        vals[vlen++] = is32 ? i32 : i64;
        if (vlen > max) max = vlen;
        pos = next + 1;
        continue;
      }
      case 13: /* block, loop, if */ {
        // Block type: empty, or one number or vector type (0x7b to 0x7f).
        const bt = pos + 1 < end ? bytes[pos + 1]! : 0;
        if (bt !== 0x40 && (bt < 0x7b || bt > 0x7f)) break;
        if (b === 0x04) {
          // if
          if (vlen === height || vals[vlen - 1] !== i32) break;
          vlen--;
        }
        v.vlen = vlen;
        v.pushFrame(FRAME_OF[b]!, NO_TYPES, bt === 0x40 ? NO_TYPES : single(bt), v.count - 1);
        height = vlen;
        pos += 2;
        continue;
      }
      case 14: /* end */ {
        // Of a block, loop, else branch or try_table whose results are exactly on the stack.
        const d = v.depth - 1;
        if (PLAIN_END[v.cKind[d]!] === 0) break;
        const results = v.cResults[d]!;
        if (vlen !== height + results.length || !topIs(vals, vlen, height, results)) break;
        // The frame's results stay where they are: popped and pushed back.
        v.locals.reset(v.cInits[d]!);
        v.depth = d;
        height = v.cHeight[d - 1]!;
        pos++;
        continue;
      }
      case 15: /* br */
      case 16: /* br_if */ {
        const l = pos + 1 < end ? bytes[pos + 1]! : 0x80;
        const depth = v.depth;
        if (l >= 0x80 || l >= depth) break;
        const target = depth - 1 - l;
        const types = v.cKind[target] === FRAME_LOOP ? v.cParams[target]! : v.cResults[target]!;
        if (b === 0x0c) {
          // br
          if (!topIs(vals, vlen, height, types)) break;
          vlen = height;
          v.cUnreachable[depth - 1] = 1;
        } else {
          // The condition, then the label's values, which stay.
          if (vlen === height || vals[vlen - 1] !== i32) break;
          if (!topIs(vals, vlen - 1, height, types)) break;
          vlen--;
        }
        pos += 2;
        continue;
      }
      case 17 /* return */:
        if (!topIs(vals, vlen, height, v.results)) break;
        vlen = height;
        v.cUnreachable[v.depth - 1] = 1;
        pos++;
        continue;
      case 19 /* unreachable */:
        vlen = height;
        v.cUnreachable[v.depth - 1] = 1;
        pos++;
        continue;
      case 18: /* call */ {
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
