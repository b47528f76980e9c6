/**
 * Host functions of number-only signatures (src/fast-host.ts: `Func.new`
 * and `Linker.func` with 0-4 i32/i64/f32/f64 parameters and none or one
 * result) against the general path, the reference: `numericHosts.enabled`
 * off makes a store whose host functions take it. Every signature shape up
 * to two parameters and a selection of three and four, with arguments the
 * host must see alike (NaN payloads, -0, i32 wrapping, i64 as bigints)
 * and results each path must take or refuse alike (ranges, `Val`s, values
 * of other types: the same `TypeError`s); then host errors and traps, the
 * call hook's order, re-entrancy, the `Caller` and fuel.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWat } from '@weft/wast';
import {
  Caller,
  Config,
  Engine,
  f32FromBits,
  f64FromBitsBig,
  f64ToBits,
  FuncType,
  Linker,
  Memory,
  Module,
  Store,
  Trap,
  TrapCode,
  Val,
  ValType,
  type CallHookKind,
  type Func,
} from '#src/index.js';
import { numericHosts } from '#src/fast-host.js';

type Kind = 'i32' | 'i64' | 'f32' | 'f64';
const KINDS: readonly Kind[] = ['i32', 'i64', 'f32', 'f64'];

/** Every shape of up to two parameters, and some of three and four. */
function shapes(): Kind[][] {
  const out: Kind[][] = [[]];
  for (const a of KINDS) out.push([a]);
  for (const a of KINDS) for (const b of KINDS) out.push([a, b]);
  out.push(
    ['i32', 'i32', 'i32'],
    ['f64', 'i64', 'f32'],
    ['f32', 'i32', 'f64'],
    ['i64', 'i64', 'i32'],
  );
  out.push(
    ['i32', 'i32', 'i32', 'i32'],
    ['i64', 'f32', 'f64', 'i32'],
    ['f64', 'f64', 'f32', 'i32'],
  );
  return out;
}

const valType = (k: Kind): ValType => ValType[k]();

/** What `run` is called with, per parameter kind (so wasm passes these to the host). */
const ARGS: Record<Kind, unknown[]> = {
  i32: [0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32 - 1, 7],
  i64: [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 5n],
  f32: [0, -0, NaN, Val.f32Bits(0x7fa00001), Val.f32Bits(0xffc00005), 1.5, -Infinity, 1e40],
  f64: [0, -0, NaN, Val.f64Bits(0x7ff4000000000001n), Val.f64Bits(0xfff8000000000123n), 1.5],
};

/** What the host function returns, per result kind: good values and bad ones. */
const RESULTS: Record<Kind | 'none', unknown[]> = {
  none: [undefined, 5, 'x'],
  i32: [0, -0, 1, -1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -(2 ** 31) - 1, 0.5, NaN, Infinity].concat([
    Val.i32(-5),
    Val.f32Bits(1),
    '1',
    5n,
    undefined,
    null,
    true,
  ] as never[]),
  i64: [
    0n,
    -1n,
    2n ** 63n,
    2n ** 64n - 1n,
    2n ** 64n,
    -(2n ** 63n) - 1n,
    5,
    -0,
    2 ** 53,
    0.5,
  ].concat([Val.i64(3n), Val.i32(1), 'x', undefined] as never[]),
  f32: [0, -0, NaN, f32FromBits(0x7fa00001), f32FromBits(0xffc00005 | 0), 1e40, 1.1].concat([
    Val.f32Bits(0x7f800001),
    Val.f64Bits(1n),
    5n,
    '1',
    undefined,
  ] as never[]),
  f64: [0, -0, NaN, f64FromBitsBig(0x7ff4000000000001n), Infinity, 1.1].concat([
    Val.f64Bits(0xfff0000000000001n),
    Val.f32Bits(1),
    5n,
    undefined,
    '1',
  ] as never[]),
};

/** A value as a string telling apart what `Object.is` cannot: NaN payloads. */
function show(v: unknown): string {
  if (typeof v === 'number')
    return Number.isNaN(v)
      ? `NaN:${f64ToBits(v).toString(16)}`
      : Object.is(v, -0)
        ? '-0'
        : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return String(v);
}

function outcome(call: () => unknown): string {
  try {
    const v = call();
    return Array.isArray(v) ? v.map(show).join(',') : show(v);
  } catch (e) {
    return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `thrown ${show(e)}`;
  }
}

/** `run` calls the import `host.f` with its parameters and returns its result. */
function wat(params: Kind[], result: Kind | 'none'): string {
  const ps = params.map((t) => `(param ${t})`).join(' ');
  const rs = result === 'none' ? '' : `(result ${result})`;
  const gets = params.map((_, i) => `(local.get ${i})`).join(' ');
  return `(module (import "host" "f" (func $f ${ps} ${rs}))
    (func (export "run") ${ps} ${rs} (call $f ${gets})))`;
}

