/**
 * Active segments at the edges of their memory or table (the end exactly,
 * one past it, empty segments at and past the end, offsets as unsigned
 * i32 or saturated i64), offsets from imported globals, and which segments
 * an instance keeps: active and declarative ones are dropped once applied,
 * passive ones are kept.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { I32 } from '@weft/environ';
import { FuncInstance, GlobalInstance, Trap, TrapCode, type Store } from '#src/index.js';
import { inst, memory, newStore, table, wat } from './support.js';

/** Instantiates `module`: 'ok', or the trap code. */
function outcome(store: Store, text: string, imports: Parameters<typeof inst>[2] = []): string {
  try {
    inst(store, wat(text), imports);
    return 'ok';
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
}

test('data segments: up to the end of memory, not a byte past it', () => {
  const store = newStore();
  const oob = TrapCode.MemoryOutOfBounds;
  const data = (offset: string, bytes: string, mem = '(memory 1)') =>
    outcome(store, `(module ${mem} (data (${offset}) "${bytes}"))`);
  assert.is(data('i32.const 65531', '12345'), 'ok');
  assert.is(data('i32.const 65532', '12345'), oob);
  assert.is(data('i32.const 65536', ''), 'ok', 'an empty segment at the end');
  assert.is(data('i32.const 65537', ''), oob, 'an empty segment past the end');
  assert.is(data('i32.const -1', 'x'), oob, 'the offset is unsigned');
  assert.is(data('i32.const 0', '', '(memory 0)'), 'ok');
  assert.is(data('i32.const 0', 'x', '(memory 0)'), oob);
  // 64-bit memories: large offsets never wrap.
  assert.is(data('i64.const 65535', 'x', '(memory i64 1)'), 'ok');
  assert.is(data('i64.const 0xffffffffffffffff', '', '(memory i64 1)'), oob);
  assert.is(data('i64.const 0x100000000', '', '(memory i64 1)'), oob);
  // The bytes land where they should, the last one at the last address.
  const mem = memory(store, '1');
  inst(store, wat('(module (import "m" "mem" (memory 1)) (data (i32.const 65533) "abc"))'), [mem]);
  assert.equal(Array.from(mem.u8.subarray(65532, 65536)), [0, 97, 98, 99]);
});

test('element segments: up to the end of the table, not an element past it', () => {
  const store = newStore();
  const oob = TrapCode.TableOutOfBounds;
  const elem = (offset: number, funcs: string, size = 2) =>
    outcome(
      store,
      `(module (table ${size} funcref) (func $f) (elem (i32.const ${offset}) ${funcs}))`,
    );
  assert.is(elem(1, '$f'), 'ok');
  assert.is(elem(0, '$f $f'), 'ok');
  assert.is(elem(1, '$f $f'), oob);
  assert.is(elem(2, ''), 'ok', 'an empty segment at the end');
  assert.is(elem(3, ''), oob, 'an empty segment past the end');
  assert.is(elem(-1, ''), oob, 'the offset is unsigned');
  assert.is(elem(0, '', 0), 'ok');
  assert.is(elem(0, '$f', 0), oob);
  const t64 = (offset: string) =>
    outcome(store, `(module (table i64 1 funcref) (func $f) (elem (table 0) (${offset}) func $f))`);
  assert.is(t64('i64.const 0'), 'ok');
  assert.is(t64('i64.const 0x100000000'), oob);
  // Expressions and the function-index form write the same references.
  const tab = table(store, '4 funcref');
  const instance = inst(
    store,
    wat(`(module (import "m" "t" (table 4 funcref)) (func $f) (func $g)
      (elem (i32.const 2) $g $f)
      (elem (i32.const 0) funcref (ref.func $f) (ref.null func)))`),
    [tab],
  );
  const [f, g] = instance.funcs;
  assert.equal(tab.elements, [f, null, g, f]);
});

test('offsets from imported globals', () => {
  const store = newStore();
  const at = new GlobalInstance(store, I32, false);
  store.add(store.globals, at);
  const mem = memory(store, '1');
  const tab = table(store, '3 funcref');
  const module = wat(`(module
    (import "m" "at" (global $at i32))
    (import "m" "mem" (memory 1))
    (import "m" "tab" (table 3 funcref))
    (func $f)
    (elem (global.get $at) $f)
    (data (i32.add (global.get $at) (i32.const 65530)) "xyz"))`);
  at.value = 2;
  inst(store, module, [at, mem, tab]);
  assert.instance(tab.get(2), FuncInstance);
  assert.equal(Array.from(mem.u8.subarray(65532, 65535)), [120, 121, 122]);
  at.value = 3;
  assert.throws(
    () => inst(store, module, [at, mem, tab]),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.TableOutOfBounds,
  );
});

test('active and declarative segments are dropped once applied; passive ones are kept', () => {
  const store = newStore();
  const instance = inst(
    store,
    wat(`(module
      (memory 1) (table 1 funcref) (func $f)
      (elem (i32.const 0) $f)
      (elem func $f)
      (elem declare func $f)
      (data (i32.const 0) "active")
      (data "passive"))`),
  );
  assert.equal(instance.elems, [null, [instance.funcs[0]], null]);
  assert.is(instance.datas[0], null);
  assert.is(new TextDecoder().decode(instance.datas[1]!), 'passive');
  assert.is(new TextDecoder().decode(instance.memories[0]!.u8.subarray(0, 6)), 'active');
});

test.run();
