/**
 * Embedder limiters (`store.limiter`, `StoreLimitsBuilder`), as Wasmtime's
 * `ResourceLimiter`: decisions on every growth and creation, notifications
 * of failed growths, counts, errors thrown from the limiter, and the
 * store's own limits still applying first.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Linker,
  Memory,
  MemoryType,
  Module,
  ResourceLimitError,
  Store,
  StoreLimitsBuilder,
  Table,
  TableType,
  Trap,
  ValType,
  type Instance,
  type ResourceLimiter,
} from '#src/index.js';

const PAGE = 65536;

const GROWER = `(module (memory (export "m") 1 4) (table 2 10 funcref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
  (func (export "size") (result i32) (memory.size)))`;

function instantiate(store: Store, wat: string): Instance {
  return new Linker(store.engine).instantiate(store, new Module(store.engine, wat));
}

function call(store: Store, i: Instance, name: string, ...args: number[]): unknown {
  return i.getFunc(store, name)!.call(store, ...args);
}

/** A limiter that records every question and answers with `allow`. */
class Recorder implements ResourceLimiter {
  log: string[] = [];
  constructor(public allow: (kind: string, desired: number) => boolean = () => true) {}
  memoryGrowing(current: number, desired: number, maximum: number | null): boolean {
    this.log.push(`memory ${current}->${desired} max ${maximum}`);
    return this.allow('memory', desired);
  }
  tableGrowing(current: number, desired: number, maximum: number | null): boolean {
    this.log.push(`table ${current}->${desired} max ${maximum}`);
    return this.allow('table', desired);
  }
  memoryGrowFailed(error: Error): void {
    this.log.push(`memory failed: ${error.message}`);
  }
  tableGrowFailed(error: Error): void {
    this.log.push(`table failed: ${error.message}`);
  }
}

test('the limiter is asked about creation and every growth, with current, desired and maximum', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  const limiter = new Recorder((kind, desired) => kind !== 'memory' || desired <= 2 * PAGE);
  store.limiter(() => limiter);
  const i = instantiate(store, GROWER);
  assert.equal(limiter.log, [`memory 0->${PAGE} max ${4 * PAGE}`, 'table 0->2 max 10']);
  limiter.log = [];
  assert.is(call(store, i, 'grow', 1), 1);
  assert.is(call(store, i, 'grow', 1), -1, 'denied: memory.grow returns -1');
  assert.is(store.limitHit?.limit, 'limiter');
  assert.is(call(store, i, 'size'), 2, 'the memory kept its size');
  assert.is(call(store, i, 'tgrow', 3), 2);
  assert.equal(limiter.log, [
    `memory ${PAGE}->${2 * PAGE} max ${4 * PAGE}`,
    `memory ${2 * PAGE}->${3 * PAGE} max ${4 * PAGE}`,
    'table 2->5 max 10',
  ]);
});

test('growth past the declared maximum: asked first, then told it failed', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  const limiter = new Recorder();
  store.limiter(() => limiter);
  const i = instantiate(store, GROWER);
  limiter.log = [];
  assert.is(call(store, i, 'grow', 4), -1);
  assert.is(call(store, i, 'tgrow', 9), -1);
  assert.equal(limiter.log, [
    `memory ${PAGE}->${5 * PAGE} max ${4 * PAGE}`,
    'memory failed: a memory of 320 KiB exceeds its maximum of 256 KiB',
    'table 2->11 max 10',
    'table failed: a table of 11 elements exceeds its maximum of 10',
  ]);
  assert.is(store.limitHit, null, "a module's own maximum is not a store limit");
});

