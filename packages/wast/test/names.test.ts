/** The `name` section `parseWat` writes from `$identifiers`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModule } from '@weft/environ';
import { parseQuoteModule, parseScript, parseWat } from '#src/index.js';
import { sections } from './util.js';

const NAMED = `(module $demo
  (type $sig (func (param i32) (result i32)))
  (type $point (struct (field $x i32) (field f32) (field $y i32)))
  (import "env" "log" (func $log (param i32)))
  (table $tab 1 funcref)
  (memory $mem 1)
  (global $g (mut i32) (i32.const 0))
  (tag $oops)
  (func $inner (type $sig) (param $n i32) (result i32) (local i64) (local $tmp f64)
    (local.get $n))
  (func (export "anonymous"))
  (func $"ünïcode")
  (elem $e func $inner)
  (data $d "hi"))`;

/** How many custom sections named "name" a binary has. */
function nameSections(bytes: Uint8Array): number {
  return sections(bytes).filter((s) => s.startsWith('"name"=')).length;
}

test('every kind of identifier is named, indices as the binary has them', () => {
  const names = parseModule(parseWat(NAMED)).names;
  assert.is(names.module, 'demo');
  assert.equal(
    [...names.functions],
    [
      [0, 'log'],
      [1, 'inner'],
      [3, 'ünïcode'],
    ],
    'imported functions count; unnamed ones are left out',
  );
  assert.equal(
    [...names.locals.get(1)!],
    [
      [0, 'n'],
      [2, 'tmp'],
    ],
  );
  assert.equal(
    [...names.types],
    [
      [0, 'sig'],
      [1, 'point'],
    ],
  );
  assert.equal([...names.tables], [[0, 'tab']]);
  assert.equal([...names.memories], [[0, 'mem']]);
  assert.equal([...names.globals], [[0, 'g']]);
  assert.equal([...names.tags], [[0, 'oops']]);
  assert.is(nameSections(parseWat(NAMED)), 1);
});

test('a module without identifiers gets no name section; names: false writes none', () => {
  assert.is(nameSections(parseWat('(module (func (export "f")))')), 0);
  assert.is(nameSections(parseWat(NAMED, { names: false })), 0);
  assert.is(parseModule(parseWat(NAMED, { names: false })).names.module, null);
});

test('(@name) annotations and (@custom "name") make the section instead', () => {
  const annotated = parseModule(parseWat('(module $m (func $f (@name "shown")) (func $g))')).names;
  assert.is(annotated.functions.get(0), 'shown');
  assert.is(annotated.functions.get(1), undefined, 'identifiers are not mixed in');
  assert.is(annotated.module, null);
  const custom = parseWat('(module (@custom "name" "") (func $f))');
  assert.is(nameSections(custom), 1, 'the custom one only');
});

test('scripts and quote modules are converted as the reference interpreter does: no names', () => {
  const script = parseScript('(module $m (func $f)) (module quote "(func $g)")');
  const [text, quote] = script.commands as readonly {
    module: Parameters<typeof parseQuoteModule>[0];
  }[];
  assert.is(nameSections(parseQuoteModule(text!.module)), 0);
  assert.is(nameSections(parseQuoteModule(quote!.module)), 0);
});

test.run();
