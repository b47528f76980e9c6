import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { F32, FUNCREF, I32, I64, V128 as V128T } from '@weft/environ';
import {
  callFunc,
  createHostFunc,
  GlobalInstance,
  HostFault,
  MemoryInstance,
  Store,
  StoreError,
  TableInstance,
  Trap,
  TrapCode,
  TypeRegistry,
  catchTraps,
  f32FromBits,
  f32ToBits,
  readSlot,
  stackTop,
  V128,
  V32,
  VF64,
  VU8,
  writeSlot,
} from '#src/index.js';

const newStore = () => new Store(new TypeRegistry(), () => null);
const sig = (params: number[], results: number[]) => ({ kind: 'func' as const, params, results });

test('host functions receive arguments and return results through the frame ABI', () => {
  const store = newStore();
  const type = sig([I32, I64], [I64]);
  const f = createHostFunc(store, store.registry.registerFunc(type), type, (_caller, [a, b]) => [
    BigInt(a as number) + (b as bigint),
  ]);
  assert.equal(callFunc(store, f, [2, 40n]), [42n]);
  assert.is(stackTop(), 0, 'the stack top is restored');
});

test('a v128 in slot s is bytes 16s .. 16s + 15 of the vector buffer, lanes little-endian', () => {
  const bytes = Array.from({ length: 16 }, (_, i) => 0xf0 + i);
  writeSlot(5, V128T, new V128(bytes));
  assert.equal(Array.from(VU8.subarray(80, 96)), bytes);
  assert.is(V32[21], 0xf7f6f5f4 | 0, 'lane 1 of the i32 view');
  assert.ok(Number.isNaN(VF64[11]), 'lane 1 of the f64 view');
  assert.equal(Array.from((readSlot(5, V128T) as V128).bytes), bytes);
});

test('a host error crosses the boundary as the same object', () => {
  const store = newStore();
  const type = sig([], []);
  const boom = new TypeError('boom');
  const f = createHostFunc(store, store.registry.registerFunc(type), type, () => {
    throw boom;
  });
  try {
    callFunc(store, f, []);
    assert.unreachable();
  } catch (e) {
    assert.is(e, boom);
  }
  const value = { not: 'an error' };
  const g = createHostFunc(store, store.registry.registerFunc(type), type, () => {
    throw value;
  });
  try {
    callFunc(store, g, []);
    assert.unreachable();
  } catch (e) {
    assert.is(e, value);
  }
});

test('catchTraps unwraps host faults, keeps traps and asks the classifier for the rest', () => {
  const err = new Error('host');
  assert.throws(
    () =>
      catchTraps(
        () => {
          throw new HostFault(err);
        },
        () => null,
      ),
    (e: unknown) => e === err,
  );
  const trap = new Trap(TrapCode.UnreachableCodeReached);
  assert.throws(
    () =>
      catchTraps(
        () => {
          throw trap;
        },
        () => null,
      ),
    (e: unknown) => e === trap,
  );
  const classified = catchTraps.bind(
    null,
    () => {
      throw new RangeError('x');
    },
    () => new Trap(TrapCode.StackOverflow),
  );
  assert.throws(
    classified,
    (e: unknown) => e instanceof Trap && e.message === 'call stack exhausted',
  );
  assert.throws(
    () =>
      catchTraps(
        () => {
          throw new SyntaxError('s');
        },
        () => null,
      ),
    (e: unknown) => e instanceof SyntaxError,
  );
});

test('memories grow within their maximum and keep their contents', () => {
  const store = newStore();
  const m = new MemoryInstance(store, { limits: { min: 1, max: 3 }, is64: false, shared: false });
  m.u8[10] = 7;
  assert.is(m.grow(1), 1);
  assert.is(m.pages, 2);
  assert.is(m.u8[10], 7);
  assert.is(m.grow(2), -1);
  assert.is(m.grow(0), 2);
});

test('tables grow and fill new elements', () => {
  const store = newStore();
  const t = new TableInstance(
    store,
    { element: FUNCREF, limits: { min: 2, max: 4 }, is64: false },
    FUNCREF,
    null,
  );
  assert.is(t.grow(2, 'x'), 2);
  assert.equal(t.elements, [null, null, 'x', 'x']);
  assert.is(t.grow(1, null), -1);
});

test('globals hold values by type, f32 NaN payloads included', () => {
  const store = newStore();
  const g = new GlobalInstance(store, I64, true);
  g.value = -5n;
  assert.is(g.value, -5n);
  const f = new GlobalInstance(store, F32, true);
  f.value = f32FromBits(0x7fa00001);
  assert.is(f32ToBits(f.value as number) >>> 0, 0x7fa00001);
});

test('a disposed store refuses every use', () => {
  const store = newStore();
  const type = sig([], []);
  const f = createHostFunc(store, store.registry.registerFunc(type), type, () => []);
  store.dispose();
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e instanceof StoreError,
  );
  const other = newStore();
  assert.throws(
    () => callFunc(other, f, []),
    (e: unknown) => e instanceof StoreError,
  );
});

test('the registry gives equal function types one id', () => {
  const registry = new TypeRegistry();
  assert.is(registry.registerFunc(sig([I32], [])), registry.registerFunc(sig([I32], [])));
  assert.is.not(registry.registerFunc(sig([I32], [])), registry.registerFunc(sig([I64], [])));
});

test.run();
