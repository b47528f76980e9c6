/** Linear memories: an ArrayBuffer that grows by copying into a larger one. */
import type { MemoryType } from '@weft/environ';
import type { Store } from './store.js';

/** Bytes in a WebAssembly page. */
export const PAGE_SIZE = 65536;

/** Largest memory Weft allocates (JS ArrayBuffers top out near 2^32 bytes on 64-bit hosts). */
export const MAX_MEMORY_BYTES = 2 ** 32;

/**
 * A memory instance. Compiled code reads `dv`, `u8` and `size` on every
 * access (never caching them across calls), so replacing them on growth is
 * all that `grow` has to do.
 */
export class MemoryInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  buffer: ArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  /** Size in bytes. */
  size: number;
  /** Maximum size in pages the memory may grow to. */
  readonly maxPages: number;

  constructor(
    readonly store: Store,
    readonly type: MemoryType,
    /** Upper bound on the byte size set by the embedder's limits. */
    private readonly limitBytes: number = MAX_MEMORY_BYTES,
  ) {
    const bytes = type.limits.min * PAGE_SIZE;
    if (bytes > limitBytes)
      throw new RangeError(`memory of ${type.limits.min} pages exceeds the limit`);
    this.buffer = new ArrayBuffer(bytes);
    this.dv = new DataView(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
    this.size = bytes;
    const typeMax = type.limits.max ?? (type.is64 ? 2 ** 48 : 65536);
    this.maxPages = Math.min(typeMax, Math.floor(limitBytes / PAGE_SIZE));
  }

  /** Current size in pages. */
  get pages(): number {
    return this.size / PAGE_SIZE;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 if it cannot grow. */
  grow(delta: number): number {
    const old = this.pages;
    if (delta === 0) return old;
    const pages = old + delta;
    if (delta < 0 || pages > this.maxPages) return -1;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer(pages * PAGE_SIZE);
    } catch {
      return -1; // the host is out of memory: growth fails, as the spec allows
    }
    const u8 = new Uint8Array(next);
    u8.set(this.u8);
    this.buffer = next;
    this.dv = new DataView(next);
    this.u8 = u8;
    this.size = pages * PAGE_SIZE;
    return old;
  }
}
