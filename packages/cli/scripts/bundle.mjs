// Bundles the command line into one CommonJS script, dist/weft.cjs, that
// dist/main.js compiles through `vm.Script` with V8's code cache
// (src/compile-cache.ts). Node 20 has no compile cache for ES modules, and
// compiling Weft's modules was most of `weft run`'s startup.
//
// Everything the command runs is inside (weft-wasm, @weft/*, the text
// format and `weft wast` too, and what a worker thread of wasi-threads
// runs: src/bundle.ts), except Node's modules. Two
// rewrites make ES modules one script:
// - `import('x')` becomes a static import: esbuild would otherwise wrap
//   every module into a function run on first use, its top-level bindings
//   assigned there, which TurboFan cannot read as constants (see
//   tools/bundle/package.mjs). What is not run is not compiled, so the
//   code `weft run` does not need costs little;
// - `import.meta.url` has no meaning in a script: each use becomes the URL
//   the file has in its installed package, found through that package's
//   package.json (so the package must resolve from this one).
//   node scripts/bundle.mjs      (in packages/cli, after tsc)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { constTopLevel } from '../../../tools/bundle/const-top-level.mjs';

const OUT = 'dist/weft.cjs';
const self = JSON.parse(readFileSync('package.json', 'utf8')).name;
const require = createRequire(join(process.cwd(), 'package.json'));

/** The directory and name of the package holding `file`. */
function packageOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return { dir, name: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name };
    } catch {}
  }
  throw new Error(`${file}: in no package`);
}

/** A dynamic import of a constant specifier. */
const DYNAMIC_IMPORT = /\bimport\((['"])([^'"]+)\1\)/g;

/** The two rewrites (see above) of each bundled file that needs them. */
const scriptForm = {
  name: 'script-form',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      const imports = [];
      text = text.replace(DYNAMIC_IMPORT, (_, quote, specifier) => {
        const name = `__weftImport${imports.length}`;
        imports.push(`import * as ${name} from ${JSON.stringify(specifier)};\n`);
        return `Promise.resolve(${name})`;
      });
      if (text.includes('import.meta.url')) {
        const pkg = packageOf(args.path);
        if (pkg.name !== self) require.resolve(`${pkg.name}/package.json`); // throws if it would not resolve
        const path = relative(pkg.dir, args.path).split(sep).join('/');
        const url = `__weftFileUrl(${JSON.stringify(pkg.name)}, ${JSON.stringify(path)})`;
        text = text.replaceAll('import.meta.url', url);
      } else if (imports.length === 0) return undefined;
      return { contents: imports.join('') + text, loader: 'js' };
    });
  },
};

// Strict first: the modules bundled are, and a directive after the banner's
// code would be none.
const banner = `"use strict";
// The weft command line, bundled by scripts/bundle.mjs for dist/main.js.
var __weftFileUrl = (name, path) => {
  const p = require("node:path");
  const root = name === ${JSON.stringify(self)} ? p.join(__dirname, "..") : p.dirname(require.resolve(name + "/package.json"));
  return require("node:url").pathToFileURL(p.join(root, path)).href;
};`;

await build({
  entryPoints: ['dist/bundle.js'],
  outfile: OUT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'es2022',
  external: [...builtinModules.flatMap((m) => [m, `node:${m}`])],
  banner: { js: banner },
  plugins: [scriptForm],
  // No source map: it would name the other packages' sources, which are
  // not in this package (tools/pack checks that maps resolve in it).
  logLevel: 'warning',
});
// As in the packages' own bundles (tools/bundle/package.mjs): top-level
// bindings that are never assigned again get their `const` back, which
// TurboFan reads as constants.
const code = constTopLevel(readFileSync(OUT, 'utf8'));
// The first line names the bundle by a hash of the rest, which names its
// code cache (src/compile-cache.ts reads it instead of hashing the file).
const hash = createHash('sha256').update(code).digest('hex').slice(0, 32);
writeFileSync(OUT, `// weft-bundle ${hash}\n${code}`);
