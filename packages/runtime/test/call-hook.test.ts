/**
 * The call hook hears every transition between host and wasm code, paired
 * however the call ends, as Wasmtime reports them. "Wasm" functions here are
 * hand-written `WasmCode` (the runtime has no compiler of its own): they
 * trap, or call a host function through its frame-ABI entry as compiled
 * code does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { I32, type FuncType } from '@weft/environ';
import {
  callFunc,
  createHostFunc,
  FuncInstance,
  I32_SLOTS as I32_SLOTS,
  runChain,
  stackTop,
  Store,
  StoreError,
  TagInstance,
  Trap,
  TrapCode,
  TypeRegistry,
  type CallHookKind,
  type HostImpl,
  type WasmCode,
  WasmException,
} from '#src/index.js';
import { inst, wat } from './support.js';

const sig = (params: number[], results: number[]): FuncType => ({
  kind: 'func',
  params,
  results,
});

const newStore = () => new Store(new TypeRegistry(), () => null);

/** A "wasm" function: `code` in a FuncInstance of its own. */
function wasmFunc(store: Store, type: FuncType, code: WasmCode): FuncInstance {
  const f = new FuncInstance(store, store.registry.registerFunc(type), type, null, 0, code);
  store.add(store.funcs, f);
  return f;
}

function hostFunc(store: Store, type: FuncType, impl: HostImpl): FuncInstance {
  return createHostFunc(store, store.registry.registerFunc(type), type, impl);
}

/** A wasm function of type [] -> [] that calls `callee` (a function of type [] -> []). */
function caller(store: Store, callee: () => FuncInstance): FuncInstance {
  return wasmFunc(store, sig([], []), (fp) => {
    runChain(callee().code, fp);
    return undefined;
  });
}

/**
 * Installs a hook that records events and checks that they nest: every
 * `Returning*` closes the innermost open `Calling*` of the same side. Events
 * the hook throws on are recorded with a `!`.
 */
function record(store: Store, throwOn: (kind: CallHookKind, n: number) => unknown = () => null) {
  const seen: string[] = [];
  const open: CallHookKind[] = [];
  const counts = new Map<CallHookKind, number>();
  store.callHook = (kind) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    if (kind === 'ReturningFromWasm' || kind === 'ReturningFromHost') {
      const expected = kind === 'ReturningFromWasm' ? 'CallingWasm' : 'CallingHost';
      assert.is(open.pop(), expected, `${kind} closes ${expected}`);
    }
    const error = throwOn(kind, n);
    seen.push(error === null ? kind : `${kind}!`);
    if (error !== null) throw error;
    if (kind === 'CallingWasm' || kind === 'CallingHost') open.push(kind);
  };
  return { seen, open };
}

test('a trapping call still reports ReturningFromWasm, and the trap comes through', () => {
  const store = newStore();
  const trap = new Trap(TrapCode.UnreachableCodeReached);
  const f = wasmFunc(store, sig([], []), () => {
    throw trap;
  });
  const { seen, open } = record(store);
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e === trap,
  );
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
  assert.equal(open, []);
  assert.is(stackTop(), 0);
});

test('a raw fault classified as a trap reports ReturningFromWasm too', () => {
  const store = new Store(new TypeRegistry(), (e) =>
    e instanceof RangeError ? new Trap(TrapCode.StackOverflow) : null,
  );
  const f = wasmFunc(store, sig([], []), () => {
    throw new RangeError('Maximum call stack size exceeded');
  });
  const { seen } = record(store);
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.StackOverflow,
  );
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
});

test('a throwing host function reports ReturningFromHost and ReturningFromWasm', () => {
  const store = newStore();
  const boom = new Error('host boom');
  const host = hostFunc(store, sig([], []), () => {
    throw boom;
  });
  const f = caller(store, () => host);
  const { seen, open } = record(store);
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e === boom,
  );
  assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
  assert.equal(open, []);
  // Called straight from the host, a host function is entered through CallingWasm too.
  seen.length = 0;
  assert.throws(
    () => callFunc(store, host, []),
    (e: unknown) => e === boom,
  );
  assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
});

