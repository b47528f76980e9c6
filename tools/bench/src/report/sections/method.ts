/** The method section: how the run-time modes were measured, and where the raw data is. */
import { V8_FLAGS } from 'weft-wasm/node';
import { resultsFile } from '../../modes.js';
import { SCENARIO_FILES, type ReportInputs } from '../inputs.js';

/** The method section (a `##` heading); its numbers come from the first run's settings. */
export function methodSection(inputs: ReportInputs): string {
  const r = inputs.runs[0];
  const lines: string[] = [];
  if (r) {
    const s = r.settings;
    const baseline =
      inputs.runs.find((x) => !x.settings.nodeFlags.includes('--jitless'))?.baseline ?? 'native';
    const jitlessBaseline =
      inputs.runs.find((x) => x.settings.nodeFlags.includes('--jitless'))?.baseline ?? 'polywasm';
    lines.push(
      `- Each workload runs in its own \`node\` child process, which loads every engine and instantiates the module once in each.`,
      `- Three modes differ in how that \`node\` runs. \`flags\`: \`node ${V8_FLAGS.join(' ')}\`, the V8 flags the \`weft\` command line sets for itself (\`weft-wasm/node\`'s \`tuneV8\`); they raise TurboFan's inlining budget for JavaScript, so they speed up Weft and polywasm and leave native WebAssembly alone. \`plain\`: \`node\` without flags, as a library user gets it. \`jitless\`: \`node --jitless\`, a host without a JIT, where Node has no WebAssembly: the baseline is \`${jitlessBaseline}\` instead of \`${baseline}\`, and the workloads run at their \`--quick\` sizes and settings (the numbers below are the other modes').`,
      `- Warm-up: each engine runs \`run(n)\` at least ${s.warmupRuns} times and for at least ${s.warmupMs} ms, then until its last three times agree within 15% (at most ${s.maxWarmupMs / 1000} s), so that tiering JITs (including V8 optimizing a polyfill's generated JavaScript in the background) reach their top tier.`,
      `- Then up to ${s.rounds} rounds (at least ${s.minRounds}; no new round after ${s.budgetMs / 1000} s): in each round every engine runs once, the order rotating from round to round, after a forced GC.`,
      `- Every call's result is compared with the baseline's (under \`--jitless\`, with the checksum recorded from native WebAssembly); the checksums at the \`--quick\` sizes are recorded in \`tools/bench/src/workloads.ts\`.`,
      `- A run that makes no progress for ${s.runTimeoutMs / 1000} s is killed and reported as TIMEOUT; the other engines are then measured without it.`,
    );
  }
  const files = [
    ...inputs.runs.map((x) => resultsFile(x.nodeMode)),
    ...(inputs.pollution ? [SCENARIO_FILES.pollution] : []),
    ...(inputs.programs ? [SCENARIO_FILES.programs] : []),
    ...(inputs.calls ? [SCENARIO_FILES.calls] : []),
  ];
  if (files.length) {
    lines.push(`- Raw data: ${files.map((f) => `\`tools/bench/results/${f}\``).join(', ')}.`);
  }
  return ['## Method', lines.join('\n')].join('\n\n');
}
