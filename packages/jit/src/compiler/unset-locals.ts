/**
 * Which declared locals a function may read before it writes them: the
 * only ones its entry must zero. A frame starts on whatever earlier calls
 * left in the value stack, so a local read on some path before any write
 * must read its default; a local that every path writes first does not
 * (compilers' output reads almost no local before writing it, and zeroing
 * a few dozen slots on every call is work for nothing, a closure call more
 * per call under `--jitless`).
 *
 * A definite-assignment analysis over the validated instructions, in one
 * pass: the set of locals written on every path to the current instruction,
 * with, per open block, the intersection of the sets that branch to its end.
 * Structured control makes one pass enough: a loop is entered only at its
 * top, and the set only grows along a path, so a branch back to a loop adds
 * nothing to what held on entry. Handlers (`try_table`'s catch clauses, a
 * legacy `catch`) may run from any point of their body: they start from the
 * set held when the body was entered, the smallest along it.
 *
 * The rules are picked by an instruction's immediate kind where they can
 * be: every instruction with a label immediate is taken as a branch that
 * may happen (an instruction that always branches is only less precise when
 * treated so), so a new branching instruction cannot be missed. An unknown
 * block-like instruction gives up (every local is zeroed).
 */
import { Imm, Op, OPS, type Code } from '@weft/environ';

/**
 * Words of bit sets the analysis may hold at once (an open block holds two
 * sets of the tracked locals): past this, hostile nesting times many locals,
 * it gives up and every local is zeroed.
 */
const WORD_BUDGET = 1 << 20;

/**
 * Block kinds: a branch to a loop goes to its top; an `if` remembers whether
 * it had an `else`. (A legacy `try` is a block whose `catch` clauses start
 * from its entry set, as an `else` arm does.)
 */
const BLOCK = 0;
const LOOP = 1;
const IF = 2;
const ELSE = 3;

/** Instructions after which the rest of the block is unreachable. */
const ENDS_PATH = new Set<number>([
  Op.unreachable,
  Op.br,
  Op.br_table,
  Op.return,
  Op.throw,
  Op.throw_ref,
  Op.rethrow,
  Op.return_call,
  Op.return_call_indirect,
  Op.return_call_ref,
]);

/**
 * For each declared local (index `x - firstLocal`), whether it may be read
 * before it is written, so must be zeroed on entry; null if the analysis
 * gave up (zero them all). `firstLocal` is the number of parameters,
 * `nLocals` of parameters and declared locals.
 */
