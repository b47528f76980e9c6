/**
 * Mutation of the testsuite's modules. Instruction-aware mutations (an
 * opcode swapped for another of the same stack type, a constant changed
 * in place) keep most mutants valid; raw byte mutations explore the rest.
 * Only mutants both engines accept are run through the oracle.
 */
import { Rng } from '../rng.js';
import type { Corpus } from './testsuite.js';

/** Opcode ranges whose members share a stack signature, so swapping them keeps validity. */
const CLASSES: readonly (readonly [number, number])[] = [
  [0x46, 0x4f], // i32 comparisons
  [0x51, 0x5a], // i64 comparisons
  [0x5b, 0x60], // f32 comparisons
  [0x61, 0x66], // f64 comparisons
  [0x67, 0x69], // i32 clz ctz popcnt
  [0x6a, 0x78], // i32 binary
  [0x79, 0x7b], // i64 unary
  [0x7c, 0x8a], // i64 binary
  [0x8b, 0x91], // f32 unary
  [0x92, 0x98], // f32 binary
  [0x99, 0x9f], // f64 unary
  [0xa0, 0xa6], // f64 binary
  [0x28, 0x2c], // i32 loads (with 0x2d-0x2f as well below)
  [0x36, 0x36],
  [0xc0, 0xc1], // i32 extend8/16
  [0xc2, 0xc4], // i64 extend8/16/32
];

const classOf = (b: number) => CLASSES.find(([lo, hi]) => b >= lo && b <= hi);

/** Where the code section's bytes are, or the whole module when absent. */
function codeRange(bytes: Uint8Array): [number, number] {
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    let size = 0;
    let shift = 0;
    let q = p + 1;
    for (;;) {
      const b = bytes[q++];
      if (b === undefined) return [8, bytes.length];
      size |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (id === 10) return [q, Math.min(bytes.length, q + size)];
    p = q + size;
  }
  return [8, bytes.length];
}

/** One random mutation of `bytes` (a copy). */
export function mutateOnce(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const [lo, hi] = codeRange(out);
  if (hi <= lo) return out;
  const at = () => rng.range(lo, hi - 1);
  switch (
    rng.weighted<string>([
      [6, 'swap-op'],
      [3, 'const'],
      [2, 'byte'],
      [1, 'bit'],
    ])
  ) {
    case 'swap-op': {
      // Try a few positions for a byte that looks like an opcode of a known class.
      for (let tries = 0; tries < 20; tries++) {
        const i = at();
        const c = classOf(out[i]!);
        if (c !== undefined) {
          out[i] = rng.range(c[0], c[1]);
          break;
        }
      }
      break;
    }
    case 'const': {
      for (let tries = 0; tries < 20; tries++) {
        const i = at();
        if (out[i] === 0x41 || out[i] === 0x42) {
          // Rewrite the LEB in place, keeping its length (continuation bits).
          for (let j = i + 1; j < hi; j++) {
            const cont = out[j]! & 0x80;
            out[j] = cont | (rng.chance(0.5) ? rng.int(0x80) : rng.pick([0, 0x7f, 0x40, 0x3f, 1]));
            if (cont === 0) break;
          }
          break;
        }
      }
      break;
    }
    case 'byte':
      out[at()] = rng.u32() & 0xff;
      break;
    default: {
      const i = at();
      out[i] = out[i]! ^ (1 << rng.int(8));
    }
  }
  return out;
}

/** Does native validate these bytes (the mutant must be valid for both engines)? */
function nativeValid(bytes: Uint8Array): boolean {
  try {
    return WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/**
 * A mutant of a valid testsuite module that native accepts, or null after
 * too many invalid tries. Weft's acceptance is checked by the oracle (a
 * rejection of a native-valid module is a finding).
 */
export function mutantModule(
  seed: number,
  corpus: Corpus,
): { bytes: Uint8Array; origin: string } | null {
  const rng = new Rng(seed);
  const pool = corpus.valid.filter((m) => m.bytes.length < 200_000);
  for (let attempt = 0; attempt < 30; attempt++) {
    const base = rng.pick(pool);
    if (!nativeValid(base.bytes)) continue;
    let bytes = base.bytes;
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) bytes = mutateOnce(rng, bytes);
    if (nativeValid(bytes)) return { bytes, origin: base.file };
  }
  return null;
}
