import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CompileError,
  Engine,
  Func,
  FuncType,
  LinkError,
  Linker,
  Memory,
  Module,
  Store,
  StoreError,
  Table,
  TableType,
  Trap,
  TrapCode,
  ValType,
  type CallHookKind,
  type Instance,
} from '#src/index.js';
import { BASICS } from './fixtures.js';

interface Setup {
  store: Store<string[]>;
  instance: Instance;
  table: Table;
}

function setup(tableSize = 5, fail: () => void = () => {}): Setup {
  const engine = new Engine();
  const store = new Store<string[]>(engine, []);
  const table = Table.new(store, new TableType(ValType.funcref(), tableSize));
  const linker = new Linker(engine)
    .func(store, 'host', 'log', new FuncType([ValType.i32()], []), (caller, v: number) => {
      caller.data.push(`log ${v}`);
      const mem = caller.getExport('mem');
      caller.data.push(mem instanceof Memory ? `mem ${mem.size(caller.store)}` : 'no mem');
    })
    .func(store, 'host', 'fail', new FuncType([], []), fail)
    .define(store, 'host', 'table', table);
  const instance = linker.instantiate(store, new Module(engine, BASICS));
  return { store, instance, table };
}

test('calls exported functions with plain JS values', () => {
  const { store, instance } = setup();
  assert.is(instance.getFunc(store, 'fib')!.call(store, 20), 6765);
  assert.is(instance.getFunc(store, 'sum')!.call(store, 100_000), 5_000_050_000n);
  assert.is(instance.getFunc(store, 'outer')!.call(store, 7, 2), 3);
});

test('a trap carries its code, the spec message and a wasm backtrace', () => {
  const { store, instance } = setup();
  try {
    instance.getFunc(store, 'outer')!.call(store, 1, 0);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Trap);
    const trap = e as Trap;
    assert.is(trap.code, TrapCode.IntegerDivisionByZero);
    assert.is(trap.message, 'integer divide by zero');
    assert.equal(
      trap.frames.map((f) => f.names?.functionName(f.funcIndex)),
      ['div', 'outer'],
    );
    assert.ok(trap.frames[0]!.offset > 0);
    assert.match(
      trap.toString(),
      /wasm backtrace:\n\s+0: +0x[0-9a-f]+ - <unknown>!div\n\s+1: +0x[0-9a-f]+ - <unknown>!outer/,
    );
  }
});

test('host functions see their caller and its exports', () => {
  const { store, instance } = setup();
  instance.getFunc(store, 'log3')!.call(store);
  assert.equal(store.data, ['log 3', 'mem 1']);
});

test('a host TypeError under several wasm frames reaches the caller as the same object', () => {
  const boom = new TypeError('host bug');
  const { store, instance } = setup(5, () => {
    throw boom;
  });
  try {
    instance.getFunc(store, 'deep')!.call(store, 10);
    assert.unreachable();
  } catch (e) {
    assert.is(e, boom);
  }
  const value = Symbol('not an error');
  const other = setup(5, () => {
    throw value;
  });
  assert.throws(
    () => other.instance.getFunc(other.store, 'deep')!.call(other.store, 3),
    (e: unknown) => e === value,
  );
});

test('deep recursion traps with a stack overflow and the store keeps working', () => {
  const { store, instance } = setup();
  try {
    instance.getFunc(store, 'forever')!.call(store, 0n);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Trap);
    assert.is((e as Trap).code, TrapCode.StackOverflow);
    assert.is((e as Trap).message, 'call stack exhausted');
  }
  assert.is(instance.getFunc(store, 'fib')!.call(store, 10), 55);
});

test('a failed instantiation leaves its table writes callable', () => {
  const engine = new Engine();
  const store = new Store(engine);
  const table = Table.new(store, new TableType(ValType.funcref(), 4));
  const linker = new Linker(engine)
    .func(store, 'host', 'log', new FuncType([ValType.i32()], []), () => {})
    .func(store, 'host', 'fail', new FuncType([], []), () => {})
    .define(store, 'host', 'table', table);
  try {
    linker.instantiate(store, new Module(engine, BASICS));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Trap);
    assert.is((e as Trap).message, 'out of bounds table access');
  }
  const fib = table.get(store, 0);
  assert.instance(fib, Func);
  assert.is((fib as Func).call(store, 12), 144);
  assert.is(table.get(store, 3), null);
});

test('items refuse other stores and disposed stores', () => {
  const { store, instance } = setup();
  const fib = instance.getFunc(store, 'fib')!;
  const other = new Store(store.engine);
  assert.throws(
    () => fib.call(other, 1),
    (e: unknown) => e instanceof StoreError,
  );
  store.dispose();
  assert.throws(
    () => fib.call(store, 1),
    (e: unknown) => e instanceof StoreError,
  );
  assert.throws(
    () => instance.getFunc(store, 'fib'),
    (e: unknown) => e instanceof StoreError,
  );
});

test('the call hook sees every transition', () => {
  const { store, instance } = setup();
  const seen: CallHookKind[] = [];
  store.setCallHook((kind) => seen.push(kind));
  instance.getFunc(store, 'log3')!.call(store);
  assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
  store.setCallHook((kind) => {
    if (kind === 'CallingHost') throw new Error('stopped by hook');
  });
  assert.throws(() => instance.getFunc(store, 'log3')!.call(store), /stopped by hook/);
});

test('missing and mistyped imports are link errors naming the import', () => {
  const engine = new Engine();
  const store = new Store(engine);
  const module = new Module(engine, BASICS);
  assert.throws(
    () => new Linker(engine).instantiate(store, module),
    (e: unknown) => {
      return (
        e instanceof LinkError &&
        e.message.startsWith('unknown import') &&
        e.module === 'host' &&
        e.item === 'log'
      );
    },
  );
  const linker = new Linker(engine)
    .func(store, 'host', 'log', new FuncType([ValType.i64()], []), () => {})
    .func(store, 'host', 'fail', new FuncType([], []), () => {})
    .define(store, 'host', 'table', Table.new(store, new TableType(ValType.funcref(), 5)));
  assert.throws(
    () => linker.instantiate(store, module),
    (e: unknown) => {
      return (
        e instanceof LinkError &&
        e.message.startsWith('incompatible import type') &&
        e.item === 'log'
      );
    },
  );
});

test('invalid modules are compile errors with offsets', () => {
  const engine = new Engine();
  const bad = BASICS.slice(0, 20);
  assert.throws(
    () => new Module(engine, bad),
    (e: unknown) => e instanceof CompileError && e.offset > 0,
  );
  assert.throws(
    () => Module.validate(engine, new Uint8Array([0, 1, 2, 3])),
    /magic header not detected/,
  );
});

test.run();
