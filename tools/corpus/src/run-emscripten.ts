/**
 * Emscripten programs built with -sMODULARIZE -sEXIT_RUNTIME: the glue
 * exports a factory that takes the Module object. The runner hands it the
 * wasm bytes (so the glue neither fetches nor reads files) and a `quit`
 * that reports main's exit status. The glue instantiates through the global
 * `WebAssembly`: V8's, or the shim the child installed for Weft.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

type Factory = (module: Record<string, unknown>) => Promise<unknown>;

/** Runs the program's main; resolves with its exit status. */
export function runEmscripten(
  glue: string,
  file: string,
  argv: readonly string[],
): Promise<number> {
  const factory = createRequire(glue)(glue) as Factory;
  return new Promise((resolve, reject) => {
    factory({
      wasmBinary: readFileSync(file),
      arguments: argv.slice(1),
      thisProgram: argv[0],
      // Called by exit() with an ExitStatus to throw, which the glue itself catches.
      quit: (status: number, toThrow: unknown) => {
        resolve(status);
        throw toThrow;
      },
    }).catch(reject);
  });
}
