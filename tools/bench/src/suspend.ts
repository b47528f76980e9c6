/**
 * The cost of suspending and resuming a call (async host functions, see
 * `@weft/runtime`'s suspend.ts): time per host call, synchronous and async,
 * with and without suspending, with 1 and 20 wasm frames suspended.
 *
 *   node tools/bench/dist/suspend.js [--calls N]
 *
 * Prints the median of 7 rounds per case, in nanoseconds per call.
 */
import { parseWat } from '@weft/wast';
import { Engine, FuncType, Linker, Module, Store, ValType, type Func } from 'weft-wasm';
import { median } from './stats.js';

const argv = process.argv;
const at = argv.indexOf('--calls');
const CALLS = at >= 0 ? Number(argv[at + 1]) : 20_000;

// `loop(n)`: n calls of the import from one frame; `deep(d, n)`: the same
// loop, d frames down a recursion.
const WAT = `(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (func $loop (export "loop") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $f (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func $deep (export "deep") (param $d i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $d))
      (then (call $loop (local.get $n)))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get $d) (i32.const 1)) (local.get $n)))))))`;

type Impl = (x: number) => number | Promise<number>;

function setup(impl: Impl, async: boolean): { store: Store; loop: Func; deep: Func } {
  const engine = new Engine();
  const store = new Store(engine);
  const linker = new Linker(engine);
  const type = new FuncType([ValType.i32()], [ValType.i32()]);
  if (async) linker.funcAsync(store, 'host', 'f', type, (_c, x: number) => impl(x));
  else linker.func(store, 'host', 'f', type, (_c, x: number) => impl(x) as number);
  const instance = linker.instantiate(store, new Module(engine, parseWat(WAT)));
  return { store, loop: instance.getFunc(store, 'loop')!, deep: instance.getFunc(store, 'deep')! };
}

async function measure(run: () => unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await run(); // warm up: tier up, resumable code compiled
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return (median(times) * 1e6) / CALLS;
}

const cases: [string, () => Promise<number>][] = [
  [
    'sync host function, Func.call',
    () => {
      const { store, loop } = setup((x) => x + 1, false);
      return measure(() => loop.call(store, CALLS));
    },
  ],
  [
    'sync host function, Func.callAsync',
    () => {
      const { store, loop } = setup((x) => x + 1, false);
      return measure(() => loop.callAsync(store, CALLS));
    },
  ],
  [
    'async host function returning a value (no suspension)',
    () => {
      const { store, loop } = setup((x) => x + 1, true);
      return measure(() => loop.callAsync(store, CALLS));
    },
  ],
  [
    'async host function returning a promise: suspend + resume, 1 frame',
    () => {
      const { store, loop } = setup((x) => Promise.resolve(x + 1), true);
      return measure(() => loop.callAsync(store, CALLS));
    },
  ],
  [
    'async host function returning a promise: suspend + resume, 21 frames',
    () => {
      const { store, deep } = setup((x) => Promise.resolve(x + 1), true);
      return measure(() => deep.callAsync(store, 20, CALLS));
    },
  ],
];

console.log(`${CALLS} host calls per round; median of 7 rounds (ns per call)`);
for (const [name, run] of cases) {
  const ns = await run();
  console.log(`${ns.toFixed(0).padStart(8)} ns  ${name}`);
}
