/** `weft run`: a WASI command's `_start`, or one export with `--invoke`. */
import { basename } from 'node:path';
import {
  Config,
  Engine,
  LinkError,
  Linker,
  Store,
  StoreLimitsBuilder,
  Trap,
  WasmException,
  type Instance,
  type Module,
} from 'weft-wasm';
import {
  addToLinker,
  WASI_MODULE,
  WASI_UNSTABLE_MODULE,
  WasiCtxBuilder,
  WasiExit,
  type WasiCtx,
  type WasiModuleName,
} from '@weft/wasi';
import { compileSource, displayName, readSource, STDIN } from './load.js';
import {
  applyGroup,
  LIMIT_OPTIONS,
  wasiGroup,
  wasmGroup,
  type WasiOptions,
  type WasmOptions,
} from './options.js';
import {
  CliError,
  describe,
  HelpPrinted,
  print,
  TRAP_EXIT_CODE,
  trapCauses,
  UsageError,
} from './report.js';
import { parseText, textFormatFor } from './text.js';
import { defineSharedMemories, runThreaded, spawnsThreads, type SharedImport } from './threads.js';
import { ArgumentError, formatValue, parseValue } from './values.js';

export const RUN_USAGE = 'weft run [OPTIONS] <WASM> [ARGS]...';

export const RUN_HELP = `Runs a WebAssembly module

Usage: ${RUN_USAGE}

Arguments:
  <WASM>     The WebAssembly module to run (binary, or text: .wat); - reads it from standard input
  [ARGS]...  Arguments passed to the program (its argv[1..]; argv[0] is <WASM>'s file name)

Options:
      --invoke <FUNCTION>            Call this export with ARGS parsed by its parameter types and print
                                     its results, instead of running _start
      --preload <NAME=MODULE_PATH>   Instantiate this module first (linked with WASI and the modules
                                     preloaded before it) and provide its exports as imports from
                                     module NAME; repeatable
      --argv0 <ARGV0>                The program's argv[0] (default: the module's file name, without
                                     its directory)
      --dir <HOST_DIR[::GUEST_DIR]>  Grant access to a host directory, seen by the guest as GUEST_DIR
                                     (default: HOST_DIR); repeatable
      --env <NAME[=VAL]>             Pass an environment variable to the program (without =VAL: the
                                     host's value); repeatable
  -W, --wasm <KEY[=VAL[,..]]>        WebAssembly execution options, \`-W help\` to see all:
                                       fuel=N                      stop (trap) after N units of fuel
                                       timeout=DURATION            stop (trap) after DURATION (500ms, 10s, 2m, 1h)
                                       max-wasm-stack=N            deepest wasm call stack, in frames (20000)
                                       max-memory-size=BYTES       largest size of any one memory
                                       max-table-elements=N        most elements of any one table
                                       max-instances=N             most instances (10000)
                                       max-tables=N                most tables (10000)
                                       max-memories=N              most memories (10000)
                                       trap-on-grow-failure[=y|n]  a failed memory.grow or table.grow stops
                                                                   the program instead of returning -1
                                       unknown-imports-trap[=y|n]  missing function imports trap when called
                                       custom-page-sizes[=y|n]     proposals beyond WebAssembly 3.0; also
                                       custom-descriptors[=y|n]    all-proposals[=y|n]
  -S, --wasi <KEY[=VAL[,..]]>        WASI options, \`-S help\` to see all:
                                       cli[=y|n]                   n: provide no WASI imports at all
                                       inherit-env[=y|n]           pass all the host's environment variables
                                       preview0[=y|n]              n: do not provide wasi_unstable
                                       threads[=y|n]               n: do not provide wasi-threads
  -h, --help                         Print help

A trap prints the wasm backtrace and exits with status 134; proc_exit's code is the exit status.
A module importing wasi's thread-spawn (wasi-threads) runs each thread in a worker thread.
`;

export interface RunOptions {
  readonly dirs: { host: string; guest: string }[];
  readonly env: [string, string][];
  invoke: string | null;
  /** The main module's path as given (`-`: standard input). */
  file: string;
  readonly args: string[];
  /** `--argv0`: the program's `argv[0]` (null: the module's file name). */
  argv0: string | null;
  /** `--preload NAME=PATH`, in order. */
  readonly preloads: { name: string; path: string }[];
  /** `-W` options, as Wasmtime spells them. */
  readonly wasm: WasmOptions;
  /** `-S` options, as Wasmtime spells them. */
  readonly wasi: WasiOptions;
}

