/**
 * GC values: structs, arrays and i31 references, and the JS representation
 * of the `any` hierarchy. An anyref is `null`, a `WasmStruct`, a
 * `WasmArray`, an i31 (a JS number in [-2^30, 2^30)), or an internalized
 * host value (any other JS value).
 */

import type { Store } from './store.js';
import { WasmException } from './tag.js';
import { Trap, TrapCode } from './trap.js';

/**
 * A struct; `fields` hold values in the runtime representation (i64 as
 * bigint). A struct of a type with a descriptor (custom descriptors) holds
 * its descriptor, itself a struct, in `desc` (null for every other struct),
 * where `ref.get_desc` and the descriptor casts find it.
 */
export class WasmStruct {
  /** Mark of the last live-size measurement that reached this object. */
  gcMark = 0;
  constructor(
    /** Global type id. */
    readonly typeId: number,
    readonly fields: unknown[],
    readonly desc: WasmStruct | null = null,
  ) {
    const heap = gcActive.heap;
    if (heap !== null) heap.charge(STRUCT_BYTES + FIELD_BYTES * fields.length);
  }
}

/** Storage of an array's elements, chosen by its element type. */
export type ArrayStorage =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | BigInt64Array
  | Float64Array
  | unknown[];

/** An array. Packed and numeric elements live in typed arrays. */
export class WasmArray {
  /** Mark of the last live-size measurement that reached this object. */
  gcMark = 0;
  constructor(
    /** Global type id. */
    readonly typeId: number,
    readonly elements: ArrayStorage,
  ) {
    const heap = gcActive.heap;
    if (heap !== null) {
      // Storage from createArrayStorage was charged before it was allocated.
      if (elements === precharged) precharged = null;
      else heap.charge(storageBytes(elements));
    }
  }

  get length(): number {
    return this.elements.length;
  }
}

/** Whether `v` is an i31 reference. */
export function isI31(v: unknown): v is number {
  return typeof v === 'number';
}

/** `ref.i31`: wraps the low 31 bits of an i32. */
export function toI31(v: number): number {
  return (v << 1) >> 1;
}

/** `any.convert_extern`: host values enter the any hierarchy (integers in range as i31). */
export function internalize(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 30) && v < 2 ** 30) {
    return Object.is(v, -0) ? 0 : v;
  }
  if (typeof v === 'number') return new HostNumber(v);
  return v;
}

/** `extern.convert_any`: the inverse of `internalize`. */
export function externalize(v: unknown): unknown {
  return v instanceof HostNumber ? v.value : v;
}

/** A host number outside the i31 range, internalized into the any hierarchy. */
export class HostNumber {
  constructor(readonly value: number) {}
}

import { F32, F64, I16, I32, I64, I8, V128 as V128T, type StorageType } from '@weft/environ';
import { V128 } from './values.js';
import { REF_SLOTS } from './abi.js';

/** Storage for `length` elements of type `t`, filled with the type's default. */
export function createArrayStorage(t: StorageType, length: number): ArrayStorage {
  const heap = gcActive.heap;
  // Charged (and refused: a trap) before anything is allocated.
  if (heap !== null) heap.charge(ARRAY_BYTES + length * elementBytes(t));
  const storage = allocateStorage(t, length);
  if (heap !== null) precharged = storage;
  return storage;
}

function allocateStorage(t: StorageType, length: number): ArrayStorage {
  switch (t) {
    case I8:
      return new Uint8Array(length);
    case I16:
      return new Uint16Array(length);
    case I32:
      return new Int32Array(length);
    case I64:
      return new BigInt64Array(length);
    case F32:
    case F64:
      return new Float64Array(length);
    case V128T:
      return Array.from({ length }, () => new V128());
    default:
      return new Array<unknown>(length).fill(null);
  }
}

/** The default value of a field or local of type `t`, in the runtime representation. */
export function defaultValue(t: StorageType): unknown {
  switch (t) {
    case I8:
    case I16:
    case I32:
    case F32:
    case F64:
      return 0;
    case I64:
      return 0n;
    case V128T:
      return new V128();
    default:
      return null;
  }
}

// GC heap accounting. Structs and arrays are JS objects that V8 collects;
// what the runtime bounds is an estimate of the bytes of those that are
// still reachable from wasm. Every allocation is charged to the heap of the
// store whose code runs; when the charges since the last measurement pass
// a threshold, the live size is measured by tracing from the store's roots
// (the value stack, suspended calls, globals, tables, element segments), the limiter is
// asked, and the allocation traps (`GcHeapOutOfMemory`) if it refuses. The
// threshold doubles with the live size, so tracing costs amortised O(1) per
// allocated byte, as a collector's would.

