/**
 * Go programs built with `GOOS=js GOARCH=wasm`, run by the `wasm_exec.js`
 * glue that came with the compiler that built them, as Go's own
 * `wasm_exec_node.js` does: the glue finds `fs`, `process`, `crypto` and
 * `performance` on `globalThis` and instantiates through the global
 * `WebAssembly` (V8's, or the shim installed by the child for Weft).
 */
import { createRequire } from 'node:module';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import { globalWebAssembly, type Imports } from './webassembly-api.js';

interface GoGlue {
  argv: string[];
  env: Record<string, string>;
  exit: (code: number) => void;
  exited: boolean;
  importObject: Record<string, Record<string, unknown>>;
  run(instance: unknown): Promise<void>;
}

/** Runs a Go module; resolves with its exit code once the program has exited. */
export async function runGo(
  wasmExec: string,
  file: string,
  argv: readonly string[],
): Promise<number> {
  const g = globalThis as Record<string, unknown>;
  const require = createRequire(wasmExec);
  g.require = require;
  g.fs = fs;
  g.path = path;
  g.crypto ??= crypto.webcrypto;
  require(wasmExec);
  const Go = g.Go as new () => GoGlue;
  const go = new Go();
  go.argv = [...argv];
  // A small, fixed environment: the host's would differ between runs, and
  // Go 1.17+ crashes with very many variables (golang/go#49011).
  go.env = { TMPDIR: tmpdir() };
  let code = 0;
  go.exit = (c) => {
    code = c;
  };
  const { instance } = await globalWebAssembly().instantiate(
    fs.readFileSync(file),
    go.importObject as Imports,
  );
  await go.run(instance);
  if (!go.exited) throw new Error('the Go program did not exit (deadlock, or a lost event)');
  return code;
}
