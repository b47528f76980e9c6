/** Comparing a Weft run with the native run of the same program. */
import type { RunResult } from './spawn.js';

/** What differs, one line per difference; empty when the runs agree exactly. */
export function differences(native: RunResult, weft: RunResult): string[] {
  const d: string[] = [];
  if (weft.timedOut) d.push(`timed out after ${weft.ms} ms`);
  if (weft.status !== native.status) d.push(`exit status ${weft.status}, native ${native.status}`);
  for (const stream of ['stdout', 'stderr'] as const) {
    const a = native[stream];
    const b = weft[stream];
    if (a === b) continue;
    const line = firstDifferentLine(a, b);
    d.push(
      `${stream} differs at line ${line.number}:\n    native: ${JSON.stringify(line.native)}\n    weft:   ${JSON.stringify(line.weft)}`,
    );
  }
  return d;
}

function firstDifferentLine(
  a: string,
  b: string,
): { number: number; native: string | null; weft: string | null } {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; ; i++) {
    if (x[i] !== y[i]) return { number: i + 1, native: x[i] ?? null, weft: y[i] ?? null };
  }
}
