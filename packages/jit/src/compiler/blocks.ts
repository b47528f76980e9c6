/**
 * Blocks and branches: the stack of open blocks, and the instructions that
 * open, close and branch to them.
 *
 * What is common to every layout lives here: block types, where label
 * values go (a block's label slots are its stack slots at entry), the
 * operand stack at block boundaries, reachability, and branch statements.
 * A branch statement returns its target's branch code; what a code means,
 * and how a block's statements become code, is the layout's business:
 * `structured` (layout-structured.ts) builds a closure per targeted block,
 * `flat` (layout-flat.ts) one list of statements with jumps.
 */
import type { FuncType, ValType } from '@weft/environ';
import { REF_SLOTS, type TagInstance } from '@weft/runtime';
import * as exc from '../ops/exceptions.js';
import * as control from './control.js';
import {
  ELSE,
  FUNC,
  IF,
  LEGACY_CATCH,
  LEGACY_TRY,
  LOOP,
  TRY,
  type BLOCK,
  type BlockLayout,
  type Ctl,
  type CtlKind,
} from './ctl.js';
import { FlatLayout, type FlatRun } from './layout-flat.js';
import { StructuredLayout } from './layout-structured.js';
import { make } from './literals.js';
import { classOf, copyStmt, storeStmt, toExpr, type Operand } from './operands.js';
import type { Layout, Translator } from './translator.js';
import type { Stmt } from './types.js';

export class Blocks {
  private readonly ctls: Ctl[] = [];
  private readonly layout: BlockLayout;
  private done: Stmt | null = null;

  constructor(
    private readonly t: Translator,
    layout: Layout,
  ) {
    this.layout = layout === 'flat' ? new FlatLayout(t) : new StructuredLayout(t);
  }

  /** Optimized structured code: its loops by the index of their `loop` instruction. */
  get loops(): ReadonlyMap<number, Stmt> {
    return this.layout instanceof StructuredLayout ? this.layout.loops : new Map();
  }

  get top(): Ctl {
    return this.ctls[this.ctls.length - 1]!;
  }

  get mergeFloor(): number {
    return this.layout.mergeFloor;
  }

  /** The function's block. */
  functionCtl(results: readonly ValType[], endIndex: number): Ctl {
    return this.newCtl(FUNC, [], results, 0, 0, endIndex, -1);
  }

  open(ctl: Ctl): void {
    this.ctls.push(ctl);
  }

  /** The function's body, after its `end`. */
  finished(): Stmt {
    return this.done!;
  }

  /** The flat layout's driver of the function's statements (see layout-flat.ts). */
  flatRunner(): FlatRun {
    if (!(this.layout instanceof FlatLayout)) throw new Error('resumable code is flat');
    return this.layout.runner();
  }

  /** Marks the rest of the current block dead; returns the index of its `else` or `end`. */
  skipDeadCode(): number {
    const ctl = this.top;
    ctl.unreachable = true;
    this.t.stack.truncate(ctl.height);
    // The else branch, or a legacy try's next clause, is live again.
    const next = ctl.kind === IF || ctl.kind === LEGACY_TRY || ctl.kind === LEGACY_CATCH;
    return next && ctl.elseIndex >= 0 ? ctl.elseIndex : ctl.endIndex;
  }

  /** The block `depth` levels out, marked as targeted. */
  target(depth: number): Ctl {
    const ctl = this.ctls[this.ctls.length - 1 - depth]!;
    ctl.targeted = true;
    return ctl;
  }

  /** The values a branch to `ctl` carries. */
  labelTypes(ctl: Ctl): readonly ValType[] {
    return ctl.kind === LOOP ? ctl.params : ctl.results;
  }

  /**
   * Places the top `n` operands (`below` operands down) in their own slots
   * and returns the statement moving them to `ctl`'s label slots (null if
   * already there).
   */
  moveToLabel(ctl: Ctl, n: number, below = 0): Stmt | null {
    const stack = this.t.stack;
    const len = stack.length - below;
    stack.materializeRange(len - n, len);
    const from = stack.slotOf(len - n);
    if (from === ctl.labelSlot || n === 0) return null;
    const types = this.labelTypes(ctl);
    const moves: Stmt[] = [];
    for (let i = 0; i < n; i++)
      moves.push(copyStmt(classOf(types[i]!), ctl.labelSlot + i, from + i));
    return control.all(moves);
  }

  private newCtl(
    kind: CtlKind,
    params: readonly ValType[],
    results: readonly ValType[],
    height: number,
    labelSlot: number,
    endIndex: number,
    elseIndex: number,
  ): Ctl {
    const parent = this.ctls.length > 0 ? this.top : null;
    return {
      kind,
      code: this.layout.code(kind, this.ctls.length),
      stmts: this.layout.statements(parent),
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
      start: this.t.pc,
      handlers: null,
      elseCode: 0,
      legacy: null,
      depth: this.ctls.length,
    };
  }

