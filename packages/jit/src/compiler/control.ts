/**
 * Structured control flow as closures.
 *
 * Every block has an absolute branch code: its nesting depth in the
 * function plus one (the function body is 1). A statement returns 0 to fall
 * through or the code of the block it branches to; a block that receives
 * its own code handles the branch (exit, or loop again) and returns 0, and
 * passes any other code outward unchanged. Because codes are absolute,
 * blocks that no branch targets need no closure of their own: their
 * statements are spliced into the enclosing block.
 *
 * The closures come from ../gen/control.ts, in copies picked per use so
 * that V8 can inline the statements into them (see literals.ts).
 */
import { CHAIN, CHAIN_SIZES, CONTROL, MAX_SEQ, SEQ } from './tables.js';

export { MAX_SEQ };
import { make, single, tagClosure, type Variants } from './literals.js';
import { TIER_UP } from './tiers.js';
import type { Expr, Stmt } from './types.js';

/**
 * The size of the chain factory for `n` segments: the smallest with at
 * least `n` (its factory is read when used: table entries are built on
 * first read, see lazy.ts).
 */
const CHAIN_FOR: (number | undefined)[] = [];
for (let n = 2, i = 0; n <= CHAIN_SIZES[CHAIN_SIZES.length - 1]!; n++) {
  if (CHAIN_SIZES[i]! < n) i++;
  CHAIN_FOR[n] = CHAIN_SIZES[i]!;
}

const nop: Stmt = () => 0;

/**
 * Runs statements in order until one branches. Longer sequences than a
 * factory takes nest (every call site keeps one callee): up to two
 * factories' worth, the first statements stay at the top and the rest go
 * one level down, since V8 inlines only a few levels deep (most loop bodies
 * are that short); longer ones become a tree of sequences, as shallow as
 * possible: a body of a million statements nests seven closures deep, and
 * building it is linear in its length.
 */
export function seq(stmts: readonly Stmt[]): Stmt {
  const n = stmts.length;
  if (n === 0) return nop;
  if (n === 1) return stmts[0]!;
  if (n <= MAX_SEQ) return make(SEQ[n]!, stmts);
  if (n < 2 * MAX_SEQ)
    return make(SEQ[MAX_SEQ]!, [...stmts.slice(0, MAX_SEQ - 1), seq(stmts.slice(MAX_SEQ - 1))]);
  // Full subtrees of `size` statements, then the rest.
  let size = MAX_SEQ;
  while (size * MAX_SEQ < n) size *= MAX_SEQ;
  const parts: Stmt[] = [];
  for (let i = 0; i < n; i += size) parts.push(seq(stmts.slice(i, i + size)));
  return seq(parts);
}

/** A block some branch targets: its own code exits it. */
export function block(body: Stmt, code: number): Stmt {
  return make(CONTROL.block, [body, code]);
}

/**
 * A chain of blocks nested as `block_k (block_k-1 (... (block_0 body_0) ...) body_k-1) body_k`,
 * the shape of a `switch` compiled to `br_table`. `segments[i]` is what
 * follows `block_i-1`'s end inside `block_i` (`segments[0]` is `block_0`'s
 * body); block `i`'s code is `base - i`. A branch to block `i` continues at
 * segment `i + 1` directly, instead of returning through every block
 * nested in between.
 */
export function chain(segments: readonly Stmt[], base: number): Stmt {
  const n = segments.length;
  const size = CHAIN_FOR[n];
  if (size !== undefined) {
    const padded = [...segments];
    while (padded.length < size) padded.push(nop);
    return make(CHAIN[size]!, [...padded, base, n - 1]);
  }
  const segs = segments.slice();
  const k = n - 1;
  return (fp) => {
    let seg = 0;
    for (;;) {
      const c = segs[seg]!(fp);
      if (c === 0) {
        seg++;
      } else {
        const m = base - c;
        if (m < 0 || m > k) return c;
        seg = m + 1;
      }
      if (seg > k) return 0;
    }
  };
}

