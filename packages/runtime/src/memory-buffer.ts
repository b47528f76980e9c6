/**
 * What an embedder that hands a memory's bytes to JS code needs (the
 * WebAssembly JS API's `Memory.prototype.buffer`): an `ArrayBuffer` of
 * exactly the memory's size that is the live memory, and old buffers
 * detached once they stop being it.
 *
 * The interface with `MemoryInstance` is small on purpose: `size` is the
 * memory's size in bytes, `buffer` its backing store, which may be larger
 * than `size` (amortised growth keeps spare capacity), and `dv`/`u8` views
 * of the whole backing store; compiled code reads `dv`, `u8` and `size` on
 * each access, so replacing all three together is safe between accesses.
 *
 * Cost model: {@link exactBuffer} copies only when the backing store is
 * larger than `size` (so only the first time JS looks at the buffer after
 * wasm grew the memory into spare capacity); afterwards the backing store
 * is exact and later looks are free. {@link refreshBuffer} never copies:
 * the bytes move to a new `ArrayBuffer` object and the old one is detached.
 */
import type { MemoryInstance } from './memory.js';

type Transferable = ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };

/** The host's `structuredClone` (not in the ES library types). */
declare const structuredClone: (value: unknown, options: { transfer: ArrayBuffer[] }) => any;

/**
 * Detaches `buffer` and returns a new `ArrayBuffer` owning its bytes (no
 * copy): `ArrayBuffer.prototype.transfer` where the host has it, otherwise
 * `structuredClone` with the buffer in its transfer list (Node 17+, every
 * current browser).
 */
export function detachBuffer(buffer: ArrayBuffer): ArrayBuffer {
  const b = buffer as Transferable;
  if (typeof b.transfer === 'function') return b.transfer();
  return structuredClone(buffer, { transfer: [buffer] });
}

/** Points `memory` at `buffer` (its `dv` and `u8` views follow). */
function setBacking(memory: MemoryInstance, buffer: ArrayBuffer): void {
  memory.buffer = buffer;
  memory.dv = new DataView(buffer);
  memory.u8 = new Uint8Array(buffer);
  memory.atomics = null;
}

/**
 * The memory's backing store, made exactly `memory.size` bytes long first
 * if it is larger (one copy into a new buffer of the exact size). The
 * result is the live memory until the next growth.
 */
export function exactBuffer(memory: MemoryInstance): ArrayBuffer {
  const buffer = memory.buffer as ArrayBuffer;
  if (buffer.byteLength === memory.size) return buffer;
  const exact = new ArrayBuffer(memory.size);
  new Uint8Array(exact).set(new Uint8Array(buffer, 0, memory.size));
  setBacking(memory, exact);
  // The spare capacity given back no longer counts against the store's budget.
  memory.store.usage.memoryReserved -= buffer.byteLength - exact.byteLength;
  return exact;
}

/**
 * Detaches `old`, a buffer handed out earlier. If it is still the memory's
 * backing store (the memory grew in place, or by zero), the bytes move to a
 * new `ArrayBuffer` object first, without copying, so the memory stays
 * intact while the old object is detached.
 */
export function refreshBuffer(memory: MemoryInstance, old: ArrayBuffer): void {
  if (old.byteLength === 0 && memory.buffer !== old) return; // already detached, or empty
  if (memory.buffer === old) setBacking(memory, detachBuffer(old));
  else detachBuffer(old);
}
