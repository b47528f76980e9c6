// Run by boundaries.test.ts under `node --jitless`: V8's JIT and WebAssembly are both off.
import { parseWat } from '@weft/wast';
import { Config, Engine, Linker, Module, Store, Trap } from '#src/index.js';

const hasWasm = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'undefined';
const engine = new Engine(new Config({ textParser: parseWat }));
const store = new Store(engine);
const module = new Module(
  engine,
  `(module
     (func $fib (export "fib") (param i32) (result i32)
       (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
         (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
     (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))`,
);
const instance = new Linker(engine).instantiate(store, module);
let trap = '';
try {
  instance.getFunc(store, 'div')!.call(store, 1, 0);
} catch (e) {
  if (e instanceof Trap) trap = e.message;
}
console.log(
  `${hasWasm ? 'has WebAssembly' : 'no WebAssembly'}; fib(20) = ${instance.getFunc(store, 'fib')!.call(store, 20)}; trap: ${trap}`,
);
