// Embedding Weft from TypeScript (compiled with the repository's tsc, --strict):
// getTypedFunc checks an export's type once and gives calls typed for TypeScript.
//   pnpm --filter @weft/examples build && node examples/dist/embed.js
import { Engine, FuncType, Linker, Module, Store, ValType, type TypedFunc } from 'weft-wasm';
import { parseWat } from '@weft/wast';

interface Counter {
  calls: number;
}

const engine = new Engine();
const store = new Store<Counter>(engine, { calls: 0 }); // embedder data, typed
const module = new Module(
  engine,
  parseWat(`(module
    (import "host" "tick" (func $tick))
    (func (export "mul") (param i32 i32) (result i32)
      (call $tick)
      (i32.mul (local.get 0) (local.get 1)))
    (func (export "avg") (param f64 f64) (result f64)
      (call $tick)
      (f64.div (f64.add (local.get 0) (local.get 1)) (f64.const 2))))`),
);

const linker = new Linker(engine);
// A host function typed by the store's data: caller.data is a Counter.
linker.func(store, 'host', 'tick', new FuncType([], []), (caller) => {
  caller.data.calls++;
});
const instance = linker.instantiate(store, module);

// [number, number] -> number: i32 and f64 are JS numbers (i64 would be bigint).
const mul: TypedFunc<[number, number], number> = instance.getTypedFunc<[number, number], number>(
  store,
  'mul',
  [ValType.i32(), ValType.i32()],
  [ValType.i32()],
);
const avg = instance.getTypedFunc<[number, number], number>(
  store,
  'avg',
  [ValType.f64(), ValType.f64()],
  [ValType.f64()],
);
const product: number = mul.call(store, 6, 7);
console.log('mul(6, 7) =', product);
console.log('avg(1, 2) =', avg.call(store, 1, 2));
console.log('host calls:', store.data.calls);

// The type is checked when the TypedFunc is made, not at each call.
try {
  instance.getTypedFunc<[bigint], bigint>(store, 'mul', [ValType.i64()], [ValType.i64()]);
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message}`);
}
