/**
 * `weft run` for programs that spawn threads: WASI's wasi-threads
 * (`thread-spawn` imported from module `wasi`, `wasi_thread_start`
 * exported), as `wasm32-wasip1-threads` programs built with `-pthread` use
 * it, and Wasmtime's `-S threads` runs it.
 *
 * Every wasm thread runs in a Node worker thread with its own engine,
 * store, instance and WASI context (same arguments, environment, preopens
 * and stdio); they share the program's shared memories. This thread (the
 * process's main thread) only coordinates and never runs wasm, so it is
 * never blocked: it starts the worker running `_start` (the program's main
 * thread), runs each thread the threads `thread-spawn` in a worker (one
 * whose thread returned if there is one: it has the module compiled
 * already; else a new one), and ends the process when the program exits.
 *
 * - `thread-spawn(arg)` takes the next thread id from a shared counter,
 *   asks this thread for a worker, and returns the id at once (the new
 *   thread starts soon after and calls `wasi_thread_start(id, arg)`); ids
 *   run from 1 to 2^29-1, then `thread-spawn` fails with -EAGAIN.
 * - The program exits, with every thread, when `_start` returns (status
 *   0), when any thread calls `proc_exit` (its code), or when any thread
 *   traps (the report, then 134): the thread writes the status to a shared
 *   control block and notifies this thread, which exits the process. A
 *   thread whose `wasi_thread_start` returns just ends.
 * - Shared memories the module imports (wasi-libc's threads target imports
 *   `env.memory`) are made here, of the import's type, and posted to each
 *   worker as handles (see `SharedMemory` in `weft`). A module that does
 *   not spawn threads but imports a shared memory gets one too and runs
 *   without workers.
 *
 * Each thread has its own descriptor table: a file one thread opens is not
 * open in the others (stdio and the preopened directories are in all).
 */
import { Worker } from 'node:worker_threads';
import {
  FuncType,
  Linker,
  MemoryType,
  SharedMemory,
  ValType,
  type Module,
  type SharedMemoryHandle,
  type Store,
} from 'weft-wasm';
import { describe, print } from './report.js';
import type { PreloadSource, RunOptions } from './run.js';

/** `Atomics.waitAsync` (ES2024; Node 16+), not in this package's ES library types. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      a: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/** The control block's words: exit state (0 running, 1 exiting), exit status, next thread id. */
export const EXIT_STATE = 0;
export const EXIT_CODE = 1;
export const NEXT_TID = 2;
const CONTROL_WORDS = 3;

/** Largest thread id wasi-threads allows. */
export const MAX_TID = 0x1fffffff;

/** A shared memory import and the memory given to it. */
export interface SharedImport {
  readonly module: string;
  readonly name: string;
  readonly handle: SharedMemoryHandle;
}

/** What each worker is given (structured-cloned; the buffers stay shared). */
export interface ThreadJob {
  readonly options: RunOptions;
  /** The module's bytes or text, in a `SharedArrayBuffer` (not copied per thread). */
  readonly source: Uint8Array | string;
  /** The `--preload` modules (sources shared likewise): each thread instantiates its own. */
  readonly preloads: readonly PreloadSource[];
  readonly memories: readonly SharedImport[];
  /** The control block (`Int32Array` over a `SharedArrayBuffer`). */
  readonly control: Int32Array;
  /** The program's main thread (runs `_start`), or a spawned one. */
  readonly role: { readonly kind: 'main' } | { readonly kind: 'thread'; tid: number; arg: number };
}

/** A request from a worker: start thread `tid` with `arg`. */
export interface SpawnRequest {
  readonly spawn: { readonly tid: number; readonly arg: number };
}

/** A worker telling the coordinator its spawned thread returned: it can run another. */
export interface IdleNotice {
  readonly idle: true;
}

/** Whether the module imports wasi-threads' `thread-spawn`. */
export function spawnsThreads(module: Module): boolean {
  return module.imports.some(
    (i) => i.module === 'wasi' && i.name === 'thread-spawn' && i.type instanceof FuncType,
  );
}

