/**
 * Import matching (`instantiate`'s checks, as the spec's "external type
 * matching"): limits with and without a maximum on either side, address
 * types, reference types (table elements invariant, immutable globals
 * covariant, mutable globals invariant), function types by declared
 * subtyping, tags, kinds, stores and counts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCREF, I32, I64, refType, type ModuleInfo } from '@weft/environ';
import { GlobalInstance, LinkError, TagInstance, type Extern, type Store } from '#src/index.js';
import { host, inst, memory, newStore, sig, table, wat } from './support.js';

/** Instantiating `module` with `imports`: null, or the LinkError's message. */
function link(store: Store, module: ModuleInfo, ...imports: Extern[]): string | null {
  try {
    inst(store, module, imports);
    return null;
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    assert.is(e.module, 'm');
    return e.message;
  }
}

const mismatch = (what: string, name = 'x') =>
  `incompatible import type for "m" "${name}": ${what}`;

test('memory limits: the import without a maximum takes any; with one, only a smaller or equal one', () => {
  const store = newStore();
  const noMax = wat('(module (import "m" "x" (memory 2)))');
  const withMax = wat('(module (import "m" "x" (memory 2 4)))');
  // Without a maximum in the import.
  assert.is(link(store, noMax, memory(store, '2')), null);
  assert.is(link(store, noMax, memory(store, '3 3')), null);
  assert.is(link(store, noMax, memory(store, '1')), mismatch('limits mismatch'));
  assert.is(link(store, noMax, memory(store, '1 8')), mismatch('limits mismatch'));
  // With a maximum in the import.
  assert.is(link(store, withMax, memory(store, '2 4')), null);
  assert.is(link(store, withMax, memory(store, '3 3')), null);
  assert.is(link(store, withMax, memory(store, '2')), mismatch('limits mismatch'));
  assert.is(link(store, withMax, memory(store, '2 5')), mismatch('limits mismatch'));
  assert.is(link(store, withMax, memory(store, '5 5')), mismatch('limits mismatch'));
  // The current size counts, not the declared minimum.
  const grown = memory(store, '1 4');
  assert.is(link(store, withMax, grown), mismatch('limits mismatch'));
  assert.is(grown.grow(1), 1);
  assert.is(link(store, withMax, grown), null);
  // Address types.
  assert.is(link(store, noMax, memory(store, 'i64 2')), mismatch('address type mismatch'));
  const mem64 = wat('(module (import "m" "x" (memory i64 1)))');
  assert.is(link(store, mem64, memory(store, 'i64 1 2')), null);
  assert.is(link(store, mem64, memory(store, '1')), mismatch('address type mismatch'));
});

test('table limits: the same rules, on the current size', () => {
  const store = newStore();
  const noMax = wat('(module (import "m" "x" (table 2 funcref)))');
  const withMax = wat('(module (import "m" "x" (table 2 4 funcref)))');
  assert.is(link(store, noMax, table(store, '2 funcref')), null);
  assert.is(link(store, noMax, table(store, '4 4 funcref')), null);
  assert.is(link(store, noMax, table(store, '1 funcref')), mismatch('limits mismatch'));
  assert.is(link(store, withMax, table(store, '2 3 funcref')), null);
  assert.is(link(store, withMax, table(store, '2 funcref')), mismatch('limits mismatch'));
  assert.is(link(store, withMax, table(store, '2 5 funcref')), mismatch('limits mismatch'));
  const grown = table(store, '1 4 funcref');
  assert.is(link(store, withMax, grown), mismatch('limits mismatch'));
  assert.is(grown.grow(1, null), 1);
  assert.is(link(store, withMax, grown), null);
  assert.is(link(store, noMax, table(store, 'i64 2 funcref')), mismatch('address type mismatch'));
});

test('table element types match exactly: a subtype is refused both ways', () => {
  const store = newStore();
  const types = '(type $f (func))';
  const funcref = wat('(module (import "m" "x" (table 1 funcref)))');
  const concrete = wat(`(module ${types} (import "m" "x" (table 1 (ref null $f))))`);
  assert.is(link(store, funcref, table(store, '1 funcref')), null);
  assert.is(link(store, concrete, table(store, '1 (ref null $f)', types)), null);
  assert.is(
    link(store, funcref, table(store, '1 (ref null $f)', types)),
    mismatch('element type mismatch'),
  );
  assert.is(link(store, concrete, table(store, '1 funcref')), mismatch('element type mismatch'));
  assert.is(link(store, funcref, table(store, '1 externref')), mismatch('element type mismatch'));
  // The same type declared by another module (or the host) is the same type.
  assert.is(link(store, concrete, table(store, '1 (ref null $g)', '(type $g (func))')), null);
});

