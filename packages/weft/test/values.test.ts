/**
 * Values crossing the API are checked against their types at every
 * boundary: Func.call arguments, host function results, Global.new/setValue,
 * Table.new/set/grow, Linker definitions. A mismatch is a TypeError naming
 * the function (or global, table, import), the index and the expected type.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Func,
  FuncType,
  Global,
  GlobalType,
  Linker,
  Module,
  Store,
  StoreError,
  Table,
  TableType,
  Val,
  ValType,
  V128,
  WasmException,
  Instance,
  type CallHookKind,
} from '#src/index.js';

const WAT = `(module
  (type $t (sub (func)))
  (type $u (sub $t (func)))
  (type $p (func (param i32)))
  (type $s (sub (struct (field i32))))
  (type $s2 (sub $s (struct (field i32) (field i64))))
  (type $other (struct (field f64)))
  (type $a (array i8))
  (tag $e (param i32))
  (func $tf (type $t))
  (func $uf (type $u))
  (elem declare func $tf $uf)
  (table $tab (export "tab") 2 (ref null $t))
  (global (export "g") (mut funcref) (ref.null func))
  (global (export "k") i32 (i32.const 1))
  (func (export "id32") (param i32) (result i32) (local.get 0))
  (func (export "id64") (param i64) (result i64) (local.get 0))
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "v128") (param v128) (result v128) (local.get 0))
  (func (export "run") (param (ref func)) (result i32) (i32.const 1))
  (func (export "funcref") (param funcref) (result funcref) (local.get 0))
  (func (export "callT") (param (ref null $t)) (result i32)
    (if (ref.is_null (local.get 0)) (then (return (i32.const 0))))
    (call_ref $t (local.get 0))
    (i32.const 1))
  (func (export "refT") (param (ref $t)))
  (func (export "extern") (param externref) (result externref) (local.get 0))
  (func (export "externNN") (param (ref extern)) (result (ref extern)) (local.get 0))
  (func (export "any") (param anyref) (result anyref) (local.get 0))
  (func (export "eq") (param eqref) (result eqref) (local.get 0))
  (func (export "i31") (param i31ref) (result i32)
    (if (ref.is_null (local.get 0)) (then (return (i32.const -1))))
    (i31.get_s (ref.cast (ref i31) (local.get 0))))
  (func (export "struct") (param structref) (result structref) (local.get 0))
  (func (export "array") (param arrayref) (result arrayref) (local.get 0))
  (func (export "s") (param (ref null $s)) (result i32)
    (if (ref.is_null (local.get 0)) (then (return (i32.const -1))))
    (struct.get $s 0 (local.get 0)))
  (func (export "exn") (param exnref) (result i32) (ref.is_null (local.get 0)))
  (func (export "exnNN") (param (ref exn)))
  (func (export "none") (param nullref))
  (func (export "nofunc") (param nullfuncref))
  (func (export "noextern") (param nullexternref))
  (func (export "mkT") (result (ref $t)) (ref.func $tf))
  (func (export "mkU") (result (ref $u)) (ref.func $uf))
  (func (export "mkS") (result (ref $s)) (struct.new $s (i32.const 7)))
  (func (export "mkS2") (result (ref $s2)) (struct.new $s2 (i32.const 8) (i64.const 9)))
  (func (export "mkOther") (result (ref $other)) (struct.new $other (f64.const 1)))
  (func (export "mkA") (result (ref $a)) (array.new_default $a (i32.const 3)))
  (func (export "throw") (throw $e (i32.const 5))))`;

interface Setup {
  engine: Engine;
  store: Store;
  instance: Instance;
  f(name: string): Func;
  call(name: string, ...args: unknown[]): unknown;
}

function setup(): Setup {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, WAT));
  const f = (name: string) => instance.getFunc(store, name)!;
  return { engine, store, instance, f, call: (name, ...args) => f(name).call(store, ...args) };
}

/** `(ref null 3)` spelled as messages spell it: with the type's definition. */
const spelled = (t: ValType, definition: string) => t.toString().replace(/\)$/, ` ${definition})`);

/** Asserts `fn` throws a TypeError with exactly `message`. */
function typeError(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, TypeError);
    assert.is((e as Error).message, message);
    return;
  }
  assert.unreachable(`expected a TypeError: ${message}`);
}