export function localsReadUnset(
  code: Code,
  firstLocal: number,
  nLocals: number,
): Uint8Array | null {
  const { ops, imm, immStart, count } = code;
  const declared = nLocals - firstLocal;
  const unset = new Uint8Array(declared);
  if (declared === 0) return unset;

  // Only locals some `local.get` reads are tracked, each with a bit.
  const bitOf = new Int32Array(declared).fill(-1);
  let tracked = 0;
  for (let i = 0; i < count; i++) {
    if (ops[i] !== Op.local_get) continue;
    const d = imm[immStart[i]!]! - firstLocal;
    if (d >= 0 && bitOf[d] === -1) bitOf[d] = tracked++;
  }
  if (tracked === 0) return unset;
  const W = (tracked + 31) >>> 5;

  // Per open block: its kind, its entry set, and the intersection of the
  // sets reaching its end (`hasOut` false: none yet; the end is unreachable).
  const kinds: number[] = [];
  const entryReachable: boolean[] = [];
  const hasOut: boolean[] = [];
  let sets = new Int32Array(W * 16); // block k: entry at 2kW, out at (2k+1)W
  let depth = 0;
  const cur = new Int32Array(W);
  let reachable = true;

  const open = (kind: number): boolean => {
    const need = (depth + 1) * 2 * W;
    if (need > WORD_BUDGET) return false;
    if (need > sets.length) {
      const grown = new Int32Array(Math.min(WORD_BUDGET, Math.max(need, sets.length * 2)));
      grown.set(sets);
      sets = grown;
    }
    kinds[depth] = kind;
    entryReachable[depth] = reachable;
    hasOut[depth] = false;
    sets.set(cur, 2 * depth * W);
    depth++;
    return true;
  };
  // The current set reaches the end of block k.
  const reach = (k: number): void => {
    if (!reachable) return;
    const out = (2 * k + 1) * W;
    if (hasOut[k]) for (let w = 0; w < W; w++) sets[out + w]! &= cur[w]!;
    else {
      sets.set(cur, out);
      hasOut[k] = true;
    }
  };
  // A branch `label` levels out: to a block's end, or to a loop's top.
  const branch = (label: number): void => {
    const k = depth - 1 - label;
    if (kinds[k] !== LOOP) reach(k);
  };
  // Continue from block k's entry set (an `else` arm, a `catch` handler).
  const restart = (k: number): void => {
    cur.set(sets.subarray(2 * k * W, (2 * k + 1) * W));
    reachable = entryReachable[k]!;
  };
  // Ends the innermost block: continue after it.
  const close = (): void => {
    const k = depth - 1;
    reach(k);
    // An `if` without `else`: its empty else arm goes from the entry to the end.
    if (kinds[k] === IF) {
      restart(k);
      reach(k);
    }
    reachable = hasOut[k]!;
    if (reachable) cur.set(sets.subarray((2 * k + 1) * W, (2 * k + 2) * W));
    depth--;
  };

  // The function's own block: its end is where the body returns.
  open(BLOCK);
  for (let i = 0; i < count; i++) {
    const id = ops[i]!;
    const at = immStart[i]!;
    switch (id) {
      case Op.local_get: {
        const d = imm[at]! - firstLocal;
        if (d >= 0 && reachable) {
          const b = bitOf[d]!;
          if ((cur[b >>> 5]! & (1 << (b & 31))) === 0) unset[d] = 1;
        }
        continue;
      }
      case Op.local_set:
      case Op.local_tee: {
        const d = imm[at]! - firstLocal;
        const b = d >= 0 ? bitOf[d]! : -1;
        if (b >= 0) cur[b >>> 5]! |= 1 << (b & 31);
        continue;
      }
      case Op.block:
      case Op.loop:
      case Op.if:
      case Op.try:
        if (!open(id === Op.loop ? LOOP : id === Op.if ? IF : BLOCK)) return null;
        continue;
      case Op.try_table: {
        // A catch clause may branch from anywhere in the body (labels are
        // the enclosing blocks'): the entry set reaches its target.
        const n = imm[at + 4]!;
        for (let c = 0; c < n; c++) branch(imm[at + 5 + 3 * c + 2]!);
        if (!open(BLOCK)) return null;
        continue;
      }
      case Op.else:
        reach(depth - 1);
        kinds[depth - 1] = ELSE;
        restart(depth - 1);
        continue;
      case Op.catch:
      case Op.catch_all:
        reach(depth - 1);
        restart(depth - 1);
        continue;
      case Op.end:
      case Op.delegate:
        // `delegate` ends its try: what it rethrows goes to an outer
        // handler, which starts from its own (smaller) entry set.
        close();
        if (depth === 0) return unset;
        continue;
      default:
        break;
    }
    const kind = OPS[id]!.imm;
    if (kind === Imm.LABEL) branch(imm[at]!);
    else if (kind === Imm.BR_ON_CAST) branch(imm[at + 1]!);
    else if (kind === Imm.BR_TABLE) {
      const n = imm[at]!;
      for (let k = 0; k <= n; k++) branch(imm[at + 1 + k]!);
    } else if (kind === Imm.BLOCK || kind === Imm.TRY_TABLE || kind === Imm.CATCH) return null;
    if (ENDS_PATH.has(id)) reachable = false;
  }
  return unset;
}
