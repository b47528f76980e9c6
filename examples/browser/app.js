// The page's script: bundled by build.mjs into dist/app.js (weft-wasm and
// @weft/wast included), which index.html loads as a module.
import { Engine, FuncType, Linker, Module, Store, ValType } from 'weft-wasm';
import { parseWat } from '@weft/wast';

const lines = [];

// The native WebAssembly, if any, may not compile under this page's CSP.
const probe = parseWat('(module (func (export "f") (result i32) (i32.const 42)))');
try {
  new globalThis.WebAssembly.Module(probe);
  lines.push('native WebAssembly: allowed');
} catch (e) {
  lines.push(`native WebAssembly: refused (${e.name})`);
}

const engine = new Engine();
const store = new Store(engine);
const module = new Module(
  engine,
  parseWat(`(module
    (import "page" "show" (func $show (param i32)))
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
        (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
    (func (export "run") (call $show (call $fib (i32.const 20)))))`),
);
const linker = new Linker(engine);
linker.func(store, 'page', 'show', new FuncType([ValType.i32()], []), (_caller, n) => {
  lines.push(`weft: fib(20) = ${n}`);
});
linker.instantiate(store, module).getFunc(store, 'run').call(store);

document.getElementById('result').textContent = lines.join('\n');
