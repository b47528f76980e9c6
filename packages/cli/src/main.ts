#!/usr/bin/env node
/** The `weft` executable. */
import { tuneV8 } from 'weft-wasm/node';
import { main } from './cli.js';

// The command line owns its process, so it sets the V8 flags compiled wasm runs best with.
tuneV8();
process.exit(await main(process.argv.slice(2)));
