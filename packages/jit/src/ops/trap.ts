/**
 * Raising traps from compiled code, and deciding which raw exceptions are
 * wasm faults. A trap site (a `Frame`) is built at compile time for every
 * instruction that can trap, so raising costs nothing until it happens.
 */
import {
  ResumePoint,
  Suspension,
  Trap,
  TrapCode,
  type Frame,
  type FrameNames,
  type MemoryInstance,
} from '@weft/runtime';

/** Raises a trap of `code` at `site`. */
export function trap(code: TrapCode, site: Frame): never {
  throw new Trap(code).addFrame(site);
}

/**
 * What a compiled load or store of `width` bytes of `m` calls when its
 * effective address `ea` is past the size `m` knows: raises an
 * out-of-bounds memory access trap at the instruction, unless `m` is a
 * shared memory that another agent has grown to cover the access, which
 * then goes ahead (on `m`'s views of the grown memory, read after this
 * returns). Built once per instruction at compile time, so that the call
 * in the closure takes one argument: the rare path's bytecode counts
 * against V8's inlining budget like the hot path's (a three-argument call
 * of a shared helper was ~20 of the ~80 bytes of an i32 load; without the
 * CLI's flags, loop bodies of loads and stores inlined that much less).
 */
export type BoundsTrap = (ea: number) => void;

/** The {@link BoundsTrap} of a load or store of `width` bytes of `m` at `site`. */
export function boundsTrap(m: MemoryInstance, width: number, site: Frame): BoundsTrap {
  return (ea) => {
    if (m.shared === null || ea + width > m.sync()) {
      throw new Trap(TrapCode.MemoryOutOfBounds).addFrame(site);
    }
  };
}

/** Raises a trap of `code` with a message more specific than the code's. */
export function trapWith(code: TrapCode, message: string, site: Frame): never {
  throw new Trap(code, message).addFrame(site);
}

/** A trap site: instruction at byte `offset` of function `funcIndex`. */
export function site(funcIndex: number, offset: number, names: FrameNames | null): Frame {
  return { funcIndex, offset, names };
}

/**
 * Whether `e` is the JS engine's stack overflow error. Kept to the cheapest
 * test that works: this runs with the stack nearly exhausted.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message === STACK_OVERFLOW;
}

/** V8's message for exhausting the JS stack. */
const STACK_OVERFLOW = 'Maximum call stack size exceeded';

/**
 * The jit's trap classifier (Wasmtime's "is this PC in JIT code?"). Host
 * errors never reach it raw (host calls wrap them), so a JS stack overflow
 * seen here was raised by compiled wasm code.
 */
export function classify(e: unknown): Trap | null {
  if (e instanceof Trap) return e;
  if (isStackOverflow(e)) return new Trap(TrapCode.StackOverflow);
  return null;
}

/**
 * Called where a wasm call returns abnormally, at call site `caller` of the
 * frame at `fp`: records the frame on traps and on suspensions (which
 * resume it after that call), and turns a JS stack overflow raised in wasm
 * code into a trap.
 */
export function unwind(e: unknown, caller: Frame, fp: number): unknown {
  if (e instanceof Trap) return e.addFrame(caller);
  if (e instanceof Suspension) return e.add(caller, ResumePoint.Call, fp);
  if (isStackOverflow(e)) return new Trap(TrapCode.StackOverflow).addFrame(caller);
  return e;
}
