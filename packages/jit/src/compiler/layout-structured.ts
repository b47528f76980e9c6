/**
 * The structured layout: every block some branch targets becomes a closure
 * (see control.ts for branch codes), so V8 can inline a loop's body into
 * the loop. A block's code is its nesting depth plus one (the function is
 * 1); untargeted blocks need no closure and are spliced into their parent.
 *
 * Nesting closures costs JS stack when they run, so a body whose closures
 * would nest deeper than `MAX_NESTING` is refused (`TooDeep`) and compiled
 * in the flat layout instead (layout-flat.ts).
 */
import * as exc from '../ops/exceptions.js';
import type { TagInstance } from '@weft/runtime';
import {
  BLOCK,
  ELSE,
  IF,
  LEGACY_TRY,
  LOOP,
  TRY,
  type BlockLayout,
  type Ctl,
  type CtlKind,
} from './ctl.js';
import * as control from './control.js';
import { toExpr } from './operands.js';
import type { Translator } from './translator.js';
import type { Expr, Stmt } from './types.js';

/**
 * Deepest nesting of block closures (and statement sequences) allowed in
 * one function. Real code stays far below; a function deeper than this
 * would use JS stack in proportion when it runs.
 */
export const MAX_NESTING = 120;

/** Thrown when a body nests too deeply for the structured layout. */
export class TooDeep extends Error {
  constructor() {
    super('block nesting too deep for the structured layout');
  }
}

/** Segments of a chain of blocks (see control.chain) and the code of its innermost block. */
interface Chain {
  readonly segments: Stmt[];
  readonly base: number;
}

export class StructuredLayout implements BlockLayout {
  readonly mergeFloor = 0;
  /** Optimized code: its loops by the index of their `loop` instruction. */
  readonly loops = new Map<number, Stmt>();
  /** Targeted blocks built so far, as chains (see `targetedBlock`). */
  private readonly chains = new Map<Stmt, Chain>();
  /** How deeply closures nest in each statement built here (absent: 0). */
  private readonly nesting = new WeakMap<Stmt, number>();

  constructor(private readonly t: Translator) {}

  code(_kind: CtlKind, depth: number): number {
    return depth + 1;
  }

  statements(): Stmt[] {
    return [];
  }

  entered(): void {}

  ifEntered(ctl: Ctl, cond: Parameters<BlockLayout['ifEntered']>[1]): void {
    ctl.cond = cond;
  }

  elseEntered(ctl: Ctl): void {
    ctl.thenStmts = ctl.stmts;
    ctl.stmts = [];
  }

  clauseEntered(ctl: Ctl, tag: TagInstance | null): void {
    const legacy = ctl.legacy!;
    if (legacy.body === null) legacy.body = ctl.stmts;
    const stmts: Stmt[] = [];
    legacy.clauses.push({ tag, stmts, code: 0 });
    ctl.stmts = stmts;
  }

  closed(ctl: Ctl, parent: Ctl): void {
    const out = parent.stmts;
    const reachable = !ctl.unreachable;
    const legacy = ctl.legacy;
    if (legacy !== null && (legacy.clauses.length > 0 || legacy.delegateDepth >= 0)) {
      const body = this.seq(legacy.body ?? ctl.stmts);
      const handlers = legacy.clauses.map((c) => ({ tag: c.tag, body: this.seq(c.stmts) }));
      const s = exc.legacyTry(
        body,
        ctl.code,
        ctl.depth,
        handlers,
        ctl.labelSlot,
        legacy.exnSlot,
        legacy.delegateDepth,
        this.t.store,
      );
      out.push(this.nested(s, [body, ...handlers.map((h) => h.body)]));
      return;
    }
    switch (ctl.kind) {
      case LEGACY_TRY: // with neither clauses nor delegate: a block
      case BLOCK:
        // An untargeted block that continues a chain joins it too: its code
        // is never returned, and the chain's codes stay consecutive.
        if (ctl.targeted || this.innerChain(ctl) !== undefined)
          out.push(this.targetedBlock(ctl, parent));
        else for (const s of ctl.stmts) out.push(s);
        return;
      case LOOP: {
        const stmts = ctl.stmts;
        const back = ctl.backEdge;
        if (!ctl.targeted) {
          for (const s of stmts) out.push(s);
        } else if (back !== null && back.index === stmts.length && reachable) {
          // The loop ends with `br_if` back to itself: the loop tests the condition.
          const body = stmts.slice(0, -1);
          out.push(this.nested(this.loopStmt(ctl, this.seq(body), toExpr(back.cond)), body));
        } else {
          out.push(this.nested(this.loopStmt(ctl, this.seq(stmts), null), stmts));
        }
        return;
      }
      case IF:
      case ELSE: {
        const hasElse = ctl.kind === ELSE;
        const thenStmts = hasElse ? ctl.thenStmts! : ctl.stmts;
        const elseStmts = hasElse ? ctl.stmts : [];
        const then = this.seq(thenStmts);
        const cond = toExpr(ctl.cond!);
        let s: Stmt;
        if (elseStmts.length === 0) {
          s = this.nested(control.ifThen(cond, then), [then]);
        } else {
          const otherwise = this.seq(elseStmts);
          s = this.nested(control.ifElse(cond, then, otherwise), [then, otherwise]);
        }
        if (ctl.targeted) s = this.nested(control.block(s, ctl.code), [s]);
        out.push(s);
        return;
      }
      case TRY: {
        const body = this.seq(ctl.stmts);
        const s = exc.tryTable(body, ctl.code, ctl.depth, ctl.handlers!, this.t.store);
        out.push(this.nested(s, [body]));
        return;
      }
    }
  }