test('nested host -> wasm -> host -> wasm calls pair up, traps caught or not', () => {
  const store = newStore();
  const trap = new Trap(TrapCode.IntegerDivisionByZero);
  const inner = wasmFunc(store, sig([], []), () => {
    throw trap;
  });
  let catchInner = true;
  const host = hostFunc(store, sig([], []), () => {
    try {
      callFunc(store, inner, []);
    } catch (e) {
      if (!catchInner) throw e;
      assert.is(e, trap);
    }
    return [];
  });
  const outer = caller(store, () => host);
  const { seen, open } = record(store);
  callFunc(store, outer, []);
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
  catchInner = false;
  assert.throws(
    () => callFunc(store, outer, []),
    (e: unknown) => e === trap,
  );
  assert.equal(seen, nested, 'the trap unwinds through every level, each one reported');
  assert.equal(open, []);
  assert.is(store.depth, 0);
  assert.is(stackTop(), 0);
});

test('a hook throwing on CallingWasm stops the call before it starts; nothing to pair', () => {
  const store = newStore();
  let ran = false;
  const f = wasmFunc(store, sig([I32], []), () => {
    ran = true;
    return undefined;
  });
  const stop = new Error('stop');
  const { seen, open } = record(store, (kind) => (kind === 'CallingWasm' ? stop : null));
  assert.throws(
    () => callFunc(store, f, [1]),
    (e: unknown) => e === stop,
  );
  assert.not.ok(ran);
  assert.equal(seen, ['CallingWasm!']);
  assert.equal(open, []);
  assert.is(stackTop(), 0);
  store.callHook = null;
  callFunc(store, f, [1]);
  assert.ok(ran, 'the store keeps working');
});

test('a hook throwing on ReturningFromWasm replaces the result or the trap', () => {
  const store = newStore();
  const ok = wasmFunc(store, sig([], [I32]), (fp) => {
    I32_SLOTS[fp] = 7;
    return undefined;
  });
  const trap = new Trap(TrapCode.UnreachableCodeReached);
  const bad = wasmFunc(store, sig([], []), () => {
    throw trap;
  });
  const late = new Error('late');
  const { seen } = record(store, (kind) => (kind === 'ReturningFromWasm' ? late : null));
  assert.throws(
    () => callFunc(store, ok, []),
    (e: unknown) => e === late,
  );
  assert.throws(
    () => callFunc(store, bad, []),
    (e: unknown) => e === late,
  );
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm!', 'CallingWasm', 'ReturningFromWasm!']);
  assert.is(stackTop(), 0);
  assert.is(store.depth, 0);
});

test('a hook throwing on CallingHost skips the host function; the wasm side still returns', () => {
  const store = newStore();
  let ran = false;
  const host = hostFunc(store, sig([], []), () => {
    ran = true;
    return [];
  });
  const f = caller(store, () => host);
  const stop = new Error('no host calls');
  const { seen, open } = record(store, (kind) => (kind === 'CallingHost' ? stop : null));
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e === stop,
  );
  assert.not.ok(ran);
  assert.equal(seen, ['CallingWasm', 'CallingHost!', 'ReturningFromWasm']);
  assert.equal(open, []);
});

test('a hook throwing on ReturningFromHost replaces the host outcome', () => {
  const store = newStore();
  const boom = new Error('host boom');
  let fail = false;
  const host = hostFunc(store, sig([], [I32]), () => {
    if (fail) throw boom;
    return [1];
  });
  const f = wasmFunc(store, sig([], [I32]), (fp) => {
    runChain(host.code, fp);
    return undefined;
  });
  const late = new Error('late');
  const { seen, open } = record(store, (kind) => (kind === 'ReturningFromHost' ? late : null));
  for (const failing of [false, true]) {
    fail = failing;
    seen.length = 0;
    assert.throws(
      () => callFunc(store, f, []),
      (e: unknown) => e === late,
    );
    assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost!', 'ReturningFromWasm']);
    assert.equal(open, []);
  }
  assert.is(stackTop(), 0);
});

