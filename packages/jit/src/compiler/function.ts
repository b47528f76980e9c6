/**
 * Compiles one validated function body into closures.
 *
 * The compiler walks the instructions once, keeping a symbolic operand
 * stack (see operands.ts) and a stack of open blocks, each collecting the
 * statements of its body. Instructions with operands that are slots or
 * constants become one fused closure; pending expressions are written to
 * their stack slots only where order or placement requires it.
 */
import {
  ADDR,
  analyzeBody,
  I32 as I32T,
  I64,
  Imm,
  OPS,
  opId,
  PREFIX_BASE,
  type ArrayType,
  type Code,
  type FuncType,
  type FunctionBody,
  type ModuleInfo,
  type StructType,
  type ValType,
} from '@weft/environ';
import {
  f32FromBits,
  f64FromBits,
  globalizeType,
  internalize,
  externalize,
  REFS,
  toI31,
  type Frame,
  type FuncInstance,
  type InstanceHandle,
  type Store,
  type TypeRegistry,
  type WasmCode,
} from '@weft/runtime';
import { BINARY, UNARY } from '../gen/numeric.js';
import { LOADS, STORES } from '../gen/memory.js';
import * as bulk from '../ops/bulk.js';
import * as exc from '../ops/exceptions.js';
import * as gc from '../ops/gc.js';
import { R } from '../ops/i64.js';
import { site as makeSite } from '../ops/trap.js';
import { simdStatement } from '../ops/simd.js';
import * as vars from '../ops/variables.js';
import * as calls from './calls.js';
import * as control from './control.js';
import { makeVariant, sharedVariant, withCopies } from './literals.js';
import { OperandStack } from './stack.js';
import { FunctionTiers, TIER_UP } from './tiers.js';
import {
  classOf,
  CLS_F32,
  CLS_F64,
  CLS_I32,
  CLS_I64,
  CLS_REF,
  CLS_V128,
  constOperand,
  copyStmt,
  evalStmt,
  mergeCopies,
  exprOperand,
  K_CONST,
  K_EXPR,
  K_SLOT,
  slotOperand,
  storeStmt,
  toExpr,
  toRefExpr,
  type Operand,
  type Recipe,
  type ValueClass,
} from './operands.js';
import type { BinaryFactories, Expr, FactoryArg, RefExpr, Stmt, UnaryFactories } from './types.js';

/** Implementation limit on locals plus operand stack slots of one function. */
export const MAX_FRAME_SLOTS = 100_000;

/** Everything a compiled function binds to. */
export interface CompileEnv {
  readonly module: ModuleInfo;
  readonly instance: InstanceHandle;
  readonly store: Store;
  readonly registry: TypeRegistry;
}

const FUNC = 0;
const BLOCK = 1;
const LOOP = 2;
const IF = 3;
const ELSE = 4;
const TRY = 5;

interface Ctl {
  kind: number;
  /** Absolute branch code of this block's label. */
  readonly code: number;
  stmts: Stmt[];
  /** `if`: the then branch, once `else` was seen. */
  thenStmts: Stmt[] | null;
  thenReachable: boolean;
  cond: Operand | null;
  /** Operand stack length at entry, below the parameters. */
  readonly height: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Frame slot of the label's first value. */
  readonly labelSlot: number;
  targeted: boolean;
  unreachable: boolean;
  readonly endIndex: number;
  readonly elseIndex: number;
  /** Loops: the statement index of a trailing `br_if` back to the loop, and its condition. */
  backEdge: { index: number; cond: Operand } | null;
  /** Index of the instruction that opened the block (matches loops across tiers). */
  readonly start: number;
  handlers: exc.Handler[] | null;
}

const CLASS_OF_LETTER: Record<string, ValueClass> = {
  i: CLS_I32,
  l: CLS_I64,
  f: CLS_F32,
  d: CLS_F64,
};

const OP = {
  unreachable: opId('unreachable'),
  nop: opId('nop'),
  block: opId('block'),
  loop: opId('loop'),
  if: opId('if'),
  else: opId('else'),
  end: opId('end'),
  try_table: opId('try_table'),
  throw: opId('throw'),
  throw_ref: opId('throw_ref'),
  br: opId('br'),
  br_if: opId('br_if'),
  br_table: opId('br_table'),
  return: opId('return'),
  call: opId('call'),
  call_indirect: opId('call_indirect'),
  return_call: opId('return_call'),
  return_call_indirect: opId('return_call_indirect'),
  call_ref: opId('call_ref'),
  return_call_ref: opId('return_call_ref'),
  drop: opId('drop'),
  select: opId('select'),
  select_t: opId('select_t'),
  local_get: opId('local.get'),
  local_set: opId('local.set'),
  local_tee: opId('local.tee'),
  global_get: opId('global.get'),
  global_set: opId('global.set'),
  table_get: opId('table.get'),
  table_set: opId('table.set'),
  table_size: opId('table.size'),
  table_grow: opId('table.grow'),
  table_fill: opId('table.fill'),
  table_copy: opId('table.copy'),
  table_init: opId('table.init'),
  elem_drop: opId('elem.drop'),
  memory_size: opId('memory.size'),
  memory_grow: opId('memory.grow'),
  memory_fill: opId('memory.fill'),
  memory_copy: opId('memory.copy'),
  memory_init: opId('memory.init'),
  data_drop: opId('data.drop'),
  i32_const: opId('i32.const'),
  i64_const: opId('i64.const'),
  f32_const: opId('f32.const'),
  f64_const: opId('f64.const'),
  v128_const: opId('v128.const'),
  ref_null: opId('ref.null'),
  ref_is_null: opId('ref.is_null'),
  ref_func: opId('ref.func'),
  ref_eq: opId('ref.eq'),
  ref_as_non_null: opId('ref.as_non_null'),
  br_on_null: opId('br_on_null'),
  br_on_non_null: opId('br_on_non_null'),
  struct_new: opId('struct.new'),
  struct_new_default: opId('struct.new_default'),
  struct_get: opId('struct.get'),
  struct_get_s: opId('struct.get_s'),
  struct_get_u: opId('struct.get_u'),
  struct_set: opId('struct.set'),
  array_new: opId('array.new'),
  array_new_default: opId('array.new_default'),
  array_new_fixed: opId('array.new_fixed'),
  array_new_data: opId('array.new_data'),
  array_new_elem: opId('array.new_elem'),
  array_get: opId('array.get'),
  array_get_s: opId('array.get_s'),
  array_get_u: opId('array.get_u'),
  array_set: opId('array.set'),
  array_len: opId('array.len'),
  array_fill: opId('array.fill'),
  array_copy: opId('array.copy'),
  array_init_data: opId('array.init_data'),
  array_init_elem: opId('array.init_elem'),
  ref_test: opId('ref.test'),
  ref_test_null: opId('ref.test_null'),
  ref_cast: opId('ref.cast'),
  ref_cast_null: opId('ref.cast_null'),
  br_on_cast: opId('br_on_cast'),
  br_on_cast_fail: opId('br_on_cast_fail'),
  any_convert_extern: opId('any.convert_extern'),
  extern_convert_any: opId('extern.convert_any'),
  ref_i31: opId('ref.i31'),
  i31_get_s: opId('i31.get_s'),
  i31_get_u: opId('i31.get_u'),
} as const;

