/**
 * `weft-wasm/node`: tunes Node's V8 for running Weft (Node only: imports `node:v8`).
 *
 * Weft compiles WebAssembly into trees of small closures and relies on
 * TurboFan inlining them into each other (see @weft/jit's README). V8's
 * default budget stops inlining after 920 bytes of bytecode per optimized
 * function, which a hot wasm loop body exceeds; raising it made the
 * benchmark suite about 2x faster (docs/benchmarks.md). The flags only
 * change how much TurboFan inlines JS: they make optimized JS code larger
 * and slower to compile, and do not affect native WebAssembly. They are
 * process-wide, so this module never sets them on import: the `weft`
 * command line calls `tuneV8()` at startup, and an embedder may do the
 * same, or pass `V8_FLAGS` on node's command line.
 *
 * ```js
 * import { tuneV8 } from 'weft-wasm/node';
 * tuneV8(); // before running wasm
 * ```
 *
 * @module weft-wasm/node
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags `tuneV8` sets, as they would be written on node's command line. */
export const V8_FLAGS: readonly string[] = Object.freeze([
  '--max-inlined-bytecode-size-cumulative=5000',
  '--max-inlined-bytecode-size-absolute=10000',
]);

/**
 * Raises V8's inlining budget for this process (see the module comment).
 * Call it once, before compiled wasm gets hot; later calls change nothing.
 */
export function tuneV8(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}
