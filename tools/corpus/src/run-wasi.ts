/**
 * WASI preview 1 commands: on V8 through `node:wasi`, on Weft through
 * `@weft/wasi`. Both get the same argv, an empty environment and this
 * process's stdin, stdout and stderr.
 */
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { Engine, Linker, Module, Store } from 'weft-wasm';
import { addToLinker, runCommand, WasiCtxBuilder } from '@weft/wasi';
import { globalWebAssembly, type Imports } from './webassembly-api.js';

/** Runs `_start` on V8; returns the exit code. */
export async function runWasiNative(file: string, argv: readonly string[]): Promise<number> {
  const wasi = new WASI({ version: 'preview1', args: [...argv], env: {}, returnOnExit: true });
  const wasm = globalWebAssembly();
  const module = await wasm.compile(readFileSync(file));
  const instance = await wasm.instantiate(module, wasi.getImportObject() as Imports);
  return wasi.start(instance as Parameters<WASI['start']>[0]);
}

/** Runs `_start` on Weft; returns the exit code (a trap is thrown). */
export function runWasiWeft(file: string, argv: readonly string[]): number {
  const engine = new Engine();
  const module = new Module(engine, readFileSync(file));
  const ctx = new WasiCtxBuilder()
    .args([...argv])
    .inheritStdio()
    .build();
  const store = new Store(engine);
  const linker = new Linker(engine);
  addToLinker(linker, store, ctx);
  try {
    return runCommand(store, linker.instantiate(store, module));
  } finally {
    ctx.close();
  }
}