/** Op ids from here up are SIMD instructions (prefix 0xfd). */
const SIMD_FIRST = PREFIX_BASE[0xfd];

/** Per op id: the generated factories of scalar instructions, if any. */
const BINARY_BY_ID: (BinaryFactories | undefined)[] = [];
const UNARY_BY_ID: (UnaryFactories | undefined)[] = [];
const LOADS_BY_ID: (Record<string, unknown> | undefined)[] = [];
const STORES_BY_ID: (Record<string, unknown> | undefined)[] = [];
for (const op of OPS) {
  if (op === undefined) continue;
  const name = op.name;
  if (name in BINARY)
    BINARY_BY_ID[op.id] = BINARY[name as keyof typeof BINARY] as unknown as BinaryFactories;
  if (name in UNARY)
    UNARY_BY_ID[op.id] = UNARY[name as keyof typeof UNARY] as unknown as UnaryFactories;
  if (name in LOADS) LOADS_BY_ID[op.id] = LOADS[name as keyof typeof LOADS];
  if (name in STORES) STORES_BY_ID[op.id] = STORES[name as keyof typeof STORES];
}

/**
 * Shape letter of an operand for generated factories. NaN constants are
 * passed as expressions: factory arguments travel in arrays, and V8 quiets
 * signalling NaNs stored in arrays of doubles.
 */
function shapeOf(op: Operand): string {
  if (op.kind === K_SLOT) return 's';
  if (op.kind === K_CONST && op.value === op.value) return 'c';
  return 'e';
}

/** Factory arguments for an operand in shape `shape`. */
function argsOf(op: Operand, shape: string): FactoryArg[] {
  if (shape === 's') return [op.slot];
  if (shape === 'c') return op.cls === CLS_I64 ? [op.value, op.hi] : [op.value];
  return [toExpr(op)];
}

export class FunctionCompiler {
  private readonly module: ModuleInfo;
  private readonly instance: InstanceHandle;
  private readonly store: Store;
  private readonly registry: TypeRegistry;
  private readonly code: Code;
  private readonly type: FuncType;
  private readonly localTypes: ValType[] = [];
  private readonly nLocals: number;
  private readonly stack: OperandStack;
  private readonly ctls: Ctl[] = [];
  private pc = 0;
  private tails = false;
  /** The v128 statement the current instruction emitted, if any (see `writeInPlace`). */
  private produced: V128Result | null = null;
  /** The v128 statement the previous instruction emitted, if any. */
  private previous: V128Result | null = null;
  /** Targeted blocks built so far, as chains (see `targetedBlock`). */
  private readonly chains = new Map<Stmt, { segments: Stmt[]; base: number }>();

  constructor(
    env: CompileEnv,
    private readonly body: FunctionBody,
    code: Code,
    /** Baseline code counts and tiers up through these; optimized code fills `loops`. */
    private readonly tiers: FunctionTiers,
    private readonly optimized: boolean,
  ) {
    this.module = env.module;
    this.instance = env.instance;
    this.store = env.store;
    this.registry = env.registry;
    this.type = this.module.types[body.typeIndex]!.comp as FuncType;
    const declared = body.numLocals;
    if (this.type.params.length + declared > MAX_FRAME_SLOTS) {
      throw new RangeError(`function ${body.funcIndex} has too many locals for the compiler`);
    }
    this.localTypes.push(...this.type.params);
    for (const run of body.locals)
      for (let i = 0; i < run.count; i++) this.localTypes.push(run.type);
    this.nLocals = this.localTypes.length;
    this.code = code;
    if (this.nLocals + this.code.maxHeight > MAX_FRAME_SLOTS) {
      throw new RangeError(`function ${body.funcIndex} needs too large a frame for the compiler`);
    }
    this.stack = new OperandStack(this.nLocals, code.maxHeight, (s) => this.append(s));
  }

  /** Optimized code: its loops by the index of their `loop` instruction. */
  readonly loops = new Map<number, Stmt>();

  compile(): WasmCode {
    const code = this.code;
    const results = this.type.results;
    this.ctls.push(this.newCtl(FUNC, [], results, 0, 0, code.count - 1, -1));
    for (this.pc = 0; this.pc < code.count; this.pc++) {
      this.previous = this.produced;
      this.produced = null;
      this.instruction(code.ops[this.pc]!);
    }
    const body = this.finished!;
    const frameSize = Math.max(this.nLocals + code.maxHeight, results.length) + 1;
    const zero = this.zeroLocals();
    const site = this.site(0);
    if (this.optimized) return calls.entry(this.store, frameSize, zero, body, this.tails, site);
    const tiers = this.tiers;
    return calls.countedEntry(this.store, frameSize, zero, body, this.tails, site, () => {
      tiers.optimized();
    });
  }

  /** A loop statement: plain in optimized code, counting in baseline code (see tiers.ts). */
  private loopStmt(ctl: Ctl, body: Stmt, cond: Expr | null): Stmt {
    if (this.optimized) {
      const loop =
        cond === null ? control.loop(body, ctl.code) : control.loopWhile(body, cond, ctl.code);
      this.loops.set(ctl.start, loop);
      return loop;
    }
    const tiers = this.tiers;
    const start = ctl.start;
    const hot = () => tiers.optimizedLoop(start);
    return cond === null
      ? control.countedLoop(body, ctl.code, hot)
      : control.countedLoopWhile(body, cond, ctl.code, hot);
  }

  private finished: Stmt | null = null;

  // ---------------------------------------------------------------------------
  // Helpers.

  private site(pc = this.pc): Frame {
    return makeSite(this.body.funcIndex, this.code.offsets[pc]!, this.instance);
  }

  private get top(): Ctl {
    return this.ctls[this.ctls.length - 1]!;
  }

  private imm(k = 0): number {
    return this.code.imm[this.code.immStart[this.pc]! + k]!;
  }

  private immAt(): number {
    return this.code.immStart[this.pc]!;
  }

  private newCtl(
    kind: number,
    params: readonly ValType[],
    results: readonly ValType[],
    height: number,
    labelSlot: number,
    endIndex: number,
    elseIndex: number,
  ): Ctl {
    return {
      kind,
      code: this.ctls.length + 1,
      stmts: [],
      thenStmts: null,
      thenReachable: false,
      cond: null,
      height,
      params,
      results,
      labelSlot,
      targeted: false,
      unreachable: false,
      endIndex,
      elseIndex,
      backEdge: null,
      handlers: null,
      start: this.pc,
    };
  }

  /** Appends a statement to the current block, merging consecutive copies. */
  private append(s: Stmt): void {
    const stmts = this.top.stmts;
    const last = stmts.length - 1;
    const merged = last >= 0 ? mergeCopies(stmts[last]!, s) : null;
    if (merged !== null) stmts[last] = merged;
    else stmts.push(s);
  }

  /** Emits a statement after the pending expressions on the stack (see stack.ts). */
  private emit(s: Stmt): void {
    this.stack.emit(s);
  }