  body(func: Ctl): Stmt {
    return this.seq(func.stmts);
  }

  /** A statement sequence, with its nesting recorded. */
  private seq(stmts: readonly Stmt[]): Stmt {
    const s = control.seq(stmts);
    if (stmts.length > 1) {
      let levels = 1;
      for (let n = stmts.length; n > control.MAX_SEQ; n = Math.ceil(n / control.MAX_SEQ)) levels++;
      this.record(s, this.deepest(stmts) + levels);
    }
    return s;
  }

  /** Records that `s` runs `children` one level deeper. */
  private nested(s: Stmt, children: readonly Stmt[]): Stmt {
    this.record(s, this.deepest(children) + 1);
    return s;
  }

  private deepest(stmts: readonly Stmt[]): number {
    let d = 0;
    for (const s of stmts) {
      const n = this.nesting.get(s) ?? 0;
      if (n > d) d = n;
    }
    return d;
  }

  private record(s: Stmt, depth: number): void {
    if (depth > MAX_NESTING) throw new TooDeep();
    this.nesting.set(s, depth);
  }

  /** A loop statement: plain in optimized code, counting in baseline code (see tiers.ts). */
  private loopStmt(ctl: Ctl, body: Stmt, cond: Expr | null): Stmt {
    if (this.t.options.optimized) {
      const loop =
        cond === null ? control.loop(body, ctl.code) : control.loopWhile(body, cond, ctl.code);
      this.loops.set(ctl.start, loop);
      return loop;
    }
    const tiers = this.t.options.tiers;
    const start = ctl.start;
    const hot = () => tiers.optimizedLoop(start);
    return cond === null
      ? control.countedLoop(body, ctl.code, hot)
      : control.countedLoopWhile(body, cond, ctl.code, hot);
  }

  /**
   * The chain `ctl`'s body starts with, if that chain's outermost block is
   * directly nested in `ctl`: only then does `ctl` continue it (block codes
   * must be consecutive; a chain that reached here through a block spliced
   * away in between is an ordinary statement).
   */
  private innerChain(ctl: Ctl): Chain | undefined {
    const first = ctl.stmts.length > 0 ? this.chains.get(ctl.stmts[0]!) : undefined;
    return first !== undefined && first.base - (first.segments.length - 1) === ctl.code + 1
      ? first
      : undefined;
  }

  /**
   * A block some branch targets. When its body starts with a block (itself
   * possibly such a chain) directly nested in it, the two become one
   * `chain` closure. When this block is itself the first statement of a
   * block (the nesting of a `switch`), that block will take its segments
   * over: then no closure is built, only a placeholder recording them, so
   * that no literal copy is spent on it.
   */
  private targetedBlock(ctl: Ctl, parent: Ctl): Stmt {
    const stmts = ctl.stmts;
    const inner = this.innerChain(ctl);
    const rest = inner === undefined ? stmts : stmts.slice(1);
    const last = this.seq(rest);
    const segments = inner === undefined ? [last] : [...inner.segments, last];
    const base = inner === undefined ? ctl.code : inner.base;
    let s: Stmt;
    // A block's first statement: the block continues the chain (see `closed`).
    if (parent.kind === BLOCK && parent.stmts.length === 0) s = supersededChain();
    else if (segments.length === 1) s = control.block(segments[0]!, ctl.code);
    else s = control.chain(segments, base);
    this.chains.set(s, { segments, base });
    return this.nested(s, segments);
  }
}

/** The placeholder of a chain that an enclosing block's chain takes over (never run). */
function supersededChain(): Stmt {
  return () => {
    throw new Error('internal error: a superseded block chain ran');
  };
}
