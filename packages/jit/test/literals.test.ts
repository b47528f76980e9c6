import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  keepLiteral,
  literalOfClosure,
  make,
  setCopySource,
  single,
  withCopies,
  type CopySource,
  type Factory,
} from '#src/compiler/literals.js';

type Fn = (fp: number) => number;

/** Four copies of a unary factory; identical source, distinct literals. */
function copiesOf(): Factory<Fn>[] {
  return [
    (x: Fn): Fn =>
      (fp) =>
        x(fp) + 1,
    (x: Fn): Fn =>
      (fp) =>
        x(fp) + 1,
    (x: Fn): Fn =>
      (fp) =>
        x(fp) + 1,
    (x: Fn): Fn =>
      (fp) =>
        x(fp) + 1,
  ];
}

/** No more copies, never plentiful: what a host without a pack loader has. */
const NO_SOURCE: CopySource = { more: () => false, plentiful: () => false };

/**
 * Runs `f` with copies handed out from `source` (the jit's tables, imported
 * by other test files of this process, set a source of their own).
 */
function withSource<T>(source: CopySource, f: () => T): T {
  const previous = setCopySource(source);
  try {
    return withCopies(f);
  } finally {
    setCopySource(previous);
  }
}

const leafA = single(
  (v: number): Fn =>
    () =>
      v,
);
const leafB = single(
  (v: number): Fn =>
    () =>
      -v,
);

test('outside withCopies every closure takes the shared copy', () => {
  const copies = copiesOf();
  const shared = literalOfClosure(make(copies, [(): number => 0]));
  assert.is(literalOfClosure(make(copies, [leafA(1)])), shared);
  assert.is(literalOfClosure(make(copies, [leafB(1)])), shared);
});

test('closures of one signature share a copy; other signatures get their own', () =>
  withSource(NO_SOURCE, () => {
    const copies = copiesOf();
    const a1 = make(copies, [leafA(1)]);
    const a2 = make(copies, [leafA(2)]);
    const b = make(copies, [leafB(3)]);
    assert.is(a1(0), 2);
    assert.is(b(0), -2);
    assert.is(literalOfClosure(a1), literalOfClosure(a2));
    assert.is.not(literalOfClosure(a1), literalOfClosure(b));
    // Neither took the shared copy 0.
    assert.is.not(literalOfClosure(a1), literalOfClosure(make(copies, [() => 0])));
  }));

test('signatures beyond the copies, and unknown operands, share copy 0', () =>
  withSource(NO_SOURCE, () => {
    const copies = copiesOf();
    const shared = literalOfClosure(make(copies, [(): number => 0]));
    const lits = new Set<number>();
    // Three dedicated copies, then the shared one for every further signature.
    let x: Fn = leafA(0);
    for (let i = 0; i < 6; i++) {
      x = make(copies, [x]);
      lits.add(literalOfClosure(x));
    }
    assert.is(lits.size, 4);
    assert.ok(lits.has(shared));
    assert.is(x(0), 6);
  }));

test('when copies are plentiful, every closure gets one of its own', () => {
  const copies = copiesOf();
  const shared = withSource(NO_SOURCE, () => literalOfClosure(make(copies, [(): number => 0])));
  let asked = 0;
  const source: CopySource = {
    more: () => {
      asked++;
      return false;
    },
    plentiful: () => true,
  };
  withSource(source, () => {
    // The same signature, and an operand of unknown origin: three copies.
    const a1 = make(copies, [leafA(1)]);
    const a2 = make(copies, [leafA(2)]);
    const u = make(copies, [(): number => 5]);
    const lits = [a1, a2, u].map(literalOfClosure);
    assert.is(new Set(lits).size, 3);
    assert.not.ok(lits.includes(shared));
    assert.is(asked, 0);
    // None left and none added: the copy its signature had last, else the shared one.
    const a3 = make(copies, [leafA(3)]);
    assert.ok(asked > 0);
    assert.is(literalOfClosure(a3), literalOfClosure(a2));
    assert.is(literalOfClosure(make(copies, [leafB(1)])), shared);
    assert.is(literalOfClosure(make(copies, [(): number => 6])), shared);
    assert.is(a3(0), 4);
    assert.is(u(0), 6);
  });
});

test('copies added when a list runs out go to the closures that asked', () => {
  const copies = copiesOf();
  const source: CopySource = {
    more: (list) => {
      (list as Factory<Fn>[]).push(...copiesOf().slice(0, 2));
      return true;
    },
    plentiful: () => true,
  };
  withSource(source, () => {
    const lits = Array.from({ length: 9 }, (_, i) => literalOfClosure(make(copies, [leafA(i)])));
    assert.is(new Set(lits).size, 9, 'each of the nine closures has a literal of its own');
    assert.is(copies.length, 4 + 2 * 3);
  });
});

test('single factories record one literal for all their closures', () =>
  withCopies(() => {
    assert.is(literalOfClosure(leafA(1)), literalOfClosure(leafA(9)));
    assert.is.not(literalOfClosure(leafA(1)), literalOfClosure(leafB(1)));
    assert.is(
      literalOfClosure(() => 0),
      0,
    );
  }));

test('closures built outside withCopies (baseline code) are not recorded', () => {
  assert.is(literalOfClosure(leafA(1)), 0);
  const leaf = leafB(2);
  // As an operand of optimized code it stands for an unknown literal: the shared copy.
  withSource(NO_SOURCE, () => {
    const copies = copiesOf();
    const shared = literalOfClosure(make(copies, [(): number => 0]));
    assert.is(literalOfClosure(make(copies, [leaf])), shared);
    assert.is.not(literalOfClosure(make(copies, [leafB(3)])), shared);
  });
});

test('a compilation forgets its closures when it ends, except those kept', () => {
  let inner: Fn = () => 0;
  let kept: Fn = () => 0;
  withCopies(() => {
    withCopies(() => {
      inner = leafA(1);
      kept = keepLiteral(leafB(1));
    });
    // A nested compilation is part of the outer one: still recorded.
    assert.is.not(literalOfClosure(inner), 0);
  });
  assert.is(literalOfClosure(inner), 0);
  const id = literalOfClosure(kept);
  assert.is.not(id, 0);
  withCopies(() => assert.is(literalOfClosure(leafB(2)), id));
});

test.run();
