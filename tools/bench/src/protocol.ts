/** Messages between the harness and its child processes (one JSON object per stdout line). */
import type { EngineRun, RunSettings } from './results.js';

/** What a runtime worker (dist/worker.js) is asked to do: one workload, some engines. */
export interface WorkerTask {
  workload: string;
  n: number;
  /** Engine names, the baseline first. */
  engines: string[];
  configPath: string;
  settings: RunSettings;
  /**
   * The checksum every engine's result must equal (the recorded native one),
   * instead of the baseline's: where the baseline is not native WebAssembly
   * (--jitless), it can be wrong itself. The other engines are still timed then,
   * without ratios.
   */
  reference?: string;
}

/** What a compile worker (dist/compile-worker.js) is asked to do. */
export interface CompileTask {
  engine: string;
  configPath: string;
  file: string;
}

export type WorkerMessage =
  | { type: 'progress'; engine: string; phase: 'load' | 'instantiate' | 'warmup' | 'run' }
  | { type: 'result'; engines: Record<string, EngineRun> };

export interface CompileMeasurement {
  type: 'compile';
  ms: number;
  peakRssDelta: number;
  retainedRss: number;
  retainedHeap: number;
}

export function send(message: WorkerMessage | CompileMeasurement): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Rounds a time or ratio for the JSON output (microsecond / 4-digit precision). */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function roundRatio(x: number): number {
  return Number(x.toPrecision(4));
}
