/** The shape of results/latest.json (and the input of every report). */
import type { Feature } from './features.js';

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
  /** The baseline's checksum. */
  expected?: string;
  /** The recorded checksum for --quick's n, when n is that one. */
  recorded?: string;
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
  schema: 1;
  generatedAt: string;
  mode: 'quick' | 'full';
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
