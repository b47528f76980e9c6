// Runs reader.wasm as code built for JSPI is run: the standard JS API, an
// import wrapped in `new WebAssembly.Suspending`, the export called through
// `WebAssembly.promising`. Where the native WebAssembly lacks JSPI (or is
// missing, as under `node --jitless`), @weft/webassembly is installed.
//
//   node [--jitless] main.mjs [INPUT] [DEPTH]
import { readFileSync } from 'node:fs';
import { install } from '../../dist/index.js';

const installed = install({ jspi: true });
const input = new TextEncoder().encode(process.argv[2] ?? 'hello, promise integration');
const depth = Number(process.argv[3] ?? 20);
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let memory;
let ticks = 0;
const imports = {
  env: {
    read_byte: new WebAssembly.Suspending(async (i) => {
      await later(0);
      return i < input.length ? input[i] : -1;
    }),
    sleep: new WebAssembly.Suspending((ms) => later(ms)),
    report: (text, len) =>
      console.log(new TextDecoder().decode(new Uint8Array(memory.buffer, text, len))),
  },
};
const bytes = readFileSync(new URL('./reader.wasm', import.meta.url));
const { instance } = await WebAssembly.instantiate(bytes, imports);
memory = instance.exports.memory;
const run = WebAssembly.promising(instance.exports.run);
const timer = setInterval(() => ticks++, 0);
const result = await run(depth);
clearInterval(timer);
console.log(`result ${result >>> 0}`);
console.log(`engine ${installed ? 'weft' : 'native'}; timers ran while suspended: ${ticks > 0}`);
