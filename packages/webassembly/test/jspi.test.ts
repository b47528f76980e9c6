/**
 * JS Promise Integration, emulated: `WebAssembly.Suspending`,
 * `WebAssembly.promising` and `WebAssembly.SuspendError` with the
 * proposal's semantics, and a program built for JSPI (test/jspi) run
 * unchanged under `node --jitless`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseWat } from '@weft/wast';
import { WebAssembly as W } from '#src/index.js';

function instantiate(text: string, imports: object = {}): Record<string, any> {
  return new W.Instance(new W.Module(parseWat(text)), imports).exports as Record<string, any>;
}

const later = <T>(v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), 0));

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const ONE = `(module (import "m" "f" (func $f (param i32) (result i32)))
  (func (export "test") (param i32) (result i32) (call $f (local.get 0))))`;

test('the interfaces: Suspending needs new and a function; promising needs an exported function', () => {
  assert.throws(() => (W.Suspending as unknown as (f: unknown) => unknown)(() => 0), TypeError);
  assert.throws(() => new W.Suspending({} as never), /must be a function/);
  assert.throws(() => W.promising({} as never), /must be a function/);
  assert.throws(() => W.promising((() => 0) as never), /WebAssembly exported function/);
  const e = instantiate(ONE, { m: { f: new W.Suspending((x: number) => x) } });
  const p = W.promising(e['test']);
  assert.is(typeof p, 'function');
  assert.is(p.length, 1);
  assert.is(
    Object.prototype.toString.call(new W.Suspending(() => 0)),
    '[object WebAssembly.Suspending]',
  );
  assert.ok(new W.SuspendError('x') instanceof Error);
  assert.is(new W.SuspendError('x').name, 'SuspendError');
});

test('suspend once; a promising export runs synchronously until it suspends', async () => {
  const order: string[] = [];
  const e = instantiate(
    `(module (import "m" "f" (func $f (param i32) (result i32))) (import "m" "log" (func $log))
      (func (export "test") (param i32) (result i32) (call $log) (call $f (local.get 0)) (call $log)))`,
    {
      m: {
        f: new W.Suspending((x: number) => later(x + 41)),
        log: () => order.push('wasm'),
      },
    },
  );
  const p = W.promising(e['test'])(1);
  order.push('js');
  assert.ok(p instanceof Promise);
  assert.is(await p, 42);
  assert.equal(order, ['wasm', 'js', 'wasm']);
});

test('an import returning a non-promise does not suspend', async () => {
  const order: string[] = [];
  const e = instantiate(
    `(module (import "m" "f" (func $f (param i32) (result i32))) (import "m" "log" (func $log))
      (func (export "test") (param i32) (result i32) (call $f (local.get 0)) (call $log)))`,
    { m: { f: new W.Suspending(() => 42), log: () => order.push('wasm') } },
  );
  const p = W.promising(e['test'])(0);
  order.push('js');
  assert.is(await p, 42);
  assert.equal(order, ['wasm', 'js']);
});

test('suspend and resume in a loop, globals updated in between', async () => {
  let i = 0;
  const e = instantiate(
    `(module (import "m" "f" (func $f (param i32) (result i32)))
      (global (export "g") (mut i32) (i32.const 0))
      (func (export "test") (param i32) (local i32)
        (local.set 1 (i32.const 5))
        (loop $l
          (global.set 0 (i32.add (global.get 0) (call $f (local.get 0))))
          (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))))`,
    { m: { f: new W.Suspending(() => later(++i)) } },
  );
  const p = W.promising(e['test'])(0);
  assert.is(e['g'].value, 0);
  await p;
  assert.is(e['g'].value, 15);
});

test('rejections are thrown into wasm: a WebAssembly.Exception is caught by its tag', async () => {
  const tag = new W.Tag({ parameters: ['i32'] });
  const e = instantiate(
    `(module (import "m" "f" (func $f (param i32) (result i32))) (import "m" "tag" (tag $t (param i32)))
      (func (export "test") (param i32) (result i32)
        (block $h (result i32) (try_table (result i32) (catch $t $h) (call $f (local.get 0))))))`,
    { m: { f: new W.Suspending(() => Promise.reject(new W.Exception(tag, [42]))), tag } },
  );
  assert.is(await W.promising(e['test'])(0), 42);
  // Any other rejection is a JS exception: it leaves wasm as itself.
  const boom = new Error('boom');
  const e2 = instantiate(ONE, { m: { f: new W.Suspending(() => Promise.reject(boom)) } });
  assert.is(await rejection(W.promising(e2['test'])(0)), boom);
});

test('exceptions and traps after a suspension reject the promise', async () => {
  const tag = new W.Tag({ parameters: [] });
  const e = instantiate(
    `(module (import "m" "f" (func $f (result i32))) (import "m" "tag" (tag $t))
      (func (export "throws") (result i32) (drop (call $f)) (throw $t))
      (func (export "traps") (result i32) (drop (call $f)) unreachable))`,
    { m: { f: new W.Suspending(() => later(1)), tag } },
  );
  const thrown = await rejection(W.promising(e['throws'])());
  assert.ok(thrown instanceof W.Exception && (thrown as InstanceType<typeof W.Exception>).is(tag));
  const trapped = await rejection(W.promising(e['traps'])());
  assert.ok(trapped instanceof W.RuntimeError, String(trapped));
  // A bad argument rejects too, rather than throwing.
  const e64 = instantiate(`(module (func (export "id") (param i64) (result i64) (local.get 0)))`);
  const bad = await rejection(W.promising(e64['id'])(1));
  assert.ok(bad instanceof TypeError, String(bad));
  assert.is(await W.promising(e64['id'])(5n), 5n);
});

test('a Suspending import outside promising, or behind a JS frame, throws a SuspendError', async () => {
  const e = instantiate(ONE, { m: { f: new W.Suspending(() => later(1)) } });
  assert.throws(
    () => e['test'](0),
    (x: unknown) => x instanceof W.SuspendError,
  );
  // promising export -> JS import -> export called synchronously -> Suspending import
  let ex: Record<string, any> = {};
  ex = instantiate(
    `(module (import "m" "i1" (func $i1 (result i32))) (import "m" "i2" (func $i2 (result i32)))
      (func (export "export1") (result i32) (call $i1))
      (func (export "export2") (result i32) (call $i2)))`,
    { m: { i1: () => ex['export2'](), i2: new W.Suspending(() => later(0)) } },
  );
  assert.ok((await rejection(W.promising(ex['export1'])())) instanceof W.SuspendError);
  // A SuspendError is a JS exception inside wasm: catch_all catches it.
  const caught = instantiate(
    `(module (import "m" "f" (func $f (param i32) (result i32)))
      (func (export "test") (result i32)
        (block $h (try_table (catch_all $h) (drop (call $f (i32.const 0)))) (return (i32.const 0)))
        (i32.const 7)))`,
    { m: { f: new W.Suspending(() => later(1)) } },
  );
  assert.is(caught['test'](), 7);
});

test('nested promising: outer import awaits an inner promising export', async () => {
  for (const suspend of [true, false]) {
    let inner: (...a: unknown[]) => Promise<unknown> = async () => 0;
    const e = instantiate(
      `(module (import "m" "inner" (func $in (param i32) (result i32)))
        (import "m" "outer" (func $out (param i32) (result i32)))
        (func (export "outer") (param i32) (result i32) (call $out (local.get 0)))
        (func (export "inner") (param i32) (result i32) (call $in (local.get 0))))`,
      {
        m: {
          inner: new W.Suspending(() => (suspend ? later(42) : 43)),
          outer: new W.Suspending(() => inner(0)),
        },
      },
    );
    inner = W.promising(e['inner']) as typeof inner;
    assert.is(await W.promising(e['outer'])(0), suspend ? 42 : 43);
  }
});

/** What test/jspi/reader.c computes for `input` at `depth` (see its comments). */
function expected(input: Uint8Array, depth: number): string[] {
  let h = 2166136261;
  for (const b of input) h = Math.imul(h ^ b, 16777619) >>> 0;
  let w = 0;
  for (let d = 0; d <= depth; d++) {
    const b = d < input.length ? input[d]! : 0xffffffff;
    w = (w + Math.imul(b, d + 1)) >>> 0;
  }
  return [`checksum ${h} weighted ${w}`, `result ${(h ^ w) >>> 0}`];
}

test('a program built for JSPI runs unchanged under node --jitless', () => {
  const main = fileURLToPath(new URL('../test/jspi/main.mjs', import.meta.url));
  const input = 'WebAssembly, suspended and resumed';
  for (const depth of [12, 40]) {
    const out = execFileSync(process.execPath, ['--jitless', main, input, String(depth)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = out.trim().split('\n');
    assert.equal(lines.slice(0, 2), expected(new TextEncoder().encode(input), depth));
    assert.is(lines[2], 'engine weft; timers ran while suspended: true');
  }
});

test.run();
