/**
 * SIMD loads and stores. Kernels take the absolute slots of the result
 * (`d`) and of the operands: the address `a`, then the vector `b` of lane
 * loads and stores. The address is an i32, or for 64-bit memories an i64
 * as halves, in the scalar arrays (vectors are in the vector buffer, so
 * writing `d` never overwrites it). `scale` folds the two cases into one
 * expression: the high half is multiplied by 2^32 for 64-bit memories and
 * by 0 otherwise (the `HI32` word of an i32 slot is stale, and ignored).
 * The effective address is exact as a JS number below 2^53; anything above
 * is far beyond the memory, so rounding cannot turn a trap into an access.
 *
 * The memory's `dv`, `u8` and `size` are read on every execution, since
 * growth replaces them. Words are moved with DataView calls, so loaded and
 * stored bits are exact.
 */
import * as abi from '@weft/runtime';
import type { Frame, MemoryInstance } from '@weft/runtime';
import type { SimdBuild, SimdContext } from '../simd.js';
import * as traps from '../trap.js';
import * as words from './words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32, I32, V32, VU16, VU8 } = abi;
const OUT_OF_BOUNDS = abi.TrapCode.MemoryOutOfBounds;
const { trap } = traps;
const { s8hi, s8lo, u8hi, u8lo } = words;

/** What a memory instruction needs at run time, fixed when it is compiled. */
interface Access {
  readonly m: MemoryInstance;
  /** Static offset of the memarg. */
  readonly off: number;
  /** 2^32 for 64-bit memories, 0 for 32-bit ones. */
  readonly scale: number;
  readonly site: Frame;
}

function access(c: SimdContext): Access {
  const m = c.memory!;
  const off = (c.imm[c.immAt + 3] >>> 0) * 4294967296 + (c.imm[c.immAt + 2] >>> 0);
  return { m, off, scale: m.type.is64 ? 4294967296 : 0, site: c.site };
}

/** The effective address (in slot `a`) of an access of `width` bytes; traps out of bounds. */
function address(a: number, acc: Access, width: number): number {
  const ea = (HI32[a] >>> 0) * acc.scale + (I32[a] >>> 0) + acc.off;
  if (ea > acc.m.size - width) trap(OUT_OF_BOUNDS, acc.site);
  return ea;
}

// ---------------------------------------------------------------------------
// Full, splat and zero-extended loads. Memory words are read with DataView
// calls (exact bits, any alignment) and written to the result's words.

/** Writes the four words of the v128 in slot `d`. */
function put(d: number, w0: number, w1: number, w2: number, w3: number): void {
  const z = d << 2;
  V32[z] = w0;
  V32[z + 1] = w1;
  V32[z + 2] = w2;
  V32[z + 3] = w3;
}

function load(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 16);
  const dv = acc.m.dv;
  put(
    d,
    dv.getInt32(ea, true),
    dv.getInt32(ea + 4, true),
    dv.getInt32(ea + 8, true),
    dv.getInt32(ea + 12, true),
  );
}

function load8x8S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, s8lo(lo), s8hi(lo), s8lo(hi), s8hi(hi));
}

function load8x8U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, u8lo(lo), u8hi(lo), u8lo(hi), u8hi(hi));
}

function load16x4S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, (lo << 16) >> 16, lo >> 16, (hi << 16) >> 16, hi >> 16);
}

function load16x4U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, lo & 0xffff, lo >>> 16, hi & 0xffff, hi >>> 16);
}

function load32x2S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, lo, lo >> 31, hi, hi >> 31);
}

function load32x2U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  put(d, dv.getInt32(ea, true), 0, dv.getInt32(ea + 4, true), 0);
}

function load8Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 1);
  const w = Math.imul(acc.m.u8[ea], 0x01010101);
  put(d, w, w, w, w);
}

function load16Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 2);
  const w = Math.imul(acc.m.dv.getUint16(ea, true), 0x00010001);
  put(d, w, w, w, w);
}

function load32Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 4);
  const w = acc.m.dv.getInt32(ea, true);
  put(d, w, w, w, w);
}

function load64Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(d, lo, hi, lo, hi);
}

function load32Zero(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 4);
  put(d, acc.m.dv.getInt32(ea, true), 0, 0, 0);
}

function load64Zero(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  put(d, dv.getInt32(ea, true), dv.getInt32(ea + 4, true), 0, 0);
}

// ---------------------------------------------------------------------------
// Lane loads: once the address is read and checked, the vector operand `b`
// is copied to `d` (never `b`'s slot, see ../simd.ts), then lane `k` is
// replaced through the view of its width.

