/**
 * The machinery of the code validator: its error reports, the operand stack
 * and the control stack, as in the spec's validation appendix. The rules
 * (rules/*.ts) pop and push through these methods; the instruction loop
 * (code.ts) drives them.
 *
 * Stacks are typed arrays that grow to the largest body seen, so validating
 * allocates nothing per instruction.
 */
import { invalid } from '../errors.js';
import { valSub } from '../match.js';
import {
  BOT,
  HT_BOT,
  isRef,
  refType,
  resultTypeToString,
  valTypeToString,
  type ValType,
} from '../types.js';
import type { ValidationContext } from './context.js';
import { Locals } from './locals.js';

/** Kinds of control frames. */
export const FRAME_FUNC = 0;
export const FRAME_BLOCK = 1;
export const FRAME_LOOP = 2;
export const FRAME_IF = 3;
export const FRAME_ELSE = 4;
export const FRAME_TRY = 5;
/** Legacy exception handling: a `try` body, and its `catch` and `catch_all` clauses. */
export const FRAME_LEGACY_TRY = 6;
export const FRAME_LEGACY_CATCH = 7;
export const FRAME_LEGACY_CATCH_ALL = 8;

export const NO_TYPES: readonly ValType[] = [];

/**
 * Cached one-element result types, so single-value blocks allocate nothing:
 * number and vector types (codes below 0x100) by index, a Map lookup being
 * slow for the common case, references in a Map.
 */
const SINGLE_NUM: (readonly ValType[] | undefined)[] = new Array<undefined>(0x100).fill(undefined);
const SINGLE_REF = new Map<ValType, readonly ValType[]>();
export function single(t: ValType): readonly ValType[] {
  if (t >= 0 && t < 0x100) return (SINGLE_NUM[t] ??= [t]);
  let ts = SINGLE_REF.get(t);
  if (ts === undefined) {
    ts = [t];
    SINGLE_REF.set(t, ts);
  }
  return ts;
}

/** A copy of `a` at least `min` long (doubling). */
export function grow<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array>(
  a: T,
  min: number,
): T {
  let size = a.length * 2;
  while (size < min) size *= 2;
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/**
 * Operand and control stacks of the sequence being validated. Members are
 * public for the rules in rules/; nothing outside valid/ uses them.
 */
export class Stacks {
  ctx!: ValidationContext;
  /** Whether the sequence is typed (false: decoded only, see `CodeValidator.skip`). */
  validating = true;
  /** Result types of the function (`return`, tail calls). */
  results: readonly ValType[] = NO_TYPES;
  /** Largest operand stack height reached. */
  maxHeight = 0;
  /** Offset of the instruction being validated, for error reports. */
  at = 0;
  /** The locals of the function and which are initialized. */
  readonly locals = new Locals();
  // Operand stack.
  vals = new Int32Array(256);
  vlen = 0;
  // Control stack: one entry per open block, `depth` of them.
  cKind = new Uint8Array(64);
  /** Operand stack height at the frame's start (its params excluded). */
  cHeight = new Int32Array(64);
  cUnreachable = new Uint8Array(64);
  /** Index of the instruction that opened the frame (-1 for the function). */
  cInstr = new Int32Array(64);
  /** Locals initialized before the frame (`Locals.mark`), restored at its end. */
  cInits = new Int32Array(64);
  /** Legacy try frames: the index of the clause instruction the frame is in (-1: the body). */
  cClause = new Int32Array(64);
  cParams: (readonly ValType[])[] = [];
  cResults: (readonly ValType[])[] = [];
  depth = 0;

  // ---------------------------------------------------------------------------
  // Errors.

  fail(message: string): never {
    return invalid(this.at, message);
  }

  unknown(category: string, index: number): never {
    return this.fail(`unknown ${category} ${index >>> 0}`);
  }

  stackTop(n: number): ValType[] {
    const height = this.cHeight[this.depth - 1]!;
    const from = Math.max(height, this.vlen - n);
    return Array.from(this.vals.subarray(from, this.vlen));
  }

  mismatch(expected: ArrayLike<ValType>): never {
    return this.fail(
      `type mismatch: instruction requires ${resultTypeToString(expected)} but stack has ${resultTypeToString(this.stackTop(expected.length))}`,
    );
  }

  // ---------------------------------------------------------------------------
  // Operand stack.

  push(t: ValType): void {
    if (this.vlen === this.vals.length) this.vals = grow(this.vals, this.vlen + 1);
    this.vals[this.vlen++] = t;
    if (this.vlen > this.maxHeight) this.maxHeight = this.vlen;
  }

  pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]!);
  }

  /** Pops any value; BOT when the frame is unreachable and its stack empty. */
  popAny(): ValType {
    const d = this.depth - 1;
    if (this.vlen === this.cHeight[d]) {
      if (this.cUnreachable[d]) return BOT;
      this.fail('type mismatch: instruction requires [any] but stack has []');
    }
    return this.vals[--this.vlen]!;
  }

  /** Pops one value of a type matching `t`. */
  pop(t: ValType): ValType {
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
  popAll(ts: readonly ValType[]): void {
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
  popRepeated(t: ValType, n: number): void {
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
  peekRef(i: number): ValType {
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

  setUnreachable(): void {
    const d = this.depth - 1;
    this.vlen = this.cHeight[d]!;
    this.cUnreachable[d] = 1;
  }

  // ---------------------------------------------------------------------------
  // Control stack.

  pushFrame(
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
      this.cClause = grow(this.cClause, d + 1);
    }
    this.cKind[d] = kind;
    this.cHeight[d] = this.vlen;
    this.cUnreachable[d] = 0;
    this.cInstr[d] = instr;
    this.cInits[d] = this.locals.mark();
    this.cClause[d] = -1;
    this.cParams[d] = params;
    this.cResults[d] = results;
    this.depth = d + 1;
    if (this.validating) this.pushAll(params);
  }

  /** Checks the frame's results are exactly on the stack and pops the frame. */
  popFrame(): void {
    const d = this.depth - 1;
    const results = this.cResults[d]!;
    this.popAll(results);
    if (this.vlen !== this.cHeight[d]) {
      const all = Array.from(this.vals.subarray(this.cHeight[d]!, this.vlen + results.length));
      this.fail(
        `type mismatch: block requires ${resultTypeToString(results)} but stack has ${resultTypeToString(all)}`,
      );
    }
    this.locals.reset(this.cInits[d]!);
    this.depth = d;
  }

  /** The types a branch to label `depth` carries. */
  labelTypes(depth: number): readonly ValType[] {
    if (depth < 0 || depth >= this.depth) this.unknown('label', depth);
    const d = this.depth - 1 - depth;
    return this.cKind[d] === FRAME_LOOP ? this.cParams[d]! : this.cResults[d]!;
  }
}
