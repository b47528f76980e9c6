/**
 * `pnpm bench`: runs the workloads in every engine of engines.json in each
 * mode (node with the CLI's V8 flags, plain node, node --jitless), the
 * compile-time workload once, and with `--mode all` the many-modules
 * scenario, the call costs and the real programs; prints the tables on stdout
 * and writes results/<mode>.json (and pollution.json, calls.json,
 * programs.json), then docs/benchmarks.md and its charts from every result
 * file. Progress goes to stderr. `--help` lists the options.
 */
import { join } from 'node:path';
import { harnessProblems } from './checks.js';
import { measureCompile } from './compile-time.js';
import type { EngineSpec } from './engine.js';
import { loadEngineConfig, selectSpecs } from './engines/registry.js';
import { resultsFile } from './modes.js';
import { HELP, UsageError, parseOptions, type Options } from './options.js';
import { writeDocs, writeJson } from './outputs.js';
import { docsDir as defaultDocsDir, resultsDir } from './paths.js';
import { errorMessage } from './protocol.js';
import { fmtRatio } from './report/format.js';
import { SCENARIO_FILES, loadReportInputs, mergeInputs, type RunBundle } from './report/inputs.js';
import { markdownReport } from './report/markdown.js';
import { textReport } from './report/text.js';
import type { BenchResults } from './results.js';
import { runMode } from './run-mode.js';
import { runCalls, runPollution, runPrograms } from './scenarios.js';

// `pnpm bench -- --quick` passes the `--` along.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const log = (line: string) => console.error(line);

let opts: Options;
try {
  opts = parseOptions(argv);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`${e.message}\n(pnpm bench --help lists the options)`);
  process.exit(2);
}
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
const docsDir = opts.docsDir ?? defaultDocsDir;

if (opts.reportOnly) {
  const inputs = loadReportInputs(resultsDir, log);
  if (opts.dryRun) console.log(markdownReport(inputs));
  else await writeDocs(docsDir, inputs, log);
  process.exit(0);
}

// The engines of each mode (checked before anything runs), and of the compile-time workload.
let specsByMode: EngineSpec[][];
let compileSpecs: EngineSpec[];
try {
  const config = loadEngineConfig(opts.configPath);
  specsByMode = opts.modes.map((m) =>
    selectSpecs(config, opts.engines, { noHostWasm: m.noHostWasm }),
  );
  compileSpecs = selectSpecs(config, opts.engines);
} catch (e) {
  console.error(errorMessage(e));
  process.exit(2);
}

const command = ['pnpm bench', ...argv].join(' ');
const started = performance.now();
// The compile-time workload runs once: with the flags mode, or the first mode.
const compileAt = opts.skip.has('compile')
  ? -1
  : Math.max(
      0,
      opts.modes.findIndex((m) => m.name === 'flags'),
    );
const runs: BenchResults[] = [];
for (const [i, mode] of opts.modes.entries()) {
  const r = await runMode({
    mode,
    specs: specsByMode[i]!,
    configPath: opts.configPath,
    quick: opts.quick,
    workloads: opts.workloads,
    n: opts.n,
    settings: mode.light ? opts.lightSettings : opts.settings,
    partial: opts.partial,
    command,
    ...(i === compileAt
      ? {
          compile: () =>
            measureCompile(
              compileSpecs,
              opts.configPath,
              opts.quick ? 'quick' : 'full',
              opts.compileRepeats,
              opts.settings.runTimeoutMs,
              log,
            ),
        }
      : {}),
    log,
  });
  runs.push(r);
  console.log(`${textReport(r)}\n`);
}

const bundle: RunBundle = { schema: 2, partial: opts.partial, command, runs };
if (opts.scenarios) {
  const names = opts.workloadSubset ? opts.workloads.map((w) => w.name) : undefined;
  const pollution = opts.skip.has('pollution')
    ? undefined
    : await runPollution(opts.quick, names, log);
  if (pollution) bundle.pollution = pollution;
  const calls = opts.skip.has('calls') ? undefined : await runCalls(opts.quick, log);
  if (calls) bundle.calls = calls;
  const programs = opts.skip.has('programs')
    ? undefined
    : await runPrograms(opts.quick, opts.programs, log);
  if (programs) bundle.programs = programs;
}

const writeDocsToo = !opts.partial || opts.write;
if (opts.dryRun) {
  if (writeDocsToo)
    console.log(markdownReport(mergeInputs(loadReportInputs(resultsDir, log), bundle)));
} else {
  if (opts.json !== undefined || opts.partial) {
    await writeJson(opts.json ?? join(resultsDir, 'partial.json'), bundle, log);
  } else {
    for (const r of runs) await writeJson(join(resultsDir, resultsFile(r.nodeMode)), r, log);
    if (bundle.pollution)
      await writeJson(join(resultsDir, SCENARIO_FILES.pollution), bundle.pollution, log);
    if (bundle.calls) await writeJson(join(resultsDir, SCENARIO_FILES.calls), bundle.calls, log);
    if (bundle.programs)
      await writeJson(join(resultsDir, SCENARIO_FILES.programs), bundle.programs, log);
  }
  if (writeDocsToo) {
    await writeDocs(docsDir, mergeInputs(loadReportInputs(resultsDir, log), bundle), log);
  }
}

for (const r of runs) {
  for (const e of r.engines.map((x) => x.name).filter((n) => n !== r.baseline)) {
    const g = r.geomean[e];
    if (g && g.count > 0) {
      log(
        `${r.nodeMode} mode: geometric mean ${e} ÷ ${r.baseline}: ${fmtRatio(g.ratio)} over ${g.count} workloads`,
      );
    }
  }
}
log(`took ${((performance.now() - started) / 60_000).toFixed(1)} min`);

// Fail (for CI) when the harness itself is broken (see checks.ts).
const broken = runs.flatMap(harnessProblems);
if (broken.length) {
  log(`harness problems: ${broken.join('; ')}`);
  process.exitCode = 1;
}
