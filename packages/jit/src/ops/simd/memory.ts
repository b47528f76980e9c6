/**
 * SIMD loads and stores. Kernels take the frame pointer and the slots of the
 * result (`d`) and of the operands: the address `a`, then the vector `b` of
 * lane loads and stores. The address is an i32, or for 64-bit memories an
 * i64 as halves, in the scalar arrays (vectors are in the vector buffer, so
 * writing `d` never overwrites it).
 *
 * The effective address is computed in integers for 32-bit memories with
 * small static offsets (V8 keeps `(lo >>> 0) + off` an int32 while it
 * fits), in doubles otherwise; it is exact as a JS number below 2^53, and
 * anything above is far beyond the memory, so rounding cannot turn a trap
 * into an access.
 *
 * The memory's `dv`, `u8` and `size` are read on every execution, since
 * growth replaces them. Words are moved with DataView calls, so loaded and
 * stored bits are exact.
 */
import * as abi from '@weft/runtime';
import type { Frame, MemoryInstance } from '@weft/runtime';
import type { Stmt } from '../../compiler/types.js';
import type { SimdBuild, SimdContext } from '../simd.js';
import * as traps from '../trap.js';
import * as words from './words.js';

// Module-local aliases of imported values: V8 folds a module's own constants
// into optimized code, but reloads an imported binding on every use.
const { HI32_SLOTS: HI32, I32_SLOTS: I32, V32, VU16, VU8 } = abi;
const OUT_OF_BOUNDS = abi.TrapCode.MemoryOutOfBounds;
const { trap } = traps;
const { s8hi, s8lo, u8hi, u8lo } = words;

/** What a memory instruction needs at run time, fixed when it is compiled. */
interface Access {
  readonly m: MemoryInstance;
  /**
   * Static offset of the memarg: a Smi when below 2^31, so that V8 keeps
   * the address arithmetic in integers (a double here would make every
   * address a double, converted back for each DataView call).
   */
  readonly off: number;
  readonly is64: boolean;
  readonly site: Frame;
}

function access(c: SimdContext): Access {
  const m = c.memory!;
  const lo = c.imm[c.immAt + 2] >>> 0;
  const hi = c.imm[c.immAt + 3] >>> 0;
  const off = hi === 0 ? lo : hi * 4294967296 + lo;
  return { m, off, is64: m.type.is64, site: c.site };
}

/** The effective address (in the absolute slot `a`) of an access of `width` bytes; traps out of bounds. */
function address(a: number, acc: Access, width: number): number {
  const ea = acc.is64 === true ? address64(a, acc) : (I32[a] >>> 0) + acc.off;
  if (ea > acc.m.size - width && ea > acc.m.sync() - width) trap(OUT_OF_BOUNDS, acc.site);
  return ea;
}

/**
 * The effective address of a 64-bit memory access, as a double. A function
 * of its own: V8 never inlines it into code that only ran on 32-bit
 * memories, which keeps their kernels small.
 */
function address64(a: number, acc: Access): number {
  return (HI32[a] >>> 0) * 4294967296 + (I32[a] >>> 0) + acc.off;
}

// ---------------------------------------------------------------------------
// Full, splat and zero-extended loads. Memory words are read with DataView
// calls (exact bits, any alignment) and written to the result's words.

/** Writes the four words of the v128 in the absolute slot `d`. */
function put(d: number, w0: number, w1: number, w2: number, w3: number): void {
  const v = V32;
  const z = d << 2;
  v[z] = w0;
  v[z + 1] = w1;
  v[z + 2] = w2;
  v[z + 3] = w3;
}

function load(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 16);
  const dv = acc.m.dv;
  const v = V32;
  const z = (fp + d) << 2;
  v[z] = dv.getInt32(ea, true);
  v[z + 1] = dv.getInt32(ea + 4, true);
  v[z + 2] = dv.getInt32(ea + 8, true);
  v[z + 3] = dv.getInt32(ea + 12, true);
}

function load8x8S(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, s8lo(lo), s8hi(lo), s8lo(hi), s8hi(hi));
}

