/**
 * The translator of one function body: the state every instruction handler
 * works on, and the loop that hands each instruction to its handler.
 *
 * It walks the validated instructions once (environ's `Code`), keeping a
 * symbolic operand stack (stack.ts) and a stack of open blocks (blocks.ts).
 * Handlers live in `visit/`, one file per family, and are found through one
 * table indexed by op id (dispatch.ts). They pop their operands, push
 * results, and append code only through `emit`, which keeps evaluation
 * order (see stack.ts).
 */
import {
  globalizeType,
  type Frame,
  type FuncInstance,
  type ResumeCode,
  type ResumePoint,
  type InstanceHandle,
  type Store,
  type TypeRegistry,
  type WasmCode,
} from '@weft/runtime';
import type { Code, FuncType, FunctionBody, ModuleInfo, ValType } from '@weft/environ';
import { Op } from '@weft/environ';
import * as bulk from '../ops/bulk.js';
import * as exc from '../ops/exceptions.js';
import { site as makeSite } from '../ops/trap.js';
import { Blocks } from './blocks.js';
import type { Ctl } from './ctl.js';
import * as calls from './calls.js';
import { HANDLERS } from './dispatch.js';
import {
  classOf,
  CLS_F32,
  CLS_F64,
  forgetCopies,
  mergeCopies,
  toExpr,
  type Operand,
  type ValueClass,
} from './operands.js';
import { literalOfClosure, uniqueKey } from './literals.js';
import { Metering, type MeteringOptions } from './metering.js';
import { OperandStack } from './stack.js';
import type { FunctionTiers } from './tiers.js';
import type { Stmt } from './types.js';
import { localsReadUnset } from './unset-locals.js';

/**
 * Implementation limit on parameters, locals and operand stack slots of one
 * function (checked when a module is compiled, see ../index.ts).
 */
export const MAX_FRAME_SLOTS = 100_000;

/** Everything a compiled function binds to. */
export interface CompileEnv {
  readonly module: ModuleInfo;
  readonly instance: InstanceHandle;
  readonly store: Store;
  readonly registry: TypeRegistry;
  /** Fuel and interruption checks to compile in. */
  readonly metering: MeteringOptions;
}

/**
 * How the function's blocks are laid out: `structured`, a closure per
 * targeted block (fast, but nesting costs JS stack at run time), or `flat`,
 * one statement list with jumps (any nesting; slower, for pathological
 * bodies). See layout-structured.ts and layout-flat.ts.
 */
export type Layout = 'structured' | 'flat';

/** Options of one translation. */
export interface TranslateOptions {
  /** Baseline code counts and tiers up through these. */
  readonly tiers: FunctionTiers;
  /** Optimized code (no counters, loops recorded for on-stack replacement). */
  readonly optimized: boolean;
  readonly layout: Layout;
  /**
   * Resumable code (flat layout only): record where each call and check
   * is in the statement list, to resume suspended frames there.
   */
  readonly resumable?: boolean;
}

/** A statement that wrote a v128 to a stack slot, and how to build it for another slot. */
export interface V128Result {
  readonly stmt: Stmt;
  readonly slot: number;
  /** The statement writing local `x` instead, or null if it may not. */
  readonly rebuild: (x: number) => Stmt | null;
}

export class Translator {
  readonly module: ModuleInfo;
  readonly instance: InstanceHandle;
  readonly store: Store;
  readonly registry: TypeRegistry;
  readonly type: FuncType;
  readonly localTypes: ValType[] = [];
  readonly nLocals: number;
  readonly stack: OperandStack;
  readonly blocks: Blocks;
  readonly metering: Metering;
  /** Index of the instruction being translated. */
  pc = 0;
  /** Whether the function makes tail calls (its entry then runs the chain). */
  tails = false;
  /** Whether the function has a legacy `delegate` (its body then unwraps delegated exceptions). */
  delegates = false;
  /** The first slot keeping a legacy try's caught exception (one per nesting level). */
  readonly exnBase: number;
  /** The v128 statement the current instruction emitted, if any (see visit/variables.ts). */
  produced: V128Result | null = null;
  /** The v128 statement the previous instruction emitted, if any. */
  previous: V128Result | null = null;
  /** Slots of a frame: parameters, locals, hidden slots and the operand stack. */
  readonly frameSize: number;
  /**
   * Resumable code: the statement index of each resume point, by
   * `resumeKey` (null when not recording).
   */
  readonly resumePoints: Map<number, number> | null;
  /** The copy key of the function's calls of itself (see `calleeKey`); 0 until needed. */
  private selfKey = 0;

