/**
 * Every program of the corpus on native V8 and on Weft (three jit
 * configurations), each run in its own child process with a time limit;
 * stdout, stderr and the exit status must be identical. Runs listed in
 * KNOWN_FAILURES are run too and reported, not failed, while they still fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { differences } from '#src/compare.js';
import { ENGINES, type EngineName } from '#src/engines.js';
import { KNOWN_FAILURES, knownFailure } from '#src/known-failures.js';
import { PROGRAMS, type Program } from '#src/programs.js';
import { pool, runChild, type RunResult } from '#src/spawn.js';

/** Two cores: two runs at a time. */
const PARALLEL = 2;

const weftEngines = (p: Program): readonly EngineName[] =>
  p.weft?.engines ?? ENGINES.filter((e) => e !== 'native');

const stillFailing: string[] = [];

for (const program of PROGRAMS) {
  test(program.name, async () => {
    const engines: EngineName[] = ['native', ...weftEngines(program)];
    const runs = await pool(
      engines.map((e) => () => runChild(program, e)),
      PARALLEL,
    );
    const native = runs[0]!;
    assert.ok(!native.timedOut, `${program.name}: the native run timed out`);
    const problems: string[] = [];
    const timing = runs.map((r: RunResult) => `${r.engine} ${r.ms} ms`).join(', ');
    for (const run of runs.slice(1)) {
      const diff = differences(native, run);
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
        `  ${program.name}: only ${weftEngines(program).join(', ')} (${program.weft.why})`,
      );
    }
    if (problems.length > 0) assert.unreachable(`${problems.join('\n')}\n  (${timing})`);
  });
}

test('every known failure names a program of the corpus', () => {
  for (const key of Object.keys(KNOWN_FAILURES)) {
    const [name] = key.split('@');
    assert.ok(
      PROGRAMS.some((p) => p.name === name),
      `${key} is not a program`,
    );
  }
});

test.after(() => {
  if (stillFailing.length === 0) return;
  console.log(`\nKNOWN_FAILURES (${stillFailing.length} runs still differ from native):`);
  for (const f of stillFailing) console.log(`  ${f}`);
});

test.run();