test('null for a non-nullable reference parameter', () => {
  const { call, f, store } = setup();
  typeError(() => call('run', null), "Func.call: argument 0 of 'run' must be (ref func), got null");
  assert.is(call('run', f('run')), 1);
  typeError(
    () => call('externNN', null),
    "Func.call: argument 0 of 'externNN' must be (ref extern), got null",
  );
  const refT = f('refT');
  const t = spelled(refT.type(store).params[0]!, '(func)');
  assert.match(t, /^\(ref \d+ \(func\)\)$/);
  typeError(() => call('refT', null), `Func.call: argument 0 of 'refT' must be ${t}, got null`);
  typeError(
    () => call('exnNN', null),
    "Func.call: argument 0 of 'exnNN' must be (ref exn), got null",
  );
});

test('funcref takes a Func of this store or null, nothing else', () => {
  const { call, f, engine } = setup();
  assert.is(call('funcref', null), null);
  assert.is(call('funcref', f('run')), f('run'));
  for (const [v, shown] of [
    [5, '5'],
    ['f', '"f"'],
    [{}, 'an object'],
    [undefined, 'undefined'],
    [() => 1, 'a JS function'],
  ] as const) {
    typeError(
      () => call('funcref', v),
      `Func.call: argument 0 of 'funcref' must be funcref, got ${shown}`,
    );
  }
  const other = new Store(engine);
  const foreign = Func.new(other, new FuncType([], []), () => {});
  assert.throws(
    () => call('funcref', foreign),
    (e: unknown) => e instanceof StoreError,
  );
});

test('(ref null $t) takes a Func whose type is $t or a subtype of it', () => {
  const { call, f, store } = setup();
  const tf = call('mkT') as Func;
  const uf = call('mkU') as Func;
  assert.is(call('callT', tf), 1);
  assert.is(call('callT', uf), 1, 'a subtype');
  assert.is(call('callT', null), 0);
  // $t is not final, so a host function of type (func), which is, is another type.
  const host = Func.new(store, new FuncType([], []), () => {});
  const wrong = Func.new(store, new FuncType([ValType.i32()], []), () => {});
  const t = spelled(f('callT').type(store).params[0]!, '(func)');
  assert.match(t, /^\(ref null \d+ \(func\)\)$/);
  typeError(
    () => call('callT', wrong),
    `Func.call: argument 0 of 'callT' must be ${t}, got a function of type (func (param i32))`,
  );
  typeError(
    () => call('callT', host),
    `Func.call: argument 0 of 'callT' must be ${t}, got a function of type (func)`,
  );
  typeError(() => call('callT', 5), `Func.call: argument 0 of 'callT' must be ${t}, got 5`);
});

test('externref takes any JS value; null is the null reference', () => {
  const { call } = setup();
  const o = { x: 1 };
  for (const v of [o, 5, 1.5, 'text', 7n, undefined, true, Symbol.iterator]) {
    assert.is(call('extern', v), v);
  }
  assert.is(call('extern', null), null);
  assert.is(call('externNN', undefined), undefined, 'undefined is a value, not null');
});

test('anyref: wasm objects, i31 numbers, and other host values internalized', () => {
  const { call } = setup();
  const s = call('mkS');
  assert.is(call('any', s), s);
  assert.is(call('any', 5), 5);
  assert.is(call('any', 1.5), 1.5);
  assert.is(call('any', 2 ** 40), 2 ** 40);
  const o = {};
  assert.is(call('any', o), o);
  assert.is(call('any', null), null);
});

test('eqref and i31ref: structs, arrays and i31-range integers only', () => {
  const { call } = setup();
  const s = call('mkS');
  const a = call('mkA');
  assert.is(call('eq', s), s);
  assert.is(call('eq', a), a);
  assert.is(call('eq', -5), -5);
  assert.is(call('eq', null), null);
  for (const [v, shown] of [
    [2 ** 30, String(2 ** 30)],
    [1.5, '1.5'],
    [{}, 'an object'],
    ['5', '"5"'],
  ] as const) {
    typeError(() => call('eq', v), `Func.call: argument 0 of 'eq' must be eqref, got ${shown}`);
  }
  assert.is(call('i31', 2 ** 30 - 1), 2 ** 30 - 1);
  assert.is(call('i31', -(2 ** 30)), -(2 ** 30));
  assert.is(call('i31', -0), 0);
  assert.is(call('i31', null), -1);
  for (const [v, shown] of [
    [2 ** 30, String(2 ** 30)],
    [-(2 ** 30) - 1, String(-(2 ** 30) - 1)],
    [0.5, '0.5'],
    [NaN, 'NaN'],
    [5n, '5n'],
  ] as const) {
    typeError(() => call('i31', v), `Func.call: argument 0 of 'i31' must be i31ref, got ${shown}`);
  }
  assert.throws(
    () => call('i31', s),
    /^Func.call: argument 0 of 'i31' must be i31ref, got a struct of type \d+ \(struct \(field i32\)\)$/,
  );
});