function load8x8U(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, u8lo(lo), u8hi(lo), u8lo(hi), u8hi(hi));
}

function load16x4S(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, (lo << 16) >> 16, lo >> 16, (hi << 16) >> 16, hi >> 16);
}

function load16x4U(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, lo & 0xffff, lo >>> 16, hi & 0xffff, hi >>> 16);
}

function load32x2S(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, lo, lo >> 31, hi, hi >> 31);
}

function load32x2U(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  put(fp + d, dv.getInt32(ea, true), 0, dv.getInt32(ea + 4, true), 0);
}

function load8Splat(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 1);
  const w = Math.imul(acc.m.u8[ea], 0x01010101);
  put(fp + d, w, w, w, w);
}

function load16Splat(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 2);
  const w = Math.imul(acc.m.dv.getUint16(ea, true), 0x00010001);
  put(fp + d, w, w, w, w);
}

function load32Splat(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 4);
  const w = acc.m.dv.getInt32(ea, true);
  put(fp + d, w, w, w, w);
}

function load64Splat(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const lo = dv.getInt32(ea, true);
  const hi = dv.getInt32(ea + 4, true);
  put(fp + d, lo, hi, lo, hi);
}

function load32Zero(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 4);
  put(fp + d, acc.m.dv.getInt32(ea, true), 0, 0, 0);
}

function load64Zero(fp: number, d: number, a: number, acc: Access): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  put(fp + d, dv.getInt32(ea, true), dv.getInt32(ea + 4, true), 0, 0);
}

// ---------------------------------------------------------------------------
// Lane loads: once the address is read and checked, the vector operand `b`
// is copied to `d` (never `b`'s slot, see ../simd.ts), then lane `k` is
// replaced through the view of its width.

/** Copies the v128 in the absolute slot `b` to the absolute slot `d`. */
function copy(d: number, b: number): void {
  const v = V32;
  const z = d << 2;
  const y = b << 2;
  v[z] = v[y];
  v[z + 1] = v[y + 1];
  v[z + 2] = v[y + 2];
  v[z + 3] = v[y + 3];
}

function load8Lane(fp: number, d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 1);
  copy(fp + d, fp + b);
  VU8[((fp + d) << 4) + k] = acc.m.u8[ea];
}

function load16Lane(fp: number, d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 2);
  copy(fp + d, fp + b);
  VU16[((fp + d) << 3) + k] = acc.m.dv.getUint16(ea, true);
}

function load32Lane(fp: number, d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 4);
  copy(fp + d, fp + b);
  V32[((fp + d) << 2) + k] = acc.m.dv.getInt32(ea, true);
}

function load64Lane(fp: number, d: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 8);
  copy(fp + d, fp + b);
  const dv = acc.m.dv;
  const w = ((fp + d) << 2) + 2 * k;
  V32[w] = dv.getInt32(ea, true);
  V32[w + 1] = dv.getInt32(ea + 4, true);
}

// ---------------------------------------------------------------------------
// Stores: the address in `a`, the vector in `b`; no result.

function store(fp: number, a: number, b: number, acc: Access): void {
  const ea = address(fp + a, acc, 16);
  const dv = acc.m.dv;
  const v = V32;
  const y = (fp + b) << 2;
  dv.setInt32(ea, v[y], true);
  dv.setInt32(ea + 4, v[y + 1], true);
  dv.setInt32(ea + 8, v[y + 2], true);
  dv.setInt32(ea + 12, v[y + 3], true);
}

function store8Lane(fp: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 1);
  acc.m.u8[ea] = VU8[((fp + b) << 4) + k];
}

function store16Lane(fp: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 2);
  acc.m.dv.setUint16(ea, VU16[((fp + b) << 3) + k], true);
}

function store32Lane(fp: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 4);
  acc.m.dv.setInt32(ea, V32[((fp + b) << 2) + k], true);
}

