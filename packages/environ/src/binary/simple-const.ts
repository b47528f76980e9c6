/**
 * A shortcut for the most common constant expression, `i32.const n end` or
 * `i64.const n end` with `n` in at most 4 bytes: data and element segment
 * offsets and global initializers. A Go-compiled module has some 100,000
 * data segments, and running the general decoder and validator on each of
 * their offsets, three times (decoding, constant check, typing), costs more
 * than the shortcut by far.
 *
 * Such an expression is always well-formed and constant (any LEB128 of at
 * most 4 bytes is a valid s32 and s64), so it needs no error handling: for
 * anything else, `read` returns false and the caller takes the general
 * path, which reports errors as before.
 */
import { Op } from '../opcodes.js';
import { I32, I64, type ValType } from '../types.js';

/**
 * The offset just past the simple constant expression at `at` (reading
 * below `end`), or -1 if there is none there.
 */
export function simpleConstEnd(bytes: Uint8Array, at: number, end: number): number {
  const op = at < end ? bytes[at]! : 0;
  if (op !== 0x41 && op !== 0x42) return -1;
  // n, in at most 4 bytes.
  let pos = at + 1;
  const last = pos + 4 < end ? pos + 4 : end;
  while (pos < last && bytes[pos]! >= 0x80) pos++;
  if (pos === last) return -1;
  pos++;
  return pos < end && bytes[pos] === 0x0b ? pos + 1 : -1;
}

export class SimpleConst {
  /** The expression's type (I32 or I64), after a successful `read`. */
  type: ValType = I32;
  /** Its value (sign-extended to 64 bits for i64: `hi` is 0 or -1). */
  lo = 0;
  hi = 0;
  /** Offset just past its `end`. */
  next = 0;

  /** Whether the bytes at `at` (reading below `end`) are such an expression. */
  read(bytes: Uint8Array, at: number, end: number): boolean {
    const next = simpleConstEnd(bytes, at, end);
    if (next < 0) return false;
    // n, known to be at most 4 bytes: no checks.
    let pos = at + 1;
    let value = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[pos++]!;
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (b & 0x40) value |= -1 << shift;
    this.type = bytes[at] === 0x41 ? I32 : I64;
    this.lo = value;
    this.hi = value < 0 ? -1 : 0;
    this.next = next;
    return true;
  }

  /** The flat program of the expression read last (as `CodeValidator.analyzeConst` builds it). */
  program(): Int32Array {
    return this.type === I32
      ? Int32Array.of(Op.i32_const, 1, this.lo, Op.end, 0)
      : Int32Array.of(Op.i64_const, 2, this.lo, this.hi, Op.end, 0);
  }
}
