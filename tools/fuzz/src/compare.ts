/**
 * The comparator: walks two executions step by step and reports the first
 * divergence, classified. After a divergence the two instances' states differ,
 * so later steps say nothing more and are not compared.
 */
import type { Execution, Outcome, StepRecord } from './run/execution.js';
import { trapCodesOfV8 } from './traps.js';
import { bytesNanOnly, nanPayloadOnly, obsEqual, type Obs } from './values.js';

/** What diverged. */
export type Category =
  | 'compile'
  | 'outcome'
  | 'result'
  | 'trap'
  | 'log'
  | 'memory'
  | 'global'
  | 'error'
  | 'hang'
  | 'crash';

/** How a comparison ended. */
export type Status = 'ok' | 'mismatch' | 'nan-only' | 'skipped';

/** The first divergence between native and Weft. */
export interface Difference {
  category: Category;
  /** Index of the step (0 is instantiation). */
  step: number;
  /** The export called at that step, or `instantiate`. */
  name: string;
  args: Obs[];
  native: string;
  weft: string;
}

/** The comparison of one Weft run with the native run. */
export interface Comparison {
  status: Status;
  /** Why it was skipped, for `skipped`. */
  reason?: string;
  difference?: Difference;
}

/** A short text of an outcome, for reports. */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'ok':
      return o.values.length === 0 ? 'ok' : o.values.join(' ');
    case 'trap':
      return `trap ${o.code}`;
    case 'stack':
      return 'stack overflow';
    case 'link':
      return `link error: ${o.message}`;
    case 'error':
      return `exception ${o.message}`;
  }
}

type StepVerdict = {
  status: Status;
  category?: Category;
  reason?: string;
  native?: string;
  weft?: string;
};

const SAME: StepVerdict = { status: 'ok' };

/** Compares lists of observations: equal, NaN-payload-only different, or different. */
function compareObs(a: readonly Obs[], b: readonly Obs[]): Status {
  if (a.length !== b.length) return 'mismatch';
  let status: Status = 'ok';
  for (let i = 0; i < a.length; i++) {
    if (obsEqual(a[i]!, b[i]!)) continue;
    if (nanPayloadOnly(a[i]!, b[i]!)) status = 'nan-only';
    else return 'mismatch';
  }
  return status;
}

function compareOutcomes(step: number, n: Outcome, w: Outcome): StepVerdict {
  const show = { native: describeOutcome(n), weft: describeOutcome(w) };
  if (w.kind === 'error') {
    if (n.kind === 'error') return SAME;
    return {
      status: 'mismatch',
      category: step === 0 && n.kind === 'ok' ? 'compile' : 'error',
      ...show,
    };
  }
  if (w.kind === 'link' && n.kind !== 'link' && n.kind !== 'error') {
    // Native linked the same imports: Weft refusing them is a finding.
    return { status: 'mismatch', category: 'outcome', ...show };
  }
  if (n.kind === 'error' || n.kind === 'link' || w.kind === 'link') {
    // Native could not run it (a type JS cannot pass, an import it lacks): inconclusive.
    return n.kind === w.kind
      ? SAME
      : { status: 'skipped', reason: `native ${show.native}`, ...show };
  }
  if (n.kind === 'stack' || w.kind === 'stack') {
    return n.kind === w.kind
      ? SAME
      : { status: 'skipped', reason: 'stack overflow on one side', ...show };
  }
  if (n.kind === 'trap' && w.kind === 'trap') {
    const codes = trapCodesOfV8(n.code.slice(3));
    if (codes === null) return { status: 'skipped', reason: `unknown V8 trap ${n.code}`, ...show };
    return codes.includes(w.code) ? SAME : { status: 'mismatch', category: 'trap', ...show };
  }
  if (n.kind === 'ok' && w.kind === 'ok') {
    const s = compareObs(n.values, w.values);
    return s === 'ok' ? SAME : { status: s, category: 'result', ...show };
  }
  return { status: 'mismatch', category: 'outcome', ...show };
}

