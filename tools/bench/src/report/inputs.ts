/** What docs/benchmarks.md is made of: the result files that exist, and a run's own results. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODE_ORDER, STANDARD_MODES, resultsFile } from '../modes.js';
import type { BenchResults, CallsResults, PollutionResults, ProgramsResults } from '../results.js';

/** Everything a report can show; a missing part leaves its section out. */
export interface ReportInputs {
  /** One per mode, in {@link MODE_ORDER}. */
  runs: BenchResults[];
  pollution?: PollutionResults;
  calls?: CallsResults;
  programs?: ProgramsResults;
}

/** What `--json FILE` and a partial run write: everything one run measured. */
export interface RunBundle extends ReportInputs {
  schema: 2;
  partial: boolean;
  command: string;
}

/** The scenario files in results/. */
export const SCENARIO_FILES = {
  pollution: 'pollution.json',
  calls: 'calls.json',
  programs: 'programs.json',
} as const;

function read<T extends { schema: number }>(
  file: string,
  schema: number,
  log: (line: string) => void,
): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    if (value.schema === schema) return value;
    log(`${file}: schema ${value.schema}, expected ${schema}: left out of the report`);
  } catch (e) {
    log(`${file}: ${(e as Error).message}: left out of the report`);
  }
  return undefined;
}

/**
 * Reads the result files of a results directory: one per standard mode
 * (flags.json, plain.json, jitless.json) and the scenarios'. Missing or
 * unreadable files are left out (unreadable ones with a line in the log).
 */
export function loadReportInputs(
  dir: string,
  log: (line: string) => void = () => {},
): ReportInputs {
  const runs: BenchResults[] = [];
  for (const mode of STANDARD_MODES) {
    const r = read<BenchResults>(join(dir, resultsFile(mode)), 2, log);
    if (r) runs.push(r);
  }
  const pollution = read<PollutionResults>(join(dir, SCENARIO_FILES.pollution), 1, log);
  const calls = read<CallsResults>(join(dir, SCENARIO_FILES.calls), 1, log);
  const programs = read<ProgramsResults>(join(dir, SCENARIO_FILES.programs), 1, log);
  return {
    runs,
    ...(pollution ? { pollution } : {}),
    ...(calls ? { calls } : {}),
    ...(programs ? { programs } : {}),
  };
}

/** `base` with the parts of `over` in place of its own (runs: by mode). */
export function mergeInputs(base: ReportInputs, over: ReportInputs): ReportInputs {
  const modes = new Set(over.runs.map((r) => r.nodeMode));
  const runs = [...base.runs.filter((r) => !modes.has(r.nodeMode)), ...over.runs];
  runs.sort((a, b) => MODE_ORDER.indexOf(a.nodeMode) - MODE_ORDER.indexOf(b.nodeMode));
  const pollution = over.pollution ?? base.pollution;
  const calls = over.calls ?? base.calls;
  const programs = over.programs ?? base.programs;
  return {
    runs,
    ...(pollution ? { pollution } : {}),
    ...(calls ? { calls } : {}),
    ...(programs ? { programs } : {}),
  };
}

/** The run whose compile-time results the report shows: the latest that has some. */
export function compileSource(inputs: ReportInputs): BenchResults | undefined {
  return inputs.runs
    .filter((r) => r.compile !== undefined)
    .sort((a, b) => b.generatedAt.localeCompare(a.generatedAt))[0];
}
