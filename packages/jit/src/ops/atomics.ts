/**
 * Threads: atomic loads, stores, read-modify-writes and compare-exchanges,
 * `memory.atomic.wait32/64`, `memory.atomic.notify` and `atomic.fence`, on
 * JS `Atomics` over typed views of the memory (`MemoryInstance.atomics`:
 * `Uint8Array`, `Uint16Array`, `Int32Array`, `BigInt64Array` over the
 * buffer, made on first use and after each growth).
 *
 * Every instruction is one statement reading its operands in their slots
 * (the address `a`, values `v` and `w`) and writing its result to slot `d`
 * (the address's own stack slot) after reading every operand. Narrow
 * accesses read the unsigned views, so results are zero-extended as the
 * spec wants; 64-bit accesses go through `BigInt64Array` (one BigInt per
 * operand: JS has no other lock-free 64-bit operation).
 *
 * Atomics work on plain `ArrayBuffer`s too, so the instructions run on
 * unshared memories as the spec allows (only `wait` traps there); on a
 * shared memory (a `SharedArrayBuffer`) they are atomic across agents, and
 * `wait`/`notify` are `Atomics.wait`/`Atomics.notify` on the same address
 * (an `Int32Array` notify wakes a `BigInt64Array` wait of the same bytes).
 *
 * Checks, in Wasmtime's order: alignment of the effective address
 * ("unaligned atomic"), then bounds (after `sync`, so growth by another
 * agent counts), then, for `wait`, that the memory is shared.
 */
import * as abi from '@weft/runtime';
import type { AtomicViews, Frame, MemoryInstance } from '@weft/runtime';
import { single } from '../compiler/literals.js';
import type { Stmt } from '../compiler/types.js';
import * as traps from './trap.js';

// Module-local aliases of imported values (see ops/simd/memory.ts).
const { HI32_SLOTS: HI32, I32_SLOTS: I32 } = abi;
const { TrapCode } = abi;
const { trap } = traps;

/** What an atomic instruction needs at run time, fixed when it is compiled. */
export interface Access {
  readonly m: MemoryInstance;
  /** Static offset of the memarg. */
  readonly off: number;
  readonly is64: boolean;
  /** Access width in bytes (1, 2, 4, 8). */
  readonly width: number;
  /** log2 of the width: typed array index = effective address >> shift. */
  readonly shift: number;
  readonly site: Frame;
}

export function access(m: MemoryInstance, off: number, width: number, site: Frame): Access {
  return { m, off, is64: m.type.is64, width, shift: Math.log2(width), site };
}

/** The memory's atomic views, made after each growth. */
export function views(m: MemoryInstance): AtomicViews {
  let v = m.atomics;
  if (v === null) {
    const b = m.buffer;
    // Whole 64-bit words: a buffer's length is a multiple of the page size.
    const n = m.shared === null ? b.byteLength : m.size;
    v = m.atomics = {
      u8: new Uint8Array(b, 0, n),
      u16: new Uint16Array(b, 0, n >>> 1),
      i32: new Int32Array(b, 0, n >>> 2),
      i64: new BigInt64Array(b, 0, Math.floor(n / 8)),
    };
  }
  return v;
}

/**
 * The effective address of an access whose address operand is in the
 * absolute slot `a`; traps if it is misaligned or out of bounds.
 */
function address(a: number, acc: Access): number {
  const ea = acc.is64
    ? (HI32[a]! >>> 0) * 4294967296 + (I32[a]! >>> 0) + acc.off
    : (I32[a]! >>> 0) + acc.off;
  // The low bits of a number up to 2^53 survive the conversion to int32.
  if ((ea & (acc.width - 1)) !== 0) trap(TrapCode.HeapMisaligned, acc.site);
  const end = ea + acc.width;
  if (end > acc.m.size && end > acc.m.sync()) trap(TrapCode.MemoryOutOfBounds, acc.site);
  return ea;
}