test('a hook may call into wasm without disturbing the frames around it', () => {
  const store = newStore();
  const add = wasmFunc(store, sig([I32, I32], [I32]), (fp) => {
    I32_SLOTS[fp] = I32_SLOTS[fp]! + I32_SLOTS[fp + 1]!;
    return undefined;
  });
  const host = hostFunc(store, sig([I32], [I32]), (_caller, [x]) => [(x as number) * 10]);
  const f = wasmFunc(store, sig([I32], [I32]), (fp) => {
    runChain(host.code, fp);
    I32_SLOTS[fp] = I32_SLOTS[fp]! + 1;
    return undefined;
  });
  let reentered = 0;
  store.callHook = (kind) => {
    if (reentered > 20) return;
    reentered++;
    const saved = store.callHook;
    store.callHook = null;
    try {
      assert.equal(callFunc(store, add, [100, kind.length]), [100 + kind.length]);
    } finally {
      store.callHook = saved;
    }
  };
  assert.equal(callFunc(store, f, [4]), [41]);
  assert.is(reentered, 4);
  assert.is(stackTop(), 0);
});

test('a wasm exception leaving wasm reports ReturningFromWasm and arrives as itself, not as a trap', () => {
  const store = newStore();
  const tagType = sig([I32], []);
  const tag = new TagInstance(store, store.registry.registerFunc(tagType), tagType);
  const exn = new WasmException(tag, [42]);
  const inner = wasmFunc(store, sig([], []), () => {
    throw exn;
  });
  const { seen, open } = record(store);
  assert.throws(
    () => callFunc(store, inner, []),
    (e: unknown) => e === exn,
  );
  assert.equal(seen, ['CallingWasm', 'ReturningFromWasm']);
  // Through a host function that lets it pass, and the wasm frames around it.
  const host = hostFunc(store, sig([], []), () => {
    callFunc(store, inner, []);
    return [];
  });
  const outer = caller(store, () => host);
  seen.length = 0;
  assert.throws(
    () => callFunc(store, outer, []),
    (e: unknown) => e === exn,
  );
  assert.equal(seen, [
    'CallingWasm',
    'CallingHost',
    'CallingWasm',
    'ReturningFromWasm',
    'ReturningFromHost',
    'ReturningFromWasm',
  ]);
  assert.equal(open, []);
  assert.is(stackTop(), 0);
});

test('calls refused before they start are not reported; a disposed store forgets its hook', () => {
  const store = newStore();
  const elsewhere = wasmFunc(newStore(), sig([], []), () => undefined);
  const { seen } = record(store);
  assert.throws(
    () => callFunc(store, elsewhere, []),
    (e: unknown) => e instanceof StoreError,
  );
  assert.equal(seen, []);
  const f = wasmFunc(store, sig([], []), () => undefined);
  store.dispose();
  assert.is(store.callHook, null);
  assert.throws(
    () => callFunc(store, f, []),
    (e: unknown) => e instanceof StoreError,
  );
  assert.equal(seen, []);
});

test('instantiation runs no wasm code: the hook hears nothing, start function or not', () => {
  const store = newStore();
  const { seen } = record(store);
  const module = wat(`(module
    (memory 1) (data (i32.const 0) "x")
    (func $start) (start $start)
    (table 1 funcref) (elem (i32.const 0) $start))`);
  let ran = false;
  inst(store, module, [], {
    0: () => () => {
      ran = true;
      return undefined;
    },
  });
  assert.not.ok(ran, 'the start function is left to the caller');
  assert.equal(seen, []);
});

test.run();
