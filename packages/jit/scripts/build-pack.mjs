// Builds dist/weft-jit-pack.cjs: the pack module (src/compiler/pack.ts, over
// the generated factories) as one script with no imports, which
// src/compiler/packs.ts evaluates afresh whenever the literal copies run
// out: each evaluation has literals, and V8 feedback, of its own.
//   node scripts/build-pack.mjs      (in packages/jit, after tsc)
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = 'dist/weft-jit-pack.cjs';
await build({
  entryPoints: ['dist/compiler/pack.js'],
  outfile: out,
  bundle: true,
  format: 'cjs',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
});
// The pack shares state with the jit only through the dependencies it is
// given: a module it imported would be a second instance of that module.
const text = readFileSync(out, 'utf8');
if (/\brequire\(|\bimport\(/.test(text))
  throw new Error(
    `${out} imports a module: pack.ts and the generated files must import types only`,
  );
