// Embedding Weft from JavaScript: compile a module written in the text
// format, instantiate it and call its exports.
//   node examples/embed.mjs
import { Config, Engine, Linker, Module, Store } from 'weft-wasm';
import { parseWat } from '@weft/wast';

const engine = new Engine(); // compiled code and configuration, shared by stores
const store = new Store(engine); // owns instances, memories, tables, globals

// parseWat turns text into a binary module; new Module decodes and validates it.
const module = new Module(
  engine,
  parseWat(`(module
    (func (export "add") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)))
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
        (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))`),
);
console.log('exports:', module.exports.map((e) => `${e.name}: ${e.type}`).join(', '));

const instance = new Linker(engine).instantiate(store, module); // no imports to resolve
const add = instance.getFunc(store, 'add');
console.log('add(2, 40) =', add.call(store, 2, 40));
// i64 values cross as bigints.
console.log('fac(20n) =', instance.getFunc(store, 'fac').call(store, 20n));

// An engine with a text parser (a per-engine setting) also accepts the text itself.
const textEngine = new Engine(new Config({ textParser: parseWat }));
const textStore = new Store(textEngine);
const fib = new Linker(textEngine)
  .instantiate(
    textStore,
    new Module(
      textEngine,
      `(module (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`,
    ),
  )
  .getFunc(textStore, 'fib');
console.log('fib(20) =', fib.call(textStore, 20));

// Arguments are checked against the wasm types.
try {
  add.call(store, 1.5, 2);
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
}