export type { WasiOptions, WasmOptions } from './options.js';

/** Parses `weft run`'s arguments; null when help was asked for. */
export function parseRunArgs(argv: readonly string[]): RunOptions | null {
  const o: RunOptions = {
    dirs: [],
    env: [],
    invoke: null,
    file: '',
    args: [],
    argv0: null,
    preloads: [],
    wasm: {},
    wasi: {},
  };
  const wasmOptions = wasmGroup(RUN_USAGE, true);
  const wasiOptions = wasiGroup(RUN_USAGE);
  let i = 0;
  const value = (arg: string, name: string): string => {
    const eq = arg.indexOf('=');
    if (eq >= 0) return arg.slice(eq + 1);
    const v = argv[++i];
    if (v === undefined) {
      throw new UsageError(`a value is required for '${name}' but none was supplied`, RUN_USAGE);
    }
    return v;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === STDIN) break;
    // -W OPTS, -WOPTS, --wasm OPTS, --wasm=OPTS; likewise -S, --wasi.
    const group =
      arg.startsWith('-W') || /^--wasm(=|$)/.test(arg)
        ? wasmOptions
        : arg.startsWith('-S') || /^--wasi(=|$)/.test(arg)
          ? wasiOptions
          : null;
    if (group !== null) {
      const list = arg.startsWith('--')
        ? value(arg, `--${group.long} <KEY[=VAL[,..]]>`)
        : arg.length > 2
          ? arg.slice(2)
          : value('', `-${group.short} <KEY[=VAL[,..]]>`);
      const applied =
        group === wasmOptions
          ? applyGroup(wasmOptions, list, o.wasm, RUN_USAGE)
          : applyGroup(wasiOptions, list, o.wasi, RUN_USAGE);
      if (!applied) throw new HelpPrinted();
      continue;
    }
    const name = arg.split('=')[0]!;
    switch (name) {
      case '-h':
      case '--help':
        return null;
      case '--dir': {
        const v = value(arg, '--dir <HOST_DIR[::GUEST_DIR]>');
        const sep = v.indexOf('::');
        o.dirs.push(
          sep >= 0 ? { host: v.slice(0, sep), guest: v.slice(sep + 2) } : { host: v, guest: v },
        );
        break;
      }
      case '--env': {
        const v = value(arg, '--env <NAME[=VAL]>');
        const eq = v.indexOf('=');
        if (eq === 0) throw new UsageError(`invalid environment variable '${v}'`, RUN_USAGE);
        if (eq > 0) o.env.push([v.slice(0, eq), v.slice(eq + 1)]);
        else if (process.env[v] !== undefined) o.env.push([v, process.env[v]!]);
        break;
      }
      case '--invoke':
        o.invoke = value(arg, '--invoke <FUNCTION>');
        break;
      case '--argv0':
        o.argv0 = value(arg, '--argv0 <ARGV0>');
        break;
      case '--preload': {
        const v = value(arg, '--preload <NAME=MODULE_PATH>');
        const eq = v.indexOf('=');
        if (eq < 0) {
          throw new UsageError(
            `invalid value '${v}' for '--preload <NAME=MODULE_PATH>': must contain exactly one equals character ('=')`,
            RUN_USAGE,
          );
        }
        o.preloads.push({ name: v.slice(0, eq), path: v.slice(eq + 1) });
        break;
      }
      default:
        throw new UsageError(`unexpected argument '${arg}' found`, RUN_USAGE);
    }
  }
  const file = argv[i];
  if (file === undefined) {
    throw new UsageError(
      'the following required arguments were not provided:\n  <WASM>',
      RUN_USAGE,
    );
  }
  o.file = file;
  o.args.push(...argv.slice(i + 1));
  return o;
}

/** The engine of `-W` options. */
export function makeEngine(w: WasmOptions): Engine {
  return new Engine(
    new Config({
      textParser: parseText,
      consumeFuel: w.fuel !== undefined,
      epochInterruption: w.timeout !== undefined,
      ...(w.maxWasmStack !== undefined ? { maxCallDepth: w.maxWasmStack } : {}),
      ...(w.features !== undefined ? { features: w.features } : {}),
    }),
  );
}

