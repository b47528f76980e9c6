/** `Linker.defineUnknownImportsAsTraps`, as Wasmtime's `define_unknown_imports_as_traps`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { Config, Engine, FuncType, Linker, LinkError, Module, Store, ValType } from '#src/index.js';

const WAT = `(module
  (import "env" "present" (func $present (result i32)))
  (import "env" "missing" (func $missing (param i32) (result i32)))
  (func (export "ok") (result i32) (call $present))
  (func (export "bad") (result i32) (call $missing (i32.const 1))))`;

test('missing function imports fail only when called, naming the import', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const module = new Module(engine, WAT);
  const linker = new Linker(engine).func(
    store,
    'env',
    'present',
    new FuncType([], [ValType.i32()]),
    () => 7,
  );
  assert.throws(() => linker.instantiate(store, module), /unknown import: "env" "missing"/);
  const instance = linker.defineUnknownImportsAsTraps(store, module).instantiate(store, module);
  assert.is(instance.getFunc(store, 'ok')!.call(store), 7, 'the defined import is kept');
  assert.throws(
    () => instance.getFunc(store, 'bad')!.call(store),
    (e: unknown) =>
      e instanceof LinkError &&
      e.module === 'env' &&
      e.item === 'missing' &&
      e.message === 'unknown import: "env" "missing" has not been defined (called by wasm)',
  );
  assert.is(instance.getFunc(store, 'ok')!.call(store), 7, 'the store is usable after');
});

test('imports of other kinds stay missing', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const module = new Module(engine, '(module (import "env" "mem" (memory 1)))');
  const linker = new Linker(engine).defineUnknownImportsAsTraps(store, module);
  assert.throws(() => linker.instantiate(store, module), /unknown import: "env" "mem"/);
});

test.run();
