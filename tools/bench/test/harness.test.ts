// End-to-end: the worker child process with fake engines that lie, throw, hang
// or lack a feature, next to native.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadEngineConfig } from '#src/engines/registry.js';
import type { RunSettings } from '#src/results.js';
import { runWorkload } from '#src/run-workloads.js';
import { findWorkload } from '#src/workloads.js';

const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
const adapter = join(dir, 'fakes.mjs');
writeFileSync(
  adapter,
  `export function createEngine(spec) {
    const wrap = (run) => {
      switch (spec.name) {
        case 'liar': return (n) => run(n) + 1;
        case 'thrower': return () => { throw new WebAssembly.RuntimeError('unreachable'); };
        case 'hang': return () => { for (;;); };
        default: return run;
      }
    };
    return {
      name: spec.name, description: 'fake', version: '0',
      supports: (features) => spec.name !== 'nosimd' || !features.includes('simd'),
      compile: (bytes) => WebAssembly.compile(bytes),
      async instantiate(bytes) {
        if (spec.name === 'broken') throw new Error('cannot instantiate');
        const { instance } = await WebAssembly.instantiate(bytes);
        return { exports: { ...instance.exports, run: wrap(instance.exports.run) } };
      },
    };
  }`,
);
const configPath = join(dir, 'engines.json');
const native = loadEngineConfig().engines.find((e) => e.name === 'native')!;
const fakes = ['same', 'liar', 'thrower', 'hang', 'broken', 'nosimd'];
writeFileSync(
  configPath,
  JSON.stringify({
    baseline: 'native',
    engines: [
      native,
      ...fakes.map((name) => ({
        name,
        description: 'fake',
        adapter: 'module',
        module: adapter,
        features: '*',
      })),
    ],
  }),
);

const settings: RunSettings = {
  nodeFlags: [],
  rounds: 3,
  minRounds: 2,
  warmupRuns: 1,
  warmupMs: 0,
  maxWarmupMs: 200,
  budgetMs: 1000,
  // Long enough that a loaded machine (CI runs packages' tests in parallel)
  // never times out a worker that works; the hanging engine still takes this long.
  runTimeoutMs: 10_000,
};

test('every status: ok, wrong, error, timeout, skipped', async () => {
  const result = await runWorkload(
    findWorkload('fib'),
    15,
    ['native', ...fakes],
    configPath,
    settings,
    undefined,
  );
  const status = Object.fromEntries(Object.entries(result.engines).map(([k, v]) => [k, v.status]));
  assert.equal(status, {
    native: 'ok',
    same: 'ok',
    liar: 'wrong',
    thrower: 'error',
    hang: 'timeout',
    broken: 'error',
    nosimd: 'ok',
  });
  const e = result.engines;
  assert.is(result.expected, e['native']!.result);
  assert.is(e['same']!.result, e['native']!.result);
  assert.ok(e['same']!.ratio! > 0);
  assert.ok(e['same']!.samplesMs!.length >= 2);
  assert.match(e['liar']!.message!, /^returned -?\d+, expected -?\d+$/);
  assert.match(e['thrower']!.message!, /RuntimeError: unreachable/);
  assert.match(e['broken']!.message!, /instantiate: Error: cannot instantiate/);
});

test('an engine lacking a feature is skipped', async () => {
  const result = await runWorkload(
    findWorkload('simd'),
    10,
    ['native', 'nosimd'],
    configPath,
    settings,
    undefined,
  );
  assert.is(result.engines['native']!.status, 'ok');
  assert.equal(result.engines['nosimd'], { status: 'skipped', message: 'needs simd' });
});

test('checked against the recorded checksum (no native WebAssembly), a wrong baseline is a result', async () => {
  const fib = findWorkload('fib');
  const quick = { ...settings, runTimeoutMs: 60_000 };
  const result = await runWorkload(
    fib,
    fib.n.quick,
    ['liar', 'same', 'thrower'],
    configPath,
    quick,
    fib.expectedQuick,
    true,
  );
  const e = result.engines;
  assert.is(e['liar']!.status, 'wrong');
  assert.match(e['liar']!.message!, /recorded from native WebAssembly/);
  assert.is(e['same']!.status, 'ok', 'timed although the baseline is wrong');
  assert.is(e['same']!.result, fib.expectedQuick);
  assert.ok(e['same']!.samplesMs!.length >= 2);
  assert.is(e['same']!.ratio, undefined, 'no ratio without baseline times');
  assert.is(e['thrower']!.status, 'error');
  assert.is(result.expected, fib.expectedQuick);
  assert.ok(result.checkedAgainstRecorded);

  // Without the check, the same liar as baseline takes the others down.
  const plain = await runWorkload(
    fib,
    fib.n.quick,
    ['liar', 'same'],
    configPath,
    quick,
    fib.expectedQuick,
  );
  assert.is(plain.engines['liar']!.status, 'ok');
  assert.is(plain.engines['same']!.status, 'wrong');
  assert.is(plain.checkedAgainstRecorded, undefined);
});

test.run();
