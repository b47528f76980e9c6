/** Reading a module file, binary or text, or standard input (`-`). */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Module, type Engine } from 'weft-wasm';
import { CliError, compileCauses, describe } from './report.js';
import { isWastError } from './text.js';

/** The module path that means standard input, as Wasmtime's `load_module` takes it. */
export const STDIN = '-';

/** The module's source: its bytes when they start with the binary magic `\0asm`, else its text. */
export function readSource(file: string, what: string): Uint8Array | string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === STDIN ? 0 : file);
  } catch (e) {
    const input = file === STDIN ? 'standard input' : `input file: ${file}`;
    throw new CliError(what, [`failed to read ${input}`, describe(e)]);
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
    throw new CliError(what, sourceCauses(e, file, source));
  }
}

/**
 * The causes of a failure to compile `source`: for text that is not
 * WebAssembly text at all (a README, a script, a precompiled file), that it
 * is not a module, then where parsing stopped; otherwise the error.
 */
export function sourceCauses(e: unknown, file: string, source: Uint8Array | string): string[] {
  const causes = compileCauses(e, file);
  if (isWastError(e) && typeof source === 'string' && !looksLikeText(source)) {
    return [
      `${shownName(file)} is not a WebAssembly module: expected the binary magic (\\0asm) or the text format`,
      ...causes.slice(1),
    ];
  }
  return causes;
}

/**
 * Whether `text` can be WebAssembly text: after white space and comments it
 * is empty or starts with `(` (a module, its fields, or a script command).
 */
function looksLikeText(text: string): boolean {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith(';;', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0) return true;
      i = end + 1;
    } else if (text.startsWith('(;', i)) {
      // Block comments nest.
      let depth = 0;
      while (i < text.length) {
        if (text.startsWith('(;', i)) (depth++, (i += 2));
        else if (text.startsWith(';)', i)) {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
    } else return i >= text.length || text[i] === '(';
  }
}

/** `file` as reports name it: quoted path, or standard input. */
function shownName(file: string): string {
  return file === STDIN ? 'standard input' : `\`${file}\``;
}

/** The name backtraces give a module without a name of its own: its file name. */
export function displayName(file: string): string {
  return file === STDIN ? '<stdin>' : basename(file);
}
