/** Reading a module file, binary or text. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Module, type Engine } from 'weft-wasm';
import { CliError, compileCauses, describe } from './report.js';

/** The module's source: its bytes when they start with the binary magic `\0asm`, else its text. */
export function readSource(file: string, what: string): Uint8Array | string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(what, [`failed to read input file: ${file}`, describe(e)]);
  }
  const binary =
    bytes.length >= 4 &&
    bytes[0] === 0x00 &&
    bytes[1] === 0x61 &&
    bytes[2] === 0x73 &&
    bytes[3] === 0x6d;
  return binary ? bytes : new TextDecoder().decode(bytes);
}

/** Compiles `file`; failures become a `CliError` headed `what`. */
export function loadModule(engine: Engine, file: string, what: string): Module {
  return compileSource(engine, readSource(file, what), file, what);
}

/** Compiles the source of `file`; failures become a `CliError` headed `what`. */
export function compileSource(
  engine: Engine,
  source: Uint8Array | string,
  file: string,
  what: string,
): Module {
  try {
    return new Module(engine, source);
  } catch (e) {
    throw new CliError(what, compileCauses(e, file));
  }
}

/** The name backtraces give a module without a name of its own: its file name. */
export function displayName(file: string): string {
  return basename(file);
}
