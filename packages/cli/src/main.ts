#!/usr/bin/env node
/** The `weft` executable. */
import { fileURLToPath } from 'node:url';
import { tuneV8 } from 'weft-wasm/node';
import type * as Bundle from './bundle.js';
import { loadCommonJs } from './compile-cache.js';

// The command line owns its process, so it sets the V8 flags compiled wasm
// runs best with; before compiling anything, as V8's code cache is only
// valid with the flags it was made with.
tuneV8();
// The command as one script (scripts/bundle.mjs), compiled from V8's code
// cache when an earlier run left one (compile-cache.ts).
const bundle = fileURLToPath(new URL('./weft.cjs', import.meta.url));
const { main } = loadCommonJs(bundle).exports as typeof Bundle;
process.exit(await main(process.argv.slice(2)));