test('structref, arrayref and (ref null $s) check kinds and subtyping', () => {
  const { call, f, store } = setup();
  const s = call('mkS');
  const s2 = call('mkS2');
  const other = call('mkOther');
  const a = call('mkA');
  assert.is(call('struct', s), s);
  assert.is(call('array', a), a);
  assert.throws(
    () => call('struct', a),
    /^Func.call: argument 0 of 'struct' must be structref, got an array of type \d+ \(array i8\)$/,
  );
  assert.throws(
    () => call('array', s),
    /must be arrayref, got a struct of type \d+ \(struct \(field i32\)\)$/,
  );
  assert.is(call('s', s), 7);
  assert.is(call('s', s2), 8, 'a subtype');
  const t = spelled(f('s').type(store).params[0]!, '(struct (field i32))');
  const otherType = (other as { typeId: number }).typeId;
  typeError(
    () => call('s', other),
    `Func.call: argument 0 of 's' must be ${t}, got a struct of type ${otherType} (struct (field f64))`,
  );
  typeError(() => call('s', {}), `Func.call: argument 0 of 's' must be ${t}, got an object`);
});

test('exnref takes exceptions wasm threw', () => {
  const { call } = setup();
  let exn: unknown = null;
  try {
    call('throw');
  } catch (e) {
    exn = e;
  }
  assert.instance(exn, WasmException);
  assert.is(call('exn', exn), 0);
  assert.is(call('exn', null), 1);
  typeError(
    () => call('exn', new Error('x')),
    "Func.call: argument 0 of 'exn' must be exnref, got an Error",
  );
});

test('the bottom reference types take only null', () => {
  const { call, f } = setup();
  call('none', null);
  call('nofunc', null);
  call('noextern', null);
  typeError(() => call('none', 1), "Func.call: argument 0 of 'none' must be nullref, got 1");
  typeError(
    () => call('nofunc', f('run')),
    "Func.call: argument 0 of 'nofunc' must be nullfuncref, got a function of type (func (param (ref func)) (result i32))",
  );
  typeError(
    () => call('noextern', {}),
    "Func.call: argument 0 of 'noextern' must be nullexternref, got an object",
  );
});

test('i32: integers in the signed or unsigned 32-bit range; Val.i32 wraps', () => {
  const { call } = setup();
  assert.is(call('id32', 5), 5);
  assert.is(call('id32', -(2 ** 31)), -(2 ** 31));
  assert.is(call('id32', 0xffffffff), -1);
  assert.is(call('id32', -0), 0);
  assert.is(call('id32', Val.i32(2 ** 32 + 3)), 3);
  for (const [v, shown] of [
    [5n, '5n'],
    ['5', '"5"'],
    [1.5, '1.5'],
    [2 ** 32, String(2 ** 32)],
    [-(2 ** 31) - 1, String(-(2 ** 31) - 1)],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [null, 'null'],
    [Val.i64(1n), 'Val.i64(1n)'],
  ] as const) {
    typeError(() => call('id32', v), `Func.call: argument 0 of 'id32' must be i32, got ${shown}`);
  }
});

