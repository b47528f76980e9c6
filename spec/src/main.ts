#!/usr/bin/env node
/**
 * `pnpm spec`: runs every .wast of the official testsuite through
 * `@weft/wast-runner` (on `@weft/wast` and the `weft` facade), prints a
 * per-file table, writes spec/RESULTS.md, and checks failures against
 * spec/expected-failures.json.
 *
 *   node dist/main.js [--suite text|bin] [--tier baseline|optimized|flat] [--yield-every N]
 *                     [--filter SUBSTRING] [--no-write] [--verbose]
 *
 * `--tier` runs all code in one tier of the jit (see @weft/jit's tiers)
 * instead of tiering up when hot as usual, since scripts run too little
 * code for the optimized tier to be reached otherwise; `flat` compiles
 * everything in the flat block layout, otherwise used only for bodies
 * nested too deeply for closures. `--yield-every N` runs every call as an
 * async call that yields each N units of fuel: frames are suspended and
 * resumed (in resumable code) all the time, and nothing may change.
 * WEFT_TESTSUITE (text) and WEFT_TESTSUITE_BIN (binary form) override where
 * the suites are read from; by default ../shared/testsuite(-bin) next to the
 * repository. Exits non-zero when a failure is not listed, or a listed
 * failure no longer happens.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Expectations, type SuiteName } from './expectations.js';
import { markdown, tally } from './report.js';
import { runScript, type FileResult, type RunOptions } from '@weft/wast-runner';
import { LAYOUT, TIER_UP } from '@weft/jit';

const here = dirname(fileURLToPath(import.meta.url));
const specDir = resolve(here, '..');
const repo = resolve(specDir, '..');

function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const suite = (option('--suite') ?? 'text') as SuiteName;
const filter = option('--filter');
const write = !process.argv.includes('--no-write') && filter === null;
const verbose = process.argv.includes('--verbose');
const tier = option('--tier');
if (tier === 'optimized') Object.assign(TIER_UP, { calls: 1, iterations: 1 });
else if (tier === 'baseline') Object.assign(TIER_UP, { calls: Infinity, iterations: Infinity });
else if (tier === 'flat') LAYOUT.flat = true;
else if (tier !== null) {
  console.error(`--tier ${tier}: expected baseline, optimized or flat`);
  process.exit(2);
}
const yieldEvery = option('--yield-every') === null ? 0 : Number(option('--yield-every'));
if (!(Number.isSafeInteger(yieldEvery) && yieldEvery >= 0)) {
  console.error(`--yield-every: expected a positive integer`);
  process.exit(2);
}
const root =
  suite === 'text'
    ? (process.env['WEFT_TESTSUITE'] ?? join(repo, '..', 'shared', 'testsuite'))
    : (process.env['WEFT_TESTSUITE_BIN'] ?? join(repo, '..', 'shared', 'testsuite-bin'));

if (!existsSync(root)) {
  console.error(
    `testsuite not found at ${root} (set ${suite === 'text' ? 'WEFT_TESTSUITE' : 'WEFT_TESTSUITE_BIN'})`,
  );
  process.exit(2);
}

/** All .wast files under `dir`, relative to the root, sorted. */
function wastFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wastFiles(path));
    else if (name.endsWith('.wast')) out.push(relative(root, path));
  }
  return out;
}

/**
 * The proposals a testsuite file is run with: those of its directory under
 * proposals/ (as Wasmtime's wast tests enable features by path); none
 * elsewhere, so the rest of the suite runs WebAssembly 3.0 as it is.
 */
function featuresFor(file: string): RunOptions['features'] {
  if (file.startsWith('proposals/custom-page-sizes/')) return { customPageSizes: true };
  if (file.startsWith('proposals/custom-descriptors/')) return { customDescriptors: true };
  return {};
}

/** The name a binary-suite file has in the text suite, so one list covers both. */
function canonicalName(file: string): string {
  if (suite === 'text') return file;
  const base = file.replace(/\.bin\.wast$/, '.wast');
  return base.replace(/^(legacy|custom)_/, '$1/');
}

const expectations = Expectations.load(join(specDir, 'expected-failures.json'), suite);
const files = wastFiles(root).filter((f) => filter === null || f.includes(filter));

const results: FileResult[] = [];
const unexpected: string[] = [];
const started = performance.now();
for (const file of files) {
  const name = canonicalName(file);
  const r = await runScript(readFileSync(join(root, file), 'utf8'), name, {
    features: featuresFor(name),
    yieldEvery,
  });
  results.push(r);
  const failures =
    r.error !== null
      ? [{ file: name, line: 0, detail: r.error }]
      : r.results
          .filter((c) => c.outcome === 'fail')
          .map((c) => ({ file: name, line: c.line, detail: `${c.command}: ${c.detail}` }));
  for (const f of failures) {
    if (expectations.cover(f) === null) unexpected.push(`${f.file}:${f.line}: ${f.detail}`);
  }
  const t = tally(r);
  const flag = t.failed > 0 ? ' FAIL' : '';
  console.log(
    `${name.padEnd(44)} ${String(t.passed).padStart(6)} passed ${String(t.failed).padStart(5)} failed ${String(t.skipped).padStart(4)} skipped ${String(t.mismatched).padStart(4)} mismatched ${r.milliseconds.toFixed(0).padStart(6)} ms${flag}`,
  );
  if (verbose) {
    for (const c of r.results)
      if (c.outcome !== 'pass')
        console.log(`    ${c.line}: ${c.outcome} ${c.command}: ${c.detail}`);
    if (r.error !== null) console.log(`    ${r.error}`);
  }
}
const seconds = (performance.now() - started) / 1000;

const total = results.map(tally).reduce(
  (a, b) => ({
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    mismatched: a.mismatched + b.mismatched,
  }),
  { passed: 0, failed: 0, skipped: 0, mismatched: 0 },
);

if (write) {
  const title =
    suite === 'text'
      ? 'Conformance: the official testsuite'
      : 'Conformance: the testsuite in binary form';
  const source = suite === 'text' ? '`../shared/testsuite`' : '`../shared/testsuite-bin`';
  writeFileSync(
    join(specDir, suite === 'text' ? 'RESULTS.md' : 'RESULTS-bin.md'),
    `${markdown(results, title, source)}\n`,
  );
}

const stale = filter === null ? expectations.stale(results.map((r) => r.file)) : [];
if (unexpected.length > 0) {
  console.log(`\n${unexpected.length} failures not in spec/expected-failures.json:`);
  for (const u of unexpected.slice(0, 50)) console.log(`  ${u}`);
  if (unexpected.length > 50) console.log(`  ... and ${unexpected.length - 50} more`);
}
if (stale.length > 0) {
  console.log(
    `\n${stale.length} entries of spec/expected-failures.json no longer fail; remove them:`,
  );
  for (const e of stale)
    console.log(`  ${e.file}${e.line === undefined ? '' : `:${e.line}`} (${e.reason})`);
}
console.log(
  `\n${files.length} files in ${seconds.toFixed(1)} s; ${total.mismatched} message mismatches`,
);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(unexpected.length > 0 || stale.length > 0 ? 1 : 0);
