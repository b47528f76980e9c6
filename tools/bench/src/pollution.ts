/**
 * The many-modules scenario: how much slower a workload runs in a process
 * that has already run the other workloads (hot code of other modules has
 * taken the jit's literal copies and V8's type feedback) than in a fresh
 * process. Each measurement runs in its own child process, in Weft through
 * the `weft` facade:
 *
 * - `fresh`: the workload alone: warm-up, then rounds.
 * - `after`: first every other workload at its quick size, three times
 *   (enough to tier up), then the workload as in `fresh`.
 *
 *   node tools/bench/dist/pollution.js [--workloads a,b] [--rounds N] [--quick] [--node-flags "..."] [--json FILE]
 *
 * Prints, per workload, the median ms of each and their ratio (after ÷ fresh),
 * and the geometric mean of the ratios; `--json FILE` also writes them
 * (a {@link PollutionResults}, what `pnpm bench` keeps in results/pollution.json).
 * The child processes run with the V8 flags of the `weft` command line unless
 * `--node-flags` says otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, Linker, Module, Store } from 'weft-wasm';
import { V8_FLAGS } from 'weft-wasm/node';
import { round3, roundRatio } from './protocol.js';
import type { PollutionResults, PollutionRow } from './results.js';
import { geomean, median } from './stats.js';
import { findWorkload, readWasm, WORKLOADS, type Workload } from './workloads.js';

/** Runs `run(n)` of a workload in the facade; returns a function doing one call. */
function load(w: Workload): (n: number) => unknown {
  const engine = new Engine();
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, readWasm(w.name)));
  const run = instance.getFunc(store, 'run')!;
  return (n) => run.call(store, n);
}

/** The child: one scenario for one workload; prints the times as JSON. */
function child(name: string, scenario: string, rounds: number, quick: boolean): void {
  const w = findWorkload(name);
  if (scenario === 'after') {
    for (const other of WORKLOADS) {
      if (other.name === w.name) continue;
      const run = load(other);
      for (let i = 0; i < 3; i++) run(other.n.quick);
    }
  }
  const n = quick ? w.n.quick : w.n.full;
  const run = load(w);
  for (let i = 0; i < 3; i++) run(n); // warm-up: tier up, V8 optimizes
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    run(n);
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(times));
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function parent(): void {
  const names = option('--workloads')?.split(',') ?? WORKLOADS.map((w) => w.name);
  const rounds = Number(option('--rounds') ?? 5);
  const quick = process.argv.includes('--quick');
  const flagText = option('--node-flags');
  const flags = flagText === undefined ? [...V8_FLAGS] : flagText.split(' ').filter(Boolean);
  const self = fileURLToPath(import.meta.url);
  const measure = (name: string, scenario: string): number => {
    const r = spawnSync(
      process.execPath,
      [...flags, self, '--child', name, scenario, String(rounds), quick ? 'quick' : 'full'],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (r.status !== 0) throw new Error(`${name} (${scenario}) failed:\n${r.stderr}`);
    return median(JSON.parse(r.stdout) as number[]);
  };
  console.log(
    `weft, ${quick ? 'quick' : 'full'} sizes, median of ${rounds} rounds; node ${flags.join(' ') || '(no flags)'}`,
  );
  console.log(
    'workload'.padEnd(10) + 'fresh ms'.padStart(10) + 'after ms'.padStart(10) + 'ratio'.padStart(8),
  );
  const rows: PollutionRow[] = [];
  for (const name of names) {
    const fresh = measure(name, 'fresh');
    const after = measure(name, 'after');
    rows.push({
      name,
      freshMs: round3(fresh),
      afterMs: round3(after),
      ratio: roundRatio(after / fresh),
    });
    console.log(
      name.padEnd(10) +
        fresh.toFixed(1).padStart(10) +
        after.toFixed(1).padStart(10) +
        `${(after / fresh).toFixed(2)}x`.padStart(8),
    );
  }
  const geo = geomean(rows.map((r) => r.ratio));
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  console.log(
    `geometric mean of after ÷ fresh: ${geo.toFixed(2)}x; worst ${worst.ratio.toFixed(2)}x (${worst.name})`,
  );
  const json = option('--json');
  if (json !== undefined) {
    const results: PollutionResults = {
      schema: 1,
      generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      sizes: quick ? 'quick' : 'full',
      rounds,
      nodeFlags: flags,
      workloads: rows,
      geomean: roundRatio(geo),
      worst: { name: worst.name, ratio: worst.ratio },
    };
    const file = resolve(json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const [name, scenario, rounds, size] = process.argv.slice(at + 1);
  child(name!, scenario!, Number(rounds), size === 'quick');
} else {
  parent();
}
