/** Mistakes an embedder makes with the API, each a TypeError that says what was expected. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Engine,
  Func,
  FuncType,
  Global,
  Linker,
  Memory,
  Module,
  Store,
  StoreError,
  Table,
  Tag,
} from '#src/index.js';

const EMPTY = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

/** Asserts `body` throws a TypeError whose message is `message`. */
function typeError(body: () => unknown, message: string | RegExp): void {
  assert.throws(body, (e: unknown) => {
    assert.instance(e, TypeError);
    if (typeof message === 'string') assert.is((e as Error).message, message);
    else assert.match((e as Error).message, message);
    return true;
  });
}

test('handles have no public constructor: the message says how to get one', () => {
  const ctor = (c: unknown) => () => new (c as new () => unknown)();
  typeError(
    ctor(Func),
    'Func has no public constructor: use Func.new(store, type, fn), or instance.getFunc(store, name)',
  );
  typeError(ctor(Memory), /^Memory has no public constructor: use Memory.new\(store, type\)/);
  typeError(ctor(Table), /^Table has no public constructor: use Table.new\(store, type, init\)/);
  typeError(
    ctor(Global),
    /^Global has no public constructor: use Global.new\(store, type, value\)/,
  );
  typeError(ctor(Tag), /^Tag has no public constructor: use Tag.new\(store, type\)/);
});

test('an Engine is required where one is expected', () => {
  const loose =
    (c: unknown, ...args: unknown[]) =>
    () =>
      new (c as new (...a: unknown[]) => unknown)(...args);
  typeError(loose(Store), 'new Store(engine, data?): engine must be an Engine, got undefined');
  typeError(loose(Linker, {}), /^new Linker\(engine\): engine must be an Engine, got /);
  typeError(loose(Module, EMPTY), /^new Module\(engine, source\): engine must be an Engine, got /);
});

test("a module's source: bytes or text, and what to do with anything else", () => {
  const engine = new Engine();
  const make = (source: unknown) => () => new Module(engine, source as Uint8Array);
  assert.ok(new Module(engine, EMPTY.buffer));
  assert.ok(new Module(engine, Buffer.from(EMPTY)), 'a Node Buffer is a Uint8Array');
  const shared = new SharedArrayBuffer(EMPTY.length);
  new Uint8Array(shared).set(EMPTY);
  assert.ok(new Module(engine, shared as unknown as ArrayBuffer));
  typeError(make(Promise.resolve(EMPTY)), /got a Promise \(await it first\)$/);
  typeError(
    make(new Int32Array(2)),
    /got an Int32Array \(view its bytes: new Uint8Array\(x.buffer, x.byteOffset, x.byteLength\)\)$/,
  );
  typeError(
    make(new Blob([EMPTY])),
    /got a Blob \(read it first: new Uint8Array\(await x.arrayBuffer\(\)\)\)$/,
  );
  typeError(
    make(42),
    /^a module's source must be a Uint8Array or ArrayBuffer of its bytes, or its text \(a string\), got 42$/,
  );
});

test('methods called without their store say so; another store is a StoreError', () => {
  const engine = new Engine();
  const store = new Store(engine);
  const f = Func.new(store, new FuncType([], []), () => {});
  const call = f.call as unknown as (...a: unknown[]) => unknown;
  typeError(
    () => call.call(f),
    'the first argument must be the Store the item belongs to, got undefined',
  );
  typeError(() => call.call(f, 1, 2), /must be the Store the item belongs to, got 1$/);
  assert.throws(
    () => f.call(new Store(engine)),
    (e: unknown) => e instanceof StoreError,
  );
});

test.run();
