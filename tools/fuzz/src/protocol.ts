/** Messages between the campaign and its worker processes. */
import type { DecodeResult } from './decode.js';
import type { OracleResult } from './oracle.js';
import type { PlanOptions } from './run/plan.js';
import type { Tier } from './run/weft.js';

/** Work for a worker. */
export type Task =
  | { type: 'oracle'; bytes: Uint8Array; options: PlanOptions & { tiers?: Tier[] } }
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
  | { id: number; type: 'oracle'; result: OracleResult }
  | { id: number; type: 'decode'; result: DecodeResult }
  /** The harness itself failed (a bug of the tool, not of an engine). */
  | { id: number; type: 'failed'; message: string };
