/**
 * `pnpm bench`: runs the workloads in every engine of engines.json, then the
 * compile-time workload, prints a table on stdout and writes
 * results/<mode>.json (flags.json, or plain.json with --node-flags ''), then
 * docs/benchmarks.md and its charts from every result file.
 * Progress goes to stderr. `--help` lists the options.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { V8_FLAGS } from 'weft-wasm/node';
import { measureCompile } from './compile-time.js';
import type { EngineSpec } from './engine.js';
import { createEngine, loadEngineConfig, selectSpecs } from './engines/registry.js';
import { machineInfo } from './machine.js';
import { modeOfFlags, resultsFile } from './modes.js';
import { writeDocs, writeJson } from './outputs.js';
import { defaultEngineConfig, docsDir, resultsDir } from './paths.js';
import { errorMessage } from './protocol.js';
import { fmtMs, fmtRatio, geomeans, ratioCell, timeCell } from './report/format.js';
import { loadReportInputs, mergeInputs } from './report/inputs.js';
import { textReport } from './report/text.js';
import type { BenchResults, EngineInfo, RunSettings, WorkloadResult } from './results.js';
import { runWorkload } from './run-workloads.js';
import { WORKLOADS, findWorkload } from './workloads.js';

const HELP = `usage: pnpm bench [options]        (or: node tools/bench/dist/main.js [options])

  --quick                 small sizes and few rounds (about 30 s for native + polywasm)
  --engines a,b           only these engines (the baseline always runs)
  --workloads a,b         only these workloads
  --n name=value          run(value) for that workload (repeatable)
  --rounds N              measured rounds per workload
  --min-rounds N          rounds always run, even past the time budget
  --warmup-runs N         warm-up calls per engine (at least)
  --warmup-ms MS          warm-up time per engine (at least)
  --budget S              no new round after S seconds of measuring a workload
  --run-timeout S         kill a run that makes no progress for S seconds
  --node-flags "F ..."    node options for the runtime workers (default: the V8 flags
                          the weft command line sets, from weft/node; '' for none)
  --compile-repeats N     measurements per compile-time variant
  --skip-compile          skip the compile-time workload
  --compile-only          only the compile-time workload
  --config FILE           engine list (default tools/bench/engines.json)
  --json FILE             where to write the results JSON
  --write                 regenerate docs/ even for a partial run
  --dry-run               write nothing, only print
  --help

Writes tools/bench/results/flags.json (plain.json with --node-flags ''), then
docs/benchmarks.md and its charts from every result file there
(a partial run, i.e. with --engines, --workloads, --n, --skip-compile or
--compile-only, writes tools/bench/results/partial.json and leaves docs/ alone).`;

// `pnpm bench -- --quick` passes the `--` along.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();

const { values } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    engines: { type: 'string' },
    workloads: { type: 'string' },
    n: { type: 'string', multiple: true },
    rounds: { type: 'string' },
    'min-rounds': { type: 'string' },
    'warmup-runs': { type: 'string' },
    'warmup-ms': { type: 'string' },
    budget: { type: 'string' },
    'run-timeout': { type: 'string' },
    'compile-repeats': { type: 'string' },
    'node-flags': { type: 'string' },
    'skip-compile': { type: 'boolean', default: false },
    'compile-only': { type: 'boolean', default: false },
    config: { type: 'string' },
    json: { type: 'string' },
    write: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`--${name}: not a number: ${raw}`);
    process.exit(2);
  }
  return v;
}

const list = (raw: string | undefined) =>
  raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const mode = values.quick ? 'quick' : 'full';
const defaults: Omit<RunSettings, 'nodeFlags'> & { compileRepeats: number } =
  mode === 'quick'
    ? {
        rounds: 5,
        minRounds: 3,
        warmupRuns: 2,
        warmupMs: 300,
        maxWarmupMs: 3_000,
        budgetMs: 3_000,
        runTimeoutMs: 60_000,
        compileRepeats: 3,
      }
    : {
        rounds: 11,
        minRounds: 5,
        warmupRuns: 3,
        warmupMs: 1_000,
        maxWarmupMs: 15_000,
        budgetMs: 20_000,
        runTimeoutMs: 300_000,
        compileRepeats: 5,
      };
const settings: RunSettings = {
  nodeFlags: (values['node-flags'] ?? V8_FLAGS.join(' ')).split(/\s+/).filter(Boolean),
  rounds: Math.max(1, int('rounds', values.rounds, defaults.rounds)),
  minRounds: int('min-rounds', values['min-rounds'], defaults.minRounds),
  warmupRuns: int('warmup-runs', values['warmup-runs'], defaults.warmupRuns),
  warmupMs: int('warmup-ms', values['warmup-ms'], defaults.warmupMs),
  maxWarmupMs: Math.max(
    int('warmup-ms', values['warmup-ms'], defaults.warmupMs),
    defaults.maxWarmupMs,
  ),
  budgetMs: int('budget', values.budget, defaults.budgetMs / 1000) * 1000,
  runTimeoutMs: int('run-timeout', values['run-timeout'], defaults.runTimeoutMs / 1000) * 1000,
};
const compileRepeats = Math.max(
  1,
  int('compile-repeats', values['compile-repeats'], defaults.compileRepeats),
);

const configPath = resolve(values.config ?? defaultEngineConfig);
const log = (line: string) => console.error(line);

let specs: EngineSpec[];
const nOverrides = new Map<string, number>();
let workloads = WORKLOADS;
try {
  const config = loadEngineConfig(configPath);
  specs = selectSpecs(config, list(values.engines));
  const names = list(values.workloads);
  if (names) workloads = names.map(findWorkload);
  for (const o of values.n ?? []) {
    const m = /^([\w-]+)=(\d+)$/.exec(o);
    if (!m) throw new Error(`--n ${o}: expected name=value`);
    findWorkload(m[1]!);
    nOverrides.set(m[1]!, Number(m[2]));
  }
} catch (e) {
  console.error(errorMessage(e));
  process.exit(2);
}
if (values['compile-only']) workloads = [];
const partial =
  values.engines !== undefined ||
  values.workloads !== undefined ||
  nOverrides.size > 0 ||
  values['skip-compile'] ||
  values['compile-only'];

const started = performance.now();
const baseline = specs[0]!.name;
const engineNames = specs.map((s) => s.name);

// Engine versions and descriptions, for the reports (the workers load their own).
const engines: EngineInfo[] = [];
for (const spec of specs) {
  try {
    const e = await createEngine(spec);
    engines.push({ name: e.name, description: e.description, version: e.version });
  } catch (e) {
    engines.push({ name: spec.name, description: spec.description, version: 'unavailable' });
    log(`${spec.name}: ${errorMessage(e)}`);
  }
}

log(
  `Weft benchmarks, ${mode} mode: ${workloads.length} workloads × ${engineNames.join(', ')}` +
    (values['skip-compile'] ? '' : ', then the compile-time workload'),
);
const results: WorkloadResult[] = [];
for (const w of workloads) {
  const n = nOverrides.get(w.name) ?? w.n[mode];
  const recorded = n === w.n.quick ? w.expectedQuick : undefined;
  const t0 = performance.now();
  const result = await runWorkload(w, n, engineNames, configPath, settings, recorded);
  results.push(result);
  const parts = engineNames.map((name) => {
    const run = result.engines[name];
    const time = run?.status === 'ok' ? `${fmtMs(run.medianMs)} ms` : timeCell(run);
    return name === baseline || run?.status !== 'ok'
      ? `${name} ${time}`
      : `${name} ${time} (${ratioCell(run)})`;
  });
  log(
    `  ${w.name.padEnd(9)} n=${n}: ${parts.join(', ')}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`,
  );
}

const geomean = geomeans(
  results,
  engineNames.filter((n) => n !== baseline),
);

let compile: BenchResults['compile'];
if (!values['skip-compile']) {
  log('compile time (a fresh process per measurement):');
  compile = await measureCompile(
    specs,
    configPath,
    mode,
    compileRepeats,
    settings.runTimeoutMs,
    log,
  );
}

const report: BenchResults = {
  schema: 2,
  generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  mode,
  nodeMode: modeOfFlags(settings.nodeFlags),
  sizes: mode,
  partial,
  command: ['pnpm bench', ...argv].join(' '),
  machine: machineInfo(),
  settings,
  baseline,
  engines,
  workloads: results,
  geomean,
  ...(compile ? { compile } : {}),
  durationMs: Math.round(performance.now() - started),
};

console.log(textReport(report));

if (!values['dry-run']) {
  const jsonFile = resolve(
    values.json ?? join(resultsDir, partial ? 'partial.json' : resultsFile(report.nodeMode)),
  );
  await writeJson(jsonFile, report, log);
  if (!partial || values.write) {
    await writeDocs(
      docsDir,
      mergeInputs(loadReportInputs(resultsDir, log), { runs: [report] }),
      log,
    );
  }
}

for (const e of engineNames.filter((n) => n !== baseline)) {
  const g = geomean[e];
  if (g && g.count > 0)
    log(`geometric mean ${e} ÷ ${baseline}: ${fmtRatio(g.ratio)} over ${g.count} workloads`);
}

// Fail (for CI) when the harness itself is broken: the baseline did not run a
// workload, or a module no longer returns its recorded checksum.
const broken = results.filter(
  (w) =>
    w.engines[baseline]?.status !== 'ok' ||
    (w.recorded !== undefined && w.expected !== undefined && w.recorded !== w.expected),
);
if (broken.length) {
  log(`harness problems in: ${broken.map((w) => w.name).join(', ')}`);
  process.exitCode = 1;
}