  constructor(
    env: CompileEnv,
    readonly body: FunctionBody,
    readonly code: Code,
    readonly options: TranslateOptions,
  ) {
    forgetCopies(); // copies merge only within one translation
    this.module = env.module;
    this.instance = env.instance;
    this.store = env.store;
    this.registry = env.registry;
    this.type = this.module.types[body.typeIndex]!.comp as FuncType;
    this.localTypes.push(...this.type.params);
    for (const run of body.locals)
      for (let i = 0; i < run.count; i++) this.localTypes.push(run.type);
    this.nLocals = this.localTypes.length;
    // Hidden slots after the locals: the exception each open legacy try
    // caught, for `rethrow`.
    this.metering = new Metering(this, env.metering);
    this.exnBase = this.nLocals;
    const base = this.exnBase + legacyTryDepth(code);
    this.stack = new OperandStack(base, code.maxHeight, (s) => this.appendRaw(s));
    this.frameSize = Math.max(this.stack.slotOf(code.maxHeight), this.type.results.length) + 1;
    this.blocks = new Blocks(this, options.layout);
    this.resumePoints = options.resumable === true ? new Map() : null;
  }

  /**
   * The key telling apart the copies of a call of `callee`, a function of
   * this instance (see calls.ts, `callInternal`): the function itself has
   * a key of its own; a callee running optimized code, its entry's literal;
   * any other, none.
   */
  calleeKey(callee: FuncInstance): number {
    if (callee === this.instance.funcs[this.body.funcIndex])
      return this.selfKey === 0 ? (this.selfKey = uniqueKey()) : this.selfKey;
    return literalOfClosure(callee.code);
  }

  /** Translates the body; returns the function's entry. */
  compile(): WasmCode {
    this.translate();
    const finished = this.blocks.finished();
    const body = this.delegates ? exc.undelegate(finished) : finished;
    const zero = this.zeroLocals();
    const site = this.site(0);
    const store = this.store;
    if (this.options.optimized || this.options.layout === 'flat')
      return calls.entry(store, this.frameSize, zero, body, this.tails, site);
    const tiers = this.options.tiers;
    return calls.countedEntry(store, this.frameSize, zero, body, this.tails, site, () => {
      tiers.optimized();
    });
  }

  /**
   * Translates the body as resumable code (options `resumable`, flat
   * layout); returns what resumes a suspended frame of the function.
   */
  compileResumable(): ResumeCode {
    this.translate();
    const run = this.blocks.flatRunner();
    return calls.resumableEntry(
      this.store,
      this.delegates ? exc.undelegateRun(run) : run,
      this.resumePoints!,
      this.tails,
    );
  }

  /** Hands every instruction to its handler, metering around them. */
  private translate(): void {
    const code = this.code;
    this.blocks.open(this.blocks.functionCtl(this.type.results, code.count - 1));
    const metering = this.metering;
    metering.entry();
    for (this.pc = 0; this.pc < code.count; this.pc++) {
      this.previous = this.produced;
      this.produced = null;
      const id = code.ops[this.pc]!;
      metering.before(id);
      HANDLERS[id]!(this, id);
      metering.after(id);
    }
  }

  // ---------------------------------------------------------------------------
  // Immediates and sites.

  /** Immediate `k` of the current instruction. */
  imm(k = 0): number {
    return this.code.imm[this.code.immStart[this.pc]! + k]!;
  }

  /** Whether the next instruction is `op`. */
  nextIs(op: number): boolean {
    return this.pc + 1 < this.code.count && this.code.ops[this.pc + 1] === op;
  }

  /** Where the current instruction's immediates start in `code.imm`. */
  immAt(): number {
    return this.code.immStart[this.pc]!;
  }

  /** The trap site of instruction `pc` (the current one by default). */
  site(pc = this.pc): Frame {
    return makeSite(this.body.funcIndex, this.code.offsets[pc]!, this.instance);
  }

  // ---------------------------------------------------------------------------
  // Operands and code.

  /** The innermost open block. */
  get top(): Ctl {
    return this.blocks.top;
  }

  /** Emits a statement after the pending expressions on the stack (see stack.ts). */
  emit(s: Stmt): void {
    this.stack.emit(s);
  }