function copy(d: number, b: number): void {
  const z = d << 2;
  const y = b << 2;
  V32[z] = V32[y];
  V32[z + 1] = V32[y + 1];
  V32[z + 2] = V32[y + 2];
  V32[z + 3] = V32[y + 3];
}

function load8Lane(d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 1);
  copy(d, b);
  VU8[(d << 4) + k] = acc.m.u8[ea];
}

function load16Lane(d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 2);
  copy(d, b);
  VU16[(d << 3) + k] = acc.m.dv.getUint16(ea, true);
}

function load32Lane(d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 4);
  copy(d, b);
  V32[(d << 2) + k] = acc.m.dv.getInt32(ea, true);
}

function load64Lane(d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 8);
  copy(d, b);
  const dv = acc.m.dv;
  const w = (d << 2) + 2 * k;
  V32[w] = dv.getInt32(ea, true);
  V32[w + 1] = dv.getInt32(ea + 4, true);
}

// ---------------------------------------------------------------------------
// Stores: the address in `a`, the vector in `b`; no result.

function store(a: number, b: number, acc: Access): void {
  const ea = address(a, acc, 16);
  const dv = acc.m.dv;
  const y = b << 2;
  dv.setInt32(ea, V32[y], true);
  dv.setInt32(ea + 4, V32[y + 1], true);
  dv.setInt32(ea + 8, V32[y + 2], true);
  dv.setInt32(ea + 12, V32[y + 3], true);
}

function store8Lane(a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 1);
  acc.m.u8[ea] = VU8[(b << 4) + k];
}

function store16Lane(a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 2);
  acc.m.dv.setUint16(ea, VU16[(b << 3) + k], true);
}

function store32Lane(a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 4);
  acc.m.dv.setInt32(ea, V32[(b << 2) + k], true);
}

function store64Lane(a: number, b: number, acc: Access, k: number): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const w = (b << 2) + 2 * k;
  dv.setInt32(ea, V32[w], true);
  dv.setInt32(ea + 4, V32[w + 1], true);
}

// ---------------------------------------------------------------------------
// The table. Lane memargs carry the lane after the four memarg words.

function lane(c: SimdContext): number {
  return c.imm[c.immAt + 4];
}

export const MEMORY: Record<string, SimdBuild> = {
  'v128.load': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load(fp + d, fp + a, acc), 0);
  },
  'v128.load8x8_s': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load8x8S(fp + d, fp + a, acc), 0);
  },
  'v128.load8x8_u': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load8x8U(fp + d, fp + a, acc), 0);
  },
  'v128.load16x4_s': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load16x4S(fp + d, fp + a, acc), 0);
  },
  'v128.load16x4_u': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load16x4U(fp + d, fp + a, acc), 0);
  },
  'v128.load32x2_s': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load32x2S(fp + d, fp + a, acc), 0);
  },
  'v128.load32x2_u': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load32x2U(fp + d, fp + a, acc), 0);
  },
  'v128.load8_splat': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load8Splat(fp + d, fp + a, acc), 0);
  },
  'v128.load16_splat': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load16Splat(fp + d, fp + a, acc), 0);
  },
  'v128.load32_splat': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load32Splat(fp + d, fp + a, acc), 0);
  },
  'v128.load64_splat': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load64Splat(fp + d, fp + a, acc), 0);
  },
  'v128.load32_zero': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load32Zero(fp + d, fp + a, acc), 0);
  },
  'v128.load64_zero': (c) => {
    const d = c.dest;
    const [a] = c.operands;
    const acc = access(c);
    return (fp) => (load64Zero(fp + d, fp + a, acc), 0);
  },
  'v128.store': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    return (fp) => (store(fp + a, fp + b, acc), 0);
  },

  'v128.load8_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (load8Lane(fp + d, fp + a, fp + b, acc, k), 0);
  },
  'v128.load16_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (load16Lane(fp + d, fp + a, fp + b, acc, k), 0);
  },
  'v128.load32_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (load32Lane(fp + d, fp + a, fp + b, acc, k), 0);
  },
  'v128.load64_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (load64Lane(fp + d, fp + a, fp + b, acc, k), 0);
  },
  'v128.store8_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (store8Lane(fp + a, fp + b, acc, k), 0);
  },
  'v128.store16_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (store16Lane(fp + a, fp + b, acc, k), 0);
  },
  'v128.store32_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (store32Lane(fp + a, fp + b, acc, k), 0);
  },
  'v128.store64_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const k = lane(c);
    return (fp) => (store64Lane(fp + a, fp + b, acc, k), 0);
  },
};