  private push(op: Operand): void {
    this.stack.push(op);
  }

  private pop(): Operand {
    return this.stack.pop();
  }

  /** Pushes the result of a statement that wrote it into its own slot. */
  private pushSlot(cls: ValueClass): void {
    this.stack.pushSlot(cls);
  }

  private localClass(x: number): ValueClass {
    return classOf(this.localTypes[x]!);
  }

  /** The rest of the current block is dead: skip to its `else` or `end`. */
  private setUnreachable(): void {
    const ctl = this.top;
    ctl.unreachable = true;
    this.stack.truncate(ctl.height);
    const next = ctl.kind === IF && ctl.elseIndex >= 0 ? ctl.elseIndex : ctl.endIndex;
    this.pc = next - 1;
  }

  private labelTypes(ctl: Ctl): readonly ValType[] {
    return ctl.kind === LOOP ? ctl.params : ctl.results;
  }

  private target(depth: number): Ctl {
    const ctl = this.ctls[this.ctls.length - 1 - depth]!;
    ctl.targeted = true;
    return ctl;
  }

  /**
   * Places the top `n` operands in their own slots and returns the
   * statement moving them to `ctl`'s label slots (null if already there).
   */
  private moveToLabel(ctl: Ctl, n: number, below = 0): Stmt | null {
    const len = this.stack.length - below;
    this.stack.materializeRange(len - n, len);
    const from = this.stack.slotOf(len - n);
    if (from === ctl.labelSlot || n === 0) return null;
    const types = this.labelTypes(ctl);
    const moves: Stmt[] = [];
    for (let i = 0; i < n; i++)
      moves.push(copyStmt(classOf(types[i]!), ctl.labelSlot + i, from + i));
    return control.all(moves);
  }

  private blockType(): [readonly ValType[], readonly ValType[]] {
    const index = this.imm(0);
    if (index >= 0) {
      const ft = this.module.types[index]!.comp as FuncType;
      return [ft.params, ft.results];
    }
    const t = this.imm(1);
    return t === 0 ? [[], []] : [[], [t]];
  }

  private zeroLocals(): ((fp: number) => void) | null {
    const ranges: calls.ZeroRange[] = [];
    for (let x = this.type.params.length; x < this.nLocals; x++) {
      const cls = this.localClass(x);
      const last = ranges[ranges.length - 1];
      if (last !== undefined && last.cls === cls && last.end === x)
        ranges[ranges.length - 1] = { cls, start: last.start, end: x + 1 };
      else ranges.push({ cls, start: x, end: x + 1 });
    }
    return calls.zeroer(ranges);
  }

  private globalType(t: ValType): ValType {
    return globalizeType(t, this.instance.typeIds);
  }

  /** An address operand as an unsigned number expression (32- or 64-bit). */
  private addr(op: Operand, wide: boolean): bulk.AddrExpr {
    return wide ? bulk.addr64(toExpr(op)) : bulk.addr32(toExpr(op));
  }

  // ---------------------------------------------------------------------------
  // The instruction dispatch.

