import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { structuredCase } from '#src/gen/structured/index.js';
import { Rng } from '#src/rng.js';
import { classifyDecode } from '#src/decode.js';

test('the rng is a function of its seed', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 5 }, () => a.u32());
  assert.equal(
    xs,
    Array.from({ length: 5 }, () => b.u32()),
  );
  assert.not.equal(
    xs,
    Array.from({ length: 5 }, () => c.u32()),
  );
});

test('the structured generator is deterministic for a seed', () => {
  for (const seed of [0, 1, 12345]) {
    const a = structuredCase(seed);
    const b = structuredCase(seed);
    assert.is(a.text, b.text);
    assert.equal(a.bytes, b.bytes);
  }
  assert.is.not(structuredCase(1).text, structuredCase(2).text);
});

test('structured modules validate on native WebAssembly', () => {
  for (let seed = 0; seed < 300; seed++) {
    const { bytes } = structuredCase(seed);
    if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
      let message = '';
      try {
        new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      } catch (e) {
        message = (e as Error).message;
      }
      assert.unreachable(`seed ${seed} is invalid: ${message}`);
    }
  }
});

test('decode results are classified', () => {
  const base = { weftMessage: '', nativeMessage: '' };
  assert.is(classifyDecode({ ...base, weft: 'accept', native: true }), 'ok');
  assert.is(classifyDecode({ ...base, weft: 'reject', native: false }), 'ok');
  assert.is(classifyDecode({ ...base, weft: 'exception', native: false }), 'exception');
  assert.is(classifyDecode({ ...base, weft: 'inconsistent', native: true }), 'inconsistent');
  assert.is(classifyDecode({ ...base, weft: 'reject', native: true }), 'weft-rejects');
  assert.is(
    classifyDecode({
      ...base,
      weft: 'accept',
      native: false,
      nativeMessage: 'invalid opcode 0xfb (enable with --experimental-wasm-gc)',
    }),
    'gap',
  );
});

test.run();
