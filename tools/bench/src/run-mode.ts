/** One mode of `pnpm bench`: every runtime workload in every engine, workers run as the mode says. */
import type { EngineSpec } from './engine.js';
import { createEngine } from './engines/registry.js';
import { machineInfo } from './machine.js';
import type { Mode } from './modes.js';
import { errorMessage } from './protocol.js';
import { fmtMs, geomeans, ratioCell, timeCell } from './report/format.js';
import type {
  BenchResults,
  CompileResults,
  EngineInfo,
  RunSettings,
  WorkloadResult,
} from './results.js';
import { runWorkload } from './run-workloads.js';
import type { Workload } from './workloads.js';

export interface ModePlan {
  mode: Mode;
  /** The mode's engines, the baseline first (selectSpecs). */
  specs: readonly EngineSpec[];
  configPath: string;
  quick: boolean;
  workloads: readonly Workload[];
  /** --n overrides. */
  n: ReadonlyMap<string, number>;
  /** The runtime settings (for a light mode, the light ones). */
  settings: Omit<RunSettings, 'nodeFlags'>;
  partial: boolean;
  command: string;
  /** Measures the compile-time workload (in the one mode that runs it). */
  compile?: () => Promise<CompileResults>;
  log: (line: string) => void;
}

/** Engine versions and descriptions, for the reports (the workers load their own). */
export async function engineInfos(
  specs: readonly EngineSpec[],
  log: (line: string) => void,
): Promise<EngineInfo[]> {
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
  return engines;
}

/** Runs the workloads of one mode (and the compile-time workload if the plan has it). */
export async function runMode(plan: ModePlan): Promise<BenchResults> {
  const { mode, log } = plan;
  const started = performance.now();
  const settings: RunSettings = { nodeFlags: [...mode.nodeFlags], ...plan.settings };
  const size = plan.quick || mode.light ? 'quick' : 'full';
  const baseline = plan.specs[0]!.name;
  const engineNames = plan.specs.map((s) => s.name);
  const engines = await engineInfos(plan.specs, log);

  log(
    `${mode.name} mode (node ${mode.nodeFlags.join(' ') || 'without flags'}), ` +
      `${plan.quick || mode.light ? 'quick' : 'full'} settings, ${size} sizes: ` +
      `${plan.workloads.length} workloads × ${engineNames.join(', ')}` +
      (plan.compile ? ', then the compile-time workload' : ''),
  );
  const results: WorkloadResult[] = [];
  for (const w of plan.workloads) {
    const n = plan.n.get(w.name) ?? w.n[size];
    const recorded = n === w.n.quick ? w.expectedQuick : undefined;
    const t0 = performance.now();
    const result = await runWorkload(
      w,
      n,
      engineNames,
      plan.configPath,
      settings,
      recorded,
      mode.noHostWasm,
    );
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

  let compile: CompileResults | undefined;
  if (plan.compile) {
    log('compile time (a fresh process per measurement):');
    compile = await plan.compile();
  }

  return {
    schema: 2,
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    mode: plan.quick || mode.light ? 'quick' : 'full',
    nodeMode: mode.name,
    sizes: size,
    partial: plan.partial,
    command: plan.command,
    machine: machineInfo(),
    settings,
    baseline,
    engines,
    workloads: results,
    geomean: geomeans(
      results,
      engineNames.filter((n) => n !== baseline),
    ),
    ...(compile ? { compile } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
