/**
 * 64-bit integer arithmetic on two 32-bit halves, without BigInt on the
 * common paths. Functions take operands as (low, high) int32 pairs, return
 * the low half of the result and leave the high half in `R.hi`.
 */
import { TrapCode, type Frame } from '@weft/runtime';
import { trap } from './trap.js';

/** The i64 "high half" register shared by all compiled i64 code. */
export const R = { hi: 0 };

const TWO32 = 4294967296;

export function i64Add(al: number, ah: number, bl: number, bh: number): number {
  const lo = (al + bl) | 0;
  R.hi = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
  return lo;
}

export function i64Sub(al: number, ah: number, bl: number, bh: number): number {
  const lo = (al - bl) | 0;
  R.hi = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
  return lo;
}

export function i64Mul(al: number, ah: number, bl: number, bh: number): number {
  // Schoolbook on 16-bit limbs for the 64-bit product of the low halves;
  // the cross terms only contribute to the high half, modulo 2^32.
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  let t = a0 * b0;
  const r0 = t & 0xffff;
  t = (t >>> 16) + a1 * b0;
  let r1 = t & 0xffff;
  let r2 = t >>> 16;
  t = r1 + a0 * b1;
  r1 = t & 0xffff;
  r2 += t >>> 16;
  R.hi = (r2 + a1 * b1 + Math.imul(ah, bl) + Math.imul(al, bh)) | 0;
  return (r1 << 16) | r0;
}

/** Unsigned 64-bit comparison a < b on halves. */
function ltU(al: number, ah: number, bl: number, bh: number): boolean {
  return ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 < bl >>> 0);
}

// Results of udivmod: quotient and remainder halves.
let QL = 0;
let QH = 0;
let RL = 0;
let RH = 0;

/**
 * Unsigned 64-bit division on halves, without BigInt. Each step estimates
 * the quotient of the remainder in floating point, scaled down so that the
 * estimate never exceeds the true quotient (doubles carry 53 bits; the
 * scale covers three roundings), then subtracts estimate * divisor exactly.
 * The remainder shrinks by ~2^49 per step, so two or three steps suffice.
 */
function udivmod(al: number, ah: number, bl: number, bh: number): void {
  if ((ah | bh) === 0) {
    const a = al >>> 0;
    const b = bl >>> 0;
    const q = Math.floor(a / b);
    QL = q | 0;
    QH = 0;
    RL = (a - q * b) | 0;
    RH = 0;
    return;
  }
  if (bh === 0) {
    udivmodSmall(al, ah, bl >>> 0);
    return;
  }
  const b = (bh >>> 0) * TWO32 + (bl >>> 0);
  let ql = 0;
  let qh = 0;
  let rl = al;
  let rh = ah;
  while (!ltU(rl, rh, bl, bh)) {
    const r = (rh >>> 0) * TWO32 + (rl >>> 0);
    let t = Math.floor((r / b) * (1 - 2 ** -50));
    if (t < 1) t = 1;
    const th = Math.floor(t / TWO32);
    const tl = (t - th * TWO32) | 0;
    const pl = i64Mul(tl, th | 0, bl, bh);
    const ph = R.hi;
    rl = i64Sub(rl, rh, pl, ph);
    rh = R.hi;
    ql = i64Add(ql, qh, tl, th | 0);
    qh = R.hi;
  }
  QL = ql;
  QH = qh;
  RL = rl;
  RH = rh;
}

/**
 * Division by a divisor below 2^32 (`(a * b) % m` with a 32-bit modulus,
 * say): long division by 32- then 16-bit digits. Each partial dividend is
 * below b * 2^16 < 2^48, so its quotient by b is exact in a double (the
 * floor of the rounded quotient is the true floor while dividend < 2^53).
 */
function udivmodSmall(al: number, ah: number, b: number): void {
  const h = ah >>> 0;
  const qh = Math.floor(h / b);
  let x = (h - qh * b) * 65536 + (al >>> 16);
  const q1 = Math.floor(x / b);
  x = (x - q1 * b) * 65536 + (al & 0xffff);
  const q0 = Math.floor(x / b);
  QL = (q1 * 65536 + q0) | 0;
  QH = qh | 0;
  RL = (x - q0 * b) | 0;
  RH = 0;
}

