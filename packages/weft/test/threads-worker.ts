/**
 * A worker thread of threads.test.ts: makes the shared memory of its
 * handle in its own engine and store, instantiates the given module with
 * it as `env.memory`, calls one export, and posts the results (or the
 * error's message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseWat } from '@weft/wast';
import {
  Config,
  Engine,
  Linker,
  Module,
  SharedMemory,
  Store,
  type SharedMemoryHandle,
} from '#src/index.js';

interface Job {
  readonly memory: SharedMemoryHandle;
  readonly wat: string;
  readonly calls: readonly { readonly name: string; readonly args: readonly unknown[] }[];
}

const job = workerData as Job;
try {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const memory = SharedMemory.fromHandle(engine, job.memory);
  const linker = new Linker(engine).define(store, 'env', 'memory', memory);
  const instance = linker.instantiate(store, new Module(engine, job.wat));
  const results = job.calls.map(({ name, args }) =>
    instance.getFunc(store, name)!.call(store, ...args),
  );
  parentPort!.postMessage({ results });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
}
