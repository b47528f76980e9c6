/**
 * Instructions: plain, structured (`block`/`loop`/`if`/`try_table` ... `end`)
 * and folded (`(op ...)`, `(if ... (then ...) (else ...))`), parsed with an
 * explicit stack so that nesting depth is bounded only by memory.
 *
 * Mnemonics and immediate syntax come from environ's opcode table: an
 * instruction is looked up in `OP_BY_NAME` and its immediates are read
 * according to its `Imm` kind, then written in the binary layout of
 * environ's immediate decoder (prefix byte + LEB128 sub-opcode, lane
 * indices as single bytes, memarg flags with bit 6 for a memory index).
 */
import { Imm, OP_BY_NAME, type OpInfo } from '@weft/environ';
import { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { parseNat } from '../numbers.js';
import { FuncContext, type ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { printId, Space } from './identifiers.js';
import { BINARY_VARIANTS, isKnownKeyword } from './keywords.js';
import { readF32, readF64, readI32, readI64, readV128 } from './literals.js';
import { parseBlockType, parseTypeUse, writeBlockType } from './types.js';
import { node, NodeKind, requestOrder, type RequestNode, type TypeRequest } from './typeorder.js';
import {
  isNullable,
  parseHeapType,
  parseRefType,
  parseValType,
  writeHeapTypeOf,
  writeValType,
  type ValType,
} from './valtypes.js';

/** Structured instructions, handled by the parser rather than by `Imm` kind. */
const BLOCKS: ReadonlyMap<string, number> = new Map([
  ['block', 0x02],
  ['loop', 0x03],
  ['if', 0x04],
  ['try_table', 0x1f],
  // Legacy exception handling: `try ... (catch x ...)* (catch_all ...)? end`, `try ... delegate l`.
  ['try', 0x06],
]);
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

const CATCHES: ReadonlyMap<string, number> = new Map([
  ['catch', 0],
  ['catch_ref', 1],
  ['catch_all', 2],
  ['catch_all_ref', 3],
]);

const Frame = {
  /** `block ... end` and friends. */
  Plain: 0,
  /** `(op imm* folded*)`: the op is written after its operands. */
  FoldedOp: 1,
  /** `(block ...)`, `(loop ...)`, `(try_table ...)`. */
  FoldedBlock: 2,
  /** `(if ... (then ...) (else ...))`. */
  FoldedIf: 3,
  /** The `(then ...)` of a folded if. */
  Then: 4,
  /** The `(else ...)` of a folded if. */
  Else: 5,
  /** A folded legacy `(try (do ...) (catch x ...)* (catch_all ...)? | (delegate l))`. */
  FoldedTry: 6,
  /** The `(do ...)`, `(catch x ...)` or `(catch_all ...)` of a folded legacy try. */
  TryPart: 7,
} as const;
type Frame = (typeof Frame)[keyof typeof Frame];

interface FrameState {
  kind: Frame;
  /** The instruction's node in the tree of type requests. */
  node: RequestNode | null;
  /** Block mnemonic (plain blocks). */
  op: string;
  label: string | null;
  /** Pending instruction (folded ops) or block header (folded ifs). */
  bytes: Uint8Array | null;
  /** Output length right after an `else` opcode, or -1. */
  elseAt: number;
  /**
   * Folded if: 0 before `(then`, 1 after it, 2 after `(else`. Legacy try:
   * -1 before `(do` (folded), 0 in the body, 1 in a `catch`, 2 in the
   * `catch_all`, 3 after `delegate`.
   */
  phase: number;
  /** Folded ops and ifs: the token of their `(` (see {@link InstrParser.at}). */
  start: number;
}

function opcode(w: ByteWriter, op: OpInfo): void {
  if (op.prefix !== 0) w.byte(op.prefix).u32(op.code);
  else w.byte(op.code);
}

/** The instruction parser of one function body or constant expression. */
export class InstrParser {
  private readonly frames: FrameState[] = [];
  private readonly scratch = new ByteWriter(64);
  private readonly fn: FuncContext;
  /** The tree of implicit type requests of the sequence (see `typeorder.ts`). */
  readonly requests: RequestNode[] = [];
  /** The list new instructions' nodes go to: the innermost open list. */
  private readonly lists: RequestNode[][] = [this.requests];
  /** The request made by the instruction being parsed, if any. */
  private pending: TypeRequest | null = null;
  /** Where instructions start and are written, if wanted (see `FuncContext.track`). */
  private readonly track: number[] | null;

  constructor(
    private readonly ctx: ModuleContext,
    fn: FuncContext | null,
  ) {
    this.fn = fn ?? new FuncContext();
    this.track = this.fn.track;
  }

  /** Records that the instruction starting at token `start` is written at `offset`. */
  private at(start: number, offset: number): void {
    this.track?.push(start, offset);
  }

  /**
   * Parses `instr*` up to the `)` that closes the enclosing group (not
   * consumed), writing the code to `out` (without the final `end`).
   */
  parseSequence(out: ByteWriter): void {
    this.run(out, false);
  }

  /** Parses exactly one folded instruction `( ... )` at the cursor into `out`. */
  parseFolded(out: ByteWriter): void {
    if (this.ctx.cur.peek() !== Tok.LPAR) this.ctx.cur.unexpected();
    this.run(out, true);
  }

  private run(out: ByteWriter, single: boolean): void {
    const ctx = this.ctx;
    const saved = ctx.onImplicitType;
    ctx.onImplicitType = (params, results) => {
      this.pending = { params, results };
    };
    try {
      this.loop(out, single);
    } finally {
      ctx.onImplicitType = saved;
    }
  }

  /** Takes the type request of the instruction just parsed. */
  private take(): TypeRequest | null {
    const r = this.pending;
    this.pending = null;
    return r;
  }

  /** Adds an instruction's node to the innermost open list. */
  private add(kind: NodeKind, lists: number): RequestNode {
    const n = node(kind, this.take(), lists);
    this.lists[this.lists.length - 1]!.push(n);
    return n;
  }

  private loop(out: ByteWriter, single: boolean): void {
    const cur: Cursor = this.ctx.cur;
    const frames = this.frames;
    const lists = this.lists;
    let started = false;
    for (;;) {
      if (single && started && frames.length === 0) return;
      started = true;
      const kind = cur.peek();
      const top = frames.length > 0 ? frames[frames.length - 1]! : null;
      if (kind === Tok.RPAR) {
        if (top === null) return;
        this.close(top, out);
        continue;
      }
      if (kind === Tok.LPAR) {
        if (top !== null && top.kind === Frame.FoldedIf) {
          if (top.phase === 0 && cur.isKeyword('then', 1)) {
            cur.pos += 2;
            this.at(top.start, out.length);
            out.bytes(top.bytes!);
            this.labels().push(top.label);
            top.phase = 1;
            lists.pop();
            lists.push(top.node!.lists[1]!);
            frames.push(frame(Frame.Then, '', null));
            continue;
          }
          if (top.phase === 1) {
            if (!cur.isKeyword('else', 1)) cur.unexpected(cur.pos + 1);
            cur.pos += 2;
            out.byte(0x05);
            top.elseAt = out.length;
            top.phase = 2;
            lists.push(top.node!.lists[2]!);
            frames.push(frame(Frame.Else, '', null));
            continue;
          }
          if (top.phase === 2) cur.unexpected();
        }
        if (top !== null && top.kind === Frame.FoldedTry) {
          this.foldedTryPart(top, out);
          continue;
        }
        this.folded(out);
        continue;
      }
      if (kind === Tok.KEYWORD) {
        if (top !== null && (top.kind === Frame.FoldedOp || top.kind === Frame.FoldedIf)) {
          cur.unexpected();
        }
        const kw = cur.text();
        const code = BLOCKS.get(kw);
        if (code !== undefined) {
          this.at(cur.pos, out.length);
          cur.pos++;
          const label = cur.optId();
          this.blockHeader(out, code, kw === 'try_table');
          this.labels().push(label);
          const n = kw === 'if' ? this.add(NodeKind.PlainIf, 2) : this.add(NodeKind.Block, 1);
          lists.push(n.lists[0]!);
          const f = frame(Frame.Plain, kw, label);
          f.node = n;
          frames.push(f);
        } else if (kw === 'else') {
          if (top === null || top.kind !== Frame.Plain || top.op !== 'if' || top.elseAt >= 0) {
            cur.unexpected();
          }
          cur.pos++;
          this.endLabel(top.label);
          out.byte(0x05);
          top.elseAt = out.length;
          lists.pop();
          lists.push(top.node!.lists[1]!);
        } else if (kw === 'catch' || kw === 'catch_all' || kw === 'delegate') {
          if (top === null || top.kind !== Frame.Plain || top.op !== 'try') cur.unexpected();
          this.legacyClause(top, kw, out);
          if (kw === 'delegate') {
            frames.pop();
            lists.pop();
          }
        } else if (kw === 'end') {
          if (top === null || top.kind !== Frame.Plain) cur.unexpected();
          cur.pos++;
          this.endLabel(top.label);
          this.end(top, out);
          frames.pop();
          lists.pop();
        } else {
          this.at(cur.pos, out.length);
          this.plain(out);
          if (this.pending !== null) this.add(NodeKind.Leaf, 0);
        }
        continue;
      }
      cur.unexpected();
    }
  }

  private labels() {
    return this.fn.labels;
  }

  /** Checks an optional label after `else` or `end` against the block's label. */
  private endLabel(label: string | null): void {
    const cur: Cursor = this.ctx.cur;
    if (cur.peek() !== Tok.ID) return;
    const name = cur.idName();
    if (name !== label) cur.semantic('mismatching label');
    cur.pos++;
  }

  /** Writes `end`, dropping an `else` with an empty branch, and leaves the block's label scope. */
  private end(f: FrameState, out: ByteWriter): void {
    if (f.elseAt >= 0 && out.length === f.elseAt) out.truncate(f.elseAt - 1);
    out.byte(0x0b);
    this.labels().pop();
  }

  /** Handles the `)` closing the innermost folded frame. */
  private close(f: FrameState, out: ByteWriter): void {
    const cur: Cursor = this.ctx.cur;
    const frames = this.frames;
    switch (f.kind) {
      case Frame.Plain:
        return cur.unexpected();
      case Frame.FoldedOp:
        cur.pos++;
        this.at(f.start, out.length);
        out.bytes(f.bytes!);
        frames.pop();
        this.lists.pop();
        return;
      case Frame.FoldedBlock:
        cur.pos++;
        this.end(f, out);
        frames.pop();
        this.lists.pop();
        return;
      case Frame.FoldedIf:
        if (f.phase === 0) return cur.unexpected();
        cur.pos++;
        this.end(f, out);
        frames.pop();
        return;
      case Frame.Then:
      case Frame.Else:
        cur.pos++;
        frames.pop();
        this.lists.pop();
        return;
      case Frame.TryPart:
        cur.pos++;
        frames.pop();
        return;
      case Frame.FoldedTry:
        // `(try ...)` without `(do ...)` is malformed.
        if (f.phase === -1) return cur.unexpected();
        cur.pos++;
        if (f.phase !== 3) this.end(f, out);
        frames.pop();
        this.lists.pop();
        return;
    }
  }

  /** Starts a folded instruction at `(`. */
  private folded(out: ByteWriter): void {
    const cur: Cursor = this.ctx.cur;
    const start = cur.pos;
    cur.pos++;
    if (cur.peek() !== Tok.KEYWORD) cur.unexpected();
    const kw = cur.text();
    const code = BLOCKS.get(kw);
    if (code === undefined) {
      const s = this.scratch;
      s.truncate(0);
      this.plain(s);
      const f = frame(Frame.FoldedOp, kw, null, s.finish(), start);
      f.node = this.add(NodeKind.FoldedOp, 1);
      this.lists.push(f.node.lists[0]!);
      this.frames.push(f);
      return;
    }
    cur.pos++;
    const label = cur.optId();
    if (kw === 'if') {
      const s = this.scratch;
      s.truncate(0);
      this.blockHeader(s, code, false);
      const f = frame(Frame.FoldedIf, kw, label, s.finish(), start);
      f.node = this.add(NodeKind.FoldedIf, 3);
      this.lists.push(f.node.lists[0]!);
      this.frames.push(f);
      return;
    }
    this.at(start, out.length);
    this.blockHeader(out, code, kw === 'try_table');
    this.labels().push(label);
    const f = frame(kw === 'try' ? Frame.FoldedTry : Frame.FoldedBlock, kw, label);
    if (kw === 'try') f.phase = -1; // before `(do`
    f.node = this.add(NodeKind.Block, 1);
    this.lists.push(f.node.lists[0]!);
    this.frames.push(f);
  }

  /**
   * A legacy try's `catch x`, `catch_all` or `delegate l` (its keyword at the
   * cursor) in frame `f`, written to `out`. `delegate` ends the try: its
   * label goes out of scope first (the label index counts from outside).
   */
  private legacyClause(f: FrameState, kw: string, out: ByteWriter): void {
    const cur: Cursor = this.ctx.cur;
    // Clauses follow the body, catches come before catch_all; delegate only follows the body.
    if (f.phase === 2 || f.phase === 3 || (kw === 'delegate' && f.phase !== 0)) cur.unexpected();
    cur.pos++;
    if (kw === 'catch') {
      out.byte(0x07).u32(this.var(this.ctx.tags));
      f.phase = 1;
    } else if (kw === 'catch_all') {
      out.byte(0x19);
      f.phase = 2;
    } else {
      this.labels().pop();
      out.byte(0x18).u32(this.label());
      f.phase = 3;
    }
  }

  /** The next `(do ...)`, `(catch x ...)`, `(catch_all ...)` or `(delegate l)` of a folded try. */
  private foldedTryPart(f: FrameState, out: ByteWriter): void {
    const cur: Cursor = this.ctx.cur;
    const kw = cur.peek(1) === Tok.KEYWORD ? cur.text(1) : '';
    if (f.phase === -1) {
      // The body comes first, as `(do ...)`.
      if (kw !== 'do') cur.unexpected(cur.pos + 1);
      cur.pos += 2;
      f.phase = 0;
      this.frames.push(frame(Frame.TryPart, 'do', null));
      return;
    }
    if (kw !== 'catch' && kw !== 'catch_all' && kw !== 'delegate') cur.unexpected(cur.pos + 1);
    cur.pos++;
    this.legacyClause(f, kw, out);
    if (kw === 'delegate') cur.rpar();
    else this.frames.push(frame(Frame.TryPart, kw, null));
  }

  /** Block type, and for try_table its catch clauses (resolved outside the new label). */
  private blockHeader(w: ByteWriter, code: number, tryTable: boolean): void {
    const bt = parseBlockType(this.ctx);
    if (!tryTable) {
      w.byte(code);
      writeBlockType(w, bt);
      return;
    }
    const cur: Cursor = this.ctx.cur;
    const clauses = new ByteWriter();
    let count = 0;
    for (;;) {
      const kw = cur.fieldKeyword();
      const kind = kw === null ? undefined : CATCHES.get(kw);
      if (kind === undefined) break;
      cur.pos += 2;
      clauses.byte(kind);
      if (kind < 2) clauses.u32(this.var(this.ctx.tags));
      clauses.u32(this.label());
      cur.rpar();
      count++;
    }
    w.byte(code);
    writeBlockType(w, bt);
    w.u32(count).bytes(clauses.view());
  }

  private var(space: Space): number {
    const cur: Cursor = this.ctx.cur;
    if (!Space.isVar(cur)) cur.unexpected();
    return space.resolve(cur);
  }

  private optVar(space: Space): number {
    return Space.isVar(this.ctx.cur) ? space.resolve(this.ctx.cur) : 0;
  }

  private label(): number {
    const cur: Cursor = this.ctx.cur;
    if (!Space.isVar(cur)) cur.unexpected();
    return this.labels().resolve(cur);
  }

  /** Parses a plain instruction at the cursor (its mnemonic and immediates) into `w`. */
  private plain(w: ByteWriter): void {
    const ctx = this.ctx;
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
        if (kw === 'select') return this.select(w, op);
        opcode(w, op);
        return;
      case Imm.LABEL:
        opcode(w, op);
        w.u32(this.label());
        return;
      case Imm.BR_TABLE: {
        const labels: number[] = [this.label()];
        while (Space.isVar(cur)) labels.push(this.labels().resolve(cur));
        opcode(w, op);
        w.u32(labels.length - 1);
        for (const l of labels) w.u32(l);
        return;
      }
      case Imm.FUNC:
        opcode(w, op);
        w.u32(this.var(ctx.funcs));
        return;
      case Imm.CALL_INDIRECT: {
        const table = this.optVar(ctx.tables);
        const use = parseTypeUse(ctx, false);
        opcode(w, op);
        w.u32(use.index).u32(table);
        return;
      }
      case Imm.TYPE:
        opcode(w, op);
        w.u32(this.var(ctx.types));
        return;
      case Imm.LOCAL:
        opcode(w, op);
        w.u32(this.var(this.fn.locals));
        return;
      case Imm.GLOBAL:
        opcode(w, op);
        w.u32(this.var(ctx.globals));
        return;
      case Imm.TAG:
        opcode(w, op);
        w.u32(this.var(ctx.tags));
        return;
      case Imm.ELEM:
        opcode(w, op);
        w.u32(this.var(ctx.elems));
        return;
      case Imm.DATA:
        ctx.usesDataIndex = true;
        opcode(w, op);
        w.u32(this.var(ctx.datas));
        return;
      case Imm.TABLE:
        opcode(w, op);
        w.u32(this.optVar(ctx.tables));
        return;
      case Imm.MEM:
        opcode(w, op);
        w.u32(this.optVar(ctx.memories));
        return;
      case Imm.MEMARG: {
        const memory = this.optVar(ctx.memories);
        opcode(w, op);
        this.memarg(w, op, memory);
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
        this.memarg(w, op, memory);
        w.byte(this.lane());
        return;
      }
      case Imm.LANE:
        opcode(w, op);
        w.byte(this.lane());
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
          } else w.byte(this.lane());
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
        const label = this.label();
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
        const type = this.var(ctx.types);
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
        const a = this.var(ctx.types);
        const b = this.var(ctx.types);
        opcode(w, op);
        w.u32(a).u32(b);
        return;
      }
      case Imm.TYPE_DATA: {
        ctx.usesDataIndex = true;
        const a = this.var(ctx.types);
        const b = this.var(ctx.datas);
        opcode(w, op);
        w.u32(a).u32(b);
        return;
      }
      case Imm.TYPE_ELEM: {
        const a = this.var(ctx.types);
        const b = this.var(ctx.elems);
        opcode(w, op);
        w.u32(a).u32(b);
        return;
      }
      case Imm.TYPE_COUNT: {
        const a = this.var(ctx.types);
        const n = cur.u32();
        opcode(w, op);
        w.u32(a).u32(n);
        return;
      }
      case Imm.MEM_INIT: {
        ctx.usesDataIndex = true;
        let memory = 0;
        if (Space.isVar(cur, 1)) memory = this.var(ctx.memories);
        const data = this.var(ctx.datas);
        opcode(w, op);
        w.u32(data).u32(memory);
        return;
      }
      case Imm.MEM_COPY: {
        let a = 0;
        let b = 0;
        if (Space.isVar(cur)) {
          a = this.var(ctx.memories);
          b = this.var(ctx.memories);
        }
        opcode(w, op);
        w.u32(a).u32(b);
        return;
      }
      case Imm.TABLE_INIT: {
        let table = 0;
        if (Space.isVar(cur, 1)) table = this.var(ctx.tables);
        const elem = this.var(ctx.elems);
        opcode(w, op);
        w.u32(elem).u32(table);
        return;
      }
      case Imm.TABLE_COPY: {
        let a = 0;
        let b = 0;
        if (Space.isVar(cur)) {
          a = this.var(ctx.tables);
          b = this.var(ctx.tables);
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
  private select(w: ByteWriter, op: OpInfo): void {
    const cur: Cursor = this.ctx.cur;
    if (!cur.isField('result')) {
      opcode(w, op);
      return;
    }
    const types: ValType[] = [];
    while (cur.isField('result')) {
      cur.pos += 2;
      while (cur.peek() !== Tok.RPAR) types.push(parseValType(this.ctx));
      cur.rpar();
    }
    opcode(w, OP_BY_NAME.get('select_t')!);
    w.u32(types.length);
    for (const t of types) writeValType(w, t);
  }

  /** `offset=N? align=N?`, written as flags (alignment, memory bit), memory index, offset. */
  private memarg(w: ByteWriter, op: OpInfo, memory: number): void {
    const cur: Cursor = this.ctx.cur;
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
  private lane(): number {
    return Number(this.ctx.cur.nat(8, 'i8 constant out of range', true));
  }
}

function frame(
  kind: Frame,
  op: string,
  label: string | null,
  bytes: Uint8Array | null = null,
  start = -1,
): FrameState {
  return { kind, node: null, op, label, bytes, elseAt: -1, phase: 0, start };
}

/**
 * Parses `instr*` up to the closing `)` of the enclosing group and writes it
 * followed by `end`. When the sequence defines more than one new function
 * type, it is parsed again after defining them in the reference
 * interpreter's order, so that type indices come out the same.
 */
export function parseExpr(ctx: ModuleContext, fn: FuncContext | null, out: ByteWriter): void {
  const mark = ctx.mark();
  const start = out.length;
  const from = ctx.cur.pos;
  const parser = new InstrParser(ctx, fn);
  parser.parseSequence(out);
  if (ctx.types.count - mark.count > 1) {
    ctx.rollback(mark);
    for (const r of requestOrder(parser.requests)) ctx.implicitFuncType(r.params, r.results);
    out.truncate(start);
    ctx.cur.pos = from;
    if (fn?.track) fn.track.length = 0;
    new InstrParser(ctx, fn).parseSequence(out);
  }
  out.byte(0x0b);
}
