#!/usr/bin/env node
// Generates src/gen/control.ts: the hand-written closures that call other
// closures (structured control flow: sequences, blocks, loops, if, branches;
// moves of expression values into slots and globals; select), each as
// copies so that V8 can inline the closures they call (see
// src/compiler/literals.ts). src/compiler/control.ts documents branch codes.
//
// Run: node scripts/gen-control.mjs [--check]

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copied, emit, ENTRIES } from './codegen.mjs';

/**
 * Copies of each control factory: programs have many more distinct blocks
 * and statement sequences than distinct arithmetic trees, and these
 * factories are small.
 */
const COPIES = 32;

/** Longest statement sequence with a factory of its own; longer ones nest. */
const MAX_SEQ = 8;

/** Numbers of segments of the block chain (`switch`) factories. */
const CHAIN_SIZES = [2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 24, 32];

/** Copies of each chain factory: switches are fewer than sequences, and larger. */
const CHAIN_COPIES = 4;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'gen', 'control.ts');

// Statement sequences by length: SEQ[n] runs n statements.
const seqs = [];
for (let n = 2; n <= MAX_SEQ; n++) {
  const names = Array.from({ length: n }, (_, i) => `s${i}`);
  seqs.push(
    copied(
      `${n}`,
      `(${names.map((s) => `${s}: Stmt`).join(', ')}): Stmt => (fp) => ${names.map((s) => `${s}(fp)`).join(' || ')}`,
      COPIES,
      2,
      true,
    ),
  );
}
// Chains of blocks (see chain() in ../src/compiler/control.ts): the segment
// to run is picked by a switch of direct calls rather than by indexing an
// array, so that each call site keeps one callee and V8 can inline it.
// Factories exist for some sizes; a chain takes the next size up, its last
// `last` segments unused.
const chains = [];
for (const n of CHAIN_SIZES) {
  const names = Array.from({ length: n }, (_, i) => `s${i}`);
  const cases = names
    .map((s, i) => (i < n - 1 ? `case ${i}: c = ${s}(fp); break;` : `default: c = ${s}(fp);`))
    .join(' ');
  chains.push(
    copied(
      `${n}`,
      `(${names.map((s) => `${s}: Stmt`).join(', ')}, base: number, last: number): Stmt => (fp) => { let seg = 0; for (;;) { let c: number; switch (seg) { ${cases} } if (c === 0) { if (++seg > last) return 0; } else { const m = base - c; if (m < 0 || m >= last) return m === last ? 0 : c; seg = m + 1; } } }`,
      CHAIN_COPIES,
      2,
      true,
    ),
  );
}

