#!/usr/bin/env node
// Validates WebAssembly binaries: prints "valid" or the CompileError with its byte offset.
import { readFileSync } from 'node:fs';
import { parseModule, CompileError } from '../dist/index.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: validate.js FILE.wasm...');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  try {
    const module = parseModule(new Uint8Array(readFileSync(file)));
    console.log(
      `${file}: valid (${module.funcTypes.length} functions, ${module.types.length} types)`,
    );
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    console.log(
      `${file}: ${e.malformed ? 'malformed' : 'invalid'}: ${e.message} at byte ${e.offset}`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
