import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { literalOfClosure, make, single, withCopies } from '#src/compiler/literals.js';
import { PACK_BUDGET, packsLoaded, setPackLoader } from '#src/compiler/packs.js';
import { isBuilt } from '#src/compiler/lazy.js';
import { MAIN_PACK, SEQ } from '#src/compiler/tables.js';
import type { Stmt } from '#src/compiler/types.js';

// Packs wait for a process to have run a while, and other test files of
// this process may have spent the time budget for them.
const budget = { ...PACK_BUDGET };
test.before(() => {
  Object.assign(PACK_BUDGET, { after: 0, share: Infinity });
});
test.after(() => {
  Object.assign(PACK_BUDGET, budget);
});

/** `n` leaves from `n` distinct literals (each `single` records its own factory). */
function distinctLeaves(n: number): Stmt[] {
  return Array.from({ length: n }, (_, i) =>
    single(
      (v: number): Stmt =>
        () =>
          v,
    )(i),
  );
}

/** Builds one SEQ[2] closure over each of `n` distinct leaves while copies are handed out; their literals. */
function dedicate(n: number): number[] {
  return withCopies(() =>
    distinctLeaves(n).map((leaf, i) => {
      const s = make(SEQ[2]!, [leaf, leaf]);
      assert.is(s(0), i);
      return literalOfClosure(s);
    }),
  );
}

test('copies do not run dry: a fresh pack adds copies when a factory has none left', () => {
  // An entry of the same part no code has needed yet: built after the fresh
  // part is loaded, it gets that part's copies too (entries are lazy, see
  // lazy.ts).
  const CHAIN = MAIN_PACK.control.CHAIN as Readonly<Record<string, readonly unknown[]>>;
  const later = Object.keys(CHAIN).find((size) => !isBuilt(CHAIN, size));
  assert.ok(later !== undefined, 'a chain size not built yet');
  const list = SEQ[2]!;
  const before = list.length;
  const add = MAIN_PACK.numeric.BINARY['i32.add'].expr.ee as readonly unknown[];
  const addBefore = add.length;
  const packs = packsLoaded();
  const shared = withCopies(() => literalOfClosure(make(list, [() => 0, () => 0])));
  const lits = dedicate(before + 4);
  assert.ok(packsLoaded() > packs, 'a pack was loaded');
  assert.ok(list.length > before, 'the list grew');
  // Every signature has a copy of its own: none fell back to the shared copy 0.
  assert.is(new Set(lits).size, lits.length);
  assert.not.ok(lits.includes(shared));
  // The new copies are the same code from other literals.
  assert.is.not(list[before], list[0]);
  assert.is(String(list[before]), String(list[0]));
  // Every other list of the part (control) grew too, with fresh literals;
  // the other parts did not.
  const move = MAIN_PACK.control.CONTROL.storeI32 as readonly unknown[];
  assert.ok(move.length > 32);
  assert.is.not(move[move.length - 1], move[0]);
  assert.is(add.length, addBefore);
  const chain = CHAIN[later]!;
  assert.ok(chain.length > 4, 'built later, with the fresh copies');
  // The same code (formatted by another compiler: tsc here, esbuild for the part files).
  const code = (f: unknown) => String(f).replace(/\s+/g, '');
  assert.is(code(chain[chain.length - 1]), code(chain[0]));
  assert.is.not(chain[chain.length - 1], chain[0]);
});

test('a pack of another build is refused: the shared copy takes over', () => {
  setPackLoader(() => ({ WEFT_JIT_PACK: 1, createPart: () => ({ SEQ: {} }) }));
  try {
    const list = SEQ[3]!;
    const packs = packsLoaded();
    const length = list.length;
    const lits = withCopies(() =>
      distinctLeaves(length + 2).map((leaf) => literalOfClosure(make(list, [leaf, leaf, leaf]))),
    );
    assert.is(packsLoaded(), packs);
    assert.is(list.length, length);
    assert.ok(new Set(lits).size < lits.length, 'signatures beyond the copies share one');
  } finally {
    setPackLoader(undefined);
  }
});

test('a throwing loader is dropped, and compiling goes on', () => {
  let calls = 0;
  setPackLoader(() => {
    calls++;
    throw new Error('no module loader here');
  });
  try {
    const list = SEQ[4]!;
    const length = list.length;
    withCopies(() => {
      for (const leaf of distinctLeaves(length + 3)) make(list, [leaf, leaf, leaf, leaf]);
    });
    assert.is(calls, 1, 'asked once, then never again');
    assert.is(list.length, length);
  } finally {
    setPackLoader(undefined);
  }
});

test.run();