/** An instance of `text` in a store of its own, its import `host.f` being `fn`, fast or not. */
function setup(
  text: string,
  params: Kind[],
  result: Kind | 'none',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Linker.func takes it
  fn: (caller: Caller, ...args: any[]) => unknown,
  fast: boolean,
  config: ConstructorParameters<typeof Config>[0] = {},
): { store: Store; run: Func } {
  const engine = new Engine(new Config({ textParser: parseWat, ...config }));
  const store = new Store(engine, { name: 'data' });
  const linker = new Linker(engine);
  const type = new FuncType(params.map(valType), result === 'none' ? [] : [valType(result)]);
  numericHosts.enabled = fast;
  try {
    linker.func(store, 'host', 'f', type, fn);
  } finally {
    numericHosts.enabled = true;
  }
  const instance = linker.instantiate(store, new Module(engine, text));
  return { store, run: instance.getFunc(store, 'run')! };
}

test('arguments seen and results converted as the general path, every signature shape', () => {
  let compared = 0;
  let refused = 0;
  for (const params of shapes()) {
    for (const result of ['none', ...KINDS] as const) {
      const rets = RESULTS[result];
      const n = Math.max(rets.length, ...params.map((k) => ARGS[k].length));
      const text = wat(params, result);
      const paths = [true, false].map((fast) => {
        const seen: string[] = [];
        let ret: unknown;
        const fn = (_c: Caller, ...args: unknown[]): unknown => {
          seen.push(args.map(show).join(','));
          return ret;
        };
        const { store, run } = setup(text, params, result, fn, fast);
        const out: string[] = [];
        for (let v = 0; v < n; v++) {
          const args = params.map((k, i) => ARGS[k][(v + 3 * i) % ARGS[k].length]);
          ret = rets[v % rets.length];
          out.push(`${outcome(() => run.call(store, ...args))} <- ${seen.at(-1)}`);
        }
        return out;
      });
      const [fast, general] = paths as [string[], string[]];
      const sig = `(${params.join(' ')}) -> ${result}`;
      for (let v = 0; v < fast.length; v++) {
        assert.is(fast[v], general[v], `${sig}, case ${v}`);
        if (fast[v]!.startsWith('TypeError')) refused++;
        compared++;
      }
    }
  }
  assert.ok(compared > 1000, `${compared} calls compared`);
  assert.ok(refused > 100, `${refused} results refused`);
});

test('i32 results wrap as wasm sees them; f32 NaN payloads and -0 kept', () => {
  const cases: [Kind, unknown, string][] = [
    ['i32', 2 ** 32 - 1, '-1'],
    ['i32', 2 ** 31, '-2147483648'],
    ['i32', -0, '0'],
    ['f64', -0, '-0'],
    ['f32', f32FromBits(0x7fa00001), show(f32FromBits(0x7fa00001))],
    ['f64', f64FromBitsBig(0x7ff4000000000001n), show(f64FromBitsBig(0x7ff4000000000001n))],
    ['i64', 2n ** 64n - 1n, '-1n'],
    ['i64', 5, '5n'],
  ];
  for (const [kind, ret, want] of cases) {
    const { store, run } = setup(wat([], kind), [], kind, () => ret, true);
    assert.is(
      outcome(() => run.call(store)),
      want,
      `${kind} ${show(ret)}`,
    );
  }
  const { store, run } = setup(
    wat(['i32'], 'none'),
    ['i32'],
    'none',
    (_c, x) => {
      assert.is(x, -1);
    },
    true,
  );
  run.call(store, 2 ** 32 - 1);
});

test('a bad result: the TypeError naming the function, the result and its type', () => {
  for (const fast of [true, false]) {
    const { store, run } = setup(wat(['i32'], 'i32'), ['i32'], 'i32', () => 2 ** 32, fast);
    assert.throws(
      () => run.call(store, 1),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "result 0 of host function 'host.f' must be i32, got 4294967296",
    );
  }
});

test('host errors reach the embedder as thrown, traps as traps; the store keeps working', () => {
  const boom = new Error('boom');
  const trap = new Trap(TrapCode.UnreachableCodeReached, 'by the host');
  for (const fast of [true, false]) {
    let what: unknown = null;
    const fn = (_c: Caller, x: number): number => {
      if (what !== null) throw what;
      return x + 1;
    };
    const { store, run } = setup(wat(['i32'], 'i32'), ['i32'], 'i32', fn, fast);
    for (const thrown of [boom, trap, 'a string', 42]) {
      what = thrown;
      let caught: unknown = null;
      try {
        run.call(store, 1);
      } catch (e) {
        caught = e;
      }
      if (thrown === trap) assert.ok(caught instanceof Trap, `fast ${fast}: ${String(caught)}`);
      else assert.is(caught, thrown, `fast ${fast}: ${String(caught)}`);
      what = null;
      assert.is(run.call(store, 2), 3);
    }
  }
});