  private instruction(id: number): void {
    const binary = BINARY_BY_ID[id];
    if (binary !== undefined) return this.binary(binary);
    const unary = UNARY_BY_ID[id];
    if (unary !== undefined) return this.unary(unary);
    const load = LOADS_BY_ID[id];
    if (load !== undefined) return this.load(load);
    const store = STORES_BY_ID[id];
    if (store !== undefined) return this.storeOp(store);
    if (id >= SIMD_FIRST && id !== OP.v128_const) return this.simd(id);
    switch (id) {
      case OP.nop:
        return;
      case OP.unreachable:
        this.emit(vars.unreachable(this.site()));
        return this.setUnreachable();
      case OP.block:
      case OP.loop:
      case OP.try_table:
        return this.enterBlock(id === OP.block ? BLOCK : id === OP.loop ? LOOP : TRY);
      case OP.if:
        return this.enterIf();
      case OP.else:
        return this.else();
      case OP.end:
        return this.end();
      case OP.br:
        return this.br(this.imm(0));
      case OP.br_if:
        return this.brIf(this.imm(0));
      case OP.br_table:
        return this.brTable();
      case OP.return:
        return this.br(this.ctls.length - 1);
      case OP.call:
        return this.call(this.imm(0));
      case OP.call_indirect:
        return this.callIndirect(false);
      case OP.call_ref:
        return this.callRef(false);
      case OP.return_call:
        return this.returnCall(this.imm(0));
      case OP.return_call_indirect:
        return this.callIndirect(true);
      case OP.return_call_ref:
        return this.callRef(true);
      case OP.drop: {
        const op = this.pop();
        if (op.kind === K_EXPR && !op.pure) this.emit(evalStmt(op.expr!));
        return;
      }
      case OP.select:
      case OP.select_t:
        return this.select();
      case OP.local_get: {
        const x = this.imm(0);
        return this.push(slotOperand(this.localClass(x), x));
      }
      case OP.local_set:
      case OP.local_tee:
        return this.localSet(this.imm(0), id === OP.local_tee);
      case OP.global_get:
        return this.globalGet(this.imm(0));
      case OP.global_set:
        return this.globalSet(this.imm(0));
      case OP.i32_const:
        return this.push(constOperand(CLS_I32, this.imm(0)));
      case OP.i64_const:
        return this.push(constOperand(CLS_I64, this.imm(0), this.imm(1)));
      case OP.f32_const:
        return this.push(constOperand(CLS_F32, f32FromBits(this.imm(0))));
      case OP.f64_const:
        return this.push(constOperand(CLS_F64, f64FromBits(this.imm(0), this.imm(1))));
      case OP.v128_const: {
        const [w0, w1, w2, w3] = [this.imm(0), this.imm(1), this.imm(2), this.imm(3)];
        const slot = this.stack.slotOf(this.stack.length);
        const stmt = vars.v128Const(slot, w0, w1, w2, w3);
        this.emit(stmt);
        this.produced = { stmt, slot, rebuild: (x) => vars.v128Const(x, w0, w1, w2, w3) };
        return this.pushSlot(CLS_V128);
      }
      case OP.memory_size: {
        const m = this.instance.memories[this.imm(0)]!;
        const wide = m.type.is64;
        return this.push(exprOperand(wide ? CLS_I64 : CLS_I32, bulk.memorySize(m, wide), true, []));
      }
      case OP.memory_grow: {
        const m = this.instance.memories[this.imm(0)]!;
        const wide = m.type.is64;
        const delta = this.pop();
        this.emit(
          bulk.memoryGrow(m, this.addr(delta, wide), this.stack.slotOf(this.stack.length), wide),
        );
        return this.pushSlot(wide ? CLS_I64 : CLS_I32);
      }
      case OP.memory_fill: {
        const m = this.instance.memories[this.imm(0)]!;
        const wide = m.type.is64;
        const [d, v, n] = this.popStatementOperands(3);
        this.emit(
          bulk.memoryFill(m, this.addr(d, wide), toExpr(v), this.addr(n, wide), this.site()),
        );
        return;
      }
      case OP.memory_copy: {
        const dm = this.instance.memories[this.imm(0)]!;
        const sm = this.instance.memories[this.imm(1)]!;
        const [d, s, n] = this.popStatementOperands(3);
        const nWide = dm.type.is64 && sm.type.is64;
        this.emit(
          bulk.memoryCopy(
            dm,
            sm,
            this.addr(d, dm.type.is64),
            this.addr(s, sm.type.is64),
            this.addr(n, nWide),
            this.site(),
          ),
        );
        return;
      }
      case OP.memory_init: {
        const seg = this.imm(0);
        const m = this.instance.memories[this.imm(1)]!;
        const [d, s, n] = this.popStatementOperands(3);
        this.emit(
          bulk.memoryInit(
            this.instance,
            m,
            seg,
            this.addr(d, m.type.is64),
            toExpr(s),
            toExpr(n),
            this.site(),
          ),
        );
        return;
      }
      case OP.data_drop:
        this.emit(bulk.dataDrop(this.instance, this.imm(0)));
        return;
      case OP.table_get: {
        const t = this.instance.tables[this.imm(0)]!;
        const i = this.pop();
        const get = bulk.tableGet(t, this.addr(i, t.type.is64), this.site());
        return this.push(exprOperand(CLS_REF, get, false, [i]));
      }
      case OP.table_set: {
        const t = this.instance.tables[this.imm(0)]!;
        const [i, v] = this.popStatementOperands(2);
        this.emit(bulk.tableSet(t, this.addr(i, t.type.is64), toRefExpr(v), this.site()));
        return;
      }
      case OP.table_size: {
        const t = this.instance.tables[this.imm(0)]!;
        const wide = t.type.is64;
        return this.push(exprOperand(wide ? CLS_I64 : CLS_I32, bulk.tableSize(t, wide), true, []));
      }
      case OP.table_grow: {
        const t = this.instance.tables[this.imm(0)]!;
        const wide = t.type.is64;
        const [v, n] = this.popStatementOperands(2);
        this.emit(
          bulk.tableGrow(
            t,
            toRefExpr(v),
            this.addr(n, wide),
            this.stack.slotOf(this.stack.length),
            wide,
          ),
        );
        return this.pushSlot(wide ? CLS_I64 : CLS_I32);
      }
      case OP.table_fill: {
        const t = this.instance.tables[this.imm(0)]!;
        const wide = t.type.is64;
        const [d, v, n] = this.popStatementOperands(3);
        this.emit(
          bulk.tableFill(t, this.addr(d, wide), toRefExpr(v), this.addr(n, wide), this.site()),
        );
        return;
      }
      case OP.table_copy: {
        const dt = this.instance.tables[this.imm(0)]!;
        const st = this.instance.tables[this.imm(1)]!;
        const [d, s, n] = this.popStatementOperands(3);
        const nWide = dt.type.is64 && st.type.is64;
        this.emit(
          bulk.tableCopy(
            dt,
            st,
            this.addr(d, dt.type.is64),
            this.addr(s, st.type.is64),
            this.addr(n, nWide),
            this.site(),
          ),
        );
        return;
      }
      case OP.table_init: {
        const seg = this.imm(0);
        const t = this.instance.tables[this.imm(1)]!;
        const [d, s, n] = this.popStatementOperands(3);
        this.emit(
          bulk.tableInit(
            this.instance,
            t,
            seg,
            this.addr(d, t.type.is64),
            toExpr(s),
            toExpr(n),
            this.site(),
          ),
        );
        return;
      }
      case OP.elem_drop:
        this.emit(bulk.elemDrop(this.instance, this.imm(0)));
        return;
      case OP.ref_null:
        return this.push(constOperand(CLS_REF, 0, 0, null));
      case OP.ref_func:
        return this.push(constOperand(CLS_REF, 0, 0, this.instance.funcs[this.imm(0)]));
      case OP.ref_is_null: {
        const r = this.pop();
        return this.push(exprOperand(CLS_I32, vars.refIsNull(toRefExpr(r)), r.pure, [r]));
      }
      case OP.ref_as_non_null: {
        const r = this.pop();
        const e = vars.refAsNonNull(toRefExpr(r), this.site());
        return this.push(exprOperand(CLS_REF, e, false, [r]));
      }
      case OP.ref_eq: {
        const b = this.pop();
        const a = this.pop();
        return this.push(
          exprOperand(CLS_I32, vars.refEq(toRefExpr(a), toRefExpr(b)), a.pure && b.pure, [a, b]),
        );
      }
      case OP.br_on_null:
      case OP.br_on_non_null:
        return this.brOnNull(id === OP.br_on_non_null);
      case OP.throw:
        return this.throwTag();
      case OP.throw_ref: {
        const r = this.pop();
        this.emit(exc.throwRef(toRefExpr(r), this.site()));
        return this.setUnreachable();
      }
      case OP.ref_i31: {
        const v = this.pop();
        const e = toExpr(v);
        const i31 = ((fp: number) => toI31(e(fp))) as RefExpr;
        return this.push(exprOperand(CLS_REF, i31, v.pure, [v]));
      }
      case OP.i31_get_s:
      case OP.i31_get_u: {
        const r = this.pop();
        const e = gc.i31Get(toRefExpr(r), id === OP.i31_get_s, this.site());
        return this.push(exprOperand(CLS_I32, e, false, [r]));
      }
      case OP.any_convert_extern:
      case OP.extern_convert_any: {
        const v = this.pop();
        const e = toRefExpr(v);
        const f = id === OP.any_convert_extern ? internalize : externalize;
        const converted = ((fp: number) => f(e(fp))) as RefExpr;
        return this.push(exprOperand(CLS_REF, converted, v.pure, [v]));
      }
      case OP.ref_test:
      case OP.ref_test_null:
      case OP.ref_cast:
      case OP.ref_cast_null:
        return this.refTestOrCast(id);
      case OP.br_on_cast:
      case OP.br_on_cast_fail:
        return this.brOnCast(id === OP.br_on_cast_fail);
      default:
        return this.gcOrUnsupported(id);
    }
  }

  /** Pops a statement's operands, in stack order (they run inside the statement). */
  private popStatementOperands(n: number): Operand[] {
    return this.stack.popN(n);
  }

  // ---------------------------------------------------------------------------
  // Scalar instructions.

  private binary(f: BinaryFactories): void {
    const b = this.pop();
    const a = this.pop();
    const cls = CLASS_OF_LETTER[f.result]!;
    if (a.kind === K_CONST && b.kind === K_CONST && !f.traps) {
      const fold = sharedVariant<Expr>(f, 'expr_ec') as (...x: FactoryArg[]) => Expr;
      return this.push(this.fold(fold(toExpr(a), ...argsOf(b, 'c')), cls));
    }
    // Shapes: e(xpression), s(lot), c(onstant); a constant left operand is passed as an expression.
    const sa = a.kind === K_SLOT ? 's' : 'e';
    const shape = sa + shapeOf(b);
    const args: FactoryArg[] = [...argsOf(a, shape[0]!), ...argsOf(b, shape[1]!)];
    if (f.traps) args.push(this.site());
    const expr = makeVariant<Expr>(f, `expr_${shape}`, args);
    const recipe: Recipe = {
      family: f,
      setKey: `set_${shape}`,
      brKey: f.cond ? `br_${shape}` : null,
      args,
    };
    this.push(exprOperand(cls, expr, !f.traps && a.pure && b.pure, [a, b], recipe));
  }

