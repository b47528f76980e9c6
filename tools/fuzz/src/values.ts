/**
 * Observed values, engine-neutral: `type:hex-bits` strings, so results,
 * logged values and globals of both engines compare with `===` except for
 * NaNs, and print readably in reports and JSON.
 */

/** A value as observed: `i32:0000002a`, `f64:7ff8000000000000`, `ref:null`, ... */
export type Obs = string;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The hex digits of an unsigned integer, zero-padded to `digits`. */
function hex(v: number | bigint, digits: number): string {
  return v.toString(16).padStart(digits, '0');
}

/** Observes an i32 (any JS number; taken modulo 2^32). */
export function obsI32(v: number): Obs {
  return `i32:${hex(v >>> 0, 8)}`;
}

/** Observes an i64 (a bigint; taken modulo 2^64). */
export function obsI64(v: bigint): Obs {
  return `i64:${hex(BigInt.asUintN(64, v), 16)}`;
}

/** Observes an f32 from its bit pattern. */
export function obsF32Bits(bits: number): Obs {
  return `f32:${hex(bits >>> 0, 8)}`;
}

/** Observes an f64 from its bit pattern. */
export function obsF64Bits(bits: bigint): Obs {
  return `f64:${hex(BigInt.asUintN(64, bits), 16)}`;
}

/** Observes an f32 held as a JS number (the bit pattern of its rounding). */
export function obsF32Number(v: number): Obs {
  f32[0] = v;
  return obsF32Bits(u32[0]!);
}

/** Observes an f64 held as a JS number. */
export function obsF64Number(v: number): Obs {
  f64[0] = v;
  return obsF64Bits(u64[0]!);
}

/** Observes a v128 from its 16 bytes. */
export function obsV128(bytes: Uint8Array): Obs {
  let s = 'v128:';
  for (const b of bytes) s += hex(b, 2);
  return s;
}

/** Observes a reference: only null-ness is comparable across engines. */
export function obsRef(v: unknown): Obs {
  return v === null || v === undefined ? 'ref:null' : 'ref:nonnull';
}

/** The type part of an observation (`i32`, `f64`, `ref`, ...). */
export function obsType(o: Obs): string {
  return o.slice(0, o.indexOf(':'));
}

function bitsOf(o: Obs): bigint {
  return BigInt('0x' + o.slice(o.indexOf(':') + 1));
}

/** Whether 32 bits form an f32 NaN. */
export function isNaN32(bits: number): boolean {
  return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
}

/** Whether 64 bits form an f64 NaN. */
export function isNaN64(bits: bigint): boolean {
  return (bits & 0x7ff0000000000000n) === 0x7ff0000000000000n && (bits & 0xfffffffffffffn) !== 0n;
}

/** Whether an observation is a float NaN. */
export function isNaNObs(o: Obs): boolean {
  const t = obsType(o);
  if (t === 'f32') return isNaN32(Number(bitsOf(o)));
  if (t === 'f64') return isNaN64(bitsOf(o));
  return false;
}

/**
 * Equality of observations under the NaN policy: float values compare by
 * bits except that any NaN equals any NaN (arithmetic NaN payloads are
 * nondeterministic in the spec). Integers and everything else compare exactly.
 */
export function obsEqual(a: Obs, b: Obs): boolean {
  if (a === b) return true;
  return obsType(a) === obsType(b) && isNaNObs(a) && isNaNObs(b);
}

/**
 * Whether two different integer observations are both NaN bit patterns
 * (an f32 NaN for i32, an f64 NaN or two f32 NaN halves for i64): a
 * difference that reinterpreting a nondeterministic NaN explains.
 */
export function nanPayloadOnly(a: Obs, b: Obs): boolean {
  const t = obsType(a);
  if (t !== obsType(b)) return false;
  const x = bitsOf(a);
  const y = bitsOf(b);
  if (t === 'i32') return isNaN32(Number(x)) && isNaN32(Number(y));
  if (t === 'i64') {
    if (isNaN64(x) && isNaN64(y)) return true;
    // Two f32 halves: each half equal or both NaN.
    const halves = (v: bigint): [number, number] => [Number(v & 0xffffffffn), Number(v >> 32n)];
    const [xl, xh] = halves(x);
    const [yl, yh] = halves(y);
    return (
      (xl === yl || (isNaN32(xl) && isNaN32(yl))) && (xh === yh || (isNaN32(xh) && isNaN32(yh)))
    );
  }
  if (t === 'v128') return bytesNanOnly(hexBytes(a), hexBytes(b));
  return false;
}

function hexBytes(o: Obs): Uint8Array {
  const h = o.slice(o.indexOf(':') + 1);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Whether two equally long byte arrays differ only inside NaNs: every
 * differing byte lies in a 4-byte window that holds an f32 NaN on both
 * sides, or an 8-byte window holding an f64 NaN on both sides (any
 * alignment, since wasm stores floats unaligned as well).
 */
export function bytesNanOnly(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let any = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    any = true;
    if (!coveredByNan(va, vb, i)) return false;
  }
  return any;
}

function coveredByNan(va: DataView, vb: DataView, i: number): boolean {
  const n = va.byteLength;
  for (let s = Math.max(0, i - 3); s <= i && s + 4 <= n; s++) {
    if (isNaN32(va.getUint32(s, true)) && isNaN32(vb.getUint32(s, true))) return true;
  }
  for (let s = Math.max(0, i - 7); s <= i && s + 8 <= n; s++) {
    if (isNaN64(va.getBigUint64(s, true)) && isNaN64(vb.getBigUint64(s, true))) return true;
  }
  return false;
}
