/**
 * Helpers for i32 and float instructions that do not fit one JS operator:
 * trapping division and conversions, and the float operations whose NaN
 * and signed-zero behaviour the spec fixes bit for bit.
 */
import { TrapCode, type Frame } from '@weft/runtime';
import { trap } from './trap.js';

export function i32DivS(a: number, b: number, site: Frame): number {
  if (b === 0) trap(TrapCode.IntegerDivisionByZero, site);
  if (a === -2147483648 && b === -1) trap(TrapCode.IntegerOverflow, site);
  return (a / b) | 0;
}

export function i32DivU(a: number, b: number, site: Frame): number {
  if (b === 0) trap(TrapCode.IntegerDivisionByZero, site);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

export function i32RemS(a: number, b: number, site: Frame): number {
  if (b === 0) trap(TrapCode.IntegerDivisionByZero, site);
  return (a % b) | 0;
}

export function i32RemU(a: number, b: number, site: Frame): number {
  if (b === 0) trap(TrapCode.IntegerDivisionByZero, site);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

export function i32Ctz(a: number): number {
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

export function i32Popcnt(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function i32TruncS(v: number, site: Frame): number {
  if (v !== v) trap(TrapCode.BadConversionToInteger, site);
  if (v >= 2147483648 || v <= -2147483649) trap(TrapCode.IntegerOverflow, site);
  return v | 0;
}

export function i32TruncU(v: number, site: Frame): number {
  if (v !== v) trap(TrapCode.BadConversionToInteger, site);
  if (v >= 4294967296 || v <= -1) trap(TrapCode.IntegerOverflow, site);
  return Math.trunc(v) | 0;
}

export function i32TruncSatS(v: number): number {
  if (v !== v) return 0;
  if (v >= 2147483647) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  return v | 0;
}

export function i32TruncSatU(v: number): number {
  if (v !== v || v <= 0) return 0;
  if (v >= 4294967295) return -1;
  return Math.trunc(v) | 0;
}

// Bit-level float helpers. A double's sign is bit 31 of its high word; f32
// values held as doubles keep their sign and NaN payload in the same places.
const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);

/** The NaN `v` with its quiet bit set (arithmetic results must be quiet). */
function quiet(v: number): number {
  scratch[0] = v;
  words[1] = words[1]! | 0x00080000;
  return scratch[0]!;
}

export function fMin(a: number, b: number): number {
  if (a !== a || b !== b) return a !== a ? quiet(a) : quiet(b);
  return Math.min(a, b);
}

export function fMax(a: number, b: number): number {
  if (a !== a || b !== b) return a !== a ? quiet(a) : quiet(b);
  return Math.max(a, b);
}

export function fAbs(a: number): number {
  if (a === a) return Math.abs(a);
  scratch[0] = a;
  words[1] = words[1]! & 0x7fffffff;
  return scratch[0]!;
}

export function fNeg(a: number): number {
  if (a === a) return -a;
  scratch[0] = a;
  words[1] = words[1]! ^ 0x80000000;
  return scratch[0]!;
}

export function fCopysign(a: number, b: number): number {
  scratch[0] = b;
  const sign = words[1]! & 0x80000000;
  scratch[0] = a;
  words[1] = (words[1]! & 0x7fffffff) | sign;
  return scratch[0]!;
}

/** Round to nearest, ties to even. */
export function fNearest(a: number): number {
  if (a !== a) return quiet(a);
  const r = Math.round(a);
  if (r - a === 0.5) return 2 * Math.round(a / 2);
  return r === 0 && a < 0 ? -0 : r;
}

export function fCeil(a: number): number {
  return a !== a ? quiet(a) : Math.ceil(a);
}

export function fFloor(a: number): number {
  return a !== a ? quiet(a) : Math.floor(a);
}

export function fTrunc(a: number): number {
  return a !== a ? quiet(a) : Math.trunc(a);
}

export function fPromote(a: number): number {
  return a !== a ? quiet(a) : a;
}
