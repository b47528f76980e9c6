/**
 * Trap frames: a trap collects wasm frames innermost first as it unwinds
 * (compiled code adds the caller's frame at each call; here hand-written
 * code does the same), names them from the module's name section through
 * its instance, keeps them across host functions, and formats them as
 * Wasmtime does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  callFunc,
  runChain,
  Trap,
  TrapCode,
  type FuncInstance,
  type InstanceHandle,
  type WasmCode,
} from '#src/index.js';
import { host, inst, newStore, sig, wat, type Codes } from './support.js';

const PROGRAM = `(module
  (func $outer (export "outer") (call $middle))
  (func $middle (call $inner))
  (func $inner unreachable)
  (func (export "anonymous") unreachable))`;

/** Code calling function `callee` from the call at `offset`, adding its own frame to traps. */
function calls(funcIndex: number, callee: number, offset: number) {
  return (instance: InstanceHandle): WasmCode =>
    (fp) => {
      try {
        runChain(instance.funcs[callee]!.code, fp);
      } catch (e) {
        if (e instanceof Trap) e.addFrame({ funcIndex, offset, names: instance });
        throw e;
      }
      return undefined;
    };
}

/** Code trapping at `offset`. */
function traps(funcIndex: number, offset: number) {
  return (instance: InstanceHandle): WasmCode =>
    () => {
      throw new Trap(TrapCode.UnreachableCodeReached).addFrame({
        funcIndex,
        offset,
        names: instance,
      });
    };
}

const CODES: Codes = {
  0: calls(0, 1, 0x24),
  1: calls(1, 2, 0x2a),
  2: traps(2, 0x30),
  3: traps(3, 0x36),
};

function trapOf(body: () => unknown): Trap {
  try {
    body();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('expected a trap');
}

test('frames innermost first, named from the name section, formatted as Wasmtime does', () => {
  const store = newStore();
  const names = {
    module: 'prog',
    functions: [
      [0, 'outer'],
      [1, 'middle'],
      [2, 'inner'],
    ] as [number, string][],
  };
  const instance = inst(store, wat(PROGRAM, names), [], CODES);
  const trap = trapOf(() => callFunc(store, instance.exports.get('outer') as FuncInstance, []));
  assert.equal(
    trap.frames.map((f) => [f.funcIndex, f.offset]),
    [
      [2, 0x30],
      [1, 0x2a],
      [0, 0x24],
    ],
  );
  const backtrace = [
    '     0:     0x30 - prog!inner',
    '     1:     0x2a - prog!middle',
    '     2:     0x24 - prog!outer',
  ].join('\n');
  assert.is(trap.backtrace, backtrace);
  assert.is(String(trap), `wasm trap: unreachable\nwasm backtrace:\n${backtrace}`);
  // A function the name section does not name.
  const anonymous = trapOf(() =>
    callFunc(store, instance.exports.get('anonymous') as FuncInstance, []),
  );
  assert.is(anonymous.backtrace, '     0:     0x36 - prog!<wasm function 3>');
});

test('without a name section, or without names at all', () => {
  const store = newStore();
  const instance = inst(store, wat(PROGRAM), [], CODES);
  assert.is(instance.moduleName, null);
  const trap = trapOf(() => callFunc(store, instance.exports.get('outer') as FuncInstance, []));
  assert.is(trap.backtrace.split('\n')[0], '     0:     0x30 - <unknown>!<wasm function 2>');
  const bare = new Trap(TrapCode.IntegerDivisionByZero).addFrame({
    funcIndex: 12,
    offset: 0x1234,
    names: null,
  });
  assert.is(bare.backtrace, '     0:   0x1234 - <unknown>!<wasm function 12>');
  const none = new Trap(TrapCode.OutOfFuel);
  assert.is(String(none), 'wasm trap: all fuel consumed by WebAssembly');
  assert.is(none.backtrace, '');
  const custom = new Trap(TrapCode.GcHeapOutOfMemory, 'GC heap out of memory: more detail');
  assert.is(custom.code, TrapCode.GcHeapOutOfMemory);
  assert.is(custom.message, 'GC heap out of memory: more detail');
  assert.is(custom.name, 'Trap');
  assert.instance(custom, Error);
});

test('a trap crossing a host function keeps its identity and frames; the host adds none', () => {
  const store = newStore();
  // Function 0 is the import.
  const names = {
    module: 'prog',
    functions: [
      [1, 'outer'],
      [2, 'inner'],
    ] as [number, string][],
  };
  let seen: unknown = null;
  let inner: FuncInstance | null = null;
  const bridge = host(store, sig([], []), () => {
    try {
      callFunc(store, inner!, []);
    } catch (e) {
      seen = e;
      throw e; // let it through
    }
    return [];
  });
  const module = wat(
    `(module (import "m" "bridge" (func $bridge))
      (func $outer (export "outer") (call $bridge))
      (func $inner (export "inner") unreachable))`,
    names,
  );
  const instance = inst(store, module, [bridge], {
    1: calls(1, 0, 0x40),
    2: traps(2, 0x50),
  });
  inner = instance.exports.get('inner') as FuncInstance;
  const trap = trapOf(() => callFunc(store, instance.exports.get('outer') as FuncInstance, []));
  assert.is(trap, seen, 'the very trap the host saw');
  assert.equal(
    trap.frames.map((f) => f.funcIndex),
    [2, 1],
  );
  assert.is(trap.backtrace, '     0:     0x50 - prog!inner\n     1:     0x40 - prog!outer');
});

test.run();
