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
 *
 * The validator is in layers, one job per file:
 * - code.ts (this file): the entry points, the instruction loop (decoding,
 *   recording) and the dispatch of each instruction to its rule;
 * - fast.ts, fast-control.ts: the loop of validate-only mode, with fast
 *   paths for the common cases of the frequent instructions, `step` here
 *   for everything else;
 * - stacks.ts: the operand and control stacks and error reports, which
 *   `CodeValidator` extends; locals.ts: locals and their initialization;
 * - rules.ts: the table of rules; rules/signature.ts types the instructions
 *   with a signature in `OPS`, rules/control.ts, variables.ts,
 *   references.ts and gc.ts hold the hand-written rules of the others;
 * - lookups.ts: the module's index spaces, checked for the rules.
 */
import { CompileError, malformed } from '../errors.js';
import { readImmediates } from '../binary/immediates.js';
import { IntPool } from '../binary/pool.js';
import type { Reader } from '../binary/reader.js';
import type { Code } from '../module.js';
import { Op, OPS, PREFIX_BASE, type OpInfo } from '../opcodes.js';
import type { GlobalType, ValType } from '../types.js';
import type { ValidationContext } from './context.js';
import { NO_LOCALS, type LocalsLayout } from './locals.js';
import { validateFast } from './fast.js';
import { RULES } from './rules.js';
import { checkTyped } from './rules/signature.js';
import {
  FRAME_BLOCK,
  FRAME_ELSE,
  FRAME_FUNC,
  FRAME_IF,
  FRAME_LEGACY_CATCH,
  FRAME_LEGACY_CATCH_ALL,
  FRAME_LEGACY_TRY,
  grow,
  NO_TYPES,
  single,
  Stacks,
} from './stacks.js';

export type { LocalsLayout } from './locals.js';

/** Reusable decoder/validator; scratch buffers grow to the largest body seen. */
export class CodeValidator extends Stacks {
  /** Whether instructions are written to the output arrays. */
  private recording = true;
  // Output.
  private ops = new Uint16Array(1024);
  private heights = new Uint32Array(1024);
  private offsets = new Uint32Array(1024);
  private immStart = new Uint32Array(1025);
  /** Instructions recorded so far; the current one is `count - 1`. */
  count = 0;
  private readonly pool = new IntPool();
  /** Whether the last sequence referenced a data segment (requires a data count section). */
  usesDataIndex = false;
  /** `ref.func` targets seen by the last `skip`. */
  readonly refFuncs: number[] = [];
  /** Globals visible to the constant expression being checked, or null outside `checkConstant`. */
  private constGlobals: readonly GlobalType[] | null = null;

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
   * Records instruction `count - 1` in immediate `field` of instruction
   * `opener`: the `end` (2) or `else` (3) of a block instruction, or the
   * next clause of a legacy `catch` (1) or `catch_all` (0).
   */
  setTarget(opener: number, field: number): void {
    if (this.recording) this.pool.data[this.immStart[opener]! + field] = this.count - 1;
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
    if (validating) this.locals.set(locals);
    this.pushFrame(FRAME_FUNC, NO_TYPES, results, -1);
    this.loop(r);
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
    // Validate-only mode has its own loop, with fast paths (fast.ts).
    if (this.validating && !this.recording) validateFast(this, r);
    else while (this.depth > 0) this.step(r);
  }

  /** Decodes, records (if recording) and checks (if validating) one instruction. */
  step(r: Reader): void {
    const pool = this.pool;
    const offset = r.pos;
    const b = r.u8();
    let id = b;
    let info: OpInfo | undefined;
    if (b >= 0xfb && b <= 0xfe) {
      const sub = r.u32();
      const base = PREFIX_BASE[b as 0xfb | 0xfc | 0xfd | 0xfe];
      info = sub < 0x200 ? OPS[base + sub] : undefined;
      // Sub-opcodes past the end of one prefix's range land in the next prefix's ids.
      if (info !== undefined && info.prefix !== b) info = undefined;
      if (info !== undefined && info.feature !== null && !r.features[info.feature]) {
        info = undefined;
      }
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

    // Structure is checked in both modes: a misplaced `else`, `catch`,
    // `catch_all` or `delegate` is a decoding error.
    if (id === Op.else || id === Op.catch || id === Op.catch_all || id === Op.delegate) {
      const kind = this.cKind[this.depth - 1]!;
      const fits =
        id === Op.else
          ? kind === FRAME_IF
          : id === Op.delegate
            ? kind === FRAME_LEGACY_TRY
            : kind === FRAME_LEGACY_TRY || kind === FRAME_LEGACY_CATCH;
      if (!fits) malformed(offset, 'END opcode expected');
    }
    this.at = offset;
    if (this.validating) this.check(id, info, immAt);
    else this.track(id);
  }

  /**
   * Validates one instruction, the one place that picks its rule: the
   * signature in `OPS` if it has one, else its hand-written rule.
   */
  private check(id: number, op: OpInfo, at: number): void {
    const imm = this.pool.data;
    if (op.params !== null) {
      checkTyped(this, id, op, imm, at);
      return;
    }
    const rule = RULES[id];
    if (rule === undefined) throw new Error(`validator: no rule for ${op.name}`);
    rule(this, id, imm, at);
  }

  /** Decode-only mode: keep just enough structure to find the end. */
  private track(id: number): void {
    if (this.constGlobals !== null) this.checkConstOp(id);
    if (id === Op.ref_func) this.refFuncs.push(this.pool.data[0]! >>> 0);
    if (id === Op.block || id === Op.loop || id === Op.try_table) {
      this.pushFrame(FRAME_BLOCK, NO_TYPES, NO_TYPES, this.count - 1);
    } else if (id === Op.try) {
      this.pushFrame(FRAME_LEGACY_TRY, NO_TYPES, NO_TYPES, this.count - 1);
    } else if (id === Op.catch) {
      this.cKind[this.depth - 1] = FRAME_LEGACY_CATCH;
    } else if (id === Op.catch_all) {
      this.cKind[this.depth - 1] = FRAME_LEGACY_CATCH_ALL;
    } else if (id === Op.delegate) {
      this.depth--;
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
}

/** Whether `e` is a validation (not decoding) error. */
export function isValidationError(e: unknown): e is CompileError {
  return e instanceof CompileError && !e.malformed;
}