  private unary(f: UnaryFactories): void {
    const a = this.pop();
    const cls = CLASS_OF_LETTER[f.result]!;
    if (a.kind === K_CONST && !f.traps) {
      const fold = sharedVariant<Expr>(f, 'expr_e') as (x: Expr) => Expr;
      return this.push(this.fold(fold(toExpr(a)), cls));
    }
    const shape = a.kind === K_SLOT ? 's' : 'e';
    const args: FactoryArg[] = argsOf(a, shape);
    if (f.traps) args.push(this.site());
    const expr = makeVariant<Expr>(f, `expr_${shape}`, args);
    const recipe: Recipe = {
      family: f,
      setKey: `set_${shape}`,
      brKey: f.cond ? `br_${shape}` : null,
      args,
    };
    this.push(exprOperand(cls, expr, !f.traps && a.pure, [a], recipe));
  }

  /** Evaluates a constant expression at compile time. */
  private fold(e: Expr, cls: ValueClass): Operand {
    const v = e(0);
    return constOperand(cls, v, cls === CLS_I64 ? R.hi : 0);
  }

  private load(f: Record<string, unknown>): void {
    const a = this.pop();
    const at = this.immAt();
    const imm = this.code.imm;
    const m = this.instance.memories[imm[at]!]!;
    const off = (imm[at + 3]! >>> 0) * 4294967296 + (imm[at + 2]! >>> 0);
    const wide = m.type.is64 ? '64' : '32';
    const cls = CLASS_OF_LETTER[f['result'] as string]!;
    let shape: string;
    let args: FactoryArg[];
    if (shapeOf(a) === 'c') {
      shape = 'c';
      const base = m.type.is64 ? (a.hi >>> 0) * 4294967296 + (a.value >>> 0) : a.value >>> 0;
      args = [m, base + off, this.site()];
    } else {
      shape = shapeOf(a);
      args = [m, ...argsOf(a, shape), off, this.site()];
    }
    const expr = makeVariant<Expr>(f, `expr${wide}_${shape}`, args);
    const recipe: Recipe = { family: f, setKey: `set${wide}_${shape}`, brKey: null, args };
    this.push(exprOperand(cls, expr, false, [a], recipe));
  }

  private storeOp(f: Record<string, unknown>): void {
    const [a, v] = this.popStatementOperands(2);
    const at = this.immAt();
    const imm = this.code.imm;
    const m = this.instance.memories[imm[at]!]!;
    const off = (imm[at + 3]! >>> 0) * 4294967296 + (imm[at + 2]! >>> 0);
    const wide = m.type.is64 ? '64' : '32';
    let args: FactoryArg[];
    let sa: string;
    if (shapeOf(a) === 'c') {
      sa = 'c';
      const base = m.type.is64 ? (a.hi >>> 0) * 4294967296 + (a.value >>> 0) : a.value >>> 0;
      args = [m, base + off];
    } else {
      sa = shapeOf(a);
      args = [m, ...argsOf(a, sa), off];
    }
    const sv = shapeOf(v);
    args.push(...argsOf(v, sv), this.site());
    this.emit(makeVariant<Stmt>(f, `store${wide}_${sa}${sv}`, args));
  }

  // ---------------------------------------------------------------------------
  // Locals, globals, select.

  private localSet(x: number, tee: boolean): void {
    const value = this.pop();
    if (!this.writeInPlace(value, x)) {
      // Operands reading the local keep the value they had.
      this.stack.preserveLocal(x);
      const s = storeStmt(value, x);
      if (s !== null) this.emit(s);
    }
    if (tee) this.push(slotOperand(this.localClass(x), x));
  }

  /**
   * When `value` is the v128 the previous instruction's statement just wrote
   * to its stack slot, rebuilds that statement to write local `x` instead,
   * saving the copy (v128 copies are a good part of SIMD loop bodies). The
   * local is then written where that statement runs, earlier than a copy
   * would, so no operand left on the stack may read it (expressions never
   * read v128 locals; slot operands might); and `rebuild` refuses a local
   * that the statement also reads as a later operand (see ops/simd.ts).
   */
  private writeInPlace(value: Operand, x: number): boolean {
    const p = this.previous;
    const stmts = this.top.stmts;
    if (p === null || value.kind !== K_SLOT || value.slot !== p.slot) return false;
    if (stmts[stmts.length - 1] !== p.stmt) return false;
    if (this.stack.readsLocal(x)) return false;
    const stmt = p.rebuild(x);
    if (stmt === null) return false;
    stmts[stmts.length - 1] = stmt;
    return true;
  }

  private globalGet(index: number): void {
    const g = this.instance.globals[index]!;
    const cls = classOf(this.module.globals[index]!.type.type);
    if (cls === CLS_V128) {
      this.emit(vars.globalGetInto(g, this.stack.slotOf(this.stack.length)));
      return this.pushSlot(CLS_V128);
    }
    this.push(exprOperand(cls, vars.globalGet(g, cls), true, []));
  }

  private globalSet(index: number): void {
    const g = this.instance.globals[index]!;
    const cls = classOf(this.module.globals[index]!.type.type);
    const [v] = this.popStatementOperands(1);
    if (cls === CLS_V128) {
      this.push(v!);
      const slot = this.stack.materializeTop(1);
      this.emit(vars.globalSetFrom(g, slot));
      this.pop();
      return;
    }
    this.emit(vars.globalSet(g, cls, toExpr(v!)));
  }

  private select(): void {
    const c = this.pop();
    const b = this.pop();
    const a = this.pop();
    const t = this.imm(0);
    const cls = classOf(t);
    const pure = a.pure && b.pure && c.pure;
    if (cls === CLS_V128) {
      // Both values in their slots, then the condition runs in the statement.
      this.push(a);
      this.push(b);
      const x = this.stack.materializeTop(2);
      this.stack.truncate(this.stack.length - 2);
      this.emit(vars.selectV128(x, x, x + 1, toExpr(c)));
      return this.pushSlot(CLS_V128);
    }
    let e: Expr | RefExpr;
    if (cls === CLS_I64) e = vars.selectI64(toExpr(a), toExpr(b), toExpr(c));
    else if (cls === CLS_REF) e = vars.selectRef(toRefExpr(a), toRefExpr(b), toExpr(c));
    else e = vars.selectNum(toExpr(a), toExpr(b), toExpr(c));
    this.push(exprOperand(cls, e, pure, [a, b, c]));
  }

  // ---------------------------------------------------------------------------
  // Blocks.

