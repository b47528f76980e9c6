/**
 * Linear memories: a fixed-length ArrayBuffer with room to grow into.
 *
 * Growth is amortised O(1): the buffer's capacity doubles (within the
 * memory's maximum and the store's budget), so a memory grown a page at a
 * time copies each byte O(1) times, and growing within the capacity copies
 * nothing. Resizable ArrayBuffers would grow in place but measured 4x slower
 * to access from compiled code (see the runtime README), so the buffer stays
 * a plain one, replaced only when the capacity is exceeded.
 */
import { pageSize, type MemoryType } from '@weft/environ';
import { formatBytes, MAX_MEMORY_BYTES, ResourceLimitError, type LimitRefusal } from './limits.js';
import { SharedMemory } from './shared-memory.js';
import type { Store } from './store.js';

export { MAX_MEMORY_BYTES };

/** Bytes in a WebAssembly page (of a memory without a custom page size). */
export const PAGE_SIZE = 65536;

/**
 * Smallest capacity a growing buffer is given: memories with 1-byte pages
 * (custom page sizes) grow byte by byte, and should not reallocate for
 * each of their first bytes.
 */
const MIN_CAPACITY = 4096;

/** The largest size in pages a memory type allows when it has no maximum. */
function typeLimit(type: MemoryType, page: number): number {
  if (page === PAGE_SIZE) return type.is64 ? 2 ** 48 : 65536;
  // Custom page sizes: at most 2^32 - 1 bytes (i32), 2^64 - 1 bytes (i64), in pages.
  return Math.floor((type.is64 ? 2 ** 64 - 1 : 2 ** 32 - 1) / page);
}

const EMPTY = new ArrayBuffer(0);

/** Why a growth to `bytes` failed when the host had no memory for it. */
function hostFailure(bytes: number): LimitRefusal {
  return { limit: 'host', message: `the host could not allocate a memory of ${bytes} bytes` };
}

/** Granule of `copyNonZero`. */
const CHUNK = 65536;

/**
 * Copies the first `size` bytes of `from` into the fresh (zeroed) `to`,
 * skipping chunks that are all zero: writing them would only make the host
 * commit pages (a memory grown but never written stays cheap, as natively).
 * The zero test stops at the first non-zero word, so data costs one copy.
 */
function copyNonZero(from: ArrayBuffer, to: Uint8Array, size: number): void {
  const src = new Uint8Array(from, 0, size);
  const words = new Int32Array(from, 0, Math.floor(size / 4));
  for (let at = 0; at < size; at += CHUNK) {
    const end = Math.min(at + CHUNK, size);
    let zero = true;
    for (let w = at / 4, last = end / 4; w < last; w++) {
      if (words[w] !== 0) {
        zero = false;
        break;
      }
    }
    if (!zero) to.set(src.subarray(at, end), at);
  }
}

/** Typed views of a memory for atomic instructions (made on first use; see `MemoryInstance.atomics`). */
export interface AtomicViews {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
}

/**
 * A memory instance. Compiled code reads `dv`, `u8` and `size` on every
 * access (never caching them across calls) and checks every access against
 * `size`: `dv` and `u8` span the whole buffer, capacity included, and the
 * bytes past `size` are never written (every write path checks `size`), so
 * they are zero when growth exposes them. Host code uses `data` and `view`,
 * which cover exactly `size` bytes.
 *
 * A shared memory (threads; `shared` is set) has no capacity: its buffer is
 * a `SharedArrayBuffer` that grows in place (see shared-memory.ts), `dv` and
 * `u8` cover exactly `size` bytes, and `size` is this agent's copy of the
 * size: `sync()` picks up growth by other agents.
 */