  private blockType(): [readonly ValType[], readonly ValType[]] {
    const t = this.t;
    const index = t.imm(0);
    if (index >= 0) {
      const ft = t.module.types[index]!.comp as FuncType;
      return [ft.params, ft.results];
    }
    const v = t.imm(1);
    return v === 0 ? [[], []] : [[], [v]];
  }

  // ---------------------------------------------------------------------------
  // Instructions.

  /** `block`, `loop` and `try_table`. */
  enter(kind: typeof BLOCK | typeof LOOP | typeof TRY): void {
    const t = this.t;
    const [params, results] = this.blockType();
    const at = t.immAt();
    const imm = t.code.imm;
    let handlers: exc.Handler[] | null = null;
    if (kind === TRY) {
      handlers = [];
      const n = imm[at + 4]!;
      for (let i = 0, c = at + 5; i < n; i++, c += 3) {
        const clause = imm[c]!;
        const target = this.target(imm[c + 2]!);
        const tag = clause < 2 ? t.instance.tags[imm[c + 1]!]! : null;
        handlers.push({
          tag,
          withRef: clause === 1 || clause === 3,
          slot: target.labelSlot,
          types: this.labelTypes(target),
          code: target.code,
        });
      }
    }
    const height = this.enterStack(params.length);
    const ctl = this.newCtl(
      kind,
      params,
      results,
      height,
      t.stack.slotOf(height),
      imm[at + 2]!,
      -1,
    );
    ctl.handlers = handlers;
    this.ctls.push(ctl);
    this.layout.entered(ctl);
  }

  enterIf(): void {
    const t = this.t;
    const [params, results] = this.blockType();
    const cond = t.pop();
    const height = this.enterStack(params.length);
    const at = t.immAt();
    const imm = t.code.imm;
    const ctl = this.newCtl(
      IF,
      params,
      results,
      height,
      t.stack.slotOf(height),
      imm[at + 2]!,
      imm[at + 3]!,
    );
    this.ctls.push(ctl);
    this.layout.ifEntered(ctl, cond);
  }

  /**
   * At a block's entry nothing may stay pending or read a local (the block
   * runs later, and may write locals), and the parameters go to their slots,
   * which become the block's label slots. Returns the block's height.
   */
  private enterStack(nParams: number): number {
    const stack = this.t.stack;
    const len = stack.length;
    stack.flushAll();
    stack.materializeRange(len - nParams, len);
    return len - nParams;
  }

  else(): void {
    const stack = this.t.stack;
    const ctl = this.top;
    if (!ctl.unreachable) stack.materializeTop(ctl.results.length);
    ctl.thenReachable = !ctl.unreachable;
    this.layout.elseEntered(ctl);
    ctl.kind = ELSE;
    ctl.unreachable = false;
    stack.truncate(ctl.height);
    stack.pushSlots(ctl.params);
  }

  end(): void {
    const t = this.t;
    const ctl = this.top;
    const reachable = !ctl.unreachable;
    if (ctl.kind === FUNC) {
      if (reachable && ctl.results.length === 1) {
        // One result: computed straight into its slot (as `local.set` would),
        // not into its stack slot and then moved: a statement fewer on
        // every call (the function ends here, so nothing reads the slot after).
        const s = storeStmt(t.stack.pop(), ctl.labelSlot);
        if (s !== null) t.emit(s);
      } else if (reachable) {
        const move = this.moveToLabel(ctl, ctl.results.length);
        if (move !== null) t.emit(move);
      }
      this.ctls.pop();
      this.done = this.layout.body(ctl);
      return;
    }
    if (reachable) t.stack.materializeTop(ctl.results.length);
    this.ctls.pop();
    this.layout.closed(ctl, this.top);
    let endReachable: boolean;
    switch (ctl.kind) {
      case LOOP:
        endReachable = reachable;
        break;
      case IF:
        endReachable = true; // the condition may be false
        break;
      case ELSE:
      case LEGACY_CATCH:
        // Some branch or clause falls through, or a branch targets the label.
        endReachable = ctl.thenReachable || reachable || ctl.targeted;
        break;
      default:
        endReachable = reachable || ctl.targeted;
    }
    t.stack.truncate(ctl.height);
    t.stack.pushSlots(ctl.results);
    if (!endReachable) t.setUnreachable();
  }

  br(depth: number): void {
    const t = this.t;
    const target = this.target(depth);
    const move = this.moveToLabel(target, this.labelTypes(target).length);
    t.emit(move === null ? control.br(target.code) : control.brMoving(move, target.code));
    t.setUnreachable();
  }

