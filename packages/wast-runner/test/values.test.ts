/** Script values to API values, and results against expected patterns. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFloat } from '@weft/wast-runner';
import { HostRef, matches, show, toArg } from '#src/values.js';
import { V128 } from 'weft-wasm';

test('NaN patterns: canonical is the quiet NaN of either sign, arithmetic any quiet NaN', () => {
  assert.ok(matches({ type: 'f32', value: 'nan:canonical' }, NaN));
  assert.ok(matches({ type: 'f64', value: 'nan:arithmetic' }, NaN));
  assert.not.ok(matches({ type: 'f64', value: 'nan:canonical' }, 1));
  assert.not.ok(matches({ type: 'f32', value: 'nan:canonical' }, 1n));
  assert.ok(matches({ type: 'f32', value: 0x3f800000 }, 1));
  assert.not.ok(matches({ type: 'f32', value: 0x3f800000 }, -1));
});

test('integers: i32 compares as signed 32 bits, i64 as a bigint', () => {
  assert.ok(matches({ type: 'i32', value: -1 }, -1));
  assert.ok(matches({ type: 'i32', value: -1 }, 0xffffffff));
  assert.not.ok(matches({ type: 'i32', value: 1 }, 1n));
  assert.ok(matches({ type: 'i64', value: -7n }, -7n));
  assert.not.ok(matches({ type: 'i64', value: -7n }, -7));
});

test('v128: lane by lane, NaN patterns per lane', () => {
  const bytes = new Uint8Array(16);
  new Float32Array(bytes.buffer).set([1, NaN, 0, -0]);
  const lanes = [0x3f800000n, 'nan:canonical', 0n, 0x80000000n] as const;
  assert.ok(
    matches({ type: 'v128', shape: 'f32x4', lanes: [...lanes], value: null }, new V128(bytes)),
  );
  assert.not.ok(
    matches(
      { type: 'v128', shape: 'f32x4', lanes: [0n, 0n, 0n, 0n], value: null },
      new V128(bytes),
    ),
  );
  assert.not.ok(matches({ type: 'v128', shape: 'i8x16', lanes: [], value: null }, 0));
});

test('references: null, extern/host identities, either', () => {
  assert.ok(matches({ type: 'ref.null', heap: null }, null));
  assert.not.ok(matches({ type: 'ref.null', heap: null }, HostRef.of(0)));
  assert.ok(matches({ type: 'ref.extern', value: 3 }, HostRef.of(3)));
  assert.ok(matches({ type: 'ref.host', value: 3 }, toArg({ type: 'ref.extern', value: 3 })));
  assert.ok(matches({ type: 'ref.extern', value: null }, HostRef.of(9)));
  assert.not.ok(matches({ type: 'ref.extern', value: null }, null));
  assert.ok(matches({ type: 'ref.i31' }, 5));
  assert.ok(
    matches(
      {
        type: 'either',
        options: [
          { type: 'i32', value: 1 },
          { type: 'i32', value: 2 },
        ],
      },
      2,
    ),
  );
});

test('arguments: null references, host references, floats as exact bits', () => {
  assert.is(toArg({ type: 'ref.null', heap: 'extern' }), null);
  assert.is(toArg({ type: 'ref.host', value: 4 }), HostRef.of(4));
  assert.is(String(HostRef.of(4)), 'ref.host 4');
  assert.is(toArg({ type: 'i64', value: 5n }), 5n);
  assert.ok(toArg({ type: 'v128', value: new Uint8Array(16) }) instanceof V128);
});

test('show: bigints with n, NaNs with their bits', () => {
  assert.is(show(5n), '5n');
  assert.is(show(null), 'null');
  assert.is(show(1.5), '1.5');
  assert.ok(show(NaN).startsWith('NaN(0x'));
});

test("formatFloat: Rust's Display, shortest round-trip digits, no exponent", () => {
  assert.is(formatFloat(1.5, false), '1.5');
  assert.is(formatFloat(0.1, false), '0.1');
  assert.is(formatFloat(Math.fround(0.1), true), '0.1');
  assert.is(formatFloat(Math.fround(0.1), false), '0.10000000149011612');
  assert.is(formatFloat(1e30, false), '1000000000000000000000000000000');
  assert.is(formatFloat(1e-7, false), '0.0000001');
  assert.is(formatFloat(-0, false), '-0');
  assert.is(formatFloat(0, true), '0');
  assert.is(formatFloat(Infinity, true), 'inf');
  assert.is(formatFloat(-Infinity, false), '-inf');
  assert.is(formatFloat(NaN, false), 'NaN');
});

test.run();
