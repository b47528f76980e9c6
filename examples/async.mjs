// Async host functions: wasm calls a host function that returns a promise,
// and the whole wasm call suspends until it settles, then resumes (no
// Asyncify, no JSPI needed). Only async calls (callAsync) may suspend.
//   node examples/async.mjs
import { Engine, FuncType, Linker, Module, Store, SuspendError, ValType } from 'weft-wasm';
import { parseWat } from '@weft/wast';

const engine = new Engine();
const store = new Store(engine);
const module = new Module(
  engine,
  parseWat(`(module
    (import "env" "fetch" (func $fetch (param i32) (result i32)))
    (func (export "sum") (param $n i32) (result i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (call $fetch (local.get $n))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $s)))`),
);

const linker = new Linker(engine);
let fetches = 0;
// Wasmtime's func_new_async: the function may return a promise.
linker.funcAsync(
  store,
  'env',
  'fetch',
  new FuncType([ValType.i32()], [ValType.i32()]),
  async (_caller, i) => {
    await new Promise((resolve) => setTimeout(resolve, 1)); // a fetch, a database...
    fetches++;
    return i * 10;
  },
);
const instance = await linker.instantiateAsync(store, module);
const sum = instance.getFunc(store, 'sum');

console.log('sum(10) =', await sum.callAsync(store, 10), 'after', fetches, 'awaited fetches');

// A synchronous call cannot suspend: it throws a SuspendError instead.
try {
  sum.call(store, 3);
} catch (e) {
  console.log(e instanceof SuspendError ? 'SuspendError:' : e.name, e.message);
}
