/**
 * Every program of the corpus on native V8 and on Weft (three jit
 * configurations), each run in its own child process with a time limit;
 * stdout, stderr and the exit status must be identical. Runs listed in
 * KNOWN_FAILURES are run too and reported, not failed, while they still fail.
 *
 * All runs go through one pool of two (the machines have two cores), started
 * when this file loads, longest first; each test awaits its program's runs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { differences } from '#src/compare.js';
import { ENGINES, type EngineName } from '#src/engines.js';
import { KNOWN_FAILURES, knownFailure } from '#src/known-failures.js';
import { PROGRAMS, type Program } from '#src/programs.js';
import { pool, runChild, type RunResult } from '#src/spawn.js';

const PARALLEL = 2;

const enginesOf = (p: Program): readonly EngineName[] => [
  'native',
  ...(p.weft?.engines ?? ENGINES.filter((e) => e !== 'native')),
];

// One job per (program, engine); programs with a longer time limit first, so
// that the slowest runs overlap with many short ones.
const jobs = PROGRAMS.flatMap((p) => enginesOf(p).map((e) => ({ p, e })));
const order = [...jobs.keys()].sort(
  (a, b) => (jobs[b]!.p.timeoutMs ?? 0) - (jobs[a]!.p.timeoutMs ?? 0),
);
const started = pool(
  order.map((i) => () => runChild(jobs[i]!.p, jobs[i]!.e)),
  PARALLEL,
);
const allRuns: Promise<Map<string, RunResult>> = started.then(
  (results) => new Map(results.map((r, k) => [`${jobs[order[k]!]!.p.name}@${r.engine}`, r])),
);

const stillFailing: string[] = [];
const timings: string[] = [];

for (const program of PROGRAMS) {
  test(program.name, async () => {
    const runs = await allRuns;
    const [native, ...weft] = enginesOf(program).map((e) => runs.get(`${program.name}@${e}`)!);
    assert.ok(!native!.timedOut, `${program.name}: the native run timed out`);
    const problems: string[] = [];
    const timing = [native!, ...weft].map((r) => `${r.engine} ${r.ms} ms`).join(', ');
    timings.push(`  ${program.name}: ${timing}`);
    for (const run of weft) {
      const diff = differences(native!, run);
      const known = knownFailure(program.name, run.engine);
      const key = `${program.name}@${run.engine}`;
      if (diff.length > 0 && known !== undefined) {
        stillFailing.push(`${key}: ${known}\n    ${diff.join('\n    ')}`);
      } else if (diff.length > 0) {
        problems.push(`${key}:\n    ${diff.join('\n    ')}`);
      } else if (known !== undefined) {
        problems.push(`${key} now matches native: remove it from KNOWN_FAILURES`);
      }
    }
    if (program.weft !== undefined) {
      console.log(
        `  ${program.name}: ran on ${enginesOf(program).join(', ')} only (${program.weft.why})`,
      );
    }
    if (problems.length > 0) assert.unreachable(`${problems.join('\n')}\n  (${timing})`);
  });
}

test('every known failure names a program of the corpus', () => {
  for (const key of Object.keys(KNOWN_FAILURES)) {
    const [name, engine] = key.split('@');
    const p = PROGRAMS.find((q) => q.name === name);
    assert.ok(p !== undefined, `${key}: no such program`);
    assert.ok(enginesOf(p).includes(engine as EngineName), `${key}: not run on ${engine}`);
  }
});

test.after(async () => {
  const runs = [...(await allRuns).values()];
  const total = runs.reduce((sum, r) => sum + r.ms, 0);
  console.log(`\nRun times (${runs.length} runs, ${Math.round(total / 1000)} s in all):`);
  for (const t of timings) console.log(t);
  if (stillFailing.length === 0) return;
  console.log(`\nKNOWN_FAILURES: ${stillFailing.length} runs still differ from native:`);
  for (const f of stillFailing) console.log(`  ${f}`);
});

test.run();
