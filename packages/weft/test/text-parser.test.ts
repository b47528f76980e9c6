/** The text parser is an engine's setting (`Config.textParser`), not a process-wide one. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { Config, Engine, Linker, Module, Store, Trap } from '#src/index.js';

const ANSWER = '(module (func (export "answer") (result i32) (i32.const 42)))';

test('an engine without a text parser refuses text, saying how to add one', () => {
  const engine = new Engine();
  const message =
    'the source is text, and the engine has no text parser: create it with new Config({ textParser: parseWat }) (parseWat from @weft/wast)';
  assert.throws(
    () => new Module(engine, ANSWER),
    (e: unknown) => e instanceof TypeError && e.message === `new Module: ${message}`,
  );
  assert.throws(
    () => Module.validate(engine, ANSWER),
    (e: unknown) => e instanceof TypeError && e.message === `Module.validate: ${message}`,
  );
  assert.is((Module as unknown as Record<string, unknown>)['setTextParser'], undefined);
});

test('two engines of one process use their own parsers', () => {
  const seen: string[] = [];
  const recording = new Engine(
    new Config({
      textParser: (text) => {
        seen.push(text);
        return parseWat(text);
      },
    }),
  );
  const plain = new Engine(new Config({ textParser: parseWat }));
  const binaryOnly = new Engine();
  const store = new Store(recording);
  const module = new Module(recording, ANSWER);
  Module.validate(plain, ANSWER);
  assert.throws(() => new Module(binaryOnly, ANSWER), TypeError);
  assert.equal(seen, [ANSWER], 'only the recording engine used the recording parser');
  const f = new Linker(recording).instantiate(store, module).getFunc(store, 'answer')!;
  assert.is(f.call(store), 42);
});

test('a parse error comes from the parser; a textParser that is not a function is a TypeError', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  assert.throws(() => new Module(engine, '(module (func (i32.bogus)))'), /unknown operator/);
  assert.throws(
    () => new Config({ textParser: 'parseWat' as unknown as (t: string) => Uint8Array }),
    (e: unknown) =>
      e instanceof TypeError &&
      e.message === 'new Config: textParser must be a function (text) => Uint8Array',
  );
});

test("traps of text modules name their functions: parseWat writes the identifiers' name section", () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const module = new Module(
    engine,
    `(module $demo
      (func $inner (param $x i32) (result i32) (i32.div_s (local.get $x) (i32.const 0)))
      (func $outer (export "run") (result i32) (call $inner (i32.const 7))))`,
  );
  assert.is(module.name, 'demo');
  try {
    new Linker(engine).instantiate(store, module).getFunc(store, 'run')!.call(store);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Trap);
    const frames = (e as Trap).frames.map((f) => f.names?.functionName(f.funcIndex));
    assert.equal(frames, ['inner', 'outer']);
    assert.match(String(e), /0: +0x[0-9a-f]+ - demo!inner\n.*1: +0x[0-9a-f]+ - demo!outer/s);
  }
});

test.run();
