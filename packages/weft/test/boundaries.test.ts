import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
} from '#src/index.js';

// wasm -> host -> wasm: `outer` calls the host import, which calls back into `inner`.
const NESTED = `(module
  (import "host" "callback" (func $callback (param i32) (result i32)))
  (func (export "inner") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (i32.mul (local.get 0) (i32.const 10)))
  (func $outer (export "outer") (param i32) (result i32)
    (i32.add (call $callback (local.get 0)) (i32.const 1)))
  (func (export "deeper") (param i32) (result i32) (call $outer (local.get 0))))`;

interface Setup {
  store: Store;
  outer: Func;
  deeper: Func;
}

function setup(callback: (store: Store, inner: Func, x: number) => number): Setup {
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
  const instance = linker.instantiate(store, new Module(engine, NESTED));
  inner = instance.getFunc(store, 'inner');
  return {
    store,
    outer: instance.getFunc(store, 'outer')!,
    deeper: instance.getFunc(store, 'deeper')!,
  };
}

test('wasm calls host calls wasm', () => {
  const { store, outer } = setup((store, inner, x) => inner.call(store, x) as number);
  assert.is(outer.call(store, 4), 41);
});

test('a trap in wasm under a host frame unwinds through it as a trap', () => {
  const { store, deeper } = setup((store, inner, x) => inner.call(store, x) as number);
  try {
    deeper.call(store, 0);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Trap);
    assert.is((e as Trap).code, TrapCode.UnreachableCodeReached);
    // Function 0 is the import; inner, outer and deeper are 1, 2 and 3.
    const frames = (e as Trap).frames.map((f) => f.funcIndex);
    assert.equal(frames, [1, 2, 3], 'inner frame, then the frames above the host call');
  }
  assert.is(deeper.call(store, 2), 21, 'the store keeps working');
});

test('a host that catches the trap continues', () => {
  const { store, outer } = setup((store, inner, x) => {
    try {
      return inner.call(store, x) as number;
    } catch (e) {
      assert.instance(e, Trap);
      return 100;
    }
  });
  assert.is(outer.call(store, 0), 101);
});

test('a JS stack overflow inside host code stays the host error', () => {
  const recurse = (n: number): number => recurse(n + 1) + 1;
  let thrown: unknown = null;
  const { store, outer } = setup(() => {
    try {
      return recurse(0);
    } catch (e) {
      thrown = e;
      throw e;
    }
  });
  try {
    outer.call(store, 1);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, RangeError);
    assert.ok(!(e instanceof Trap));
    assert.is(e, thrown, 'the same object the host threw');
  }
});

test('a JS stack overflow inside wasm code becomes a stack-overflow trap', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const module = new Module(
    engine,
    '(module (func $f (export "f") (param i32) (result i32) (i32.add (call $f (local.get 0)) (i32.const 1))))',
  );
  const f = new Linker(engine).instantiate(store, module).getFunc(store, 'f')!;
  for (let i = 0; i < 3; i++) {
    try {
      f.call(store, 0);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, Trap);
      assert.is((e as Trap).code, TrapCode.StackOverflow);
    }
  }
});

test('the call depth limit traps before the JS stack runs out', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat, maxCallDepth: 50 })));
  const module = new Module(
    store.engine,
    '(module (func $f (export "f") (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0)))))',
  );
  const f = new Linker(store.engine).instantiate(store, module).getFunc(store, 'f')!;
  assert.is(f.call(store, 40), 40);
  assert.throws(
    () => f.call(store, 60),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.StackOverflow,
  );
  assert.is(f.call(store, 10), 10);
});

test('runs under node --jitless, with no WebAssembly and no JIT', () => {
  const script = fileURLToPath(new URL('./jitless-main.js', import.meta.url));
  const out = spawnSync(process.execPath, ['--jitless', script], { encoding: 'utf8' });
  assert.is(out.status, 0, out.stderr);
  assert.is(out.stdout.trim(), 'no WebAssembly; fib(20) = 6765; trap: integer divide by zero');
});

test.run();
