/**
 * Fuel and interruption: how compiled code that a store runs is bounded.
 *
 * Fuel follows Wasmtime: `consumed` is the fuel consumed minus the fuel
 * given, so it is negative while fuel remains, and code compiled with fuel
 * metering traps with `OutOfFuel` when it finds it zero or positive at a
 * check (function entries and loop headers). Compiled code adds each basic
 * block's cost to it where Wasmtime's code does, so what is left after a
 * call is what Wasmtime reports for the same code.
 *
 * Interruption (code compiled with epoch checks) is cheap and not
 * deterministic: at the same points, compiled code counts down a shared
 * counter and, when it runs out, polls: compares the engine's epoch with
 * the store's deadline and reads the clock if a time deadline is set. When
 * either is reached, `poll` decides: trap with `Interrupt`, or let the
 * embedder's callback extend the deadline.
 *
 * Async calls can also yield to the event loop (see suspend.ts): every so
 * much fuel (the fuel is then handed out in slices of that size), or when
 * a deadline callback answers `yield`.
 */
import { Suspension, type ResumePoint } from './suspend.js';
import { Trap, TrapCode, type Frame } from './trap.js';

/**
 * What a deadline callback decides: trap; continue with the deadline moved
 * `delta` later (epochs for the epoch deadline, milliseconds for the time
 * deadline); or do that and, in an async call, yield to the event loop
 * first (in a synchronous call, `yield` continues).
 */
export type EpochDecision =
  | { readonly action: 'trap' }
  | { readonly action: 'continue'; readonly delta: number }
  | { readonly action: 'yield'; readonly delta: number };

/** What a meter needs to know of its store: whether the running call may suspend. */
export interface SuspendContext {
  readonly suspendable: boolean;
}

/** Checks between two polls: an epoch advanced by another agent is seen within this many. */
export const POLL_INTERVAL = 1024;

/**
 * What the stores of one engine share for interruption: the epoch counter,
 * in a `SharedArrayBuffer` where the host has one so that a worker can
 * advance it (`Atomics.add(counter, 0, 1)`), and the countdown to the next
 * poll, which advancing the epoch on this thread sets to 0 (polled at once).
 */
export class EpochClock {
  readonly counter: Int32Array;
  /** Checks left before compiled code polls. */
  countdown = 0;

  constructor() {
    const buffer =
      typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
    this.counter = new Int32Array(buffer);
  }

  get epoch(): number {
    return Atomics.load(this.counter, 0);
  }

  /** Advances the epoch by one; code of this thread's stores polls at its next check. */
  increment(): void {
    Atomics.add(this.counter, 0, 1);
    this.countdown = 0;
  }
}

export class Meter {
  /**
   * Fuel consumed minus fuel added, in the current slice (all the fuel,
   * unless async calls yield every so much): negative while fuel remains.
   */
  consumed = 0;
  /** Fuel beyond the current slice. */
  private reserve = 0;
  /** Fuel per slice: an async call yields when a slice is used up (0: all in one slice). */
  private yieldInterval = 0;
  /** The epoch at which code must stop. */
  epochDeadline = 0;
  /** When a time deadline is set: `performance.now()` at which code must stop. */
  deadlineTime = Infinity;
  /** Decides what happens when the epoch deadline is reached (default: trap). */
  onEpochDeadline: (() => EpochDecision) | null = null;
  /** Decides what happens when the time deadline is reached (default: trap). */
  onTimeDeadline: (() => EpochDecision) | null = null;

  constructor(
    /** The engine's epoch and poll countdown. */
    readonly clock: EpochClock,
    /** The store, asked whether the running call may suspend. */
    private readonly context: SuspendContext = { suspendable: false },
  ) {}

  /** Fuel left (0 when exhausted). */
  get remaining(): number {
    return Math.max(0, this.reserve - this.consumed);
  }

  /** Sets the fuel left. */
  setFuel(fuel: number): void {
    this.reserve = fuel;
    this.consumed = 0;
    this.nextSlice();
  }

  /**
   * Makes async calls yield each time they have consumed `interval` fuel
   * (Wasmtime's `fuel_async_yield_interval`); 0 turns it off.
   */
  setYieldInterval(interval: number): void {
    const left = this.remaining;
    this.yieldInterval = interval;
    this.setFuel(left);
  }

  /** Starts the next slice of the fuel left; false if there is none. */
  private nextSlice(): boolean {
    const left = this.reserve - this.consumed;
    if (left <= 0) return false;
    const slice = this.yieldInterval > 0 ? Math.min(this.yieldInterval, left) : left;
    this.reserve = left - slice;
    this.consumed = -slice;
    return true;
  }

  /** Sets the deadline `ticks` epochs after the current one. */
  setEpochDeadline(ticks: number): void {
    this.epochDeadline = (this.clock.epoch + ticks) | 0;
    this.clock.countdown = 0;
  }

  /** Sets a wall-clock deadline `ms` from now (Infinity clears it). */
  setTimeDeadline(ms: number): void {
    this.deadlineTime = ms === Infinity ? Infinity : now() + ms;
    this.clock.countdown = 0;
  }

  /** Whether the epoch has reached the deadline (in serial-number order). */
  epochReached(): boolean {
    return ((this.clock.epoch - this.epochDeadline) | 0) >= 0;
  }

  /**
   * Called by compiled code when the poll countdown ran out, in the frame
   * at `fp` (whose slots end below `top`) at a check of kind `point`:
   * traps when a deadline has passed (or the callback says so), otherwise
   * restarts the countdown, moving a deadline and yielding if the callback
   * says so.
   */
  poll(site: Frame, point: ResumePoint, fp: number, top: number): void {
    this.clock.countdown = POLL_INTERVAL;
    let yields = false;
    if (this.deadlineTime !== Infinity) {
      const t = now();
      if (t >= this.deadlineTime) {
        const decision = this.decide(this.onTimeDeadline, site);
        this.deadlineTime = t + Math.max(0, decision.delta);
        yields = decision.action === 'yield';
      }
    }
    if (this.epochReached()) {
      const decision = this.decide(this.onEpochDeadline, site);
      this.epochDeadline = (this.clock.epoch + Math.max(1, decision.delta)) | 0;
      yields ||= decision.action === 'yield';
    }
    if (yields) this.yieldAt(site, point, fp, top);
  }

  /** The callback's decision, or the trap it asks for (or that no callback means). */
  private decide(
    callback: (() => EpochDecision) | null,
    site: Frame,
  ): Exclude<EpochDecision, { action: 'trap' }> {
    const decision = callback === null ? null : callback();
    if (decision === null || decision.action === 'trap') {
      throw new Trap(TrapCode.Interrupt).addFrame(site);
    }
    return decision;
  }

  /** Suspends the running call until the next turn of the event loop, if it is async. */
  private yieldAt(site: Frame, point: ResumePoint, fp: number, top: number): void {
    if (this.context.suspendable) throw new Suspension(null, null, -1, top).add(site, point, fp);
  }

  /**
   * Called by compiled code that found the fuel of the slice used up: goes
   * on with the next slice, yielding first in an async call, or traps with
   * `OutOfFuel` when no fuel is left.
   */
  outOfFuel(site: Frame, point: ResumePoint, fp: number, top: number): void {
    if (!this.nextSlice()) throw new Trap(TrapCode.OutOfFuel).addFrame(site);
    this.yieldAt(site, point, fp, top);
  }
}

/** The host's monotonic clock (Node and browsers have `performance` as a global). */
declare const performance: { now(): number };

function now(): number {
  return performance.now();
}
