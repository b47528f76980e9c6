// Runs real npm packages that ship WebAssembly (workloads.mjs) through
// @weft/webassembly, compares each output with Node's native WebAssembly
// (or, under --jitless, where Node has none, with the outputs recorded from
// it in expected-outputs.json), and times native, Weft and polywasm.
//
//   node test/programs/run.mjs [--jitless] [--quick] [--polywasm] [--plain] [--filter NAME]
//                              [--skip NAME] [--runs N] [--record] [--json FILE]
//
// --quick     inputs scaled to 0.1 (what CI runs)
// --polywasm  time polywasm too (where it runs the workload correctly)
// --plain     run Weft's child without the V8 flags of the weft command line
// --filter S  only the workloads whose name contains S
// --skip NAME skip one workload
// --runs N    run each engine N times, each run in a fresh process, the
//             engines taking turns (native, Weft, polywasm, native, ...);
//             times are the medians (default 1: one run decides nothing
//             on a noisy machine, where a 12 ms native workload took 20 ms
//             in the next process)
// --record    write the native outputs to expected-outputs.json
// --json FILE also write the results to FILE: { schema: 1, generatedAt, node,
//             nodeFlags, weftFlags, scale, passed, failed, programs: [{ name,
//             toolchain, native, weft, polywasm?, weftRatio?, polywasmRatio?,
//             known? }], runs }, each engine { status: ok|wrong|fails, initMs?,
//             workMs?, message? }, ratios of (median) work times to native's
//             (tools/bench reads it: ProgramsResults in tools/bench/src/results.ts)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (n) => args.includes(n);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const skipAt = args.indexOf('--skip');
const skip = skipAt >= 0 ? args[skipAt + 1] : undefined;
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs wants a positive integer, not ${args[runsAt + 1]}`);
  process.exit(2);
}
const jitless = flag('--jitless');
const quick = flag('--quick');
const scale = quick ? '0.1' : '1';
const expectedPath = join(here, 'expected-outputs.json');
const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));

/**
 * Workloads that fail on Weft because of an engine bug (wrong result,
 * hang): kept, reported, and not counted as failures of this package.
 * Empty: every workload runs correctly.
 */
const KNOWN_ENGINE_FAILURES = {};

// Weft's closures want V8's larger inlining budget (see packages/weft's README, "Performance").
// --plain measures Weft in plain node.
const WEFT_FLAGS = flag('--plain')
  ? []
  : ['--max-inlined-bytecode-size-cumulative=5000', '--max-inlined-bytecode-size-absolute=10000'];

function run(name, engine) {
  const nodeArgs = [
    ...(jitless ? ['--jitless'] : []),
    ...(engine === 'weft' ? WEFT_FLAGS : []),
    join(here, 'child.mjs'),
    name,
    engine,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: here,
      env: { ...process.env, WEFT_PROGRAMS_SCALE: scale },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        done(JSON.parse(out.trim().split('\n').pop()));
      } catch {
        done({ error: `no result: ${out.slice(-300)}` });
      }
    });
  });
}

/**
 * One engine's result over its runs: the first failed run, the first run
 * whose output differs from the first run's, or the first run with the
 * median initialization and work times.
 */
function combine(results) {
  const failed = results.find((r) => r.error);
  if (failed) return failed;
  const odd = results.find((r) => r.output !== results[0].output);
  if (odd) return odd;
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return {
    ...results[0],
    init: median(results.map((r) => r.init)),
    work: median(results.map((r) => r.work)),
  };
}

/** Runs every engine of `engines` `runs` times, taking turns; their combined results. */
async function runAll(name, engines) {
  const results = engines.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [k, engine] of engines.entries()) results[k].push(await run(name, engine));
  return results.map(combine);
}

const fmt = (r) => (r.error ? 'error' : `${r.init.toFixed(0)} + ${r.work.toFixed(0)} ms`);
const ratio = (r, n) => (r.error || n.error ? '' : ` (${(r.work / n.work).toFixed(1)}x)`);
/** An engine's result as written with --json. */
function entry(r, want) {
  if (r.error) return { status: 'fails', message: r.error };
  const times = { initMs: round3(r.init), workMs: round3(r.work) };
  if (want !== undefined && r.output !== want)
    return { status: 'wrong', ...times, message: `output ${r.output}, expected ${want}` };
  return { status: 'ok', ...times };
}
const round3 = (x) => Math.round(x * 1000) / 1000;
const workRatio = (a, b) =>
  a.status === 'ok' && b.status === 'ok' && b.workMs > 0
    ? Number((a.workMs / b.workMs).toPrecision(4))
    : undefined;
let passed = 0;
let failed = 0;
const rows = [];
const programs = [];
for (const [name, w] of Object.entries(WORKLOADS)) {
  if (filter !== undefined && !name.includes(filter)) continue;
  if (skip !== undefined && name === skip) {
    console.log(`skipped ${name} (--skip)`);
    continue;
  }
  const engines = [
    ...(jitless ? [] : ['native']),
    'weft',
    ...(flag('--polywasm') ? ['polywasm'] : []),
  ];
  const timed = await runAll(name, engines);
  const of = (engine) => timed[engines.indexOf(engine)];
  const native = jitless ? { error: 'none under --jitless' } : of('native');
  const want = native.error ? expected[scale]?.[name] : native.output;
  if (flag('--record') && !native.error) {
    expected[scale] ??= {};
    expected[scale][name] = native.output;
  }
  const weft = of('weft');
  const poly = flag('--polywasm') ? of('polywasm') : null;
  const ok = !weft.error && weft.output === want;
  const known = KNOWN_ENGINE_FAILURES[name];
  if (ok) passed++;
  else if (!known) failed++;
  const polyCol =
    poly === null
      ? ''
      : poly.error || poly.output !== want
        ? `polywasm: ${poly.error ? 'fails' : 'wrong output'}`
        : `polywasm ${fmt(poly)}${ratio(poly, native)}`;
  rows.push(
    `${ok ? 'ok  ' : known ? 'KNOWN' : 'FAIL'} ${name.padEnd(22)} ${w.toolchain.padEnd(26)} native ${fmt(native).padEnd(18)} weft ${fmt(weft)}${ratio(weft, native)}  ${polyCol}`,
  );
  console.log(rows.at(-1));
  if (!ok) console.log(`     expected ${want}\n     got      ${weft.error ?? weft.output}`);
  const nativeEntry = entry(native, undefined);
  const weftEntry = ok ? entry(weft, undefined) : entry(weft, want ?? '(no expected output)');
  const polyEntry = poly === null ? undefined : entry(poly, want ?? '(no expected output)');
  programs.push({
    name,
    toolchain: w.toolchain,
    native: nativeEntry,
    weft: weftEntry,
    ...(polyEntry ? { polywasm: polyEntry } : {}),
    ...(workRatio(weftEntry, nativeEntry) === undefined
      ? {}
      : { weftRatio: workRatio(weftEntry, nativeEntry) }),
    ...(polyEntry && workRatio(polyEntry, nativeEntry) !== undefined
      ? { polywasmRatio: workRatio(polyEntry, nativeEntry) }
      : {}),
    ...(known ? { known } : {}),
  });
}
if (flag('--record')) writeFileSync(expectedPath, `${JSON.stringify(expected, null, 2)}\n`);
console.log(
  `known engine failures (engine bugs, reported, not counted): ${
    Object.keys(KNOWN_ENGINE_FAILURES).length === 0
      ? 'none'
      : Object.entries(KNOWN_ENGINE_FAILURES)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')
  }`,
);
console.log(
  `(times: init + workload, ${runs === 1 ? 'one run' : `medians of ${runs} runs`}, ${jitless ? 'node --jitless' : 'node'}, scale ${scale})`,
);
console.log(`${passed} passed, ${failed} failed`);
if (jsonFile !== undefined) {
  const file = resolve(jsonFile);
  mkdirSync(dirname(file), { recursive: true });
  const results = {
    schema: 1,
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    nodeFlags: jitless ? ['--jitless'] : [],
    weftFlags: WEFT_FLAGS,
    scale: Number(scale),
    runs,
    programs,
    passed,
    failed,
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
process.exitCode = failed === 0 ? 0 : 1;
