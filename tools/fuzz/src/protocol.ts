/** Messages between the campaign and its worker processes. */
import type { DecodeResult } from './decode.js';
import type { OracleResult } from './oracle.js';
import type { SuspendFault } from './run/faults.js';
import type { PlanOptions } from './run/plan.js';
import type { Tier } from './tiers.js';

/** How a worker runs the oracle on a module. */
export interface OracleTaskOptions extends PlanOptions {
  /** Weft tiers to run (default: every tier). */
  tiers?: Tier[];
  /** Test-only: a fault injected into the suspend tier. */
  fault?: SuspendFault;
}

/** What a campaign or a reducer runs every module with (the seed is each case's). */
export interface OracleRun {
  argSets: number;
  tiers?: readonly Tier[] | undefined;
  fault?: SuspendFault | undefined;
}

/** The task options of a run of the case with seed `seed`. */
export function oracleTaskOptions(run: OracleRun, seed: number): OracleTaskOptions {
  const options: OracleTaskOptions = { argSets: run.argSets, seed };
  if (run.tiers !== undefined) options.tiers = [...run.tiers];
  if (run.fault !== undefined) options.fault = run.fault;
  return options;
}

/** Work for a worker. */
export type Task =
  | { type: 'oracle'; bytes: Uint8Array; options: OracleTaskOptions }
  | { type: 'decode'; bytes: Uint8Array };

/** A task with its id. */
export interface TaskMessage {
  id: number;
  task: Task;
}

/** What a worker answers. */
export type WorkerMessage =
  | { id: number; type: 'ready' }
  | { id: number; type: 'native-done'; ms: number }
  /** A Weft tier starts: a hang or a crash from now on is that tier's. */
  | { id: number; type: 'tier'; tier: Tier }
  | { id: number; type: 'oracle'; result: OracleResult }
  | { id: number; type: 'decode'; result: DecodeResult }
  /** The harness itself failed (a bug of the tool, not of an engine). */
  | { id: number; type: 'failed'; message: string };
