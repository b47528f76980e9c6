// Bundles the package in the current directory for its users: each entry
// point of its package.json `exports` (the files under the "weft-source"
// condition) becomes one ES module in dist/bundle/, with the code the
// entries share in chunks beside them, so that each file is loaded once.
// Other packages stay imports (`@weft/*`, `weft-wasm`), as do Node's.
//
// Why: Node's ES module loader pays for every file it resolves, reads and
// compiles; weft-wasm alone is about 120 files, and importing it took
// ~190 ms from separate files against ~95 ms from per-package bundles
// (docs/benchmarks.md). The files under dist/ stay for the package's own
// tests, which run with `--conditions=weft-source` (see the packages'
// `test` scripts): within one process every package resolves the same way,
// so no module is ever loaded twice.
//   node ../../tools/bundle/package.mjs      (in a package, after tsc)
import { builtinModules } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { constTopLevel } from './const-top-level.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every "weft-source" target of the exports map: the entry points. */
function sources(value, out) {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, target] of Object.entries(value)) {
    if (key === 'weft-source') collect(target, out);
    else sources(target, out);
  }
  return out;
}
function collect(target, out) {
  if (typeof target === 'string') out.add(target);
  else for (const t of Object.values(target)) collect(t, out);
}

const entries = [...sources(pkg.exports, new Set())];
if (entries.length === 0) throw new Error(`${pkg.name}: no "weft-source" entries in exports`);
const result = await build({
  entryPoints: entries,
  outdir: 'dist/bundle',
  outbase: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  external: [
    '@weft/*',
    'weft-wasm',
    'weft-wasm/*',
    ...builtinModules.flatMap((m) => [m, `node:${m}`]),
  ],
  logLevel: 'warning',
  metafile: true,
});

// esbuild declares every top-level binding of a bundle with `var` (its FAQ:
// "top-level var"). A module-scope `var` is mutable, so TurboFan cannot
// treat what it holds as a constant: compiled code reading the value stack
// (`const I32 = I32_SLOTS`) and its helpers through such bindings ran 2-4x
// slower from the bundles (pnpm bench, fib/loops/sha256). Declarations the
// bundle never assigns again become `const` again, as they were written.
for (const file of Object.keys(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  writeFileSync(file, constTopLevel(readFileSync(file, 'utf8')));
}
