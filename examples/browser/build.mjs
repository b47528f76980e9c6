// Bundles app.js with the packages it imports into dist/app.js, one ESM file
// the page loads (a page under `script-src 'self'` cannot use an inline
// import map to find the packages' own files).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('app.js', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outfile: new URL('dist/app.js', import.meta.url).pathname,
  logLevel: 'warning',
});
