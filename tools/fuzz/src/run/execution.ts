/** The record of one engine running a plan: every observable, in order. */
import type { Obs } from '../values.js';

/** How an instantiation or a call ended. */
export type Outcome =
  | { kind: 'ok'; values: Obs[] }
  /** A trap: Weft's `TrapCode`, or `v8:` and V8's message. */
  | { kind: 'trap'; code: string }
  /** A stack overflow: engines have different depth limits, so inconclusive. */
  | { kind: 'stack' }
  /** A link error (an import the harness cannot provide). */
  | { kind: 'link'; message: string }
  /** Any other exception: for Weft a bug (only `Trap`s may escape wasm). */
  | { kind: 'error'; message: string };

/** One host call made by wasm: `call:module.name`, then its arguments. */
export type LogEntry = Obs[];

/** The state visible after a step. */
export interface Snapshot {
  /** Each exported memory's bytes (shared with the previous snapshot when unchanged). */
  memories: Uint8Array[];
  globals: Obs[];
}

/** One step: instantiation (step 0) or a call. */
export interface StepRecord {
  /** `instantiate`, or the export called. */
  name: string;
  args: Obs[];
  outcome: Outcome;
  logs: LogEntry[];
  state: Snapshot;
}

/** A whole run; stops after the first step whose outcome is `link` or `error`. */
export interface Execution {
  steps: StepRecord[];
  /** Milliseconds the run took. */
  ms: number;
}
