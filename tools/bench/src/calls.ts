/**
 * The cost of crossing the boundary between JavaScript and wasm, per call:
 * JS calling an exported function, and wasm calling an imported host
 * function, in native WebAssembly (absent under `--jitless`), Weft's
 * standard JS API (`@weft/webassembly`), Weft's facade (`Func.call`,
 * `Func.new`) and polywasm.
 *
 *   node [--jitless] tools/bench/dist/calls.js [--calls N] [--json FILE]
 *
 * JS -> wasm is a JS loop calling `add` as each engine's users write the
 * call: the export itself for the JS API, `add.call(store, a, b)` for the
 * facade. (The facade's used to go through a wrapper closure of the
 * benchmark, `(a, b) => add.call(store, a, b)`: a call more than users
 * make, some 30-40 ns of its number under `--jitless`.) wasm -> host is
 * `callHost`'s loop, so it includes the loop's own wasm code.
 *
 * Prints the median of 9 rounds per case, in nanoseconds per call; `--json
 * FILE` also writes them (a {@link CallsRun}; `pnpm bench` keeps the plain
 * and the --jitless run in results/calls.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseWat } from '@weft/wast';
import { Engine, FuncType, Linker, Module, Store, ValType } from 'weft-wasm';
import type { CallsRow, CallsRun } from './results.js';
import { median } from './stats.js';

const argv = process.argv;
const option = (name: string) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const CALLS = Number(option('--calls') ?? 1_000_000);
const ROUNDS = 9;

// `add` is what JS calls; `callHost(n)` calls the import n times.
const WAT = `(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "callHost") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $f (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))`;

const BYTES = parseWat(WAT);

/**
 * What each engine gives: JS-callable `add(a, b)` and `callHost(n)`, and
 * `addLoop(n)`, JS calling `add` n times the way the engine's users write
 * the call (an export called directly for the JS API, `Func.call` for the
 * facade), so that the JS -> wasm number holds no wrapper of the
 * benchmark's own.
 */
interface Calls {
  add(a: number, b: number): number;
  callHost(n: number): number;
  addLoop(n: number): number;
}

interface WebAssemblyLike {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

function viaJsApi(api: WebAssemblyLike): Calls {
  const instance = new api.Instance(new api.Module(BYTES), {
    host: { f: (x: number) => x + 1 },
  });
  const exports = instance.exports as unknown as Omit<Calls, 'addLoop'>;
  return {
    add: exports.add,
    callHost: exports.callHost,
    addLoop: (n) => {
      const add = exports.add;
      let s = 0;
      for (let i = 0; i < n; i++) s = add(s, i) | 0;
      return s;
    },
  };
}

function viaFacade(): Calls {
  const engine = new Engine();
  const store = new Store(engine);
  const linker = new Linker(engine);
  linker.func(
    store,
    'host',
    'f',
    new FuncType([ValType.i32()], [ValType.i32()]),
    (_caller, x: number) => x + 1,
  );
  const instance = linker.instantiate(store, new Module(engine, BYTES));
  const add = instance.getFunc(store, 'add')!;
  const callHost = instance.getFunc(store, 'callHost')!;
  return {
    add: (a, b) => add.call(store, a, b) as number,
    callHost: (n) => callHost.call(store, n) as number,
    addLoop: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s = (add.call(store, s, i) as number) | 0;
      return s;
    },
  };
}

/** Nanoseconds per call of `run`, which makes CALLS calls. */
function measure(run: () => number): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return (median(times) * 1e6) / CALLS;
}

function jsToWasm(c: Calls): number {
  return measure(() => c.addLoop(CALLS));
}

function wasmToHost(c: Calls): number {
  return measure(() => c.callHost(CALLS));
}

const engines: [string, () => Calls][] = [];
const native = (globalThis as { WebAssembly?: WebAssemblyLike }).WebAssembly;
if (native !== undefined) engines.push(['native', () => viaJsApi(native)]);
const weftApi = (await import('@weft/webassembly')) as unknown as { WebAssembly: WebAssemblyLike };
engines.push(['weft (@weft/webassembly)', () => viaJsApi(weftApi.WebAssembly)]);
engines.push(['weft (facade Func.call)', viaFacade]);
const POLYWASM = 'polywasm'; // a dev dependency without type declarations
const polywasm = (await import(POLYWASM)) as { WebAssembly: WebAssemblyLike };
engines.push(['polywasm', () => viaJsApi(polywasm.WebAssembly)]);

const mode = process.execArgv.join(' ') || 'plain node';
console.log(`${mode}: ${CALLS} calls per round; median of ${ROUNDS} rounds (ns per call)`);
console.log('engine'.padEnd(28) + 'JS -> wasm'.padStart(12) + 'wasm -> host'.padStart(14));
const rows: CallsRow[] = [];
for (const [name, make] of engines) {
  const c = make();
  if (c.add(2, 3) !== 5 || c.callHost(10) !== 65) throw new Error(`${name}: wrong results`);
  const a = jsToWasm(c);
  const b = wasmToHost(c);
  rows.push({ engine: name, jsToWasmNs: round1(a), wasmToHostNs: round1(b) });
  console.log(name.padEnd(28) + a.toFixed(1).padStart(12) + b.toFixed(1).padStart(14));
}

const json = option('--json');
if (json !== undefined) {
  const run: CallsRun = {
    nodeFlags: [...process.execArgv],
    node: process.version,
    calls: CALLS,
    rounds: ROUNDS,
    rows,
  };
  const file = resolve(json);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