/** The view of `acc`'s width (1, 2 or 4 bytes; 8 goes through `i64`). */
function narrow(acc: Access): Uint8Array | Uint16Array | Int32Array {
  const v = acc.m.atomics ?? views(acc.m);
  return acc.width === 4 ? v.i32 : acc.width === 2 ? v.u16 : v.u8;
}

function i64(acc: Access): BigInt64Array {
  return (acc.m.atomics ?? views(acc.m)).i64;
}

/** The i64 in slot `s` as a BigInt. */
function big(s: number): bigint {
  return (BigInt(HI32[s]!) << 32n) | BigInt(I32[s]! >>> 0);
}

/** Writes a BigInt to slot `s` as halves. */
function putBig(s: number, v: bigint): void {
  I32[s] = Number(BigInt.asIntN(32, v));
  HI32[s] = Number(BigInt.asIntN(32, v >> 32n));
}

/** A read-modify-write of `Atomics`: (view, index, value) -> old value. */
type Rmw = (view: never, index: number, value: never) => number | bigint;

/** The `Atomics` function of each read-modify-write operation. */
export const RMW_OPS: Readonly<Record<string, Rmw>> = {
  add: Atomics.add as Rmw,
  sub: Atomics.sub as Rmw,
  and: Atomics.and as Rmw,
  or: Atomics.or as Rmw,
  xor: Atomics.xor as Rmw,
  xchg: Atomics.exchange as Rmw,
};

type AnyRmw = (view: unknown, index: number, value: unknown) => number;
type AnyRmw64 = (view: BigInt64Array, index: number, value: bigint) => bigint;

// ---------------------------------------------------------------------------
// Loads and stores.

/** `*.atomic.load*` of 1, 2 or 4 bytes to an i32 (`wide`: an i64 with high half 0). */
export const loadNarrow = single(
  (acc: Access, wide: boolean, d: number, a: number): Stmt =>
    (fp) => {
      const ea = address(fp + a, acc);
      I32[fp + d] = Atomics.load(narrow(acc), ea >>> acc.shift);
      if (wide) HI32[fp + d] = 0;
      return 0;
    },
);

/** `i64.atomic.load`. */
export const load64 = single((acc: Access, d: number, a: number): Stmt => (fp) => {
  const ea = address(fp + a, acc);
  putBig(fp + d, Atomics.load(i64(acc), ea >>> 3));
  return 0;
});

/** `*.atomic.store*` of 1, 2 or 4 bytes (the value's low bits: the low half of an i64). */
export const storeNarrow = single((acc: Access, a: number, v: number): Stmt => (fp) => {
  const value = I32[fp + v]!;
  const ea = address(fp + a, acc);
  Atomics.store(narrow(acc), ea >>> acc.shift, value);
  return 0;
});

/** `i64.atomic.store`. */
export const store64 = single((acc: Access, a: number, v: number): Stmt => (fp) => {
  const value = big(fp + v);
  const ea = address(fp + a, acc);
  Atomics.store(i64(acc), ea >>> 3, value);
  return 0;
});

// ---------------------------------------------------------------------------
// Read-modify-write and compare-exchange: the old value is the result.

/** A read-modify-write of 1, 2 or 4 bytes (`wide`: the i64 form, zero-extended). */
export const rmwNarrow = single(
  (acc: Access, op: Rmw, wide: boolean, d: number, a: number, v: number): Stmt =>
    (fp) => {
      const value = I32[fp + v]!;
      const ea = address(fp + a, acc);
      I32[fp + d] = (op as AnyRmw)(narrow(acc), ea >>> acc.shift, value);
      if (wide) HI32[fp + d] = 0;
      return 0;
    },
);

/** A read-modify-write of 8 bytes. */
export const rmw64 = single(
  (acc: Access, op: Rmw, d: number, a: number, v: number): Stmt =>
    (fp) => {
      const value = big(fp + v);
      const ea = address(fp + a, acc);
      putBig(fp + d, (op as unknown as AnyRmw64)(i64(acc), ea >>> 3, value));
      return 0;
    },
);