test('i64: bigints in the signed or unsigned 64-bit range, or safe-integer numbers', () => {
  const { call } = setup();
  assert.is(call('id64', 5n), 5n);
  assert.is(call('id64', 5), 5n);
  assert.is(call('id64', -(2 ** 53) + 1), BigInt(-(2 ** 53) + 1));
  assert.is(call('id64', 2 ** 53 - 1), BigInt(2 ** 53 - 1));
  assert.is(call('id64', (1n << 64n) - 1n), -1n);
  assert.is(call('id64', -(1n << 63n)), -(1n << 63n));
  assert.is(call('id64', Val.i64(1n << 64n)), 0n);
  for (const [v, shown] of [
    [1.5, '1.5'],
    [2 ** 53, String(2 ** 53)],
    [-(2 ** 60), String(-(2 ** 60))],
    [NaN, 'NaN'],
    [1n << 64n, `${1n << 64n}n`],
    [-(1n << 63n) - 1n, `${-(1n << 63n) - 1n}n`],
    ['5', '"5"'],
    [Val.i32(1), 'Val.i32(1)'],
  ] as const) {
    typeError(() => call('id64', v), `Func.call: argument 0 of 'id64' must be i64, got ${shown}`);
  }
});

test('f32 and f64: numbers, or Vals of the same type', () => {
  const { call } = setup();
  assert.is(call('f64', 1.5), 1.5);
  assert.is(call('f32', 1.5), 1.5);
  assert.is(call('f64', Val.f64Bits(0x3ff8000000000000n)), 1.5);
  typeError(() => call('f64', 1n), "Func.call: argument 0 of 'f64' must be f64, got 1n");
  typeError(() => call('f32', 1n), "Func.call: argument 0 of 'f32' must be f32, got 1n");
  typeError(() => call('f64', '1'), 'Func.call: argument 0 of \'f64\' must be f64, got "1"');
  typeError(
    () => call('f64', Val.f32Bits(0x3fc00000)),
    "Func.call: argument 0 of 'f64' must be f64, got Val.f32(1.5)",
  );
  const v = new V128(new Uint8Array(16).fill(1));
  assert.ok((call('v128', v) as V128).equals(v));
  typeError(
    () => call('v128', [1, 2]),
    "Func.call: argument 0 of 'v128' must be v128, got an Array",
  );
});

test('the wrong number of arguments names the function', () => {
  const { call } = setup();
  typeError(() => call('id32'), "Func.call: 'id32' takes 1 argument, got 0");
  typeError(() => call('mkT', 1), "Func.call: 'mkT' takes 0 arguments, got 1");
});

test('a rejected argument stops the call before wasm is entered', () => {
  const { store, call } = setup();
  const seen: CallHookKind[] = [];
  store.setCallHook((k) => seen.push(k));
  assert.throws(() => call('callT', 5), TypeError);
  assert.equal(seen, []);
});

test('host function results are checked, naming the Linker definition', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  let result: unknown = null;
  const seen: CallHookKind[] = [];
  const linker = new Linker(engine)
    .func(store, 'env', 'getf', new FuncType([], [ValType.funcref()]), () => result)
    .func(store, 'env', 'pair', new FuncType([], [ValType.i32(), ValType.i64()]), () => result);
  const module = new Module(
    engine,
    `(module
      (type $p (func (param i32)))
      (import "env" "getf" (func $getf (result funcref)))
      (import "env" "pair" (func $pair (result i32 i64)))
      (import "env" "nn" (func $nn (result (ref $p))))
      (func (export "getf") (result funcref) (call $getf))
      (func (export "pair") (result i32 i64) (call $pair))
      (func (export "nn") (result (ref $p)) (call $nn)))`,
  );
  const p = Func.new(store, new FuncType([ValType.i32()], []), () => {});
  const nnType = module.imports[2]!.type as FuncType;
  linker.func(store, 'env', 'nn', nnType, () => result);
  const instance = linker.instantiate(store, module);
  const call = (name: string) => instance.getFunc(store, name)!.call(store);
  store.setCallHook((k) => seen.push(k));
  result = 5;
  typeError(() => call('getf'), "result 0 of host function 'env.getf' must be funcref, got 5");
  assert.equal(seen, ['CallingWasm', 'CallingHost', 'ReturningFromHost', 'ReturningFromWasm']);
  result = p;
  assert.is(call('getf'), p);
  result = null;
  assert.is(call('getf'), null);
  result = [1, 2.5];
  typeError(() => call('pair'), "result 1 of host function 'env.pair' must be i64, got 2.5");
  result = [1n, 2n];
  typeError(() => call('pair'), "result 0 of host function 'env.pair' must be i32, got 1n");
  result = 1;
  typeError(
    () => call('pair'),
    "host function 'env.pair' must return an array of 2 results, got 1",
  );
  result = [1, 2n];
  assert.equal(call('pair'), [1, 2n]);
  result = [0xffffffff, 2];
  assert.equal(call('pair'), [-1, 2n], 'an unsigned i32, a safe-integer i64');
  result = null;
  const t = spelled(nnType.results[0]!, '(func (param i32))');
  assert.match(t, /^\(ref \d+ \(func \(param i32\)\)\)$/);
  typeError(() => call('nn'), `result 0 of host function 'env.nn' must be ${t}, got null`);
  result = Func.new(store, new FuncType([], []), () => {});
  typeError(
    () => call('nn'),
    `result 0 of host function 'env.nn' must be ${t}, got a function of type (func)`,
  );
  result = p;
  assert.is(call('nn'), p);
});

