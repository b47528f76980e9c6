/** Running hostile cases in child processes, and the assertions on their outcomes. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import type { Outcome } from './cases.js';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const HEAP_MB = 512;
export const MiB = 2 ** 20;

/** Runs a case in a child process; fails unless the child ends on its own with exit 0. */
export function run(name: string, n = 0, timeoutMs = 120_000): Outcome {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--expose-gc', CHILD, name, String(n)],
    { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * MiB },
  );
  const tail = `${child.stderr ?? ''}`.split('\n').slice(0, 8).join('\n');
  assert.ok(
    child.error === undefined,
    `${name} ${n}: ${child.error?.message ?? ''} (time limit ${timeoutMs} ms)`,
  );
  assert.is(
    child.status,
    0,
    `${name} ${n}: the host process died (signal ${child.signal}):\n${tail}`,
  );
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Outcome;
}

export function error(o: Outcome, name: string, code: string | null, message: RegExp): void {
  assert.ok(o.error !== null, `expected ${name}, got the result ${String(o.result)}`);
  assert.is(o.error.name, name, o.error.message);
  assert.is(o.error.code, code, o.error.message);
  assert.match(o.error.message, message);
}

/** Asserts that `big` (size ratio `sizes`) cost at most `bound` times `small`. */
export function linear(
  what: string,
  small: number,
  big: number,
  sizes: number,
  bound: number,
): void {
  const ratio = big / Math.max(small, 1e-9);
  assert.ok(
    ratio <= bound,
    `${what}: ${sizes}x the size cost ${ratio.toFixed(1)}x (${small.toFixed(0)} -> ${big.toFixed(0)}); linear allows ${bound}x`,
  );
}
