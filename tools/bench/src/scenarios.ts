/**
 * The scenarios `pnpm bench --mode all` runs after the modes, each as a child
 * process that writes its results with `--json`: the many-modules scenario
 * (dist/pollution.js), the call costs (dist/calls.js, in plain node and under
 * --jitless) and the real npm programs
 * (packages/webassembly/test/programs/run.mjs, in plain node, polywasm too).
 * Their output goes to stderr, as progress.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distFile, repoRoot } from './paths.js';
import type { CallsResults, CallsRun, PollutionResults, ProgramsResults } from './results.js';

/** The real-programs runner, from the repository root. */
export const PROGRAMS_SCRIPT = join('packages', 'webassembly', 'test', 'programs', 'run.mjs');

type Log = (line: string) => void;

/** Runs `node args...`, its stdout and stderr going to our stderr; resolves to the exit code. */
function runScript(args: readonly string[], cwd: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

/**
 * Runs a script that writes JSON to the file named after `--json`, and reads
 * that file; undefined (and a line in the log) if the script wrote none.
 */
async function jsonOf<T>(
  what: string,
  nodeArgs: readonly string[],
  script: string,
  args: readonly string[],
  log: Log,
): Promise<T | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const file = join(dir, 'out.json');
  try {
    log(`${what}: node ${[...nodeArgs, script, ...args].join(' ')}`);
    const code = await runScript([...nodeArgs, script, ...args, '--json', file], repoRoot);
    if (!existsSync(file)) {
      log(`${what}: no results (exit ${code})`);
      return undefined;
    }
    if (code !== 0) log(`${what}: exit ${code} (results kept)`);
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The many-modules scenario, with the CLI's V8 flags (pollution.js's default). */
export function runPollution(
  quick: boolean,
  workloads: readonly string[] | undefined,
  log: Log,
): Promise<PollutionResults | undefined> {
  const args = [
    ...(quick ? ['--quick'] : []),
    ...(workloads ? ['--workloads', workloads.join(',')] : []),
  ];
  return jsonOf('many modules', [], distFile('pollution.js'), args, log);
}

/** The call costs in plain node and under --jitless (100,000 calls per round with --quick). */
export async function runCalls(quick: boolean, log: Log): Promise<CallsResults | undefined> {
  const args = quick ? ['--calls', '100000'] : [];
  const runs: CallsRun[] = [];
  for (const nodeArgs of [[], ['--jitless']]) {
    const run = await jsonOf<CallsRun>('calls', nodeArgs, distFile('calls.js'), args, log);
    if (run) runs.push(run);
  }
  if (runs.length === 0) return undefined;
  return { schema: 1, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), runs };
}

/** Runs per engine and real program (in fresh processes; times are medians), but with --quick. */
export const PROGRAM_RUNS = 3;

/**
 * The real programs in plain node (Weft without the CLI's V8 flags:
 * `--plain`), polywasm too; `filter` picks programs by a part of their name.
 */
export function runPrograms(
  quick: boolean,
  filter: string | undefined,
  log: Log,
): Promise<ProgramsResults | undefined> {
  const args = [
    '--polywasm',
    '--plain',
    // One run of a 12 ms workload is noise: medians of three, full size.
    ...(quick ? ['--quick'] : ['--runs', String(PROGRAM_RUNS)]),
    ...(filter === undefined ? [] : ['--filter', filter]),
  ];
  return jsonOf('real programs', [], PROGRAMS_SCRIPT, args, log);
}
