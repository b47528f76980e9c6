/**
 * The command line's compile cache (src/compile-cache.ts) and the bundle it
 * loads (scripts/bundle.mjs): the cache is written, used, refused when
 * corrupt or foreign, and never changes what the command does.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bundleHash,
  cacheDirectory,
  cacheKey,
  MAX_CACHE_FILES,
  trustedDirectory,
} from '#src/compile-cache.js';
import { EXAMPLES, MAIN } from './helpers.js';

const LOADER = fileURLToPath(new URL('../dist/compile-cache.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/weft.cjs', import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'weft-cache-test-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

/** A CommonJS script named by its first line as the build names bundles. */
function script(name: string, body: string, named = true): string {
  const file = join(scratch, name);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
  writeFileSync(file, named ? `// weft-bundle ${hash}\n${body}` : body);
  return file;
}

/** A script loading the script its first argument names, as the command line does. */
const RUNNER = join(scratch, 'runner.mjs');
writeFileSync(
  RUNNER,
  `import { loadCommonJs } from ${JSON.stringify(LOADER)};
const [file, dir, write, kill] = process.argv.slice(2);
const r = loadCommonJs(file, dir, { write: write === 'true' });
console.log(JSON.stringify({ cache: r.cache, value: r.exports.value, cacheFile: r.cacheFile }));
if (kill === 'kill') process.kill(process.pid, 'SIGKILL');`,
);

/**
 * Loads `file` in a fresh node with the cache in `dir` (the same node
 * options each time: they name the cache file), writing the cache at exit
 * if `write`: the cache state and what the script exported.
 */
function load(
  file: string,
  dir: string,
  write = true,
): { cache: string; value: unknown; cacheFile: string | null } {
  const r = spawnSync(process.execPath, [RUNNER, file, dir, String(write)], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cache: string; value: unknown; cacheFile: string | null };
}

const BODY = `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { value: [fib(20), typeof require, __filename.endsWith('.cjs'), this === exports] };`;
const EXPECTED = [6765, 'function', true, true];

test('a script runs as CommonJS; its cache is written at exit, then used', () => {
  const dir = join(scratch, 'cache-a');
  const file = script('a.cjs', BODY);
  const first = load(file, dir);
  assert.equal(first, { ...first, cache: 'miss', value: EXPECTED });
  assert.ok(first.cacheFile?.startsWith(dir));
  assert.equal(readdirSync(dir), [first.cacheFile!.slice(dir.length + 1)]);
  assert.equal(load(file, dir), { ...first, cache: 'hit' });
});

test('a run killed by a signal leaves a partial cache; the next run uses it and writes the whole one', () => {
  const dir = join(scratch, 'cache-k');
  const file = script('k.cjs', BODY);
  const killed = spawnSync(process.execPath, [RUNNER, file, dir, 'true', 'kill'], {
    encoding: 'utf8',
  });
  assert.is(killed.signal, 'SIGKILL');
  assert.is(JSON.parse(killed.stdout).cache, 'miss');
  const [partial] = readdirSync(dir);
  assert.match(partial!, /\.partial\.bin$/);
  const next = load(file, dir);
  assert.equal(next, { ...next, cache: 'partial', value: EXPECTED });
  assert.equal(readdirSync(dir), [next.cacheFile!.slice(dir.length + 1)], 'the whole one, alone');
  assert.is(load(file, dir).cache, 'hit');
});

test('a loader that does not write (a worker thread) leaves the cache to the main thread', () => {
  const dir = join(scratch, 'cache-w');
  const file = script('w.cjs', BODY);
  assert.is(load(file, dir, false).cache, 'miss');
  assert.equal(readdirSync(dir), []);
  assert.is(load(file, dir).cache, 'miss');
  assert.is(load(file, dir, false).cache, 'hit');
});

test('a corrupt cache is refused by V8, the script still runs, and the cache is written anew', () => {
  const dir = join(scratch, 'cache-b');
  const file = script('b.cjs', BODY);
  const { cacheFile } = load(file, dir);
  writeFileSync(cacheFile!, Buffer.alloc(4096, 0x5a));
  assert.equal(load(file, dir), { cache: 'rejected', value: EXPECTED, cacheFile });
  assert.is(load(file, dir).cache, 'hit');
});

test('another script (another build) does not use this cache', () => {
  const dir = join(scratch, 'cache-c');
  const a = load(script('c.cjs', BODY), dir);
  const b = load(script('c.cjs', BODY.replace('fib(20)', 'fib(21)')), dir);
  assert.is(b.cache, 'miss');
  assert.is.not(b.cacheFile, a.cacheFile);
  assert.equal(b.value, [10946, 'function', true, true]);
});

test('a script not named by the build is not cached', () => {
  const dir = join(scratch, 'cache-d');
  const r = load(script('d.cjs', BODY, false), dir);
  assert.equal(r, { cache: 'off', value: EXPECTED, cacheFile: null });
  assert.is(bundleHash('// weft-bundle 0123456789abcdef\nx'), '0123456789abcdef');
  assert.is(bundleHash('x\n// weft-bundle 0123456789abcdef\n'), null);
});

