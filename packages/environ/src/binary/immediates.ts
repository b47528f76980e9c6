/**
 * Reads an instruction's immediates from the binary into the immediate pool,
 * in the layout its `Imm` kind documents. Decoding only: index bounds and
 * types are the validator's business.
 */
import { malformed } from '../errors.js';
import { Imm } from '../opcodes.js';
import type { IntPool } from './pool.js';
import type { Reader } from './reader.js';
import { heapOf, isExact } from '../types.js';
import { readBlockType, readHeapType, readHeapTypeInto, readValType } from './valtypes.js';

function readMemarg(r: Reader, pool: IntPool): void {
  const start = r.pos;
  const flags = r.u32();
  if (flags >= 0x80) malformed(start, 'malformed memop flags');
  const memory = flags & 0x40 ? r.u32() : 0;
  r.u64();
  const d = pool.data;
  const n = pool.length;
  d[n] = memory;
  d[n + 1] = flags & 0x3f;
  d[n + 2] = r.lo;
  d[n + 3] = r.hi;
  pool.length = n + 4;
}

/** Reads the immediates of an instruction of kind `kind`; `pool` must have 8 free slots. */
export function readImmediates(r: Reader, kind: Imm, pool: IntPool): void {
  const d = pool.data;
  const n = pool.length;
  switch (kind) {
    case Imm.NONE:
      return;
    case Imm.ZERO_BYTE:
      if (r.u8() !== 0) malformed(r.pos - 1, 'zero byte expected');
      return;
    case Imm.LABEL:
    case Imm.FUNC:
    case Imm.TYPE:
    case Imm.LOCAL:
    case Imm.GLOBAL:
    case Imm.TABLE:
    case Imm.MEM:
    case Imm.DATA:
    case Imm.ELEM:
    case Imm.TAG:
      d[n] = r.u32();
      pool.length = n + 1;
      return;
    case Imm.I32:
      d[n] = r.s32();
      pool.length = n + 1;
      return;
    case Imm.CALL_INDIRECT:
    case Imm.TYPE_FIELD:
    case Imm.TYPE_TYPE:
    case Imm.TYPE_DATA:
    case Imm.TYPE_ELEM:
    case Imm.TYPE_COUNT:
    case Imm.MEM_INIT:
    case Imm.MEM_COPY:
    case Imm.TABLE_INIT:
    case Imm.TABLE_COPY:
      d[n] = r.u32();
      d[n + 1] = r.u32();
      pool.length = n + 2;
      return;
    case Imm.CATCH:
      d[n] = r.u32();
      d[n + 1] = -1;
      pool.length = n + 2;
      return;
    case Imm.CATCH_ALL:
      d[n] = -1;
      pool.length = n + 1;
      return;
    case Imm.BLOCK:
      readBlockType(r, d, n);
      d[n + 2] = -1;
      d[n + 3] = -1;
      pool.length = n + 4;
      return;
    case Imm.MEMARG:
      readMemarg(r, pool);
      return;
    // Lane indices are plain bytes (`laneidx ::= l:byte`), not LEB128.
    case Imm.MEMARG_LANE:
      readMemarg(r, pool);
      d[pool.length++] = r.u8();
      return;
    case Imm.LANE:
      d[n] = r.u8();
      pool.length = n + 1;
      return;
    case Imm.I64:
      r.s64();
      d[n] = r.lo;
      d[n + 1] = r.hi;
      pool.length = n + 2;
      return;
    case Imm.F32:
      d[n] = r.u32le();
      pool.length = n + 1;
      return;
    case Imm.F64:
      d[n] = r.u32le();
      d[n + 1] = r.u32le();
      pool.length = n + 2;
      return;
    case Imm.V128:
      d[n] = r.u32le();
      d[n + 1] = r.u32le();
      d[n + 2] = r.u32le();
      d[n + 3] = r.u32le();
      pool.length = n + 4;
      return;
    case Imm.SHUFFLE:
      for (let w = 0; w < 4; w++) {
        let word = 0;
        for (let b = 0; b < 4; b++) word |= r.u8() << (8 * b);
        d[n + w] = word;
      }
      pool.length = n + 4;
      return;
    case Imm.SELECT_T: {
      const count = r.len32();
      // The validator rejects any count but 1; keep the first type and the count.
      let first = 0;
      for (let i = 0; i < count; i++) {
        const t = readValType(r);
        if (i === 0) first = t;
      }
      d[n] = first;
      d[n + 1] = count;
      pool.length = n + 2;
      return;
    }
    case Imm.OPERAND_TYPE:
      d[n] = 0;
      pool.length = n + 1;
      return;
    case Imm.HEAP:
      readHeapTypeInto(r, d, n);
      pool.length = n + 2;
      return;
    case Imm.BR_ON_CAST: {
      const flags = r.u8();
      if (flags & 0xfc) malformed(r.pos - 1, 'malformed br_on_cast flags');
      d[n + 1] = r.u32();
      const t1 = readHeapType(r);
      const t2 = readHeapType(r);
      d[n] = flags | (isExact(t1) ? 4 : 0) | (isExact(t2) ? 8 : 0);
      d[n + 2] = heapOf(t1);
      d[n + 3] = heapOf(t2);
      pool.length = n + 4;
      return;
    }
    case Imm.BR_TABLE: {
      const count = r.len32();
      pool.reserve(count + 2);
      const data = pool.data;
      data[n] = count;
      for (let i = 0; i <= count; i++) data[n + 1 + i] = r.u32();
      pool.length = n + count + 2;
      return;
    }
    case Imm.TRY_TABLE: {
      readBlockType(r, d, n);
      d[n + 2] = -1;
      d[n + 3] = -1;
      pool.length = n + 4;
      const count = r.len32();
      pool.reserve(1 + 3 * count);
      const data = pool.data;
      data[n + 4] = count;
      let at = n + 5;
      for (let i = 0; i < count; i++) {
        const kind = r.u8();
        if (kind > 3) malformed(r.pos - 1, 'malformed catch clause');
        data[at] = kind;
        data[at + 1] = kind < 2 ? r.u32() : -1;
        data[at + 2] = r.u32();
        at += 3;
      }
      pool.length = at;
      return;
    }
  }
}
