/**
 * SIMD loads and stores. Kernels take the absolute slots of the result
 * (`d`) and of the operands: the address `a`, then the vector `b` of lane
 * loads and stores. The address is an i32, or for 64-bit memories an i64
 * as halves; it is read before anything is written, as `d` may be `a` (see
 * ../simd.ts). `scale` folds the two cases into one expression: the high
 * half is multiplied by 2^32 for 64-bit memories and by 0 otherwise (the
 * `HI32` word of an i32 slot is stale, and ignored).
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
import * as scratch from './scratch.js';
import * as words from './words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32, I32, V2, V3 } = abi;
const OUT_OF_BOUNDS = abi.TrapCode.MemoryOutOfBounds;
const { trap } = traps;
const { WORDS } = scratch;
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
// Full, splat and zero-extended loads.

function load(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 16);
  const dv = acc.m.dv;
  I32[d] = dv.getInt32(ea, true);
  HI32[d] = dv.getInt32(ea + 4, true);
  V2[d] = dv.getInt32(ea + 8, true);
  V3[d] = dv.getInt32(ea + 12, true);
}

function load8x8S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = s8lo(lo);
  HI32[d] = s8hi(lo);
  V2[d] = s8lo(hi);
  V3[d] = s8hi(hi);
}

function load8x8U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = u8lo(lo);
  HI32[d] = u8hi(lo);
  V2[d] = u8lo(hi);
  V3[d] = u8hi(hi);
}

function load16x4S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = (lo << 16) >> 16;
  HI32[d] = lo >> 16;
  V2[d] = (hi << 16) >> 16;
  V3[d] = hi >> 16;
}

function load16x4U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = lo & 0xffff;
  HI32[d] = lo >>> 16;
  V2[d] = hi & 0xffff;
  V3[d] = hi >>> 16;
}

function load32x2S(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = lo;
  HI32[d] = lo >> 31;
  V2[d] = hi;
  V3[d] = hi >> 31;
}

function load32x2U(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = lo;
  HI32[d] = 0;
  V2[d] = hi;
  V3[d] = 0;
}

function splatWords(d: number, w: number): void {
  I32[d] = w;
  HI32[d] = w;
  V2[d] = w;
  V3[d] = w;
}

function load8Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 1);
  splatWords(d, Math.imul(acc.m.u8[ea], 0x01010101));
}

function load16Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 2);
  splatWords(d, Math.imul(acc.m.dv.getUint16(ea, true), 0x00010001));
}

function load32Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 4);
  splatWords(d, acc.m.dv.getInt32(ea, true));
}

function load64Splat(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  I32[d] = lo;
  HI32[d] = hi;
  V2[d] = lo;
  V3[d] = hi;
}

function load32Zero(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 4);
  I32[d] = acc.m.dv.getInt32(ea, true);
  HI32[d] = 0;
  V2[d] = 0;
  V3[d] = 0;
}

function load64Zero(d: number, a: number, acc: Access): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  I32[d] = dv.getInt32(ea, true);
  HI32[d] = dv.getInt32(ea + 4, true);
  V2[d] = 0;
  V3[d] = 0;
}

// ---------------------------------------------------------------------------
// Lane loads: once the address is read and checked, the vector operand `b`
// is copied to `d`, then one lane is replaced. `w` is the lane's word array,
// `sh` its shift.

function copy(d: number, b: number): void {
  I32[d] = I32[b];
  HI32[d] = HI32[b];
  V2[d] = V2[b];
  V3[d] = V3[b];
}

function load8Lane(d: number, a: number, b: number, acc: Access, w: Int32Array, sh: number): void {
  const ea = address(a, acc, 1);
  copy(d, b);
  w[d] = (w[d] & ~(0xff << sh)) | (acc.m.u8[ea] << sh);
}

function load16Lane(d: number, a: number, b: number, acc: Access, w: Int32Array, sh: number): void {
  const ea = address(a, acc, 2);
  copy(d, b);
  w[d] = (w[d] & ~(0xffff << sh)) | (acc.m.dv.getUint16(ea, true) << sh);
}

function load32Lane(d: number, a: number, b: number, acc: Access, w: Int32Array): void {
  const ea = address(a, acc, 4);
  copy(d, b);
  w[d] = acc.m.dv.getInt32(ea, true);
}

function load64Lane(
  d: number,
  a: number,
  b: number,
  acc: Access,
  lo: Int32Array,
  hi: Int32Array,
): void {
  const ea = address(a, acc, 8);
  copy(d, b);
  const dv = acc.m.dv;
  lo[d] = dv.getInt32(ea, true);
  hi[d] = dv.getInt32(ea + 4, true);
}

// ---------------------------------------------------------------------------
// Stores: the address in `a`, the vector in `b`; no result.

function store(a: number, b: number, acc: Access): void {
  const ea = address(a, acc, 16);
  const dv = acc.m.dv;
  dv.setInt32(ea, I32[b], true);
  dv.setInt32(ea + 4, HI32[b], true);
  dv.setInt32(ea + 8, V2[b], true);
  dv.setInt32(ea + 12, V3[b], true);
}

function store8Lane(a: number, b: number, acc: Access, w: Int32Array, sh: number): void {
  const ea = address(a, acc, 1);
  acc.m.u8[ea] = w[b] >>> sh;
}

function store16Lane(a: number, b: number, acc: Access, w: Int32Array, sh: number): void {
  const ea = address(a, acc, 2);
  acc.m.dv.setUint16(ea, w[b] >>> sh, true);
}

function store32Lane(a: number, b: number, acc: Access, w: Int32Array): void {
  const ea = address(a, acc, 4);
  acc.m.dv.setInt32(ea, w[b], true);
}

function store64Lane(a: number, b: number, acc: Access, lo: Int32Array, hi: Int32Array): void {
  const ea = address(a, acc, 8);
  const dv = acc.m.dv;
  dv.setInt32(ea, lo[b], true);
  dv.setInt32(ea + 4, hi[b], true);
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
    const w = WORDS[lane(c) >> 2];
    const sh = 8 * (lane(c) & 3);
    return (fp) => (load8Lane(fp + d, fp + a, fp + b, acc, w, sh), 0);
  },
  'v128.load16_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const w = WORDS[lane(c) >> 1];
    const sh = 16 * (lane(c) & 1);
    return (fp) => (load16Lane(fp + d, fp + a, fp + b, acc, w, sh), 0);
  },
  'v128.load32_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const w = WORDS[lane(c)];
    return (fp) => (load32Lane(fp + d, fp + a, fp + b, acc, w), 0);
  },
  'v128.load64_lane': (c) => {
    const d = c.dest;
    const [a, b] = c.operands;
    const acc = access(c);
    const lo = WORDS[2 * lane(c)];
    const hi = WORDS[2 * lane(c) + 1];
    return (fp) => (load64Lane(fp + d, fp + a, fp + b, acc, lo, hi), 0);
  },
  'v128.store8_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const w = WORDS[lane(c) >> 2];
    const sh = 8 * (lane(c) & 3);
    return (fp) => (store8Lane(fp + a, fp + b, acc, w, sh), 0);
  },
  'v128.store16_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const w = WORDS[lane(c) >> 1];
    const sh = 16 * (lane(c) & 1);
    return (fp) => (store16Lane(fp + a, fp + b, acc, w, sh), 0);
  },
  'v128.store32_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const w = WORDS[lane(c)];
    return (fp) => (store32Lane(fp + a, fp + b, acc, w), 0);
  },
  'v128.store64_lane': (c) => {
    const [a, b] = c.operands;
    const acc = access(c);
    const lo = WORDS[2 * lane(c)];
    const hi = WORDS[2 * lane(c) + 1];
    return (fp) => (store64Lane(fp + a, fp + b, acc, lo, hi), 0);
  },
};
