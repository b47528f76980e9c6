/**
 * A Module owns an immutable copy of what it validated: changing the
 * caller's bytes afterwards (or while they are decoded) changes nothing
 * that runs, whatever form the source came in.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { Engine, Linker, Module, Store, Trap } from '#src/index.js';

const CODE_VALUE = 0x2a;
const DATA = [0x61, 0x62, 0x63]; // "abc"

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const name = (s: string) => [s.length, ...utf8(s)];

/** A name section: module name "named", function 1 named "boom" (names are short: one-byte sizes). */
function nameSection(): number[] {
  const moduleName = [0, name('named').length, ...name('named')];
  const funcNames = [1, 1 + 1 + name('boom').length, 1, 1, ...name('boom')];
  const payload = [...name('name'), ...moduleName, ...funcNames];
  return [0, payload.length, ...payload];
}

/** `f` returns 42, memory starts with "abc", `boom` traps; names come from the name section. */
const BYTES = new Uint8Array([
  ...parseWat(`(module
    (memory (export "mem") 1)
    (func (export "f") (result i32) (i32.const ${CODE_VALUE}))
    (func (export "boom") unreachable)
    (data (i32.const 0) "abc"))`),
  ...nameSection(),
]);

function find(bytes: Uint8Array, seq: readonly number[]): number {
  outer: for (let i = 0; i + seq.length <= bytes.length; i++) {
    for (let j = 0; j < seq.length; j++) if (bytes[i + j] !== seq[j]) continue outer;
    return i;
  }
  throw new Error(`sequence ${seq} not found`);
}

/**
 * Overwrites, in place: `f`'s constant (with an opcode that makes the body
 * invalid if `invalid`), the data segment, and the names in the name section.
 */
function scribble(bytes: Uint8Array, invalid = false): void {
  const at = find(bytes, [0x41, CODE_VALUE, 0x0b]);
  if (invalid) bytes[at] = 0xff;
  else bytes[at + 1] = 0x2b;
  bytes.set([0x78, 0x79, 0x7a], find(bytes, DATA));
  bytes.set(utf8('renam'), find(bytes, utf8('named')));
  bytes.set(utf8('moob'), find(bytes, utf8('boom')));
}

/** What running the module shows: f's result, memory contents, names in a trap. */
function observe(module: Module): unknown {
  const engine = module.engine;
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, module);
  const f = instance.getFunc(store, 'f')!.call(store);
  const memory = [...instance.getMemory(store, 'mem')!.data(store).subarray(0, 3)];
  let trace = '';
  try {
    instance.getFunc(store, 'boom')!.call(store);
  } catch (e) {
    trace = (e as Trap).toString();
  }
  return { f, memory, name: module.name, trace };
}

/** `f`'s result, the memory, the module name and the trap with its names (offset left out). */
const EXPECTED = {
  f: CODE_VALUE,
  memory: DATA,
  name: 'named',
  trace: 'wasm trap: unreachable\nwasm backtrace:\n     0:     0x? - named!boom',
};

function assertUnchanged(module: Module): void {
  const observed = observe(module) as typeof EXPECTED;
  assert.equal({ ...observed, trace: observed.trace.replace(/0x[0-9a-f]+/, '0x?') }, EXPECTED);
}

test('the reference behaviour', () => {
  assertUnchanged(new Module(new Engine(), BYTES));
});

test('changing a Uint8Array source after new Module changes nothing', () => {
  const engine = new Engine();
  const bytes = BYTES.slice();
  const module = new Module(engine, bytes);
  scribble(bytes);
  assertUnchanged(module);
});

test('code made invalid after new Module is never decoded: no CompileError from Func.call', () => {
  const engine = new Engine();
  const bytes = BYTES.slice();
  const module = new Module(engine, bytes);
  scribble(bytes, true);
  assert.throws(() => new Module(engine, bytes), 'the scribbled bytes are invalid');
  assertUnchanged(module);
});

test('changing an ArrayBuffer source after new Module changes nothing', () => {
  const engine = new Engine();
  const buffer = BYTES.slice().buffer;
  const module = new Module(engine, buffer);
  scribble(new Uint8Array(buffer), true);
  assertUnchanged(module);
});

test('a view into a larger buffer that is then reused', () => {
  const engine = new Engine();
  const buffer = new Uint8Array(BYTES.length + 64);
  buffer.set(BYTES, 32);
  const module = new Module(engine, buffer.subarray(32, 32 + BYTES.length));
  buffer.fill(0);
  assertUnchanged(module);
});

/** A source whose `subarray` (which decoding uses for segments and sections) rewrites it. */
class Scribbling extends Uint8Array {
  constructor(
    bytes: Uint8Array,
    private readonly invalid: boolean,
  ) {
    super(bytes);
  }
  override subarray(begin?: number, end?: number): Uint8Array<ArrayBuffer> {
    scribble(this, this.invalid);
    return super.subarray(begin, end);
  }
}

test('bytes changed while new Module decodes them cannot reach validated code', () => {
  const engine = new Engine();
  assertUnchanged(new Module(engine, new Scribbling(BYTES, false)));
  assertUnchanged(new Module(engine, new Scribbling(BYTES, true)));
});

test('Module.validate judges the bytes as they were when called, in every source form', () => {
  const engine = new Engine();
  // The custom section comes before the code: decoding it would make the code invalid.
  const custom = [0, 5, 4, ...utf8('meta')];
  const early = new Uint8Array([...BYTES.subarray(0, 8), ...custom, ...BYTES.subarray(8)]);
  Module.validate(engine, new Scribbling(early, true));
  assertUnchanged(new Module(engine, new Scribbling(early, true)));
  Module.validate(engine, early.slice().buffer);
  const shared = new Uint8Array(new SharedArrayBuffer(early.length));
  shared.set(early);
  Module.validate(engine, shared);
  const module = new Module(engine, shared);
  scribble(shared, true);
  assert.throws(() => Module.validate(engine, shared), 'validation sees the new bytes');
  assertUnchanged(module);
});

test.run();
