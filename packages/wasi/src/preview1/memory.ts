/**
 * Guest memory as the WASI functions see it: the memory of the current
 * call, bounds-checked reads and writes, strings and iovec arrays. Every
 * pointer and length is checked before anything is touched (EFAULT).
 */
import { Errno } from '../constants.js';
import { fail } from '../errors.js';
import { unshared } from '../unshared.js';

const decoder = new TextDecoder('utf-8', { fatal: true });
const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));

/** The guest memory of the current call, with checked accessors. */
export class GuestMemory {
  /** The guest memory of the current call. */
  u8: Uint8Array = EMPTY;
  /** A view of the same memory. */
  dv: DataView = EMPTY_VIEW;

  /** Points the functions at the memory of the current call. */
  setMemory(u8: Uint8Array, dv: DataView): void {
    this.u8 = u8;
    this.dv = dv;
  }

  /** Checks that `len` bytes at `ptr` lie in memory (EFAULT otherwise); returns `ptr` unsigned. */
  range(ptr: number, len: number): number {
    ptr >>>= 0;
    if (ptr + (len >>> 0) > this.u8.length) fail(Errno.FAULT);
    return ptr;
  }

  /** The little-endian u32 at `ptr` (EFAULT out of bounds). */
  u32(ptr: number): number {
    return this.dv.getUint32(this.range(ptr, 4), true);
  }

  /** Writes a little-endian u32 at `ptr` (EFAULT out of bounds). */
  setU32(ptr: number, v: number): void {
    this.dv.setUint32(this.range(ptr, 4), v, true);
  }

  /** Writes a little-endian u64 at `ptr` (EFAULT out of bounds). */
  setU64(ptr: number, v: bigint): void {
    this.dv.setBigUint64(this.range(ptr, 8), BigInt.asUintN(64, v), true);
  }

  /** The UTF-8 string of `len` bytes at `ptr` (EILSEQ if it is not valid UTF-8). */
  string(ptr: number, len: number): string {
    const p = this.range(ptr, len);
    try {
      return decoder.decode(unshared(this.u8.subarray(p, p + (len >>> 0))));
    } catch {
      return fail(Errno.ILSEQ);
    }
  }

  /**
   * Moves the `count` iovecs at `iovs` in order with `move(ptr, len, done)`
   * (`done`: bytes moved so far), stopping after a short move; returns the
   * total moved. Every iovec is read and checked before anything moves (an
   * iovec out of bounds is EFAULT with nothing written or read, as the
   * kernel copies and checks the whole array before readv/writev act), and
   * the checked copy is used, so a read landing on the iovec array itself
   * cannot change what follows.
   */
  eachIovec(
    iovs: number,
    count: number,
    move: (p: number, len: number, done: number) => number,
  ): number {
    const n = count >>> 0;
    const base = this.range(iovs, n * 8);
    const checked: number[] = [];
    for (let i = 0; i < n; i++) {
      const buf = this.dv.getUint32(base + i * 8, true);
      const len = this.dv.getUint32(base + i * 8 + 4, true);
      checked.push(this.range(buf, len), len);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = checked[2 * i]!;
      const len = checked[2 * i + 1]!;
      if (len === 0) continue;
      const moved = move(p, len, total);
      total += moved;
      if (moved < len) break;
    }
    return total;
  }
}
