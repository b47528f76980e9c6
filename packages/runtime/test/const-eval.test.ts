/**
 * Constant expressions (`evalConst`), as global initializers evaluated by
 * `instantiate` and on their own: numbers with their exact bits, extended
 * constants wrapping as i32 and i64 arithmetic does, `global.get`, and GC
 * constants (structs with packed fields, arrays, i31 references, extern
 * conversions) charged to the store's GC heap.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXTERNREF, I32, I64 } from '@weft/environ';
import {
  evalConst,
  f32ToBits,
  f64HighBits,
  f64LowBits,
  GlobalInstance,
  HostNumber,
  Trap,
  TrapCode,
  V128,
  WasmArray,
  WasmStruct,
  type InstanceHandle,
  type Store,
} from '#src/index.js';
import { inst, newStore, wat } from './support.js';

/** An immutable global of `store`, holding `value`. */
function global(store: Store, type: number, value: unknown): GlobalInstance {
  const g = new GlobalInstance(store, type, false);
  g.value = value;
  store.add(store.globals, g);
  return g;
}

/** The value of each global of `instance` that the module defines. */
const defined = (instance: InstanceHandle) =>
  instance.globals.slice(instance.module.numImportedGlobals).map((g) => g.value);

test('numbers keep their bits: f32 and f64 NaN payloads (in globals and arrays), v128 lanes', () => {
  const instance = inst(
    newStore(),
    wat(`(module
      (type $floats (array f32))
      (global f32 (f32.const nan:0x200001))
      (global f64 (f64.const -nan:0x4000000000001))
      (global f64 (f64.const -0))
      (global v128 (v128.const i32x4 1 2 3 -1))
      (global (ref $floats) (array.new_fixed $floats 2 (f32.const nan:0x1) (f32.const -nan:0x7fffff))))`),
  );
  const [f, d, zero, v, floats] = defined(instance);
  assert.is(f32ToBits(f as number) >>> 0, 0x7fa00001, 'a signalling f32 NaN stays signalling');
  assert.is(f64HighBits(d as number) >>> 0, 0xfff40000);
  assert.is(f64LowBits(d as number), 1);
  assert.ok(Object.is(zero, -0));
  assert.equal(Array.from((v as V128).i32x4), [1, 2, 3, -1]);
  const elements = Array.from(
    (floats as WasmArray).elements as Float64Array,
    (x) => f32ToBits(x) >>> 0,
  );
  assert.equal(elements, [0x7f800001, 0xffffffff]);
});

test('extended constants: i32 and i64 add, sub, mul wrap around; global.get reads imports', () => {
  const store = newStore();
  const i = global(store, I32, 0x7fffffff);
  const l = global(store, I64, 5n);
  const instance = inst(
    store,
    wat(`(module
      (import "m" "i" (global $i i32))
      (import "m" "l" (global $l i64))
      (global i32 (i32.add (global.get $i) (i32.const 1)))
      (global i32 (i32.sub (i32.const 0) (i32.const 0x80000000)))
      (global i32 (i32.mul (i32.const 0x10001) (i32.const 0x10001)))
      (global i32 (i32.mul (global.get $i) (global.get $i)))
      (global i64 (i64.add (i64.const 0x7fffffffffffffff) (i64.const 1)))
      (global i64 (i64.sub (i64.const 0x8000000000000000) (i64.const 1)))
      (global i64 (i64.mul (i64.const 0x100000001) (i64.const 0x100000001)))
      (global i64 (i64.mul (i64.const -1) (i64.const 0x8000000000000000)))
      (global i64 (i64.mul (i64.add (global.get $l) (i64.const 2)) (i64.const -3)))
      (global $next i64 (i64.sub (global.get $l) (i64.const 6)))
      (global i64 (i64.mul (global.get $next) (global.get $next))))`),
    [i, l],
  );
  assert.equal(defined(instance), [
    -0x80000000,
    -0x80000000,
    0x20001, // (2^16 + 1)^2 = 2^32 + 2^17 + 1
    1, // (2^31 - 1)^2 = 2^62 - 2^32 + 1
    -(2n ** 63n),
    2n ** 63n - 1n,
    2n ** 33n + 1n, // (2^32 + 1)^2 = 2^64 + 2^33 + 1
    -(2n ** 63n),
    -21n,
    -1n,
    1n,
  ]);
});

