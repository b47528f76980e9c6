/**
 * Startup and footprint: what a user pays before any wasm runs.
 *
 * - `import('weft-wasm')`: wall time of the dynamic import in a fresh
 *   process (each sample its own `node`), and the same for the WASI and
 *   text packages the command line loads;
 * - `weft run hello.wasm` (examples/wasi) against bare `node -e 0`: the
 *   command line's own cost, with its compile cache (made by the first
 *   sample, in a directory of this run) and without it;
 * - the browser bundle of `weft-wasm`: esbuild, minified, for browsers,
 *   raw and gzipped.
 *
 *   node tools/bench/dist/footprint.js [--samples N] [--write]
 *
 * Prints medians (and min-max); `--write` also writes docs/footprint.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median, min } from './stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'packages/cli/dist/main.js');
const hello = join(root, 'examples/wasi/hello.wasm');

/** Milliseconds of `import(specifier)` in a fresh node, resolved from the CLI package. */
function importMs(specifier: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: join(root, 'packages/cli'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`import ${specifier} failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

/** Milliseconds of a whole process, wall clock. */
function processMs(args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

function sample(n: number, f: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(f());
  return out;
}

function show(xs: readonly number[]): string {
  return `${median(xs).toFixed(0)} ms (${min(xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
}

/** Size of the minified browser bundle of weft-wasm, raw and gzipped (bytes). */
async function bundleBytes(): Promise<{ raw: number; gzip: number }> {
  const out = await build({
    stdin: { contents: "export * from 'weft-wasm';", resolveDir: join(root, 'packages/cli') },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const args = process.argv.slice(2);
const samplesAt = args.indexOf('--samples');
const n = samplesAt >= 0 ? Number(args[samplesAt + 1]) : 11;
const write = args.includes('--write');

const rows: [string, string][] = [];
const imports = ['weft-wasm', '@weft/wasi', '@weft/wast'];
for (const m of imports) rows.push([`import('${m}')`, show(sample(n, () => importMs(m)))]);
const bare = sample(n, () => processMs(['-e', '0']));
const cacheDir = mkdtempSync(join(tmpdir(), 'weft-footprint-'));
const cached = { WEFT_COMPILE_CACHE: cacheDir };
processMs([cli, 'run', hello], cached); // makes the cache
const run = sample(n, () => processMs([cli, 'run', hello], cached));
const cold = sample(n, () => processMs([cli, 'run', hello], { WEFT_DISABLE_COMPILE_CACHE: '1' }));
rmSync(cacheDir, { recursive: true, force: true });
rows.push(['node -e 0', show(bare)]);
rows.push(['weft run hello.wasm', show(run)]);
rows.push(['weft run hello.wasm over bare node', `${(median(run) - median(bare)).toFixed(0)} ms`]);
rows.push(['weft run hello.wasm without the compile cache', show(cold)]);
rows.push([
  'weft run hello.wasm without the compile cache, over bare node',
  `${(median(cold) - median(bare)).toFixed(0)} ms`,
]);
const bundle = await bundleBytes();
rows.push([
  'browser bundle of weft-wasm (esbuild, minified)',
  `${(bundle.raw / 1024).toFixed(0)} KiB, ${(bundle.gzip / 1024).toFixed(0)} KiB gzipped`,
]);

const table = [
  '| what | median (min-max) |',
  '| --- | --- |',
  ...rows.map(([a, b]) => `| ${a} | ${b} |`),
].join('\n');
console.log(table);
if (write) {
  const doc = `# Startup and footprint

What a user pays before any wasm runs, measured by
\`node tools/bench/dist/footprint.js --write\` (${n} fresh processes per row,
Node ${process.version}, ${new Date().toISOString().slice(0, 10)}). Imports
resolve the published entry points (per-package bundles, dist/bundle/).
\`weft run\` compiles its bundled command from V8's code cache, which the
first run writes (see the "Startup and the compile cache" section of
packages/cli/README.md); the rows without it are what a first run pays.

${table}
`;
  writeFileSync(join(root, 'docs/footprint.md'), doc);
}
