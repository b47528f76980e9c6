/**
 * The compile-time operand stack, and the one rule that keeps evaluation
 * order: nothing runs before the pending expressions below it.
 *
 * Operands are recipes (see operands.ts): a pending expression runs where
 * its consumer runs, so it could be reordered with everything that runs in
 * between. The stack therefore owns every way code is appended to the
 * current block. `emit` first runs the pending expressions left on the
 * stack (in stack order), then appends the statement; `materialize`, which
 * writes one operand to its slot, first runs the pending expressions below
 * it. Instruction handlers pop their own operands before emitting (those run
 * inside the statement, after the ones below) and have no other way to
 * append code, so no handler has to remember to flush.
 *
 * Every operation is amortised O(1) per operand pushed, whatever the stack
 * height: a watermark below which nothing is pending, one below which
 * nothing reads a local either, and per local a list of the stack indices
 * reading it.
 */
import {
  classOf,
  K_EXPR,
  K_SLOT,
  slotOperand,
  storeStmt,
  type Operand,
  type ValueClass,
} from './operands.js';
import type { Stmt } from './types.js';

/**
 * Deepest expression tree kept pending: a deeper one is written to its slot,
 * so running an expression never nests closures deeper than this (a body of
 * thousands of chained `i32.add`s must not exhaust the JS stack).
 */
export const MAX_EXPR_DEPTH = 40;

const NONE = -1;

export class OperandStack {
  private readonly ops: Operand[] = [];
  /** Indices below this hold no pending expression. */
  private noPending = 0;
  /** Indices below this hold constants and operands in stack slots only. */
  private settled = 0;
  /** Per local, the highest stack index reading it, or NONE. */
  private readonly lastRead: Int32Array;
  /** Per stack index reading a local: the next lower/higher index reading the same local. */
  private readonly below: Int32Array;
  private readonly above: Int32Array;

  constructor(
    /** Number of locals: stack index `i` has slot `nLocals + i`. */
    private readonly nLocals: number,
    /** Most operands the stack ever holds (environ's `maxHeight`). */
    capacity: number,
    /** Appends a statement to the current block (no flushing). */
    private readonly append: (s: Stmt) => void,
  ) {
    this.lastRead = new Int32Array(nLocals).fill(NONE);
    this.below = new Int32Array(capacity + 1);
    this.above = new Int32Array(capacity + 1);
  }

  get length(): number {
    return this.ops.length;
  }

  /** The operand at index `i` from the bottom. */
  at(i: number): Operand {
    return this.ops[i]!;
  }

  /** The top operand. */
  top(): Operand {
    return this.ops[this.ops.length - 1]!;
  }

  /** The slot of stack index `i`. */
  slotOf(i: number): number {
    return this.nLocals + i;
  }

  /** Pushes an operand; an expression nested too deeply is written to its slot. */
  push(op: Operand): void {
    const i = this.ops.length;
    this.ops.push(op);
    if (this.readsLocalSlot(op)) {
      const x = op.slot;
      const prev = this.lastRead[x]!;
      this.below[i] = prev;
      this.above[i] = NONE;
      if (prev !== NONE) this.above[prev] = i;
      this.lastRead[x] = i;
    }
    if (op.kind === K_EXPR && op.depth > MAX_EXPR_DEPTH) this.materialize(i);
  }

  /** Pushes the operand of a value a statement wrote into the next stack slot. */
  pushSlot(cls: ValueClass): void {
    this.ops.push(slotOperand(cls, this.slotOf(this.ops.length)));
  }

  /** Pushes slot operands for values of `types` written to the next slots. */
  pushSlots(types: readonly number[]): void {
    for (const t of types) this.pushSlot(classOf(t));
  }

  pop(): Operand {
    const i = this.ops.length - 1;
    const op = this.ops[i]!;
    this.unlink(i, op);
    this.ops.length = i;
    this.lowered(i);
    return op;
  }