test('no cache in a directory others may write to', () => {
  if (process.getuid === undefined) return;
  const dir = join(scratch, 'shared');
  assert.ok(trustedDirectory(dir), 'made, mode 0700');
  chmodSync(dir, 0o777);
  assert.not.ok(trustedDirectory(dir));
  assert.is(load(script('e.cjs', BODY), dir).cache, 'off');
  assert.not.ok(trustedDirectory(join(scratch, 'e.cjs')), 'a file is no directory');
});

test('at most MAX_CACHE_FILES cache files are kept, and no stale temporary file', () => {
  const dir = join(scratch, 'cache-f');
  load(script('f.cjs', BODY), dir);
  // Left by writers that died before renaming: an hour ago, and just now (maybe still writing).
  const stale = join(dir, 'x.bin.1.a.tmp');
  const fresh = join(dir, 'x.bin.2.b.tmp');
  writeFileSync(stale, '');
  writeFileSync(fresh, '');
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(stale, anHourAgo, anHourAgo);
  for (let i = 0; i < MAX_CACHE_FILES; i++) load(script(`f${i}.cjs`, `${BODY}//${i}`), dir);
  const left = readdirSync(dir);
  assert.is(left.filter((f) => f.endsWith('.bin')).length, MAX_CACHE_FILES);
  assert.equal(
    left.filter((f) => f.endsWith('.tmp')),
    ['x.bin.2.b.tmp'],
  );
});

test('the directory: WEFT_COMPILE_CACHE, or a temporary one per user; turned off by either variable', () => {
  assert.is(cacheDirectory({ WEFT_COMPILE_CACHE: '/x/y' }), '/x/y');
  assert.ok(cacheDirectory({})!.startsWith(tmpdir()));
  assert.is(cacheDirectory({ WEFT_DISABLE_COMPILE_CACHE: '1', WEFT_COMPILE_CACHE: '/x' }), null);
  assert.is(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1' }), null);
  // Other V8 flags, another cache file.
  assert.is.not(cacheKey('ab', { NODE_OPTIONS: '--jitless' }), cacheKey('ab', {}));
  assert.ok(cacheKey('ab', {}).startsWith('ab-'));
});

test('the bundle: named by a hash of its content, strict, no import.meta, no deferred module bodies', () => {
  const text = readFileSync(BUNDLE, 'utf8');
  const hash = bundleHash(text);
  assert.ok(hash !== null, 'first line names the bundle');
  const body = text.slice(text.indexOf('\n') + 1);
  assert.is(createHash('sha256').update(body).digest('hex').slice(0, 32), hash);
  assert.not.ok(body.includes('import.meta'));
  assert.ok(body.startsWith('"use strict";'), 'strict, as the modules it bundles');
  // Modules run on first use (esbuild's __esm) assign their top-level
  // bindings in a function: TurboFan cannot read those as constants.
  assert.not.ok(body.includes('__esm('), 'a dynamic import became a deferred module');
});

test("the bundle's file URLs lead to its packages' files: the jit's pack parts, the thread script", () => {
  const text = readFileSync(BUNDLE, 'utf8');
  const uses = [...text.matchAll(/__weftFileUrl\("([^"]+)", "([^"]+)"\)/g)];
  assert.equal(uses.map((m) => m[1]).sort(), ['@weft/cli', '@weft/jit']);
  const require = createRequire(BUNDLE);
  for (const [, name, path] of uses) {
    // As the banner resolves them where the bundle runs.
    const root =
      name === '@weft/cli'
        ? join(dirname(BUNDLE), '..')
        : dirname(require.resolve(`${name}/package.json`));
    assert.ok(existsSync(join(root, path!)), `${name}: ${path}`);
  }
  const jit = dirname(require.resolve('@weft/jit/package.json'));
  for (const part of ['numeric', 'memory', 'control'])
    assert.ok(existsSync(join(jit, 'dist', `weft-jit-pack-${part}.cjs`)), part);
  assert.ok(existsSync(join(dirname(BUNDLE), 'thread.js')));
});

test('weft run: the same output without a cache, writing it, and from it', () => {
  const dir = join(scratch, 'cache-run');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [MAIN, 'run', join(EXAMPLES, 'hello.wasm')], {
      encoding: 'utf8',
      env: { ...process.env, WEFT_COMPILE_CACHE: dir, ...env },
    });
  const envs: Record<string, string>[] = [{ WEFT_DISABLE_COMPILE_CACHE: '1' }, {}, {}];
  for (const env of envs) {
    const r = run(env);
    assert.is(r.stdout, 'Hello, world!\n');
    assert.is(r.status, 0);
  }
  assert.is(readdirSync(dir).filter((f) => f.endsWith('.bin')).length, 1);
});

test.run();
