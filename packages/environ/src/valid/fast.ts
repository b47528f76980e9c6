/**
 * The instruction loop of validate-only mode (`CodeValidator.validate`: every
 * function body, at module creation), with fast paths for the most frequent
 * instructions: one-byte instructions typed by a signature of one or two
 * operands and a result, plain loads and stores, locals, globals, integer
 * constants, blocks and `end` here; `nop`, branches, `return`, `call` and
 * `unreachable` in fast-control.ts. Compiled code is mostly these (in a
 * Go-compiled module, over 99% of all instructions).
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
import { I32, I64 } from '../types.js';
import type { Reader } from '../binary/reader.js';
import type { CodeValidator } from './code.js';
import { fastControl } from './fast-control.js';
import { FRAME_OF, KIND, KINDS, MAX_ALIGN, P0, P1, PLAIN_END, RESULT } from './fast-tables.js';
import { FRAME_IF, NO_TYPES, single } from './stacks.js';

// The switches of `validateFast` and `fastControl` number the kinds by hand: check they still are these.
if (
  KINDS.length !== 19 ||
  KINDS[0] !== 'unary' ||
  KINDS[11] !== 'block' ||
  KINDS[13] !== 'nop' ||
  KINDS[18] !== 'unreachable'
) {
  throw new Error('validator: the fast-path kinds changed; update validateFast');
}

/**
 * Validates the instruction sequence at `r.pos` up to the `end` closing its
 * outermost block (the frame `CodeValidator.run` pushed).
 */
export function validateFast(v: CodeValidator, r: Reader): void {
  const bytes = r.bytes;
  // The fast paths read at most 16 bytes from an instruction's start without
  // bounds checks; the last 16 bytes of the input take the general path.
  const limit = r.end - 16;
  const ctx = v.ctx;
  const globals = ctx.globals;
  // Locals by index, or null to leave them all to the general path.
  const locals = v.locals.plainTypes();
  const numLocals = v.locals.count;
  const kinds = KIND;
  const p0 = P0;
  const p1 = P1;
  const result = RESULT;
  const maxAlign = MAX_ALIGN;
  const frameOf = FRAME_OF;
  const plainEnd = PLAIN_END;
  const frameIf = FRAME_IF;
  const none = NO_TYPES;
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
    // Near the end of the input, 0xff (no opcode, no fast path): the general path.
    const b = pos < limit ? bytes[pos]! : 0xff;
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
      case 3: /* load */
      case 4: /* store */ {
        // One byte of flags (memory 0, alignment at most natural), an offset of at most 4 bytes.
        if (addr === 0 || bytes[pos + 1]! > maxAlign[b]!) break;
        let next = pos + 2;
        const last = next + 4;
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last) break;
        if (kinds[b] === 3) {
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
      case 5: /* local.get */ {
        const x = bytes[pos + 1]!;
        if (locals === null || x >= 0x80 || x >= numLocals || vlen === vals.length) break;
        vals[vlen++] = locals[x]!;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case 6: /* local.set */
      case 7: /* local.tee */ {
        const x = bytes[pos + 1]!;
        if (locals === null || x >= 0x80 || x >= numLocals) break;
        if (vlen === height || vals[vlen - 1] !== locals[x]) break;
        // local.tee pops and pushes the same type: nothing changes.
        if (b === 0x21) vlen--;
        pos += 2;
        continue;
      }
      case 8: /* global.get */ {
        const x = bytes[pos + 1]!;
        if (x >= 0x80 || x >= globals.length || vlen === vals.length) break;
        vals[vlen++] = globals[x]!.type;
        if (vlen > max) max = vlen;
        pos += 2;
        continue;
      }
      case 9: /* global.set */ {
        const x = bytes[pos + 1]!;
        if (x >= 0x80 || x >= globals.length) break;
        const g = globals[x]!;
        if (!g.mutable || vlen === height || vals[vlen - 1] !== g.type) break;
        vlen--;
        pos += 2;
        continue;
      }
      case 10: /* i32.const */
      case 11: /* i64.const */ {
        // Any LEB128 of at most 4 bytes is a valid s32, of at most 9 a valid s64.
        const is32 = b === 0x41;
        let next = pos + 1;
        const last = next + (is32 ? 4 : 9);
        while (next < last && bytes[next]! >= 0x80) next++;
        if (next === last || vlen === vals.length) break;
        vals[vlen++] = is32 ? i32 : i64;
        if (vlen > max) max = vlen;
        pos = next + 1;
        continue;
      }
      case 12: /* block, loop, if */ {
        // Block type: empty, or one number or vector type (0x7b to 0x7f).
        const bt = bytes[pos + 1]!;
        if (bt !== 0x40 && (bt < 0x7b || bt > 0x7f)) break;
        if (b === 0x04) {
          // if: pops its condition.
          if (vlen === height || vals[vlen - 1] !== i32) break;
          vlen--;
        }
        v.vlen = vlen;
        v.pushFrame(frameOf[b]!, none, bt === 0x40 ? none : single(bt), v.count - 1);
        height = vlen;
        pos += 2;
        continue;
      }
      case 13: /* end */ {
        // Of a block, loop, else branch or try_table whose results are exactly on the stack.
        const d = v.depth - 1;
        const kind = v.cKind[d]!;
        const results = v.cResults[d]!;
        if (plainEnd[kind] === 0) {
          // Or of an `if` without `else` typed [] -> []: its implicit else branch is valid.
          if (kind !== frameIf || v.cParams[d]!.length !== 0 || results.length !== 0) break;
        }
        const n = results.length;
        if (vlen !== height + n) break;
        if (n !== 0 && (n !== 1 || vals[height] !== results[0])) break;
        // The frame's results stay where they are: popped and pushed back.
        v.locals.reset(v.cInits[d]!);
        v.depth = d;
        height = v.cHeight[d - 1]!;
        pos++;
        continue;
      }
    }
    // The other fast paths (fast-control.ts), or the general path, for one instruction.
    r.pos = pos;
    v.vlen = vlen;
    v.maxHeight = max;
    if (kinds[b] < 14 || !fastControl(v, r, b)) v.step(r);
    if (v.depth === 0) return;
    pos = r.pos;
    vals = v.vals;
    vlen = v.vlen;
    max = v.maxHeight;
    height = v.cHeight[v.depth - 1]!;
  }
}
