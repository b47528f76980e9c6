#!/usr/bin/env node
/** The `weft` executable. */
import { tuneV8 } from 'weft/node';
import { main } from './cli.js';

// The command line owns its process, so it sets the V8 flags compiled wasm runs best with.
tuneV8();
const status = main(process.argv.slice(2));
// A threaded program's status comes when it exits; exiting stops its threads.
if (typeof status === 'number') process.exit(status);
else void status.then((code) => process.exit(code));
