/** The command line of `pnpm bench`: parsing and checking, no side effects. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeMode, STANDARD_MODES, type Mode, type ModeName } from './modes.js';
import { defaultEngineConfig } from './paths.js';
import type { RunSettings } from './results.js';
import { findWorkload, WORKLOADS, type Workload } from './workloads.js';

export const HELP = `usage: pnpm bench [options]        (or: node tools/bench/dist/main.js [options])

  --mode M                flags, plain, jitless or all (default all): how the runtime
                          workers' node runs: with the V8 flags the weft command line
                          sets (weft-wasm/node), plain, or --jitless (no WebAssembly:
                          polywasm is the baseline, --quick sizes). all runs the three,
                          then the many-modules scenario, the call costs and the real
                          programs
  --node-flags "F ..."    one custom mode with these node options instead ('' for none);
                          a partial run
  --quick                 small sizes and few rounds
  --engines a,b           only these engines (the baseline always runs)
  --workloads a,b         only these workloads (also in the many-modules scenario)
  --n name=value          run(value) for that workload (repeatable)
  --rounds N              measured rounds per workload
  --min-rounds N          rounds always run, even past the time budget
  --warmup-runs N         warm-up calls per engine (at least)
  --warmup-ms MS          warm-up time per engine (at least)
  --budget S              no new round after S seconds of measuring a workload
  --run-timeout S         kill a run that makes no progress for S seconds
  --compile-repeats N     measurements per compile-time variant
  --skip-compile          skip the compile-time workload (same as --skip compile)
  --compile-only          only the compile-time workload
  --skip a,b              skip parts: compile, pollution, calls, programs
  --programs NAME         only the real programs whose name contains NAME
  --config FILE           engine list (default tools/bench/engines.json)
  --json FILE             write everything this run measured to FILE, as one file,
                          instead of tools/bench/results/
  --write                 regenerate docs/ even for a partial run
  --docs-dir DIR          write benchmarks.md and its charts to DIR instead of docs/
  --report-only           measure nothing: regenerate the docs from tools/bench/results/
  --dry-run               write nothing, only print
  --help

Writes tools/bench/results/<mode>.json (flags.json, plain.json, jitless.json), with
--mode all also pollution.json, calls.json and programs.json, then docs/benchmarks.md
and its charts from every result file there. A partial run (--engines, --workloads,
--n, --skip-compile, --compile-only, --programs, --node-flags) writes
tools/bench/results/partial.json and leaves docs/ alone unless --write is given.`;

/** Parts of a run that `--skip` can leave out. */
export type Part = 'compile' | 'pollution' | 'calls' | 'programs';
const PARTS: readonly Part[] = ['compile', 'pollution', 'calls', 'programs'];

/** A command line that cannot be run (exit status 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Options {
  help: boolean;
  /** --quick: sizes and settings. */
  quick: boolean;
  /** The modes to run, in order. */
  modes: Mode[];
  /** --mode all: the scenarios (pollution, calls, programs) run after the modes. */
  scenarios: boolean;
  /** --engines (undefined: all). */
  engines?: string[];
  /** The runtime workloads to run (none with --compile-only). */
  workloads: readonly Workload[];
  /** True when --workloads was given. */
  workloadSubset: boolean;
  /** --n overrides. */
  n: Map<string, number>;
  /** Runtime settings, without the node flags (those are the mode's). */
  settings: Omit<RunSettings, 'nodeFlags'>;
  /**
   * The settings of light modes (--jitless, see {@link Mode.light}): the quick
   * ones whatever --quick says, with the full run timeout; options such as
   * --rounds apply to them too.
   */
  lightSettings: Omit<RunSettings, 'nodeFlags'>;
  compileRepeats: number;
  skip: Set<Part>;
  /** --programs: a substring of the real programs to run. */
  programs?: string;
  /** The engine list, an absolute path. */
  configPath: string;
  json?: string;
  write: boolean;
  docsDir?: string;
  reportOnly: boolean;
  dryRun: boolean;
  /** Only part of the suite runs: results go to partial.json, docs only with --write. */
  partial: boolean;
}

/** Per-size defaults of the runtime settings. */
export function defaultSettings(
  quick: boolean,
): Omit<RunSettings, 'nodeFlags'> & { compileRepeats: number } {
  return quick
    ? {
        rounds: 5,
        minRounds: 3,
        warmupRuns: 2,
        warmupMs: 300,
        maxWarmupMs: 3_000,
        budgetMs: 3_000,
        runTimeoutMs: 60_000,
        compileRepeats: 3,
      }
    : {
        rounds: 11,
        minRounds: 5,
        warmupRuns: 3,
        warmupMs: 1_000,
        maxWarmupMs: 15_000,
        budgetMs: 20_000,
        runTimeoutMs: 300_000,
        compileRepeats: 5,
      };
}

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < 0) {
    throw new UsageError(`--${name}: not a number: ${raw}`);
  }
  return v;
}

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

/** The modes of `--mode` (default all) and `--node-flags` (one custom mode). */
export function parseModes(mode: string | undefined, nodeFlags: string | undefined): Mode[] {
  if (nodeFlags !== undefined) {
    if (mode !== undefined) throw new UsageError('--node-flags and --mode: give one of them');
    return [makeMode('custom', nodeFlags.split(/\s+/).filter(Boolean))];
  }
  const m = mode ?? 'all';
  if (m === 'all') return STANDARD_MODES.map((name) => makeMode(name));
  if ((STANDARD_MODES as readonly string[]).includes(m)) return [makeMode(m as ModeName)];
  throw new UsageError(`--mode ${m}: expected flags, plain, jitless or all`);
}

