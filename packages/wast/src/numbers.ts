/**
 * Numeric literals of the text format: integers of every width and floats
 * rounded exactly (round to nearest, ties to even) from their decimal or
 * hexadecimal spelling with BigInt arithmetic, never through a JS double.
 *
 * Every function returns `null` when the literal is out of range for its
 * type; callers turn that into the reference interpreter's message.
 */

/** The unsigned value of a `nat` literal (`123`, `0x7b`, underscores allowed), or null. */
export function parseNat(text: string): bigint | null {
  if (text.length === 0) return null;
  const c = text.charCodeAt(0);
  if (c < 0x30 || c > 0x39) return null; // no sign, and not inf/nan
  const digits = text.replaceAll('_', '');
  if (digits.startsWith('0x')) {
    if (!/^0x[0-9a-fA-F]+$/.test(digits)) return null;
  } else if (!/^[0-9]+$/.test(digits)) return null;
  return BigInt(digits);
}

/**
 * The bit pattern (as an unsigned BigInt) of an integer literal for an
 * N-bit integer type: unsigned literals up to 2^N - 1, negative ones down
 * to -2^(N-1). Returns null when out of range or not an integer literal.
 */
export function parseIntBits(text: string, bits: number): bigint | null {
  let negative = false;
  let body = text;
  if (text.startsWith('-')) {
    negative = true;
    body = text.slice(1);
  } else if (text.startsWith('+')) {
    body = text.slice(1);
  }
  const n = parseNat(body);
  if (n === null) return null;
  const size = 1n << BigInt(bits);
  if (negative) {
    if (n > size >> 1n) return null;
    return n === 0n ? 0n : size - n;
  }
  if (n >= size) return null;
  return n;
}

const SMALL_DECIMAL = /^[+-]?\d{1,9}$/;

/** As {@link parseIntBits} for i32, as a signed 32-bit number. */
export function parseI32(text: string): number | null {
  if (SMALL_DECIMAL.test(text)) return Number(text) | 0;
  const v = parseIntBits(text, 32);
  return v === null ? null : Number(BigInt.asIntN(32, v));
}

/** As {@link parseIntBits} for i64, as a signed 64-bit BigInt. */
export function parseI64(text: string): bigint | null {
  const v = parseIntBits(text, 64);
  return v === null ? null : BigInt.asIntN(64, v);
}

/** Layout of a binary floating-point format. */
interface FloatFormat {
  /** Explicit mantissa bits. */
  readonly mant: number;
  /** Exponent bits. */
  readonly exp: number;
}

const F32_FORMAT: FloatFormat = { mant: 23, exp: 8 };
const F64_FORMAT: FloatFormat = { mant: 52, exp: 11 };

/** Number of bits of a positive BigInt. */
function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds `num / den * 2^shift` (num, den > 0) to the format, returning the
 * bit pattern without sign, or null on overflow.
 */
function roundToFloat(num: bigint, den: bigint, shift: number, f: FloatFormat): bigint | null {
  const bias = (1 << (f.exp - 1)) - 1;
  const minExp = 1 - bias - f.mant; // exponent of the least significant bit of subnormals
  const maxExp = bias - f.mant; // exponent of the lsb of the largest finite values
  // Choose e so that q = floor(num * 2^shift / (den * 2^e)) has mant + 1 bits.
  let e = bitLength(num) - bitLength(den) + shift - (f.mant + 1);
  if (e < minExp) e = minExp;
  const scale = (e2: number): [bigint, bigint] => {
    const k = shift - e2;
    return k >= 0 ? [num << BigInt(k), den] : [num, den << BigInt(-k)];
  };
  let [n, d] = scale(e);
  let q = n / d;
  const limit = 1n << BigInt(f.mant + 1);
  while (q >= limit) {
    e++;
    [n, d] = scale(e);
    q = n / d;
  }
  while (q < limit >> 1n && e > minExp) {
    e--;
    [n, d] = scale(e);
    q = n / d;
  }
  const r2 = (n - q * d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) {
    q++;
    if (q === limit) {
      q >>= 1n;
      e++;
    }
  }
  if (e > maxExp) return null;
  const hidden = 1n << BigInt(f.mant);
  if (q < hidden) return q; // subnormal or zero
  const biased = BigInt(e + f.mant + bias);
  return (biased << BigInt(f.mant)) | (q - hidden);
}

