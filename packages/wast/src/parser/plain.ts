/**
 * Plain instructions: a mnemonic looked up in environ's opcode table and its
 * immediates, read according to the instruction's `Imm` kind and written in
 * the binary layout of environ's immediate decoder (prefix byte + LEB128
 * sub-opcode, lane indices as single bytes, memarg flags with bit 6 for a
 * memory index). Structured and folded instructions are instructions.ts's.
 */
import { Imm, OP_BY_NAME, type OpInfo } from '@weft/environ';
import type { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { parseNat } from '../numbers.js';
import type { FuncContext, ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { printId, Space } from './identifiers.js';
import { BINARY_VARIANTS, isKnownKeyword } from './keywords.js';
import { readF32, readF64, readI32, readI64, readV128 } from './literals.js';
import { parseTypeUse } from './types.js';
import {
  isNullable,
  parseHeapType,
  parseRefType,
  parseValType,
  writeHeapTypeOf,
  writeValType,
  type ValType,
} from './valtypes.js';

/** Mnemonics of the structured instructions, which are not plain instructions. */
const STRUCTURAL: ReadonlySet<string> = new Set([
  'block',
  'loop',
  'if',
  'try_table',
  'else',
  'end',
  'try',
  'catch',
  'catch_all',
  'delegate',
]);

function opcode(w: ByteWriter, op: OpInfo): void {
  if (op.prefix !== 0) w.byte(op.prefix).u32(op.code);
  else w.byte(op.code);
}

/** An index in `space` (a number or an identifier), which must be there. */
export function readVar(ctx: ModuleContext, space: Space): number {
  const cur: Cursor = ctx.cur;
  if (!Space.isVar(cur)) cur.unexpected();
  return space.resolve(cur);
}

/** An optional index in `space`: 0 when absent. */
function readOptVar(ctx: ModuleContext, space: Space): number {
  return Space.isVar(ctx.cur) ? space.resolve(ctx.cur) : 0;
}

/** A label index, resolved against the enclosing blocks of `fn`. */
export function readLabel(ctx: ModuleContext, fn: FuncContext): number {
  const cur: Cursor = ctx.cur;
  if (!Space.isVar(cur)) cur.unexpected();
  return fn.labels.resolve(cur);
}

/** Parses a plain instruction at the cursor (its mnemonic and immediates) into `w`. */
export function writePlain(ctx: ModuleContext, fn: FuncContext, w: ByteWriter): void {
  const cur: Cursor = ctx.cur;
  const kw = cur.text();
  const op = OP_BY_NAME.get(kw);
  if (op === undefined || BINARY_VARIANTS.has(kw) || STRUCTURAL.has(kw)) {
    if (!isKnownKeyword(kw)) cur.fail(`unknown operator ${kw}`);
    cur.unexpected();
  }
  cur.pos++;
  switch (op.imm) {
    case Imm.NONE:
      opcode(w, op);
      return;
    case Imm.ZERO_BYTE:
      opcode(w, op);
      w.byte(0);
      return;
    case Imm.OPERAND_TYPE:
      if (kw === 'select') return writeSelect(ctx, w, op);
      opcode(w, op);
      return;
    case Imm.LABEL:
      opcode(w, op);
      w.u32(readLabel(ctx, fn));
      return;
    case Imm.BR_TABLE: {
      const labels: number[] = [readLabel(ctx, fn)];
      while (Space.isVar(cur)) labels.push(fn.labels.resolve(cur));
      opcode(w, op);
      w.u32(labels.length - 1);
      for (const l of labels) w.u32(l);
      return;
    }
    case Imm.FUNC:
      opcode(w, op);
      w.u32(readVar(ctx, ctx.funcs));
      return;
    case Imm.CALL_INDIRECT: {
      const table = readOptVar(ctx, ctx.tables);
      const use = parseTypeUse(ctx, false);
      opcode(w, op);
      w.u32(use.index).u32(table);
      return;
    }
    case Imm.TYPE:
      opcode(w, op);
      w.u32(readVar(ctx, ctx.types));
      return;
    case Imm.LOCAL:
      opcode(w, op);
      w.u32(readVar(ctx, fn.locals));
      return;
    case Imm.GLOBAL:
      opcode(w, op);
      w.u32(readVar(ctx, ctx.globals));
      return;
    case Imm.TAG:
      opcode(w, op);
      w.u32(readVar(ctx, ctx.tags));
      return;
    case Imm.ELEM:
      opcode(w, op);
      w.u32(readVar(ctx, ctx.elems));
      return;
    case Imm.DATA:
      ctx.usesDataIndex = true;
      opcode(w, op);
      w.u32(readVar(ctx, ctx.datas));
      return;
    case Imm.TABLE:
      opcode(w, op);
      w.u32(readOptVar(ctx, ctx.tables));
      return;
    case Imm.MEM:
      opcode(w, op);
      w.u32(readOptVar(ctx, ctx.memories));
      return;
    case Imm.MEMARG: {
      const memory = readOptVar(ctx, ctx.memories);
      opcode(w, op);
      writeMemarg(cur, w, op, memory);
      return;
    }
    case Imm.MEMARG_LANE: {
      // A memory index is present if an identifier, or a number followed by another
      // number or by the memarg keywords.
      let memory = 0;
      if (
        cur.peek() === Tok.ID ||
        (cur.isNat() &&
          (cur.peek(1) === Tok.NUM ||
            (cur.peek(1) === Tok.KEYWORD && /^(offset|align)=/.test(cur.text(1)))))
      ) {
        memory = ctx.memories.resolve(cur);
      }
      opcode(w, op);
      writeMemarg(cur, w, op, memory);
      w.byte(readLane(cur));
      return;
    }
    case Imm.LANE:
      opcode(w, op);
      w.byte(readLane(cur));
      return;
    case Imm.SHUFFLE: {
      let n = 0;
      while (cur.peek(n) === Tok.NUM) n++;
      cur.checkKeyword(n);
      if (n !== 16) {
        cur.semantic('invalid lane length');
        cur.pos += n;
        return;
      }
      opcode(w, op);
      for (let i = 0; i < 16; i++) {
        // Any numeric literal is taken, but only small integers are lane indices.
        if (!cur.isNat()) {
          cur.semantic('i8 constant out of range');
          cur.pos++;
          w.byte(0);
        } else w.byte(readLane(cur));
      }
      return;
    }
    case Imm.I32:
      opcode(w, op);
      w.s32(readI32(cur));
      return;
    case Imm.I64:
      opcode(w, op);
      w.s64(readI64(cur));
      return;
    case Imm.F32:
      opcode(w, op);
      w.u32le(readF32(cur));
      return;
    case Imm.F64:
      opcode(w, op);
      w.u64le(readF64(cur));
      return;
    case Imm.V128:
      opcode(w, op);
      w.bytes(readV128(cur));
      return;
    case Imm.HEAP: {
      if (kw === 'ref.null') {
        const heap = parseHeapType(ctx);
        opcode(w, op);
        writeHeapTypeOf(w, heap);
        return;
      }
      // ref.test / ref.cast / ref.cast_desc_eq: a nullable target selects the _null variant.
      const t = parseRefType(ctx);
      opcode(w, isNullable(t) ? OP_BY_NAME.get(`${kw}_null`)! : op);
      writeHeapTypeOf(w, t);
      return;
    }
    case Imm.BR_ON_CAST: {
      const label = readLabel(ctx, fn);
      const t1 = parseRefType(ctx);
      const t2 = parseRefType(ctx);
      opcode(w, op);
      w.byte((isNullable(t1) ? 1 : 0) | (isNullable(t2) ? 2 : 0));
      w.u32(label);
      writeHeapTypeOf(w, t1);
      writeHeapTypeOf(w, t2);
      return;
    }
    case Imm.TYPE_FIELD: {
      const type = readVar(ctx, ctx.types);
      let field: number;
      if (cur.peek() === Tok.ID) {
        const name = cur.idName()!;
        const f = ctx.typeInfos[type]?.fields.get(name);
        if (f === undefined) cur.semantic(`unknown field ${printId(name)}`);
        cur.pos++;
        field = f ?? 0;
      } else {
        field = cur.u32(true);
      }
      opcode(w, op);
      w.u32(type).u32(field);
      return;
    }
    case Imm.TYPE_TYPE: {
      const a = readVar(ctx, ctx.types);
      const b = readVar(ctx, ctx.types);
      opcode(w, op);
      w.u32(a).u32(b);
      return;
    }
    case Imm.TYPE_DATA: {
      ctx.usesDataIndex = true;
      const a = readVar(ctx, ctx.types);
      const b = readVar(ctx, ctx.datas);
      opcode(w, op);
      w.u32(a).u32(b);
      return;
    }
    case Imm.TYPE_ELEM: {
      const a = readVar(ctx, ctx.types);
      const b = readVar(ctx, ctx.elems);
      opcode(w, op);
      w.u32(a).u32(b);
      return;
    }
    case Imm.TYPE_COUNT: {
      const a = readVar(ctx, ctx.types);
      const n = cur.u32();
      opcode(w, op);
      w.u32(a).u32(n);
      return;
    }
    case Imm.MEM_INIT: {
      ctx.usesDataIndex = true;
      let memory = 0;
      if (Space.isVar(cur, 1)) memory = readVar(ctx, ctx.memories);
      const data = readVar(ctx, ctx.datas);
      opcode(w, op);
      w.u32(data).u32(memory);
      return;
    }
    case Imm.MEM_COPY: {
      let a = 0;
      let b = 0;
      if (Space.isVar(cur)) {
        a = readVar(ctx, ctx.memories);
        b = readVar(ctx, ctx.memories);
      }
      opcode(w, op);
      w.u32(a).u32(b);
      return;
    }
    case Imm.TABLE_INIT: {
      let table = 0;
      if (Space.isVar(cur, 1)) table = readVar(ctx, ctx.tables);
      const elem = readVar(ctx, ctx.elems);
      opcode(w, op);
      w.u32(elem).u32(table);
      return;
    }
    case Imm.TABLE_COPY: {
      let a = 0;
      let b = 0;
      if (Space.isVar(cur)) {
        a = readVar(ctx, ctx.tables);
        b = readVar(ctx, ctx.tables);
      }
      opcode(w, op);
      w.u32(a).u32(b);
      return;
    }
    default:
      cur.unexpected(cur.pos - 1);
  }
}

/** `select` with optional `(result t*)*` clauses (the typed variant if any). */
function writeSelect(ctx: ModuleContext, w: ByteWriter, op: OpInfo): void {
  const cur: Cursor = ctx.cur;
  if (!cur.isField('result')) {
    opcode(w, op);
    return;
  }
  const types: ValType[] = [];
  while (cur.isField('result')) {
    cur.pos += 2;
    while (cur.peek() !== Tok.RPAR) types.push(parseValType(ctx));
    cur.rpar();
  }
  opcode(w, OP_BY_NAME.get('select_t')!);
  w.u32(types.length);
  for (const t of types) writeValType(w, t);
}

/** `offset=N? align=N?`, written as flags (alignment, memory bit), memory index, offset. */
function writeMemarg(cur: Cursor, w: ByteWriter, op: OpInfo, memory: number): void {
  let offset = 0n;
  let alignLog2 = Math.log2(op.width);
  if (cur.peek() === Tok.KEYWORD && cur.text().startsWith('offset=')) {
    const v = parseNat(cur.text().slice(7));
    if (v === null) cur.fail(`unknown operator ${cur.text()}`);
    if (v >= 1n << 64n) cur.fail('i64 constant out of range');
    offset = v;
    cur.pos++;
  }
  if (cur.peek() === Tok.KEYWORD && cur.text().startsWith('align=')) {
    const v = parseNat(cur.text().slice(6));
    if (v === null) cur.fail(`unknown operator ${cur.text()}`);
    if (v >= 1n << 64n) cur.fail('i64 constant out of range');
    if (v === 0n || (v & (v - 1n)) !== 0n) cur.fail('alignment must be a power of two');
    alignLog2 = v.toString(2).length - 1;
    cur.pos++;
  }
  if (memory !== 0) w.u32(alignLog2 | 0x40).u32(memory);
  else w.u32(alignLog2);
  w.u64(offset);
}

/**
 * A lane index: an unsigned integer below 256, written as one byte
 * (`laneidx ::= byte`). Indices out of an instruction's lane range are
 * left for validation to reject.
 */
function readLane(cur: Cursor): number {
  return Number(cur.nat(8, 'i8 constant out of range', true));
}
