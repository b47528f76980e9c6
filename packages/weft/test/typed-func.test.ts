/** Typed functions (`Func.typed`, `Instance.getTypedFunc`), as Wasmtime's `TypedFunc`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Linker,
  Module,
  Store,
  StoreError,
  Trap,
  TypedFunc,
  ValType,
  type Instance,
} from '#src/index.js';

const WAT = `(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "wide") (param i64 f64) (result i64 f64) (local.get 0) (local.get 1))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "boom") (unreachable)))`;

function setup(): { store: Store; instance: Instance } {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  return { store, instance: new Linker(engine).instantiate(store, new Module(engine, WAT)) };
}

const i32 = ValType.i32();

test('typed calls: numbers, i64 and several results, references, traps', () => {
  const { store, instance } = setup();
  const add = instance.getTypedFunc<[number, number], number>(store, 'add', [i32, i32], [i32]);
  assert.instance(add, TypedFunc);
  assert.is(add.func, instance.getFunc(store, 'add'));
  const sum: number = add.call(store, 2, 40);
  assert.is(sum, 42);
  assert.is(add.call(store, 0x7fffffff, 1), -0x80000000);
  const wide = instance.getTypedFunc<[bigint, number], [bigint, number]>(
    store,
    'wide',
    [ValType.i64(), ValType.f64()],
    [ValType.i64(), ValType.f64()],
  );
  assert.equal(wide.call(store, -5n, 1.5), [-5n, 1.5]);
  const id = instance
    .getFunc(store, 'id')!
    .typed<[unknown], unknown>(store, [ValType.externref()], [ValType.externref()]);
  const o = { any: 'thing' };
  assert.is(id.call(store, o), o);
  const boom = instance.getTypedFunc<[], void>(store, 'boom', [], []);
  assert.throws(
    () => boom.call(store),
    (e: unknown) => e instanceof Trap,
  );
  assert.is(add.call(store, 1, 2), 3, 'the store is usable after a trap');
});

test('the type is checked once, with messages naming both types', () => {
  const { store, instance } = setup();
  assert.throws(
    () => instance.getTypedFunc(store, 'add', [i32], [i32]),
    /Func.typed: .*add.* has type \(func \(param i32 i32\) \(result i32\)\), not \(func \(param i32\) \(result i32\)\)/,
  );
  assert.throws(() => instance.getTypedFunc(store, 'add', [i32, ValType.i64()], [i32]), TypeError);
  assert.throws(
    () => instance.getTypedFunc(store, 'nope', [], []),
    /getTypedFunc: the instance exports no function 'nope'/,
  );
});

test('calls check their arguments and their store as Func.call does', () => {
  const { store, instance } = setup();
  const add = instance.getTypedFunc<[number, number], number>(store, 'add', [i32, i32], [i32]);
  // @ts-expect-error: a string is not a number (the types are checked by tsc too)
  assert.throws(() => add.call(store, 1, 'x'), /TypedFunc.call: argument 1 of .*add/);
  // @ts-expect-error: one argument missing
  assert.throws(() => add.call(store, 1), /takes 2 arguments, got 1/);
  const other = new Store(store.engine);
  assert.throws(
    () => add.call(other, 1, 2),
    (e: unknown) => e instanceof StoreError,
  );
  store.dispose();
  assert.throws(
    () => add.call(store, 1, 2),
    (e: unknown) => e instanceof StoreError,
  );
});

test.run();