export class MemoryInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  /** The backing buffer: `size` bytes of memory, then zeroed capacity. */
  buffer: ArrayBuffer | SharedArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  /** Size in bytes. */
  size: number;
  /** Bytes in one of the memory's pages: 65536, or 1 with a custom page size. */
  readonly pageSize: number;
  /** Maximum size in pages the memory may grow to (its type's). */
  readonly maxPages: number;
  /** The state shared by every agent's instance of a shared memory; null for other memories. */
  readonly shared: SharedMemory | null;
  /** Views for atomic instructions over the current buffer, made on first use; null after a growth. */
  atomics: AtomicViews | null = null;
  private exactU8: Uint8Array | null = null;
  private exactDv: DataView | null = null;

  /**
   * Creates a memory of its type's minimum size, as the store's limiter
   * allows; throws a `ResourceLimitError` naming the limit otherwise. A
   * shared type makes a new shared memory, or, given `shared` (from another
   * agent's `SharedMemory.fromHandle`), this store's instance of that one.
   */
  constructor(
    readonly store: Store,
    readonly type: MemoryType,
    shared: SharedMemory | null = null,
  ) {
    const page = (this.pageSize = pageSize(type));
    const typeMax = type.limits.max ?? typeLimit(type, page);
    this.maxPages = Math.min(typeMax, MAX_MEMORY_BYTES / page);
    const bytes = type.limits.min * page;
    if (type.limits.min > this.maxPages) {
      throw new ResourceLimitError(
        `a memory of ${type.limits.min} pages exceeds the implementation limit of ${MAX_MEMORY_BYTES / page} pages`,
        'implementation',
      );
    }
    if (type.shared) {
      // A shared memory another agent made has the size that agent left it at.
      const size = shared === null ? bytes : shared.bytes();
      const refusal = store.limiter.memoryGrowing(0, size, this.maxBytesOfType());
      if (refusal !== null) throw new ResourceLimitError(refusal.message, refusal.limit);
      this.shared = shared ?? this.createShared(type);
      this.buffer = this.shared.buffer;
      this.size = size;
      this.dv = new DataView(this.buffer, 0, size);
      this.u8 = new Uint8Array(this.buffer, 0, size);
      store.usage.memoryBytes += size;
      store.usage.memoryReserved += size;
      return;
    }
    this.shared = null;
    const refusal = store.limiter.memoryGrowing(0, bytes, this.maxBytesOfType());
    if (refusal !== null) throw new ResourceLimitError(refusal.message, refusal.limit);
    try {
      this.buffer = new ArrayBuffer(bytes);
    } catch {
      const failure = hostFailure(bytes);
      throw new ResourceLimitError(failure.message, failure.limit);
    }
    this.dv = new DataView(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
    this.size = bytes;
    store.usage.memoryBytes += bytes;
    store.usage.memoryReserved += bytes;
  }

  /** A new shared memory of the type's minimum size, growable to its maximum within the limits. */
  private createShared(type: MemoryType): SharedMemory {
    const pages = type.limits.min;
    const maxBytes = Math.min(this.maxPages * PAGE_SIZE, this.store.limits.maxMemorySize);
    try {
      return SharedMemory.create(
        { minimum: pages, maximum: type.limits.max!, is64: type.is64 },
        PAGE_SIZE,
        pages,
        Math.max(maxBytes, pages * PAGE_SIZE),
      );
    } catch (e) {
      if (e instanceof TypeError) throw new ResourceLimitError(e.message, 'host');
      throw new ResourceLimitError(
        `the host could not allocate a shared memory of up to ${maxBytes} bytes`,
        'host',
      );
    }
  }

  /**
   * The size in bytes, after picking up growth by other agents (a shared
   * memory); for other memories just `size`. Compiled code calls it where
   * an access falls outside `size`, so it is cheap when nothing changed.
   */
  sync(): number {
    const shared = this.shared;
    if (shared === null) return this.size;
    const bytes = shared.bytes();
    if (bytes !== this.size) this.resized(bytes);
    return bytes;
  }

  /** This agent's views after the shared size changed to `bytes`. */
  private resized(bytes: number): void {
    const usage = this.store.usage;
    usage.memoryBytes += bytes - this.size;
    usage.memoryReserved += bytes - this.size;
    this.size = bytes;
    this.dv = new DataView(this.buffer, 0, bytes);
    this.u8 = new Uint8Array(this.buffer, 0, bytes);
    this.atomics = null;
    this.exactU8 = null;
    this.exactDv = null;
  }

  private maxBytesOfType(): number | null {
    const max = this.type.limits.max;
    return max === null || max === undefined ? null : max * this.pageSize;
  }

  /** Current size in pages. */
  get pages(): number {
    if (this.shared !== null) this.sync();
    return this.size / this.pageSize;
  }

  /** Bytes the buffer holds: the size plus room to grow without copying. */
  get capacity(): number {
    return this.shared === null ? this.buffer.byteLength : this.size;
  }

  /** The memory's bytes, exactly `size` of them (a new view after each growth). */
  get data(): Uint8Array {
    if (this.shared !== null) this.sync();
    let d = this.exactU8;
    if (d === null) d = this.exactU8 = new Uint8Array(this.buffer, 0, this.size);
    return d;
  }

  /** A DataView of exactly `size` bytes (a new view after each growth). */
  get view(): DataView {
    if (this.shared !== null) this.sync();
    let v = this.exactDv;
    if (v === null) v = this.exactDv = new DataView(this.buffer, 0, this.size);
    return v;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 if it cannot grow. */
  grow(delta: number): number {
    if (this.shared !== null) return this.growShared(delta);
    const old = this.pages;
    if (delta === 0) return old;
    if (!(delta > 0) || !Number.isInteger(delta)) return -1;
    const pages = old + delta;
    const bytes = pages * this.pageSize;
    const store = this.store;
    // The limiter is asked first, even past the maximum (as Wasmtime does).
    const refusal = store.limiter.memoryGrowing(this.size, bytes, this.maxBytesOfType());
    if (refusal !== null) {
      store.limitHit = refusal;
      return -1;
    }
    if (pages > this.maxPages) return store.growFailed('memory', this.pastMaximum(bytes));
    if (bytes > this.buffer.byteLength) {
      const failure = this.reserve(bytes);
      if (failure !== null) return store.growFailed('memory', failure);
    }
    store.usage.memoryBytes += bytes - this.size;
    this.size = bytes;
    this.exactU8 = null;
    this.exactDv = null;
    return old;
  }

  /** `grow` of a shared memory: in place, from the size the last growth by any agent left. */
  private growShared(delta: number): number {
    const old = this.sync() / PAGE_SIZE;
    if (delta === 0) return old;
    if (!(delta > 0) || !Number.isInteger(delta)) return -1;
    const store = this.store;
    const max = this.maxBytesOfType();
    let allowed = false;
    let desired = 0;
    const grown = this.shared!.grow(delta, (current, bytes) => {
      // Other agents may have grown it since: this store's usage counts what it saw.
      desired = bytes;
      const refusal = store.limiter.memoryGrowing(current, bytes, max);
      if (refusal !== null) store.limitHit = refusal;
      return (allowed = refusal === null);
    });
    this.sync();
    if (grown >= 0 || !allowed) return grown;
    // Allowed, yet failed: past the maximum, or the host could not commit the pages.
    const failure =
      desired > this.maxPages * this.pageSize ? this.pastMaximum(desired) : hostFailure(desired);
    return store.growFailed('memory', failure);
  }

  /** Why a growth to `bytes` fails when the limiter allowed it but the memory's maximum does not. */
  private pastMaximum(bytes: number): LimitRefusal {
    return {
      limit: 'maximum',
      message: `a memory of ${formatBytes(bytes)} exceeds its maximum of ${formatBytes(this.maxPages * this.pageSize)}`,
    };
  }

  /**
   * Replaces the buffer by one of at least `bytes`: double the capacity (at
   * least `MIN_CAPACITY`, in whole pages), within the memory's maximum, the
   * per-memory limit and what the store's budget has left beside the other
   * memories' buffers. Null, or the failure if the host has no memory even
   * for exactly `bytes`. Pages of one byte grow in the same doublings, so growing such a
   * memory byte by byte copies each byte O(1) times.
   */
  private reserve(bytes: number): LimitRefusal | null {
    const store = this.store;
    const limits = store.limits;
    const old = this.buffer.byteLength;
    const othersReserved = store.usage.memoryReserved - old;
    const page = this.pageSize;
    const ceiling = Math.min(
      this.maxPages * page,
      limits.maxMemorySize,
      limits.maxMemoryBytes - othersReserved,
    );
    const doubled = Math.floor(Math.min(Math.max(2 * old, MIN_CAPACITY), ceiling) / page) * page;
    let next: ArrayBuffer | null = null;
    for (const capacity of doubled > bytes ? [doubled, bytes] : [bytes]) {
      try {
        next = new ArrayBuffer(capacity);
        break;
      } catch {
        // the host is out of memory: try exactly what is needed, then fail
      }
    }
    if (next === null) return hostFailure(bytes);
    const u8 = new Uint8Array(next);
    copyNonZero(this.buffer as ArrayBuffer, u8, this.size);
    this.buffer = next;
    this.dv = new DataView(next);
    this.u8 = u8;
    this.atomics = null;
    store.usage.memoryReserved += next.byteLength - old;
    return null;
  }

  /**
   * Gives the memory's bytes back to the store (an instantiation that
   * failed, a disposal). A shared memory stays alive for the other agents
   * holding it; this instance lets go of it.
   */
  release(): void {
    this.store.usage.memoryBytes -= this.size;
    this.store.usage.memoryReserved -= this.capacity;
    this.atomics = null;
    this.buffer = EMPTY;
    this.dv = new DataView(EMPTY);
    this.u8 = new Uint8Array(EMPTY);
    this.size = 0;
    this.exactU8 = null;
    this.exactDv = null;
  }
}