/**
 * The program's `argv[0]`: `--argv0`, else the last component of the
 * module's path, so that host paths do not reach the guest, as Wasmtime's
 * `compute_argv` (src/commands/run.rs) takes
 * `Path::new(module).components().next_back()` ("only include the base name
 * of the main wasm module, to avoid leaking path information").
 */
export function programName(o: RunOptions): string {
  return o.argv0 ?? basename(o.file);
}

/**
 * The WASI context of the options: arguments, environment (the host's
 * first with `-S inherit-env`, then `--env`), preopens, the host's stdio.
 */
export function makeWasi(o: RunOptions, what: string): WasiCtx {
  try {
    const builder = new WasiCtxBuilder().arg(programName(o)).args(o.args);
    if (o.wasi.inheritEnv === true) builder.inheritEnv();
    builder.envs(o.env).inheritStdio();
    for (const d of o.dirs) builder.preopenDir(d.host, d.guest);
    return builder.build();
  } catch (e) {
    const dir = o.dirs.map((d) => d.host).join(', ');
    throw new CliError(what, [`failed to open directory ${dir}`, describe(e)]);
  }
}

/** A store with the fuel, deadline and limits of `-W` options. */
export function makeStore(engine: Engine, w: WasmOptions): Store {
  const store = new Store(engine);
  if (w.limits !== undefined) {
    const l = w.limits;
    const b = new StoreLimitsBuilder();
    for (const method of Object.values(LIMIT_OPTIONS)) {
      const n = l[method];
      if (n !== undefined) b[method](n);
    }
    if (l.trapOnGrowFailure !== undefined) b.trapOnGrowFailure(l.trapOnGrowFailure);
    const limiter = b.build();
    store.limiter(() => limiter);
  }
  if (w.fuel !== undefined) store.setFuel(w.fuel);
  if (w.timeout !== undefined) {
    store.setEpochDeadline(2 ** 30); // only the clock stops this program
    store.setDeadline(w.timeout);
  }
  return store;
}

/** Runs a step's `body`, turning what it throws into an exit status or a report. */
export type Guard = (step: string, body: () => void) => number;

/** The guard of the module `name` reported under `what`. */
export function makeGuard(what: string, name: string): Guard {
  return (step, body) => {
    try {
      body();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code & 0xff;
      if (e instanceof Trap) {
        throw new CliError(what, [step, ...trapCauses(e, name)], TRAP_EXIT_CODE);
      }
      if (e instanceof LinkError) throw new CliError(what, [describe(e)]);
      if (e instanceof WasmException) throw new CliError(what, [step, 'uncaught wasm exception']);
      if (e instanceof CliError) throw e;
      throw new CliError(what, [step, describe(e)]);
    }
  };
}

/** A `--preload` module's source, read before anything runs (workers get it, not the path). */
export interface PreloadSource {
  readonly name: string;
  readonly path: string;
  readonly source: Uint8Array | string;
}

/** What a failure of preload `p` is reported under. */
function preloadWhat(p: { name: string; path: string }): string {
  return `failed to process preload \`${p.name}\` at \`${p.path}\``;
}

/** Reads the `--preload` modules. */
export function readPreloads(o: RunOptions): PreloadSource[] {
  return o.preloads.map((p) => ({ ...p, source: readSource(p.path, preloadWhat(p)) }));
}

/**
 * Defines each `--preload` module's exports under its name with
 * `Linker.module`, as `wasmtime run` does: the module is linked with what
 * `linker` has then (WASI, the modules preloaded before it); a reactor is
 * instantiated once and initialized, a command gets a fresh instance at
 * each call of one of its functions. Returns 0, or the exit status if
 * initializing one ended the program (`proc_exit`).
 */
export function linkPreloads(
  linker: Linker,
  store: Store,
  preloads: readonly PreloadSource[],
): number {
  for (const p of preloads) {
    const what = preloadWhat(p);
    const module = compileSource(store.engine, p.source, p.path, what);
    const guard = makeGuard(what, module.name ?? displayName(p.path));
    const status = guard(`failed to instantiate \`${p.path}\``, () => {
      linker.module(store, p.name, module);
    });
    if (status !== 0) return status;
  }
  return 0;
}

