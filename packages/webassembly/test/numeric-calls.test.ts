/**
 * The fast path for numeric signatures (src/numeric-calls.ts), against
 * native WebAssembly: every arity it serves and every kind in every
 * position, called with values that exercise the conversions (wrapping,
 * strings, objects with valueOf, NaN, -0, f32 rounding, missing and extra
 * arguments), errors from conversions and traps, and re-entrant calls from
 * inside a conversion and from host functions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import { WebAssembly as W } from '#src/index.js';

interface Api {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, Function> };
}

const NATIVE = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
const WEFT = W as unknown as Api;

const TYPES = ['i32', 'f32', 'f64'] as const;

/** Every signature of 0-3 parameters and 0-1 result (results: the parameters' sum as the result type). */
function signatures(): string[][] {
  const out: string[][] = [[]];
  for (let n = 1; n <= 3; n++) {
    const next: string[][] = [];
    for (const s of out.filter((x) => x.length === n - 1))
      for (const t of TYPES) next.push([...s, t]);
    out.push(...next);
  }
  return out;
}

/** A module exporting, per signature and result type, `f` (returns its parameters, combined) and `h` (passes them to an import). */
function moduleFor(params: string[], result: string | null): Uint8Array {
  const ps = params.map((t) => `(param ${t})`).join(' ');
  const rs = result === null ? '' : `(result ${result})`;
  // The result: each parameter converted to the result type, folded with a non-commutative op.
  const conv = (t: string, i: number): string => {
    const get = `(local.get ${i})`;
    if (result === t) return get;
    if (result === 'i32') return `(i32.trunc_sat_${t}_s ${get})`;
    if (t === 'i32') return `(${result}.convert_i32_s ${get})`;
    return t === 'f32' ? `(f64.promote_f32 ${get})` : `(f32.demote_f64 ${get})`;
  };
  let body = '';
  if (result !== null) {
    body = `(${result}.const 7)`;
    params.forEach((t, i) => {
      body = `(${result}.sub (${result}.mul ${body} (${result}.const 3)) ${conv(t, i)})`;
    });
  }
  const args = params.map((_, i) => `(local.get ${i})`).join(' ');
  return parseWat(`(module
    (import "host" "g" (func $g ${ps} ${rs}))
    (func (export "f") ${ps} ${rs} ${body})
    (func (export "h") ${ps} ${rs} (call $g ${args}))
    (func (export "trap") ${ps} ${rs} unreachable))`);
}

const VALUES: unknown[] = [
  0,
  -0,
  1,
  -1,
  2 ** 31,
  2 ** 32 + 5,
  -(2 ** 31) - 1,
  0.5,
  -2.75,
  1e40,
  3.4028235677973366e38,
  1.0000001192092896,
  NaN,
  Infinity,
  -Infinity,
  '12',
  ' -3.5 ',
  'x',
  true,
  null,
  undefined,
  { valueOf: () => 42 },
  [5],
];

