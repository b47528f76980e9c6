/**
 * binaryen's translate-to-fuzz: `wasm-opt -ttf` turns arbitrary bytes into a
 * valid module. The bytes come from the seed, so a seed names a module.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../rng.js';

/**
 * Features both engines have: Node 20's V8 11.3 and binaryen 108. Left out:
 * exception handling (binaryen 108 emits the legacy `try`, Weft implements
 * `try_table`), GC and typed function references (behind flags in V8 11.3),
 * memory64, relaxed SIMD, extended-const (flags), threads (shared memory).
 * Multi-memory: binaryen 108 cannot emit it and V8 11.3 lacks it.
 * Reference types: binaryen 108 types funcref as a subtype of externref/anyref
 * and emits `(ref func)` locals, which V8 rejects without typed-funcref.
 */
export const TTF_FEATURES = [
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory',
  '--enable-multivalue',
  '--enable-simd',
  '--enable-tail-call',
];

/** Thrown when binaryen's `wasm-opt` is not installed. */
export class MissingToolError extends Error {}

/** Checks that a binaryen or wabt tool runs; throws a `MissingToolError` saying how to install it. */
export function requireTool(tool: string): void {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new MissingToolError(
      `${tool} not found on PATH: install binaryen and wabt (apt-get install -y binaryen wabt)`,
    );
  }
}

/** Generates the ttf module of `seed`. */
export function ttfModule(seed: number): Uint8Array {
  const rng = new Rng(seed);
  // Input size decides module size: binaryen consumes the bytes as it builds.
  const input = rng.bytes(rng.range(128, 3000));
  const dir = mkdtempSync(join(tmpdir(), 'weft-ttf-'));
  try {
    const inPath = join(dir, 'in.dat');
    const outPath = join(dir, 'out.wasm');
    writeFileSync(inPath, input);
    const r = spawnSync('wasm-opt', ['-ttf', inPath, '-o', outPath, ...TTF_FEATURES], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.error !== undefined) {
      throw new MissingToolError(`wasm-opt: ${r.error.message} (apt-get install -y binaryen)`);
    }
    if (r.status !== 0) throw new Error(`wasm-opt -ttf failed for seed ${seed}: ${r.stderr}`);
    return new Uint8Array(readFileSync(outPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The module read and written back by binaryen with `passes` (none:
 * binaryen's canonical form, `--denan`: every float NaN-checked and replaced
 * by 0), or null if binaryen cannot process it. Binaryen's IR has no values
 * left on the stack across instructions, so even the canonical form can
 * change how the code uses the operand stack.
 */
export function binaryenRoundTrip(bytes: Uint8Array, passes: readonly string[]): Uint8Array | null {
  const dir = mkdtempSync(join(tmpdir(), 'weft-binaryen-'));
  try {
    const inPath = join(dir, 'in.wasm');
    const outPath = join(dir, 'out.wasm');
    writeFileSync(inPath, bytes);
    const r = spawnSync('wasm-opt', [inPath, ...passes, '-o', outPath, ...TTF_FEATURES], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return r.status === 0 ? new Uint8Array(readFileSync(outPath)) : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
