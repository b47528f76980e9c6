/**
 * Worker processes with watchdogs. Each task runs in a child process; a task
 * that outlives its time is killed with its process and reported as a hang of
 * the engine that was running (native before `native-done`, Weft after).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DecodeResult } from './decode.js';
import type { OracleResult } from './oracle.js';
import type { Task, TaskMessage, WorkerMessage } from './protocol.js';
import type { Tier } from './tiers.js';

/** How a task ended. */
export type TaskOutcome =
  | { type: 'oracle'; result: OracleResult }
  | { type: 'decode'; result: DecodeResult }
  /**
   * No answer in time; `nativeMs` is native's time when Weft was the one
   * running, `tier` the Weft tier that was running (if the worker said).
   */
  | { type: 'hang'; engine: 'native' | 'weft'; ms: number; nativeMs: number; tier?: Tier }
  | { type: 'crash'; engine: 'native' | 'weft'; detail: string; tier?: Tier }
  | { type: 'failed'; message: string };

/** Watchdog settings. */
export interface PoolOptions {
  workers: number;
  /** Time allowed before native finishes (and for decode tasks). */
  nativeTimeoutMs: number;
  /** Weft's time: at least this... */
  weftMinTimeoutMs: number;
  /** ...or this many times native's time. */
  weftSlowdown: number;
  /** ...but never more than this. */
  weftMaxTimeoutMs: number;
  /** Tasks a process runs before it is replaced (bounds leaks and the jit's shared state). */
  recycleAfter: number;
}

/** Defaults suited to small fuzz modules. */
export const DEFAULT_POOL: PoolOptions = {
  workers: 1,
  nativeTimeoutMs: 10_000,
  weftMinTimeoutMs: 20_000,
  weftSlowdown: 300,
  weftMaxTimeoutMs: 120_000,
  recycleAfter: 400,
};

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

class Worker {
  private child: ChildProcess | null = null;
  /** Resolves when the current child has loaded the engines and said so. */
  private ready: Promise<boolean> = Promise.resolve(false);
  private tasks = 0;
  private nextId = 0;
  private stderr = '';

  constructor(private readonly options: PoolOptions) {}

  private spawn(): ChildProcess {
    this.stderr = '';
    const child = fork(WORKER, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-3000);
    });
    this.child = child;
    this.tasks = 0;
    // Loading Weft and the jit takes seconds on a loaded machine: the
    // watchdog starts only once the child is ready, or a slow start would
    // read as a hang of the first task (and of every task after it).
    this.ready = new Promise((resolve) => {
      const onMessage = (m: WorkerMessage) => {
        if (m.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(true);
      };
      const onExit = () => {
        child.off('message', onMessage);
        resolve(false);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    return child;
  }

  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  async run(task: Task): Promise<TaskOutcome> {
    if (this.child !== null && this.tasks >= this.options.recycleAfter) this.kill();
    const child = this.child ?? this.spawn();
    if (!(await this.ready)) {
      this.kill();
      return { type: 'failed', message: `worker did not start: ${this.stderr.slice(-500)}` };
    }
    this.tasks++;
    const id = this.nextId++;
    return new Promise((resolve) => {
      let engine: 'native' | 'weft' = task.type === 'decode' ? 'weft' : 'native';
      let nativeMs = 0;
      let tier: Tier | undefined;
      const started = performance.now();
      let timer: NodeJS.Timeout;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            finish(
              {
                type: 'hang',
                engine,
                ms: performance.now() - started,
                nativeMs,
                ...(tier === undefined ? {} : { tier }),
              },
              true,
            ),
          ms,
        );
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.id !== id) return;
        if (m.type === 'native-done') {
          engine = 'weft';
          nativeMs = m.ms;
          const { weftMinTimeoutMs, weftSlowdown, weftMaxTimeoutMs } = this.options;
          arm(Math.min(weftMaxTimeoutMs, Math.max(weftMinTimeoutMs, m.ms * weftSlowdown)));
        } else if (m.type === 'tier') {
          tier = m.tier;
        } else if (m.type === 'oracle' || m.type === 'decode') {
          finish(
            m.type === 'oracle'
              ? { type: 'oracle', result: m.result }
              : { type: 'decode', result: m.result },
            false,
          );
        } else if (m.type === 'failed') {
          finish({ type: 'failed', message: m.message }, false);
        }
      };
      const onExit = (code: number | null, signal: string | null) => {
        // Give stderr a moment to arrive: it says why (out of memory, an assertion).
        setTimeout(() => {
          finish(
            {
              type: 'crash',
              engine,
              detail: `exit ${code ?? signal}: ${this.stderr.slice(-1500)}`,
              ...(tier === undefined || engine === 'native' ? {} : { tier }),
            },
            false,
          );
        }, 50);
      };
      let done = false;
      const finish = (outcome: TaskOutcome, kill: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (kill || outcome.type === 'crash') {
          if (this.child === child) this.kill();
        }
        resolve(outcome);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      arm(this.options.nativeTimeoutMs);
      child.send({ id, task } satisfies TaskMessage);
    });
  }
}

/** A fixed set of workers sharing a queue. */
export class Pool {
  private readonly idle: Worker[];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly all: Worker[];

  constructor(readonly options: PoolOptions = DEFAULT_POOL) {
    this.all = Array.from({ length: options.workers }, () => new Worker(options));
    this.idle = [...this.all];
  }

  /** Runs a task on the next free worker. */
  async run(task: Task): Promise<TaskOutcome> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((r) => this.waiting.push(r)));
    try {
      return await worker.run(task);
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next(worker);
      else this.idle.push(worker);
    }
  }

  /** Ends every worker process. */
  close(): void {
    for (const w of this.all) w.kill();
  }
}
