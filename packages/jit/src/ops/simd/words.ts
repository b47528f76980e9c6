/**
 * Lane arithmetic on whole 32-bit words (SIMD within a register): four i8
 * or two i16 lanes at once, so a kernel does four word loads and stores
 * instead of sixteen or eight lane ones. Each is a small pure function that
 * V8 inlines into the kernels using it.
 *
 * JS evaluates `+` and `-` on doubles, exactly for int32 operands; the
 * following bitwise operator takes the result modulo 2^32, which is all the
 * lane carries need.
 */

/** Lanes 0-1 (bytes 0-1) of a word of i8s, sign-extended to two i16 lanes. */
export function s8lo(w: number): number {
  return (((w << 24) >> 24) & 0xffff) | (((w << 16) >> 24) << 16);
}

/** Bytes 2-3 of a word of i8s, sign-extended to two i16 lanes. */
export function s8hi(w: number): number {
  return (((w << 8) >> 24) & 0xffff) | ((w >> 24) << 16);
}

/** Bytes 0-1 of a word, zero-extended to two i16 lanes. */
export function u8lo(w: number): number {
  return (w & 0xff) | ((w & 0xff00) << 8);
}

/** Bytes 2-3 of a word, zero-extended to two i16 lanes. */
export function u8hi(w: number): number {
  return ((w >>> 16) & 0xff) | ((w >>> 8) & 0xff0000);
}

/** Lane-wise wrapping i8 addition: the top bits are added without carries out. */
export function add8(a: number, b: number): number {
  return ((a & 0x7f7f7f7f) + (b & 0x7f7f7f7f)) ^ ((a ^ b) & 0x80808080);
}

/** Lane-wise wrapping i8 subtraction: each lane borrows from its own top bit only. */
export function sub8(a: number, b: number): number {
  return ((a | 0x80808080) - (b & 0x7f7f7f7f)) ^ ((a ^ ~b) & 0x80808080);
}

export function add16(a: number, b: number): number {
  return ((a & 0x7fff7fff) + (b & 0x7fff7fff)) ^ ((a ^ b) & 0x80008000);
}

export function sub16(a: number, b: number): number {
  return ((a | 0x80008000) - (b & 0x7fff7fff)) ^ ((a ^ ~b) & 0x80008000);
}

/** Lane-wise wrapping i16 multiplication. */
export function mul16(a: number, b: number): number {
  return (Math.imul(a, b) & 0xffff) | Math.imul(a & 0xffff0000, b >>> 16);
}

/** All-ones in each i8 lane where `a` and `b` are equal, else zero. */
export function eq8(a: number, b: number): number {
  const x = a ^ b;
  const nonzero = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
  return Math.imul((~nonzero & 0x80808080) >>> 7, 0xff);
}

/** All-ones in each i16 lane where `a` and `b` are equal, else zero. */
export function eq16(a: number, b: number): number {
  const x = a ^ b;
  const nonzero = (((x & 0x7fff7fff) + 0x7fff7fff) | x) & 0x80008000;
  return Math.imul((~nonzero & 0x80008000) >>> 15, 0xffff);
}

/** Whether some i8 lane of `w` is zero. */
export function hasZero8(w: number): boolean {
  return ((w - 0x01010101) & ~w & 0x80808080) !== 0;
}

/** Whether some i16 lane of `w` is zero. */
export function hasZero16(w: number): boolean {
  return ((w - 0x00010001) & ~w & 0x80008000) !== 0;
}

/** The top bits of the four i8 lanes of `w`, as bits 0-3. */
export function mask8(w: number): number {
  // Bit 7 of lane k moves to bit 25 + k; no two partial products overlap.
  return (Math.imul((w >>> 7) & 0x01010101, 0x02040810) >>> 25) & 0xf;
}

/** Population count of each i8 lane. */
export function popcnt8(w: number): number {
  const v = w - ((w >>> 1) & 0x55555555);
  const u = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (u + (u >>> 4)) & 0x0f0f0f0f;
}

/** Lane-wise i16 absolute value (|-32768| wraps to -32768). */
export function abs16(w: number): number {
  const lo = (w << 16) >> 16;
  const hi = w >> 16;
  return ((lo < 0 ? -lo : lo) & 0xffff) | ((hi < 0 ? -hi : hi) << 16);
}

