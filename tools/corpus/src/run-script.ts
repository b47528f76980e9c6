/**
 * npm packages that ship wasm with their own JS bindings: a CommonJS
 * script in programs/npm/ exports `async run()`, which uses the package and
 * prints what it computes. The package instantiates its wasm through the
 * global `WebAssembly` (V8's, or the shim the child installed for Weft), so
 * the script is loaded only after the child has chosen the engine.
 */
import { createRequire } from 'node:module';

/** Loads the script and awaits its `run()`; returns its exit status. */
export async function runScript(script: string): Promise<number> {
  const run = createRequire(script)(script) as () => Promise<number>;
  return run();
}
