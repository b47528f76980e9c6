/**
 * The two ways a call stack runs out: wasm frames past the store's
 * `maxCallDepth` (counted by compiled code on entry, here by hand-written
 * code doing the same), and the realm's value stack exhausted by nested
 * host -> wasm re-entries (refused by `callFunc` before the call starts).
 * Either is a stack-overflow trap, and the store works afterwards.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { I32 } from '@weft/environ';
import {
  callFunc,
  DEFAULT_LIMITS,
  I32_SLOTS as SLOTS,
  runChain,
  STACK_SLOTS,
  stackTop,
  Trap,
  TrapCode,
  type CallHookKind,
  type FuncInstance,
  type Store,
  type WasmCode,
} from '#src/index.js';
import { host, inst, newStore, sig, wasmFunc, wat } from './support.js';

/**
 * `(func $count (param i32) (result i32))`: calls itself n deep and returns
 * n, entering each frame as compiled code does (depth check first).
 */
function counting(store: Store, self: () => FuncInstance): WasmCode {
  return (fp) => {
    if (++store.depth > store.limits.maxCallDepth) throw new Trap(TrapCode.StackOverflow);
    const n = SLOTS[fp]!;
    if (n > 0) {
      SLOTS[fp + 1] = n - 1;
      runChain(self().code, fp + 1);
      SLOTS[fp] = SLOTS[fp + 1]! + 1;
    }
    store.depth--;
    return undefined;
  };
}

test('maxCallDepth: that many frames run, one more traps; the store works afterwards', () => {
  assert.is(DEFAULT_LIMITS.maxCallDepth, 20_000);
  assert.throws(() => newStore({ maxCallDepth: 0 }), /maxCallDepth must be positive/);
  const store = newStore({ maxCallDepth: 100 });
  const module = wat('(module (func (export "count") (param i32) (result i32) unreachable))');
  const instance = inst(store, module, [], {
    0: (i) => counting(store, () => i.funcs[0]!),
  });
  const count = instance.exports.get('count') as FuncInstance;
  assert.equal(callFunc(store, count, [99]), [99], '100 frames');
  assert.throws(
    () => callFunc(store, count, [100]),
    (e: unknown) => e instanceof Trap && e.message === 'call stack exhausted',
  );
  assert.is(store.depth, 0, 'the depth is restored however the call ended');
  assert.is(stackTop(), 0);
  assert.equal(callFunc(store, count, [50]), [50]);
  // The limit is per store.
  const deep = newStore({ maxCallDepth: 1000 });
  const other = inst(deep, module, [], { 0: (i) => counting(deep, () => i.funcs[0]!) });
  assert.equal(callFunc(deep, other.exports.get('count') as FuncInstance, [500]), [500]);
});

test('value stack exhaustion by host -> wasm re-entry: refused before the call, a trap', () => {
  const store = newStore();
  // A "wasm" function whose frame is most of the stack, calling the host function above it.
  const FRAME = 70_000;
  let reentry: FuncInstance | null = null;
  let depth = 0;
  const f = wasmFunc(store, sig([I32], []), (fp) => {
    depth++;
    runChain(reentry!.code, fp + FRAME);
    return undefined;
  });
  reentry = host(store, sig([], []), () => {
    callFunc(store, f, [0]);
    return [];
  });
  const events: CallHookKind[] = [];
  store.callHook = (kind) => void events.push(kind);
  assert.throws(
    () => callFunc(store, f, [0]),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.StackOverflow,
  );
  assert.is(depth, 2, 'the third entry is refused before it starts');
  assert.is(events.filter((k) => k === 'CallingWasm').length, 2);
  assert.is(events.filter((k) => k === 'ReturningFromWasm').length, 2);
  assert.is(events.filter((k) => k === 'CallingHost').length, 2);
  assert.is(events.filter((k) => k === 'ReturningFromHost').length, 2);
  assert.ok(FRAME * 2 + 1 >= STACK_SLOTS && FRAME + 1 < STACK_SLOTS);
  assert.is(stackTop(), 0);
  assert.is(store.depth, 0);
  // The store works afterwards, the full stack available again.
  store.callHook = null;
  const add = wasmFunc(store, sig([I32, I32], [I32]), (fp) => {
    SLOTS[fp] = SLOTS[fp]! + SLOTS[fp + 1]!;
    return undefined;
  });
  assert.equal(callFunc(store, add, [2, 3]), [5]);
});

test.run();
