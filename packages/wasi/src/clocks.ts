/** Clocks, sleeping and randomness: pluggable, with defaults for Node and browsers. */
import { Clockid, Errno } from './constants.js';
import { fail } from './errors.js';

/** The clocks a WASI context reads (all values in nanoseconds). */
export interface WasiClocks {
  /** The current time of clock `id` (a `Clockid`); EINVAL for unknown clocks. */
  now(id: number): bigint;
  /** The resolution of clock `id`. */
  resolution(id: number): bigint;
  /** Blocks for `ns` nanoseconds (`poll_oneoff` with only clock subscriptions). */
  sleep(ns: bigint): void;
}

/** Fills `buffer` with random bytes (`random_get`). */
export type RandomSource = (buffer: Uint8Array) => void;

function sleepSync(ns: bigint): void {
  if (ns <= 0n) return;
  const ms = Number(ns) / 1e6;
  try {
    // Blocks the thread without spinning (Node, workers).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  } catch {
    // Browser main threads may not block: spin instead.
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/**
 * The default clocks: realtime from `performance.timeOrigin + performance.now()`
 * (microsecond resolution), monotonic from `performance.now()`; the CPU-time
 * clocks report the monotonic time since the context was created.
 */
export class DefaultClocks implements WasiClocks {
  private readonly start = performance.now();

  now(id: number): bigint {
    switch (id) {
      case Clockid.REALTIME: {
        const ms = performance.timeOrigin + performance.now();
        const whole = Math.floor(ms);
        return BigInt(whole) * 1_000_000n + BigInt(Math.floor((ms - whole) * 1e6));
      }
      case Clockid.MONOTONIC:
        return BigInt(Math.floor(performance.now() * 1e6));
      case Clockid.PROCESS_CPUTIME_ID:
      case Clockid.THREAD_CPUTIME_ID:
        return BigInt(Math.floor((performance.now() - this.start) * 1e6));
      default:
        return fail(Errno.INVAL);
    }
  }

  resolution(id: number): bigint {
    if (id < 0 || id > Clockid.THREAD_CPUTIME_ID) fail(Errno.INVAL);
    return 1000n;
  }

  sleep(ns: bigint): void {
    sleepSync(ns);
  }
}

/** `crypto.getRandomValues`, in chunks of its 64 KiB limit. */
export const defaultRandom: RandomSource = (buffer) => {
  for (let at = 0; at < buffer.length; at += 65536) {
    crypto.getRandomValues(buffer.subarray(at, Math.min(at + 65536, buffer.length)));
  }
};