test('shared memories: the same questions and notifications', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  const limiter = new Recorder((_, desired) => desired <= 2 * PAGE);
  store.limiter(() => limiter);
  const i = instantiate(
    store,
    `(module (memory 1 3 shared)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
  );
  limiter.log = [];
  assert.is(call(store, i, 'grow', 1), 1);
  assert.is(call(store, i, 'grow', 1), -1, 'denied');
  limiter.allow = () => true;
  assert.is(call(store, i, 'grow', 2), -1, 'past the maximum');
  assert.equal(limiter.log, [
    `memory ${PAGE}->${2 * PAGE} max ${3 * PAGE}`,
    `memory ${2 * PAGE}->${3 * PAGE} max ${3 * PAGE}`,
    `memory ${2 * PAGE}->${4 * PAGE} max ${3 * PAGE}`,
    'memory failed: a memory of 256 KiB exceeds its maximum of 192 KiB',
  ]);
});

test('a limiter that throws fails the wasm call with its own error, not a trap; the store lives on', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  const boom = new Error('no more memory for this tenant');
  const limiter = new Recorder((kind) => {
    if (kind === 'memory') throw boom;
    return true;
  });
  const i = instantiate(store, GROWER);
  store.limiter(() => limiter);
  assert.throws(
    () => call(store, i, 'grow', 1),
    (e: unknown) => e === boom && !(e instanceof Trap),
  );
  // A throwing notification fails the call too.
  limiter.allow = () => true;
  limiter.tableGrowFailed = (error) => {
    throw new Error(`tenant table: ${error.message}`);
  };
  assert.throws(() => call(store, i, 'tgrow', 20), /tenant table: a table of 22 elements/);
  store.limiter(null);
  assert.is(call(store, i, 'grow', 1), 1, 'the store is usable, the memory unchanged');
  assert.is(call(store, i, 'tgrow', 1), 2);
});

test('the limiter comes from the store data at each decision', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const strict = new StoreLimitsBuilder().memorySize(PAGE).build();
  const store = new Store(engine, { limits: strict });
  store.limiter((data) => data.limits);
  const i = instantiate(store, GROWER);
  assert.is(call(store, i, 'grow', 1), -1);
  store.data.limits = new StoreLimitsBuilder().memorySize(2 * PAGE).build();
  assert.is(call(store, i, 'grow', 1), 1);
});

test('StoreLimitsBuilder: memory size and table elements deny growth', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  store.limiter(() =>
    new StoreLimitsBuilder()
      .memorySize(2 * PAGE)
      .tableElements(4)
      .build(),
  );
  const i = instantiate(store, GROWER);
  assert.is(call(store, i, 'grow', 1), 1);
  assert.is(call(store, i, 'grow', 1), -1);
  assert.is(call(store, i, 'tgrow', 2), 2);
  assert.is(call(store, i, 'tgrow', 1), -1);
  assert.throws(
    () => instantiate(store, '(module (memory 3))'),
    (e: unknown) =>
      e instanceof ResourceLimitError &&
      e.limit === 'limiter' &&
      /refused a memory of 192 KiB/.test(e.message),
  );
  assert.throws(
    () => Table.new(store, new TableType(ValType.funcref(), 5)),
    (e: unknown) => e instanceof ResourceLimitError && e.limit === 'limiter',
  );
});

test('StoreLimitsBuilder.trapOnGrowFailure: refusals and failures throw instead of -1', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  store.limiter(() =>
    new StoreLimitsBuilder()
      .memorySize(2 * PAGE)
      .trapOnGrowFailure(true)
      .build(),
  );
  const i = instantiate(store, GROWER);
  assert.is(call(store, i, 'grow', 0), 1, 'growing by nothing always succeeds');
  assert.is(call(store, i, 'grow', 1), 1);
  assert.throws(
    () => call(store, i, 'grow', 1),
    /^forcing trap when growing memory to 196608 bytes$/,
  );
  assert.throws(() => call(store, i, 'tgrow', 9), /forcing trap when growing table to 11 elements/);
  assert.is(call(store, i, 'size'), 2);
  // The embedder's own growth goes through the same limiter.
  const m = i.getMemory(store, 'm')!;
  assert.throws(() => m.grow(store, 1), /forcing trap when growing memory to 196608 bytes/);
});

test('StoreLimitsBuilder counts: instances, memories and tables', () => {
  const store = new Store(new Engine(new Config({ textParser: parseWat })));
  store.limiter(() => new StoreLimitsBuilder().instances(2).memories(1).tables(1).build());
  instantiate(store, '(module)');
  instantiate(store, '(module (memory 1) (table 1 funcref))');
  assert.throws(
    () => instantiate(store, '(module)'),
    (e: unknown) =>
      e instanceof ResourceLimitError &&
      e.limit === 'limiter' &&
      /3 instances, above the limit of 2 \(limiter\)/.test(e.message),
  );
  assert.throws(() => Memory.new(store, new MemoryType(0)), /2 memories, above the limit of 1/);
  assert.throws(
    () => Table.new(store, new TableType(ValType.funcref(), 0)),
    /2 tables, above the limit of 1/,
  );
});

test("the store's own limits apply first, whatever the limiter allows", () => {
  const engine = new Engine(
    new Config({ textParser: parseWat, maxMemorySize: 2 * PAGE, maxInstances: 1 }),
  );
  const store = new Store(engine);
  const limiter = new Recorder();
  store.limiter(() => limiter);
  const i = instantiate(store, GROWER);
  limiter.log = [];
  assert.is(call(store, i, 'grow', 2), -1);
  assert.is(store.limitHit?.limit, 'maxMemorySize');
  assert.equal(limiter.log, [], 'the limiter is not asked past a store limit');
  assert.throws(
    () => instantiate(store, '(module)'),
    (e: unknown) => e instanceof ResourceLimitError && e.limit === 'maxInstances',
  );
});

test('StoreLimitsBuilder checks its numbers', () => {
  assert.throws(
    () => new StoreLimitsBuilder().memorySize(-1),
    /StoreLimitsBuilder.memorySize: expected a non-negative integer, got -1/,
  );
  assert.throws(() => new StoreLimitsBuilder().instances(1.5), RangeError);
});

test.run();
