/**
 * `Func.call`'s path for number-only signatures (src/fast-call.ts) against
 * the general path: every signature it serves (0-3 i32/f32/f64 parameters,
 * none or one result), called with values each path must take or refuse
 * alike (ranges, fractions, NaN, -0, `Val`s, bigints, strings, missing and
 * extra arguments); then traps, host errors, re-entrancy, another store and
 * a disposed store. A call hook sends every call down the general path, so
 * the same store, with and without a hook, compares the two.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  FuncType,
  Linker,
  Module,
  Store,
  StoreError,
  Trap,
  Val,
  ValType,
  type Func,
} from '#src/index.js';

const TYPES = ['i32', 'f32', 'f64'] as const;

function signatures(): (typeof TYPES)[number][][] {
  const out: (typeof TYPES)[number][][] = [[]];
  for (let n = 1; n <= 3; n++)
    for (const s of out.filter((x) => x.length === n - 1))
      for (const t of TYPES) out.push([...s, t]);
  return out;
}

/** `f` folds its parameters (converted to the result type) with a non-commutative op. */
function wat(params: string[], result: string | null): string {
  const ps = params.map((t) => `(param ${t})`).join(' ');
  const rs = result === null ? '' : `(result ${result})`;
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
  return `(module (func (export "f") ${ps} ${rs} ${body}) (func (export "trap") ${ps} ${rs} unreachable))`;
}

const VALUES: unknown[] = [
  0,
  -0,
  1,
  -1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 31) - 1,
  0.5,
  1e40,
  1.0000001192092896,
  NaN,
  Infinity,
  Val.i32(-5),
  Val.f32Bits(0x7fa00001),
  Val.f64Bits(0x7ff4000000000001n),
  5n,
  '12',
  null,
  undefined,
];

function outcome(call: () => unknown): unknown {
  try {
    const v = call();
    return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

function setup(text: string): { store: Store; f: Func; trap: Func } {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, text));
  return { store, f: instance.getFunc(store, 'f')!, trap: instance.getFunc(store, 'trap')! };
}

test('results, conversions and argument errors as the general path, every signature', () => {
  let calls = 0;
  for (const params of signatures()) {
    for (const result of [null, ...TYPES]) {
      const { store, f } = setup(wat(params, result));
      for (let v = 0; v < VALUES.length; v++) {
        const args = params.map((_, i) => VALUES[(v + 3 * i) % VALUES.length]);
        if (v % 5 === 0) args.push(1);
        if (v % 7 === 0) args.pop();
        const fast = outcome(() => f.call(store, ...args));
        store.setCallHook(() => {}); // every call takes the general path
        const general = outcome(() => f.call(store, ...args));
        store.setCallHook(null);
        assert.equal(fast, general, `(${params.join(' ')}) -> ${result}: ${String(args)}`);
        calls++;
      }
    }
  }
  assert.ok(calls > 1000);
});

test('TypedFunc.call: as its general path, every signature', () => {
  let calls = 0;
  for (const params of signatures()) {
    for (const result of [null, ...TYPES]) {
      const { store, f } = setup(wat(params, result));
      const typed = f.typed(
        store,
        params.map((t) => ValType[t]()),
        result === null ? [] : [ValType[result]()],
      );
      for (let v = 0; v < VALUES.length; v += 2) {
        const args = params.map((_, i) => VALUES[(v + 3 * i) % VALUES.length]);
        if (v % 5 === 0) args.push(1);
        if (v % 7 === 0) args.pop();
        const fast = outcome(() => typed.call(store, ...args));
        store.setCallHook(() => {}); // every call takes the general path
        const general = outcome(() => typed.call(store, ...args));
        store.setCallHook(null);
        assert.equal(fast, general, `(${params.join(' ')}) -> ${result}: ${String(args)}`);
        calls++;
      }
    }
  }
  assert.ok(calls > 500);
  const { store, f } = setup(wat(['i32'], 'i32'));
  const typed = f.typed<[number], number>(store, [ValType.i32()], [ValType.i32()]);
  assert.is(typed.call(store, 1), 7 * 3 - 1);
  assert.throws(
    () => typed.call(store, 0.5),
    (e: unknown) => e instanceof TypeError && /^TypedFunc.call: argument 0/.test(e.message),
  );
  assert.throws(
    () => typed.call(new Store(new Engine()), 1),
    (e: unknown) => e instanceof StoreError,
  );
  store.dispose();
  assert.throws(
    () => typed.call(store, 1),
    (e: unknown) => e instanceof StoreError,
  );
});

