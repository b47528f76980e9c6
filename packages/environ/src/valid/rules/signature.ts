/**
 * The one rule of every instruction typed by its signature in environ's
 * `OPS` (`params`/`results` not null): numeric and SIMD instructions,
 * memory accesses, `i31` and `array.len`... It pops the params and pushes
 * the results, with the address pseudo-type (`ADDR`) resolved to the
 * memory's address type, after the checks of immediates a signature cannot
 * express (alignment, exactly natural for atomic accesses; offsets of 32-bit
 * memories, lane indices).
 */
import { ADDR, Imm, Op, OPS, OP_ID_LIMIT, type OpInfo } from '../../opcodes.js';
import { I32, I64, type ValType } from '../../types.js';
import type { CodeValidator } from '../code.js';
import { memoryAddr } from '../lookups.js';

/** Signatures with the address pseudo-type resolved, for 32- and 64-bit memories. */
const SIG32: (readonly ValType[] | null)[] = [];
const SIG64: (readonly ValType[] | null)[] = [];
const RES32: (readonly ValType[] | null)[] = [];
const RES64: (readonly ValType[] | null)[] = [];
const USES_ADDR = new Uint8Array(OP_ID_LIMIT);
// Signatures without the address pseudo-type are used as they are (most
// of them): this runs on every import of environ.
const resolve = (ts: readonly ValType[], a: ValType): readonly ValType[] =>
  ts.includes(ADDR) ? ts.map((t) => (t === ADDR ? a : t)) : ts;
for (const op of OPS) {
  if (op === undefined || op.params === null || op.results === null) continue;
  SIG32[op.id] = resolve(op.params, I32);
  SIG64[op.id] = resolve(op.params, I64);
  RES32[op.id] = resolve(op.results, I32);
  RES64[op.id] = resolve(op.results, I64);
  if (op.params.includes(ADDR) || op.results.includes(ADDR)) USES_ADDR[op.id] = 1;
}

/** Validates an instruction typed by signature (`op.params` is not null). */
export function checkTyped(
  v: CodeValidator,
  id: number,
  op: OpInfo,
  imm: Int32Array,
  at: number,
): void {
  if (op.imm === Imm.LANE || op.imm === Imm.SHUFFLE) checkLanes(v, op, imm, at);
  if (USES_ADDR[id] === 0) {
    v.popAll(op.params!);
    v.pushAll(op.results!);
    return;
  }
  let addr: ValType;
  if (op.imm === Imm.MEMARG || op.imm === Imm.MEMARG_LANE) {
    addr = checkMemarg(v, op, imm, at);
    if (op.imm === Imm.MEMARG_LANE && imm[at + 4]! >= 16 / op.width) v.fail('invalid lane index');
  } else {
    addr = memoryAddr(v, imm[at]!);
  }
  const wide = addr === I64;
  v.popAll((wide ? SIG64 : SIG32)[id]!);
  v.pushAll((wide ? RES64 : RES32)[id]!);
}

/** Checks a memory argument; returns the memory's address type. */
function checkMemarg(v: CodeValidator, op: OpInfo, imm: Int32Array, at: number): ValType {
  const addr = memoryAddr(v, imm[at]!);
  const align = imm[at + 1]!;
  if (op.prefix === 0xfe) {
    if (align > 3 || 1 << align !== op.width) v.fail('atomic alignment must be natural');
  } else if (align > 4 || 1 << align > op.width) {
    v.fail('alignment must not be larger than natural');
  }
  if (addr === I32 && imm[at + 3] !== 0) v.fail('offset out of range');
  return addr;
}

/** Lane and shuffle index checks that the signature table cannot express. */
function checkLanes(v: CodeValidator, op: OpInfo, imm: Int32Array, at: number): void {
  if (op.imm === Imm.LANE && imm[at]! >= op.width) v.fail('invalid lane index');
  if (op.id === Op.i8x16_shuffle) {
    for (let w = 0; w < 4; w++) {
      const word = imm[at + w]!;
      for (let b = 0; b < 4; b++) {
        if (((word >>> (8 * b)) & 0xff) >= 32) v.fail('invalid lane index');
      }
    }
  }
}
