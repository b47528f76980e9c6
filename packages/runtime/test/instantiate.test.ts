/**
 * Instantiation in spec order and what a failure part way leaves behind:
 * the instance is registered before any side effect, globals come before
 * table initial values and element expressions, active element segments
 * before data segments, each written whole or not at all, in order; what
 * was written before a failing segment stays (and stays callable); the
 * start function is the caller's to run. Limits and links refuse before
 * anything happens.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCREF, I32 } from '@weft/environ';
import {
  callFunc,
  FuncInstance,
  GlobalInstance,
  I32_SLOTS as SLOTS,
  LinkError,
  ResourceLimitError,
  stackTop,
  Trap,
  TrapCode,
  type InstanceHandle,
  type WasmCode,
} from '#src/index.js';
import { host, inst, memory, newStore, NoCode, sig, table, wat } from './support.js';

/** Code returning the i32 `v`. */
const returns = (v: number) => (): WasmCode => (fp) => {
  SLOTS[fp] = v;
  return undefined;
};

const text = (bytes: Uint8Array, at: number, n: number) =>
  new TextDecoder().decode(bytes.subarray(at, at + n));

/** Runs `body`, which must throw; returns what it threw. */
function thrown(body: () => unknown): unknown {
  try {
    body();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

test('globals in order, then table initial values and element expressions that read them', () => {
  const store = newStore();
  const base = new GlobalInstance(store, I32, false);
  base.value = 40;
  store.add(store.globals, base);
  const hostF = host(store, sig([], []));
  const ref = new GlobalInstance(store, FUNCREF, false);
  ref.value = hostF;
  store.add(store.globals, ref);
  const module = wat(`(module
    (import "m" "base" (global $base i32))
    (import "m" "ref" (global $ref funcref))
    (global $next i32 (i32.add (global.get $base) (i32.const 2)))
    (global $f funcref (ref.func $fn))
    (table $t 3 funcref (global.get $ref))
    (elem declare func $fn)
    (elem $passive funcref (global.get $f) (ref.null func) (global.get $ref))
    (func $fn (result i32) (global.get $next)))`);
  const instance = inst(store, module, [base, ref], { 0: returns(42) });
  assert.is(instance.globals[2]!.value, 42, 'a global reads the ones before it');
  const fn = instance.funcs[0]!;
  assert.is(instance.globals[3]!.value, fn);
  assert.equal(instance.tables[0]!.elements, [hostF, hostF, hostF]);
  assert.equal(instance.elems[1], [fn, null, hostF], 'a passive segment keeps its elements');
  assert.equal(callFunc(store, instance.globals[3]!.value as FuncInstance, []), [42]);
  assert.is(store.instances[0], instance);
});

test('an element segment out of bounds after one in bounds: the first stays, callable; no data', () => {
  const store = newStore();
  const tab = table(store, '2 funcref');
  const mem = memory(store, '1');
  const module = wat(`(module
    (import "m" "tab" (table 2 funcref))
    (import "m" "mem" (memory 1))
    (func $seven (result i32) (i32.const 7))
    (elem (i32.const 0) $seven)
    (elem (i32.const 1) $seven $seven)
    (elem (i32.const 0) $seven $seven)
    (data (i32.const 0) "never"))`);
  const e = thrown(() => inst(store, module, [tab, mem], { 0: returns(7) }));
  assert.instance(e, Trap);
  assert.is((e as Trap).code, TrapCode.TableOutOfBounds);
  assert.is((e as Trap).message, 'out of bounds table access');
  assert.instance(tab.get(0), FuncInstance);
  assert.is(tab.get(1), null, 'nothing of the failing segment is written');
  assert.equal(callFunc(store, tab.get(0) as FuncInstance, []), [7]);
  assert.is(mem.u8[0], 0, 'data segments come after element segments');
  // The instance is registered, with its exports and items, though instantiate threw.
  assert.is(store.instances.length, 1);
  const failed: InstanceHandle = store.instances[0]!;
  assert.is(failed.funcs[0], tab.get(0));
  assert.is(failed.elems[0], null, 'the applied segment is dropped');
  assert.ok(failed.elems[1] !== null, 'the failing one is not');
});

test('a data segment out of bounds after one in bounds: the first stays written', () => {
  const store = newStore();
  const mem = memory(store, '1');
  const module = wat(`(module
    (import "m" "mem" (memory 1))
    (data (i32.const 0) "first")
    (data (i32.const 65534) "oob")
    (data (i32.const 8) "never"))`);
  const e = thrown(() => inst(store, module, [mem]));
  assert.ok(e instanceof Trap && e.code === TrapCode.MemoryOutOfBounds, String(e));
  assert.is(text(mem.u8, 0, 5), 'first');
  assert.equal([mem.u8[65534], mem.u8[65535]], [0, 0], 'nothing of the failing segment');
  assert.is(mem.u8[8], 0, 'nor of the ones after it');
  assert.is(store.instances.length, 1);
});

test('the start function is not run by instantiate; when the caller runs it and it traps, what instantiation did stays', () => {
  const store = newStore();
  const mem = memory(store, '1');
  let started = 0;
  const module = wat(`(module
    (import "m" "mem" (memory 1))
    (data (i32.const 0) "ready")
    (func $start unreachable)
    (func (export "ok") (result i32) (i32.const 1))
    (start $start))`);
  const instance = inst(store, module, [mem], {
    0: () => () => {
      started++;
      throw new Trap(TrapCode.UnreachableCodeReached);
    },
    1: returns(1),
  });
  assert.is(started, 0);
  assert.is(module.start, 0);
  assert.is(text(mem.u8, 0, 5), 'ready', 'segments are applied before the start function');
  const e = thrown(() => callFunc(store, instance.funcs[module.start!]!, []));
  assert.ok(e instanceof Trap && e.message === 'unreachable');
  assert.is(started, 1);
  // The instance stays registered and usable.
  assert.is(store.instances[0], instance);
  assert.equal(callFunc(store, instance.exports.get('ok') as FuncInstance, []), [1]);
  assert.is(stackTop(), 0);
  assert.is(store.depth, 0);
});

test('functions are compiled on their first call, once', () => {
  const store = newStore();
  let compiled = 0;
  const module = wat('(module (func (export "f") (result i32) (i32.const 3)) (func))');
  const instance = inst(store, module, [], {
    0: () => {
      compiled++;
      return returns(3)();
    },
  });
  assert.is(compiled, 0);
  const f = instance.exports.get('f') as FuncInstance;
  assert.equal(callFunc(store, f, []), [3]);
  assert.equal(callFunc(store, f, []), [3]);
  assert.is(compiled, 1);
  assert.throws(
    () => callFunc(store, instance.funcs[1]!, []),
    (e: unknown) => e instanceof NoCode,
  );
});

test('a refused memory leaves nothing: no instance, the memories allocated before given back', () => {
  const store = newStore({ maxMemoryBytes: 2 * 65536 });
  const module = wat('(module (memory 1) (memory 2) (data (memory 0) (i32.const 0) "x"))');
  const e = thrown(() => inst(store, module));
  assert.instance(e, ResourceLimitError);
  assert.instance(e, LinkError);
  assert.is((e as ResourceLimitError).limit, 'maxMemoryBytes');
  assert.match((e as Error).message, /^cannot allocate memory 1: /);
  assert.is(store.instances.length, 0);
  assert.is(store.memories.length, 0);
  assert.is(store.usage.memoryBytes, 0);
  // Within the limit, the same store instantiates.
  inst(store, wat('(module (memory 2))'));
  assert.is(store.usage.memoryBytes, 2 * 65536);
  const counted = newStore({ maxInstances: 1 });
  inst(counted, wat('(module)'));
  const again = thrown(() => inst(counted, wat('(module)')));
  assert.ok(again instanceof ResourceLimitError && again.limit === 'maxInstances');
});

test('a link error is raised before anything is written', () => {
  const store = newStore();
  const mem = memory(store, '1');
  const module = wat(`(module
    (import "m" "mem" (memory 1))
    (import "m" "f" (func (param i32)))
    (data (i32.const 0) "x"))`);
  const e = thrown(() => inst(store, module, [mem, host(store, sig([], []))]));
  assert.ok(e instanceof LinkError && e.item === 'f', String(e));
  assert.is(mem.u8[0], 0);
  assert.is(store.instances.length, 0);
});

test.run();
