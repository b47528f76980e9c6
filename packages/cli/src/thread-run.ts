/**
 * What a worker thread of `weft run` does for a program that spawns threads
 * (see threads.ts; thread.ts is the worker's script): compiles the module,
 * instantiates it with WASI, the shared memories and `wasi.thread-spawn`,
 * then runs `_start` (the program's main thread) or `wasi_thread_start(tid,
 * arg)` (a spawned thread), and ends the program if that exits, traps or
 * fails.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Engine, Instance, Module } from 'weft-wasm';
import { compileSource, displayName } from './load.js';
import { CliError, print } from './report.js';
import { textFormatFor } from './text.js';
import { makeEngine, makeGuard, makeLinker, makeStore, makeWasi, runMain } from './run.js';
import {
  exitProgram,
  MAX_TID,
  NEXT_TID,
  THREAD_SPAWN_TYPE,
  type IdleNotice,
  type SpawnRequest,
  type ThreadJob,
} from './threads.js';

/** WASI's EAGAIN, negated: `thread-spawn`'s failure when thread ids run out. */
const EAGAIN = 6;

/** A request from the coordinator to an idle worker: run another spawned thread. */
export interface RunRequest {
  readonly run: { readonly tid: number; readonly arg: number };
}

/**
 * Runs one wasm thread of `job` (`what` names the failure its reports
 * give) in a fresh store and instance of the worker's compiled module:
 * `_start` for the main thread, `wasi_thread_start(tid, arg)` for a spawned
 * one. Returns the program's exit status if the thread ended the program,
 * or null if it just returned.
 */
function runThread(
  job: ThreadJob,
  what: string,
  engine: Engine,
  module: Module,
  role: ThreadJob['role'],
): number | null {
  const o = job.options;
  const name = module.name ?? displayName(o.file);
  const ctx = o.wasi.cli === false ? null : makeWasi(o, what);
  const store = makeStore(engine, o.wasm);
  const guard = makeGuard(what, name);
  try {
    const linker = makeLinker(o, store, module, ctx, job.preloads, job.memories, (l) => {
      l.func(store, 'wasi', 'thread-spawn', THREAD_SPAWN_TYPE, (_caller, arg: number) => {
        const tid = Atomics.add(job.control, NEXT_TID, 1);
        if (tid > MAX_TID) return -EAGAIN;
        const request: SpawnRequest = { spawn: { tid, arg } };
        parentPort!.postMessage(request);
        return tid;
      });
    });
    if (typeof linker === 'number') return linker;
    let instance: Instance | undefined;
    const status = guard(`failed to instantiate \`${o.file}\``, () => {
      instance = linker.instantiate(store, module);
    });
    if (instance === undefined) return status;
    if (role.kind === 'thread') {
      const start = instance.getFunc(store, 'wasi_thread_start');
      if (start === null) {
        throw new CliError(what, [
          `thread ${role.tid}: no func export named \`wasi_thread_start\``,
        ]);
      }
      let returned = false;
      const code = guard(`failed to run thread ${role.tid}`, () => {
        start.call(store, role.tid, role.arg);
        returned = true;
      });
      // A thread returning ends only itself; proc_exit or a trap ends the program.
      return returned ? null : code;
    }
    return runMain(o, store, instance, guard);
  } finally {
    ctx?.close();
    store.dispose();
  }
}

/** Runs `body`; what it throws is reported, as the command line reports errors. */
function reported(body: () => number | null): number | null {
  try {
    return body();
  } catch (e) {
    if (e instanceof CliError) {
      print(2, e.format());
      return e.exitCode;
    }
    print(2, `Error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

/**
 * Runs this worker: its first thread, then each thread the coordinator
 * hands it when that one returned. (A function, not the module's body: the
 * command line's bundled script holds it, see thread.ts.)
 */
export async function threadMain(): Promise<void> {
  const job = workerData as ThreadJob;
  const o = job.options;
  const what = `failed to run main module \`${o.file}\``;
  await textFormatFor([job.source, ...job.preloads.map((p) => p.source)]);
  let engine: Engine | undefined;
  let module: Module | undefined;
  const run = (role: ThreadJob['role']): void => {
    const status = reported(() => {
      engine ??= makeEngine(o.wasm);
      module ??= compileSource(engine, job.source, o.file, what);
      return runThread(job, what, engine, module, role);
    });
    if (status !== null) exitProgram(job.control, status);
    else if (role.kind === 'thread') {
      // A spawned thread returned: this worker waits to run the next one (starting a worker costs more).
      const idle: IdleNotice = { idle: true };
      parentPort!.postMessage(idle);
    }
  };
  parentPort!.on('message', (m: RunRequest) => {
    if (m.run !== undefined) run({ kind: 'thread', tid: m.run.tid, arg: m.run.arg });
  });
  run(job.role);
}