test('Global.new and Global.setValue check values', () => {
  const { store, instance } = setup();
  const funcrefG = new GlobalType(ValType.funcref(), true);
  typeError(() => Global.new(store, funcrefG, 5), 'Global.new: value must be funcref, got 5');
  typeError(
    () => Global.new(store, new GlobalType(ValType.i64(), false), 1.5),
    'Global.new: value must be i64, got 1.5',
  );
  typeError(
    () => Global.new(store, new GlobalType(ValType.i32(), false), undefined),
    'Global.new: value must be i32, got undefined',
  );
  const g = instance.getGlobal(store, 'g')!;
  typeError(
    () => g.setValue(store, 'x'),
    'Global.setValue: value for global \'g\' must be funcref, got "x"',
  );
  const unnamed = Global.new(store, funcrefG, null);
  typeError(() => unnamed.setValue(store, 1), 'Global.setValue: value must be funcref, got 1');
  typeError(
    () => instance.getGlobal(store, 'k')!.setValue(store, 2),
    "Global.setValue: global 'k' is immutable",
  );
  // A non-nullable global type, from a function type read back from wasm.
  const nn = instance.getFunc(store, 'run')!.type(store).params[0]!;
  typeError(
    () => Global.new(store, new GlobalType(nn, false), null),
    'Global.new: value must be (ref func), got null',
  );
  const ok = Global.new(store, new GlobalType(nn, false), instance.getFunc(store, 'run'));
  assert.is(ok.value(store), instance.getFunc(store, 'run'));
});

test('Table.new, Table.set and Table.grow check values', () => {
  const { store, instance, call } = setup();
  typeError(
    () => Table.new(store, new TableType(ValType.funcref(), 2), 7),
    'Table.new: init value must be funcref, got 7',
  );
  const nn = instance.getFunc(store, 'run')!.type(store).params[0]!;
  typeError(
    () => Table.new(store, new TableType(nn, 2)),
    'Table.new: init value must be (ref func), got null',
  );
  const full = Table.new(store, new TableType(nn, 2), instance.getFunc(store, 'run'));
  assert.is(full.get(store, 1), instance.getFunc(store, 'run'));
  typeError(() => full.set(store, 0, null), 'Table.set: value must be (ref func), got null');
  typeError(() => full.grow(store, 1), 'Table.grow: init value must be (ref func), got null');
  assert.is(full.size(store), 2);
  const tab = instance.getTable(store, 'tab')!;
  const t = spelled(tab.type(store).element, '(func)');
  const wrong = Func.new(store, new FuncType([ValType.i32()], []), () => {});
  typeError(
    () => tab.set(store, 0, wrong),
    `Table.set: value for table 'tab' must be ${t}, got a function of type (func (param i32))`,
  );
  typeError(
    () => tab.grow(store, 1, 'x'),
    `Table.grow: init value for table 'tab' must be ${t}, got "x"`,
  );
  tab.set(store, 0, call('mkU'));
  assert.is(tab.get(store, 0), call('mkU'));
  typeError(
    () => Table.new(store, new TableType(ValType.i32(), 1)),
    'Table.new: a table holds references, not i32',
  );
});

test('Linker.define and new Instance take extern handles only', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  typeError(
    () => new Linker(engine).define(store, 'env', 'g', 5 as never),
    'Linker.define: "env" "g" must be a Func, Memory, SharedMemory, Table, Global or Tag, got 5',
  );
  const module = new Module(engine, '(module (import "env" "f" (func)))');
  typeError(
    () => new Instance(store, module, [(() => {}) as never]),
    'new Instance: import 0 ("env" "f") must be a Func, Memory, SharedMemory, Table, Global or Tag, got a JS function',
  );
});

test.run();
