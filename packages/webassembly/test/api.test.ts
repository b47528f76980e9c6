import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { WebAssembly as W, install, isUsable } from '#src/index.js';

const wat = (text: string) => parseWat(text);

function instantiate(text: string, imports: object = {}): Record<string, any> {
  const module = new W.Module(wat(text));
  return new W.Instance(module, imports).exports as Record<string, any>;
}

test('exported functions: name, length, identity across exports and tables', () => {
  const e = instantiate(`(module
    (func $add (export "add") (export "plus") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (table (export "t") 1 funcref) (elem (i32.const 0) $add))`);
  assert.is(e.add(2, 3), 5);
  assert.is(e.add, e.plus);
  assert.is(e.t.get(0), e.add);
  assert.is(e.add.name, '0');
  assert.is(e.add.length, 2);
  assert.ok(Object.isFrozen(e));
});

test('ToWebAssemblyValue: i32 wraps, i64 takes BigInt only', () => {
  const e = instantiate(`(module
    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "id64") (param i64) (result i64) (local.get 0)))`);
  assert.is(e.id32(2 ** 32 + 5), 5);
  assert.is(e.id32('7'), 7);
  assert.is(e.id64(2n ** 64n - 1n), -1n);
  assert.throws(() => e.id64(1), TypeError);
});

test('Memory.buffer: exact size, live, detached by growth from wasm and from JS', () => {
  const e = instantiate(`(module (memory (export "m") 1 10)
    (func (export "grow") (result i32) (memory.grow (i32.const 1)))
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
  const m = e.m;
  const b1 = m.buffer;
  assert.is(b1, m.buffer);
  assert.is(b1.byteLength, 65536);
  new Uint8Array(b1)[5] = 42;
  assert.is(e.load(5), 42);
  assert.is(e.grow(), 1);
  assert.is(b1.byteLength, 0, 'detached by memory.grow in wasm');
  const b2 = m.buffer;
  assert.is(b2.byteLength, 2 * 65536);
  assert.is(new Uint8Array(b2)[5], 42);
  assert.is(m.grow(0), 2);
  assert.is(b2.byteLength, 0, 'detached by Memory.grow(0)');
  assert.is(new Uint8Array(m.buffer)[5], 42);
});

test('traps are RuntimeErrors with the spec message and the wasm backtrace', () => {
  const e = instantiate(`(module (func $inner (unreachable)) (func (export "run") (call $inner)))`);
  try {
    e.run();
    assert.unreachable();
  } catch (err: any) {
    assert.instance(err, W.RuntimeError);
    assert.is(err.message, 'unreachable');
    assert.match(err.wasmBacktrace, /!inner\n/, 'named from the text identifiers');
  }
});

test('JS exceptions pass through wasm unchanged; wasm exceptions are WebAssembly.Exception', () => {
  const boom = new Error('boom');
  const e = instantiate(
    `(module (import "env" "f" (func $f)) (tag $t (export "t") (param i32))
      (func (export "callF") (call $f))
      (func (export "throwT") (throw $t (i32.const 7))))`,
    {
      env: {
        f: () => {
          throw boom;
        },
      },
    },
  );
  assert.throws(
    () => e.callF(),
    (x: unknown) => x === boom,
  );
  try {
    e.throwT();
    assert.unreachable();
  } catch (x: any) {
    assert.instance(x, W.Exception);
    assert.ok(x.is(e.t));
    assert.is(x.getArg(e.t, 0), 7);
  }
});

test('install only where the native WebAssembly is missing or unusable, unless forced', () => {
  const g = globalThis as { WebAssembly?: unknown };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
  try {
    assert.ok(isUsable(W));
    if (saved !== undefined) assert.is(install(), !isUsable(saved.value));
    delete g.WebAssembly;
    assert.ok(install());
    assert.is(g.WebAssembly, W);
    const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
    assert.equal([d.writable, d.enumerable, d.configurable], [true, false, true]);
  } finally {
    if (saved !== undefined) Object.defineProperty(globalThis, 'WebAssembly', saved);
  }
});

test.run();