/**
 * Parses `pnpm bench`'s arguments (a leading `--`, as `pnpm bench -- ...`
 * passes it, is ignored). Throws {@link UsageError} for a command line that
 * cannot run: an unknown option, mode, workload, part or a bad number.
 * Engine names are checked later, against the engine list.
 */
export function parseOptions(args: readonly string[]): Options {
  const argv = args[0] === '--' ? args.slice(1) : [...args];
  // `--node-flags --jitless`: node's parseArgs takes a value that starts with
  // a dash for a forgotten one, unless it is joined with "=".
  for (let i = 0; i < argv.length - 1; i++) {
    if (argv[i] === '--node-flags') argv.splice(i, 2, `--node-flags=${argv[i + 1]}`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string' },
        'node-flags': { type: 'string' },
        quick: { type: 'boolean', default: false },
        engines: { type: 'string' },
        workloads: { type: 'string' },
        n: { type: 'string', multiple: true },
        rounds: { type: 'string' },
        'min-rounds': { type: 'string' },
        'warmup-runs': { type: 'string' },
        'warmup-ms': { type: 'string' },
        budget: { type: 'string' },
        'run-timeout': { type: 'string' },
        'compile-repeats': { type: 'string' },
        'skip-compile': { type: 'boolean', default: false },
        'compile-only': { type: 'boolean', default: false },
        skip: { type: 'string' },
        programs: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'string' },
        write: { type: 'boolean', default: false },
        'docs-dir': { type: 'string' },
        'report-only': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const quick = values.quick;
  const d = defaultSettings(quick);
  const settingsFrom = (
    d: Omit<RunSettings, 'nodeFlags'>,
    timeoutMs: number,
  ): Omit<RunSettings, 'nodeFlags'> => {
    const warmupMs = number('warmup-ms', values['warmup-ms'], d.warmupMs);
    return {
      rounds: Math.max(1, number('rounds', values.rounds, d.rounds)),
      minRounds: number('min-rounds', values['min-rounds'], d.minRounds),
      warmupRuns: number('warmup-runs', values['warmup-runs'], d.warmupRuns),
      warmupMs,
      maxWarmupMs: Math.max(warmupMs, d.maxWarmupMs),
      budgetMs: number('budget', values.budget, d.budgetMs / 1000) * 1000,
      runTimeoutMs: number('run-timeout', values['run-timeout'], timeoutMs / 1000) * 1000,
    };
  };
  const settings = settingsFrom(d, d.runTimeoutMs);
  // Light modes (--jitless): the quick settings, but the full run timeout
  // (one call can take a minute there).
  const lightSettings = settingsFrom(defaultSettings(true), defaultSettings(false).runTimeoutMs);
  const compileRepeats = Math.max(
    1,
    number('compile-repeats', values['compile-repeats'], d.compileRepeats),
  );

  const skip = new Set<Part>();
  for (const p of list(values.skip) ?? []) {
    if (!(PARTS as readonly string[]).includes(p)) {
      throw new UsageError(`--skip ${p}: expected some of ${PARTS.join(', ')}`);
    }
    skip.add(p as Part);
  }
  if (values['skip-compile']) skip.add('compile');

  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  const names = list(values.workloads);
  let workloads: readonly Workload[] = names
    ? names.map((n) => wrap(() => findWorkload(n)))
    : WORKLOADS;
  const n = new Map<string, number>();
  for (const o of values.n ?? []) {
    const m = /^([\w-]+)=(\d+)$/.exec(o);
    if (!m) throw new UsageError(`--n ${o}: expected name=value`);
    wrap(() => findWorkload(m[1]!));
    n.set(m[1]!, Number(m[2]));
  }

  let modes = parseModes(values.mode, values['node-flags']);
  const compileOnly = values['compile-only'];
  if (compileOnly) {
    if (skip.has('compile')) throw new UsageError('--compile-only and --skip-compile');
    workloads = [];
    modes = modes.slice(0, 1);
  }
  const scenarios = values.mode === undefined || values.mode === 'all';
  const custom = modes.some((m) => m.name === 'custom');

  return {
    help: values.help,
    quick,
    modes,
    scenarios: scenarios && !custom && !compileOnly,
    ...(values.engines === undefined ? {} : { engines: list(values.engines)! }),
    workloads,
    workloadSubset: names !== undefined,
    n,
    settings,
    lightSettings,
    compileRepeats,
    skip,
    ...(values.programs === undefined ? {} : { programs: values.programs }),
    configPath: resolve(values.config ?? defaultEngineConfig),
    ...(values.json === undefined ? {} : { json: resolve(values.json) }),
    write: values.write,
    ...(values['docs-dir'] === undefined ? {} : { docsDir: resolve(values['docs-dir']) }),
    reportOnly: values['report-only'],
    dryRun: values['dry-run'],
    partial:
      values.engines !== undefined ||
      names !== undefined ||
      n.size > 0 ||
      skip.has('compile') ||
      compileOnly ||
      values.programs !== undefined ||
      custom,
  };
}
