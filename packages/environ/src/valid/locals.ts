/**
 * The locals of the body being validated: their types, and which of the
 * non-defaultable ones are initialized at the current instruction (a
 * `local.set` initializes a local until the end of the enclosing block).
 */
import type { LocalRun } from '../module.js';
import { isDefaultable, type ValType } from '../types.js';

/** Locals of the body being validated: parameters first, then declared locals. */
export interface LocalsLayout {
  readonly params: readonly ValType[];
  readonly runs: readonly LocalRun[];
  readonly numDeclared: number;
}

export const NO_LOCALS: LocalsLayout = { params: [], runs: [], numDeclared: 0 };

/**
 * Declared locals up to this count are expanded into a flat array; more use
 * binary search over the runs (hostile bodies may declare billions).
 */
const EXPAND_LIMIT = 4096;

export class Locals {
  params: readonly ValType[] = NO_LOCALS.params;
  /** Number of locals, parameters included. */
  count = 0;
  /** When expanded: the type of every local, parameters first (`count` of them). */
  private types = new Int32Array(256);
  private expanded = true;
  private runStarts: number[] = [];
  private runTypes: ValType[] = [];
  /** Whether some declared local is not defaultable, so initialization is tracked. */
  private trackInits = false;
  private readonly initialized = new Set<number>();
  /** Locals initialized so far, in order (a frame restores a prefix at its end). */
  private inits: number[] = [];

  set(locals: LocalsLayout): void {
    this.params = locals.params;
    this.count = locals.params.length + locals.numDeclared;
    this.trackInits = false;
    // Clearing a Set allocates a new table even when it is empty; this runs per body.
    if (this.initialized.size > 0) this.initialized.clear();
    this.inits.length = 0;
    this.expanded = locals.numDeclared <= EXPAND_LIMIT;
    const runs = locals.runs;
    if (this.expanded) {
      const params = locals.params;
      if (this.types.length < this.count) this.types = new Int32Array(this.count);
      for (let k = 0; k < params.length; k++) this.types[k] = params[k]!;
      let i = params.length;
      for (let k = 0; k < runs.length; k++) {
        const run = runs[k]!;
        this.types.fill(run.type, i, i + run.count);
        i += run.count;
        if (!isDefaultable(run.type)) this.trackInits = true;
      }
    } else {
      this.runStarts = [];
      this.runTypes = [];
      let i = 0;
      for (let k = 0; k < runs.length; k++) {
        const run = runs[k]!;
        if (run.count === 0) continue;
        this.runStarts.push(i);
        this.runTypes.push(run.type);
        i += run.count;
        if (!isDefaultable(run.type)) this.trackInits = true;
      }
    }
  }

  /**
   * The types of all locals by index, parameters first, if they are
   * expanded and every local is readable (no initialization to track): the
   * fast paths (fast.ts) then need nothing else. Else null.
   */
  plainTypes(): Int32Array | null {
    return this.expanded && !this.trackInits ? this.types : null;
  }

  /** The type of local `x`, which is below `count`. */
  type(x: number): ValType {
    if (this.expanded) return this.types[x]!;
    const p = this.params.length;
    if (x < p) return this.params[x]!;
    const j = x - p;
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

  /** Whether local `x` of type `t` may be read: defaultable, a parameter, or set. */
  readable(x: number, t: ValType): boolean {
    if (this.trackInits && !isDefaultable(t) && x >= this.params.length) {
      return this.initialized.has(x);
    }
    return true;
  }

  /** Records that local `x` of type `t` is set. */
  init(x: number, t: ValType): void {
    if (!this.trackInits || isDefaultable(t) || x < this.params.length) return;
    if (this.initialized.has(x)) return;
    this.initialized.add(x);
    this.inits.push(x);
  }

  /** A point to come back to with `reset` (a frame's start). */
  mark(): number {
    return this.inits.length;
  }

  /** Forgets the initializations since `mark` returned `to`. */
  reset(to: number): void {
    const inits = this.inits;
    while (inits.length > to) this.initialized.delete(inits.pop()!);
  }
}