/** Both operands are sign-extended int32s: 32-bit division is exact. */
function small(al: number, ah: number, bl: number, bh: number): boolean {
  return ah === al >> 31 && bh === bl >> 31;
}

/** Signed division via the magnitudes; sets QL/QH and RL/RH with the right signs. */
function sdivmod(al: number, ah: number, bl: number, bh: number): void {
  const an = ah < 0;
  const bn = bh < 0;
  let ml = al;
  let mh = ah;
  if (an) {
    ml = i64Sub(0, 0, al, ah);
    mh = R.hi;
  }
  let nl = bl;
  let nh = bh;
  if (bn) {
    nl = i64Sub(0, 0, bl, bh);
    nh = R.hi;
  }
  udivmod(ml, mh, nl, nh);
  if (an !== bn) {
    QL = i64Sub(0, 0, QL, QH);
    QH = R.hi;
  }
  if (an) {
    RL = i64Sub(0, 0, RL, RH);
    RH = R.hi;
  }
}

export function i64DivS(al: number, ah: number, bl: number, bh: number, site: Frame): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero, site);
  if (small(al, ah, bl, bh) && !(al === -2147483648 && bl === -1)) {
    const q = Math.trunc(al / bl);
    R.hi = q < 0 ? -1 : 0;
    return q | 0;
  }
  if (ah === -2147483648 && al === 0 && bl === -1 && bh === -1)
    trap(TrapCode.IntegerOverflow, site);
  sdivmod(al, ah, bl, bh);
  R.hi = QH;
  return QL;
}

export function i64DivU(al: number, ah: number, bl: number, bh: number, site: Frame): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero, site);
  udivmod(al, ah, bl, bh);
  R.hi = QH;
  return QL;
}

export function i64RemS(al: number, ah: number, bl: number, bh: number, site: Frame): number {
  if ((bl | bh) === 0) trap(TrapCode.IntegerDivisionByZero, site);
  if (small(al, ah, bl, bh)) {
    const r = bl === -1 ? 0 : al % bl;
    R.hi = r < 0 ? -1 : 0;
    return r | 0;
  }
  sdivmod(al, ah, bl, bh);
  R.hi = RH;
  return RL;
}

// The remainder by a divisor below 2^32 (\`(a * b) % m\` with a 32-bit
// modulus, the i64 workload's hot path) is written out here, as
// udivmodSmall computes it without the quotient: through udivmod it was
// three calls deep, which TurboFan did not inline in plain node (13% of
// the workload's time was in i64RemU's and udivmodSmall's own code).
export function i64RemU(al: number, ah: number, bl: number, bh: number, site: Frame): number {
  if (bh === 0) {
    if (bl === 0) trap(TrapCode.IntegerDivisionByZero, site);
    const b = bl >>> 0;
    R.hi = 0;
    if (ah === 0) return ((al >>> 0) % b) | 0;
    const h = ah >>> 0;
    let x = (h - Math.floor(h / b) * b) * 65536 + (al >>> 16);
    x = (x - Math.floor(x / b) * b) * 65536 + (al & 0xffff);
    return (x - Math.floor(x / b) * b) | 0;
  }
  udivmod(al, ah, bl, bh);
  R.hi = RH;
  return RL;
}

export function i64Shl(al: number, ah: number, bl: number): number {
  const s = bl & 63;
  if (s === 0) {
    R.hi = ah;
    return al;
  }
  if (s < 32) {
    R.hi = (ah << s) | (al >>> (32 - s));
    return al << s;
  }
  R.hi = al << (s - 32);
  return 0;
}

export function i64ShrS(al: number, ah: number, bl: number): number {
  const s = bl & 63;
  if (s === 0) {
    R.hi = ah;
    return al;
  }
  if (s < 32) {
    R.hi = ah >> s;
    return (al >>> s) | (ah << (32 - s));
  }
  R.hi = ah >> 31;
  return ah >> (s - 32);
}

export function i64ShrU(al: number, ah: number, bl: number): number {
  const s = bl & 63;
  if (s === 0) {
    R.hi = ah;
    return al;
  }
  if (s < 32) {
    R.hi = ah >>> s;
    return (al >>> s) | (ah << (32 - s));
  }
  R.hi = 0;
  return (ah >>> (s - 32)) | 0;
}

