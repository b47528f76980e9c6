/**
 * `@weft/wast-runner`: runs `.wast` scripts against the `weft` embedding
 * API, with the `spectest` host module; Weft's counterpart of `wasmtime-wast`.
 *
 * @module @weft/wast-runner
 */
export {
  runScript,
  ScriptRun,
  type CommandResult,
  type FileResult,
  type Outcome,
  type RunOptions,
} from './runner.js';
export { defineSpectest } from './spectest.js';
export { formatFloat } from './format.js';
