/**
 * The shapes of the files in results/: one file per mode (flags.json,
 * plain.json, jitless.json: {@link BenchResults}), and the scenarios
 * (pollution.json, calls.json, programs.json). They are the input of every report.
 */
import type { Feature } from './features.js';
import type { ModeName } from './modes.js';

/**
 * ok: timed, result equal to the baseline's. wrong: ran, but returned another
 * result (no time is reported). error: threw or trapped (at instantiation or
 * run). skipped: the engine lacks a feature the workload needs. timeout: a
 * single run took longer than the run timeout.
 */
export type Status = 'ok' | 'wrong' | 'error' | 'skipped' | 'timeout';

export interface EngineRun {
  status: Status;
  /** Median wall time of one run(n) call, milliseconds. */
  medianMs?: number;
  minMs?: number;
  samplesMs?: number[];
  /** Median over rounds of (this engine's time / the baseline's time in the same round). */
  ratio?: number;
  ratioSamples?: number[];
  warmupRuns?: number;
  /** The checksum this engine returned (last run). */
  result?: string;
  /** Why it is not ok. */
  message?: string;
}

export interface WorkloadResult {
  name: string;
  category: string;
  description: string;
  features: Feature[];
  n: number;
  /** The checksum results are compared with: the baseline's, or the recorded one (see below). */
  expected?: string;
  /** The recorded checksum for --quick's n, when n is that one. */
  recorded?: string;
  /**
   * Results were compared with the recorded checksum, not the baseline's (a
   * mode without native WebAssembly, where the baseline can be wrong itself).
   */
  checkedAgainstRecorded?: true;
  engines: Record<string, EngineRun>;
}

export interface GeomeanRow {
  /** Geometric mean of the ok ratios (NaN if none). */
  ratio: number;
  /** Workloads that count in it. */
  count: number;
  /** Workloads that do not, with their status: "f32 (wrong)". */
  excluded: string[];
}

export interface CompileRow {
  label: string;
  engine: string;
  nodeArgs: string[];
  note?: string;
  status: 'ok' | 'error' | 'timeout';
  medianMs?: number;
  samplesMs?: number[];
  /** Median over rounds of (this time / the baseline variant's time in the same round). */
  ratio?: number;
  /** Peak resident memory during the call minus resident memory before it (bytes, median). */
  peakRssDelta?: number;
  /** Resident memory after the call and a full GC, minus before it (bytes, median). */
  retainedRss?: number;
  /** JS heap + external memory still held after the call and a full GC (bytes, median). */
  retainedHeap?: number;
  message?: string;
}

export interface CompileResults {
  module: string;
  moduleVersion: string;
  bytes: number;
  repeats: number;
  rows: CompileRow[];
}

export interface MachineInfo {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  memory: number;
  os: string;
  arch: string;
  loadavg: number[];
}

export interface EngineInfo {
  name: string;
  description: string;
  version: string;
}

export interface RunSettings {
  /**
   * Options the runtime workers' node runs with (the V8 flags the weft
   * command line sets, unless --node-flags says otherwise).
   */
  nodeFlags: string[];
  rounds: number;
  minRounds: number;
  warmupRuns: number;
  warmupMs: number;
  maxWarmupMs: number;
  budgetMs: number;
  runTimeoutMs: number;
}

export interface BenchResults {
  schema: 2;
  generatedAt: string;
  /** Sizes and settings: full, or --quick. */
  mode: 'quick' | 'full';
  /** How the runtime workers' node ran: with the CLI's V8 flags, plain, --jitless, or custom flags. */
  nodeMode: ModeName;
  /** The workloads' sizes (n), unless --n overrode some: --jitless runs the quick ones. */
  sizes: 'quick' | 'full';
  /** True when only part of the suite ran (a subset, or overridden sizes). */
  partial: boolean;
  command: string;
  machine: MachineInfo;
  settings: RunSettings;
  baseline: string;
  engines: EngineInfo[];
  workloads: WorkloadResult[];
  geomean: Record<string, GeomeanRow>;
  compile?: CompileResults;
  durationMs: number;
}

/** pollution.json: the many-modules scenario (src/pollution.ts). */
export interface PollutionResults {
  schema: 1;
  generatedAt: string;
  /** The workloads' sizes: full, or --quick. */
  sizes: 'quick' | 'full';
  /** Measured calls per process (the median is reported). */
  rounds: number;
  /** The child processes' node flags. */
  nodeFlags: string[];
  workloads: PollutionRow[];
  /** Geometric mean of the ratios. */
  geomean: number;
  /** The workload with the largest ratio. */
  worst: { name: string; ratio: number };
}

export interface PollutionRow {
  name: string;
  /** Median ms of run(n) in a process that ran nothing else. */
  freshMs: number;
  /** Median ms of run(n) in a process that first ran every other workload. */
  afterMs: number;
  /** afterMs ÷ freshMs. */
  ratio: number;
}

/** One run of src/calls.ts: nanoseconds per call, in one kind of node process. */
export interface CallsRun {
  /** node's flags for the run (execArgv): [] or ['--jitless']. */
  nodeFlags: string[];
  node: string;
  /** Calls per round; the median of `rounds` rounds is reported. */
  calls: number;
  rounds: number;
  rows: CallsRow[];
}

export interface CallsRow {
  /** "native", "weft (@weft/webassembly)", "weft (facade Func.call)", "polywasm". */
  engine: string;
  /** JS calling an exported function, ns per call. */
  jsToWasmNs: number;
  /** wasm calling an imported JS function, ns per call. */
  wasmToHostNs: number;
}

/** calls.json: the call costs in plain node and under --jitless. */
export interface CallsResults {
  schema: 1;
  generatedAt: string;
  runs: CallsRun[];
}

/**
 * How one engine did on a real program: ok (output equal to native's or the
 * recorded one), wrong (another output), fails (threw, or no result).
 */
export interface ProgramRun {
  status: 'ok' | 'wrong' | 'fails';
  initMs?: number;
  workMs?: number;
  message?: string;
}

export interface ProgramRow {
  name: string;
  /** The toolchain that built the package's wasm. */
  toolchain: string;
  native: ProgramRun;
  weft: ProgramRun;
  polywasm?: ProgramRun;
  /** weft's work time ÷ native's (both ok). */
  weftRatio?: number;
  /** polywasm's work time ÷ native's (both ok). */
  polywasmRatio?: number;
  /** A known engine failure (reported, not counted as a failure). */
  known?: string;
}

/** programs.json: real npm packages (packages/webassembly/test/programs/run.mjs --json). */
export interface ProgramsResults {
  schema: 1;
  generatedAt: string;
  node: string;
  /** Flags of every child process (['--jitless'] or []). */
  nodeFlags: string[];
  /** Extra flags of Weft's child processes (the CLI's V8 flags, or [] with --plain). */
  weftFlags: string[];
  /** Input scale: 1, or 0.1 with --quick. */
  scale: number;
  /**
   * Runs per engine and program, each in a fresh process; times are their
   * medians (absent in files written before there was a choice: 1).
   */
  runs?: number;
  programs: ProgramRow[];
  passed: number;
  failed: number;
}
