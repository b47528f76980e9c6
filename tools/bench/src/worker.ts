/**
 * Runtime worker: a child process that runs one workload in each of the given
 * engines, all in this one process so that every round times the engines back
 * to back under the same conditions.
 *
 *   node --expose-gc dist/worker.js '<WorkerTask JSON>'
 *
 * Prints progress lines (so the parent knows which engine hung if it must kill
 * us) and finally one result line.
 */
import type { BenchEngine } from './engine.js';
import { createEngine, loadEngineConfig } from './engines/registry.js';
import { errorMessage, round3, roundRatio, send, type WorkerTask } from './protocol.js';
import type { EngineRun } from './results.js';
import { median, min } from './stats.js';
import { findWorkload, formatResult, readWasm } from './workloads.js';

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
const { settings } = task;
const gc = (globalThis as { gc?: () => void }).gc;

const config = loadEngineConfig(task.configPath);
const workload = findWorkload(task.workload);
const bytes = readWasm(workload.name);
const runs: Record<string, EngineRun> = {};

interface Live {
  name: string;
  fn: (n: number) => unknown;
  /** Time of each measured round, by round index (a hole if it did not run). */
  samples: (number | undefined)[];
  warmups: number;
  result?: unknown;
}

const live: Live[] = [];

function same(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a === 'bigint' ? a === b : Object.is(a, b));
}

// Load and instantiate every engine.
for (const name of task.engines) {
  const spec = config.engines.find((e) => e.name === name);
  if (!spec) {
    runs[name] = { status: 'error', message: `no engine "${name}" in ${task.configPath}` };
    continue;
  }
  send({ type: 'progress', engine: name, phase: 'load' });
  let engine: BenchEngine;
  try {
    engine = await createEngine(spec);
  } catch (e) {
    runs[name] = { status: 'error', message: `loading the engine: ${errorMessage(e)}` };
    continue;
  }
  if (!engine.supports(workload.features)) {
    runs[name] = { status: 'skipped', message: `needs ${workload.features.join(', ')}` };
    continue;
  }
  send({ type: 'progress', engine: name, phase: 'instantiate' });
  try {
    const instance = await engine.instantiate(bytes);
    const fn = instance.exports['run'];
    if (typeof fn !== 'function') throw new Error('the module has no exported function "run"');
    live.push({ name, fn: fn as (n: number) => unknown, samples: [], warmups: 0 });
  } catch (e) {
    runs[name] = { status: 'error', message: `instantiate: ${errorMessage(e)}` };
  }
}

const baseline = live.find((l) => l.name === task.engines[0]);
let expected: unknown;
let haveExpected = false;

/** Times one call. Returns false (and records why) if the engine is out. */
function call(l: Live, phase: 'warmup' | 'run', round: number): boolean {
  gc?.();
  send({ type: 'progress', engine: l.name, phase });
  let result: unknown;
  let ms: number;
  try {
    const t0 = performance.now();
    result = l.fn(task.n);
    ms = performance.now() - t0;
  } catch (e) {
    runs[l.name] = { status: 'error', message: errorMessage(e) };
    return false;
  }
  l.result = result;
  if (task.reference !== undefined) {
    if (formatResult(result) === task.reference) {
      if (phase === 'warmup') l.warmups++;
      else l.samples[round] = ms;
      return true;
    }
    runs[l.name] = {
      status: 'wrong',
      result: formatResult(result),
      message: `returned ${formatResult(result)}, expected ${task.reference} (recorded from native WebAssembly)`,
    };
    return false;
  }
  if (!haveExpected) {
    expected = result;
    haveExpected = true;
  } else if (!same(result, expected)) {
    runs[l.name] =
      l === baseline
        ? {
            status: 'error',
            result: formatResult(result),
            message: `not deterministic: returned ${formatResult(result)}, then ${formatResult(expected)}`,
          }
        : {
            status: 'wrong',
            result: formatResult(result),
            message: `returned ${formatResult(result)}, expected ${formatResult(expected)}`,
          };
    return false;
  }
  if (phase === 'warmup') l.warmups++;
  else l.samples[round] = ms;
  return true;
}

function drop(l: Live): void {
  live.splice(live.indexOf(l), 1);
}

// With a reference checksum, a baseline that is wrong, skipped or broken is a
// result: the others are still timed (without ratios). Otherwise nothing can
// be compared without it.
const going = () =>
  live.length > 0 &&
  (task.reference !== undefined || (baseline !== undefined && live.includes(baseline)));

if (!baseline && task.reference === undefined) {
  for (const l of live) {
    runs[l.name] = { status: 'error', message: `the baseline (${task.engines[0]}) did not run` };
  }
  live.length = 0;
} else {
  // Warm up each engine: at least warmupRuns calls and warmupMs of running,
  // then until the last three calls agree within 15% (JITs that compile in the
  // background, e.g. V8 optimizing a polyfill's generated JavaScript, need a
  // while), but no longer than maxWarmupMs. The baseline goes first and sets
  // the expected result (unless there is a reference checksum).
  for (const l of [...live]) {
    const start = performance.now();
    const times: number[] = [];
    for (;;) {
      const elapsed = performance.now() - start;
      const last = times.slice(-3);
      const stable = last.length === 3 && Math.max(...last) <= 1.15 * Math.min(...last);
      if (l.warmups >= settings.warmupRuns && elapsed >= settings.warmupMs) {
        if (stable || elapsed >= settings.maxWarmupMs) break;
      }
      const t0 = performance.now();
      if (!call(l, 'warmup', 0)) {
        drop(l);
        break;
      }
      times.push(performance.now() - t0);
    }
    if (l === baseline && !live.includes(l) && task.reference === undefined) break;
  }
  if (!going()) {
    for (const l of live) {
      runs[l.name] = { status: 'error', message: `the baseline (${task.engines[0]}) failed` };
    }
    live.length = 0;
  }
  // Measured rounds: every engine once per round, the order rotating, until
  // `rounds`, or `minRounds` once the time budget is spent.
  const start = performance.now();
  for (let round = 0; round < settings.rounds && going(); round++) {
    const order = [...live.slice(round % live.length), ...live.slice(0, round % live.length)];
    for (const l of order) {
      if (!call(l, 'run', round)) drop(l);
    }
    if (round + 1 >= settings.minRounds && performance.now() - start > settings.budgetMs) break;
  }
  if (!going()) {
    for (const l of live) {
      runs[l.name] = { status: 'error', message: `the baseline (${task.engines[0]}) failed` };
    }
    live.length = 0;
  }
}

for (const l of live) {
  const samples = l.samples.filter((s): s is number => s !== undefined);
  const ratios: number[] = [];
  l.samples.forEach((s, round) => {
    const b = baseline?.samples[round];
    if (s !== undefined && b !== undefined && b > 0) ratios.push(s / b);
  });
  runs[l.name] = {
    status: 'ok',
    medianMs: round3(median(samples)),
    minMs: round3(min(samples)),
    samplesMs: samples.map(round3),
    // No ratio when the baseline returned a wrong result (with a reference checksum).
    ...(ratios.length
      ? { ratio: roundRatio(median(ratios)), ratioSamples: ratios.map(roundRatio) }
      : {}),
    warmupRuns: l.warmups,
    result: formatResult(l.result),
  };
}

// Keep the engines' order.
const ordered: Record<string, EngineRun> = {};
for (const name of task.engines) if (runs[name]) ordered[name] = runs[name];
send({ type: 'result', engines: ordered });