function store64Lane(fp: number, a: number, b: number, acc: Access, k: number): void {
  const ea = address(fp + a, acc, 8);
  const dv = acc.m.dv;
  const w = ((fp + b) << 2) + 2 * k;
  dv.setInt32(ea, V32[w], true);
  dv.setInt32(ea + 4, V32[w + 1], true);
}

// ---------------------------------------------------------------------------
// The table. Builders unpack the context into plain parameters of each
// instruction's statement factory (see build.ts); lane memargs carry the
// lane after the four memarg words.

function loader(f: (d: number, a: number, acc: Access) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0], access(c));
}

function storer(f: (a: number, b: number, acc: Access) => Stmt): SimdBuild {
  return (c) => f(c.operands[0], c.operands[1], access(c));
}

function laneLoader(
  f: (d: number, a: number, b: number, acc: Access, k: number) => Stmt,
): SimdBuild {
  return (c) => f(c.dest, c.operands[0], c.operands[1], access(c), c.imm[c.immAt + 4]);
}

function laneStorer(f: (a: number, b: number, acc: Access, k: number) => Stmt): SimdBuild {
  return (c) => f(c.operands[0], c.operands[1], access(c), c.imm[c.immAt + 4]);
}

export const MEMORY: Record<string, SimdBuild> = {
  'v128.load': loader((d, a, acc) => (fp) => (load(fp, d, a, acc), 0)),
  'v128.load8x8_s': loader((d, a, acc) => (fp) => (load8x8S(fp, d, a, acc), 0)),
  'v128.load8x8_u': loader((d, a, acc) => (fp) => (load8x8U(fp, d, a, acc), 0)),
  'v128.load16x4_s': loader((d, a, acc) => (fp) => (load16x4S(fp, d, a, acc), 0)),
  'v128.load16x4_u': loader((d, a, acc) => (fp) => (load16x4U(fp, d, a, acc), 0)),
  'v128.load32x2_s': loader((d, a, acc) => (fp) => (load32x2S(fp, d, a, acc), 0)),
  'v128.load32x2_u': loader((d, a, acc) => (fp) => (load32x2U(fp, d, a, acc), 0)),
  'v128.load8_splat': loader((d, a, acc) => (fp) => (load8Splat(fp, d, a, acc), 0)),
  'v128.load16_splat': loader((d, a, acc) => (fp) => (load16Splat(fp, d, a, acc), 0)),
  'v128.load32_splat': loader((d, a, acc) => (fp) => (load32Splat(fp, d, a, acc), 0)),
  'v128.load64_splat': loader((d, a, acc) => (fp) => (load64Splat(fp, d, a, acc), 0)),
  'v128.load32_zero': loader((d, a, acc) => (fp) => (load32Zero(fp, d, a, acc), 0)),
  'v128.load64_zero': loader((d, a, acc) => (fp) => (load64Zero(fp, d, a, acc), 0)),
  'v128.store': storer((a, b, acc) => (fp) => (store(fp, a, b, acc), 0)),
  'v128.load8_lane': laneLoader((d, a, b, acc, k) => (fp) => (load8Lane(fp, d, a, b, acc, k), 0)),
  'v128.load16_lane': laneLoader((d, a, b, acc, k) => (fp) => (load16Lane(fp, d, a, b, acc, k), 0)),
  'v128.load32_lane': laneLoader((d, a, b, acc, k) => (fp) => (load32Lane(fp, d, a, b, acc, k), 0)),
  'v128.load64_lane': laneLoader((d, a, b, acc, k) => (fp) => (load64Lane(fp, d, a, b, acc, k), 0)),
  'v128.store8_lane': laneStorer((a, b, acc, k) => (fp) => (store8Lane(fp, a, b, acc, k), 0)),
  'v128.store16_lane': laneStorer((a, b, acc, k) => (fp) => (store16Lane(fp, a, b, acc, k), 0)),
  'v128.store32_lane': laneStorer((a, b, acc, k) => (fp) => (store32Lane(fp, a, b, acc, k), 0)),
  'v128.store64_lane': laneStorer((a, b, acc, k) => (fp) => (store64Lane(fp, a, b, acc, k), 0)),
};
