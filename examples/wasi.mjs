// WASI from the library: run a C program built for WASI (examples/wasi/hello.wasm)
// with @weft/wasi, capturing its output instead of writing to the terminal.
//   node examples/wasi.mjs
import { readFileSync } from 'node:fs';
import { Engine, Linker, Module, Store } from 'weft-wasm';
import { addToLinker, MemoryOutputStream, runCommand, WasiCtxBuilder } from '@weft/wasi';

const engine = new Engine();
const store = new Store(engine);
const stdout = new MemoryOutputStream(); // collects what the program writes
const ctx = new WasiCtxBuilder()
  .args(['hello.wasm']) // argv, argv[0] first
  .stdout(stdout)
  .inheritStderr()
  .build(); // no directories preopened: the program can reach no file

const linker = new Linker(engine);
addToLinker(linker, store, ctx); // wasi_snapshot_preview1 and wasi_unstable
const bytes = readFileSync(new URL('wasi/hello.wasm', import.meta.url));
const instance = linker.instantiate(store, new Module(engine, bytes));
const code = runCommand(store, instance); // calls _start; returns the exit code
ctx.close();

console.log('exit code:', code);
console.log('captured stdout:', JSON.stringify(stdout.text()));