/** A loop: its own code starts the body again; falling out of the body exits. */
export function loop(body: Stmt, code: number): Stmt {
  return make(CONTROL.loop, [body, code]);
}

/**
 * A loop whose body ends with `br_if` back to itself (carrying no values):
 * the condition is tested here instead of in a statement of its own.
 */
export function loopWhile(body: Stmt, cond: Expr, code: number): Stmt {
  return make(CONTROL.loopWhile, [body, cond, code]);
}

/**
 * A baseline loop (see tiers.ts): counts its iterations and, at the
 * threshold, runs the rest of the loop in `hot()`'s optimized loop (and so
 * does every later run of it), unless `hot()` has none.
 */
export const countedLoop = single((body: Stmt, code: number, hot: () => Stmt | null): Stmt => {
  let n = 0;
  let next: Stmt | null = null;
  return (fp) => {
    if (next !== null) return next(fp);
    for (;;) {
      const c = body(fp);
      if (c !== code) return c;
      if (++n === TIER_UP.iterations && (next = hot()) !== null) return next(fp);
    }
  };
});

/** `loopWhile` in baseline code: counts like `countedLoop`. */
export const countedLoopWhile = single(
  (body: Stmt, cond: Expr, code: number, hot: () => Stmt | null): Stmt => {
    let n = 0;
    let next: Stmt | null = null;
    return (fp) => {
      if (next !== null) return next(fp);
      for (;;) {
        const c = body(fp);
        if (c !== 0) {
          if (c !== code) return c;
        } else if (cond(fp) === 0) return 0;
        if (++n === TIER_UP.iterations && (next = hot()) !== null) return next(fp);
      }
    };
  },
);

/** `if` whose label no branch targets. */
export function ifElse(cond: Expr, then: Stmt, otherwise: Stmt): Stmt {
  return make(CONTROL.ifElse, [cond, then, otherwise]);
}

/** `if` without an else branch, whose label no branch targets. */
export function ifThen(cond: Expr, then: Stmt): Stmt {
  return make(CONTROL.ifThen, [cond, then]);
}

/** Unconditional branch (values already in place). */
export function br(code: number): Stmt {
  return tagClosure(() => code, br);
}

/** Unconditional branch after moving the label's values. */
export function brMoving(move: Stmt, code: number): Stmt {
  return make(CONTROL.brMoving, [move, code]);
}

/** Conditional branch (values already in place). */
export function brIf(cond: Expr, code: number): Stmt {
  return make(CONTROL.brIf, [cond, code]);
}

/** Conditional branch moving the label's values when taken. */
export function brIfMoving(cond: Expr, move: Stmt, code: number): Stmt {
  return make(CONTROL.brIfMoving, [cond, move, code]);
}

/** `br_table` whose targets need no value moves. */
export function brTable(index: Expr, codes: readonly number[]): Stmt {
  const table = Int32Array.from(codes);
  const last = table.length - 1;
  return (fp) => {
    const i = index(fp) >>> 0;
    return table[i < last ? i : last]!;
  };
}

/** `br_table` with a value move per target (null where none is needed). */
export function brTableMoving(
  index: Expr,
  codes: readonly number[],
  moves: readonly (Stmt | null)[],
): Stmt {
  const table = Int32Array.from(codes);
  const last = table.length - 1;
  const all = moves.slice();
  return (fp) => {
    let i = index(fp) >>> 0;
    if (i > last) i = last;
    const move = all[i];
    if (move !== null && move !== undefined) move(fp);
    return table[i]!;
  };
}

/** Runs several statements for their effects (a multi-value move). */
export function all(stmts: readonly Stmt[]): Stmt {
  switch (stmts.length) {
    case 1:
      return stmts[0]!;
    case 2:
      return make(CONTROL.all2, stmts);
    case 3:
      return make(CONTROL.all3, stmts);
    case 4:
      return make(CONTROL.all4, stmts);
    default: {
      const list = stmts.slice();
      return (fp) => {
        for (let i = 0; i < list.length; i++) list[i]!(fp);
        return 0;
      };
    }
  }
}