  private enterBlock(kind: number): void {
    const [params, results] = this.blockType();
    const at = this.immAt();
    const imm = this.code.imm;
    let handlers: exc.Handler[] | null = null;
    if (kind === TRY) {
      handlers = [];
      const n = imm[at + 4]!;
      for (let i = 0, c = at + 5; i < n; i++, c += 3) {
        const clause = imm[c]!;
        const target = this.target(imm[c + 2]!);
        const tag = clause < 2 ? this.instance.tags[imm[c + 1]!]! : null;
        handlers.push({
          tag,
          withRef: clause === 1 || clause === 3,
          slot: target.labelSlot,
          types: this.labelTypes(target),
          code: target.code,
        });
      }
    }
    const len = this.stack.length;
    this.stack.flushAll();
    this.stack.materializeRange(len - params.length, len);
    const height = len - params.length;
    const ctl = this.newCtl(
      kind,
      params,
      results,
      height,
      this.stack.slotOf(height),
      imm[at + 2]!,
      -1,
    );
    ctl.handlers = handlers;
    this.ctls.push(ctl);
  }

  private enterIf(): void {
    const [params, results] = this.blockType();
    const cond = this.pop();
    const len = this.stack.length;
    this.stack.flushAll();
    this.stack.materializeRange(len - params.length, len);
    const at = this.immAt();
    const height = len - params.length;
    const imm = this.code.imm;
    const ctl = this.newCtl(
      IF,
      params,
      results,
      height,
      this.stack.slotOf(height),
      imm[at + 2]!,
      imm[at + 3]!,
    );
    ctl.cond = cond;
    this.ctls.push(ctl);
  }

  private else(): void {
    const ctl = this.top;
    if (!ctl.unreachable) this.stack.materializeTop(ctl.results.length);
    ctl.thenReachable = !ctl.unreachable;
    ctl.thenStmts = ctl.stmts;
    ctl.stmts = [];
    ctl.kind = ELSE;
    ctl.unreachable = false;
    this.stack.truncate(ctl.height);
    this.stack.pushSlots(ctl.params);
  }

  private end(): void {
    const ctl = this.top;
    const reachable = !ctl.unreachable;
    if (ctl.kind === FUNC) {
      if (reachable) {
        const move = this.moveToLabel(ctl, ctl.results.length);
        if (move !== null) this.emit(move);
      }
      this.finished = control.seq(ctl.stmts);
      this.ctls.pop();
      return;
    }
    if (reachable) this.stack.materializeTop(ctl.results.length);
    this.ctls.pop();
    const parent = this.top;
    let endReachable = reachable || ctl.targeted;
    switch (ctl.kind) {
      case BLOCK:
        if (ctl.targeted) parent.stmts.push(this.targetedBlock(ctl, parent));
        else parent.stmts.push(...ctl.stmts);
        break;
      case LOOP: {
        endReachable = reachable;
        if (!ctl.targeted) {
          parent.stmts.push(...ctl.stmts);
        } else if (ctl.backEdge !== null && ctl.backEdge.index === ctl.stmts.length && reachable) {
          const body = control.seq(ctl.stmts.slice(0, -1));
          parent.stmts.push(this.loopStmt(ctl, body, toExpr(ctl.backEdge.cond)));
        } else {
          parent.stmts.push(this.loopStmt(ctl, control.seq(ctl.stmts), null));
        }
        break;
      }
      case IF:
      case ELSE: {
        const hasElse = ctl.kind === ELSE;
        const thenStmts = hasElse ? ctl.thenStmts! : ctl.stmts;
        const elseStmts = hasElse ? ctl.stmts : [];
        if (hasElse) endReachable = ctl.thenReachable || reachable || ctl.targeted;
        else endReachable = true;
        const then = control.seq(thenStmts);
        const otherwise = control.seq(elseStmts);
        const cond = toExpr(ctl.cond!);
        const s =
          elseStmts.length === 0
            ? control.ifThen(cond, then)
            : control.ifElse(cond, then, otherwise);
        parent.stmts.push(ctl.targeted ? control.block(s, ctl.code) : s);
        break;
      }
      case TRY:
        parent.stmts.push(
          exc.tryTable(control.seq(ctl.stmts), ctl.code, ctl.handlers!, this.store),
        );
        break;
    }
    this.stack.truncate(ctl.height);
    this.stack.pushSlots(ctl.results);
    if (!endReachable) this.setUnreachable();
  }

  /**
   * A block some branch targets. When its body starts with a block (itself
   * possibly such a chain), the two become one `chain` closure. When this
   * block is itself the first statement of a targeted block (the nesting of
   * a `switch`), that block will take its segments over: then no closure is
   * built, only a placeholder recording them, so that no literal copy is
   * spent on it.
   */
  private targetedBlock(ctl: Ctl, parent: Ctl): Stmt {
    const stmts = ctl.stmts;
    // Only a chain whose outermost block is directly nested in this one
    // continues it: block codes must be consecutive. A chain that reached
    // here through an untargeted block in between (spliced, so invisible in
    // `stmts`) is an ordinary statement.
    const first = stmts.length > 0 ? this.chains.get(stmts[0]!) : undefined;
    const inner =
      first !== undefined && first.base - (first.segments.length - 1) === ctl.code + 1
        ? first
        : undefined;
    const segments =
      inner === undefined ? [control.seq(stmts)] : [...inner.segments, control.seq(stmts.slice(1))];
    const base = inner === undefined ? ctl.code : inner.base;
    let s: Stmt;
    if (parent.kind === BLOCK && parent.targeted && parent.stmts.length === 0)
      s = supersededChain();
    else if (segments.length === 1) s = control.block(segments[0]!, ctl.code);
    else s = control.chain(segments, base);
    this.chains.set(s, { segments, base });
    return s;
  }

  // ---------------------------------------------------------------------------
  // Branches.

  private br(depth: number): void {
    const target = this.target(depth);
    const n = this.labelTypes(target).length;
    const move = this.moveToLabel(target, n);
    this.emit(move === null ? control.br(target.code) : control.brMoving(move, target.code));
    this.setUnreachable();
  }

  private brIf(depth: number): void {
    const cond = this.pop();
    const target = this.target(depth);
    const n = this.labelTypes(target).length;
    const move = this.moveToLabel(target, n);
    let s: Stmt;
    if (move !== null) {
      s = control.brIfMoving(toExpr(cond), move, target.code);
    } else if (
      cond.recipe !== null &&
      cond.recipe.brKey !== null &&
      cond.recipe.brKey in cond.recipe.family
    ) {
      s = makeVariant<Stmt>(cond.recipe.family, cond.recipe.brKey, [
        ...cond.recipe.args,
        target.code,
      ]);
    } else {
      s = control.brIf(toExpr(cond), target.code);
    }
    this.emit(s);
    if (target === this.top && target.kind === LOOP && move === null) {
      target.backEdge = { index: target.stmts.length, cond };
    }
  }

  private brTable(): void {
    const index = this.pop();
    const at = this.immAt();
    const imm = this.code.imm;
    const count = imm[at]!;
    const defaultTarget = this.target(imm[at + 1 + count]!);
    const n = this.labelTypes(defaultTarget).length;
    const codes: number[] = [];
    const moves: (Stmt | null)[] = [];
    for (let i = 0; i <= count; i++) {
      const target = this.target(imm[at + 1 + i]!);
      codes.push(target.code);
      moves.push(this.moveToLabel(target, n));
    }
    const e = toExpr(index);
    this.emit(
      moves.every((m) => m === null)
        ? control.brTable(e, codes)
        : control.brTableMoving(e, codes, moves),
    );
    this.setUnreachable();
  }

