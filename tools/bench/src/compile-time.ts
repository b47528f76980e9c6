/**
 * The compile-time workload: engine.compile() of a large real module (the
 * esbuild-wasm package's esbuild.wasm, ~14 MB), a fresh child process per
 * measurement, rounds interleaving the engines.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lastLine, runChild } from './child.js';
import type { CompileVariant, EngineSpec } from './engine.js';
import { compileVariants } from './engines/registry.js';
import { benchRoot, distFile } from './paths.js';
import { round3, roundRatio, type CompileMeasurement, type CompileTask } from './protocol.js';
import type { CompileResults, CompileRow } from './results.js';
import { median } from './stats.js';

const requireHere = createRequire(join(benchRoot, 'package.json'));

export function esbuildWasm(): { path: string; version: string } {
  const pkgPath = requireHere.resolve('esbuild-wasm/package.json');
  const pkg = requireHere(pkgPath) as { version: string };
  return { path: join(dirname(pkgPath), 'esbuild.wasm'), version: pkg.version };
}

interface Job {
  spec: EngineSpec;
  variant: CompileVariant;
  samples: (number | undefined)[];
  peaks: number[];
  rss: number[];
  heap: number[];
  failure?: { status: 'error' | 'timeout'; message: string };
}

export async function measureCompile(
  specs: readonly EngineSpec[],
  configPath: string,
  mode: 'quick' | 'full',
  repeats: number,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<CompileResults> {
  const module = esbuildWasm();
  const jobs: Job[] = [];
  for (const spec of specs) {
    for (const variant of compileVariants(spec)) {
      if (variant.modes && !variant.modes.includes(mode)) continue;
      jobs.push({ spec, variant, samples: [], peaks: [], rss: [], heap: [] });
    }
  }
  for (let round = 0; round < repeats; round++) {
    const order = [...jobs.slice(round % jobs.length), ...jobs.slice(0, round % jobs.length)];
    for (const job of order) {
      if (job.failure) continue;
      const task: CompileTask = { engine: job.spec.name, configPath, file: module.path };
      const outcome = await runChild<CompileMeasurement>(
        ['--expose-gc', ...job.variant.nodeArgs],
        distFile('compile-worker.js'),
        JSON.stringify(task),
        timeoutMs,
      );
      const m = outcome.messages.find((x) => x.type === 'compile');
      if (!m) {
        job.failure = outcome.timedOut
          ? { status: 'timeout', message: `took longer than ${timeoutMs / 1000} s` }
          : {
              status: 'error',
              message: lastLine(outcome.stderr) || `exit ${outcome.code}`,
            };
        log(`  compile ${job.variant.label}: ${job.failure.status}: ${job.failure.message}`);
        continue;
      }
      job.samples[round] = m.ms;
      job.peaks.push(m.peakRssDelta);
      job.rss.push(m.retainedRss);
      job.heap.push(m.retainedHeap);
    }
    log(
      `  compile round ${round + 1}/${repeats}: ` +
        jobs
          .map((j) => {
            const s = j.samples[round];
            return `${j.variant.label} ${s === undefined ? '-' : `${s.toFixed(0)} ms`}`;
          })
          .join(', '),
    );
  }
  const base = jobs[0]!;
  const rows = jobs.map((job): CompileRow => {
    const common = {
      label: job.variant.label,
      engine: job.spec.name,
      nodeArgs: [...job.variant.nodeArgs],
      ...(job.variant.note === undefined ? {} : { note: job.variant.note }),
    };
    if (job.failure) return { ...common, ...job.failure };
    const samples = job.samples.filter((s): s is number => s !== undefined);
    const ratios: number[] = [];
    job.samples.forEach((s, r) => {
      const b = base.samples[r];
      if (s !== undefined && b !== undefined && b > 0) ratios.push(s / b);
    });
    return {
      ...common,
      status: 'ok',
      medianMs: round3(median(samples)),
      samplesMs: samples.map(round3),
      ...(ratios.length ? { ratio: roundRatio(median(ratios)) } : {}),
      peakRssDelta: Math.round(median(job.peaks)),
      retainedRss: Math.round(median(job.rss)),
      retainedHeap: Math.round(median(job.heap)),
    };
  });
  return {
    module: `esbuild-wasm/esbuild.wasm`,
    moduleVersion: module.version,
    bytes: statSync(module.path).size,
    repeats,
    rows,
  };
}
