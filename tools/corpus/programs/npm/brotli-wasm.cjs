// brotli-wasm (Rust's brotli crate through wasm-bindgen's Node.js target,
// which instantiates synchronously with new WebAssembly.Module/Instance):
// compress text and noise at several qualities, decompress, compare.
const brotli = require('brotli-wasm');
const { createHash } = require('node:crypto');

module.exports = async function run() {
  const text = Buffer.from(Array.from({ length: 250 }, (_, i) => `line ${i}: the quick brown fox ${i % 7}\n`).join(''));
  const noise = Buffer.alloc(4000);
  let x = 1;
  for (let i = 0; i < noise.length; i++) { x = (x * 1103515245 + 12345) >>> 0; noise[i] = x >>> 24; }
  for (const [name, input] of [['text', text], ['noise', noise]]) {
    for (const quality of [1, 5, 9]) {
      const c = brotli.compress(input, { quality });
      const d = brotli.decompress(c);
      const sha = createHash('sha256').update(c).digest('hex').slice(0, 16);
      console.log(`${name} q=${quality}: ${input.length} -> ${c.length} bytes (sha256 ${sha}), roundtrip ${Buffer.compare(Buffer.from(d), input) === 0 ? 'ok' : 'FAIL'}`);
    }
  }
  return 0;
};
