// The WebAssembly JS API conformance runner: runs every *.any.js file of
// the spec's js-api tests (web-platform-tests form) against
// @weft/webassembly installed as the global WebAssembly, in Node with the
// native WebAssembly removed, one process per file, and compares the
// failures with expected-failures.json, which must be exactly true.
//
//   node test/js-api/run.mjs [--jitless] [--native] [--filter TEXT] [--update] [--verbose]
//
// --jitless   run each file under `node --jitless`
// --native    run against Node's own WebAssembly instead (for reference; no expectations)
// --slow      also run the slow files (limits.any.js)
// --update    rewrite the expected failures from this run (reasons of kept entries stay)
//
// The suite is $WEFT_JS_API, or ../shared/js-api relative to the repository.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const jitless = flag('--jitless');
const native = flag('--native');
const filter = option('--filter');
const verbose = flag('--verbose');
const suite = resolve(process.env.WEFT_JS_API ?? join(repo, '..', 'shared', 'js-api'));
const expectationsPath = join(here, 'expected-failures.json');

if (!existsSync(join(suite, 'harness', 'testharness.js'))) {
  console.log(`js-api suite not found at ${suite}: JS API conformance not run (set WEFT_JS_API)`);
  process.exit(0);
}

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTests(path));
    else if (name.endsWith('.any.js')) out.push(relative(suite, path));
  }
  return out;
}

// limits.any.js builds modules at every JS embedding limit (a million types,
// functions, globals...): minutes and gigabytes per run, so it runs only with --slow.
const SLOW = ['limits.any.js'];
const slow = flag('--slow');
const all = listTests(suite).filter((f) => filter === undefined || f.includes(filter));
const files = all.filter((f) => slow || !SLOW.includes(f));
for (const f of all) {
  if (!files.includes(f)) console.log(`skipped ${f} (slow: run with --slow)`);
}

function runFile(file) {
  return new Promise((done) => {
    const nodeArgs = [...(jitless ? ['--jitless'] : []), join(here, 'child.mjs'), suite, file];
    if (native) nodeArgs.push('native');
    if (slow) nodeArgs.unshift('--max-old-space-size=16384');
    const child = spawn(process.execPath, nodeArgs, {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const started = Date.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      let parsed = null;
      try {
        parsed = JSON.parse(line ?? '');
      } catch {
        parsed = null;
      }
      const ms = Date.now() - started;
      if (parsed === null) {
        done({
          file,
          ms,
          results: [],
          harnessError: `no results (exit ${code}): ${stderr.slice(-500)}`,
        });
      } else {
        done({ file, ms, ...parsed });
      }
    });
  });
}

const concurrency = Math.max(1, Math.min(2, Number(process.env.WEFT_JS_API_JOBS ?? 2)));
const reports = new Array(files.length);
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < files.length) {
      const i = next++;
      reports[i] = await runFile(files[i]);
    }
  }),
);

// Failures, keyed by "file\ttest name"; a harness error is the pseudo-test "(harness)".
const failures = new Map();
let passed = 0;
let failed = 0;
for (const r of reports) {
  let p = 0;
  let f = 0;
  for (const t of r.results) {
    if (t.status === 0) p++;
    else {
      f++;
      failures.set(`${r.file}\t${t.name}`, t.message ?? `status ${t.status}`);
    }
  }
  if (r.harnessError !== null && r.harnessError !== undefined) {
    f++;
    failures.set(`${r.file}\t(harness)`, r.harnessError);
  }
  passed += p;
  failed += f;
  console.log(
    `${String(p).padStart(5)} passed ${String(f).padStart(4)} failed ${String(r.ms).padStart(6)} ms  ${r.file}`,
  );
}

const mode = jitless ? 'jitless' : 'node';
let mismatches = 0;
if (!native) {
  const expectations = existsSync(expectationsPath)
    ? JSON.parse(readFileSync(expectationsPath, 'utf8'))
    : { entries: [] };
  const applies = (e) => e.mode === undefined || e.mode === mode;
  const inScope = (e) => files.includes(e.file);
  const expected = new Map(
    expectations.entries
      .filter((e) => applies(e) && inScope(e))
      .map((e) => [`${e.file}\t${e.test}`, e]),
  );
  const unexpected = [...failures.keys()].filter((k) => !expected.has(k));
  const fixed = [...expected.keys()].filter((k) => !failures.has(k));
  for (const k of unexpected) {
    const [file, test] = k.split('\t');
    console.log(
      `UNEXPECTED FAILURE ${file} :: ${test}\n    ${String(failures.get(k)).split('\n')[0]}`,
    );
  }
  for (const k of fixed) {
    const [file, test] = k.split('\t');
    console.log(
      `EXPECTED FAILURE NOW PASSES ${file} :: ${test} (remove it from expected-failures.json)`,
    );
  }
  if (verbose) {
    for (const [k, m] of failures)
      console.log(`failed (expected) ${k.replace('\t', ' :: ')}: ${m}`);
  }
  mismatches = unexpected.length + fixed.length;
  if (flag('--update')) {
    const old = new Map(
      expectations.entries.map((e) => [`${e.file}\t${e.test}\t${e.mode ?? ''}`, e]),
    );
    const kept = expectations.entries.filter(
      (e) => !(applies(e) && inScope(e)) || failures.has(`${e.file}\t${e.test}`),
    );
    for (const k of unexpected) {
      const [file, test] = k.split('\t');
      const prior = old.get(`${k}\t`);
      kept.push({
        file,
        test,
        reason: prior?.reason ?? `TODO: ${String(failures.get(k)).split('\n')[0]}`,
      });
    }
    kept.sort((a, b) => (a.file + a.test).localeCompare(b.file + b.test));
    writeFileSync(
      expectationsPath,
      `${JSON.stringify({ ...expectations, entries: kept }, null, 2)}\n`,
    );
    console.log(`updated ${relative(process.cwd(), expectationsPath)}`);
  }
  console.log(
    `${mismatches === 0 ? 'matches' : 'DOES NOT MATCH'} expected-failures.json (${mode}): ${failures.size} failures, ${expected.size} expected`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = mismatches === 0 ? 0 : 1;
