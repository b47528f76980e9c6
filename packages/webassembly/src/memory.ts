/**
 * `WebAssembly.Memory`. The buffer JS sees is always exactly the memory's
 * size and is the live memory: `exactBuffer` trims spare capacity (one copy,
 * only when JS looks after wasm grew), and every successful growth, from JS
 * or from wasm, detaches the buffer handed out before (`refreshBuffer`,
 * no copy).
 */
import { exactBuffer, MemoryInstance, PAGE_SIZE, refreshBuffer } from '@weft/runtime';
import { release, store } from './realm.js';
import { parseAddressType } from './types.js';
import { dictionary, enforceRange, Slots, toBigInt, toStringTag, webidlMembers } from './webidl.js';

export const memorySlots = new Slots<MemoryInstance>('Memory');
const memoryObjects = new WeakMap<MemoryInstance, object>();
/** The buffer handed to JS for each memory, until the next growth. */
const handedOut = new WeakMap<MemoryInstance, ArrayBuffer>();
/** The size of a shared memory when its buffer was handed out. */
const sharedSize = new WeakMap<MemoryInstance, number>();

/**
 * Makes growth of `m` (by wasm's `memory.grow` or the JS API) detach the
 * buffer JS holds. The runtime calls `m.grow(delta)` as a method, so an
 * own property wraps the class's method for this memory only.
 */
function watchGrowth(m: MemoryInstance): void {
  if (Object.hasOwn(m, 'grow')) return;
  const grow = MemoryInstance.prototype.grow;
  const shared = m.shared !== null;
  Object.defineProperty(m, 'grow', {
    configurable: true,
    writable: true,
    value(this: MemoryInstance, delta: number): number {
      const old = grow.call(this, delta);
      if (old < 0) return old;
      if (shared) {
        // A shared memory keeps old buffers valid; the next look gets a new SharedArrayBuffer object.
        handedOut.delete(this);
        return old;
      }
      const held = handedOut.get(this);
      if (held !== undefined) {
        handedOut.delete(this);
        refreshBuffer(this, held);
      }
      return old;
    },
  });
}

/** The host's `structuredClone` (not in the ES library types). */
declare const structuredClone: <T>(value: T) => T;

/**
 * A new `SharedArrayBuffer` object over a shared memory's bytes (the
 * runtime's memory is one growable `SharedArrayBuffer`; a structured clone
 * is another object over the same block).
 */
function sharedBuffer(m: MemoryInstance): SharedArrayBuffer {
  m.sync();
  return structuredClone(m.buffer as SharedArrayBuffer);
}

/** The `WebAssembly.Memory` of a memory instance (one per instance). */
export function memoryObject(m: MemoryInstance): object {
  let o = memoryObjects.get(m);
  if (o === undefined) {
    o = Object.create(Memory.prototype) as object;
    memorySlots.set(o, m);
    memoryObjects.set(m, o);
    watchGrowth(m);
  }
  return o;
}

/** ToAddressValue: `[EnforceRange] unsigned long` for i32, a bigint in [0, 2^64) for i64. */
export function toAddressValue(v: unknown, is64: boolean, what: string): number {
  if (!is64) return enforceRange(v, what);
  const b = toBigInt(v);
  if (b < 0n || b >= 1n << 64n) throw new TypeError(`${what} is out of range: ${b}`);
  return b > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(b);
}

/** An address value as JS sees it: a number for i32, a bigint for i64. */
export function fromAddress(v: number, is64: boolean): number | bigint {
  return is64 ? BigInt(v) : v;
}

export class Memory {
  constructor(descriptor: unknown) {
    const d = dictionary(descriptor, 'WebAssembly.Memory: the descriptor');
    const is64 = parseAddressType(d['address'], 'WebAssembly.Memory');
    const initialV = d['initial'];
    if (initialV === undefined) throw new TypeError('WebAssembly.Memory: initial is required');
    const initial = toAddressValue(initialV, is64, 'WebAssembly.Memory: initial');
    const maximumV = d['maximum'];
    const maximum =
      maximumV === undefined ? null : toAddressValue(maximumV, is64, 'WebAssembly.Memory: maximum');
    const shared = Boolean(d['shared']);
    const limit = is64 ? 2 ** 48 : 65536;
    if (initial > limit) throw new RangeError('WebAssembly.Memory: initial is too large');
    if (maximum !== null && maximum > limit) {
      throw new RangeError('WebAssembly.Memory: maximum is too large');
    }
    if (maximum !== null && maximum < initial) {
      throw new RangeError('WebAssembly.Memory: maximum is smaller than initial');
    }
    if (shared && maximum === null) {
      throw new TypeError('WebAssembly.Memory: a shared memory needs a maximum');
    }
    let m: MemoryInstance;
    try {
      m = new MemoryInstance(store, {
        limits: { min: initial, max: maximum },
        is64,
        shared,
      });
    } catch (e) {
      throw new RangeError(`WebAssembly.Memory: ${(e as Error).message}`);
    }
    store.add(store.memories, m);
    release();
    memorySlots.set(this, m);
    memoryObjects.set(m, this);
    watchGrowth(m);
  }

  grow(delta: unknown): number | bigint {
    const m = memorySlots.get(this, 'WebAssembly.Memory.grow');
    const d = toAddressValue(delta, m.type.is64, 'WebAssembly.Memory.grow: delta');
    const old = m.grow(d);
    if (old < 0) throw new RangeError('WebAssembly.Memory.grow: failed to grow memory');
    return fromAddress(old, m.type.is64);
  }

  get buffer(): ArrayBuffer {
    const m = memorySlots.get(this, 'WebAssembly.Memory.buffer');
    const held = handedOut.get(m);
    if (m.shared !== null) {
      // Another agent may have grown it: then JS gets a new object, as after its own growth.
      if (held !== undefined && sharedSize.get(m) === m.sync()) return held;
      const b = Object.freeze(sharedBuffer(m)) as unknown as ArrayBuffer;
      handedOut.set(m, b);
      sharedSize.set(m, m.size);
      return b;
    }
    if (held !== undefined && held === m.buffer && held.byteLength === m.size) return held;
    if (held !== undefined) refreshBuffer(m, held);
    const b = exactBuffer(m);
    handedOut.set(m, b);
    return b;
  }
}
webidlMembers(Memory.prototype, ['grow', 'buffer']);
toStringTag(Memory.prototype, 'WebAssembly.Memory');

export { PAGE_SIZE };
