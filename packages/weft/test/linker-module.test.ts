/** `Linker.module`, `getDefault` and `instantiatePre`, as Wasmtime's. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Func,
  FuncType,
  Global,
  GlobalType,
  InstancePre,
  Linker,
  LinkError,
  Module,
  Store,
  Trap,
  ValType,
} from '#src/index.js';

const engine = new Engine(new Config({ textParser: parseWat }));

const COUNTER = `(global $n (mut i32) (i32.const 0))
  (func $bump (global.set $n (i32.add (global.get $n) (i32.const 1))))`;

function linkErrorWith(message: string): (e: unknown) => boolean {
  return (e) => e instanceof LinkError && e.message === message;
}

test('a command gets a fresh instance at every call of each export', () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  const commander = new Module(
    engine,
    `(module ${COUNTER}
      (func (export "_start") (call $bump))
      (func (export "read") (result i32) (global.get $n))
      (func (export "add") (param i32 i32) (result i32 i32)
        (call $bump) (i32.add (local.get 0) (local.get 1)) (global.get $n))
      (memory (export "memory") 1))`,
  );
  linker.module(store, 'commander', commander);
  const user = linker.instantiate(
    store,
    new Module(
      engine,
      `(module
        (import "commander" "_start" (func $start))
        (import "commander" "read" (func $read (result i32)))
        (func (export "run") (result i32) (call $start) (call $start) (call $start) (call $read)))`,
    ),
  );
  assert.is(user.getFunc(store, 'run')!.call(store), 0, 'no state survives a call');
  const add = linker.get(store, 'commander', 'add');
  assert.instance(add, Func);
  assert.equal((add as Func).call(store, 2, 3), [5, 1], 'arguments and results pass through');
  assert.is(linker.get(store, 'commander', 'memory'), null, 'only functions are defined');
});

test('a reactor is instantiated once, _initialize run once, and its exports keep state', () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  const log: string[] = [];
  linker.func(store, 'env', 'log', new FuncType([ValType.i32()], []), (_c, n: number) => {
    log.push(`log ${n}`);
  });
  const reactor = new Module(
    engine,
    `(module (import "env" "log" (func $log (param i32))) ${COUNTER}
      (func (export "_initialize") (call $log (i32.const 7)) (global.set $n (i32.const 100)))
      (func (export "next") (result i32) (call $bump) (global.get $n)))`,
  );
  linker.module(store, 'lib', reactor);
  const next = linker.get(store, 'lib', 'next') as Func;
  assert.is(next.call(store), 101);
  assert.is(next.call(store), 102);
  assert.equal(log, ['log 7']);
  assert.instance(linker.get(store, 'lib', '_initialize'), Func, 'every export is defined');

  // Neither `_start` nor `_initialize`: a reactor without initialization.
  linker.module(
    store,
    'plain',
    new Module(engine, `(module (global (export "g") i32 (i32.const 5)))`),
  );
  assert.is((linker.get(store, 'plain', 'g') as Global).value(store), 5);
});

test('a trap in a reactor initialization is thrown, a missing import is a LinkError', () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  assert.throws(
    () =>
      linker.module(
        store,
        'bad',
        new Module(engine, `(module (func (export "_initialize") unreachable))`),
      ),
    (e: unknown) => e instanceof Trap,
  );
  assert.throws(
    () =>
      linker.module(
        store,
        'cmd',
        new Module(engine, `(module (import "env" "f" (func)) (func (export "_start")))`),
      ),
    linkErrorWith('unknown import: "env" "f" has not been defined'),
    'a command resolves its imports when defined',
  );
});

test('what is neither a command nor a reactor, and commands with other exports', () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  const both = new Module(
    engine,
    `(module (func (export "_start")) (func (export "_initialize")))`,
  );
  assert.throws(
    () => linker.module(store, 'x', both),
    linkErrorWith('Program cannot be both a Command and a Reactor'),
  );
  const globalStart = new Module(engine, `(module (global (export "_start") i32 (i32.const 0)))`);
  assert.throws(
    () => linker.module(store, 'x', globalStart),
    linkErrorWith('`_start` must be a function'),
  );
  const globalInit = new Module(engine, `(module (memory (export "_initialize") 1))`);
  assert.throws(
    () => linker.module(store, 'x', globalInit),
    linkErrorWith('`_initialize` must be a function'),
  );
  const exportsGlobal = new Module(
    engine,
    `(module (func (export "_start")) (global (export "__heap_base") i32 (i32.const 0))
      (global (export "counter") i32 (i32.const 0)))`,
  );
  assert.throws(
    () => linker.module(store, 'x', exportsGlobal),
    linkErrorWith("command export 'counter' is not a function"),
  );
  assert.is(linker.get(store, 'x', '_start'), null, 'nothing was defined');
  linker.allowUnknownExports(true).module(store, 'x', exportsGlobal);
  assert.instance(linker.get(store, 'x', '_start'), Func);
});

test('getDefault: the export named "", else _start, else a function doing nothing', () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  const named = new Module(
    engine,
    `(module (func (export "") (result i32) (i32.const 1)) (func (export "_start")))`,
  );
  linker.instance(store, 'a', linker.instantiate(store, named));
  assert.is(linker.getDefault(store, 'a').call(store), 1);

  const command = new Module(engine, `(module ${COUNTER} (func (export "_start") (call $bump)))`);
  linker.module(store, 'b', command);
  assert.is(linker.getDefault(store, 'b'), linker.get(store, 'b', '_start'));

  const none = linker.getDefault(store, 'nothing');
  assert.equal(none.type(store).params, []);
  assert.equal(none.type(store).results, []);
  assert.is(none.call(store), undefined);

  linker.define(store, 'c', '', Global.new(store, new GlobalType(ValType.i32(), false), 0));
  assert.throws(
    () => linker.getDefault(store, 'c'),
    linkErrorWith("default export in 'c' is not a function"),
  );
  linker.define(store, 'd', '_start', Global.new(store, new GlobalType(ValType.i32(), false), 0));
  assert.throws(
    () => linker.getDefault(store, 'd'),
    linkErrorWith("`_start` in 'd' is not a function"),
  );
});

const IMPORTER = `(module (import "env" "f" (func $f (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (call $f (local.get 0))))`;

test('instantiatePre resolves and checks imports once, then instantiates as often as wanted', () => {
  const store = new Store(engine);
  const linker = new Linker(engine).allowShadowing(true);
  const module = new Module(engine, IMPORTER);
  const sig = new FuncType([ValType.i32()], [ValType.i32()]);

  assert.throws(
    () => linker.instantiatePre(module),
    linkErrorWith('unknown import: "env" "f" has not been defined'),
  );
  linker.func(store, 'env', 'f', new FuncType([], []), () => undefined);
  assert.throws(
    () => linker.instantiatePre(module),
    linkErrorWith('incompatible import type for "env" "f": function type mismatch'),
    'types are checked before instantiating',
  );

  linker.func(store, 'env', 'f', sig, (_c, x: number) => x * 2);
  const pre = linker.instantiatePre(module);
  assert.is(pre.module, module);
  linker.func(store, 'env', 'f', sig, (_c, x: number) => x * 3);
  const a = pre.instantiate(store);
  const b = pre.instantiate(store);
  assert.is.not(a, b);
  assert.is(a.getFunc(store, 'run')!.call(store, 5), 10, 'definitions fixed when it was made');
  assert.is(linker.instantiate(store, module).getFunc(store, 'run')!.call(store, 5), 15);

  const other = new Store(engine);
  assert.throws(
    () => pre.instantiate(other),
    linkErrorWith('import "env" "f" belongs to another store'),
  );
});

test('instantiatePre: definitions of two stores, no imports, async, the constructor', async () => {
  const s1 = new Store(engine);
  const s2 = new Store(engine);
  const linker = new Linker(engine);
  const sig = new FuncType([ValType.i32()], [ValType.i32()]);
  linker.func(s1, 'env', 'f', sig, (_c, x: number) => x);
  linker.func(s2, 'env', 'g', sig, (_c, x: number) => x);
  const two = new Module(
    engine,
    `(module (import "env" "f" (func (param i32) (result i32)))
      (import "env" "g" (func (param i32) (result i32))))`,
  );
  assert.throws(
    () => linker.instantiatePre(two),
    linkErrorWith(`import "env" "g" belongs to another store than the module's other imports`),
  );

  const standalone = linker.instantiatePre(
    new Module(engine, `(module (func (export "one") (result i32) (i32.const 1)))`),
  );
  assert.is(standalone.instantiate(s1).getFunc(s1, 'one')!.call(s1), 1);
  assert.is(standalone.instantiate(s2).getFunc(s2, 'one')!.call(s2), 1, 'any store of the engine');
  const viaAsync = await standalone.instantiateAsync(s2);
  assert.is(viaAsync.getFunc(s2, 'one')!.call(s2), 1);

  const Ctor = InstancePre as unknown as new (...args: unknown[]) => unknown;
  assert.throws(
    () => new Ctor(Symbol('x'), null, []),
    (e: unknown) =>
      e instanceof TypeError &&
      e.message === 'InstancePre has no public constructor: use linker.instantiatePre(module)',
  );
});

test('moduleAsync: a command whose exports call async host functions', async () => {
  const store = new Store(engine);
  const linker = new Linker(engine);
  linker.funcAsync(
    store,
    'env',
    'slow',
    new FuncType([ValType.i32()], [ValType.i32()]),
    (_c, x: number) => new Promise((resolve) => setTimeout(() => resolve(x + 1), 1)),
  );
  await linker.moduleAsync(
    store,
    'cmd',
    new Module(
      engine,
      `(module (import "env" "slow" (func $slow (param i32) (result i32))) ${COUNTER}
        (func (export "_start") (call $bump))
        (func (export "twice") (param i32) (result i32)
          (call $bump) (i32.add (call $slow (local.get 0)) (global.get $n))))`,
    ),
  );
  const twice = linker.get(store, 'cmd', 'twice') as Func;
  assert.is(await twice.callAsync(store, 10), 12);
  assert.is(await twice.callAsync(store, 10), 12, 'a fresh instance each call');

  await linker.moduleAsync(
    store,
    'lib',
    new Module(
      engine,
      `(module (import "env" "slow" (func $slow (param i32) (result i32))) ${COUNTER}
        (func (export "_initialize") (global.set $n (call $slow (i32.const 41))))
        (func (export "get") (result i32) (global.get $n)))`,
    ),
  );
  assert.is((linker.get(store, 'lib', 'get') as Func).call(store), 42);
});

test.run();
