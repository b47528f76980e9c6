import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { ResourceLimitError } from '@weft/runtime';
import {
  Config,
  Engine,
  LinkError,
  Linker,
  Memory,
  MemoryType,
  Module,
  Store,
  Table,
  TableType,
  Trap,
  TrapCode,
  ValType,
  type ConfigOptions,
  type Instance,
} from '#src/index.js';

const MiB = 2 ** 20;

function setup(wat: string, options: ConfigOptions = {}): { store: Store; engine: Engine } {
  const engine = new Engine(new Config({ textParser: parseWat, ...options }));
  return { store: new Store(engine), engine };
}

function instantiate(store: Store, wat: string): Instance {
  return new Linker(store.engine).instantiate(store, new Module(store.engine, wat));
}

/** Asserts `body` throws a ResourceLimitError (a LinkError) naming `limit` and matching `message`. */
function refused(body: () => unknown, limit: string, message: RegExp): void {
  assert.throws(body, (e: unknown) => {
    assert.instance(e, LinkError);
    assert.instance(e, ResourceLimitError);
    assert.is((e as ResourceLimitError).limit, limit);
    assert.match((e as Error).message, message);
    return true;
  });
}

const repeat = (n: number, text: string) => Array.from({ length: n }, () => text).join(' ');

test('the default GC budget is read from the host only when a store allocates a GC object', () => {
  // Node's v8 module (the heap limit) took ~4 ms to load; a program without
  // GC objects never needs it.
  const probe = `
    const loaded = () => process.moduleLoadList.includes('NativeModule v8');
    const { Config, Engine, Linker, Module, Store } = await import(${JSON.stringify(import.meta.resolve('#src/index.js'))});
    const { parseWat } = await import('@weft/wast');
    const engine = new Engine(new Config({ textParser: parseWat }));
    const store = new Store(engine);
    const wat = '(module (type $a (array (mut i32))) (func (export "n") (result i32) (i32.const 7)) (func (export "gc") (result i32) (array.len (array.new_default $a (i32.const 4)))))';
    const instance = new Linker(engine).instantiate(store, new Module(engine, wat));
    const seen = [loaded(), instance.getFunc(store, 'n').call(store), loaded()];
    seen.push(instance.getFunc(store, 'gc').call(store), loaded(), engine.config.maxGcHeapBytes >= 16 * 2 ** 20);
    console.log(JSON.stringify(seen));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
    encoding: 'utf8',
  });
  assert.equal(JSON.parse(out), [false, 7, false, 4, true, true]);
});

test('a GC budget set on the config or the store is the one enforced', () => {
  const config = new Config({ maxGcHeapBytes: 16 * MiB });
  assert.is(config.maxGcHeapBytes, 16 * MiB);
  config.maxGcHeapBytes = 20 * MiB;
  const engine = new Engine(config);
  assert.is(new Store(engine).limits.maxGcHeapBytes, 20 * MiB);
  assert.is(new Store(engine, undefined, { maxGcHeapBytes: MiB }).limits.maxGcHeapBytes, MiB);
  assert.ok(new Store(new Engine()).limits.maxGcHeapBytes >= 16 * MiB);
});

test('100 tables of ten million elements: refused at instantiation, nothing allocated', () => {
  const { store } = setup('');
  const started = performance.now();
  refused(
    () => instantiate(store, `(module ${repeat(100, '(table 10000000 funcref)')})`),
    'maxTableElements',
    /cannot allocate table 1: the store's tables would total 20000000 elements, above the limit of 10000000 \(maxTableElements\)/,
  );
  assert.ok(performance.now() - started < 2000);
  assert.equal(store.usage.tableElements, 0, 'the table allocated first was given back');
  assert.is(store.usage.instances, 0);
  assert.is(store.usage.tables, 0);
});

test('eight 48 MiB memories do not instantiate under a 64 MiB store limit', () => {
  const { store } = setup('', { maxMemoryBytes: 64 * MiB });
  refused(
    () => instantiate(store, `(module ${repeat(8, '(memory 768)')})`),
    'maxMemoryBytes',
    /cannot allocate memory 1: the store's memories would total 96 MiB, above the limit of 64 MiB/,
  );
  assert.is(store.usage.memoryBytes, 0);
  // One of them fits.
  instantiate(store, '(module (memory 768))');
  assert.is(store.usage.memoryBytes, 48 * MiB);
});

test('sixteen 4 GiB memories do not instantiate under the defaults', () => {
  const { store } = setup('');
  refused(
    () => instantiate(store, `(module ${repeat(16, '(memory 65536)')})`),
    'maxMemoryBytes',
    /memories would total 8 GiB, above the limit of 4 GiB/,
  );
  assert.is(store.usage.memoryBytes, 0);
});

test('per-item limits and counts, as Wasmtime StoreLimits', () => {
  const { store } = setup('', { maxMemorySize: MiB, maxTableSize: 100, maxInstances: 1 });
  refused(
    () => instantiate(store, '(module (memory 17))'),
    'maxMemorySize',
    /exceeds the limit of 1 MiB per memory/,
  );
  refused(() => instantiate(store, '(module (table 101 funcref))'), 'maxTableSize', /per table/);
  instantiate(store, '(module)');
  refused(
    () => instantiate(store, '(module)'),
    'maxInstances',
    /2 instances, above the limit of 1/,
  );
  // A store can override its engine's limits.
  const roomy = new Store(store.engine, undefined, { maxInstances: 5 });
  instantiate(roomy, '(module)');
  instantiate(roomy, '(module)');
  assert.is(roomy.limits.maxMemorySize, MiB, 'the other limits come from the engine');
});

test("the embedder's Memory.new and Table.new obey the same limits", () => {
  const { store } = setup('', { maxMemoryBytes: 2 * MiB, maxTableElements: 1000, maxMemories: 3 });
  const m = Memory.new(store, new MemoryType(16));
  refused(() => Memory.new(store, new MemoryType(17)), 'maxMemoryBytes', /above the limit/);
  Table.new(store, new TableType(ValType.funcref(), 600));
  refused(
    () => Table.new(store, new TableType(ValType.funcref(), 600)),
    'maxTableElements',
    /1200 elements/,
  );
  assert.throws(() => m.grow(store, 17), /failed to grow memory by 17 pages: .*maxMemoryBytes/);
  Memory.new(store, new MemoryType(0));
  Memory.new(store, new MemoryType(0));
  refused(() => Memory.new(store, new MemoryType(0)), 'maxMemories', /4 memories/);
});

test('memory.grow and table.grow return -1 past a limit, and the store says which', () => {
  const { store } = setup('', { maxMemoryBytes: 4 * MiB, maxTableElements: 1000 });
  const i = instantiate(
    store,
    `(module (memory 1) (table 10 funcref)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`,
  );
  const grow = i.getFunc(store, 'grow')!;
  const tgrow = i.getFunc(store, 'tgrow')!;
  assert.is(grow.call(store, 63), 1);
  assert.is(grow.call(store, 1), -1);
  assert.is(store.limitHit?.limit, 'maxMemoryBytes');
  assert.is(tgrow.call(store, 990), 10);
  assert.is(tgrow.call(store, 1), -1);
  assert.is(store.limitHit?.limit, 'maxTableElements');
});

test('Memory.data and Memory.view cover exactly the memory, not its growth headroom', () => {
  const { store } = setup('');
  const i = instantiate(
    store,
    `(module (memory (export "m") 1)
      (func (export "grow") (result i32) (memory.grow (i32.const 1)))
      (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`,
  );
  const m = i.getMemory(store, 'm')!;
  const grow = i.getFunc(store, 'grow')!;
  for (let n = 1; n < 10; n++) {
    assert.is(grow.call(store), n);
    assert.is(m.data(store).length, (n + 1) * Memory.PAGE_SIZE);
    assert.is(m.view(store).byteLength, (n + 1) * Memory.PAGE_SIZE);
  }
  i.getFunc(store, 'store')!.call(store, 10 * Memory.PAGE_SIZE - 1, 9);
  assert.is(m.data(store)[10 * Memory.PAGE_SIZE - 1], 9);
  assert.throws(
    () => i.getFunc(store, 'store')!.call(store, 10 * Memory.PAGE_SIZE, 9),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.MemoryOutOfBounds,
    'the headroom past the size is out of bounds',
  );
});

test('every access path checks the size, not the capacity: loads, SIMD, bulk ops', () => {
  const { store } = setup('');
  const i = instantiate(
    store,
    `(module (memory 1)
      (func (export "grow") (result i32) (memory.grow (i32.const 1)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "v128") (param i32) (result i32) (i32x4.extract_lane 0 (v128.load (local.get 0))))
      (func (export "vstore") (param i32) (v128.store (local.get 0) (v128.const i32x4 1 2 3 4)))
      (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 1) (local.get 1)))
      (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2))))`,
  );
  const f = (name: string) => i.getFunc(store, name)!;
  const oob = (e: unknown) => e instanceof Trap && e.code === TrapCode.MemoryOutOfBounds;
  for (let n = 1; n < 5; n++) f('grow').call(store); // 5 pages, with headroom past them
  const end = 5 * Memory.PAGE_SIZE;
  assert.is(f('load').call(store, end - 4), 0);
  assert.throws(() => f('load').call(store, end - 3), oob);
  assert.is(f('v128').call(store, end - 16), 0);
  assert.throws(() => f('v128').call(store, end - 15), oob);
  assert.throws(() => f('vstore').call(store, end - 8), oob);
  assert.throws(() => f('fill').call(store, end - 1, 2), oob);
  assert.throws(() => f('copy').call(store, end - 1, 0, 2), oob);
  assert.throws(() => f('copy').call(store, 0, end - 1, 2), oob);
  f('grow').call(store);
  assert.is(f('load').call(store, end), 0, 'grown bytes are zero');
});

test('tables: sparse storage behaves as the spec table everywhere', () => {
  const { store } = setup('');
  const i = instantiate(
    store,
    `(module
      (type $t (func (result i32)))
      (table $tab (export "t") 10000000 funcref)
      (func $f (type $t) (i32.const 7))
      (elem (table $tab) (i32.const 99990) func $f)
      (func (export "call") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
      (func (export "isnull") (param i32) (result i32) (ref.is_null (table.get $tab (local.get 0))))
      (func (export "fill") (param i32 i32) (table.fill $tab (local.get 0) (ref.func $f) (local.get 1)))
      (func (export "copy") (param i32 i32 i32) (table.copy $tab $tab (local.get 0) (local.get 1) (local.get 2))))`,
  );
  const call = i.getFunc(store, 'call')!;
  const isnull = i.getFunc(store, 'isnull')!;
  assert.is(call.call(store, 99990), 7);
  assert.throws(
    () => call.call(store, 5),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.IndirectCallToNull,
  );
  assert.throws(
    () => call.call(store, 10_000_000),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.UndefinedElement,
  );
  assert.is(isnull.call(store, 9_999_999), 1);
  i.getFunc(store, 'fill')!.call(store, 100, 2);
  assert.is(call.call(store, 101), 7);
  assert.is(isnull.call(store, 102), 1);
  i.getFunc(store, 'copy')!.call(store, 0, 99989, 3);
  assert.equal(
    [0, 1, 2].map((n) => isnull.call(store, n)),
    [1, 0, 1],
  );
  const t = i.getTable(store, 't')!;
  assert.is(t.size(store), 10_000_000);
  assert.ok(t.get(store, 1) !== null);
  assert.ok(t.get(store, 5) === null);
  assert.ok(t.get(store, 99990) !== null);
});

test('tables with an initial value expression, small (stored whole) and large (sparse)', () => {
  const { store } = setup('');
  const i = instantiate(
    store,
    `(module
      (func $f (result i32) (i32.const 5))
      (table $small 10 funcref (ref.func $f))
      (table $large 100000 funcref (ref.func $f))
      (func (export "small") (param i32) (result i32) (call_indirect $small (result i32) (local.get 0)))
      (func (export "large") (param i32) (result i32) (call_indirect $large (result i32) (local.get 0)))
      (func (export "grow") (result i32) (table.grow $large (ref.null func) (i32.const 1))))`,
  );
  assert.is(i.getFunc(store, 'small')!.call(store, 9), 5);
  assert.is(i.getFunc(store, 'large')!.call(store, 99_999), 5);
  assert.is(i.getFunc(store, 'grow')!.call(store), 100_000);
  assert.throws(
    () => i.getFunc(store, 'large')!.call(store, 100_000),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.IndirectCallToNull,
  );
  assert.is(i.getFunc(store, 'large')!.call(store, 99_999), 5);
});

test('GC: a loop keeping every struct alive traps once the budget is spent, the store lives on', () => {
  const { store } = setup('', { maxGcHeapBytes: 16 * MiB });
  const i = instantiate(
    store,
    `(module
      (type $node (struct (field i32) (field (ref null $node))))
      (global $head (mut (ref null $node)) (ref.null $node))
      (func (export "keep") (param $n i32) (result i32)
        (loop $l
          (global.set $head (struct.new $node (local.get $n) (global.get $head)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (i32.const 1))
      (func (export "churn") (param $n i32) (result i32)
        (loop $l
          (drop (struct.new $node (local.get $n) (ref.null $node)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (i32.const 1))
      (func (export "reset") (global.set $head (ref.null $node))))`,
  );
  // Garbage never counts: ten times the budget, freed as it goes.
  assert.is(i.getFunc(store, 'churn')!.call(store, 2_000_000), 1);
  assert.throws(
    () => i.getFunc(store, 'keep')!.call(store, 100_000_000),
    (e: unknown) =>
      e instanceof Trap &&
      e.code === TrapCode.GcHeapOutOfMemory &&
      /GC heap out of memory: .* above the limit of 16 MiB \(maxGcHeapBytes\)/.test(e.message),
  );
  assert.is(store.limitHit?.limit, 'maxGcHeapBytes');
  i.getFunc(store, 'reset')!.call(store);
  assert.is(i.getFunc(store, 'keep')!.call(store, 1000), 1, 'dropped objects are budget again');
});

test('GC: one huge array traps before its storage exists, in code and in constant expressions', () => {
  const { store } = setup('', { maxGcHeapBytes: 16 * MiB });
  const i = instantiate(
    store,
    `(module (type $a (array (mut i64)))
      (func (export "make") (param i32) (result i32) (array.len (array.new_default $a (local.get 0)))))`,
  );
  assert.is(i.getFunc(store, 'make')!.call(store, 1000), 1000);
  assert.throws(
    () => i.getFunc(store, 'make')!.call(store, 200_000_000),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.GcHeapOutOfMemory,
  );
  assert.throws(
    () =>
      instantiate(
        store,
        `(module (type $a (array (mut anyref)))
          (global (ref $a) (array.new $a (ref.null any) (i32.const -1))))`,
      ),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.GcHeapOutOfMemory,
  );
});

test('Config: maxMemoryBytes is a store-wide budget, checked values', () => {
  const c = new Config({ textParser: parseWat, maxMemoryBytes: 64 * MiB });
  assert.is(c.maxMemoryBytes, 64 * MiB);
  assert.is(c.maxMemorySize, Config.DEFAULTS.maxMemorySize);
  assert.throws(
    () => new Config({ textParser: parseWat, maxCallDepth: 0 }),
    /maxCallDepth must be positive/,
  );
  assert.throws(
    () => new Config({ textParser: parseWat, maxTableElements: -5 }),
    /maxTableElements must be/,
  );
});

test.run();