/** High word of the unsigned 64-bit product of two 32-bit words. */
export function mulhu(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const m = a1 * b0 + ((a0 * b0) >>> 16); // < 2^32
  const n = a0 * b1 + (m & 0xffff); // < 2^32
  return (a1 * b1 + (m >>> 16) + (n >>> 16)) | 0;
}

/** High word of the signed 64-bit product of two int32s. */
export function mulhs(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

// ---------------------------------------------------------------------------
// Comparisons and saturation. A "flag" word has bit 7 (bit 15) of a lane set
// where the lane's condition holds; `expand` widens flags to all-ones lanes.

const H8 = 0x80808080 | 0;
const L8 = 0x7f7f7f7f;
const H16 = 0x80008000 | 0;
const L16 = 0x7fff7fff;

function expand8(flags: number): number {
  return Math.imul(flags >>> 7, 0xff);
}

function expand16(flags: number): number {
  return Math.imul(flags >>> 15, 0xffff);
}

/** All-ones i8 lanes where a < b (unsigned): the borrow out of each lane of a - b. */
export function ltU8(a: number, b: number): number {
  const d = sub8(a, b);
  return expand8(((~a & b) | (~(a ^ b) & d)) & H8);
}

/** Signed a < b: unsigned comparison with the sign bits flipped. */
export function ltS8(a: number, b: number): number {
  return ltU8(a ^ H8, b ^ H8);
}

export function ltU16(a: number, b: number): number {
  const d = sub16(a, b);
  return expand16(((~a & b) | (~(a ^ b) & d)) & H16);
}

export function ltS16(a: number, b: number): number {
  return ltU16(a ^ H16, b ^ H16);
}

/** Lanes of `a` where `mask` is all-ones, of `b` elsewhere. */
export function select(mask: number, a: number, b: number): number {
  return (a & mask) | (b & ~mask);
}

export function addSatU8(a: number, b: number): number {
  const s = add8(a, b);
  return s | expand8(((a & b) | ((a | b) & ~s)) & H8);
}

export function subSatU8(a: number, b: number): number {
  const d = sub8(a, b);
  return d & ~expand8(((~a & b) | (~(a ^ b) & d)) & H8);
}

/** Signed saturation: lanes that overflowed become 0x7f or 0x80 by the sign of `a`. */
export function addSatS8(a: number, b: number): number {
  const s = add8(a, b);
  const m = expand8(~(a ^ b) & (a ^ s) & H8);
  return (s & ~m) | ((((a >>> 7) & 0x01010101) + L8) & m);
}

export function subSatS8(a: number, b: number): number {
  const d = sub8(a, b);
  const m = expand8((a ^ b) & (a ^ d) & H8);
  return (d & ~m) | ((((a >>> 7) & 0x01010101) + L8) & m);
}

export function addSatU16(a: number, b: number): number {
  const s = add16(a, b);
  return s | expand16(((a & b) | ((a | b) & ~s)) & H16);
}

export function subSatU16(a: number, b: number): number {
  const d = sub16(a, b);
  return d & ~expand16(((~a & b) | (~(a ^ b) & d)) & H16);
}

export function addSatS16(a: number, b: number): number {
  const s = add16(a, b);
  const m = expand16(~(a ^ b) & (a ^ s) & H16);
  return (s & ~m) | ((((a >>> 15) & 0x00010001) + L16) & m);
}

export function subSatS16(a: number, b: number): number {
  const d = sub16(a, b);
  const m = expand16((a ^ b) & (a ^ d) & H16);
  return (d & ~m) | ((((a >>> 15) & 0x00010001) + L16) & m);
}

/** Rounding unsigned average: (a | b) - ((a ^ b) >> 1) never borrows across lanes. */
export function avgrU8(a: number, b: number): number {
  return ((a | b) - (((a ^ b) >>> 1) & L8)) | 0;
}

export function avgrU16(a: number, b: number): number {
  return ((a | b) - (((a ^ b) >>> 1) & L16)) | 0;
}

/** Lane-wise i8 absolute value (|-128| wraps to -128). */
export function abs8(a: number): number {
  const m = expand8(a & H8);
  return sub8(a ^ m, m);
}

/** Arithmetic shift of the i8 lanes by `k` (0-7): logical shift, then sign fill. */
export function sar8(w: number, k: number): number {
  const keep = Math.imul(0xff >>> k, 0x01010101);
  return ((w >>> k) & keep) | (expand8(w & H8) & ~keep);
}

/** Arithmetic shift of both i16 lanes of a word by `k` (0-15). */
export function sar16(w: number, k: number): number {
  return (((w << 16) >> (16 + k)) & 0xffff) | ((w >> k) & 0xffff0000);
}

/** Rounding Q15 products of the two i16 lanes; only -1 * -1 overflows, to 0x7fff. */
export function q15mulr(a: number, b: number): number {
  const lo = (((a << 16) >> 16) * ((b << 16) >> 16) + 0x4000) >> 15;
  const hi = ((a >> 16) * (b >> 16) + 0x4000) >> 15;
  return ((lo > 32767 ? 32767 : lo) & 0xffff) | ((hi > 32767 ? 32767 : hi) << 16);
}

/** i16 products of i8 lanes at bits `sh` and `sh + 8` (sh 0 or 16) of `a` and `b`, signed. */
export function mulPairS8(a: number, b: number, sh: number): number {
  const lo = ((a << (24 - sh)) >> 24) * ((b << (24 - sh)) >> 24);
  const hi = ((a << (16 - sh)) >> 24) * ((b << (16 - sh)) >> 24);
  return (lo & 0xffff) | (hi << 16);
}

export function mulPairU8(a: number, b: number, sh: number): number {
  const lo = ((a >>> sh) & 0xff) * ((b >>> sh) & 0xff);
  const hi = ((a >>> (sh + 8)) & 0xff) * ((b >>> (sh + 8)) & 0xff);
  return lo | (hi << 16);
}

function sat8S(v: number): number {
  return (v > 127 ? 127 : v < -128 ? -128 : v) & 0xff;
}

function sat8U(v: number): number {
  return v > 255 ? 255 : v < 0 ? 0 : v;
}

/** The four i16 lanes of words `w0` and `w1` narrowed to i8 lanes with signed saturation. */
export function narrow8S(w0: number, w1: number): number {
  return (
    sat8S((w0 << 16) >> 16) |
    (sat8S(w0 >> 16) << 8) |
    (sat8S((w1 << 16) >> 16) << 16) |
    (sat8S(w1 >> 16) << 24)
  );
}

/** As narrow8S, saturating the signed lanes to 0..255. */
export function narrow8U(w0: number, w1: number): number {
  return (
    sat8U((w0 << 16) >> 16) |
    (sat8U(w0 >> 16) << 8) |
    (sat8U((w1 << 16) >> 16) << 16) |
    (sat8U(w1 >> 16) << 24)
  );
}

/** Two i32 lanes narrowed to one word of i16 lanes with signed saturation. */
export function narrow16S(lo: number, hi: number): number {
  const l = lo > 32767 ? 32767 : lo < -32768 ? -32768 : lo;
  const h = hi > 32767 ? 32767 : hi < -32768 ? -32768 : hi;
  return (l & 0xffff) | (h << 16);
}

export function narrow16U(lo: number, hi: number): number {
  const l = lo > 65535 ? 65535 : lo < 0 ? 0 : lo;
  const h = hi > 65535 ? 65535 : hi < 0 ? 0 : hi;
  return l | (h << 16);
}

export function minS8(a: number, b: number): number {
  return select(ltS8(a, b), a, b);
}

export function minU8(a: number, b: number): number {
  return select(ltU8(a, b), a, b);
}

export function maxS8(a: number, b: number): number {
  return select(ltS8(b, a), a, b);
}

export function maxU8(a: number, b: number): number {
  return select(ltU8(b, a), a, b);
}

export function minS16(a: number, b: number): number {
  return select(ltS16(a, b), a, b);
}

export function minU16(a: number, b: number): number {
  return select(ltU16(a, b), a, b);
}

export function maxS16(a: number, b: number): number {
  return select(ltS16(b, a), a, b);
}

export function maxU16(a: number, b: number): number {
  return select(ltU16(b, a), a, b);
}
