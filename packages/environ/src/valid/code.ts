/**
 * Decoding and validation of instruction sequences (function bodies and
 * constant expressions) in one pass, following the algorithm of the spec's
 * validation appendix. Besides accepting or rejecting, it records what a
 * compiler needs: every instruction with its immediates, the operand stack
 * height before it, the matching `else`/`end` of every block, and the
 * operand types of `drop` and `select`.
 *
 * Everything is iterative (no recursion on nesting) and bounded by the input
 * length, so hostile bodies fail fast instead of exhausting the JS stack.
 */
import { CompileError, invalid, malformed } from '../errors.js';
import { readImmediates } from '../binary/immediates.js';
import { IntPool } from '../binary/pool.js';
import type { Reader } from '../binary/reader.js';
import { storageSub, topOf, valSub } from '../match.js';
import type { Code, LocalRun } from '../module.js';
import { ADDR, Imm, Op, OPS, OP_ID_LIMIT, PREFIX_BASE, type OpInfo } from '../opcodes.js';
import {
  BOT,
  EXNREF,
  FUNCREF,
  HT_ANY,
  HT_BOT,
  HT_EXN,
  HT_EXTERN,
  I32,
  I64,
  heapOf,
  isDefaultable,
  isNullable,
  isNum,
  isPacked,
  isRef,
  isVec,
  refType,
  resultTypeToString,
  unpacked,
  valTypeToString,
  withNullable,
  type ArrayType,
  type FuncType,
  type GlobalType,
  type StructType,
  type ValType,
} from '../types.js';
import type { ValidationContext } from './context.js';

const FRAME_FUNC = 0;
const FRAME_BLOCK = 1;
const FRAME_LOOP = 2;
const FRAME_IF = 3;
const FRAME_ELSE = 4;
const FRAME_TRY = 5;

const NO_TYPES: readonly ValType[] = [];
const EXN_NONNULL = refType(HT_EXN, false);

/** Signatures with the address pseudo-type resolved, for 32- and 64-bit memories. */
const SIG32: (readonly ValType[] | null)[] = [];
const SIG64: (readonly ValType[] | null)[] = [];
const RES32: (readonly ValType[] | null)[] = [];
const RES64: (readonly ValType[] | null)[] = [];
const USES_ADDR = new Uint8Array(OP_ID_LIMIT);
for (const op of OPS) {
  if (op === undefined || op.params === null || op.results === null) continue;
  const resolve = (ts: readonly ValType[], a: ValType) => ts.map((t) => (t === ADDR ? a : t));
  SIG32[op.id] = resolve(op.params, I32);
  SIG64[op.id] = resolve(op.params, I64);
  RES32[op.id] = resolve(op.results, I32);
  RES64[op.id] = resolve(op.results, I64);
  if (op.params.includes(ADDR) || op.results.includes(ADDR)) USES_ADDR[op.id] = 1;
}

/** Cached one-element result types, so single-value blocks allocate nothing. */
const SINGLE = new Map<ValType, readonly ValType[]>();
function single(t: ValType): readonly ValType[] {
  let ts = SINGLE.get(t);
  if (ts === undefined) {
    ts = [t];
    SINGLE.set(t, ts);
  }
  return ts;
}