function compareStep(step: number, n: StepRecord, w: StepRecord): StepVerdict {
  // A memory.grow only one engine could satisfy (a big memory): resource
  // limits, not semantics, even though the call's result differs first.
  for (let i = 0; i < n.state.memories.length; i++) {
    const a = n.state.memories[i]!.length;
    const b = w.state.memories[i]?.length ?? a;
    if (a !== b && Math.max(a, b) >= 1 << 30) {
      const show = { native: `${a} bytes`, weft: `${b} bytes` };
      return { status: 'skipped', reason: 'memory size (resource limit)', ...show };
    }
  }
  const outcome = compareOutcomes(step, n.outcome, w.outcome);
  // An outcome mismatch outranks what the host saw: it is the cause.
  if (outcome.status === 'mismatch' || outcome.status === 'skipped') return outcome;
  const logs = compareLogs(n.logs, w.logs);
  if (logs.status !== 'ok') return logs;
  if (outcome.status !== 'ok') return outcome;
  for (let i = 0; i < n.state.memories.length; i++) {
    const a = n.state.memories[i]!;
    const b = w.state.memories[i];
    if (b === undefined || a === b) continue;
    if (a.length !== b.length) {
      const big = Math.max(a.length, b.length) >= 1 << 30;
      const show = { native: `${a.length} bytes`, weft: `${b.length} bytes` };
      // A memory.grow that only one engine could satisfy: resource limits, not semantics.
      if (big) return { status: 'skipped', reason: 'memory size (resource limit)', ...show };
      return { status: 'mismatch', category: 'memory', ...show };
    }
    // memcmp first: memories are often megabytes and nearly always equal.
    if (Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)) continue;
    const at = firstDifference(a, b);
    if (at < 0) continue;
    const show = { native: bytesAround(a, at), weft: bytesAround(b, at) };
    if (bytesNanOnly(a, b)) return { status: 'nan-only', category: 'memory', ...show };
    return { status: 'mismatch', category: 'memory', ...show };
  }
  const g = compareObs(n.state.globals, w.state.globals);
  if (g !== 'ok') {
    return {
      status: g,
      category: 'global',
      native: n.state.globals.join(' '),
      weft: w.state.globals.join(' '),
    };
  }
  return SAME;
}

function compareLogs(n: readonly Obs[][], w: readonly Obs[][]): StepVerdict {
  const show = () => ({ native: showLogs(n), weft: showLogs(w) });
  let status: Status = 'ok';
  for (let i = 0; i < Math.max(n.length, w.length); i++) {
    const a = n[i];
    const b = w[i];
    if (a === undefined || b === undefined || a[0] !== b[0]) {
      return { status: 'mismatch', category: 'log', ...show() };
    }
    const s = compareObs(a, b);
    if (s === 'mismatch') return { status: 'mismatch', category: 'log', ...show() };
    if (s === 'nan-only') status = 'nan-only';
  }
  return status === 'ok' ? SAME : { status, category: 'log', ...show() };
}

function showLogs(logs: readonly Obs[][]): string {
  const text = logs.map((e) => `${e[0]!.slice(5)}(${e.slice(1).join(',')})`).join(' ');
  return text.length > 600 ? text.slice(0, 600) + '...' : text || '(nothing logged)';
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function bytesAround(m: Uint8Array, at: number): string {
  const start = Math.max(0, at - 4) & ~3;
  const hex = Array.from(m.subarray(start, start + 16), (x) => x.toString(16).padStart(2, '0'));
  return `@${at}: [${start}] ${hex.join(' ')}`;
}

/** Compares a Weft execution with the native one. */
export function compareExecutions(native: Execution, weft: Execution): Comparison {
  const steps = Math.max(native.steps.length, weft.steps.length);
  let nanOnly: Comparison | null = null;
  for (let i = 0; i < steps; i++) {
    const n = native.steps[i];
    const w = weft.steps[i];
    if (n === undefined || w === undefined) {
      // One run stopped early on an exception; compareOutcomes has seen it.
      break;
    }
    const v = compareStep(i, n, w);
    if (v.status === 'ok') continue;
    const difference: Difference = {
      category: v.category ?? 'outcome',
      step: i,
      name: n.name,
      args: n.args,
      native: v.native ?? '',
      weft: v.weft ?? '',
    };
    if (v.status === 'nan-only') {
      // The states may now differ by a NaN payload; keep looking only while outcomes agree exactly.
      nanOnly = { status: 'nan-only', difference };
      break;
    }
    const c: Comparison = { status: v.status, difference };
    if (v.reason !== undefined) c.reason = v.reason;
    return c;
  }
  return nanOnly ?? { status: 'ok' };
}
