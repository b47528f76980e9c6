/** Runs the runtime workloads, one child process (dist/worker.js) per workload. */
import { lastLine, runChild } from './child.js';
import { distFile } from './paths.js';
import type { WorkerMessage, WorkerTask } from './protocol.js';
import type { EngineRun, RunSettings, WorkloadResult } from './results.js';
import type { Workload } from './workloads.js';

/**
 * Runs one workload in the given engines (the baseline first), restarting the
 * worker without an engine that hangs or kills it. With `checkRecorded` (for
 * modes without native WebAssembly) and a `recorded` checksum, every engine's
 * result, the baseline's included, is compared with the recorded checksum
 * instead of the baseline's.
 */
export async function runWorkload(
  workload: Workload,
  n: number,
  engineNames: readonly string[],
  configPath: string,
  settings: RunSettings,
  recorded: string | undefined,
  checkRecorded = false,
): Promise<WorkloadResult> {
  const reference = checkRecorded ? recorded : undefined;
  const runs: Record<string, EngineRun> = {};
  let remaining = [...engineNames];
  const baseline = engineNames[0]!;

  // A child that hangs or dies is restarted without the engine it was running.
  while (remaining.length > 0) {
    const task: WorkerTask = {
      workload: workload.name,
      n,
      engines: remaining,
      configPath,
      settings,
      ...(reference === undefined ? {} : { reference }),
    };
    let current: string | undefined;
    const outcome = await runChild<WorkerMessage>(
      ['--expose-gc', ...settings.nodeFlags],
      distFile('worker.js'),
      JSON.stringify(task),
      settings.runTimeoutMs,
      (m) => {
        if (m.type === 'progress') current = m.engine;
      },
    );
    const result = outcome.messages.find((m) => m.type === 'result');
    if (result && result.type === 'result') {
      Object.assign(runs, result.engines);
      break;
    }
    const failure: EngineRun = outcome.timedOut
      ? {
          status: 'timeout',
          message: `no progress for ${settings.runTimeoutMs / 1000} s (one run too slow, or hung)`,
        }
      : {
          status: 'error',
          message: `the worker died (exit ${outcome.code}): ${lastLine(outcome.stderr) || 'no message'}`,
        };
    if (current === undefined || current === baseline) {
      for (const name of remaining) {
        runs[name] =
          name === baseline || current === undefined
            ? failure
            : { status: 'error', message: `the baseline (${baseline}) failed` };
      }
      break;
    }
    runs[current] = failure;
    remaining = remaining.filter((name) => name !== current);
  }

  const engines: Record<string, EngineRun> = {};
  for (const name of engineNames)
    engines[name] = runs[name] ?? { status: 'error', message: 'no result' };
  const expected =
    reference ?? (engines[baseline]?.status === 'ok' ? engines[baseline].result : undefined);
  return {
    name: workload.name,
    category: workload.category,
    description: workload.description,
    features: [...workload.features],
    n,
    ...(expected === undefined ? {} : { expected }),
    ...(recorded === undefined ? {} : { recorded }),
    ...(reference === undefined ? {} : { checkedAgainstRecorded: true }),
    engines,
  };
}
