/**
 * Copies of closure literals, so that V8 can inline compiled code.
 *
 * V8 keeps type feedback per function literal, not per closure: every
 * closure a factory like `(x, y) => (fp) => x(fp) + y(fp)` returns shares
 * the feedback of that one inner literal, for every module in the process.
 * Its call sites `x(fp)` and `y(fp)` therefore see every kind of operand
 * closure the program ever passes to that instruction, turn megamorphic,
 * and TurboFan can neither inline them nor call them directly. A loop body
 * whose closures V8 inlines into each other runs 2-3x faster than the same
 * closures called through megamorphic sites, and tiny trees up to 40x.
 *
 * So the code generators emit some factories as several identical copies
 * (distinct literals with the same source), and `make` picks the copy for
 * each closure. By its signature (which literals its closure arguments
 * come from): each signature gets a copy of its own, first come first
 * served, while copies last; a copy's call sites then only ever see one
 * literal each, so V8 inlines them. Copy 0 is shared by the signatures
 * that found no free copy and by closures with arguments of unknown
 * origin. Or, where copies can keep growing (`CopySource.plentiful`), a
 * copy for every closure: a literal with one closure is monomorphic on the
 * closure itself, and V8 folds what it captured into constants instead of
 * reading it from the closure's context on every run (in large bodies, the
 * code V8's inlining budget leaves to each statement's own literal ran
 * 2-5x faster; see the jit README).
 *
 * Copies are handed out only while optimized code is compiled (see
 * `withCopies` and tiers.ts), so they go to code that proved hot; baseline
 * code uses copy 0 throughout. When a factory's copies are all handed out,
 * more are asked for (packs.ts appends a fresh pack's copies where it
 * can). The registry is process-wide, like V8's feedback. Nothing here
 * runs when compiled code runs: it is compile-time bookkeeping only.
 */

import type { Factory, Variants } from './types.js';

export type { Factory, Variants };

/**
 * Literal id of each closure recorded while copies are handed out (built
 * through `make` or `single`, or tagged), for the optimized code being
 * compiled: its closures are operands only of each other, so the map is
 * emptied when that compilation ends. Baseline code is not recorded: its
 * closures are never operands of optimized code, and an unrecorded operand
 * only means the shared copy. (A process-wide `WeakMap` of every closure
 * cost 15% of compiling a large program's functions, and much of its 20%
 * of garbage collection: V8 traces weak maps' entries in a fixpoint.)
 */
const closureLiteral = new Map<object, number>();
/**
 * The literal ids of closures that outlive their compilation and are read
 * by later ones (optimized function entries, see `keepLiteral`).
 */
const keptLiteral = new WeakMap<object, number>();
/** Literal id of each factory (the id of the literal its closures come from). */
const factoryLiteral = new Map<Factory<unknown>, number>();

/**
 * The signatures of one copied factory as a trie: the literal ids of a
 * closure's operands, in order, lead from the root to the node holding the
 * copy last given to a closure of that signature (-1 before one is given).
 */
interface Signature {
  copy: number;
  /** Made when the first longer signature passes through (most nodes are leaves). */
  next: Map<number, Signature> | null;
  /** At the root: the signatures of closures built with a `key` (see `make`), by key. */
  keyed: Map<number, Signature> | null;
}
const signatures = new Map<readonly Factory<unknown>[], Signature>();
const newSignature = (): Signature => ({ copy: -1, next: null, keyed: null });
/** Copies of each copied factory handed out so far (copy 0 excluded). */
const handedOut = new Map<readonly Factory<unknown>[], number>();
/** Whether copies are handed out now (while compiling optimized code). */
let dedicating = false;
/** Where more copies come from (packs.ts). */
export interface CopySource {
  /** Appends copies to `copies`, a list with none free; false when it could not. */
  more(copies: readonly Factory<unknown>[]): boolean;
  /**
   * Whether `copies` can keep growing (fresh packs can be loaded): then
   * each closure gets a copy of its own, not each signature.
   */
  plentiful(copies: readonly Factory<unknown>[]): boolean;
}
let source: CopySource = { more: () => false, plentiful: () => false };

/**
 * Sets where more copies come from when a factory's copies are all handed
 * out; returns the source it replaces.
 */
export function setCopySource(s: CopySource): CopySource {
  const previous = source;
  source = s;
  return previous;
}

/** Runs `compile` with copies handed out to the closures it builds. */
export function withCopies<T>(compile: () => T): T {
  const outer = dedicating;
  dedicating = true;
  try {
    return compile();
  } finally {
    dedicating = outer;
    if (!outer) closureLiteral.clear();
  }
}