/** The module's shared memory imports. */
function sharedImports(module: Module): { module: string; name: string; type: MemoryType }[] {
  const out: { module: string; name: string; type: MemoryType }[] = [];
  for (const i of module.imports) {
    if (i.type instanceof MemoryType && i.type.shared) {
      out.push({ module: i.module, name: i.name, type: i.type });
    }
  }
  return out;
}

/**
 * Defines the module's shared memory imports in `linker`: the memories of
 * `handles` (made by the coordinator), or new ones of the imports' types.
 */
export function defineSharedMemories(
  linker: Linker,
  store: Store,
  module: Module,
  handles: readonly SharedImport[] | null = null,
): void {
  for (const imp of sharedImports(module)) {
    const given = handles?.find((h) => h.module === imp.module && h.name === imp.name);
    const memory =
      given === undefined
        ? new SharedMemory(store.engine, imp.type)
        : SharedMemory.fromHandle(store.engine, given.handle);
    linker.define(store, imp.module, imp.name, memory);
  }
}

/** The `thread-spawn` type: `(param i32) (result i32)`. */
export const THREAD_SPAWN_TYPE = new FuncType([ValType.i32()], [ValType.i32()]);

/** Ends the program with `code`: every thread stops, and the coordinator exits the process. */
export function exitProgram(control: Int32Array, code: number): void {
  if (Atomics.compareExchange(control, EXIT_STATE, 0, 1) !== 0) return; // someone was first
  Atomics.store(control, EXIT_CODE, code);
  Atomics.notify(control, EXIT_STATE);
}

/** Copies the module's source into a `SharedArrayBuffer`, so workers share one copy. */
function shareSource(source: Uint8Array | string): Uint8Array | string {
  if (typeof source === 'string') return source;
  const shared = new Uint8Array(new SharedArrayBuffer(source.length));
  shared.set(source);
  return shared;
}

/**
 * Runs a program that spawns threads: resolves with its exit status when it
 * exits (the caller exits the process then, which stops any thread still
 * running).
 */
export function runThreaded(
  o: RunOptions,
  source: Uint8Array | string,
  module: Module,
  preloads: readonly PreloadSource[],
): Promise<number> {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  control[NEXT_TID] = 1;
  const memories = sharedImports(module).map(({ module: m, name, type }) => ({
    module: m,
    name,
    handle: new SharedMemory(module.engine, type).handle,
  }));
  const shared = shareSource(source);
  const sharedPreloads = preloads.map((p) => ({ ...p, source: shareSource(p.source) }));
  const script = new URL('./thread.js', import.meta.url);

  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      resolve(code);
    };
    /** Workers whose thread returned, ready to run another (starting a worker costs more). */
    const idle: Worker[] = [];
    const spawn = (tid: number, arg: number): void => {
      const ready = idle.pop();
      if (ready !== undefined) ready.postMessage({ run: { tid, arg } });
      else start({ kind: 'thread', tid, arg });
    };
    const start = (role: ThreadJob['role']): void => {
      const job: ThreadJob = {
        options: o,
        source: shared,
        preloads: sharedPreloads,
        memories,
        control,
        role,
      };
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: job });
      } catch (e) {
        print(2, `Error: failed to start a thread: ${describe(e)}\n`);
        exitProgram(control, 1);
        return;
      }
      worker.on('message', (m: SpawnRequest | IdleNotice) => {
        if ('spawn' in m) spawn(m.spawn.tid, m.spawn.arg);
        else if ('idle' in m) idle.push(worker);
      });
      worker.on('error', (e) => {
        // Not a wasm fault (those are reported by the thread): a bug, or the host out of resources.
        print(
          2,
          `Error: thread ${role.kind === 'main' ? 'main' : role.tid} failed: ${describe(e)}\n`,
        );
        exitProgram(control, 1);
      });
      if (role.kind === 'main') {
        // The main thread always reports how the program ended; if it vanished, that is an error.
        worker.on('exit', () => {
          if (Atomics.load(control, EXIT_STATE) === 0) exitProgram(control, 1);
        });
      }
    };
    const waiting = waitAsync(control, EXIT_STATE, 0);
    const exited = (): void => finish(Atomics.load(control, EXIT_CODE));
    if (waiting.async) void waiting.value.then(exited);
    else exited();
    start({ kind: 'main' });
  });
}
