// Without a JIT: `node --jitless` has no WebAssembly at all (V8 needs a JIT
// for it), yet Weft runs wasm, since it compiles modules into JS closures
// and never generates code.
//   node --jitless examples/jitless.mjs
import { readFileSync } from 'node:fs';
import { Engine, Linker, Module, Store } from 'weft-wasm';
import { parseWat } from '@weft/wast';

console.log('typeof WebAssembly:', typeof WebAssembly);

const engine = new Engine();
const store = new Store(engine);
// examples/fib.wat, the module of the README's quick start.
const text = readFileSync(new URL('fib.wat', import.meta.url), 'utf8');
const instance = new Linker(engine).instantiate(store, new Module(engine, parseWat(text)));
console.log('fib(20) =', instance.getFunc(store, 'fib').call(store, 20));