/** Estimated bytes of a struct beside its fields, and per field (boxed numbers included). */
export const STRUCT_BYTES = 96;
export const FIELD_BYTES = 16;
/** Estimated bytes of an array beside its storage, and of a v128 element. */
export const ARRAY_BYTES = 80;
const V128_ELEMENT_BYTES = 160;

function elementBytes(t: StorageType): number {
  switch (t) {
    case I8:
      return 1;
    case I16:
      return 2;
    case I32:
      return 4;
    case V128T:
      return V128_ELEMENT_BYTES;
    default:
      return 8;
  }
}

function storageBytes(e: ArrayStorage): number {
  if (!Array.isArray(e)) return ARRAY_BYTES + e.byteLength;
  const per = e.length > 0 && e[0] instanceof V128 ? V128_ELEMENT_BYTES : 8;
  return ARRAY_BYTES + e.length * per;
}

/**
 * The heap charged for allocations: the running store's, or none outside
 * wasm. A cell, so that the call boundary (call.ts) swaps it without a
 * call of `enterGcHeap` (under `--jitless` a call costs more than the swap).
 */
export const gcActive: { heap: GcHeap | null } = { heap: null };
/** Storage createArrayStorage charged, which its WasmArray must not charge again. */
let precharged: ArrayStorage | null = null;

/** Makes `heap` the one charged for allocations; returns the previous one (to restore). */
export function enterGcHeap(heap: GcHeap | null): GcHeap | null {
  const previous = gcActive.heap;
  gcActive.heap = heap;
  return previous;
}

let epoch = 0;

/** A store's GC heap account. */
export class GcHeap {
  /** Estimated live bytes: measured at the last trace, plus what was allocated since. */
  used = 0;
  /** Live bytes found by the last measurement. */
  live = 0;
  /** `used` past which the live size is measured again. */
  private next: number;

  constructor(private readonly store: Store) {
    // Set by the first allocation: the default limit is read from the host
    // when first needed (limits.ts).
    this.next = -1;
  }

  private nextThreshold(used: number): number {
    const limit = this.store.limits.maxGcHeapBytes;
    return Math.max(Math.min(2 * used, limit), used + Math.max(limit / 8, 65536));
  }

  /** Charges an allocation of `bytes`; traps if the limiter refuses the heap that much. */
  charge(bytes: number): void {
    if ((this.used += bytes) > this.next) this.overflow(bytes);
  }

  private overflow(bytes: number): void {
    if (this.next < 0) {
      this.next = this.nextThreshold(0);
      if (this.used <= this.next) return;
    }
    const live = this.measure();
    const desired = live + bytes;
    const refusal = this.store.limiter.gcHeapGrowing(live, desired);
    if (refusal !== null) {
      this.used = live;
      this.next = this.nextThreshold(live);
      this.store.limitHit = refusal;
      throw new Trap(TrapCode.GcHeapOutOfMemory, refusal.message);
    }
    this.used = desired;
    this.next = this.nextThreshold(desired);
  }

  /** Measures the bytes of GC objects reachable from the store's roots (and the value stack). */
  measure(): number {
    const mark = ++epoch;
    const pending: unknown[] = [];
    const seen = new Set<WasmException>();
    let bytes = 0;
    const visit = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      if (v instanceof WasmStruct || v instanceof WasmArray) {
        if (v.gcMark === mark) return;
        v.gcMark = mark;
        pending.push(v);
      } else if (v instanceof WasmException && !seen.has(v)) {
        seen.add(v);
        pending.push(v);
      }
    };
    // The value stack is mostly null: test inline, call only for objects.
    for (let i = 0; i < REF_SLOTS.length; i++) {
      const v = REF_SLOTS[i];
      if (v !== null && typeof v === 'object') visit(v);
    }
    const store = this.store;
    for (const saved of store.suspended) for (const v of saved.refs) visit(v);
    for (const g of store.globals) visit(g.ref);
    for (const t of store.tables) {
      visit(t.init);
      for (const v of t.elements) visit(v);
    }
    for (const instance of store.instances) {
      for (const seg of instance.elems) if (seg !== null) for (const v of seg) visit(v);
    }
    while (pending.length > 0) {
      const o = pending.pop();
      if (o instanceof WasmStruct) {
        bytes += STRUCT_BYTES + FIELD_BYTES * o.fields.length;
        for (const v of o.fields) visit(v);
        if (o.desc !== null) visit(o.desc);
      } else if (o instanceof WasmArray) {
        const e = o.elements;
        bytes += storageBytes(e);
        if (Array.isArray(e)) for (const v of e) visit(v);
      } else {
        for (const v of (o as WasmException).values) visit(v);
      }
    }
    this.live = bytes;
    return bytes;
  }
}
