/** Mismatches as findings: a signature to group them, and saving reproducers. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, Difference } from './compare.js';

/** One divergence found by a campaign. */
export interface Finding {
  generator: string;
  seed: number;
  category: Category | 'decode-exception' | 'decode-inconsistent' | 'weft-rejects' | 'weft-accepts';
  /** Tiers that showed it (`baseline`, `optimized`), or `decode`. */
  tiers: string[];
  difference?: Difference;
  detail?: string;
}

/**
 * A coarse signature: findings with the same one probably share a cause, so
 * only the first few of each are reduced. Outcomes are reduced to their kind
 * (`ok`, `trap X`, ...) without values.
 */
export function signature(f: Finding): string {
  const coarse = (s: string | undefined): string => {
    if (s === undefined) return '';
    if (s.startsWith('trap ') || s.startsWith('exception ')) return s.split(':')[0]!.slice(0, 60);
    return s.startsWith('stack') ? 'stack' : 'value';
  };
  const d = f.difference;
  return [f.generator, f.category, f.tiers.join('+'), coarse(d?.native), coarse(d?.weft)].join('|');
}

/** Prints a module as text with `wasm2wat` or `wasm-dis`, or null if neither can. */
export function wasmToWat(bytes: Uint8Array): string | null {
  // wabt first (the standard text); binaryen's printer knows features wabt 1.0.32 does not.
  for (const [tool, args] of [
    ['wasm2wat', ['--enable-all', '--no-check', '-']],
    ['wasm-dis', ['/dev/stdin']],
  ] as const) {
    const r = spawnSync(tool, args, { input: bytes, encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return r.stdout;
  }
  return null;
}

/** Writes a reproducer: the module, its text, and the finding as JSON. */
export function saveReproducer(
  dir: string,
  name: string,
  bytes: Uint8Array,
  finding: Finding,
  text?: string,
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.wasm`), bytes);
  const wat = text ?? wasmToWat(bytes);
  if (wat !== null) writeFileSync(join(dir, `${name}.wat`), wat);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(finding, null, 2) + '\n');
}
