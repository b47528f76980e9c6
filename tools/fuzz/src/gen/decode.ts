/**
 * Inputs for decode/validate fuzzing: mutated, truncated and spliced
 * testsuite modules (valid and invalid ones), and random bytes after a
 * valid header.
 */
import { Rng } from '../rng.js';
import { mutateOnce } from './mutate.js';
import type { Corpus } from './testsuite.js';

/** The decode input of `seed`. */
export function decodeInput(seed: number, corpus: Corpus): Uint8Array {
  const rng = new Rng(seed);
  const from = rng.chance(0.75) ? corpus.valid : corpus.invalid;
  const base = from.length > 0 ? rng.pick(from).bytes : new Uint8Array(0);
  switch (
    rng.weighted<string>([
      [5, 'mutate'],
      [2, 'truncate'],
      [2, 'edit'],
      [1, 'splice'],
      [1, 'random'],
    ])
  ) {
    case 'mutate': {
      let b = base;
      const n = rng.range(1, 6);
      for (let i = 0; i < n; i++) b = mutateOnce(rng, b);
      return b;
    }
    case 'truncate':
      return base.slice(0, rng.int(base.length + 1));
    case 'edit': {
      // Insert or delete bytes: section and LEB lengths then lie.
      const b = Array.from(base);
      const n = rng.range(1, 4);
      for (let i = 0; i < n; i++) {
        const at = rng.int(b.length + 1);
        if (rng.chance(0.5) && b.length > 0) b.splice(at, rng.range(1, 4));
        else b.splice(at, 0, ...rng.bytes(rng.range(1, 4)));
      }
      return new Uint8Array(b);
    }
    case 'splice': {
      const other = rng.pick(corpus.valid).bytes;
      const cut = 8 + rng.int(Math.max(1, base.length - 8));
      const from2 = 8 + rng.int(Math.max(1, other.length - 8));
      const out = new Uint8Array(cut + other.length - from2);
      out.set(base.subarray(0, cut));
      out.set(other.subarray(from2), cut);
      return out;
    }
    default: {
      const out = new Uint8Array(8 + rng.range(0, 64));
      out.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
      out.set(rng.bytes(out.length - 8), 8);
      return out;
    }
  }
}
