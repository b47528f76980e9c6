/** Runs the child entry (dist/child.js) for one program and engine, with a time limit. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { EngineName } from './engines.js';
import { childScript } from './paths.js';
import { resolveProgramPath, type Program } from './programs.js';

export interface RunResult {
  readonly engine: EngineName;
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; null when killed. */
  readonly status: number | null;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Default time limit of one run. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs `program` on `engine` in a fresh `node`, its stdin fed from the
 * program's stdin file. Never rejects: a hang is killed at the time limit
 * and reported as `timedOut`.
 */
export function runChild(program: Program, engine: EngineName): Promise<RunResult> {
  const start = performance.now();
  const timeout = program.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    // --no-warnings: node:wasi prints an ExperimentalWarning, which is not the program's output.
    const child = spawn(process.execPath, ['--no-warnings', childScript, engine, program.name], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.stdin.on('error', () => {}); // a program that exits without reading stdin
    child.stdin.end(
      program.stdin === undefined ? '' : readFileSync(resolveProgramPath(program.stdin)),
    );
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({
        engine,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        status,
        timedOut,
        ms: Math.round(performance.now() - start),
      });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time, keeping their order in the result. */
export async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
