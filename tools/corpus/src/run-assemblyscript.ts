/**
 * AssemblyScript programs: the module exports `main` and `memory` and
 * imports `host.print(s: string)` (a pointer to an AssemblyScript string:
 * UTF-16 code units, their byte length in the 32-bit word before them) and
 * `env.abort(message, file, line, column)`. `print` writes a line to
 * stdout; `abort` throws. Runs through the global `WebAssembly`, V8's or
 * the shim, so both engines see the same host code.
 */
import { readFileSync } from 'node:fs';
import { globalWebAssembly } from './webassembly-api.js';

/** Decodes the AssemblyScript string at `ptr` (null: the empty string). */
function readString(memory: { buffer: ArrayBuffer }, ptr: number): string {
  if (ptr === 0) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0]!;
  return new TextDecoder('utf-16le').decode(new Uint8Array(memory.buffer, ptr, bytes));
}

/** Instantiates the module and calls `main()`; returns 0 (a trap or abort is thrown). */
export async function runAssemblyScript(file: string): Promise<number> {
  let memory: { buffer: ArrayBuffer } | undefined;
  const out: string[] = [];
  const imports = {
    host: {
      print: (ptr: number) => {
        out.push(readString(memory!, ptr >>> 0));
      },
    },
    env: {
      abort: (msg: number, fileName: number, line: number, column: number) => {
        const where = `${readString(memory!, fileName >>> 0)}:${line}:${column}`;
        throw new Error(`abort: ${readString(memory!, msg >>> 0)} at ${where}`);
      },
    },
  };
  try {
    const { instance } = await globalWebAssembly().instantiate(readFileSync(file), imports);
    memory = instance.exports.memory as { buffer: ArrayBuffer };
    (instance.exports.main as () => void)();
  } finally {
    // Whatever was printed before a trap is output too, as a WASI program's would be.
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  }
  return 0;
}
