/** `weft validate`: decodes and validates modules, printing nothing when they are valid. */
import { Config, Engine, Module } from 'weft-wasm';
import { readSource, sourceCauses } from './load.js';
import { parseText, textFormatFor } from './text.js';
import { CliError } from './report.js';

export const VALIDATE_USAGE = 'weft validate <WASM>...';

export const VALIDATE_HELP = `Validates WebAssembly modules

Usage: ${VALIDATE_USAGE}

Arguments:
  <WASM>...  The modules to validate (binary, or text: .wat)

Options:
  -h, --help  Print help

Prints nothing and exits with status 0 when every module is valid; otherwise
reports the first error with its byte offset and exits with status 1.
`;

/** Validates each file; throws a `CliError` for the first that is not valid. */
export async function validate(files: readonly string[]): Promise<number> {
  const engine = new Engine(new Config({ textParser: parseText }));
  for (const file of files) {
    const what = `failed to validate \`${file}\``;
    const source = readSource(file, what);
    await textFormatFor([source]);
    try {
      Module.validate(engine, source);
    } catch (e) {
      throw new CliError(
        what,
        sourceCauses(e, file, source).filter((c) => c !== 'failed to compile'),
      );
    }
  }
  return 0;
}
