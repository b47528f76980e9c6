/**
 * What the command line's bundled script (dist/weft.cjs, built from this
 * module by scripts/bundle.mjs) exports: the command, for main.ts, and the
 * worker of a wasm thread, for thread.ts.
 */
export { main } from './cli.js';
export { threadMain } from './thread-run.js';