/**
 * The linker of the main module: WASI (unless `-S cli=n`), shared memories,
 * `more` (wasi-threads' `thread-spawn` in a thread), the preloaded modules,
 * then, with `-W unknown-imports-trap`, traps for the main module's missing
 * functions. Returns the linker, or the exit status if a preload ended the
 * program.
 */
export function makeLinker(
  o: RunOptions,
  store: Store,
  module: Module,
  ctx: WasiCtx | null,
  preloads: readonly PreloadSource[],
  shared: readonly SharedImport[] | null,
  more: (linker: Linker) => void = () => {},
): Linker | number {
  const linker = new Linker(store.engine);
  if (ctx !== null) {
    const modules: WasiModuleName[] =
      o.wasi.preview0 === false ? [WASI_MODULE] : [WASI_MODULE, WASI_UNSTABLE_MODULE];
    addToLinker(linker, store, ctx, { modules });
  }
  defineSharedMemories(linker, store, module, shared);
  more(linker);
  const status = linkPreloads(linker, store, preloads);
  if (status !== 0) return status;
  if (o.wasm.unknownImportsTrap === true) linker.defineUnknownImportsAsTraps(store, module);
  return linker;
}

/**
 * Runs `weft run`; returns the exit status. A module that spawns threads
 * (it imports wasi-threads' `thread-spawn`) runs on worker threads and the
 * status comes when the program exits (see threads.ts).
 */
export async function run(o: RunOptions): Promise<number> {
  const what = `failed to run main module \`${o.file}\``;
  const w = o.wasm;
  const engine = makeEngine(w);
  const source = readSource(o.file, what);
  await textFormatFor([source]);
  const module = compileSource(engine, source, o.file, what);
  const preloads = readPreloads(o);
  await textFormatFor(preloads.map((p) => p.source));
  if (o.wasi.threads !== false && spawnsThreads(module)) {
    return runThreaded(o, source, module, preloads);
  }
  const name = module.name ?? displayName(o.file);
  const ctx = o.wasi.cli === false ? null : makeWasi(o, what);
  const store = makeStore(engine, w);
  try {
    const linker = makeLinker(o, store, module, ctx, preloads, null);
    if (typeof linker === 'number') return linker;
    const guard = makeGuard(what, name);
    let instance: Instance | undefined;
    const status = guard(`failed to instantiate \`${o.file}\``, () => {
      instance = linker.instantiate(store, module);
    });
    if (instance === undefined) return status;

    return runMain(o, store, instance, guard);
  } finally {
    ctx?.close();
  }
}

/**
 * Runs what the command line asks of an instantiated module: the function
 * named by `--invoke`, or else the command's `_start` (a module without one
 * has done its work by instantiating). Returns the exit status.
 */
export function runMain(o: RunOptions, store: Store, instance: Instance, guard: Guard): number {
  if (o.invoke !== null) return invoke(o, store, instance, guard);
  const start = instance.getFunc(store, '_start');
  if (start === null) return 0;
  return guard('failed to invoke command default', () => {
    start.call(store);
  });
}

export function invoke(
  o: RunOptions,
  store: Store,
  instance: Instance,
  guard: (step: string, body: () => void) => number,
): number {
  const what = `failed to run main module \`${o.file}\``;
  const name = o.invoke!;
  const func = instance.getFunc(store, name);
  if (func === null) throw new CliError(what, [`no func export named \`${name}\` found`]);
  const init = instance.getFunc(store, '_initialize');
  if (init !== null) {
    const status = guard('failed to run `_initialize`', () => {
      init.call(store);
    });
    if (status !== 0) return status;
  }
  const type = func.type(store);
  if (o.args.length !== type.params.length) {
    throw new CliError(what, [
      `invalid number of arguments: \`${name}\` takes ${type.params.length}, ${o.args.length} given`,
    ]);
  }
  let args: unknown[];
  try {
    args = type.params.map((t, i) => parseValue(o.args[i]!, t));
  } catch (e) {
    if (e instanceof ArgumentError) throw new CliError(what, [e.message]);
    throw e;
  }
  let out: unknown;
  const status = guard(`failed to invoke \`${name}\``, () => {
    out = func.call(store, ...args);
  });
  if (status !== 0) return status;
  const results = type.results.length === 1 ? [out] : ((out ?? []) as unknown[]);
  let text = '';
  type.results.forEach((t, i) => {
    text += formatValue(results[i], t) + '\n';
  });
  print(1, text);
  return 0;
}