/**
 * Keeps the recorded literal of `closure` after its compilation ends, for
 * `literalOfClosure` in later ones (a caller's copy keyed by its callee's
 * optimized entry, see calls.ts).
 */
export function keepLiteral<T extends object>(closure: T): T {
  const id = closureLiteral.get(closure);
  if (id !== undefined) keptLiteral.set(closure, id);
  return closure;
}

function literalOf(factory: Factory<unknown>): number {
  let id = factoryLiteral.get(factory);
  if (id === undefined) {
    id = factoryLiteral.size + 1;
    factoryLiteral.set(factory, id);
  }
  return id;
}

let uniqueKeys = 0;

/** A key for `make` that no other signature has. */
export function uniqueKey(): number {
  return -++uniqueKeys;
}

/**
 * The literal a closure comes from, or 0 if it was not recorded (`make`,
 * `single`, `tagClosure`) in this compilation or kept (`keepLiteral`).
 */
export function literalOfClosure(closure: unknown): number {
  if (typeof closure !== 'function') return 0;
  return closureLiteral.get(closure) ?? keptLiteral.get(closure) ?? 0;
}

/**
 * Records that `closure` comes from `factory`'s literal, for closures built
 * without `make` (by hand-written helpers that are single literals).
 */
export function tagClosure<T extends object>(closure: T, factory: Factory<unknown>): T {
  if (dedicating) closureLiteral.set(closure, literalOf(factory));
  return closure;
}

/**
 * The copy of `copies` for a closure built from `args`; a non-zero `key`
 * is one more literal id to tell signatures apart by (see `make`).
 */
function pickCopy<R>(
  copies: readonly Factory<R>[],
  args: readonly unknown[],
  key: number,
): Factory<R> {
  if (!dedicating) return copies[0]!;
  const node = signatureOf(copies, args, key);
  // A copy of its own: when copies are plentiful, for every closure (its
  // literal then has this one closure, whose operands V8 inlines as
  // constants); otherwise for the first closure of each signature. When
  // none is free, the copy its signature had last, or the shared one.
  const plentiful = source.plentiful(copies);
  if (!plentiful) {
    if (node === null) return copies[0]!; // an operand of unknown origin: the shared copy
    if (node.copy >= 0) return copies[node.copy]!;
  }
  let used = handedOut.get(copies) ?? 0;
  if (used + 1 >= copies.length) source.more(copies);
  if (used + 1 < copies.length) {
    handedOut.set(copies, ++used);
    if (node !== null) node.copy = used;
    return copies[used]!;
  }
  return copies[node !== null && node.copy > 0 ? node.copy : 0]!;
}

/**
 * The node of the signature of a closure built from `args` (and `key`) in
 * the trie of `copies`; null when an operand is of unknown origin.
 */
function signatureOf(
  copies: readonly Factory<unknown>[],
  args: readonly unknown[],
  key: number,
): Signature | null {
  let node: Signature | undefined = signatures.get(copies);
  if (node === undefined) signatures.set(copies, (node = newSignature()));
  if (key !== 0) {
    const keyed: Map<number, Signature> = (node.keyed ??= new Map());
    let child: Signature | undefined = keyed.get(key);
    if (child === undefined) keyed.set(key, (child = newSignature()));
    node = child;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a !== 'function') continue;
    const id = closureLiteral.get(a);
    if (id === undefined) return null;
    const next: Map<number, Signature> = (node.next ??= new Map());
    let child: Signature | undefined = next.get(id);
    if (child === undefined) next.set(id, (child = newSignature()));
    node = child;
  }
  return node;
}

/**
 * Builds a closure with the right copy of `variants` and records its
 * literal. `key`, when not 0, is a literal the closure calls that is not
 * among its arguments (a callee's entry, read at run time), or a negative
 * number unique to what it stands for (see `uniqueKey`).
 */
export function make<R extends object>(
  variants: Variants<R>,
  args: readonly unknown[],
  key = 0,
): R {
  const factory = typeof variants === 'function' ? variants : pickCopy(variants, args, key);
  return tagClosure((factory as (...a: readonly unknown[]) => R)(...args), factory);
}

/**
 * A generated factory as one function: its shared copy if it has copies.
 * For closures run once at compile time (constant folding).
 */
export function shared<R>(variants: Variants<R>): Factory<R> {
  return typeof variants === 'function' ? variants : variants[0]!;
}

/**
 * Wraps a hand-written factory whose closures all come from one literal so
 * that they are recorded as such (they can then be operands of copied
 * factories without sending them to the shared copy).
 */
export function single<A extends unknown[], R extends object>(
  factory: (...args: A) => R,
): (...args: A) => R {
  return (...args) => tagClosure(factory(...args), factory as Factory<unknown>);
}
