/**
 * The type registry: canonical ids across modules (iso-recursive: whole
 * recursion groups, positions within them, finality and supertypes are
 * part of a type's identity), declared subtyping between ids from any
 * modules, and environ's matching over the registry.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CompileError,
  HT_FUNC,
  HT_STRUCT,
  I32,
  refType,
  valSub,
  type StructType,
} from '@weft/environ';
import { TypeRegistry } from '#src/index.js';
import { sig, wat } from './support.js';

test('equal types from two modules share one id, in any order; registering again adds nothing', () => {
  const registry = new TypeRegistry();
  const a = registry.canonicalize(
    wat('(module (type (func (param i32))) (type (struct (field i32))) (type (array (mut i8))))'),
  );
  const b = registry.canonicalize(
    wat('(module (type (array (mut i8))) (type (struct (field i32))) (type (func (param i32))))'),
  );
  assert.equal(Array.from(a), [b[2], b[1], b[0]]);
  const count = registry.types.length;
  assert.equal(Array.from(registry.canonicalize(wat('(module (type (struct (field i32))))'))), [
    a[1],
  ]);
  assert.is(registry.types.length, count);
  // Field mutability is part of the type; so are parameters.
  const c = registry.canonicalize(
    wat('(module (type (array i8)) (type (func (param i64))) (type (struct (field (mut i32)))))'),
  );
  for (const id of c) assert.not.ok(Array.from(a).includes(id));
  // A host-built function type is the module's final function type.
  assert.is(registry.registerFunc(sig([I32], [])), a[0]);
  for (const id of a) assert.is(registry.canon[id], id);
});

test('recursion groups are canonical as a whole; the position in the group matters', () => {
  const registry = new TypeRegistry();
  const group = `(rec
    (type $a (struct (field i32) (field (ref null $b))))
    (type $b (struct (field (ref null $a)))))`;
  const one = registry.canonicalize(wat(`(module ${group})`));
  const two = registry.canonicalize(wat(`(module (type (func)) ${group})`));
  assert.equal(Array.from(one), [two[1], two[2]]);
  assert.is(one[1], one[0]! + 1);
  const a = registry.get(one[0]!);
  assert.is(a.recStart, one[0]);
  assert.is(a.recSize, 2);
  // References inside registered types are global ids.
  assert.is((a.comp as StructType).fields[1]!.storage, refType(one[1]!, true));
  // The same two types in the other order are other types.
  const swapped = registry.canonicalize(
    wat(`(module (rec
      (type $b (struct (field (ref null $a))))
      (type $a (struct (field i32) (field (ref null $b))))))`),
  );
  assert.not.ok(swapped.includes(one[0]!) || swapped.includes(one[1]!));
  // A type alone is its own group: not the member of a group that looks the same.
  const alone = registry.canonicalize(
    wat('(module (rec (type (struct (field i32)))) (type (struct (field i32))))'),
  );
  assert.is(alone[0], alone[1], '(rec (type t)) is (type t)');
  const inGroup = registry.canonicalize(
    wat('(module (rec (type (struct (field i32))) (type (struct (field i32)))))'),
  );
  assert.is.not(inGroup[0], alone[0]);
  assert.is.not(inGroup[0], inGroup[1], 'two positions, two types');
});

test('isSubtype follows declared supertypes, across modules', () => {
  const registry = new TypeRegistry();
  const [A, B, C, D] = registry.canonicalize(
    wat(`(module
      (type $A (sub (struct)))
      (type $B (sub $A (struct (field i32))))
      (type $C (sub final $B (struct (field i32) (field i64))))
      (type $D (sub $A (struct (field f32)))))`),
  ) as unknown as number[];
  const sub = (x: number, y: number) => registry.isSubtype(x, y);
  assert.ok(sub(B!, A!) && sub(C!, A!) && sub(C!, B!) && sub(D!, A!) && sub(A!, A!));
  assert.not.ok(sub(A!, B!) || sub(B!, C!) || sub(D!, B!) || sub(B!, D!) || sub(C!, D!));
  assert.equal(registry.get(C!).display, [A, B, C]);
  // Another module declaring the same $A extends the same type.
  const [A2, E] = registry.canonicalize(
    wat('(module (type $A (sub (struct))) (type $E (sub $A (struct (field i64)))))'),
  ) as unknown as number[];
  assert.is(A2, A);
  assert.ok(sub(E!, A!));
  assert.not.ok(sub(E!, B!) || sub(B!, E!));
  // A subtype declared against another supertype is another type, even with the same fields.
  const [, B3] = registry.canonicalize(
    wat('(module (type $X (sub (struct (field i32)))) (type $B (sub $X (struct (field i32)))))'),
  ) as unknown as number[];
  assert.is.not(B3, B);
  assert.not.ok(sub(B3!, A!));
});

test('final and non-final: the same structure, different types; final types have no subtypes', () => {
  const registry = new TypeRegistry();
  const [open, closed, explicit, child, same] = registry.canonicalize(
    wat(`(module
      (type $open (sub (struct)))
      (type $closed (struct))
      (type $explicit (sub final (struct)))
      (type $child (sub $open (struct)))
      (type $same (sub $open (struct))))`),
  ) as unknown as number[];
  assert.is(closed, explicit, '(struct) is (sub final (struct))');
  assert.is.not(open, closed);
  assert.is.not(child, open, "a subtype with its supertype's fields is still its own type");
  assert.is(child, same);
  assert.ok(registry.isSubtype(child!, open!));
  assert.not.ok(registry.isSubtype(open!, child!));
  assert.not.ok(registry.isSubtype(child!, closed!) || registry.isSubtype(closed!, open!));
  assert.ok(registry.get(closed!).final);
  assert.not.ok(registry.get(open!).final);
  assert.throws(
    () => wat('(module (type $c (struct)) (type (sub $c (struct))))'),
    (e: unknown) => e instanceof CompileError,
    'a final type cannot be extended',
  );
  // Host-built function types are final: not the non-final (sub (func)).
  const [subFunc] = registry.canonicalize(wat('(module (type (sub (func))))'));
  assert.is.not(registry.registerFunc(sig([], [])), subFunc);
});

test("environ's matching works over the registry's global ids", () => {
  const registry = new TypeRegistry();
  const [A, B, F] = registry.canonicalize(
    wat('(module (type $A (sub (struct))) (type $B (sub $A (struct (field i32)))) (type (func)))'),
  ) as unknown as number[];
  assert.ok(valSub(registry, refType(B!, false), refType(A!, true)));
  assert.not.ok(valSub(registry, refType(A!, false), refType(B!, true)));
  assert.not.ok(valSub(registry, refType(B!, true), refType(A!, false)), 'null is not non-null');
  assert.ok(valSub(registry, refType(B!, false), refType(HT_STRUCT, false)));
  assert.ok(valSub(registry, refType(F!, true), refType(HT_FUNC, true)));
  assert.not.ok(valSub(registry, refType(F!, true), refType(HT_STRUCT, true)));
});

test.run();
