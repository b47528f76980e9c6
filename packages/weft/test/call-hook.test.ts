/** `Store.setCallHook` with compiled code: every transition is reported, paired however calls end. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Func,
  FuncType,
  Linker,
  Module,
  Store,
  Trap,
  TrapCode,
  ValType,
  type CallHookKind,
} from '#src/index.js';

const WAT = `(module
  (import "host" "callback" (func $callback (param i32) (result i32)))
  (func (export "inner") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (i32.mul (local.get 0) (i32.const 10)))
  (func $outer (export "outer") (param i32) (result i32)
    (i32.add (call $callback (local.get 0)) (i32.const 1)))
  (func (export "deeper") (param i32) (result i32) (call $outer (local.get 0)))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))`;

interface Setup {
  store: Store;
  func(name: string): Func;
  seen: string[];
  open: CallHookKind[];
}

/**
 * An instance whose host callback does what `callback` says, and a hook
 * recording events (`!` for the ones it throws on) and checking they nest.
 */
function setup(
  callback: (store: Store, inner: Func, x: number) => number,
  throwOn: (kind: CallHookKind) => unknown = () => null,
): Setup {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  let inner: Func | null = null;
  const linker = new Linker(engine).func(
    store,
    'host',
    'callback',
    new FuncType([ValType.i32()], [ValType.i32()]),
    (_caller, x: number) => callback(store, inner!, x),
  );
  const instance = linker.instantiate(store, new Module(engine, WAT));
  inner = instance.getFunc(store, 'inner');
  const seen: string[] = [];
  const open: CallHookKind[] = [];
  store.setCallHook((kind) => {
    if (kind === 'ReturningFromWasm' || kind === 'ReturningFromHost') {
      const expected = kind === 'ReturningFromWasm' ? 'CallingWasm' : 'CallingHost';
      assert.is(open.pop(), expected, `${kind} closes ${expected}`);
    }
    const error = throwOn(kind);
    seen.push(error === null ? kind : `${kind}!`);
    if (error !== null) throw error;
    if (kind === 'CallingWasm' || kind === 'CallingHost') open.push(kind);
  });
  return { store, func: (name) => instance.getFunc(store, name)!, seen, open };
}

const wasmTrap = (code: TrapCode) => (e: unknown) => e instanceof Trap && e.code === code;

test('Func.call that traps reports ReturningFromWasm', () => {
  const { store, func, seen, open } = setup(() => 0);
  assert.throws(() => func('div').call(store, 0), wasmTrap(TrapCode.IntegerDivisionByZero));
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
  assert.equal(open, []);
  seen.length = 0;
  assert.is(func('div').call(store, 1), 1);
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
});

test('a host function that throws reports ReturningFromHost, then ReturningFromWasm', () => {
  const boom = new Error('host boom');
  const { store, func, seen, open } = setup(() => {
    throw boom;
  });
  assert.throws(
    () => func('deeper').call(store, 1),
    (e: unknown) => e === boom,
  );
  assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
  assert.equal(open, []);
});

test('host -> wasm -> host -> wasm: a trap in the innermost call is reported at every level', () => {
  const { store, func, seen, open } = setup((store, inner, x) => inner.call(store, x) as number);
  assert.throws(() => func('deeper').call(store, 0), wasmTrap(TrapCode.UnreachableCodeReached));
  const nested = [
    'CallingWasm',
    'CallingHost',
    'CallingWasm',
    'ReturningFromWasm',
    'ReturningFromHost',
    'ReturningFromWasm',
  ];
  assert.equal(seen, nested);
  assert.equal(open, []);
  seen.length = 0;
  assert.is(func('deeper').call(store, 4), 41, 'the store keeps working');
  assert.equal(seen, nested);
});

test('a trap caught by the host in between is reported once, where it happened', () => {
  const { store, func, seen, open } = setup((store, inner, x) => {
    try {
      return inner.call(store, x) as number;
    } catch (e) {
      assert.instance(e, Trap);
      return 100;
    }
  });
  assert.is(func('outer').call(store, 0), 101);
  assert.equal(seen, [
    'CallingWasm',
    'CallingHost',
    'CallingWasm',
    'ReturningFromWasm',
    'ReturningFromHost',
    'ReturningFromWasm',
  ]);
  assert.equal(open, []);
});

test('a hook throwing on CallingWasm stops the call; no ReturningFromWasm', () => {
  const stop = new Error('stop');
  let calls = 0;
  const { store, func, seen, open } = setup(
    () => ++calls,
    (kind) => (kind === 'CallingWasm' ? stop : null),
  );
  assert.throws(
    () => func('outer').call(store, 1),
    (e: unknown) => e === stop,
  );
  assert.is(calls, 0);
  assert.equal(seen, ['CallingWasm!']);
  assert.equal(open, []);
});

test('a hook throwing on CallingHost unwinds wasm as a host error; ReturningFromWasm follows', () => {
  const stop = new Error('no host calls');
  let calls = 0;
  const { store, func, seen, open } = setup(
    () => ++calls,
    (kind) => (kind === 'CallingHost' ? stop : null),
  );
  assert.throws(
    () => func('deeper').call(store, 1),
    (e: unknown) => e === stop,
  );
  assert.is(calls, 0, 'the host function did not run');
  assert.equal(seen, ['CallingWasm', 'CallingHost!', 'ReturningFromWasm']);
  assert.equal(open, []);
});

test('a hook throwing on a Returning event replaces the outcome, trap included', () => {
  const late = new Error('late');
  const fromHost = setup(
    () => 5,
    (kind) => (kind === 'ReturningFromHost' ? late : null),
  );
  assert.throws(
    () => fromHost.func('outer').call(fromHost.store, 1),
    (e: unknown) => e === late,
  );
  assert.equal(fromHost.seen, [
    'CallingWasm',
    'CallingHost',
    'ReturningFromHost!',
    'ReturningFromWasm',
  ]);
  const fromWasm = setup(
    () => 5,
    (kind) => (kind === 'ReturningFromWasm' ? late : null),
  );
  assert.throws(
    () => fromWasm.func('div').call(fromWasm.store, 0),
    (e: unknown) => e === late,
  );
  assert.equal(fromWasm.seen, ['CallingWasm', 'ReturningFromWasm!']);
  assert.equal(fromWasm.open, []);
});

test('a trapping start function reports ReturningFromWasm', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const seen: CallHookKind[] = [];
  store.setCallHook((kind) => seen.push(kind));
  const module = new Module(engine, '(module (func $s unreachable) (start $s))');
  assert.throws(
    () => new Linker(engine).instantiate(store, module),
    wasmTrap(TrapCode.UnreachableCodeReached),
  );
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
});

test.run();