/**
 * A compare-exchange of 1, 2 or 4 bytes: the expected value is wrapped to
 * the width (the typed array's conversion), so a narrow cmpxchg compares
 * only the bytes it reads.
 */
export const cmpxchgNarrow = single(
  (acc: Access, wide: boolean, d: number, a: number, v: number, w: number): Stmt =>
    (fp) => {
      const expected = I32[fp + v]!;
      const replacement = I32[fp + w]!;
      const ea = address(fp + a, acc);
      I32[fp + d] = Atomics.compareExchange(
        narrow(acc) as Int32Array,
        ea >>> acc.shift,
        expected,
        replacement,
      );
      if (wide) HI32[fp + d] = 0;
      return 0;
    },
);

/** `i64.atomic.rmw.cmpxchg`. */
export const cmpxchg64 = single(
  (acc: Access, d: number, a: number, v: number, w: number): Stmt =>
    (fp) => {
      const expected = big(fp + v);
      const replacement = big(fp + w);
      const ea = address(fp + a, acc);
      putBig(fp + d, Atomics.compareExchange(i64(acc), ea >>> 3, expected, replacement));
      return 0;
    },
);

// ---------------------------------------------------------------------------
// Wait, notify, fence.

/** `Atomics.wait`'s answers as wasm's results. */
function waitResult(r: string): number {
  return r === 'ok' ? 0 : r === 'not-equal' ? 1 : 2;
}

/** A relative timeout in nanoseconds (an i64 in slot `s`) as `Atomics.wait`'s milliseconds. */
function timeoutMs(s: number): number {
  const hi = HI32[s]!;
  if (hi < 0) return Infinity; // negative: no timeout
  return (hi * 4294967296 + (I32[s]! >>> 0)) / 1e6;
}

/**
 * `memory.atomic.wait32` (`wide` false) and `wait64`: 0 when woken by a
 * notify, 1 when the memory did not hold the expected value, 2 on timeout.
 * Traps on an unshared memory, and where the host cannot block (a
 * browser's main thread: "Atomics.wait cannot be called in this context",
 * as browsers' own WebAssembly reports it).
 */
export const wait = single(
  (acc: Access, wide: boolean, d: number, a: number, v: number, t: number): Stmt =>
    (fp) => {
      const ms = timeoutMs(fp + t);
      const ea = address(fp + a, acc);
      if (acc.m.shared === null) trap(TrapCode.AtomicWaitNonSharedMemory, acc.site);
      let r: string;
      try {
        const vs = acc.m.atomics ?? views(acc.m);
        r = wide
          ? Atomics.wait(vs.i64, ea >>> 3, big(fp + v), ms)
          : Atomics.wait(vs.i32, ea >>> 2, I32[fp + v]!, ms);
      } catch (e) {
        if (e instanceof TypeError) trap(TrapCode.AtomicWaitNotAllowed, acc.site);
        throw e;
      }
      I32[fp + d] = waitResult(r);
      return 0;
    },
);

/**
 * `memory.atomic.notify`: wakes up to `count` (unsigned) agents waiting on
 * the address; the number woken. An unshared memory has no waiters: 0.
 */
export const notify = single((acc: Access, d: number, a: number, c: number): Stmt => (fp) => {
  const count = I32[fp + c]! >>> 0;
  const ea = address(fp + a, acc);
  I32[fp + d] =
    acc.m.shared === null
      ? 0
      : Atomics.notify((acc.m.atomics ?? views(acc.m)).i32, ea >>> 2, count);
  return 0;
});

/**
 * A cell read-modify-written by `atomic.fence`: a locked operation on
 * shared memory is a full barrier (where the host has no
 * `SharedArrayBuffer` there is no other agent to order against).
 */
const FENCE =
  typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;

/** `atomic.fence`. */
export const fence: Stmt = () => {
  if (FENCE !== null) Atomics.add(FENCE, 0, 0);
  return 0;
};