export function i64Rotl(al: number, ah: number, bl: number): number {
  const s = bl & 63;
  if (s === 0) {
    R.hi = ah;
    return al;
  }
  const ll = i64Shl(al, ah, s);
  const lh = R.hi;
  const rl = i64ShrU(al, ah, 64 - s);
  R.hi = lh | R.hi;
  return ll | rl;
}

export function i64Rotr(al: number, ah: number, bl: number): number {
  return i64Rotl(al, ah, 64 - (bl & 63));
}

export function i64Clz(al: number, ah: number): number {
  R.hi = 0;
  return ah !== 0 ? Math.clz32(ah) : 32 + Math.clz32(al);
}

function ctz32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}

export function i64Ctz(al: number, ah: number): number {
  R.hi = 0;
  return al !== 0 ? ctz32(al) : 32 + ctz32(ah);
}

function popcnt32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

export function i64Popcnt(al: number, ah: number): number {
  R.hi = 0;
  return popcnt32(al) + popcnt32(ah);
}

/** Splits an integral double in [-2^63, 2^64) into halves. */
function fromIntegral(t: number): number {
  const hi = Math.floor(t / TWO32);
  R.hi = hi | 0;
  return (t - hi * TWO32) | 0;
}

export function i64TruncS(v: number, site: Frame): number {
  if (v !== v) trap(TrapCode.BadConversionToInteger, site);
  if (v >= 9223372036854775808 || v < -9223372036854775808) trap(TrapCode.IntegerOverflow, site);
  return fromIntegral(Math.trunc(v));
}

export function i64TruncU(v: number, site: Frame): number {
  if (v !== v) trap(TrapCode.BadConversionToInteger, site);
  if (v >= 18446744073709551616 || v <= -1) trap(TrapCode.IntegerOverflow, site);
  return fromIntegral(Math.trunc(v));
}

export function i64TruncSatS(v: number): number {
  if (v !== v) {
    R.hi = 0;
    return 0;
  }
  if (v >= 9223372036854775808) {
    R.hi = 0x7fffffff;
    return -1;
  }
  if (v < -9223372036854775808) {
    R.hi = -2147483648;
    return 0;
  }
  return fromIntegral(Math.trunc(v));
}

export function i64TruncSatU(v: number): number {
  if (v !== v || v <= -1) {
    R.hi = 0;
    return 0;
  }
  if (v >= 18446744073709551616) {
    R.hi = -1;
    return -1;
  }
  return fromIntegral(Math.trunc(v));
}

export function f64FromI64S(al: number, ah: number): number {
  return ah * TWO32 + (al >>> 0);
}

export function f64FromI64U(al: number, ah: number): number {
  return (ah >>> 0) * TWO32 + (al >>> 0);
}

/**
 * Rounds the unsigned 64-bit magnitude hi:lo to f32 with one rounding: the
 * low 11 bits are folded into a sticky bit so the value fits a double
 * exactly, which then rounds to f32 as the full value would.
 */
function f32FromMagnitude(lo: number, hi: number): number {
  if (hi >>> 21 === 0) return Math.fround((hi >>> 0) * TWO32 + (lo >>> 0));
  const sticky = (lo & 0x7ff) !== 0 ? 1 : 0;
  const shiftedLo = ((hi << 21) | (lo >>> 11) | sticky) >>> 0;
  const shiftedHi = hi >>> 11;
  return Math.fround((shiftedHi * TWO32 + shiftedLo) * 2048);
}

export function f32FromI64U(al: number, ah: number): number {
  return f32FromMagnitude(al, ah);
}

export function f32FromI64S(al: number, ah: number): number {
  if (ah >= 0) return f32FromMagnitude(al, ah);
  // Magnitude of a negative value: two's complement negation.
  const lo = (~al + 1) | 0;
  const hi = (~ah + (lo === 0 ? 1 : 0)) | 0;
  return -f32FromMagnitude(lo, hi);
}

const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

/** i64.reinterpret_f64. */
export function i64FromF64Bits(v: number): number {
  scratch[0] = v;
  R.hi = scratchWords[1]!;
  return scratchWords[0]!;
}
