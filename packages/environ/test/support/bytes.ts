/**
 * Bytes of the test module builder: the `Bytes` tree, `Mark`s, flattening,
 * and the number encodings (LEB128, floats, names, vectors).
 */

/** A zero-length marker that records where it lands in the assembled module. */
export class Mark {
  offset = -1;
}

export type Bytes = number | Mark | readonly Bytes[];

export function mark(): Mark {
  return new Mark();
}

/** Number of bytes in `b` (marks count zero). */
export function len(b: Bytes): number {
  if (typeof b === 'number') return 1;
  if (b instanceof Mark) return 0;
  let n = 0;
  for (const x of b) n += len(x);
  return n;
}

/** Flattens `b` into bytes, resolving marks relative to `base`. */
export function bytesOf(b: Bytes, base = 0): Uint8Array {
  const out: number[] = [];
  const walk = (x: Bytes): void => {
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0 || x > 255) throw new Error(`not a byte: ${x}`);
      out.push(x);
    } else if (x instanceof Mark) {
      x.offset = base + out.length;
    } else {
      for (const y of x) walk(y);
    }
  };
  walk(b);
  return Uint8Array.from(out);
}

/** Unsigned LEB128 (any width up to 64 bits); `pad` forces at least that many bytes. */
export function uleb(value: number | bigint, pad = 0): number[] {
  let v = BigInt(value);
  if (v < 0n) throw new Error('uleb of a negative number');
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(b);
  } while (v !== 0n);
  while (out.length < pad) out.push(0);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

/** Signed LEB128; `pad` forces at least that many bytes (sign-extended). */
export function sleb(value: number | bigint, pad = 0): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(b);
    if (done) break;
  }
  const fill = v === -1n ? 0x7f : 0;
  while (out.length < pad) out.push(fill);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

export const u32 = (n: number): number[] => {
  if (n < 0 || n > 0xffffffff) throw new Error(`u32 out of range: ${n}`);
  return uleb(n);
};
export const u64 = (n: number | bigint): number[] => uleb(n);
export const s32 = (n: number): number[] => sleb(n);
export const s33 = (n: number): number[] => sleb(n);
export const s64 = (n: number | bigint): number[] => sleb(n);

/** Little-endian bytes of an f32 (from a number, or raw bits with `bits: true`). */
export function f32bytes(x: number, bits = false): number[] {
  const view = new DataView(new ArrayBuffer(4));
  if (bits) view.setUint32(0, x >>> 0, true);
  else view.setFloat32(0, x, true);
  return [...new Uint8Array(view.buffer)];
}

export function f64bytes(x: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return [...new Uint8Array(view.buffer)];
}

/** Little-endian u32 word. */
export function le32(x: number): number[] {
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff];
}

/** A length-prefixed UTF-8 name. */
export function str(s: string): Bytes {
  const b = [...new TextEncoder().encode(s)];
  return [u32(b.length), b];
}

/** A vector: u32 count, then the items. */
export function vec(items: readonly Bytes[]): Bytes {
  return [u32(items.length), items];
}