/** What a call does: its result, or the kind of error it throws. */
function outcome(call: () => unknown): unknown {
  try {
    const v = call();
    return Object.is(v, -0) ? '-0' : v;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${e instanceof TypeError ? '' : (e as Error).message}`;
  }
}

function instantiate(api: Api, bytes: Uint8Array, g: Function) {
  return new api.Instance(new api.Module(bytes), { host: { g } }).exports;
}

test('exported functions: results and conversions as native, every signature', () => {
  let calls = 0;
  for (const params of signatures()) {
    for (const result of [null, ...TYPES]) {
      const bytes = moduleFor(params, result);
      const native = instantiate(NATIVE, bytes, () => 0);
      const weft = instantiate(WEFT, bytes, () => 0);
      for (let v = 0; v < VALUES.length; v++) {
        // Rotate the values over the parameters; add an extra argument sometimes.
        const args = params.map((_, i) => VALUES[(v + 5 * i) % VALUES.length]);
        if (v % 4 === 0) args.push(99);
        if (v % 7 === 0) args.pop(); // a missing argument is undefined
        const sig = `(${params.join(' ')}) -> ${result}: f(${args.map(String).join(', ')})`;
        assert.equal(
          outcome(() => weft['f']!(...args)),
          outcome(() => native['f']!(...args)),
          sig,
        );
        calls++;
      }
    }
  }
  assert.ok(calls > 3000);
});

test('host functions: arguments and results as native, every signature', () => {
  for (const params of signatures()) {
    for (const result of [null, ...TYPES]) {
      const bytes = moduleFor(params, result);
      for (const ret of [3, -0, 2 ** 32 + 1, 1.1, NaN, '5', { valueOf: () => 8 }, undefined]) {
        const seen: unknown[][] = [[], []];
        const host = (k: number) =>
          function (this: unknown, ...args: unknown[]) {
            seen[k]!.push([this, ...args.map((a) => (Object.is(a, -0) ? '-0' : a))]);
            return ret;
          };
        const native = instantiate(NATIVE, bytes, host(0));
        const weft = instantiate(WEFT, bytes, host(1));
        const args = params.map((_, i) => [-0, 2.5, 1e39][i]);
        const sig = `(${params.join(' ')}) -> ${result}, host returns ${String(ret)}`;
        assert.equal(
          outcome(() => weft['h']!(...args)),
          outcome(() => native['h']!(...args)),
          sig,
        );
        assert.equal(seen[1], seen[0], `${sig}: the arguments the host saw`);
      }
    }
  }
});

test('errors: a conversion that throws, a trap, a host error; the stack stays usable', () => {
  const bytes = moduleFor(['i32', 'f64'], 'i32');
  const boom = new Error('boom');
  const weft = instantiate(WEFT, bytes, () => {
    throw boom;
  });
  const bad = {
    valueOf() {
      throw boom;
    },
  };
  assert.throws(
    () => weft['f']!(1, bad),
    (e: unknown) => e === boom,
  );
  assert.throws(() => weft['f']!(1n, 2), TypeError);
  assert.throws(
    () => weft['trap']!(1, 2),
    (e: unknown) => e instanceof W.RuntimeError,
  );
  assert.throws(
    () => weft['h']!(1, 2),
    (e: unknown) => e === boom,
  );
  assert.is(weft['f']!(1, 2), (7 * 3 - 1) * 3 - 2);
});

test('re-entrancy: a conversion and a host function calling back into wasm', () => {
  const bytes = moduleFor(['i32', 'i32'], 'i32');
  let depth = 0;
  const weft = instantiate(WEFT, bytes, (a: number, b: number) =>
    depth++ < 3 ? (weft['h']!(a + 1, b) as number) + 1 : a * 100 + b,
  );
  // valueOf runs after the frame is reserved: its call must not overwrite the first argument.
  const reentrant = { valueOf: () => (weft['f']!(1, 1) as number) + 1000 };
  assert.is(weft['f']!(5, reentrant), (7 * 3 - 5) * 3 - ((7 * 3 - 1) * 3 - 1 + 1000));
  assert.is(weft['h']!(1, 2), 4 * 100 + 2 + 3);
});

test('a trap deep inside (stack overflow) leaves the call depth and the stack as they were', () => {
  const bytes = parseWat(`(module
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`);
  const weft = instantiate(WEFT, bytes, () => 0);
  const down = weft['down']!;
  for (let i = 0; i < 3; i++) assert.is(down(100), 100); // past the baseline tier
  let lo = 1;
  let hi = 1 << 13;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      down(mid);
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // Overflows unwinding thousands of frames each: a depth they left counted
  // would soon exceed the store's limit (20,000) and fail every call.
  for (let i = 0; i < 12; i++)
    assert.throws(
      () => down(-1),
      (e: unknown) => e instanceof W.RuntimeError || e instanceof RangeError,
    );
  // Half the deepest: the exact edge moves with the JS frames V8's tiers
  // make (flaky at `lo` itself), and a leaked depth fails any deep call.
  assert.is(down(lo >> 1), lo >> 1);
  assert.is(down(3), 3);
});

test.run();
