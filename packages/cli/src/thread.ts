/**
 * The script of a worker thread of `weft run` (threads.ts starts one per
 * thread a program runs): the bundled command line, compiled from the code
 * cache as main.ts loads it (a worker starts as a fresh JavaScript
 * context), runs the thread (thread-run.ts). The cache is written by the
 * main thread, at the end of the program.
 */
import { fileURLToPath } from 'node:url';
import { tuneV8 } from 'weft-wasm/node';
import type * as Bundle from './bundle.js';
import { loadCommonJs } from './compile-cache.js';

tuneV8();
const bundle = fileURLToPath(new URL('./weft.cjs', import.meta.url));
const { threadMain } = loadCommonJs(bundle, undefined, { write: false }).exports as typeof Bundle;
await threadMain();
