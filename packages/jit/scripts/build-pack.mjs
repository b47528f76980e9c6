// Builds dist/weft-jit-pack-<part>.cjs for each part of a pack
// (src/compiler/pack.ts: numeric, memory, control): the part's generated
// factories as one script with no imports, which src/compiler/packs.ts
// evaluates afresh whenever the literal copies of that part run out (each
// evaluation has literals, and V8 feedback, of its own).
//   node scripts/build-pack.mjs      (in packages/jit, after tsc)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const PARTS = { numeric: 'numericTables', memory: 'memoryTables', control: 'controlTables' };
for (const [part, factory] of Object.entries(PARTS)) {
  const out = `dist/weft-jit-pack-${part}.cjs`;
  await build({
    stdin: {
      contents: `export const WEFT_JIT_PACK = 1;\nexport { ${factory} as createPart } from './gen/${part}.js';\n`,
      resolveDir: resolve('dist'),
      sourcefile: `weft-jit-pack-${part}.js`,
    },
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
  });
  // A part shares state with the jit only through the dependencies it is
  // given: a module it imported would be a second instance of that module.
  const text = readFileSync(out, 'utf8');
  if (/\brequire\(|\bimport\(/.test(text))
    throw new Error(`${out} imports a module: the generated files must import types only`);
}
