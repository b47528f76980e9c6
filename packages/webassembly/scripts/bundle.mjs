// Bundles the polyfill for browsers: one minified ESM file per entry, no
// eval (esbuild only concatenates and renames; Weft compiles wasm to closures).
//   dist/browser/webassembly.min.js  exports WebAssembly, install, isUsable
//   dist/browser/install.min.js      installs WebAssembly where missing or unusable
import { build } from 'esbuild';

for (const entry of ['index', 'install']) {
  await build({
    entryPoints: [`dist/${entry}.js`],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outfile: `dist/browser/${entry === 'index' ? 'webassembly' : entry}.min.js`,
    logLevel: 'warning',
  });
}
