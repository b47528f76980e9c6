// The standard WebAssembly JavaScript API on Weft (@weft/webassembly): the
// same calls as the native WebAssembly, usable where that is missing or
// refused. `import '@weft/webassembly/install'` would instead make it the
// global WebAssembly wherever the native one does not work.
//   node examples/polyfill.mjs
import { WebAssembly } from '@weft/webassembly';
import { parseWat } from '@weft/wast';

const bytes = parseWat(`(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (global $count (export "count") (mut i32) (i32.const 0))
  (func (export "countdown") (param $n i32)
    (loop $l
      (call $log (local.get $n))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))`);

console.log('valid:', WebAssembly.validate(bytes));
const logged = [];
const { module, instance } = await WebAssembly.instantiate(bytes, {
  env: { log: (n) => logged.push(n) },
});
console.log(
  'exports:',
  WebAssembly.Module.exports(module)
    .map((e) => `${e.name} (${e.kind})`)
    .join(', '),
);

const { countdown, count, memory, div } = instance.exports;
countdown(3);
console.log('logged:', logged.join(' '), '- count:', count.value);
console.log('memory.buffer:', memory.buffer.byteLength, 'bytes');

// Traps are WebAssembly.RuntimeErrors, as with the native API.
try {
  div(1, 0);
} catch (e) {
  console.log(e instanceof WebAssembly.RuntimeError, `${e.name}: ${e.message}`);
}