  brIf(depth: number): void {
    const t = this.t;
    const cond = t.pop();
    const target = this.target(depth);
    const move = this.moveToLabel(target, this.labelTypes(target).length);
    let s: Stmt;
    const recipe = cond.recipe;
    if (move !== null) {
      s = control.brIfMoving(toExpr(cond), move, target.code);
    } else if (recipe !== null && recipe.br !== null) {
      // A comparison fused with the branch.
      s = make(recipe.br, [...recipe.args, target.code]);
    } else {
      s = control.brIf(toExpr(cond), target.code);
    }
    t.emit(s);
    if (target === this.top && target.kind === LOOP && move === null) {
      target.backEdge = { index: target.stmts.length, cond };
    }
  }

  brTable(): void {
    const t = this.t;
    const index = t.pop();
    const at = t.immAt();
    const imm = t.code.imm;
    const count = imm[at]!;
    const n = this.labelTypes(this.target(imm[at + 1 + count]!)).length;
    const codes: number[] = [];
    const moves: (Stmt | null)[] = [];
    for (let i = 0; i <= count; i++) {
      const target = this.target(imm[at + 1 + i]!);
      codes.push(target.code);
      moves.push(this.moveToLabel(target, n));
    }
    const e = toExpr(index);
    t.emit(
      moves.every((m) => m === null)
        ? control.brTable(e, codes)
        : control.brTableMoving(e, codes, moves),
    );
    t.setUnreachable();
  }

  /** `br_on_null` and `br_on_non_null`. */
  brOnNull(nonNull: boolean): void {
    const t = this.t;
    const target = this.target(t.imm(0));
    const types = this.labelTypes(target);
    const refSlot = t.stack.materializeTop(1);
    if (!nonNull) {
      // Branch with the values below the reference; keep the reference on fall through.
      const move = this.moveToLabel(target, types.length, 1);
      t.emit(brWhen(refSlot, true, move, target.code));
    } else {
      // Branch with the values and the reference; drop the reference on fall through.
      const move = this.moveToLabel(target, types.length);
      t.emit(brWhen(refSlot, false, move, target.code));
      t.pop();
    }
  }

  /** `return`: a branch to the function's block. */
  return(): void {
    this.br(this.ctls.length - 1);
  }

  // ---------------------------------------------------------------------------
  // Legacy exception handling.

  /** `try`: a block whose exceptions its clauses catch. */
  enterLegacyTry(): void {
    const t = this.t;
    // One slot per open legacy try keeps what its clause caught (see the translator).
    let open = 0;
    for (const c of this.ctls) if (c.legacy !== null) open++;
    const exnSlot = t.exnBase + open;
    const [params, results] = this.blockType();
    const at = t.immAt();
    const imm = t.code.imm;
    const height = this.enterStack(params.length);
    const ctl = this.newCtl(
      LEGACY_TRY,
      params,
      results,
      height,
      t.stack.slotOf(height),
      imm[at + 2]!,
      imm[at + 3]!,
    );
    ctl.legacy = { exnSlot, body: null, clauses: [], delegateDepth: -1, bodyEnd: -1 };
    this.ctls.push(ctl);
    this.layout.entered(ctl);
  }

  /** `catch x` (with its tag) and `catch_all` (null). */
  clause(tag: TagInstance | null): void {
    const t = this.t;
    const ctl = this.top;
    const reachable = !ctl.unreachable;
    if (reachable) t.stack.materializeTop(ctl.results.length);
    this.layout.clauseEntered(ctl, tag, reachable);
    ctl.thenReachable ||= reachable;
    ctl.kind = LEGACY_CATCH;
    ctl.unreachable = false;
    // The next clause, or the end (see environ's legacy rules).
    ctl.elseIndex = tag === null ? t.imm(0) : t.imm(1);
    t.stack.truncate(ctl.height);
    if (tag !== null) t.stack.pushSlots(tag.type.params);
  }

  /** `delegate l`: closes the try; what its body throws is rethrown in label l's block. */
  delegate(l: number): void {
    const ctl = this.top;
    // The label is counted from outside the try.
    ctl.legacy!.delegateDepth = this.ctls.length - 2 - l;
    this.t.delegates = true;
    this.end();
  }

  /** `rethrow l`: throws again what the clause at label l caught. */
  rethrow(l: number): void {
    const t = this.t;
    const target = this.ctls[this.ctls.length - 1 - l]!;
    t.emit(exc.rethrow(target.legacy!.exnSlot));
    t.setUnreachable();
  }
}

/** Branches when the reference in `slot` is null (`whenNull`) or not. */
function brWhen(slot: number, whenNull: boolean, move: Stmt | null, code: number): Stmt {
  return (fp) => {
    const isNull = REF_SLOTS[fp + slot] === null;
    if (isNull !== whenNull) return 0;
    if (move !== null) move(fp);
    return code;
  };
}
