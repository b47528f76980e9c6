/** Runs a harness child process and collects its JSON lines, with a watchdog. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildOutcome<M> {
  messages: M[];
  /** Exit code, or null if killed. */
  code: number | null;
  timedOut: boolean;
  /** The last lines of stderr. */
  stderr: string;
}

/**
 * Spawns `node [nodeArgs] script arg` and resolves when it exits. The watchdog
 * kills the child if `timeoutMs` pass without a line on stdout (every line
 * re-arms it).
 */
export function runChild<M>(
  nodeArgs: readonly string[],
  script: string,
  arg: string,
  timeoutMs: number,
  onMessage?: (m: M) => void,
): Promise<ChildOutcome<M>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, arg], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const messages: M[] = [];
    let stderr = '';
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
    };
    arm();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      arm();
      let m: M;
      try {
        m = JSON.parse(line) as M;
      } catch {
        stderr = (stderr + `\n(stdout) ${line}`).slice(-4000);
        return;
      }
      messages.push(m);
      onMessage?.(m);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ messages, code, timedOut, stderr: stderr.trim() });
    });
  });
}

/** The last non-empty line of a child's stderr, for error messages. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const error = lines.find((l) => /^\w*Error\b/.test(l.trim()));
  return (error ?? lines.at(-1) ?? '').trim();
}
