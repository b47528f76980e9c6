/**
 * A parsed module owns its bytes: nothing in a ModuleInfo aliases the
 * caller's buffer, so changing that buffer during or after `parseModule`
 * changes nothing about the module.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { parseModule, validateModule } from '#src/parse.js';
import type { ModuleInfo } from '#src/module.js';
import {
  body,
  codeSec,
  customSec,
  data,
  dataSec,
  exportSec,
  exp,
  funcSec,
  len,
  memSec,
  memType,
  op,
  str,
  type,
  typeSec,
  t,
  u32,
  vec,
  wasm,
} from './support/builder.js';

const CODE_VALUE = 0x2a;
const DATA = [0x61, 0x62, 0x63];
const PAYLOAD = [1, 2, 3];

/**
 * (func (result i32) (i32.const 42)), a memory, an active data segment
 * "abc", a custom section "meta" and a name section naming function 0 "f",
 * with the custom sections placed after the code (decoded after it).
 */
function sample(): Uint8Array {
  const names = vec([[u32(0), str('f')]]);
  return wasm(
    typeSec(type.func([], [t.i32])),
    funcSec(0),
    memSec(memType(1)),
    exportSec(exp('f', 'func', 0)),
    codeSec(body([op.i32_const(CODE_VALUE)])),
    dataSec(data.active([op.i32_const(0)], DATA)),
    customSec('meta', PAYLOAD),
    customSec('name', [0x01, u32(len(names)), names]),
  );
}

/** Everything observable of a ModuleInfo that comes from bytes. */
function contents(m: ModuleInfo) {
  return {
    code: m.bodies.map((b) => {
      const c = analyzeBody(m, b);
      return { ops: [...c.ops], imm: [...c.imm] };
    }),
    datas: m.datas.map((d) => [...d.bytes]),
    customs: m.customSections.map((c) => [c.name, [...c.bytes]]),
    names: [...m.names.functions],
  };
}

/** Index of the first occurrence of `seq` in `bytes`. */
function find(bytes: Uint8Array, seq: readonly number[]): number {
  outer: for (let i = 0; i + seq.length <= bytes.length; i++) {
    for (let j = 0; j < seq.length; j++) if (bytes[i + j] !== seq[j]) continue outer;
    return i;
  }
  throw new Error(`sequence ${seq} not found`);
}

/** Overwrites the code, the data segment, the custom payload and the function name. */
function scribble(bytes: Uint8Array): void {
  bytes[find(bytes, [0x41, CODE_VALUE, 0x0b]) + 1] = 0x2b;
  bytes.set([0x78, 0x79, 0x7a], find(bytes, DATA));
  bytes.set([9, 9, 9], find(bytes, PAYLOAD));
  bytes[bytes.length - 1] = 0x67; // the name "f" becomes "g"
}

test('nothing a ModuleInfo holds aliases the input buffer', () => {
  const input = sample();
  const m = parseModule(input);
  assert.is.not(m.bytes.buffer, input.buffer);
  for (const d of m.datas) assert.is(d.bytes.buffer, m.bytes.buffer);
  for (const c of m.customSections) assert.is(c.bytes.buffer, m.bytes.buffer);
});

test('changing the input after parsing changes nothing in the module', () => {
  const input = sample();
  const m = parseModule(input);
  const before = contents(m);
  assert.equal(before.datas, [DATA]);
  assert.equal(before.names, [[0, 'f']]);
  scribble(input);
  assert.equal(contents(m), before);
  assert.equal(contents(parseModule(input)).datas, [[0x78, 0x79, 0x7a]], 'the scribbles took');
});

test('a view at an offset into a larger buffer is copied, not the whole buffer', () => {
  const module = sample();
  const buffer = new Uint8Array(module.length + 20).fill(0xee);
  buffer.set(module, 10);
  const m = parseModule(buffer.subarray(10, 10 + module.length));
  assert.is(m.bytes.length, module.length);
  assert.is(m.bytes.byteOffset, 0);
  buffer.fill(0);
  assert.equal(contents(m), contents(parseModule(module)));
});

/** A Uint8Array whose `subarray` (which the decoder uses for segments) rewrites the bytes. */
class Scribbling extends Uint8Array {
  override subarray(begin?: number, end?: number): Uint8Array<ArrayBuffer> {
    scribble(this);
    return super.subarray(begin, end);
  }
}

test('changes made while decoding cannot reach validated code', () => {
  const clean = contents(parseModule(sample()));
  const hostile = new Scribbling(sample());
  const m = parseModule(hostile);
  assert.equal(contents(m), clean);
  validateModule(new Scribbling(sample()));
});

test('a SharedArrayBuffer input is copied into memory of the module', () => {
  const module = sample();
  const shared = new Uint8Array(new SharedArrayBuffer(module.length));
  shared.set(module);
  const m = parseModule(shared);
  assert.ok(m.bytes.buffer instanceof ArrayBuffer);
  scribble(shared);
  assert.equal(contents(m), contents(parseModule(module)));
});

test.run();
