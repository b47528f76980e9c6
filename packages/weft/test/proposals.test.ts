/** The embedding API and the proposals beyond WebAssembly 3.0 (off unless the Config asks). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  CompileError,
  Config,
  Engine,
  Global,
  GlobalType,
  Instance,
  LinkError,
  Linker,
  Memory,
  MemoryType,
  Module,
  Store,
  Trap,
  TrapCode,
} from '#src/index.js';

const pageSizes = () =>
  new Engine(new Config({ textParser: parseWat, features: { customPageSizes: true } }));
const descriptors = () =>
  new Engine(new Config({ textParser: parseWat, features: { customDescriptors: true } }));

test('proposals are off by default and on per engine', () => {
  assert.equal(new Config({ textParser: parseWat }).features, {
    customPageSizes: false,
    customDescriptors: false,
  });
  const text = '(module (memory 1 (pagesize 1)))';
  assert.throws(
    () => new Module(new Engine(new Config({ textParser: parseWat })), text),
    (e: unknown) => e instanceof CompileError,
  );
  assert.throws(
    () => Module.validate(new Engine(new Config({ textParser: parseWat })), text),
    /malformed limits flags/,
  );
  Module.validate(pageSizes(), text);
  assert.throws(
    () =>
      new Module(
        new Engine(new Config({ textParser: parseWat })),
        '(module (type (struct (field (ref null (exact 0))))))',
      ),
    /malformed storage type/,
  );
  new Module(descriptors(), '(module (type (struct (field (ref null (exact 0))))))');
});

test('MemoryType.pageSize: module types, Memory.new, Memory.type, growth', () => {
  const engine = pageSizes();
  const module = new Module(
    engine,
    `(module
      (import "m" "small" (memory 3 (pagesize 1)))
      (memory (export "big") 1 2)
      (memory (export "tiny") 5 9 (pagesize 1)))`,
  );
  const memoryTypes = [...module.imports, ...module.exports].map((x) => x.type as MemoryType);
  assert.equal(
    memoryTypes.map((t) => [t.minimum, t.maximum, t.pageSize]),
    [
      [3, null, 1],
      [1, 2, 65536],
      [5, 9, 1],
    ],
  );
  assert.throws(() => new MemoryType(1, null, false, 2), /the page size must be 1 or 65536/);

  const store = new Store(engine);
  const small = Memory.new(store, new MemoryType(3, null, false, 1));
  assert.is(small.size(store), 3);
  assert.is(small.data(store).length, 3);
  assert.is(small.grow(store, 2), 3);
  assert.is(small.type(store).pageSize, 1);
  assert.is(small.type(store).minimum, 5);
  const instance = new Linker(engine).define(store, 'm', 'small', small).instantiate(store, module);
  const tiny = instance.getMemory(store, 'tiny')!;
  assert.is(tiny.data(store).length, 5);
  assert.throws(() => tiny.grow(store, 5), /failed to grow memory by 5 pages/);
  assert.is(tiny.grow(store, 4), 5);
});

test('a memory import needs the same page size', () => {
  const engine = pageSizes();
  const store = new Store(engine);
  const big = Memory.new(store, new MemoryType(1));
  const importing = new Module(engine, '(module (import "m" "mem" (memory 1 (pagesize 1))))');
  assert.throws(
    () => new Instance(store, importing, [big]),
    (e: unknown) => e instanceof LinkError && /page size mismatch/.test(e.message),
  );
  const small = Memory.new(store, new MemoryType(1, null, false, 1));
  new Instance(store, importing, [small]);
});

test('descriptors: constant expressions trap on a null descriptor', () => {
  const engine = descriptors();
  const store = new Store(engine);
  const module = new Module(
    engine,
    `(module
      (rec (type $a (descriptor $b) (struct)) (type $b (describes $a) (struct)))
      (global (ref (exact $a)) (struct.new_desc $a (ref.null none))))`,
  );
  assert.throws(
    () => new Instance(store, module, []),
    (e: unknown) => e instanceof Trap && e.code === TrapCode.NullDescriptorReference,
  );
});

test('values for exact reference types must have exactly the type', () => {
  const engine = descriptors();
  const store = new Store(engine);
  const module = new Module(
    engine,
    `(module
      (type $super (sub (struct)))
      (type $sub (sub $super (struct)))
      (global (export "super") (ref (exact $super)) (struct.new $super))
      (global (export "sub") (ref (exact $sub)) (struct.new $sub))
      (global (export "target") (mut (ref null (exact $super))) (ref.null none)))`,
  );
  const instance = new Instance(store, module, []);
  const target = instance.getGlobal(store, 'target')!;
  assert.match(String(target.type(store).content), /^\(ref null \(exact \d+\)\)$/);
  const superValue = instance.getGlobal(store, 'super')!.value(store);
  const subValue = instance.getGlobal(store, 'sub')!.value(store);
  target.setValue(store, superValue);
  assert.is(target.value(store), superValue);
  assert.throws(() => target.setValue(store, subValue), /must be \(ref null \(exact \d+/);
  // A global created by the host with an exact type checks the same way.
  const own = Global.new(store, target.type(store) as GlobalType, null);
  assert.throws(() => own.setValue(store, subValue), TypeError);
});

test.run();