test('call hook: the same order and outcomes, a hook failing on either side', () => {
  const hookCase = (fast: boolean, failOn: CallHookKind | null, hostThrows: boolean) => {
    const log: string[] = [];
    const fn = (_c: Caller, x: number): number => {
      log.push('host');
      if (hostThrows) throw new Error('host');
      return x * 2;
    };
    const { store, run } = setup(wat(['i32'], 'i32'), ['i32'], 'i32', fn, fast);
    store.setCallHook((kind) => {
      log.push(kind);
      if (kind === failOn) throw new Error(`hook ${kind}`);
    });
    log.push(outcome(() => run.call(store, 21)));
    store.setCallHook(null);
    log.push(outcome(() => run.call(store, 1)));
    return log.join(' ');
  };
  for (const failOn of [null, 'CallingHost', 'ReturningFromHost'] as const)
    for (const hostThrows of [false, true])
      assert.is(hookCase(true, failOn, hostThrows), hookCase(false, failOn, hostThrows));
  assert.is(
    hookCase(true, null, false),
    'CallingWasm CallingHost host ReturningFromHost ReturningFromWasm 42 host 2',
  );
  assert.is(
    hookCase(true, null, true),
    'CallingWasm CallingHost host ReturningFromHost ReturningFromWasm Error: host host Error: host',
  );
  assert.is(
    hookCase(true, 'CallingHost', false),
    'CallingWasm CallingHost ReturningFromWasm Error: hook CallingHost host 2',
  );
  assert.is(
    hookCase(true, 'ReturningFromHost', false),
    'CallingWasm CallingHost host ReturningFromHost ReturningFromWasm Error: hook ReturningFromHost host 2',
  );
});

test('a hook set by the host function hears its return', () => {
  for (const fast of [true, false]) {
    const log: string[] = [];
    let store: Store | null = null;
    const fn = (): number => {
      store!.setCallHook((kind) => void log.push(kind));
      return 1;
    };
    const s = setup(wat([], 'i32'), [], 'i32', fn, fast);
    store = s.store;
    assert.is(s.run.call(store), 1);
    assert.equal(log, ['ReturningFromHost', 'ReturningFromWasm'], `fast ${fast}`);
  }
});

test('re-entrancy: host -> wasm -> host, errors from deep inside, then plain calls', () => {
  for (const fast of [true, false]) {
    let run: Func | null = null;
    let store: Store | null = null;
    const callers = new Set<Caller>();
    const fn = (c: Caller, x: number, y: number): number => {
      callers.add(c);
      if (x === 0 && y < 0) throw new Error('deep');
      if (x > 0) return (run!.call(store!, x - 1, y + x) as number) * 10 + 1;
      return y;
    };
    const s = setup(wat(['i32', 'f64'], 'i32'), ['i32', 'f64'], 'i32', fn, fast);
    ({ run, store } = s);
    assert.is(run.call(store, 3, 0), 6111, `fast ${fast}`);
    assert.is(callers.size, 1, 'one Caller for calls from one instance');
    assert.throws(() => run!.call(store!, 3, -10), /deep/);
    assert.is(run.call(store, 2, 5), 811);
  }
});

test('the Caller: data, exports, the same one per instance, usable after its call', () => {
  const text = `(module (import "host" "f" (func $f (param i32) (result i32)))
    (memory (export "mem") 1) (data (i32.const 0) "\\2a")
    (func (export "run") (param i32) (result i32) (call $f (local.get 0))))`;
  const pattern = (fast: boolean): string => {
    const kept: Caller[] = [];
    const fn = (c: Caller, x: number): number => {
      kept.push(c);
      const mem = c.getExport('mem') as Memory;
      return mem.data(c.store)[x]! + (c.data as { name: string }).name.length;
    };
    const engine = new Engine(new Config({ textParser: parseWat }));
    const store = new Store(engine, { name: 'data' });
    const linker = new Linker(engine);
    numericHosts.enabled = fast;
    linker.func(store, 'host', 'f', new FuncType([ValType.i32()], [ValType.i32()]), fn);
    numericHosts.enabled = true;
    const module = new Module(engine, text);
    const a = linker.instantiate(store, module).getFunc(store, 'run')!;
    const b = linker.instantiate(store, module).getFunc(store, 'run')!;
    const out = [a, a, b, b, a].map((f) => f.call(store, 0));
    // Which calls shared a Caller, and what a kept one still does.
    const ids = kept.map((c) => kept.indexOf(c)).join(',');
    const late = (kept[0]!.getExport('mem') as Memory).data(store)[0];
    return `${out.join(',')} ${ids} ${late} ${kept[2]!.data === store.data}`;
  };
  assert.is(pattern(true), pattern(false));
  assert.is(pattern(true), '46,46,46,46,46 0,0,2,2,4 42 true');
});

test('fuel: a host function reading and setting it sees what the general path sees', () => {
  const run = (fast: boolean): string => {
    const log: number[] = [];
    const fn = (c: Caller): number => {
      log.push(c.getFuel());
      c.setFuel(1000);
      return 1;
    };
    const { store, run } = setup(wat([], 'i32'), [], 'i32', fn, fast, { consumeFuel: true });
    store.setFuel(500);
    run.call(store);
    return `${log.join(',')} ${store.getFuel()}`;
  };
  assert.is(run(true), run(false));
});

test.run();
