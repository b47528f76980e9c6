/** API types: names as the text format spells them, and engine-wide ids in types read from modules. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  FuncType,
  Global,
  GlobalType,
  Linker,
  Module,
  Store,
  ValType,
} from '#src/index.js';

test('the bottom reference types are named nullref, nullfuncref, ...', () => {
  assert.is(ValType.nullref().toString(), 'nullref');
  assert.is(ValType.nullfuncref().toString(), 'nullfuncref');
  assert.is(ValType.nullexternref().toString(), 'nullexternref');
  assert.is(ValType.nullexnref().toString(), 'nullexnref');
  for (const name of ['nullref', 'nullfuncref', 'nullexternref', 'nullexnref', 'funcref']) {
    assert.is(ValType.parse(name).toString(), name);
  }
});

const WAT = `(module
  (type $pad (struct))
  (type $p (func (param i32)))
  (import "env" "f" (func (param (ref $p)) (result (ref null $p))))
  (import "env" "g" (global (ref null $p)))
  (func (export "h") (param (ref $p)) (result (ref null $p)) (local.get 0)))`;

test('import and export types spell concrete types with engine-wide ids', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  // Another module first, so module type indices and engine ids differ.
  new Module(
    engine,
    '(module (type (array i8)) (type (func (result i64))) (func (type 1) (i64.const 0)))',
  );
  const store = new Store(engine);
  const module = new Module(engine, WAT);
  const f = module.imports[0]!.type as FuncType;
  const g = module.imports[1]!.type as GlobalType;
  const h = module.exports[0]!.type as FuncType;
  // Types read from the module can type the host items that satisfy its imports.
  const instance = new Linker(engine)
    .func(store, 'env', 'f', f, (_caller, x: unknown) => x)
    .define(store, 'env', 'g', Global.new(store, g, null))
    .instantiate(store, module);
  const exported = instance.getFunc(store, 'h')!.type(store);
  assert.equal(
    h.params.map(String).concat(h.results.map(String)),
    exported.params.map(String).concat(exported.results.map(String)),
  );
  assert.ok(h.params[0]!.equals(f.params[0]!));
});

test.run();
