/** Running the built `weft` command as a child process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry point (built by `tsc -b`). */
export const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/** The repository's examples/wasi directory. */
export const EXAMPLES = fileURLToPath(new URL('../../../examples/wasi/', import.meta.url));
/** This package's test fixtures (sources, not built). */
export const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

export interface Result {
  readonly status: number | null;
  /** The signal that ended the command (SIGTERM: killed at the timeout), if one did. */
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `weft ARGS...` with `input` on stdin, in directory `cwd` (default: this process's). */
export function weft(args: readonly string[], input: string | Buffer = '', cwd?: string): Result {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    input,
    timeout: 60_000,
    ...(cwd !== undefined ? { cwd } : {}),
  });
  const out = {
    status: r.status,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
  };
  return r.signal === null ? out : { ...out, signal: r.signal };
}