test('globals: immutable ones are covariant, mutable ones invariant; mutability must match', () => {
  const store = newStore();
  const fType = store.registry.registerFunc(sig([], []));
  const concreteRef = refType(fType, true);
  const global = (type: number, mutable: boolean) => {
    const g = new GlobalInstance(store, type, mutable);
    store.add(store.globals, g);
    return g;
  };
  const types = '(type $f (func))';
  const immFuncref = wat('(module (import "m" "x" (global funcref)))');
  const immConcrete = wat(`(module ${types} (import "m" "x" (global (ref null $f))))`);
  const mutFuncref = wat('(module (import "m" "x" (global (mut funcref))))');
  const mutConcrete = wat(`(module ${types} (import "m" "x" (global (mut (ref null $f)))))`);
  // Immutable: a subtype may be given where its supertype is expected, not the reverse.
  assert.is(link(store, immFuncref, global(FUNCREF, false)), null);
  assert.is(link(store, immFuncref, global(concreteRef, false)), null);
  assert.is(link(store, immConcrete, global(concreteRef, false)), null);
  assert.is(link(store, immConcrete, global(FUNCREF, false)), mismatch('value type mismatch'));
  // Mutable: exactly the type, either way.
  assert.is(link(store, mutFuncref, global(FUNCREF, true)), null);
  assert.is(link(store, mutConcrete, global(concreteRef, true)), null);
  assert.is(link(store, mutFuncref, global(concreteRef, true)), mismatch('value type mismatch'));
  assert.is(link(store, mutConcrete, global(FUNCREF, true)), mismatch('value type mismatch'));
  // Mutability, both ways; number types.
  assert.is(link(store, immFuncref, global(FUNCREF, true)), mismatch('mutability mismatch'));
  assert.is(link(store, mutFuncref, global(FUNCREF, false)), mismatch('mutability mismatch'));
  const i32 = wat('(module (import "m" "x" (global i32)))');
  assert.is(link(store, i32, global(I32, false)), null);
  assert.is(link(store, i32, global(I64, false)), mismatch('value type mismatch'));
});

test('functions: the same type, or a declared subtype; never a supertype or a final look-alike', () => {
  const store = newStore();
  assert.is(
    link(store, wat('(module (import "m" "x" (func (param i32))))'), host(store, sig([I32], []))),
    null,
  );
  assert.is(
    link(store, wat('(module (import "m" "x" (func (param i64))))'), host(store, sig([I32], []))),
    mismatch('function type mismatch'),
  );
  assert.is(
    link(store, wat('(module (import "m" "x" (func (result i32))))'), host(store, sig([], []))),
    mismatch('function type mismatch'),
  );
  // An exporter declaring a subtype and its supertype.
  const types = '(type $super (sub (func))) (type $sub (sub $super (func)))';
  const exporter = inst(
    store,
    wat(`(module ${types}
      (func (export "sub") (type $sub)) (func (export "super") (type $super)))`),
  );
  const sub = exporter.exports.get('sub')!;
  const sup = exporter.exports.get('super')!;
  // The importer declares the same types itself: they are the same types.
  const wantSuper = wat(`(module ${types} (import "m" "x" (func (type $super))))`);
  const wantSub = wat(`(module ${types} (import "m" "x" (func (type $sub))))`);
  assert.is(link(store, wantSuper, sub), null);
  assert.is(link(store, wantSuper, sup), null);
  assert.is(link(store, wantSub, sub), null);
  assert.is(link(store, wantSub, sup), mismatch('function type mismatch'));
  // (func) is final: not the non-final (sub (func)), either way.
  const finalFunc = host(store, sig([], []));
  assert.is(link(store, wantSuper, finalFunc), mismatch('function type mismatch'));
  assert.is(
    link(store, wat('(module (import "m" "x" (func)))'), sup),
    mismatch('function type mismatch'),
  );
});

test('tags: exactly the function type of the import', () => {
  const store = newStore();
  const tag = (params: number[]) => {
    const type = sig(params, []);
    const t = new TagInstance(store, store.registry.registerFunc(type), type);
    store.add(store.tags, t);
    return t;
  };
  const module = wat('(module (import "m" "x" (tag (param i32))))');
  assert.is(link(store, module, tag([I32])), null);
  assert.is(link(store, module, tag([I64])), mismatch('tag type mismatch'));
  assert.is(link(store, module, tag([])), mismatch('tag type mismatch'));
});

test('kinds, stores and counts', () => {
  const store = newStore();
  const f = host(store, sig([], []));
  const kinds: [string, string][] = [
    ['(func)', 'expected a function'],
    ['(table 1 funcref)', 'expected a table'],
    ['(memory 1)', 'expected a memory'],
    ['(global i32)', 'expected a global'],
    ['(tag)', 'expected a tag'],
  ];
  const mem = memory(store, '1');
  for (const [desc, why] of kinds) {
    const module = wat(`(module (import "m" "x" ${desc}))`);
    const wrong = desc === '(memory 1)' ? f : mem;
    assert.is(link(store, module, wrong), mismatch(why), desc);
  }
  const other = newStore(undefined, store.registry);
  assert.is(
    link(other, wat('(module (import "m" "x" (func)))'), f),
    'import "m" "x" belongs to another store',
  );
  const two = wat('(module (import "m" "x" (func)) (import "m" "y" (func)))');
  assert.is(link(store, two, f), 'expected 2 imports, got 1');
  assert.throws(
    () => inst(store, two, [f]),
    (e: unknown) => e instanceof LinkError && e.item === 'y',
  );
  assert.is(store.instances.length, 0, 'no failed link left an instance behind');
});

test.run();