const defs = {
  block:
    '(body: Stmt, code: number): Stmt => (fp) => { const c = body(fp); return c === code ? 0 : c; }',
  loop: '(body: Stmt, code: number): Stmt => (fp) => { for (;;) { const c = body(fp); if (c !== code) return c; } }',
  loopWhile:
    '(body: Stmt, cond: Expr, code: number): Stmt => (fp) => { for (;;) { const c = body(fp); if (c !== 0) { if (c === code) continue; return c; } if (cond(fp) === 0) return 0; } }',
  ifElse:
    '(cond: Expr, then: Stmt, otherwise: Stmt): Stmt => (fp) => (cond(fp) !== 0 ? then(fp) : otherwise(fp))',
  ifThen: '(cond: Expr, then: Stmt): Stmt => (fp) => (cond(fp) !== 0 ? then(fp) : 0)',
  brMoving: '(move: Stmt, code: number): Stmt => (fp) => { move(fp); return code; }',
  brIf: '(cond: Expr, code: number): Stmt => (fp) => (cond(fp) !== 0 ? code : 0)',
  brIfMoving:
    '(cond: Expr, move: Stmt, code: number): Stmt => (fp) => { if (cond(fp) === 0) return 0; move(fp); return code; }',
  all2: '(a: Stmt, b: Stmt): Stmt => (fp) => { a(fp); b(fp); return 0; }',
  all3: '(a: Stmt, b: Stmt, c: Stmt): Stmt => (fp) => { a(fp); b(fp); c(fp); return 0; }',
  all4: '(a: Stmt, b: Stmt, c: Stmt, d: Stmt): Stmt => (fp) => { a(fp); b(fp); c(fp); d(fp); return 0; }',
  // Writing an expression's value into a slot, or running it for its effects only.
  storeI32: '(d: number, e: Expr): Stmt => (fp) => { I32[fp + d] = e(fp); return 0; }',
  storeI64:
    '(d: number, e: Expr): Stmt => (fp) => { I32[fp + d] = e(fp); HI32[fp + d] = R.hi; return 0; }',
  storeF64: '(d: number, e: Expr): Stmt => (fp) => { F64[fp + d] = e(fp); return 0; }',
  storeRef: '(d: number, e: RefExpr): Stmt => (fp) => { REFS[fp + d] = e(fp); return 0; }',
  evaluate: '(e: Expr | RefExpr): Stmt => (fp) => { e(fp); return 0; }',
  // global.set from an expression (the cells of ../ops/variables.ts).
  globalSetI32: '(cell: Int32Array, e: Expr): Stmt => (fp) => { cell[0] = e(fp); return 0; }',
  globalSetI64:
    '(cell: Int32Array, e: Expr): Stmt => (fp) => { cell[0] = e(fp); cell[1] = R.hi; return 0; }',
  globalSetF64: '(cell: Float64Array, e: Expr): Stmt => (fp) => { cell[0] = e(fp); return 0; }',
  globalSetRef: '(g: GlobalInstance, e: RefExpr): Stmt => (fp) => { g.ref = e(fp); return 0; }',
  // select: operands evaluated in order, then the condition.
  selectNum:
    '(a: Expr, b: Expr, c: Expr): Expr => (fp) => { const x = a(fp); const y = b(fp); return c(fp) !== 0 ? x : y; }',
  selectI64:
    '(a: Expr, b: Expr, c: Expr): Expr => (fp) => { const xl = a(fp); const xh = R.hi; const yl = b(fp); const yh = R.hi; if (c(fp) !== 0) { R.hi = xh; return xl; } R.hi = yh; return yl; }',
  // Function entry (see entry() in ../src/compiler/calls.ts): call depth and
  // value stack checks, locals zeroed, the body; a copy per body, so that
  // its call of the body is the only one its literal makes.
  entry:
    '(store: Store, maxDepth: number, limit: number, zero: Zero | null, body: Stmt, tails: boolean, site: Frame): WasmCode => (fp) => { if (++store.depth > maxDepth || fp > limit) trap(STACK_OVERFLOW, site); if (zero !== null) zero(fp); body(fp); store.depth--; return tails ? takeTail() : undefined; }',
  // A call of a function of the same instance, its tail-call chain included;
  // adds the frame (at \`site\`) to traps and suspensions unwinding through
  // (see callInternal() in ../src/compiler/calls.ts).
  callFunc:
    '(f: FuncInstance, base: number, site: Frame): Stmt => (fp) => { const at = fp + base; try { let next = f.code(at); while (next !== undefined) next = next.code(at); } catch (e) { throw unwind(e, site, fp); } return 0; }',
  selectRef:
    '(a: RefExpr, b: RefExpr, c: Expr): RefExpr => (fp) => { const x = a(fp); const y = b(fp); return c(fp) !== 0 ? x : y; }',
};
const factories = Object.entries(defs).map(([key, source]) => copied(key, source, COPIES, 4, true));

const source = `// Generated by scripts/gen-control.mjs. Do not edit.
// prettier-ignore
/* eslint-disable */
import type { Frame, FuncInstance, GlobalInstance, Store, WasmCode } from '@weft/runtime';
import type { PackDeps } from '../compiler/pack-deps.js';
import type { Expr, Factory, RefExpr, Stmt, Zero } from '../compiler/types.js';

/** Longest statement sequence with a factory of its own. */
export const MAX_SEQ = ${MAX_SEQ};

/** Numbers of segments of the block chain factories, ascending. */
export const CHAIN_SIZES: readonly number[] = [${CHAIN_SIZES.join(', ')}];

/** The control-flow factories of one pack (see ../compiler/packs.ts and numeric.ts). */
${ENTRIES}
export const controlTables = (function (d: PackDeps) {
  // What the closures use, as bindings of this function: V8 reads them as fast
  // as module-local ones (imported bindings, read through the module cell,
  // measured up to 3x slower). 'var', not 'const': both are immutable to V8
  // when nothing assigns them again, but every read of a 'const' from a closure
  // carries a hole check (the temporal dead zone): a bytecode more per read
  // under --jitless, and 6 bytes of V8's inlining budget per closure.
  var { F64_SLOTS: F64, HI32_SLOTS: HI32, I32_SLOTS: I32, REF_SLOTS: REFS, R } = d;
  var { STACK_OVERFLOW, trap, takeTail, unwind } = d;

/** Statement sequences by length (2 to MAX_SEQ), each as copies (see ../compiler/literals.ts). */
const SEQ: Readonly<Record<number, () => readonly Factory<Stmt>[]>> = {
${seqs.join('\n')}
};

/**
 * Chains of blocks by number of segments (CHAIN_SIZES), each as copies:
 * \`(segments..., base, last) => Stmt\` (see chain() in ../compiler/control.ts).
 */
const CHAIN: Readonly<Record<number, () => readonly Factory<Stmt>[]>> = {
${chains.join('\n')}
};

/** Control-flow and move factories, each as copies (see ../compiler/literals.ts). */
const CONTROL = {
${factories.join('\n')}
} as const;

  return { SEQ, CHAIN, CONTROL };
});
`;

emit(out, source, 'gen-control.mjs');