function grow<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array>(a: T, min: number): T {
  let size = a.length * 2;
  while (size < min) size *= 2;
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/** Locals of the body being validated: parameters first, then declared locals. */
export interface LocalsLayout {
  readonly params: readonly ValType[];
  readonly runs: readonly LocalRun[];
  readonly numDeclared: number;
}

const NO_LOCALS: LocalsLayout = { params: NO_TYPES, runs: [], numDeclared: 0 };
/**
 * Declared locals up to this count are expanded into a flat array; more use
 * binary search over the runs (hostile bodies may declare billions).
 */
const EXPAND_LIMIT = 4096;

/** Reusable decoder/validator; scratch buffers grow to the largest body seen. */
export class CodeValidator {
  // Context.
  private ctx!: ValidationContext;
  private validating = true;
  /** Whether instructions are written to the output arrays. */
  private recording = true;
  private results: readonly ValType[] = NO_TYPES;
  // Output.
  private ops = new Uint16Array(1024);
  private heights = new Uint32Array(1024);
  private offsets = new Uint32Array(1024);
  private immStart = new Uint32Array(1025);
  private count = 0;
  private readonly pool = new IntPool();
  private maxHeight = 0;
  /** Whether the last sequence referenced a data segment (requires a data count section). */
  usesDataIndex = false;
  /** `ref.func` targets seen by the last `skip`. */
  readonly refFuncs: number[] = [];
  /** Globals visible to the constant expression being checked, or null outside `checkConstant`. */
  private constGlobals: readonly GlobalType[] | null = null;
  // Operand stack.
  private vals = new Int32Array(256);
  private vlen = 0;
  // Control stack.
  private cKind = new Uint8Array(64);
  private cHeight = new Int32Array(64);
  private cUnreachable = new Uint8Array(64);
  private cInstr = new Int32Array(64);
  private cInits = new Int32Array(64);
  private cParams: (readonly ValType[])[] = [];
  private cResults: (readonly ValType[])[] = [];
  private depth = 0;
  // Locals.
  private params: readonly ValType[] = NO_TYPES;
  private numLocals = 0;
  private localTypes = new Int32Array(256);
  private expanded = true;
  private runStarts: number[] = [];
  private runTypes: ValType[] = [];
  private trackInits = false;
  private readonly initialized = new Set<number>();
  private inits: number[] = [];
  // Position of the instruction being validated, for error offsets.
  private at = 0;

  /**
   * Decodes an instruction sequence without validating or recording it
   * (constant expressions while their section is read, bodies after a
   * validation error). `ref.func` targets are collected in `refFuncs`.
   */
  skip(r: Reader, ctx: ValidationContext): void {
    this.refFuncs.length = 0;
    this.run(r, ctx, false, false, NO_TYPES, NO_LOCALS);
  }

  /**
   * The constant-instruction check of a constant expression, done on all its
   * instructions before typing (as the reference does): each must be
   * constant, and `global.get` must name an immutable one of `globals`.
   */
  checkConstant(r: Reader, ctx: ValidationContext, globals: readonly GlobalType[]): void {
    this.constGlobals = globals;
    try {
      this.run(r, ctx, false, false, NO_TYPES, NO_LOCALS);
    } finally {
      this.constGlobals = null;
    }
  }

  /**
   * Validates a constant expression (already checked with `checkConstant`)
   * typed `[] -> [t]` and returns its flat program: `[op, immCount, imm...]`
   * per instruction, ending with `end`.
   */
  analyzeConst(r: Reader, ctx: ValidationContext, t: ValType): Int32Array {
    this.run(r, ctx, true, true, single(t), NO_LOCALS);
    const n = this.count;
    const program = new Int32Array(2 * n + this.pool.length);
    const imm = this.pool.data;
    this.immStart[n] = this.pool.length;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const from = this.immStart[i]!;
      const to = this.immStart[i + 1]!;
      program[at++] = this.ops[i]!;
      program[at++] = to - from;
      for (let j = from; j < to; j++) program[at++] = imm[j]!;
    }
    return program;
  }

  /** Largest operand stack height the last sequence reached. */
  get height(): number {
    return this.maxHeight;
  }

  /** Validates an instruction sequence typed `[] -> results`, recording nothing. */
  validate(
    r: Reader,
    ctx: ValidationContext,
    results: readonly ValType[],
    locals: LocalsLayout = NO_LOCALS,
  ): void {
    this.run(r, ctx, true, false, results, locals);
  }

  /** Validates an instruction sequence and returns it decoded, with its analysis. */
  analyze(
    r: Reader,
    ctx: ValidationContext,
    results: readonly ValType[],
    locals: LocalsLayout = NO_LOCALS,
  ): Code {
    this.run(r, ctx, true, true, results, locals);
    return this.output();
  }

  /**
   * Runs over an instruction sequence that starts at `r.pos` and ends with
   * the `end` closing its outermost block. Reads past the end of the current
   * section if the sequence does, as the reference interpreter does; the
   * caller checks the size.
   */
  private run(
    r: Reader,
    ctx: ValidationContext,
    validating: boolean,
    recording: boolean,
    results: readonly ValType[],
    locals: LocalsLayout,
  ): void {
    this.ctx = ctx;
    this.validating = validating;
    this.recording = recording;
    this.results = results;
    this.count = 0;
    this.pool.length = 0;
    this.maxHeight = 0;
    this.vlen = 0;
    this.depth = 0;
    this.usesDataIndex = false;
    if (validating) this.setLocals(locals);
    this.pushFrame(FRAME_FUNC, NO_TYPES, results, -1);
    this.loop(r);
  }

  private setLocals(locals: LocalsLayout): void {
    this.params = locals.params;
    this.numLocals = locals.params.length + locals.numDeclared;
    this.trackInits = false;
    this.initialized.clear();
    this.inits.length = 0;
    this.expanded = locals.numDeclared <= EXPAND_LIMIT;
    if (this.expanded) {
      if (this.localTypes.length < locals.numDeclared) {
        this.localTypes = new Int32Array(locals.numDeclared);
      }
      let i = 0;
      for (const run of locals.runs) {
        this.localTypes.fill(run.type, i, i + run.count);
        i += run.count;
        if (!isDefaultable(run.type)) this.trackInits = true;
      }
    } else {
      this.runStarts = [];
      this.runTypes = [];
      let i = 0;
      for (const run of locals.runs) {
        if (run.count === 0) continue;
        this.runStarts.push(i);
        this.runTypes.push(run.type);
        i += run.count;
        if (!isDefaultable(run.type)) this.trackInits = true;
      }
    }
  }

  private output(): Code {
    const n = this.count;
    this.immStart[n] = this.pool.length;
    return {
      count: n,
      ops: this.ops.slice(0, n),
      immStart: this.immStart.slice(0, n + 1),
      imm: this.pool.data.slice(0, this.pool.length),
      heights: this.heights.slice(0, n),
      offsets: this.offsets.slice(0, n),
      maxHeight: this.maxHeight,
    };
  }

  // ---------------------------------------------------------------------------
  // The instruction loop.

  private loop(r: Reader): void {
    const pool = this.pool;
    while (this.depth > 0) {
      const offset = r.pos;
      const b = r.u8();
      let id = b;
      let info: OpInfo | undefined;
      if (b >= 0xfb && b <= 0xfd) {
        const sub = r.u32();
        const base = PREFIX_BASE[b as 0xfb | 0xfc | 0xfd];
        info = sub < 0x200 ? OPS[base + sub] : undefined;
        // Sub-opcodes past the end of one prefix's range land in the next prefix's ids.
        if (info !== undefined && info.prefix !== b) info = undefined;
        if (info === undefined) {
          const hex = sub.toString(16).padStart(2, '0');
          malformed(
            offset,
            b === 0xfd ? `illegal opcode ${hex}` : `illegal opcode ${b.toString(16)} ${hex}`,
          );
        }
        id = info.id;
      } else {
        info = OPS[b];
        if (info === undefined)
          malformed(offset, `illegal opcode ${b.toString(16).padStart(2, '0')}`);
      }

      if (this.recording) {
        const i = this.count;
        if (i === this.ops.length) {
          this.ops = grow(this.ops, i + 1);
          this.heights = grow(this.heights, i + 1);
          this.offsets = grow(this.offsets, i + 1);
          this.immStart = grow(this.immStart, i + 2);
        }
        this.ops[i] = id;
        this.offsets[i] = offset;
        this.heights[i] = this.vlen;
        this.immStart[i] = pool.length;
        this.count = i + 1;
      } else {
        pool.length = 0;
      }
      pool.reserve(8);
      const immAt = pool.length;
      readImmediates(r, info.imm, pool);

      // Structure is checked in both modes: a misplaced `else` is a decoding error.
      if (id === Op.else) {
        const kind = this.cKind[this.depth - 1]!;
        if (kind !== FRAME_IF) malformed(offset, 'END opcode expected');
      }
      this.at = offset;
      if (this.validating) this.check(id, info, immAt);
      else this.track(id);
    }
  }

  /** Decode-only mode: keep just enough structure to find the end. */
  private track(id: number): void {
    if (this.constGlobals !== null) this.checkConstOp(id);
    if (id === Op.ref_func) this.refFuncs.push(this.pool.data[0]! >>> 0);
    if (id === Op.block || id === Op.loop || id === Op.try_table) {
      this.pushFrame(FRAME_BLOCK, NO_TYPES, NO_TYPES, this.count - 1);
    } else if (id === Op.if) {
      this.pushFrame(FRAME_IF, NO_TYPES, NO_TYPES, this.count - 1);
    } else if (id === Op.else) {
      this.cKind[this.depth - 1] = FRAME_ELSE;
    } else if (id === Op.end) {
      this.depth--;
    } else if (id === Op.memory_init || id === Op.data_drop) {
      this.usesDataIndex = true;
    } else if (id === Op.array_new_data || id === Op.array_init_data) {
      this.usesDataIndex = true;
    }
  }

  private checkConstOp(id: number): void {
    if (!OPS[id]!.constant) this.fail('constant expression required');
    if (id === Op.global_get) {
      const index = this.pool.data[0]!;
      const g = this.constGlobals![index];
      if (g === undefined) this.unknown('global', index);
      if (g.mutable) this.fail('constant expression required');
    }
  }

  // ---------------------------------------------------------------------------
  // Errors.

  private fail(message: string): never {
    return invalid(this.at, message);
  }

  private unknown(category: string, index: number): never {
    return this.fail(`unknown ${category} ${index >>> 0}`);
  }

  private stackTop(n: number): ValType[] {
    const height = this.cHeight[this.depth - 1]!;
    const from = Math.max(height, this.vlen - n);
    return Array.from(this.vals.subarray(from, this.vlen));
  }

  private mismatch(expected: ArrayLike<ValType>): never {
    return this.fail(
      `type mismatch: instruction requires ${resultTypeToString(expected)} but stack has ${resultTypeToString(this.stackTop(expected.length))}`,
    );
  }

  // ---------------------------------------------------------------------------
  // Operand stack.

  private push(t: ValType): void {
    if (this.vlen === this.vals.length) this.vals = grow(this.vals, this.vlen + 1);
    this.vals[this.vlen++] = t;
    if (this.vlen > this.maxHeight) this.maxHeight = this.vlen;
  }

  private pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]!);
  }

  /** Pops any value; BOT when the frame is unreachable and its stack empty. */
  private popAny(): ValType {
    const d = this.depth - 1;
    if (this.vlen === this.cHeight[d]) {
      if (this.cUnreachable[d]) return BOT;
      this.fail('type mismatch: instruction requires [any] but stack has []');
    }
    return this.vals[--this.vlen]!;
  }

  /** Pops one value of a type matching `t`. */
  private pop(t: ValType): ValType {
    const d = this.depth - 1;
    if (this.vlen === this.cHeight[d]) {
      if (this.cUnreachable[d]) return BOT;
      this.mismatch(single(t));
    }
    const actual = this.vals[this.vlen - 1]!;
    if (actual !== t && !valSub(this.ctx, actual, t)) this.mismatch(single(t));
    this.vlen--;
    return actual;
  }

  /** Pops values matching `ts` (last element on top). */
  private popAll(ts: readonly ValType[]): void {
    const n = ts.length;
    if (n === 0) return;
    const d = this.depth - 1;
    const available = this.vlen - this.cHeight[d]!;
    const k = available < n ? available : n;
    if (k < n && !this.cUnreachable[d]) this.mismatch(ts);
    const base = this.vlen - k;
    for (let i = 0; i < k; i++) {
      const actual = this.vals[base + i]!;
      const expected = ts[n - k + i]!;
      if (actual !== expected && !valSub(this.ctx, actual, expected)) this.mismatch(ts);
    }
    this.vlen = base;
  }

  /** Pops `n` values of type `t` (array.new_fixed), without materializing `n`. */
  private popRepeated(t: ValType, n: number): void {
    const d = this.depth - 1;
    const available = this.vlen - this.cHeight[d]!;
    const k = available < n ? available : n;
    if (k < n && !this.cUnreachable[d]) this.fail('type mismatch: not enough operands');
    for (let i = this.vlen - k; i < this.vlen; i++) {
      const actual = this.vals[i]!;
      // k is at most the stack height, so the message stays bounded by the input.
      if (actual !== t && !valSub(this.ctx, actual, t))
        this.mismatch(new Array<ValType>(k).fill(t));
    }
    this.vlen -= k;
  }

  /** The reference type `i` slots from the top, for instructions typed by their operand. */
  private peekRef(i: number): ValType {
    const d = this.depth - 1;
    const index = this.vlen - 1 - i;
    if (index < this.cHeight[d]!) return refType(HT_BOT, false);
    const t = this.vals[index]!;
    if (t === BOT) return refType(HT_BOT, false);
    if (!isRef(t)) {
      this.fail(
        `type mismatch: instruction requires reference type but stack has ${valTypeToString(t)}`,
      );
    }
    return t;
  }

  private setUnreachable(): void {
    const d = this.depth - 1;
    this.vlen = this.cHeight[d]!;
    this.cUnreachable[d] = 1;
  }

  // ---------------------------------------------------------------------------
  // Control stack.

  private pushFrame(
    kind: number,
    params: readonly ValType[],
    results: readonly ValType[],
    instr: number,
  ): void {
    const d = this.depth;
    if (d === this.cKind.length) {
      this.cKind = grow(this.cKind, d + 1);
      this.cHeight = grow(this.cHeight, d + 1);
      this.cUnreachable = grow(this.cUnreachable, d + 1);
      this.cInstr = grow(this.cInstr, d + 1);
      this.cInits = grow(this.cInits, d + 1);
    }
    this.cKind[d] = kind;
    this.cHeight[d] = this.vlen;
    this.cUnreachable[d] = 0;
    this.cInstr[d] = instr;
    this.cInits[d] = this.inits.length;
    this.cParams[d] = params;
    this.cResults[d] = results;
    this.depth = d + 1;
    if (this.validating) this.pushAll(params);
  }

  /** Checks the frame's results are exactly on the stack and pops the frame. */
  private popFrame(): void {
    const d = this.depth - 1;
    const results = this.cResults[d]!;
    this.popAll(results);
    if (this.vlen !== this.cHeight[d]) {
      const all = Array.from(this.vals.subarray(this.cHeight[d]!, this.vlen + results.length));
      this.fail(
        `type mismatch: block requires ${resultTypeToString(results)} but stack has ${resultTypeToString(all)}`,
      );
    }
    this.resetInits(this.cInits[d]!);
    this.depth = d;
  }

  private labelTypes(depth: number): readonly ValType[] {
    if (depth < 0 || depth >= this.depth) this.unknown('label', depth);
    const d = this.depth - 1 - depth;
    return this.cKind[d] === FRAME_LOOP ? this.cParams[d]! : this.cResults[d]!;
  }

  // ---------------------------------------------------------------------------
  // Locals.

  private localType(x: number): ValType {
    if (x < 0 || x >= this.numLocals) this.unknown('local', x);
    const p = this.params.length;
    if (x < p) return this.params[x]!;
    const j = x - p;
    if (this.expanded) return this.localTypes[j]!;
    const starts = this.runStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= j) lo = mid;
      else hi = mid - 1;
    }
    return this.runTypes[lo]!;
  }

  private initLocal(x: number, t: ValType): void {
    if (!this.trackInits || isDefaultable(t) || x < this.params.length) return;
    if (this.initialized.has(x)) return;
    this.initialized.add(x);
    this.inits.push(x);
  }

  private resetInits(to: number): void {
    const inits = this.inits;
    while (inits.length > to) this.initialized.delete(inits.pop()!);
  }

  // ---------------------------------------------------------------------------
  // Module lookups.

  private typeAt(x: number): void {
    if (x < 0 || x >= this.ctx.types.length) this.unknown('type', x);
  }

  private funcType(x: number): FuncType {
    this.typeAt(x);
    const comp = this.ctx.types[x]!.comp;
    if (comp.kind !== 'func') this.fail(`type mismatch: non-function type ${x}`);
    return comp;
  }

  private structType(x: number): StructType {
    this.typeAt(x);
    const comp = this.ctx.types[x]!.comp;
    if (comp.kind !== 'struct') this.fail(`type mismatch: non-structure type ${x}`);
    return comp;
  }

  private arrayType(x: number): ArrayType {
    this.typeAt(x);
    const comp = this.ctx.types[x]!.comp;
    if (comp.kind !== 'array') this.fail(`type mismatch: non-array type ${x}`);
    return comp;
  }

  private funcTypeOf(f: number): FuncType {
    if (f < 0 || f >= this.ctx.funcTypes.length) this.unknown('function', f);
    return this.ctx.types[this.ctx.funcTypes[f]!]!.comp as FuncType;
  }

  private tableAddr(x: number): ValType {
    const table = this.ctx.tables[x];
    if (table === undefined) this.unknown('table', x);
    return table.is64 ? I64 : I32;
  }

  private memoryAddr(x: number): ValType {
    const memory = this.ctx.memories[x];
    if (memory === undefined) this.unknown('memory', x);
    return memory.is64 ? I64 : I32;
  }

  private elemType(x: number): ValType {
    const t = this.ctx.elemTypes[x];
    if (t === undefined) this.unknown('elem segment', x);
    return t;
  }

  private dataIndex(x: number): void {
    this.usesDataIndex = true;
    const count = this.ctx.dataCount;
    // Without a data count section the module is malformed anyway; that is reported later.
    if (count >= 0 && (x < 0 || x >= count)) this.unknown('data segment', x);
  }

  private tagParams(x: number): readonly ValType[] {
    const tag = this.ctx.tags[x];
    if (tag === undefined) this.unknown('tag', x);
    return (this.ctx.types[tag.typeIndex]!.comp as FuncType).params;
  }

  private heapType(h: number): void {
    if (h >= 0) this.typeAt(h);
  }

  private valType(t: ValType): void {
    if (isRef(t)) this.heapType(heapOf(t));
  }

  /** Params and results of a block type. */
  private blockType(imm: Int32Array, at: number): [readonly ValType[], readonly ValType[]] {
    const index = imm[at]!;
    if (index >= 0) {
      const ft = this.funcType(index);
      return [ft.params, ft.results];
    }
    const t = imm[at + 1]!;
    if (t === 0) return [NO_TYPES, NO_TYPES];
    this.valType(t);
    return [NO_TYPES, single(t)];
  }

  private checkReturnCall(results: readonly ValType[]): void {
    const own = this.results;
    let ok = results.length === own.length;
    for (let i = 0; ok && i < own.length; i++) ok = valSub(this.ctx, results[i]!, own[i]!);
    if (!ok) {
      this.fail(
        `type mismatch: current function requires result type ${resultTypeToString(own)} but callee returns ${resultTypeToString(results)}`,
      );
    }
  }

  private checkMemarg(op: OpInfo, imm: Int32Array, at: number): ValType {
    const addr = this.memoryAddr(imm[at]!);
    const align = imm[at + 1]!;
    if (align > 4 || 1 << align > op.width) this.fail('alignment must not be larger than natural');
    if (addr === I32 && imm[at + 3] !== 0) this.fail('offset out of range');
    return addr;
  }

  // ---------------------------------------------------------------------------
  // Validation of one instruction.

  private check(id: number, op: OpInfo, at: number): void {
    const imm = this.pool.data;
    const sig = op.params;
    if (sig !== null) {
      if (op.imm === Imm.LANE || op.imm === Imm.SHUFFLE) this.checkLanes(op, imm, at);
      if (USES_ADDR[id] === 0) {
        this.popAll(sig);
        this.pushAll(op.results!);
        return;
      }
      let addr: ValType;
      if (op.imm === Imm.MEMARG || op.imm === Imm.MEMARG_LANE) {
        addr = this.checkMemarg(op, imm, at);
        if (op.imm === Imm.MEMARG_LANE && imm[at + 4]! >= 16 / op.width)
          this.fail('invalid lane index');
      } else {
        addr = this.memoryAddr(imm[at]!);
      }
      const wide = addr === I64;
      this.popAll((wide ? SIG64 : SIG32)[id]!);
      this.pushAll((wide ? RES64 : RES32)[id]!);
      return;
    }
    this.checkSpecial(id, op, imm, at);
  }

  private checkSpecial(id: number, op: OpInfo, imm: Int32Array, at: number): void {
    const ctx = this.ctx;
    switch (id) {
      case Op.unreachable:
        this.setUnreachable();
        return;
      case Op.block:
      case Op.loop: {
        const [params, results] = this.blockType(imm, at);
        this.popAll(params);
        this.pushFrame(id === Op.block ? FRAME_BLOCK : FRAME_LOOP, params, results, this.count - 1);
        return;
      }
      case Op.if: {
        const [params, results] = this.blockType(imm, at);
        this.pop(I32);
        this.popAll(params);
        this.pushFrame(FRAME_IF, params, results, this.count - 1);
        return;
      }
      case Op.try_table: {
        const [params, results] = this.blockType(imm, at);
        const n = imm[at + 4]!;
        for (let i = 0, c = at + 5; i < n; i++, c += 3) {
          this.checkCatch(imm[c]!, imm[c + 1]!, imm[c + 2]!);
        }
        this.popAll(params);
        this.pushFrame(FRAME_TRY, params, results, this.count - 1);
        return;
      }
      case Op.else: {
        const d = this.depth - 1;
        this.popFrame();
        const opener = this.cInstr[d]!;
        if (this.recording) this.pool.data[this.immStart[opener]! + 3] = this.count - 1;
        this.pushFrame(FRAME_ELSE, this.cParams[d]!, this.cResults[d]!, opener);
        return;
      }
      case Op.end: {
        const d = this.depth - 1;
        if (this.cKind[d] === FRAME_IF) {
          // An `if` without `else` behaves as if its else branch were empty.
          this.popFrame();
          this.pushFrame(FRAME_ELSE, this.cParams[d]!, this.cResults[d]!, this.cInstr[d]!);
        }
        const results = this.cResults[d]!;
        const opener = this.cInstr[d]!;
        this.popFrame();
        if (opener >= 0 && this.recording)
          this.pool.data[this.immStart[opener]! + 2] = this.count - 1;
        if (this.depth > 0) this.pushAll(results);
        return;
      }
      case Op.br: {
        this.popAll(this.labelTypes(imm[at]!));
        this.setUnreachable();
        return;
      }
      case Op.br_if: {
        const ts = this.labelTypes(imm[at]!);
        this.pop(I32);
        this.popAll(ts);
        this.pushAll(ts);
        return;
      }
      case Op.br_table: {
        const n = imm[at]!;
        // As in the reference, labels are looked up (default first) before the index is popped.
        const defaults = this.labelTypes(imm[at + 1 + n]!);
        for (let i = 0; i < n; i++) this.labelTypes(imm[at + 1 + i]!);
        this.pop(I32);
        const arity = defaults.length;
        for (let i = 0; i <= n; i++) {
          const ts = this.labelTypes(imm[at + 1 + i]!);
          if (ts.length !== arity) {
            this.fail(
              `type mismatch: instruction requires ${resultTypeToString(ts)} but stack has ${resultTypeToString(this.stackTop(arity))}`,
            );
          }
          // Check each target against the actual operands, then restore them.
          const saved = this.vlen;
          this.popAll(ts);
          this.vlen = saved;
        }
        this.setUnreachable();
        return;
      }
      case Op.return:
        this.popAll(this.results);
        this.setUnreachable();
        return;
      case Op.call: {
        const ft = this.funcTypeOf(imm[at]!);
        this.popAll(ft.params);
        this.pushAll(ft.results);
        return;
      }
      case Op.return_call: {
        const ft = this.funcTypeOf(imm[at]!);
        this.checkReturnCall(ft.results);
        this.popAll(ft.params);
        this.setUnreachable();
        return;
      }
      case Op.call_indirect:
      case Op.return_call_indirect: {
        const table = ctx.tables[imm[at + 1]!];
        if (table === undefined) this.unknown('table', imm[at + 1]!);
        const ft = this.funcType(imm[at]!);
        if (!valSub(ctx, table.element, FUNCREF)) {
          this.fail(
            `type mismatch: instruction requires table of function type but table has element type ${valTypeToString(table.element)}`,
          );
        }
        if (id === Op.return_call_indirect) this.checkReturnCall(ft.results);
        this.pop(table.is64 ? I64 : I32);
        this.popAll(ft.params);
        if (id === Op.return_call_indirect) this.setUnreachable();
        else this.pushAll(ft.results);
        return;
      }
      case Op.call_ref:
      case Op.return_call_ref: {
        const x = imm[at]!;
        const ft = this.funcType(x);
        if (id === Op.return_call_ref) this.checkReturnCall(ft.results);
        this.pop(refType(x, true));
        this.popAll(ft.params);
        if (id === Op.return_call_ref) this.setUnreachable();
        else this.pushAll(ft.results);
        return;
      }
      case Op.throw:
        this.popAll(this.tagParams(imm[at]!));
        this.setUnreachable();
        return;
      case Op.throw_ref:
        this.pop(EXNREF);
        this.setUnreachable();
        return;
      case Op.drop:
        imm[at] = this.popAny();
        return;
      case Op.select: {
        this.pop(I32);
        const t1 = this.popAny();
        const t2 = this.popAny();
        const numeric = (t: ValType) => t === BOT || isNum(t) || isVec(t);
        if (!numeric(t1) || !numeric(t2)) {
          const t = isRef(t2) ? t2 : t1;
          this.fail(
            `type mismatch: instruction requires numeric or vector type but stack has ${valTypeToString(t)}`,
          );
        }
        if (t1 !== t2 && t1 !== BOT && t2 !== BOT) {
          this.vlen += 3; // report the operands as they were
          this.mismatch([t1, t1, I32]);
        }
        const t = t1 === BOT ? t2 : t1;
        imm[at] = t;
        this.push(t);
        return;
      }
      case Op.select_t: {
        if (imm[at + 1] !== 1) this.fail('invalid result arity');
        const t = imm[at]!;
        this.valType(t);
        this.pop(I32);
        this.pop(t);
        this.pop(t);
        this.push(t);
        return;
      }
      case Op.local_get: {
        // Local indices are u32; the immediate pool holds them as int32.
        const x = imm[at]! >>> 0;
        const t = this.localType(x);
        if (this.trackInits && !isDefaultable(t) && x >= this.params.length) {
          if (!this.initialized.has(x)) this.fail('uninitialized local');
        }
        this.push(t);
        return;
      }
      case Op.local_set:
      case Op.local_tee: {
        const x = imm[at]! >>> 0;
        const t = this.localType(x);
        this.pop(t);
        this.initLocal(x, t);
        if (id === Op.local_tee) this.push(t);
        return;
      }
      case Op.global_get: {
        const g = ctx.globals[imm[at]!];
        if (g === undefined) this.unknown('global', imm[at]!);
        this.push(g.type);
        return;
      }
      case Op.global_set: {
        const g = ctx.globals[imm[at]!];
        if (g === undefined) this.unknown('global', imm[at]!);
        if (!g.mutable) this.fail('immutable global');
        this.pop(g.type);
        return;
      }
      case Op.table_get: {
        const addr = this.tableAddr(imm[at]!);
        this.pop(addr);
        this.push(ctx.tables[imm[at]!]!.element);
        return;
      }
      case Op.table_set: {
        const addr = this.tableAddr(imm[at]!);
        this.pop(ctx.tables[imm[at]!]!.element);
        this.pop(addr);
        return;
      }
      case Op.table_size:
        this.push(this.tableAddr(imm[at]!));
        return;
      case Op.table_grow: {
        const addr = this.tableAddr(imm[at]!);
        this.pop(addr);
        this.pop(ctx.tables[imm[at]!]!.element);
        this.push(addr);
        return;
      }
      case Op.table_fill: {
        const addr = this.tableAddr(imm[at]!);
        this.pop(addr);
        this.pop(ctx.tables[imm[at]!]!.element);
        this.pop(addr);
        return;
      }
      case Op.table_copy: {
        const dstAddr = this.tableAddr(imm[at]!);
        const srcAddr = this.tableAddr(imm[at + 1]!);
        const dst = ctx.tables[imm[at]!]!.element;
        const src = ctx.tables[imm[at + 1]!]!.element;
        if (!valSub(ctx, src, dst)) {
          this.fail(
            `type mismatch: source element type ${valTypeToString(src)} does not match destination element type ${valTypeToString(dst)}`,
          );
        }
        this.pop(dstAddr === I64 && srcAddr === I64 ? I64 : I32);
        this.pop(srcAddr);
        this.pop(dstAddr);
        return;
      }
      case Op.table_init: {
        const addr = this.tableAddr(imm[at + 1]!);
        const seg = this.elemType(imm[at]!);
        const table = ctx.tables[imm[at + 1]!]!.element;
        if (!valSub(ctx, seg, table)) {
          this.fail(
            `type mismatch: element segment's type ${valTypeToString(seg)} does not match table's element type ${valTypeToString(table)}`,
          );
        }
        this.pop(I32);
        this.pop(I32);
        this.pop(addr);
        return;
      }
      case Op.elem_drop:
        this.elemType(imm[at]!);
        return;
      case Op.memory_copy: {
        const dst = this.memoryAddr(imm[at]!);
        const src = this.memoryAddr(imm[at + 1]!);
        this.pop(dst === I64 && src === I64 ? I64 : I32);
        this.pop(src);
        this.pop(dst);
        return;
      }
      case Op.memory_init: {
        const addr = this.memoryAddr(imm[at + 1]!);
        this.dataIndex(imm[at]!);
        this.pop(I32);
        this.pop(I32);
        this.pop(addr);
        return;
      }
      case Op.data_drop:
        this.dataIndex(imm[at]!);
        return;
      case Op.ref_null: {
        const h = imm[at]!;
        this.heapType(h);
        this.push(refType(h, true));
        return;
      }
      case Op.ref_is_null:
        this.peekRef(0);
        this.popAny();
        this.push(I32);
        return;
      case Op.ref_as_non_null: {
        const t = this.peekRef(0);
        this.popAny();
        this.push(withNullable(t, false));
        return;
      }
      case Op.ref_func: {
        const f = imm[at]!;
        this.funcTypeOf(f);
        if (!ctx.declaredFuncs.has(f)) this.fail(`undeclared function reference ${f}`);
        this.push(refType(ctx.funcTypes[f]!, false));
        return;
      }
      case Op.br_on_null: {
        const ts = this.labelTypes(imm[at]!);
        const t = this.peekRef(0);
        this.popAny();
        this.popAll(ts);
        this.pushAll(ts);
        this.push(withNullable(t, false));
        return;
      }
      case Op.br_on_non_null: {
        const ts = this.labelTypes(imm[at]!);
        const last = ts[ts.length - 1];
        if (last === undefined || !isRef(last)) {
          this.fail(
            `type mismatch: instruction requires reference type but label has ${resultTypeToString(ts)}`,
          );
        }
        const prefix = ts.slice(0, -1);
        this.pop(withNullable(last, true));
        this.popAll(prefix);
        this.pushAll(prefix);
        return;
      }
      case Op.struct_new: {
        const x = imm[at]!;
        const st = this.structType(x);
        for (let i = st.fields.length - 1; i >= 0; i--) this.pop(unpacked(st.fields[i]!.storage));
        this.push(refType(x, false));
        return;
      }
      case Op.struct_new_default: {
        const x = imm[at]!;
        const st = this.structType(x);
        for (const f of st.fields) {
          if (!isDefaultable(unpacked(f.storage))) this.fail('field type is not defaultable');
        }
        this.push(refType(x, false));
        return;
      }
      case Op.struct_get:
      case Op.struct_get_s:
      case Op.struct_get_u:
      case Op.struct_set: {
        const x = imm[at]!;
        const st = this.structType(x);
        const field = st.fields[imm[at + 1]! >>> 0];
        if (field === undefined) this.fail(`unknown field ${imm[at + 1]! >>> 0}`);
        if (id === Op.struct_set) {
          if (!field.mutable) this.fail('immutable field');
          this.pop(unpacked(field.storage));
          this.pop(refType(x, true));
          return;
        }
        const packed = isPacked(field.storage);
        if (id === Op.struct_get && packed) this.fail('field is packed');
        if (id !== Op.struct_get && !packed) this.fail('field is unpacked');
        this.pop(refType(x, true));
        this.push(unpacked(field.storage));
        return;
      }
      case Op.array_new:
      case Op.array_new_default: {
        const x = imm[at]!;
        const t = unpacked(this.arrayType(x).field.storage);
        this.pop(I32);
        if (id === Op.array_new) this.pop(t);
        else if (!isDefaultable(t)) this.fail('array type is not defaultable');
        this.push(refType(x, false));
        return;
      }
      case Op.array_new_fixed: {
        const x = imm[at]!;
        const t = unpacked(this.arrayType(x).field.storage);
        this.popRepeated(t, imm[at + 1]! >>> 0);
        this.push(refType(x, false));
        return;
      }
      case Op.array_new_data: {
        const x = imm[at]!;
        const t = unpacked(this.arrayType(x).field.storage);
        this.dataIndex(imm[at + 1]!);
        if (!isNum(t) && !isVec(t)) this.fail('array type is not numeric or vector');
        this.pop(I32);
        this.pop(I32);
        this.push(refType(x, false));
        return;
      }
      case Op.array_new_elem: {
        const x = imm[at]!;
        const t = unpacked(this.arrayType(x).field.storage);
        const seg = this.elemType(imm[at + 1]!);
        if (!valSub(ctx, seg, t)) {
          this.fail(
            `type mismatch: element segment's type ${valTypeToString(seg)} does not match array's field type`,
          );
        }
        this.pop(I32);
        this.pop(I32);
        this.push(refType(x, false));
        return;
      }
      case Op.array_get:
      case Op.array_get_s:
      case Op.array_get_u: {
        const x = imm[at]!;
        const storage = this.arrayType(x).field.storage;
        const packed = isPacked(storage);
        if (id === Op.array_get && packed) this.fail('array is packed');
        if (id !== Op.array_get && !packed) this.fail('array is unpacked');
        this.pop(I32);
        this.pop(refType(x, true));
        this.push(unpacked(storage));
        return;
      }
      case Op.array_set:
      case Op.array_fill: {
        const x = imm[at]!;
        const field = this.arrayType(x).field;
        if (!field.mutable) this.fail('immutable array');
        if (id === Op.array_fill) this.pop(I32);
        this.pop(unpacked(field.storage));
        this.pop(I32);
        this.pop(refType(x, true));
        return;
      }
      case Op.array_copy: {
        const x = imm[at]!;
        const y = imm[at + 1]!;
        const dst = this.arrayType(x).field;
        const src = this.arrayType(y).field;
        if (!dst.mutable) this.fail('immutable array');
        if (!storageSub(ctx, src.storage, dst.storage)) this.fail('array types do not match');
        this.pop(I32);
        this.pop(I32);
        this.pop(refType(y, true));
        this.pop(I32);
        this.pop(refType(x, true));
        return;
      }
      case Op.array_init_data:
      case Op.array_init_elem: {
        const x = imm[at]!;
        const field = this.arrayType(x).field;
        if (!field.mutable) this.fail('immutable array');
        const t = unpacked(field.storage);
        if (id === Op.array_init_data) {
          this.dataIndex(imm[at + 1]!);
          if (!isNum(t) && !isVec(t)) this.fail('array type is not numeric or vector');
        } else {
          const seg = this.elemType(imm[at + 1]!);
          if (!valSub(ctx, seg, t)) {
            this.fail(
              `type mismatch: element segment's type ${valTypeToString(seg)} does not match array's field type`,
            );
          }
        }
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        this.pop(refType(x, true));
        return;
      }
      case Op.ref_test:
      case Op.ref_test_null:
      case Op.ref_cast:
      case Op.ref_cast_null: {
        const h = imm[at]!;
        this.heapType(h);
        this.pop(refType(topOf(ctx, h), true));
        if (id === Op.ref_test || id === Op.ref_test_null) this.push(I32);
        else this.push(refType(h, id === Op.ref_cast_null));
        return;
      }
      case Op.br_on_cast:
      case Op.br_on_cast_fail: {
        const flags = imm[at]!;
        const ts = this.labelTypes(imm[at + 1]!);
        const h1 = imm[at + 2]!;
        const h2 = imm[at + 3]!;
        this.heapType(h1);
        this.heapType(h2);
        const rt1 = refType(h1, (flags & 1) !== 0);
        const rt2 = refType(h2, (flags & 2) !== 0);
        if (!valSub(ctx, rt2, rt1)) {
          this.fail(
            `type mismatch: type ${valTypeToString(rt2)} does not match ${valTypeToString(rt1)}`,
          );
        }
        // rt1 minus rt2: if rt2 admits null, what is left cannot be null.
        const diff = isNullable(rt2) ? withNullable(rt1, false) : rt1;
        const onLabel = id === Op.br_on_cast ? rt2 : diff;
        const last = ts[ts.length - 1];
        if (last === undefined || !valSub(ctx, onLabel, last)) {
          this.fail(
            `type mismatch: instruction requires type ${valTypeToString(onLabel)} but label has ${resultTypeToString(ts)}`,
          );
        }
        const prefix = ts.slice(0, -1);
        this.pop(rt1);
        this.popAll(prefix);
        this.pushAll(prefix);
        this.push(id === Op.br_on_cast ? diff : rt2);
        return;
      }
      case Op.any_convert_extern:
      case Op.extern_convert_any: {
        const t = this.peekRef(0);
        const nullable = heapOf(t) === HT_BOT ? false : isNullable(t);
        const from = id === Op.any_convert_extern ? HT_EXTERN : HT_ANY;
        const to = id === Op.any_convert_extern ? HT_ANY : HT_EXTERN;
        this.pop(refType(from, nullable));
        this.push(refType(to, nullable));
        return;
      }
      default:
        throw new Error(`validator: no rule for ${op.name}`);
    }
  }

  private checkCatch(kind: number, tag: number, label: number): void {
    let ts: readonly ValType[];
    if (kind < 2) {
      ts = this.tagParams(tag);
      if (kind === 1) ts = [...ts, EXN_NONNULL];
    } else {
      ts = kind === 3 ? single(EXN_NONNULL) : NO_TYPES;
    }
    const target = this.labelTypes(label);
    let ok = ts.length === target.length;
    for (let i = 0; ok && i < ts.length; i++) ok = valSub(this.ctx, ts[i]!, target[i]!);
    if (!ok) {
      this.fail(
        `type mismatch: catch handler requires ${resultTypeToString(target)} but label has ${resultTypeToString(ts)}`,
      );
    }
  }

  /** Lane and shuffle index checks that the signature table cannot express. */
  private checkLanes(op: OpInfo, imm: Int32Array, at: number): void {
    if (op.imm === Imm.LANE && imm[at]! >= op.width) this.fail('invalid lane index');
    if (op.id === Op.i8x16_shuffle) {
      for (let w = 0; w < 4; w++) {
        const word = imm[at + w]!;
        for (let b = 0; b < 4; b++) {
          if (((word >>> (8 * b)) & 0xff) >= 32) this.fail('invalid lane index');
        }
      }
    }
  }
}

/** Whether `e` is a validation (not decoding) error. */
export function isValidationError(e: unknown): e is CompileError {
  return e instanceof CompileError && !e.malformed;
}
