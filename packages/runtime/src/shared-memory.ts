/**
 * Shared memories (threads): one linear memory that several agents (Node
 * worker threads, Web Workers), each with its own store and instances,
 * read and write at once.
 *
 * The bytes live in a `SharedArrayBuffer`, growable where the host has
 * growable shared buffers (`maxByteLength`, Node 20, current browsers): the
 * host reserves address space for the maximum and commits pages as the
 * memory grows, in place, so every agent sees the same bytes without
 * copying, and growth never moves them. Where growable shared buffers are
 * missing, the buffer is allocated at the maximum at once.
 *
 * Besides the bytes, the agents share a small control block (an
 * `Int32Array` over its own `SharedArrayBuffer`): the size in pages, which is
 * the one authority on the memory's size, and a lock that serializes growth
 * (`memory.grow` must be atomic: two agents growing by one page each grow
 * the memory by two).
 *
 * Each agent's `MemoryInstance` keeps its own copy of the size (compiled
 * code reads a plain field on every access, as for any memory) and views
 * of exactly that many bytes; it picks up growth by other agents with
 * `MemoryInstance.sync`, which compiled code calls where an access falls
 * outside the size it knows, and for `memory.size`, `memory.grow` and every
 * atomic instruction, and which host accessors (`data`, `view`, `pages`)
 * call too.
 *
 * Access cost (see the runtime README): fixed-length views of a growable
 * shared buffer read and write as fast as views of a plain one; views that
 * track a growable buffer's length are 20-40x slower, which is why each
 * agent keeps fixed-length views and replaces them after growth.
 */

/** Index of the size in pages in the control block. */
const PAGES = 0;
/** Index of the growth lock (0 free, 1 held). */
const LOCK = 1;
const CONTROL_WORDS = 2;

/** Whether the host has growable `SharedArrayBuffer`s. */
const GROWABLE =
  typeof SharedArrayBuffer === 'function' &&
  typeof (SharedArrayBuffer.prototype as { grow?: unknown }).grow === 'function';

type GrowableSab = SharedArrayBuffer & { grow(length: number): void; readonly growable?: boolean };

/**
 * What crosses threads: a plain object of two `SharedArrayBuffer`s and
 * numbers, for `postMessage` or `workerData` (structured cloning keeps the
 * buffers shared). `SharedMemory.fromHandle` on the other side makes the
 * same memory again; `MemoryInstance`s of any store attach to it.
 */
export interface SharedMemoryHandle {
  /** Marks the object as a shared memory handle. */
  readonly kind: 'weft.shared-memory';
  /** The memory's bytes. */
  readonly buffer: SharedArrayBuffer;
  /** The control block: `[size in pages, growth lock]`. */
  readonly control: SharedArrayBuffer;
  /** The memory's type: limits in pages (the maximum is required), 64-bit addresses. */
  readonly minimum: number;
  /** The maximum size in pages. */
  readonly maximum: number;
  /** Whether addresses are 64-bit. */
  readonly is64: boolean;
  /** Page size in bytes. */
  readonly pageSize: number;
  /** Largest size in bytes the buffer can reach (the maximum, or less by the creator's limits). */
  readonly maxBytes: number;
}

/** The state of a shared memory, the same object graph in every agent that holds it. */
export class SharedMemory {
  private readonly ctl: Int32Array;

  private constructor(private readonly h: SharedMemoryHandle) {
    this.ctl = new Int32Array(h.control);
  }

  /**
   * A new shared memory of `pages` pages, growable to `maxBytes`. Throws a
   * `RangeError` if the host cannot allocate it, a `TypeError` where the
   * host has no `SharedArrayBuffer` (a browser page that is not
   * cross-origin isolated).
   */
  static create(
    type: { minimum: number; maximum: number; is64: boolean },
    pageSize: number,
    pages: number,
    maxBytes: number,
  ): SharedMemory {
    if (typeof SharedArrayBuffer !== 'function') {
      throw new TypeError(
        'shared memories need SharedArrayBuffer, which this host does not provide (in a browser: a cross-origin isolated page)',
      );
    }
    const bytes = pages * pageSize;
    const buffer = GROWABLE
      ? new (
          SharedArrayBuffer as unknown as new (
            n: number,
            o: { maxByteLength: number },
          ) => SharedArrayBuffer
        )(bytes, { maxByteLength: maxBytes })
      : new SharedArrayBuffer(maxBytes);
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    new Int32Array(control)[PAGES] = pages;
    return new SharedMemory({
      kind: 'weft.shared-memory',
      buffer,
      control,
      minimum: type.minimum,
      maximum: type.maximum,
      is64: type.is64,
      pageSize,
      maxBytes,
    });
  }

  /** The shared memory a handle (from `handle` in any agent) stands for. */
  static fromHandle(handle: SharedMemoryHandle): SharedMemory {
    if (
      handle === null ||
      typeof handle !== 'object' ||
      handle.kind !== 'weft.shared-memory' ||
      !(handle.buffer instanceof SharedArrayBuffer) ||
      !(handle.control instanceof SharedArrayBuffer) ||
      handle.control.byteLength !== CONTROL_WORDS * 4
    ) {
      throw new TypeError('not a shared memory handle');
    }
    return new SharedMemory(handle);
  }

  /** Whether `x` looks like a `SharedMemoryHandle`. */
  static isHandle(x: unknown): x is SharedMemoryHandle {
    return (
      typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'weft.shared-memory'
    );
  }

  /** The handle to post to another agent. */
  get handle(): SharedMemoryHandle {
    return this.h;
  }

  get buffer(): SharedArrayBuffer {
    return this.h.buffer;
  }

  get maxBytes(): number {
    return this.h.maxBytes;
  }

  get pageSize(): number {
    return this.h.pageSize;
  }

  /** The current size in bytes (sequentially consistent with every growth). */
  bytes(): number {
    return Atomics.load(this.ctl, PAGES) * this.h.pageSize;
  }

  /**
   * Grows by `delta` pages if `allow(currentBytes, desiredBytes)` says yes
   * (the caller's limits); returns the old size in pages, or -1. Growth by
   * all agents is serialized, so each grows from the size the last left.
   */
  grow(delta: number, allow: (current: number, desired: number) => boolean): number {
    const ctl = this.ctl;
    const page = this.h.pageSize;
    this.lock();
    try {
      const old = Atomics.load(ctl, PAGES);
      const bytes = (old + delta) * page;
      // The caller's limiter is asked first, even past the maximum (as Wasmtime does).
      if (!allow(old * page, bytes) || bytes > this.h.maxBytes) return -1;
      if (GROWABLE) {
        const b = this.h.buffer as GrowableSab;
        // A buffer made where growth was missing is fixed at the maximum.
        if (b.growable === true && b.byteLength < bytes) {
          try {
            b.grow(bytes);
          } catch {
            return -1; // the host could not commit the pages
          }
        }
      }
      Atomics.store(ctl, PAGES, old + delta);
      return old;
    } finally {
      this.unlock();
    }
  }

  private lock(): void {
    const ctl = this.ctl;
    // Growth holds the lock for one allocation: spinning is cheaper than
    // waiting, and works on a browser's main thread, where waiting is not allowed.
    while (Atomics.compareExchange(ctl, LOCK, 0, 1) !== 0);
  }

  private unlock(): void {
    Atomics.store(this.ctl, LOCK, 0);
  }
}
