/** When a run means the harness itself is broken (exit status 1), not an engine. */
import type { BenchResults, WorkloadResult } from './results.js';

/**
 * Why a workload's result points at the harness, or undefined: the baseline
 * did not run it, or the module no longer returns its recorded checksum.
 * Where results are checked against the recorded checksum (no native
 * WebAssembly), the baseline is an engine like the others, and only results
 * that are all wrong point at the harness (a stale record).
 */
export function harnessProblem(w: WorkloadResult, baseline: string): string | undefined {
  const status = w.engines[baseline]?.status;
  if (w.checkedAgainstRecorded) {
    const runs = Object.values(w.engines);
    return runs.some((e) => e.status === 'wrong') && !runs.some((e) => e.status === 'ok')
      ? `no engine returned the recorded checksum ${w.recorded}`
      : undefined;
  }
  if (status !== 'ok') return `the baseline: ${status ?? 'missing'}`;
  if (w.recorded !== undefined && w.expected !== undefined && w.recorded !== w.expected) {
    return `returned ${w.expected}, recorded ${w.recorded}`;
  }
  return undefined;
}

/** Every harness problem of a run, as "workload (mode mode): why". */
export function harnessProblems(r: BenchResults): string[] {
  const out: string[] = [];
  for (const w of r.workloads) {
    const why = harnessProblem(w, r.baseline);
    if (why !== undefined) out.push(`${w.name} (${r.nodeMode} mode): ${why}`);
  }
  return out;
}
