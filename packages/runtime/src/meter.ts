/**
 * Fuel and interruption: how compiled code that a store runs is bounded.
 *
 * Fuel follows Wasmtime: `consumed` is the fuel consumed minus the fuel
 * given, so it is negative while fuel remains, and code compiled with fuel
 * metering traps with `OutOfFuel` when it finds it zero or positive at a
 * check (function entries and loop headers). Between checks, compiled code
 * keeps its own count in its frame and writes it back here at calls,
 * returns and throws, exactly where Wasmtime's code does; so `remaining`
 * after a call is what Wasmtime reports for the same code.
 *
 * Interruption (code compiled with epoch checks) is cheap and not
 * deterministic: at the same points, compiled code compares the engine's
 * epoch counter with the store's deadline, and counts down to a poll of the
 * wall clock when a time deadline is set. When either is reached, `poll`
 * decides: trap with `Interrupt`, or let the embedder's callback extend the
 * deadline.
 */
import { Trap, TrapCode, type Frame } from './trap.js';

/** What an epoch deadline callback decides: trap, or continue with a new deadline. */
export type EpochDecision =
  { readonly action: 'trap' } | { readonly action: 'continue'; readonly delta: number };

/** How often (checks) compiled code polls the wall clock when a time deadline is set. */
export const DEADLINE_POLL_INTERVAL = 4096;

export class Meter {
  /** Fuel consumed minus fuel added: negative while fuel remains. */
  consumed = 0;
  /** The epoch at which code must stop (see `EpochCounter`). */
  epochDeadline = 0;
  /** Checks left before the next wall-clock poll (Infinity: no time deadline). */
  countdown = Infinity;
  /** When a time deadline is set: `performance.now()` at which code must stop. */
  deadlineTime = Infinity;
  /** Decides what happens when the epoch deadline is reached (default: trap). */
  onEpochDeadline: (() => EpochDecision) | null = null;

  constructor(
    /** The engine's epoch counter (element 0), possibly shared with other agents. */
    readonly epoch: Int32Array,
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
    this.epochDeadline = (Atomics.load(this.epoch, 0) + ticks) | 0;
  }

  /** Sets a wall-clock deadline `ms` from now (Infinity clears it). */
  setTimeDeadline(ms: number): void {
    this.deadlineTime = ms === Infinity ? Infinity : now() + ms;
    this.countdown = ms === Infinity ? Infinity : 0;
  }

  /** Whether the epoch counter has reached the deadline (in serial-number order). */
  epochReached(): boolean {
    return ((Atomics.load(this.epoch, 0) - this.epochDeadline) | 0) >= 0;
  }

  /**
   * Called by compiled code at a check whose fast test fired: traps when a
   * deadline has passed (or the callback says so), otherwise resets the
   * countdown or moves the epoch deadline and returns.
   */
  poll(site: Frame): void {
    if (this.deadlineTime !== Infinity) {
      if (now() >= this.deadlineTime) {
        throw new Trap(TrapCode.Interrupt).addFrame(site);
      }
      this.countdown = DEADLINE_POLL_INTERVAL;
    }
    if (!this.epochReached()) return;
    const decision = this.onEpochDeadline === null ? null : this.onEpochDeadline();
    if (decision === null || decision.action === 'trap') {
      throw new Trap(TrapCode.Interrupt).addFrame(site);
    }
    this.epochDeadline = (Atomics.load(this.epoch, 0) + Math.max(1, decision.delta)) | 0;
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

/**
 * An engine's epoch counter: one 32-bit cell, in a `SharedArrayBuffer`
 * where the host has one, so that another agent (a worker) can advance it
 * while wasm runs on this thread (`Atomics.add(counter, 0, 1)`).
 */
export function createEpochCounter(): Int32Array {
  const buffer =
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
  return new Int32Array(buffer);
}
