// Run by fast-call.test.ts under `node --trace-gc`: calls of number-only
// signatures through `Func.call` and `TypedFunc.call`, once TurboFan has
// optimized the calling loops, between BEGIN and END lines (three rounds);
// then as many iterations of a loop that allocates an array each, between
// CONTROL and DONE (it shows that the count would see such allocations).
import { parseWat } from '@weft/wast';
import { Config, Engine, Linker, Module, Store, ValType, type Func } from '#src/index.js';

const engine = new Engine(new Config({ textParser: parseWat }));
const store = new Store(engine);
const module = new Module(
  engine,
  `(module
     (func (export "f0") (result i32) (i32.const 1))
     (func (export "f1") (param f64) (result f64) (local.get 0))
     (func (export "f2") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
     (func (export "f3") (param i32 f32 f64) (result i32) (local.get 0)))`,
);
const instance = new Linker(engine).instantiate(store, module);
const get = (name: string): Func => instance.getFunc(store, name)!;
const [f0, f1, f2, f3] = [get('f0'), get('f1'), get('f2'), get('f3')];
const t2 = f2.typed<[number, number], number>(
  store,
  [ValType.i32(), ValType.i32()],
  [ValType.i32()],
);

// One loop per arity (and TypedFunc): the calls of one loop share V8's
// cumulative inlining budget, which a loop of all five would exceed.
const loops: ((n: number) => number)[] = [
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = (s + (f0.call(store) as number)) | 0;
    return s;
  },
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = (s + (f1.call(store, i) as number)) | 0;
    return s;
  },
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = (f2.call(store, s, i) as number) | 0;
    return s;
  },
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = (s + (f3.call(store, i, 0.5, 1.5) as number)) | 0;
    return s;
  },
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = t2.call(store, s, i);
    return s;
  },
];

function calls(n: number): number {
  let s = 0;
  for (const loop of loops) s = (s + loop(n)) | 0;
  return s;
}

const sink: unknown[] = [null];
function control(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = [i, s, i];
    sink[0] = a;
    s = (s + a.length) | 0;
  }
  return s;
}

const N = 1_000_000;
for (let k = 0; k < 5; k++) calls(N / 10);
// Three rounds: the test takes the best, in case TurboFan was still
// compiling in the background (a loaded machine) when one began.
let r = 0;
for (let round = 0; round < 3; round++) {
  console.log('BEGIN');
  r = (r + calls(N)) | 0;
  console.log('END');
}
for (let k = 0; k < 5; k++) control(N / 10);
console.log('CONTROL');
control(N);
console.log('DONE', r);
