// Adds `(export "memory" (memory 0))` to a module that imports its memory:
// wasm-ld 14 has no --export-memory, and WASI reads the memory through the
// "memory" export. Rewrites the export section in place; the rest (the name
// section included) is copied unchanged.
//
// Run: node export-memory.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const bytes = readFileSync(input);
const uleb = (buf, at) => {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [n, at];
  }
};
const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};
const parts = [bytes.subarray(0, 8)];
let at = 8;
let done = false;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, body] = uleb(bytes, at + 1);
  const end = body + size;
  if (id === 7 && !done) {
    const [count, rest] = uleb(bytes, body);
    const name = Buffer.from('memory');
    const entry = [...leb(name.length), ...name, 0x02, 0x00];
    const payload = Buffer.concat([
      Buffer.from(leb(count + 1)),
      bytes.subarray(rest, end),
      Buffer.from(entry),
    ]);
    parts.push(Buffer.from([7, ...leb(payload.length)]), payload);
    done = true;
  } else {
    parts.push(bytes.subarray(at, end));
  }
  at = end;
}
if (!done) throw new Error('no export section');
writeFileSync(output, Buffer.concat(parts));