test('a trap: a Trap with its backtrace, and the store keeps working', () => {
  const { store, f, trap } = setup(wat(['i32', 'i32'], 'i32'));
  const err = outcome(() => trap.call(store, 1, 2));
  assert.throws(
    () => trap.call(store, 1, 2),
    (e: unknown) => e instanceof Trap && /unreachable/.test(String(e)),
  );
  store.setCallHook(() => {});
  assert.is(
    outcome(() => trap.call(store, 1, 2)),
    err,
  );
  store.setCallHook(null);
  for (let i = 0; i < 3; i++)
    assert.throws(
      () => trap.call(store, i, i),
      (e: unknown) => e instanceof Trap,
    );
  assert.is(f.call(store, 1, 2), (7 * 3 - 1) * 3 - 2);
});

test('re-entrancy: a host function calling back into wasm; host errors kept apart', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const linker = new Linker(engine);
  let depth = 0;
  let h: Func | null = null;
  const boom = new Error('boom');
  linker.func(
    store,
    'host',
    'g',
    new FuncType([ValType.i32()], [ValType.i32()]),
    (_c, x: number) => {
      if (x < 0) throw boom;
      return depth++ < 3 ? (h!.call(store, x + 1) as number) + 1 : x * 100;
    },
  );
  const instance = linker.instantiate(
    store,
    new Module(
      engine,
      `(module (import "host" "g" (func $g (param i32) (result i32)))
        (func (export "h") (param i32) (result i32) (call $g (local.get 0))))`,
    ),
  );
  h = instance.getFunc(store, 'h')!;
  assert.is(h.call(store, 1), 4 * 100 + 3);
  assert.throws(
    () => h!.call(store, -1),
    (e: unknown) => e === boom,
  );
  depth = 3;
  assert.is(h.call(store, 2), 200);
});

test('another store, a disposed store: the general path errors', () => {
  const { store, f } = setup(wat(['i32'], 'i32'));
  assert.is(f.call(store, 1), 7 * 3 - 1);
  const other = new Store(new Engine());
  assert.throws(
    () => f.call(other, 1),
    (e: unknown) => e instanceof StoreError,
  );
  assert.throws(
    () => f.call(store),
    (e: unknown) => e instanceof TypeError && /takes 1 argument, got 0/.test(String(e)),
  );
  store.dispose();
  assert.throws(
    () => f.call(store, 1),
    (e: unknown) => e instanceof StoreError,
  );
});

test('once optimized, a call allocates nothing: no rest array (plain node)', () => {
  // The per-arity callers are small enough for TurboFan to inline into
  // `Func.call`, and it into the caller's loop, so the arguments' array
  // never exists. Grown past V8's inlining limit, each call would allocate
  // it again: the young generation would fill and be scavenged.
  const script = fileURLToPath(new URL('./fast-call-alloc-main.js', import.meta.url));
  const out = spawnSync(process.execPath, ['--trace-gc', script], { encoding: 'utf8' });
  assert.is(out.status, 0, out.stderr);
  const lines = out.stdout.split('\n');
  // Scavenges between each line `from` and the next line `to`.
  const scavenges = (from: string, to: string): number[] => {
    const counts: number[] = [];
    let count = -1;
    for (const l of lines) {
      if (l.startsWith(from)) count = 0;
      else if (l.startsWith(to) && count >= 0) {
        counts.push(count);
        count = -1;
      } else if (count >= 0 && l.includes('Scavenge')) count++;
    }
    return counts;
  };
  const [control = 0] = scavenges('CONTROL', 'DONE');
  assert.ok(control >= 4, `the control loop allocating as much was scavenged ${control} times`);
  const rounds = scavenges('BEGIN', 'END');
  assert.is(rounds.length, 3);
  assert.ok(Math.min(...rounds) <= 1, `scavenges per round: ${rounds.join(', ')}`);
});

test.run();
