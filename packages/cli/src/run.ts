/** `weft run`: a WASI command's `_start`, or one export with `--invoke`. */
import {
  Config,
  Engine,
  LinkError,
  Linker,
  Store,
  StoreLimitsBuilder,
  Trap,
  WasmException,
  type Func,
  type Instance,
} from 'weft-wasm';
import { parseWat } from '@weft/wast';
import { addToLinker, WasiCtxBuilder, WasiExit, type WasiCtx } from '@weft/wasi';
import { compileSource, displayName, readSource } from './load.js';
import { CliError, describe, print, TRAP_EXIT_CODE, trapCauses, UsageError } from './report.js';
import { defineSharedMemories, runThreaded, spawnsThreads } from './threads.js';
import { ArgumentError, formatValue, parseValue } from './values.js';

export const RUN_USAGE = 'weft run [OPTIONS] <WASM> [ARGS]...';

export const RUN_HELP = `Runs a WebAssembly module

Usage: ${RUN_USAGE}

Arguments:
  <WASM>     The WebAssembly module to run (binary, or text: .wat)
  [ARGS]...  Arguments passed to the program (its argv[1..]; argv[0] is <WASM>)

Options:
      --dir <HOST_DIR[::GUEST_DIR]>  Grant access to a host directory, seen by the guest as GUEST_DIR
                                     (default: HOST_DIR); repeatable
      --env <NAME[=VAL]>             Pass an environment variable to the program (without =VAL: the
                                     host's value); repeatable
      --invoke <FUNCTION>            Call this export with ARGS parsed by its parameter types and print
                                     its results, instead of running _start
  -W <OPT[=VAL],...>                 WebAssembly execution options; repeatable:
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
  -h, --help                         Print help

A trap prints the wasm backtrace and exits with status 134; proc_exit's code is the exit status.
A module importing wasi's thread-spawn (wasi-threads) runs each thread in a worker thread.
`;

export interface RunOptions {
  readonly dirs: { host: string; guest: string }[];
  readonly env: [string, string][];
  invoke: string | null;
  file: string;
  readonly args: string[];
  /** `-W` options, as Wasmtime spells them. */
  readonly wasm: WasmOptions;
}

/** Execution options given with `-W`. */
export interface WasmOptions {
  fuel?: number;
  /** Milliseconds. */
  timeout?: number;
  maxWasmStack?: number;
  /** The store's limiter (Wasmtime's `StoreLimits`), by `StoreLimitsBuilder` method. */
  limits?: { [M in (typeof LIMIT_OPTIONS)[keyof typeof LIMIT_OPTIONS]]?: number } & {
    trapOnGrowFailure?: boolean;
  };
}

/** The `-W` options that set the store's limiter, by the builder method each sets. */
const LIMIT_OPTIONS = {
  'max-memory-size': 'memorySize',
  'max-table-elements': 'tableElements',
  'max-instances': 'instances',
  'max-tables': 'tables',
  'max-memories': 'memories',
} as const;

/** A boolean option as Wasmtime's command line takes it: bare, or `=y`/`=n` (and yes/no, true/false). */
function parseFlag(v: string | undefined, name: string): boolean {
  if (v === undefined || ['y', 'yes', 'true'].includes(v)) return true;
  if (['n', 'no', 'false'].includes(v)) return false;
  throw new UsageError(`invalid value '${v}' for '-W ${name}': expected y or n`, RUN_USAGE);
}

/** A duration as Wasmtime's command line takes it (`500ms`, `10s`, `2m`, `1h`; bare: seconds), in ms. */
function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v.trim());
  if (m === null)
    throw new UsageError(`invalid duration '${v}' (for example 500ms, 10s, 2m)`, RUN_USAGE);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Number(m[1]) * unit;
}

function parseCount(v: string | undefined, name: string): number {
  const n = v === undefined ? NaN : Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(
      `invalid value '${v ?? ''}' for '-W ${name}': expected a whole number`,
      RUN_USAGE,
    );
  return n;
}

/** Adds the options of one `-W` argument (`fuel=10,timeout=1s`) to `o`. */
function parseWasmOptions(list: string, o: WasmOptions): void {
  for (const item of list.split(',')) {
    const eq = item.indexOf('=');
    const key = eq >= 0 ? item.slice(0, eq) : item;
    const v = eq >= 0 ? item.slice(eq + 1) : undefined;
    switch (key) {
      case 'fuel':
        o.fuel = parseCount(v, key);
        break;
      case 'timeout':
        if (v === undefined) throw new UsageError(`'-W timeout' needs a duration`, RUN_USAGE);
        o.timeout = parseDuration(v);
        break;
      case 'max-wasm-stack':
        o.maxWasmStack = parseCount(v, key);
        if (o.maxWasmStack === 0)
          throw new UsageError(`'-W max-wasm-stack' must be positive`, RUN_USAGE);
        break;
      case 'trap-on-grow-failure':
        (o.limits ??= {}).trapOnGrowFailure = parseFlag(v, key);
        break;
      default:
        if (Object.hasOwn(LIMIT_OPTIONS, key)) {
          const method = LIMIT_OPTIONS[key as keyof typeof LIMIT_OPTIONS];
          (o.limits ??= {})[method] = parseCount(v, key);
          break;
        }
        throw new UsageError(`unknown -W option '${key}'`, RUN_USAGE);
    }
  }
}

/** Parses `weft run`'s arguments; null when help was asked for. */
export function parseRunArgs(argv: readonly string[]): RunOptions | null {
  const o: RunOptions = { dirs: [], env: [], invoke: null, file: '', args: [], wasm: {} };
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
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg.startsWith('-W')) {
      // -W OPTS, -WOPTS
      parseWasmOptions(arg.length > 2 ? arg.slice(2) : value('', '-W <OPT[=VAL],...>'), o.wasm);
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
      textParser: parseWat,
      consumeFuel: w.fuel !== undefined,
      epochInterruption: w.timeout !== undefined,
      ...(w.maxWasmStack !== undefined ? { maxCallDepth: w.maxWasmStack } : {}),
    }),
  );
}

/** The WASI context of the options: arguments, environment, preopens, the host's stdio. */
export function makeWasi(o: RunOptions, what: string): WasiCtx {
  try {
    const builder = new WasiCtxBuilder().arg(o.file).args(o.args).envs(o.env).inheritStdio();
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

/**
 * Runs `weft run`; returns the exit status. A module that spawns threads
 * (it imports wasi-threads' `thread-spawn`) runs on worker threads and the
 * status comes when the program exits (see threads.ts).
 */
export function run(o: RunOptions): number | Promise<number> {
  const what = `failed to run main module \`${o.file}\``;
  const w = o.wasm;
  const engine = makeEngine(w);
  const source = readSource(o.file, what);
  const module = compileSource(engine, source, o.file, what);
  if (spawnsThreads(module)) return runThreaded(o, source, module);
  const name = module.name ?? displayName(o.file);
  const ctx = makeWasi(o, what);
  const store = makeStore(engine, w);
  const linker = new Linker(engine);
  addToLinker(linker, store, ctx);
  defineSharedMemories(linker, store, module);
  const guard = makeGuard(what, name);

  try {
    let instance: Instance | undefined;
    const status = guard(`failed to instantiate \`${o.file}\``, () => {
      instance = linker.instantiate(store, module);
    });
    if (instance === undefined) return status;

    return runMain(o, store, instance, guard);
  } finally {
    ctx.close();
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
  const func: Func | null = instance.getFunc(store, name);
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