const DECIMAL = /^(\d[\d_]*)?(?:\.([\d_]*))?(?:[eE]([+-]?[\d_]+))?$/;
const HEX = /^0x([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?(?:[pP]([+-]?[\d_]+))?$/;

function floatBits(text: string, f: FloatFormat): bigint | null {
  let negative = false;
  let body = text;
  if (text.startsWith('-')) {
    negative = true;
    body = text.slice(1);
  } else if (text.startsWith('+')) {
    body = text.slice(1);
  }
  const signBit = negative ? 1n << BigInt(f.mant + f.exp) : 0n;
  const expMask = ((1n << BigInt(f.exp)) - 1n) << BigInt(f.mant);
  if (body === 'inf') return signBit | expMask;
  if (body === 'nan') return signBit | expMask | (1n << BigInt(f.mant - 1));
  if (body.startsWith('nan:0x')) {
    const payload = parseNat(body.slice(4));
    if (payload === null || payload === 0n || payload >= 1n << BigInt(f.mant)) return null;
    return signBit | expMask | payload;
  }
  let num: bigint;
  let den = 1n;
  let shift = 0;
  let m = HEX.exec(body);
  if (m !== null) {
    const int = (m[1] ?? '').replaceAll('_', '');
    const frac = (m[2] ?? '').replaceAll('_', '');
    let exp = m[3] === undefined ? 0 : Number(m[3].replaceAll('_', ''));
    const digits = (int + frac).replace(/^0+/, '');
    if (digits === '') return signBit;
    num = BigInt('0x' + digits);
    // Clamp absurd exponents: far beyond any format, the result is fixed.
    const magnitude = bitLength(num) - 4 * frac.length + exp;
    if (magnitude > 4096) return null;
    if (magnitude < -4096) return signBit;
    exp -= 4 * frac.length;
    shift = exp;
  } else {
    m = DECIMAL.exec(body);
    if (m === null) return null;
    const int = (m[1] ?? '').replaceAll('_', '');
    const frac = (m[2] ?? '').replaceAll('_', '');
    const exp = m[3] === undefined ? 0 : Number(m[3].replaceAll('_', ''));
    const digits = (int + frac).replace(/^0+/, '');
    if (digits === '') return signBit;
    const magnitude = digits.length - frac.length + exp; // value < 10^magnitude
    if (magnitude > 400) return null;
    if (magnitude < -400) return signBit;
    num = BigInt(digits);
    const e10 = exp - frac.length;
    if (e10 >= 0) num *= 10n ** BigInt(e10);
    else den = 10n ** BigInt(-e10);
  }
  const bits = roundToFloat(num, den, shift, f);
  return bits === null ? null : signBit | bits;
}

const scratch = new DataView(new ArrayBuffer(8));

/**
 * The literal's value correctly rounded to f64, when a JS double operation
 * is guaranteed to give it: decimal literals of at most 20 significant digits
 * (which `Number` must round correctly), and hexadecimal ones whose mantissa
 * fits in 53 bits (a single, exact-input multiplication by a power of two).
 * Otherwise (or for inf/nan) undefined; the exact BigInt path handles those.
 */
function fastF64(text: string): number | undefined {
  const body = text.includes('_') ? text.replaceAll('_', '') : text;
  let i = body.charCodeAt(0) === 0x2d || body.charCodeAt(0) === 0x2b ? 1 : 0;
  if (body.charCodeAt(i) === 0x30 && body.charCodeAt(i + 1) === 0x78) {
    const m = HEX.exec(body.slice(i));
    if (m === null) return undefined;
    const int = m[1] ?? '';
    const frac = m[2] ?? '';
    const digits = (int + frac).replace(/^0+/, '');
    if (digits.length > 13) return undefined; // 13 hex digits = 52 bits
    const exp = (m[3] === undefined ? 0 : Number(m[3])) - 4 * frac.length;
    if (exp < -1074 || exp > 1023) return undefined;
    const mant = digits === '' ? 0 : parseInt(digits, 16);
    const x = mant * 2 ** exp;
    return body.charCodeAt(0) === 0x2d ? -x : x;
  }
  const c = body.charCodeAt(i);
  if (c < 0x30 || c > 0x39) return undefined; // inf, nan
  // Count significant digits of the mantissa.
  let first = -1;
  let last = -1;
  let n = 0;
  for (; i < body.length; i++) {
    const d = body.charCodeAt(i);
    if (d === 0x2e) continue;
    if (d < 0x30 || d > 0x39) break;
    if (d !== 0x30) {
      if (first < 0) first = n;
      last = n;
    }
    n++;
  }
  if (first >= 0 && last - first + 1 > 20) return undefined;
  return Number(body);
}

/** The bit pattern of an f32 literal (any numeric literal, `inf`, `nan`, `nan:0x...`), or null. */
export function parseF32(text: string): number | null {
  const x = fastF64(text);
  if (x !== undefined && Number.isFinite(x)) {
    // Rounding the f64 to f32 is exact unless the f64 lies exactly halfway
    // between two f32 values (where the first rounding may have moved it) or
    // at the overflow threshold: those take the exact path.
    const y = Math.fround(x);
    if (y === x) return f32Bits(y);
    if (Number.isFinite(y)) {
      const yBits = f32Bits(y);
      const up = x > y === (y >= 0 && !Object.is(y, -0));
      const other = f32FromBits(up ? yBits + 1 : yBits - 1);
      if (Number.isFinite(other) && x !== (y + other) / 2) return yBits;
    }
  }
  const bits = floatBits(text, F32_FORMAT);
  return bits === null ? null : Number(bits);
}

/**
 * The bit pattern of a float literal for f32 (`bits` 32) or f64 (64) by the
 * exact BigInt path alone. {@link parseF32} and {@link parseF64} give the same
 * results faster; this is their reference.
 */
export function floatBitsExact(text: string, bits: 32 | 64): bigint | null {
  return floatBits(text, bits === 32 ? F32_FORMAT : F64_FORMAT);
}

function f32Bits(x: number): number {
  scratch.setFloat32(0, x, true);
  return scratch.getUint32(0, true);
}

function f32FromBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0, true);
  return scratch.getFloat32(0, true);
}

/** The bit pattern of an f64 literal, or null. */
export function parseF64(text: string): bigint | null {
  const x = fastF64(text);
  if (x !== undefined && Number.isFinite(x)) {
    scratch.setFloat64(0, x, true);
    return scratch.getBigUint64(0, true);
  }
  return floatBits(text, F64_FORMAT);
}
