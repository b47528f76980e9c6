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
 */
import { Trap, TrapCode, type Frame } from './trap.js';

/** What an epoch deadline callback decides: trap, or continue with a new deadline. */
export type EpochDecision =
  { readonly action: 'trap' } | { readonly action: 'continue'; readonly delta: number };

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
  /** Fuel consumed minus fuel added: negative while fuel remains. */
  consumed = 0;
  /** The epoch at which code must stop. */
  epochDeadline = 0;
  /** When a time deadline is set: `performance.now()` at which code must stop. */
  deadlineTime = Infinity;
  /** Decides what happens when the epoch deadline is reached (default: trap). */
  onEpochDeadline: (() => EpochDecision) | null = null;

  constructor(
    /** The engine's epoch and poll countdown. */
    readonly clock: EpochClock,
  ) {}

  /** Fuel left (0 when exhausted). */
  get remaining(): number {
    return this.consumed < 0 ? -this.consumed : 0;
  }

  /** Sets the fuel left. */
  setFuel(fuel: number): void {
    this.consumed = -fuel;
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
   * Called by compiled code when the poll countdown ran out: traps when a
   * deadline has passed (or the callback says so), otherwise restarts the
   * countdown (moving the epoch deadline if the callback says so).
   */
  poll(site: Frame): void {
    this.clock.countdown = POLL_INTERVAL;
    if (this.deadlineTime !== Infinity && now() >= this.deadlineTime) {
      throw new Trap(TrapCode.Interrupt).addFrame(site);
    }
    if (!this.epochReached()) return;
    const decision = this.onEpochDeadline === null ? null : this.onEpochDeadline();
    if (decision === null || decision.action === 'trap') {
      throw new Trap(TrapCode.Interrupt).addFrame(site);
    }
    this.epochDeadline = (this.clock.epoch + Math.max(1, decision.delta)) | 0;
  }

  /** Raises the out-of-fuel trap at `site`. */
  outOfFuel(site: Frame): never {
    throw new Trap(TrapCode.OutOfFuel).addFrame(site);
  }
}

/** The host's monotonic clock (Node and browsers have `performance` as a global). */
declare const performance: { now(): number };

function now(): number {
  return performance.now();
}