  private brOnNull(nonNull: boolean): void {
    const target = this.target(this.imm(0));
    const types = this.labelTypes(target);
    const refSlot = this.stack.materializeTop(1);
    if (!nonNull) {
      // Branch with the values below the reference; keep the reference on fall through.
      const move = this.moveToLabel(target, types.length, 1);
      this.emit(brWhen(refSlot, true, move, target.code));
    } else {
      // Branch with the values and the reference; drop the reference on fall through.
      const move = this.moveToLabel(target, types.length);
      this.emit(brWhen(refSlot, false, move, target.code));
      this.pop();
    }
  }

  // ---------------------------------------------------------------------------
  // Calls.

  private funcTypeOf(f: number): FuncType {
    return this.module.types[this.module.funcTypes[f]!]!.comp as FuncType;
  }

  /** Puts the top `n` operands (arguments) in their slots; returns their base slot. */
  private placeArguments(n: number, below = 0): number {
    const len = this.stack.length - below;
    this.stack.materializeRange(len - n, len);
    return this.stack.slotOf(len - n);
  }

  private afterCall(ft: FuncType): void {
    this.stack.truncate(this.stack.length - ft.params.length);
    this.stack.pushSlots(ft.results);
  }

  private call(f: number): void {
    const ft = this.funcTypeOf(f);
    const base = this.placeArguments(ft.params.length);
    const callee = this.instance.funcs[f]!;
    const s =
      f < this.module.numImportedFuncs
        ? calls.callImport(callee, base, this.site(), this.instance)
        : calls.callInternal(callee, base, this.site());
    this.emit(s);
    this.afterCall(ft);
  }

  private callIndirect(tail: boolean): void {
    const at = this.immAt();
    const typeIndex = this.code.imm[at]!;
    const table = this.instance.tables[this.code.imm[at + 1]!]!;
    const ft = this.module.types[typeIndex]!.comp as FuncType;
    const index = this.pop();
    const indexExpr = table.type.is64 ? bulk.addr64(toExpr(index)) : toExpr(index);
    const expected = this.instance.typeIds[typeIndex]!;
    const base = this.placeArguments(ft.params.length);
    if (tail) {
      const callee = calls.indirectCallee(table, indexExpr, expected, this.registry, this.site());
      return this.tailCall(callee, ft, base);
    }
    this.emit(
      calls.callIndirect(
        table,
        indexExpr,
        expected,
        this.registry,
        base,
        this.site(),
        this.instance,
      ),
    );
    this.afterCall(ft);
  }

  private callRef(tail: boolean): void {
    const ft = this.module.types[this.imm(0)]!.comp as FuncType;
    const ref = this.pop();
    const base = this.placeArguments(ft.params.length);
    if (tail) return this.tailCall(calls.refCallee(toRefExpr(ref), this.site()), ft, base);
    this.emit(calls.callRef(toRefExpr(ref), base, this.site(), this.instance));
    this.afterCall(ft);
  }

  private returnCall(f: number): void {
    const ft = this.funcTypeOf(f);
    const base = this.placeArguments(ft.params.length);
    const callee = this.instance.funcs[f]!;
    this.tailCall(() => callee, ft, base);
  }

  private tailCall(callee: (fp: number) => FuncInstance, ft: FuncType, base: number): void {
    const moves: Stmt[] = [];
    if (base !== 0) {
      for (let i = 0; i < ft.params.length; i++)
        moves.push(copyStmt(classOf(ft.params[i]!), i, base + i));
    }
    this.tails = true;
    this.emit(calls.returnCall(callee, moves.length > 0 ? control.all(moves) : null, 1));
    this.setUnreachable();
  }

  // ---------------------------------------------------------------------------
  // Exceptions.

  private throwTag(): void {
    const tag = this.instance.tags[this.imm(0)]!;
    const types = tag.type.params;
    const base = this.placeArguments(types.length);
    this.emit(exc.throwTag(tag, base, types));
    this.setUnreachable();
  }

  // ---------------------------------------------------------------------------
  // GC.

  /** Places the top `n` operands in their slots (a statement follows); returns the first slot. */
  private operandsInSlots(n: number): number {
    return this.placeArguments(n);
  }

  private refTestOrCast(id: number): void {
    const heap = this.heapOperand(this.imm(0));
    const nullable = id === OP.ref_test_null || id === OP.ref_cast_null;
    const r = this.pop();
    if (id === OP.ref_test || id === OP.ref_test_null) {
      return this.push(
        exprOperand(CLS_I32, gc.refTest(toRefExpr(r), heap, nullable, this.registry), r.pure, [r]),
      );
    }
    this.push(
      exprOperand(
        CLS_REF,
        gc.refCast(toRefExpr(r), heap, nullable, this.registry, this.site()),
        false,
        [r],
      ),
    );
  }

  /** A heap type immediate with concrete types mapped to global ids. */
  private heapOperand(h: number): number {
    return h >= 0 ? this.instance.typeIds[h]! : h;
  }

  private brOnCast(onFail: boolean): void {
    const flags = this.imm(0);
    const target = this.target(this.imm(1));
    const heap = this.heapOperand(this.imm(3));
    const nullable = (flags & 2) !== 0;
    const types = this.labelTypes(target);
    const refSlot = this.stack.materializeTop(1);
    const move = this.moveToLabel(target, types.length);
    this.emit(gc.brOnCast(refSlot, heap, nullable, this.registry, onFail, move, target.code));
  }