  /**
   * Marks the statement just emitted as resume point `point` at `site` (a
   * call, or a fuel or interruption check): a frame suspended there resumes
   * at it in resumable code (see the runtime's suspend.ts).
   */
  markResumePoint(site: Frame, point: ResumePoint): void {
    const points = this.resumePoints;
    if (points === null) return;
    points.set(calls.resumeKey(site.offset, point), this.top.stmts.length - 1);
  }

  /**
   * Appends a statement to the current block, merging consecutive copies,
   * without running pending expressions first: only for statements whose
   * order with them does not matter (moves done by the operand stack,
   * metering). Everything else goes through `emit`.
   */
  appendRaw(s: Stmt): void {
    const stmts = this.top.stmts;
    const last = stmts.length - 1;
    const merged = last >= this.blocks.mergeFloor ? mergeCopies(stmts[last]!, s) : null;
    if (merged !== null) stmts[last] = merged;
    else stmts.push(s);
  }

  push(op: Operand): void {
    this.stack.push(op);
  }

  pop(): Operand {
    return this.stack.pop();
  }

  /** Pushes the result of a statement that wrote it into the next stack slot. */
  pushSlot(cls: ValueClass): void {
    this.stack.pushSlot(cls);
  }

  /** The slot the next pushed operand would have. */
  nextSlot(): number {
    return this.stack.slotOf(this.stack.length);
  }

  /**
   * Puts the top `n` operands (arguments of a call or statement) in their own
   * slots, in order; returns the first slot.
   */
  placeArguments(n: number): number {
    return this.stack.materializeTop(n);
  }

  localClass(x: number): ValueClass {
    return classOf(this.localTypes[x]!);
  }

  /** The rest of the current block is dead: skip to its `else` or `end`. */
  setUnreachable(): void {
    this.pc = this.blocks.skipDeadCode() - 1;
  }

  // ---------------------------------------------------------------------------
  // Types.

  /** A function type of the module by function index. */
  funcType(f: number): FuncType {
    return this.module.types[this.module.funcTypes[f]!]!.comp as FuncType;
  }

  /** A value or storage type with concrete heap types as global ids. */
  globalType(t: ValType): ValType {
    return globalizeType(t, this.instance.typeIds);
  }

  /** A heap type immediate with concrete types mapped to global ids. */
  heapType(h: number): number {
    return h >= 0 ? this.instance.typeIds[h]! : h;
  }

  /** An address operand as an unsigned number expression (32- or 64-bit). */
  addr(op: Operand, wide: boolean): bulk.AddrExpr {
    return wide ? bulk.addr64(toExpr(op)) : bulk.addr32(toExpr(op));
  }

  /** What zeroes, on entry, the declared locals the body may read before writing them. */
  private zeroLocals(): ((fp: number) => void) | null {
    const ranges: calls.ZeroRange[] = [];
    const first = this.type.params.length;
    const unset = localsReadUnset(this.code, first, this.nLocals);
    for (let x = first; x < this.nLocals; x++) {
      if (unset !== null && unset[x - first] === 0) continue;
      // f32 and f64 locals live in the same array: one range zeroes both.
      const local = this.localClass(x);
      const cls = local === CLS_F32 ? CLS_F64 : local;
      const last = ranges[ranges.length - 1];
      if (last !== undefined && last.cls === cls && last.end === x)
        ranges[ranges.length - 1] = { cls, start: last.start, end: x + 1 };
      else ranges.push({ cls, start: x, end: x + 1 });
    }
    return calls.zeroer(ranges);
  }
}

/** The deepest nesting of legacy `try`s in a body (each keeps its caught exception in a slot). */
function legacyTryDepth(code: Code): number {
  const ops = code.ops;
  if (!ops.includes(Op.try)) return 0;
  // 1 for each open block that is a legacy try, 0 for the others.
  const open: number[] = [];
  let tries = 0;
  let deepest = 0;
  for (let i = 0; i < code.count; i++) {
    const id = ops[i]!;
    if (id === Op.block || id === Op.loop || id === Op.if || id === Op.try_table) open.push(0);
    else if (id === Op.try) {
      open.push(1);
      if (++tries > deepest) deepest = tries;
    } else if (id === Op.end || id === Op.delegate) tries -= open.pop() ?? 0;
  }
  return deepest;
}
