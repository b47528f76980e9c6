/**
 * The fast paths of `validateFast` (fast.ts) for the less frequent kinds
 * (14 to 19 in fast-tables.ts): `nop`, branches, `return`, `call` and
 * `unreachable`. They are apart from the loop, on the validator's own
 * state rather than on the loop's locals, to keep the loop small: it is
 * compiled sooner and faster.
 */
import { I32, type FuncType, type ValType } from '../types.js';
import type { Reader } from '../binary/reader.js';
import type { CodeValidator } from './code.js';
import { KIND } from './fast-tables.js';
import { FRAME_LOOP } from './stacks.js';

/**
 * Validates the instruction of opcode `b` at `r.pos` if its fast path
 * applies; else returns false, having changed nothing. The input has at
 * least 16 bytes from `r.pos` (see `validateFast`): no bounds checks.
 */
export function fastControl(v: CodeValidator, r: Reader, b: number): boolean {
  const bytes = r.bytes;
  const pos = r.pos;
  const vals = v.vals;
  const vlen = v.vlen;
  const height = v.cHeight[v.depth - 1]!;
  switch (KIND[b]) {
    case 14 /* nop */:
      r.pos = pos + 1;
      return true;
    case 15: /* br */
    case 16: /* br_if */ {
      // The label, in one or two bytes.
      let l = bytes[pos + 1]!;
      let next = pos + 2;
      if (l >= 0x80) {
        const high = bytes[next]!;
        if (high >= 0x80) return false;
        l = (l & 0x7f) | (high << 7);
        next++;
      }
      const depth = v.depth;
      if (l >= depth) return false;
      const target = depth - 1 - l;
      const types = v.cKind[target] === FRAME_LOOP ? v.cParams[target]! : v.cResults[target]!;
      if (b === 0x0c) {
        // br
        if (!topIs(vals, vlen, height, types)) return false;
        v.vlen = height;
        v.cUnreachable[depth - 1] = 1;
      } else {
        // The condition, then the label's values, which stay.
        if (vlen === height || vals[vlen - 1] !== I32) return false;
        if (!topIs(vals, vlen - 1, height, types)) return false;
        v.vlen = vlen - 1;
      }
      r.pos = next;
      return true;
    }
    case 17 /* return */:
      if (!topIs(vals, vlen, height, v.results)) return false;
      v.vlen = height;
      v.cUnreachable[v.depth - 1] = 1;
      r.pos = pos + 1;
      return true;
    case 18: /* call */ {
      // A function index of at most 4 bytes (below 2^28: no overflow to check).
      let f = 0;
      let next = pos + 1;
      for (let shift = 0; shift < 28; shift += 7) {
        const byte = bytes[next++]!;
        f |= (byte & 0x7f) << shift;
        if (byte < 0x80) {
          f = ~f;
          break;
        }
      }
      // f is the complement of the index once its last byte is read.
      if (f >= 0) return false;
      f = ~f;
      const ctx = v.ctx;
      if (f >= ctx.funcTypes.length) return false;
      const ft = ctx.types[ctx.funcTypes[f]!]!.comp as FuncType;
      const params = ft.params;
      const results = ft.results;
      if (!topIs(vals, vlen, height, params)) return false;
      const top = vlen - params.length + results.length;
      if (top > vals.length) return false;
      for (let i = 0; i < results.length; i++) vals[vlen - params.length + i] = results[i]!;
      v.vlen = top;
      if (top > v.maxHeight) v.maxHeight = top;
      r.pos = next;
      return true;
    }
    case 19 /* unreachable */:
      v.vlen = height;
      v.cUnreachable[v.depth - 1] = 1;
      r.pos = pos + 1;
      return true;
  }
  return false;
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
