/**
 * The corpus: every program, how it is run and on which engines. Paths are
 * relative to tools/corpus/programs, or `npm:` + a file of an installed
 * package (a devDependency pinned in package.json).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EngineName } from './engines.js';
import { programsDir } from './paths.js';

/** How a program is started and talks to the host. */
export type ProgramKind =
  /** a WASI preview 1 command (`_start`), stdio inherited */
  | 'wasi'
  /** `GOOS=js GOARCH=wasm`, run by its `wasm_exec.js` */
  | 'go'
  /** `emcc` output: the wasm and its JS glue */
  | 'emscripten'
  /** AssemblyScript: exports `main`, imports `host.print(string)` and `env.abort` */
  | 'assemblyscript'
  /** an npm package with its own bindings, used by a script (`glue`) that exports `run()` */
  | 'script';

export interface Program {
  /** Unique, `toolchain/program[.variant]`. */
  readonly name: string;
  readonly kind: ProgramKind;
  /** The module (for `script`: informative, the package finds its own). */
  readonly wasm: string;
  /** The JS glue (`go`, `emscripten`), or the script (`script`). */
  readonly glue?: string;
  /** argv[1..] */
  readonly args?: readonly string[];
  /** A file fed to stdin. */
  readonly stdin?: string;
  /** Per run, in ms (default 60 s). */
  readonly timeoutMs?: number;
  /** The Weft configurations to run (default: all three); the reason when fewer. */
  readonly weft?: { readonly engines: readonly EngineName[]; readonly why: string };
}

/** Large modules run on the two tier extremes only, to keep the test near three minutes. */
const LARGE: Program['weft'] = {
  engines: ['weft-optimized', 'weft-baseline'],
  why: 'a large module: the two tier extremes only, to keep the test short',
};

const C_PROGRAMS = ['compress', 'floats', 'hashes', 'lisp'];
const OPT_LEVELS = ['O0', 'O2', 'Os'];

export const PROGRAMS: readonly Program[] = [
  ...C_PROGRAMS.flatMap((p) =>
    OPT_LEVELS.map((o): Program => ({
      name: `c/${p}.${o}`,
      kind: 'wasi',
      wasm: `c/${p}.${o}.wasm`,
    })),
  ),
  // -O3 -msimd128 -mbulk-memory -mnontrapping-fptoint -msign-ext: vectorized loops, memory.copy.
  ...['compress', 'floats', 'hashes'].map((p): Program => ({
    name: `c/${p}.O3simd`,
    kind: 'wasi',
    wasm: `c/${p}.O3simd.wasm`,
  })),
  // Handlers ending in musttail calls, -mtail-call: return_call_indirect dispatch.
  ...['O2', 'Os'].map((o): Program => ({
    name: `c/tailvm.${o}`,
    kind: 'wasi',
    wasm: `c/tailvm.${o}.wasm`,
  })),
  { name: 'cpp/main.O2', kind: 'wasi', wasm: 'cpp/main.O2.wasm' },
  { name: 'cpp/main.Os', kind: 'wasi', wasm: 'cpp/main.Os.wasm' },
  { name: 'rust/main.O2', kind: 'wasi', wasm: 'rust/main.O2.wasm' },
  { name: 'rust/main.Os', kind: 'wasi', wasm: 'rust/main.Os.wasm' },
  {
    name: 'assemblyscript/main.incremental',
    kind: 'assemblyscript',
    wasm: 'assemblyscript/main.incremental.wasm',
  },
  {
    name: 'assemblyscript/main.stub',
    kind: 'assemblyscript',
    wasm: 'assemblyscript/main.stub.wasm',
  },
  ...['floats', 'lisp'].map((p): Program => ({
    name: `emscripten/${p}`,
    kind: 'emscripten',
    wasm: `emscripten/${p}.wasm`,
    glue: `emscripten/${p}.js`,
  })),
  { name: 'go/main', kind: 'go', wasm: 'go/main.wasm', glue: 'go/wasm_exec.js', weft: LARGE },
  {
    // esbuild's own command line (Go) transforming TypeScript read from stdin.
    name: 'npm/esbuild-wasm',
    kind: 'go',
    wasm: 'npm:esbuild-wasm/esbuild.wasm',
    glue: 'npm:esbuild-wasm/wasm_exec.js',
    args: ['--loader=ts'],
    stdin: 'esbuild/input.ts',
    // A hang detector (esbuild once looped forever), not a speed bar: alone it
    // runs in ~13 s, but beside the other test tasks on 2 busy cores it took 84-91 s.
    timeoutMs: 180_000,
    weft: { engines: ['weft'], why: 'a 13 MB module: about 15-40 s a run on Weft' },
  },
  ...(
    [
      ['sql.js', 'npm:sql.js/dist/sql-wasm.wasm'],
      ['hash-wasm', 'npm:hash-wasm'],
      ['brotli-wasm', 'npm:brotli-wasm/pkg.node/brotli_wasm_bg.wasm'],
    ] as const
  ).map(([pkg, wasm]): Program => ({
    name: `npm/${pkg}`,
    kind: 'script',
    wasm,
    glue: `npm/${pkg}.cjs`,
    weft: LARGE,
  })),
];

const requireHere = createRequire(import.meta.url);

/** The absolute path of a manifest path. */
export function resolveProgramPath(p: string): string {
  return p.startsWith('npm:') ? requireHere.resolve(p.slice(4)) : join(programsDir, p);
}

export function findProgram(name: string): Program {
  const p = PROGRAMS.find((q) => q.name === name);
  if (p === undefined) throw new Error(`no program named ${name}`);
  return p;
}
