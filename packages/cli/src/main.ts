#!/usr/bin/env node
/** The `weft` executable. */
import { main } from './cli.js';

process.exit(main(process.argv.slice(2)));