  /** Pops the top `n` operands, returned in stack order. */
  popN(n: number): Operand[] {
    const from = this.ops.length - n;
    for (let i = this.ops.length - 1; i >= from; i--) this.unlink(i, this.ops[i]!);
    const out = this.ops.splice(from, n);
    this.lowered(from);
    return out;
  }

  /** Drops operands down to `length`. */
  truncate(length: number): void {
    for (let i = this.ops.length - 1; i >= length; i--) this.unlink(i, this.ops[i]!);
    this.ops.length = length;
    this.lowered(length);
  }

  /** Appends `s` after running every pending expression on the stack. */
  emit(s: Stmt): void {
    this.flushPending(this.ops.length);
    this.append(s);
  }

  /**
   * Writes operand `i` into its own slot (after the pending expressions
   * below it, if it is one itself).
   */
  materialize(i: number): void {
    const op = this.ops[i]!;
    if (op.kind === K_SLOT && op.slot === this.slotOf(i)) return;
    if (op.kind === K_EXPR) this.flushPending(i);
    this.write(i, op);
  }

  /** Materializes operands [from, to). */
  materializeRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.materialize(i);
  }

  /** Materializes the top `n` operands; returns the slot of the first. */
  materializeTop(n: number): number {
    const len = this.ops.length;
    this.materializeRange(len - n, len);
    return this.slotOf(len - n);
  }

  /**
   * The slots of the top `n` operands, for a statement reading them in
   * place: operands in slots (locals, written stack positions) stay where
   * they are, the others are written to their own slots (in order, after
   * what is pending below).
   */
  operandSlots(n: number): number[] {
    const len = this.ops.length;
    const slots: number[] = [];
    for (let i = len - n; i < len; i++) {
      if (this.ops[i]!.kind !== K_SLOT) this.materialize(i);
      slots.push(this.ops[i]!.slot);
    }
    return slots;
  }

  /** Runs the pending expressions among the operands below index `to`, in order. */
  flushPending(to: number): void {
    for (let i = this.noPending; i < to; i++) {
      const op = this.ops[i]!;
      if (op.kind === K_EXPR) this.write(i, op);
    }
    if (to > this.noPending) this.noPending = to;
  }

  /**
   * Before a block boundary: nothing pending, and no operand reading a local
   * (the block may write it).
   */
  flushAll(): void {
    const len = this.ops.length;
    for (let i = this.settled; i < len; i++) {
      const op = this.ops[i]!;
      if (op.kind === K_EXPR || this.readsLocalSlot(op)) this.write(i, op);
    }
    this.settled = len;
    this.noPending = len;
  }

  /** Before local `x` is written: operands reading it keep the value they had. */
  preserveLocal(x: number): void {
    for (let i = this.lastRead[x]!; i !== NONE;) {
      const next = this.below[i]!;
      this.write(i, this.ops[i]!);
      i = next;
    }
  }

  /** Whether an operand on the stack reads local `x`. */
  readsLocal(x: number): boolean {
    return this.lastRead[x] !== NONE;
  }

  /** Writes operand `i` (the pending operands below it already ran) to its own slot. */
  private write(i: number, op: Operand): void {
    const slot = this.slotOf(i);
    this.unlink(i, op);
    const s = storeStmt(op, slot);
    if (s !== null) this.append(s);
    this.ops[i] = slotOperand(op.cls, slot);
  }

  private readsLocalSlot(op: Operand): boolean {
    return op.kind === K_SLOT && op.slot < this.nLocals;
  }

  /** Removes index `i` from its local's list of readers, if `op` reads a local. */
  private unlink(i: number, op: Operand): void {
    if (!this.readsLocalSlot(op)) return;
    const lower = this.below[i]!;
    const upper = this.above[i]!;
    if (lower !== NONE) this.above[lower] = upper;
    if (upper !== NONE) this.below[upper] = lower;
    else this.lastRead[op.slot] = lower;
  }

  /** The stack now has `length` operands: watermarks above it come down. */
  private lowered(length: number): void {
    if (this.noPending > length) this.noPending = length;
    if (this.settled > length) this.settled = length;
  }
}
