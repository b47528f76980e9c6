/**
 * When async host functions of the suspend tier answer: at once, or with a
 * promise settling after a microtask, on the next turn of the event loop
 * (`setImmediate`) or after a timer (`setTimeout(0)`). Every other call
 * answers with a promise, so a run mixes suspended and plain host calls;
 * which kind of promise is drawn from the case's seed, so a run repeats.
 */
import { Rng } from '../rng.js';

/** How one host call answers. */
export type Pace = 'direct' | 'microtask' | 'immediate' | 'timeout';

/**
 * Timers per run by default: `setTimeout(0)` waits a millisecond or more,
 * so past this many the pacer answers on the next turn instead (also a
 * macrotask).
 */
export const MAX_TIMEOUTS = 4;

/** How a pacer decides. */
export interface PacerOptions {
  /** Seed of the kinds of promises. */
  seed: number;
  /** Whether the first call answers with a promise (and every second one after it). */
  promiseFirst: boolean;
  /**
   * Answers that may wait for a timer. Turns of the event loop pass while
   * one waits, as many as fit in its millisecond: with none, a run's
   * count of turns is exact.
   */
  maxTimeouts: number;
  /** Called when a promise is about to settle (a test's fault injection). */
  onSettle?: () => void;
}

/** What a pacer did during a run. */
export interface PaceCounts {
  direct: number;
  /** Host calls answered with a promise: each one suspended the wasm call. */
  promises: number;
  timeouts: number;
}

/** Decides, call after call, how host functions answer, and delivers their results. */
export class Pacer {
  private readonly rng: Rng;
  private n = 0;
  readonly counts: PaceCounts = { direct: 0, promises: 0, timeouts: 0 };

  constructor(private readonly options: PacerOptions) {
    this.rng = new Rng(options.seed);
  }

  /** How the next host call answers. */
  next(): Pace {
    const promise = this.n++ % 2 === (this.options.promiseFirst ? 0 : 1);
    if (!promise) return 'direct';
    const r = this.rng.int(10);
    if (r < 4) return 'microtask';
    if (r < 9 || this.counts.timeouts >= this.options.maxTimeouts) return 'immediate';
    return 'timeout';
  }

  /** Answers `value` as the next call's pace says: the value itself, or a promise of it. */
  deliver<T>(value: T): T | Promise<T> {
    const pace = this.next();
    if (pace === 'direct') {
      this.counts.direct++;
      return value;
    }
    this.counts.promises++;
    const settle = (): T => {
      this.options.onSettle?.();
      return value;
    };
    switch (pace) {
      case 'microtask':
        return Promise.resolve().then(settle);
      case 'immediate':
        return new Promise((resolve) => setImmediate(() => resolve(settle())));
      case 'timeout':
        this.counts.timeouts++;
        return new Promise((resolve) => setTimeout(() => resolve(settle()), 0));
    }
  }
}
