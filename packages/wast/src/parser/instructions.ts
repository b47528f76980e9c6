/**
 * Instruction sequences: structured (`block`/`loop`/`if`/`try_table` ...
 * `end`) and folded (`(op ...)`, `(if ... (then ...) (else ...))`)
 * instructions, parsed with an explicit stack so that nesting depth is
 * bounded only by memory. Plain instructions (a mnemonic from environ's
 * opcode table and its immediates) are plain.ts's.
 */
import { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { FuncContext, type ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { readLabel, readVar, writePlain } from './plain.js';
import { parseBlockType, writeBlockType } from './types.js';
import { node, NodeKind, requestOrder, type RequestNode, type TypeRequest } from './typeorder.js';

/** Structured instructions, handled by the parser rather than by `Imm` kind. */
const BLOCKS: ReadonlyMap<string, number> = new Map([
  ['block', 0x02],
  ['loop', 0x03],
  ['if', 0x04],
  ['try_table', 0x1f],
  // Legacy exception handling: `try ... (catch x ...)* (catch_all ...)? end`, `try ... delegate l`.
  ['try', 0x06],
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
          writePlain(this.ctx, this.fn, out);
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
      writePlain(this.ctx, this.fn, s);
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
      out.byte(0x07).u32(readVar(this.ctx, this.ctx.tags));
      f.phase = 1;
    } else if (kw === 'catch_all') {
      out.byte(0x19);
      f.phase = 2;
    } else {
      this.labels().pop();
      out.byte(0x18).u32(readLabel(this.ctx, this.fn));
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
      if (kind < 2) clauses.u32(readVar(this.ctx, this.ctx.tags));
      clauses.u32(readLabel(this.ctx, this.fn));
      cur.rpar();
      count++;
    }
    w.byte(code);
    writeBlockType(w, bt);
    w.u32(count).bytes(clauses.view());
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
