/**
 * Reduction of binary modules (ttf, mutated testsuite modules) with
 * binaryen's `wasm-reduce`, whose test command re-runs the oracle on each
 * candidate and compares mismatch signatures.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TTF_FEATURES } from '../gen/ttf.js';
import type { OracleRun } from '../protocol.js';
import { TIERS } from '../tiers.js';

const CHECK = fileURLToPath(new URL('./check.js', import.meta.url));

/** The folder of binaryen's binaries: wasm-reduce runs wasm-opt from there (`-b`). */
function binaryenDir(): string {
  const r = spawnSync('sh', ['-c', 'command -v wasm-opt'], { encoding: 'utf8' });
  return r.status === 0 ? dirname(r.stdout.trim()) + '/' : '';
}

/**
 * Reduces `bytes` with wasm-reduce; resolves to the reduced module, or null
 * if wasm-reduce failed (it refuses inputs whose mismatch does not reproduce).
 */
export function reduceBinary(
  bytes: Uint8Array,
  seed: number,
  run: OracleRun,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-reduce-'));
  const orig = join(dir, 'orig.wasm');
  const test = join(dir, 't.wasm');
  const work = join(dir, 'w.wasm');
  writeFileSync(orig, bytes);
  copyFileSync(orig, work);
  // The seed fixes the plan and the suspend tier's configuration, the tiers what runs.
  const tiers = (run.tiers ?? TIERS).join(',');
  const command = `${process.execPath} ${CHECK} ${test} ${seed} ${run.argSets} ${tiers}${run.fault === undefined ? '' : ` ${run.fault}`}`;
  return new Promise((resolve) => {
    const child = spawn(
      'wasm-reduce',
      [
        orig,
        `--command=${command}`,
        ...['-t', test, '-w', work, '-b', binaryenDir(), '--timeout', '20'],
        ...TTF_FEATURES,
      ],
      { stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      let out: Uint8Array | null = null;
      if (existsSync(work)) {
        const w = new Uint8Array(readFileSync(work));
        if (w.length > 0 && w.length <= bytes.length) out = w;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(out);
    };
    child.on('exit', done);
    child.on('error', done);
  });
}