  private gcOrUnsupported(id: number): void {
    const at = this.immAt();
    const imm = this.code.imm;
    const typeIndex = imm[at]!;
    const typeId = this.instance.typeIds[typeIndex] ?? -1;
    const comp = this.module.types[typeIndex]?.comp;
    switch (id) {
      case OP.struct_new: {
        const fields = (comp as StructType).fields.map((f) => this.storage(f.storage));
        const base = this.operandsInSlots(fields.length);
        this.emit(gc.structNew(typeId, fields, base));
        this.stack.truncate(this.stack.length - fields.length);
        return this.pushSlot(CLS_REF);
      }
      case OP.struct_new_default: {
        const fields = (comp as StructType).fields.map((f) => this.storage(f.storage));
        return this.push(exprOperand(CLS_REF, gc.structNewDefault(typeId, fields), true, []));
      }
      case OP.struct_get:
      case OP.struct_get_s:
      case OP.struct_get_u: {
        const field = (comp as StructType).fields[imm[at + 1]!]!;
        const base = this.operandsInSlots(1);
        this.emit(
          gc.structGet(
            imm[at + 1]!,
            this.storage(field.storage),
            id === OP.struct_get_s,
            base,
            this.site(),
          ),
        );
        this.pop();
        return this.pushSlot(classOf(unpackedType(field.storage)));
      }
      case OP.struct_set: {
        const field = (comp as StructType).fields[imm[at + 1]!]!;
        const base = this.operandsInSlots(2);
        this.emit(gc.structSet(imm[at + 1]!, this.storage(field.storage), base, this.site()));
        this.stack.truncate(this.stack.length - 2);
        return;
      }
      case OP.array_new:
      case OP.array_new_default: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const withInit = id === OP.array_new;
        const n = withInit ? 2 : 1;
        const base = this.operandsInSlots(n);
        this.emit(gc.arrayNew(typeId, storage, base, withInit, this.site()));
        this.stack.truncate(this.stack.length - n);
        return this.pushSlot(CLS_REF);
      }
      case OP.array_new_fixed: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const n = imm[at + 1]! >>> 0;
        const base = this.operandsInSlots(n);
        this.emit(gc.arrayNewFixed(typeId, storage, n, base, this.site()));
        this.stack.truncate(this.stack.length - n);
        return this.pushSlot(CLS_REF);
      }
      case OP.array_new_data: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const base = this.operandsInSlots(2);
        this.emit(gc.arrayNewData(this.instance, typeId, storage, imm[at + 1]!, base, this.site()));
        this.stack.truncate(this.stack.length - 2);
        return this.pushSlot(CLS_REF);
      }
      case OP.array_new_elem: {
        const base = this.operandsInSlots(2);
        this.emit(gc.arrayNewElem(this.instance, typeId, imm[at + 1]!, base, this.site()));
        this.stack.truncate(this.stack.length - 2);
        return this.pushSlot(CLS_REF);
      }
      case OP.array_get:
      case OP.array_get_s:
      case OP.array_get_u: {
        const storage = (comp as ArrayType).field.storage;
        const base = this.operandsInSlots(2);
        this.emit(gc.arrayGet(this.storage(storage), id === OP.array_get_s, base, this.site()));
        this.stack.truncate(this.stack.length - 2);
        return this.pushSlot(classOf(unpackedType(storage)));
      }
      case OP.array_set: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const base = this.operandsInSlots(3);
        this.emit(gc.arraySet(storage, base, this.site()));
        this.stack.truncate(this.stack.length - 3);
        return;
      }
      case OP.array_len: {
        const r = this.pop();
        return this.push(exprOperand(CLS_I32, gc.arrayLen(toRefExpr(r), this.site()), false, [r]));
      }
      case OP.array_fill: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const base = this.operandsInSlots(4);
        this.emit(gc.arrayFill(storage, base, this.site()));
        this.stack.truncate(this.stack.length - 4);
        return;
      }
      case OP.array_copy: {
        const base = this.operandsInSlots(5);
        this.emit(gc.arrayCopy(base, this.site()));
        this.stack.truncate(this.stack.length - 5);
        return;
      }
      case OP.array_init_data: {
        const storage = this.storage((comp as ArrayType).field.storage);
        const base = this.operandsInSlots(4);
        this.emit(gc.arrayInitData(this.instance, storage, imm[at + 1]!, base, this.site()));
        this.stack.truncate(this.stack.length - 4);
        return;
      }
      case OP.array_init_elem: {
        const base = this.operandsInSlots(4);
        this.emit(gc.arrayInitElem(this.instance, imm[at + 1]!, base, this.site()));
        this.stack.truncate(this.stack.length - 4);
        return;
      }
    }
    const op = OPS[id]!;
    throw new Error(`the jit does not support ${op.name} yet`);
  }

  /**
   * A SIMD instruction: operands already in slots (locals, written stack
   * positions) are read where they are, the others are written to their
   * stack slots first; a statement from ops/simd.ts computes the result into
   * the first operand's stack slot.
   */
  private simd(id: number): void {
    const op = OPS[id]!;
    const at = this.immAt();
    const memIndex = op.imm === Imm.MEMARG || op.imm === Imm.MEMARG_LANE ? this.code.imm[at]! : -1;
    const memory = memIndex >= 0 ? this.instance.memories[memIndex]! : null;
    const addr = memory !== null && memory.type.is64 ? I64 : I32T;
    const params = op.params!.map((t) => (t === ADDR ? addr : t));
    const results = op.results!;
    // Operands already in slots (locals, written stack positions) are read
    // where they are; constants and pending expressions are written to their
    // own slots, after the pending expressions below them, in stack order.
    const len = this.stack.length;
    const first = len - params.length;
    const operands: number[] = [];
    for (let i = first; i < len; i++) {
      if (this.stack.at(i).kind !== K_SLOT) this.stack.materialize(i);
      operands.push(this.stack.at(i).slot);
    }
    // The result goes to the first operand's own slot: that operand's slot
    // if it is there, and never a later operand's.
    const dest = this.stack.slotOf(first);
    const site = this.site();
    const ctx = { op, operands, dest, imm: this.code.imm, immAt: at, memory, site };
    const stmt = simdStatement(ctx);
    this.emit(stmt);
    if (results.length === 1 && classOf(results[0]!) === CLS_V128) {
      // Another destination must not be a later operand's slot.
      const rebuild = (x: number) =>
        operands.indexOf(x, 1) < 0 ? simdStatement({ ...ctx, dest: x }) : null;
      this.produced = { stmt, slot: dest, rebuild };
    }
    this.stack.truncate(first);
    this.stack.pushSlots(results);
  }

  /** A storage type with concrete heap types as global ids. */
  private storage(t: ValType): ValType {
    return this.globalType(t);
  }
}

function unpackedType(t: ValType): ValType {
  return t === 0x78 || t === 0x77 ? I32T : t;
}

/** The placeholder of a chain that an enclosing block's chain takes over (never run). */
function supersededChain(): Stmt {
  return () => {
    throw new Error('internal error: a superseded block chain ran');
  };
}

/** Branches when the reference in `slot` is null (`whenNull`) or not. */
function brWhen(slot: number, whenNull: boolean, move: Stmt | null, code: number): Stmt {
  return (fp) => {
    const isNull = REFS[fp + slot] === null;
    if (isNull !== whenNull) return 0;
    if (move !== null) move(fp);
    return code;
  };
}

/** A statement that wrote a v128 to a stack slot, and how to build it for another slot. */
interface V128Result {
  readonly stmt: Stmt;
  readonly slot: number;
  /** The statement writing local `x` instead, or null if it may not. */
  readonly rebuild: (x: number) => Stmt | null;
}

/**
 * Compiles defined function `funcIndex` of an instance: its baseline code,
 * which replaces itself with optimized code when hot (see tiers.ts).
 */
export function compileFunction(env: CompileEnv, funcIndex: number): WasmCode {
  const body = env.module.bodies[funcIndex - env.module.numImportedFuncs]!;
  const code = analyzeBody(env.module, body);
  const func = env.instance.funcs[funcIndex]!;
  const tiers: FunctionTiers = new FunctionTiers(
    () =>
      withCopies(() => {
        const compiler = new FunctionCompiler(env, body, code, tiers, true);
        const entry = compiler.compile();
        return { entry, loops: compiler.loops };
      }),
    (entry) => {
      func.code = entry;
    },
  );
  if (TIER_UP.calls <= 1) return tiers.optimized().entry;
  return new FunctionCompiler(env, body, code, tiers, false).compile();
}
