/**
 * Suspending and resuming wasm calls: what makes async host functions and
 * yielding possible without rewriting modules (no Asyncify) and without
 * costing anything to calls that never suspend.
 *
 * All wasm state lives in the value stack's slots and the store, never in
 * JS variables that outlive a statement, so a call can stop at a point
 * where its frames' state is in slots: a call instruction (an async host
 * function returned a promise) or a fuel or interruption check (a yield).
 * The thrower raises a `Suspension`; every wasm call site it unwinds
 * through adds its frame (the instruction, which resume point, the frame
 * pointer), the way traps collect their backtrace. Only `callFuncAsync`
 * catches it: it saves the slots the frames use, gives the stack back
 * (other calls may run meanwhile), waits, copies the slots back (wherever
 * the stack's top is then: frames are relative to their frame pointer) and
 * asks the compiler to resume each frame, outermost first, each running its
 * callee's resumption where its call had been. A synchronous call can never
 * suspend: code that would suspend checks `store.suspendable` first, so a
 * `Suspension` never unwinds through a host function's JS frame.
 */
import { F64_SLOTS, HI32_SLOTS, I32_SLOTS, REF_SLOTS, V32, type TailCall } from './abi.js';
import { InstanceHandle } from './instance.js';
import type { Frame } from './trap.js';

/**
 * Where in a function a suspended frame stopped: after returning from the
 * call at its site (`Call`), or at one of the checks compiled at function
 * entry and loop headers (the site is the function's first instruction,
 * or the `loop`), resuming after that check.
 */
export const ResumePoint = {
  Call: 0,
  EntryFuel: 1,
  EntryInterrupt: 2,
  LoopFuel: 3,
  LoopInterrupt: 4,
} as const;
export type ResumePoint = (typeof ResumePoint)[keyof typeof ResumePoint];

/** One suspended wasm frame. */
export interface SuspendedFrame {
  /** The instruction the frame stopped at; its `names` is the function's instance. */
  readonly site: Frame;
  readonly point: ResumePoint;
  /** The frame pointer. */
  readonly fp: number;
}

/**
 * Resumes a suspended frame of a function at `frame.fp`: runs `inner` (the
 * resumption of the callee of the call it stopped at, whose frame is at
 * `innerFp`; null for a check), then the rest of the body. Returns as the
 * function's code does (its tail call, if it ends with one).
 */
export type ResumeCode = (
  frame: SuspendedFrame,
  innerFp: number,
  inner: (() => TailCall) | null,
) => TailCall;

/** Supplies the resumable code of a defined function of an instance (compiled on demand). */
export type ResumeFactory = (instance: InstanceHandle, funcIndex: number) => ResumeCode;

/** How a host function's promise settled. */
export type Settled =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Raised to suspend the running async call; collects its frames as it
 * unwinds. Never seen by wasm handlers (it is not a wasm exception) nor
 * by embedders (`callFuncAsync` catches it).
 */
export class Suspension {
  /** The wasm frames unwound, innermost first. */
  readonly frames: SuspendedFrame[] = [];

  constructor(
    /** What the call waits for: a host function's promise, or null to yield to the event loop. */
    readonly wait: Promise<unknown> | null,
    /**
     * For a host function: delivers the outcome in its frame at `fp`
     * (writes the results, or throws the error as the host's).
     */
    readonly complete: ((fp: number, outcome: Settled) => void) | null,
    /** The host function's frame pointer (-1 for a yield). */
    readonly hostFp: number,
    /** The first slot above everything the frames use. */
    readonly top: number,
  ) {}

  /** Adds the next outer frame. */
  add(site: Frame, point: ResumePoint, fp: number): this {
    this.frames.push({ site, point, fp });
    return this;
  }
}

/** The slots of a suspended call, copied out of the value stack. */
export class SavedSlots {
  private readonly i32: Int32Array;
  private readonly hi32: Int32Array;
  private readonly f64: Float64Array;
  private readonly v32: Int32Array;
  /** The references (a GC root while suspended, see gc.ts). */
  readonly refs: unknown[];

  /** Copies slots [from, to). */
  constructor(from: number, to: number) {
    this.i32 = I32_SLOTS.slice(from, to);
    this.hi32 = HI32_SLOTS.slice(from, to);
    this.f64 = F64_SLOTS.slice(from, to);
    this.v32 = V32.slice(4 * from, 4 * to);
    this.refs = REF_SLOTS.slice(from, to);
  }

  /** Writes the slots back starting at slot `at`. */
  restore(at: number): void {
    I32_SLOTS.set(this.i32, at);
    HI32_SLOTS.set(this.hi32, at);
    F64_SLOTS.set(this.f64, at);
    V32.set(this.v32, 4 * at);
    const refs = this.refs;
    for (let i = 0; i < refs.length; i++) REF_SLOTS[at + i] = refs[i];
  }

  get length(): number {
    return this.i32.length;
  }
}

/** Why a suspended frame cannot be resumed: its code was not compiled by a resuming compiler. */
function resumeCodeOf(site: Frame): ResumeCode {
  const instance = site.names;
  if (!(instance instanceof InstanceHandle) || instance.resume === null) {
    throw new Error(
      `cannot resume function ${site.funcIndex}: its compiler does not support suspension`,
    );
  }
  return instance.resume(instance, site.funcIndex);
}

/**
 * Resumes the frames of `s`, which were `delta` slots lower when it was
 * raised, delivering `outcome` to the host function it waited for; returns
 * the outermost frame's tail call.
 */
export function resumeFrames(s: Suspension, delta: number, outcome: Settled): TailCall {
  let inner: (() => TailCall) | null = null;
  let innerFp = -1;
  const complete = s.complete;
  if (complete !== null) {
    const fp = s.hostFp + delta;
    inner = () => {
      complete(fp, outcome);
      return undefined;
    };
    innerFp = fp;
  }
  for (const f of s.frames) {
    const code = resumeCodeOf(f.site);
    const frame: SuspendedFrame = { site: f.site, point: f.point, fp: f.fp + delta };
    const run = inner;
    const at = innerFp;
    inner = () => code(frame, at, run);
    innerFp = frame.fp;
  }
  return inner === null ? undefined : inner();
}

/** Resolves on a later turn of the event loop, after timers and I/O that are due. */
export function nextTurn(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(m: unknown): void; close(): void };
    };
    setTimeout?: (f: () => void, ms: number) => unknown;
  };
  return new Promise((resolve) => {
    if (typeof g.setImmediate === 'function') {
      g.setImmediate(resolve);
    } else if (typeof g.MessageChannel === 'function') {
      // A task, without the clamping nested timeouts get in browsers.
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        channel.port2.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else if (typeof g.setTimeout === 'function') {
      g.setTimeout(resolve, 0);
    } else {
      void Promise.resolve().then(() => resolve());
    }
  });
}
