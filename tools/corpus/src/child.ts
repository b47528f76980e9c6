/**
 * Child process: runs one program on one engine configuration, with the
 * program's stdout and stderr as this process's, and exits with its exit
 * code. `node dist/child.js ENGINE PROGRAM`. A run that traps or throws
 * prints `corpus: ` and the error on stderr and exits with 134; the parent
 * compares everything with the native run and kills a run that hangs.
 */
import { tuneV8 } from 'weft-wasm/node';
import { isEngineName, selectTiers, type EngineName } from './engines.js';
import { findProgram, resolveProgramPath, type Program } from './programs.js';
import { runAssemblyScript } from './run-assemblyscript.js';
import { runEmscripten } from './run-emscripten.js';
import { runGo } from './run-go.js';
import { runScript } from './run-script.js';
import { runWasiNative, runWasiWeft } from './run-wasi.js';
import { installWebAssembly } from './webassembly-api.js';
import { createWebAssemblyShim } from './webassembly-shim.js';

async function run(engine: EngineName, program: Program): Promise<number> {
  // A script's package finds its own module: `wasm` only documents it.
  const wasm = program.kind === 'script' ? '' : resolveProgramPath(program.wasm);
  const argv = [program.name, ...(program.args ?? [])];
  if (engine !== 'native') {
    tuneV8();
    selectTiers(engine);
  }
  if (program.kind === 'wasi') {
    return engine === 'native' ? runWasiNative(wasm, argv) : runWasiWeft(wasm, argv);
  }
  // JS glue instantiates through the global WebAssembly: give it Weft's.
  const shim = engine === 'native' ? null : createWebAssemblyShim();
  if (shim !== null) installWebAssembly(shim);
  const status = await runGlue(program, wasm, argv);
  // A glue that kept V8's WebAssembly (captured before the shim was installed) would compare V8 with itself.
  if (shim !== null && shim.instances === 0) {
    throw new Error('no module was instantiated through the Weft shim');
  }
  return status;
}

function runGlue(program: Program, wasm: string, argv: readonly string[]): Promise<number> {
  switch (program.kind) {
    case 'go':
      return runGo(resolveProgramPath(program.glue!), wasm, argv);
    case 'assemblyscript':
      return runAssemblyScript(wasm);
    case 'emscripten':
      return runEmscripten(resolveProgramPath(program.glue!), wasm, argv);
    case 'script':
      return runScript(resolveProgramPath(program.glue!));
    case 'wasi':
      throw new Error('WASI programs are run by run()');
  }
}

const [engine, name] = process.argv.slice(2);
if (engine === undefined || name === undefined || !isEngineName(engine)) {
  console.error('usage: node dist/child.js native|weft|weft-optimized|weft-baseline PROGRAM');
  process.exit(2);
}
try {
  process.exitCode = await run(engine, findProgram(name));
} catch (e) {
  console.error(`corpus: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  process.exitCode = 134;
}
