import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { literalOfClosure, make, single, withCopies } from '#src/compiler/literals.js';
import {
  copiesPlentiful,
  PACK_BUDGET,
  packsLoaded,
  setPackLoader,
  type PackLoader,
} from '#src/compiler/packs.js';
import { isBuilt } from '#src/compiler/lazy.js';
import { MAIN_PACK, SEQ } from '#src/compiler/tables.js';
import type { Stmt, Variants } from '#src/compiler/types.js';

// No budget here: other test files of this process may have spent it.
const budget = { ...PACK_BUDGET };
test.before(() => {
  Object.assign(PACK_BUDGET, { after: 0, share: Infinity, parts: Infinity });
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

/**
 * Builds SEQ[3] closures over distinct leaves with `loader` as the pack
 * loader until it has been asked once more than `calls()` said before
 * (lists take the copies of parts loaded before first); their literals.
 */
function untilAsked(loader: PackLoader, calls: () => number): number[] {
  const list = SEQ[3]!;
  const asked = calls();
  setPackLoader(loader);
  try {
    return withCopies(() => {
      const lits: number[] = [];
      for (const leaf of distinctLeaves(5000)) {
        lits.push(literalOfClosure(make(list, [leaf, leaf, leaf])));
        if (calls() > asked) {
          // The loader failed: it is dropped, and copies go by signature again.
          assert.not.ok(copiesPlentiful(list));
          for (const more of distinctLeaves(list.length + 1))
            lits.push(literalOfClosure(make(list, [more, more, more])));
          break;
        }
      }
      return lits;
    });
  } finally {
    setPackLoader(undefined);
  }
}

test('a pack of another build is refused: the shared copy takes over', () => {
  let calls = 0;
  const packs = packsLoaded();
  const lits = untilAsked(
    () => {
      calls++;
      return { WEFT_JIT_PACK: 1, createPart: () => ({ SEQ: {} }) };
    },
    () => calls,
  );
  assert.is(calls, 1);
  assert.is(packsLoaded(), packs);
  assert.ok(new Set(lits).size < lits.length, 'signatures beyond the copies share one');
});

test('a throwing loader is dropped, and compiling goes on', () => {
  let calls = 0;
  const lits = untilAsked(
    () => {
      calls++;
      throw new Error('no module loader here');
    },
    () => calls,
  );
  assert.is(calls, 1, 'asked once, then never again');
  assert.ok(new Set(lits).size < lits.length);
});

test('copies do not run dry: a fresh part adds copies to the entry that ran out', () => {
  const CHAIN = MAIN_PACK.control.CHAIN as Readonly<Record<string, readonly unknown[]>>;
  const later = Object.keys(CHAIN).find((size) => !isBuilt(CHAIN, size));
  assert.ok(later !== undefined, 'a chain size not built yet');
  const list = SEQ[2]!;
  const before = list.length;
  const move = MAIN_PACK.control.CONTROL.storeI32 as readonly unknown[];
  const moveBefore = move.length;
  const shared = withCopies(() => literalOfClosure(make(list, [() => 0, () => 0])));
  // Other test files of this process may have loaded parts already, which
  // this entry takes copies from first: build closures until a part loads.
  const packs = packsLoaded();
  const lits: number[] = [];
  const [leaf] = distinctLeaves(1);
  withCopies(() => {
    for (let i = 0; i < 5000 && packsLoaded() === packs; i++)
      lits.push(literalOfClosure(make(list, [leaf!, leaf!])));
  });
  assert.is(packsLoaded(), packs + 1, 'a part was loaded');
  assert.ok(list.length > before, 'the list grew');
  // Copies are plentiful here (Node loads parts): every closure has a copy
  // of its own though all have one signature, none fell back to copy 0.
  assert.is(new Set(lits).size, lits.length);
  assert.not.ok(lits.includes(shared));
  // The new copies are the same code from other literals.
  assert.is.not(list[before], list[0]);
  assert.is(String(list[before]), String(list[0]));
  // Only the entry that ran out took copies: the part's other entries are
  // not built in a fresh part until one of their lists runs out.
  assert.is(move.length, moveBefore);
  // An entry built after the load starts with its own copies, and when they
  // run out it takes those of the parts loaded before a new one is loaded.
  const chain = CHAIN[later]!;
  const chainBefore = chain.length;
  const size = Number(later);
  withCopies(() => {
    for (const leaf of distinctLeaves(chainBefore + 1))
      make(chain as Variants<Stmt>, [...Array<Stmt>(size).fill(leaf), 0, 0]);
  });
  assert.ok(chain.length > chainBefore, 'the later entry grew');
  assert.is(packsLoaded(), packs + 1, 'from a part already loaded');
  // The same code (formatted by another compiler: tsc here, esbuild for the part files).
  const code = (f: unknown) => String(f).replace(/\s+/g, '');
  assert.is(code(chain[chain.length - 1]), code(chain[0]));
  assert.is.not(chain[chain.length - 1], chain[0]);
});

test.run();