test('evalConst on its own: the globals and type ids of the context given', () => {
  const store = newStore();
  const module = wat(`(module
    (import "m" "g" (global i64))
    (global i64 (i64.mul (global.get 0) (global.get 0)))
    (global i64 (i64.sub (global.get 0) (i64.const 1))))`);
  const ctx = (value: bigint) => ({
    globals: [global(store, I64, value)],
    funcs: [],
    typeIds: store.registry.canonicalize(module),
    registry: store.registry,
  });
  const square = module.globals[1]!.init!;
  const less = module.globals[2]!.init!;
  assert.is(evalConst(square, ctx(3n)), 9n);
  assert.is(evalConst(square, ctx(2n ** 32n)), 0n, '2^64 wraps to 0');
  assert.is(evalConst(square, ctx(-(2n ** 32n) - 1n)), 2n ** 33n + 1n);
  assert.is(evalConst(less, ctx(-(2n ** 63n))), 2n ** 63n - 1n);
});

test('GC constants: struct.new (packed fields as compiled code stores them), defaults, arrays, i31', () => {
  const store = newStore();
  const n = global(store, I32, 9);
  const instance = inst(
    store,
    wat(`(module
      (type $pt (struct (field i32) (field (mut i64))))
      (type $packed (struct (field i8) (field (mut i16)) (field (ref null $pt))))
      (type $bytes (array (mut i8)))
      (type $ints (array i32))
      (import "m" "n" (global $n i32))
      (global (ref $pt) (struct.new $pt (i32.const 7) (i64.const -1)))
      (global (ref $packed) (struct.new $packed (i32.const 300) (i32.const -1) (ref.null $pt)))
      (global (ref $packed) (struct.new_default $packed))
      (global (ref $ints) (array.new_fixed $ints 3 (i32.const 1) (i32.const -2) (global.get $n)))
      (global (ref $bytes) (array.new_fixed $bytes 2 (i32.const -1) (i32.const 256)))
      (global (ref $bytes) (array.new $bytes (i32.const 300) (global.get $n)))
      (global (ref $ints) (array.new_default $ints (i32.const 2)))
      (global i31ref (ref.i31 (i32.const 5)))
      (global i31ref (ref.i31 (i32.const 0x40000000)))
      (global i31ref (ref.i31 (i32.const 0x7fffffff))))`),
    [n],
  );
  const ids = instance.typeIds;
  const [pt, packed, zero, ints, fixed, filled, zeros, ...i31s] = defined(instance);
  assert.instance(pt, WasmStruct);
  assert.is((pt as WasmStruct).typeId, ids[0]);
  assert.equal((pt as WasmStruct).fields, [7, -1n]);
  assert.equal((packed as WasmStruct).fields, [300 & 0xff, -1 & 0xffff, null]);
  assert.equal((zero as WasmStruct).fields, [0, 0, null]);
  assert.instance(ints, WasmArray);
  assert.is((ints as WasmArray).typeId, ids[3]);
  assert.equal(Array.from((ints as WasmArray).elements), [1, -2, 9]);
  assert.equal(Array.from((fixed as WasmArray).elements), [255, 0]);
  assert.equal(Array.from((filled as WasmArray).elements), new Array(9).fill(300 & 0xff));
  assert.equal(Array.from((zeros as WasmArray).elements), [0, 0]);
  assert.equal(i31s, [5, -0x40000000, -1], 'the low 31 bits, sign-extended');
  assert.ok(store.gc.live >= 0);
});

test('extern conversions: host values enter the any hierarchy and come back out', () => {
  const store = newStore();
  const ext = global(store, EXTERNREF, 2.5);
  const small = global(store, EXTERNREF, 7);
  const instance = inst(
    store,
    wat(`(module
      (import "m" "ext" (global $ext externref))
      (import "m" "small" (global $small externref))
      (global $in anyref (any.convert_extern (global.get $ext)))
      (global anyref (any.convert_extern (global.get $small)))
      (global externref (extern.convert_any (global.get $in)))
      (global externref (extern.convert_any (ref.i31 (i32.const -3)))))`),
    [ext, small],
  );
  const [inner, i31, out, back] = defined(instance);
  assert.instance(inner, HostNumber);
  assert.is(i31, 7, 'an integer in the i31 range is an i31');
  assert.is(out, 2.5);
  assert.is(back, -3);
});

test('GC constants are charged to the store: past its budget, instantiation traps', () => {
  const store = newStore({ maxGcHeapBytes: 1 << 20 });
  const module = wat(`(module
    (type $big (array i32))
    (global (ref $big) (array.new_default $big (i32.const 0x1000000))))`);
  assert.throws(
    () => inst(store, module),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.GcHeapOutOfMemory,
  );
  assert.is(store.limitHit?.limit, 'maxGcHeapBytes');
  inst(
    store,
    wat(
      '(module (type $small (array i32)) (global (ref $small) (array.new_default $small (i32.const 16))))',
    ),
  );
});

test.run();
