/**
 * Compile worker: a fresh child process per measurement (so no engine can
 * reuse an earlier compilation, e.g. V8's per-process native module cache),
 * timing one engine.compile() of one module and its memory.
 *
 *   node --expose-gc [engine flags] dist/compile-worker.js '<CompileTask JSON>'
 */
import { readFileSync } from 'node:fs';
import { createEngine, loadEngineConfig } from './engines/registry.js';
import { send, type CompileTask } from './protocol.js';

const task = JSON.parse(process.argv[2] ?? '{}') as CompileTask;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const config = loadEngineConfig(task.configPath);
const spec = config.engines.find((e) => e.name === task.engine);
if (!spec) throw new Error(`no engine "${task.engine}" in ${task.configPath}`);
const engine = await createEngine(spec);
// readFileSync gives a large file a buffer of its own: use it as is, no copy.
const file = readFileSync(task.file);
const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);

/** A full GC, then a moment for the sweeper to release external memory. */
async function settle(): Promise<void> {
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

await settle();
const before = process.memoryUsage();
const t0 = performance.now();
const compiled = await engine.compile(bytes);
const ms = performance.now() - t0;
const peakRss = process.resourceUsage().maxRSS * 1024;
await settle();
const after = process.memoryUsage();

send({
  type: 'compile',
  ms,
  peakRssDelta: Math.max(0, peakRss - before.rss),
  retainedRss: after.rss - before.rss,
  retainedHeap: after.heapUsed + after.external - (before.heapUsed + before.external),
});
// Keep the compiled module alive until after the measurement.
if (compiled === Symbol.for('never')) console.log(compiled);
