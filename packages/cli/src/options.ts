/**
 * The `-W` (`--wasm`) and `-S` (`--wasi`) option groups, spelled as
 * Wasmtime's (its `wasmtime_option_group!`s in crates/cli-flags): each
 * argument is a comma-separated list of `KEY[=VAL]`, booleans are bare or
 * `=y`/`=n` (yes/no, true/false), `-W help` lists the keys. Keys Wasmtime
 * has that Weft cannot honour are known here and refused with the reason;
 * other keys are unknown (Wasmtime: `unknown -W / --wasm option: KEY`).
 */
import type { ConfigOptions } from 'weft-wasm';
import { print, UsageError } from './report.js';

/** The optional proposals of an engine. */
type Features = {
  -readonly [K in keyof Required<NonNullable<ConfigOptions['features']>>]: boolean;
};

/** The store limiter's `-W` options, by the `StoreLimitsBuilder` method each sets. */
export const LIMIT_OPTIONS = {
  'max-memory-size': 'memorySize',
  'max-table-elements': 'tableElements',
  'max-instances': 'instances',
  'max-tables': 'tables',
  'max-memories': 'memories',
} as const;

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
  /** Missing function imports of the main module trap when called (`unknown-imports-trap`). */
  unknownImportsTrap?: boolean;
  /** Proposals beyond WebAssembly 3.0 (`custom-page-sizes`, `all-proposals`, ...). */
  features?: Partial<Features>;
}

/** WASI options given with `-S`. */
export interface WasiOptions {
  /** false: no WASI imports at all (`-S cli=n`). */
  cli?: boolean;
  /** Every host environment variable, `--env` applied after (`-S inherit-env`). */
  inheritEnv?: boolean;
  /** false: `wasi_unstable` is not linked, only `wasi_snapshot_preview1` (`-S preview0=n`). */
  preview0?: boolean;
  /** false: `wasi.thread-spawn` is not provided (`-S threads=n`). */
  threads?: boolean;
}

/** One key of an option group. */
interface OptionDesc<T> {
  readonly name: string;
  /** How its value is written, for `-W help`: `[=y|n]`, `=N`, ... */
  readonly value: string;
  readonly doc: string;
  /** A Wasmtime option Weft refuses (`doc` says why). */
  readonly unsupported?: true;
  /** Sets the option; `key` is its name (for messages), `v` what follows `=`. */
  readonly apply: (o: T, v: string | undefined, key: string) => void;
}

/** An option group: `-W`/`--wasm` or `-S`/`--wasi`. */
export interface OptionGroup<T> {
  readonly short: string;
  readonly long: string;
  readonly options: readonly OptionDesc<T>[];
}

/** A boolean value as Wasmtime takes it: bare, `y`/`yes`/`true` or `n`/`no`/`false`. */
export function parseBool(v: string | undefined, flag: string, usage: string): boolean {
  if (v === undefined || ['y', 'yes', 'true'].includes(v)) return true;
  if (['n', 'no', 'false'].includes(v)) return false;
  throw new UsageError(`invalid value '${v}' for '${flag}': expected y or n`, usage);
}

/** A duration as Wasmtime takes it (`500ms`, `10s`, `2m`, `1h`; bare: seconds), in ms. */
function parseDuration(v: string | undefined, flag: string, usage: string): number {
  if (v === undefined) throw new UsageError(`'${flag}' needs a duration`, usage);
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v.trim());
  if (m === null)
    throw new UsageError(`invalid duration '${v}' (for example 500ms, 10s, 2m)`, usage);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
}

/** A whole number (decimal, or hex with `0x`, as Wasmtime's). */
function parseCount(v: string | undefined, flag: string, usage: string): number {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(
      `invalid value '${v ?? ''}' for '${flag}': expected a whole number`,
      usage,
    );
  return n;
}

/**
 * WebAssembly proposals Weft always implements (WebAssembly 3.0, threads and
 * wide arithmetic): `-W NAME[=y]` is accepted (nothing to change), `=n` refused.
 */
const ALWAYS_ON = [
  'bulk-memory',
  'exceptions',
  'extended-const',
  'function-references',
  'gc',
  'memory64',
  'multi-memory',
  'multi-value',
  'reference-types',
  'relaxed-simd',
  'shared-memory',
  'simd',
  'tail-call',
  'threads',
  'wide-arithmetic',
] as const;

/** The optional proposals Weft implements, by `-W` name. */
const FEATURE_OPTIONS = {
  'custom-page-sizes': 'customPageSizes',
  'custom-descriptors': 'customDescriptors',
} as const satisfies Record<string, keyof Features>;

/** Wasmtime `-W` keys whose features Weft does not have. */
const WASM_UNSUPPORTED: Record<string, string> = {
  'nan-canonicalization': 'NaN results are not canonicalized',
  'epoch-interruption': 'use -W timeout, which stops the program with an interrupt trap',
  'async-stack-size': 'calls do not run on separate stacks',
  'async-stack-zeroing': 'calls do not run on separate stacks',
  'unknown-exports-allow': 'there is no check of command exports to relax',
  'unknown-imports-default':
    'missing imports can trap (-W unknown-imports-trap), not return defaults',
  wmemcheck: 'there is no memory checker',
  'relaxed-simd-deterministic': 'relaxed SIMD instructions are not configurable',
  'component-model': 'components are not supported, only core modules',
  'stack-switching': 'the stack-switching proposal is not implemented',
  'shared-everything-threads': 'the shared-everything-threads proposal is not implemented',
  'concurrency-support': 'components are not supported, only core modules',
};

/**
 * The `-W` options of a command: `run` has all of them, `wast` the
 * proposals only (`execution` false).
 */
export function wasmGroup(usage: string, execution: boolean): OptionGroup<WasmOptions> {
  const flag = (key: string): string => `-W ${key}`;
  const options: OptionDesc<WasmOptions>[] = [];
  if (execution) {
    options.push(
      {
        name: 'fuel',
        value: '=N',
        doc: 'Give the program N units of fuel (Wasmtime costs); running out traps',
        apply: (o, v, k) => (o.fuel = parseCount(v, flag(k), usage)),
      },
      {
        name: 'timeout',
        value: '=DURATION',
        doc: 'Stop the program after DURATION (500ms, 10s, 2m, 1h; bare: seconds) with an interrupt trap',
        apply: (o, v, k) => (o.timeout = parseDuration(v, flag(k), usage)),
      },
      {
        name: 'max-wasm-stack',
        value: '=N',
        doc: 'Deepest wasm call stack, in frames (Weft counts frames, Wasmtime bytes; default 20000)',
        apply: (o, v, k) => {
          o.maxWasmStack = parseCount(v, flag(k), usage);
          if (o.maxWasmStack === 0) throw new UsageError(`'${flag(k)}' must be positive`, usage);
        },
      },
      {
        name: 'max-memory-size',
        value: '=BYTES',
        doc: 'Largest size of any one memory: memory.grow past it returns -1',
        apply: (o, v, k) => ((o.limits ??= {}).memorySize = parseCount(v, flag(k), usage)),
      },
      {
        name: 'max-table-elements',
        value: '=N',
        doc: 'Most elements of any one table',
        apply: (o, v, k) => ((o.limits ??= {}).tableElements = parseCount(v, flag(k), usage)),
      },
      {
        name: 'max-instances',
        value: '=N',
        doc: 'Most instances (default 10000)',
        apply: (o, v, k) => ((o.limits ??= {}).instances = parseCount(v, flag(k), usage)),
      },
      {
        name: 'max-tables',
        value: '=N',
        doc: 'Most tables (default 10000)',
        apply: (o, v, k) => ((o.limits ??= {}).tables = parseCount(v, flag(k), usage)),
      },
      {
        name: 'max-memories',
        value: '=N',
        doc: 'Most memories (default 10000)',
        apply: (o, v, k) => ((o.limits ??= {}).memories = parseCount(v, flag(k), usage)),
      },
      {
        name: 'trap-on-grow-failure',
        value: '[=y|n]',
        doc: 'A failed memory.grow or table.grow stops the program instead of returning -1',
        apply: (o, v, k) => ((o.limits ??= {}).trapOnGrowFailure = parseBool(v, flag(k), usage)),
      },
      {
        name: 'unknown-imports-trap',
        value: '[=y|n]',
        doc: 'Missing function imports of the main module are defined as functions that trap when called',
        apply: (o, v, k) => (o.unknownImportsTrap = parseBool(v, flag(k), usage)),
      },
    );
  } else {
    for (const name of [
      'fuel',
      'timeout',
      'max-wasm-stack',
      ...Object.keys(LIMIT_OPTIONS),
      'trap-on-grow-failure',
      'unknown-imports-trap',
    ]) {
      options.push(
        unsupported(
          name,
          'scripts run without execution limits (`weft run` has them)',
          flag,
          usage,
          '`weft wast`',
        ),
      );
    }
  }
  options.push({
    name: 'all-proposals',
    value: '[=y|n]',
    doc: 'Enable every proposal Weft implements (custom-page-sizes, custom-descriptors)',
    apply: (o, v, k) => {
      const on = parseBool(v, flag(k), usage);
      for (const f of Object.values(FEATURE_OPTIONS)) (o.features ??= {})[f] = on;
    },
  });
  for (const [name, feature] of Object.entries(FEATURE_OPTIONS)) {
    options.push({
      name,
      value: '[=y|n]',
      doc:
        name === 'custom-descriptors'
          ? 'Enable the custom-descriptors proposal (Weft only; not a Wasmtime option)'
          : `Enable the ${name} proposal`,
      apply: (o, v, k) => ((o.features ??= {})[feature] = parseBool(v, flag(k), usage)),
    });
  }
  for (const name of ALWAYS_ON) {
    options.push({
      name,
      value: '[=y]',
      doc: `The ${name} proposal: always enabled in Weft`,
      apply: (_o, v, k) => {
        if (!parseBool(v, flag(k), usage))
          throw new UsageError(
            `'${flag(k)}=${v}' is not supported by Weft: ${name} is always enabled`,
            usage,
          );
      },
    });
  }
  for (const [name, why] of Object.entries(WASM_UNSUPPORTED)) {
    options.push(unsupported(name, why, flag, usage));
  }
  return { short: 'W', long: 'wasm', options };
}

/** Wasmtime `-S` keys Weft does not implement: the reason for each. */
const WASI_UNSUPPORTED: Record<string, string> = {
  preview2:
    'WASI preview 2 (the component model) is not implemented; Weft provides wasi_snapshot_preview1 and wasi_unstable',
  p3: 'WASI preview 3 is not implemented',
  'inherit-network':
    "Weft's WASI (preview 1) opens no sockets of its own: there is no host network to inherit",
  'allow-ip-name-lookup': 'WASI sockets (preview 2) are not implemented',
  tcp: 'WASI sockets (preview 2) are not implemented',
  udp: 'WASI sockets (preview 2) are not implemented',
  tcplisten: 'preopened sockets are not implemented',
  listenfd: 'preopened sockets are not implemented',
  'network-error-code': 'WASI sockets (preview 2) are not implemented',
  'cli-exit-with-code': 'WASI preview 2 (the component model) is not implemented',
  nn: 'wasi-nn is not implemented',
  'nn-graph': 'wasi-nn is not implemented',
  http: 'wasi-http is not implemented',
  'http-outgoing-body-buffer-chunks': 'wasi-http is not implemented',
  'http-outgoing-body-chunk-size': 'wasi-http is not implemented',
  'max-http-fields-size': 'wasi-http is not implemented',
  config: 'wasi-config is not implemented',
  'config-var': 'wasi-config is not implemented',
  keyvalue: 'wasi-keyvalue is not implemented',
  'keyvalue-in-memory-data': 'wasi-keyvalue is not implemented',
  tls: 'wasi-tls is not implemented',
  'max-resources': 'WASI preview 2 resources are not implemented',
  'hostcall-fuel': 'WASI preview 2 (the component model) is not implemented',
  'max-random-size': 'WASI preview 2 (the component model) is not implemented',
};

/** The `-S` options of `weft run`. */
export function wasiGroup(usage: string): OptionGroup<WasiOptions> {
  const flag = (key: string): string => `-S ${key}`;
  const options: OptionDesc<WasiOptions>[] = [
    {
      name: 'cli',
      value: '[=y|n]',
      doc: 'Provide WASI (wasi_snapshot_preview1, wasi_unstable); =n: no WASI imports at all',
      apply: (o, v, k) => (o.cli = parseBool(v, flag(k), usage)),
    },
    {
      name: 'common',
      value: '[=y|n]',
      doc: 'Deprecated alias for cli',
      apply: (o, v, k) => (o.cli = parseBool(v, flag(k), usage)),
    },
    {
      name: 'inherit-env',
      value: '[=y|n]',
      doc: "Pass all the host's environment variables (--env still sets or overrides one)",
      apply: (o, v, k) => (o.inheritEnv = parseBool(v, flag(k), usage)),
    },
    {
      name: 'preview0',
      value: '[=y|n]',
      doc: 'Also provide wasi_unstable, the older snapshot (default y)',
      apply: (o, v, k) => (o.preview0 = parseBool(v, flag(k), usage)),
    },
    {
      name: 'threads',
      value: '[=y|n]',
      doc: 'Provide wasi-threads (thread-spawn) to modules importing it (default y)',
      apply: (o, v, k) => (o.threads = parseBool(v, flag(k), usage)),
    },
  ];
  for (const [name, why] of Object.entries(WASI_UNSUPPORTED)) {
    options.push(unsupported(name, why, flag, usage));
  }
  return { short: 'S', long: 'wasi', options };
}

/**
 * A Wasmtime key Weft does not implement: refused with `why`, except `=n`
 * of a boolean one (turning off what is not there changes nothing).
 */
function unsupported<T>(
  name: string,
  why: string,
  flag: (key: string) => string,
  usage: string,
  by = 'Weft',
): OptionDesc<T> {
  return {
    name,
    value: '',
    doc: `not supported by ${by}: ${why}`,
    unsupported: true,
    apply: (_o, v) => {
      if (v !== undefined && ['n', 'no', 'false'].includes(v)) return;
      throw new UsageError(`'${flag(name)}' is not supported by ${by}: ${why}`, usage);
    },
  };
}

/** The group's help (`-W help`), as Wasmtime prints it. */
export function groupHelp<T>(g: OptionGroup<T>): string {
  const supported = g.options.filter((d) => d.unsupported !== true);
  const others = g.options.filter((d) => d.unsupported === true);
  const width = Math.max(...supported.map((d) => d.name.length + d.value.length));
  let out = `Available ${g.long} options:\n\n`;
  for (const d of supported) {
    out += `  -${g.short} ${(d.name + d.value).padEnd(width)} -- ${d.doc}\n`;
  }
  if (others.length > 0) {
    const names = others.map((d) => d.name).join(', ');
    out += `\nWasmtime options not supported here: ${wrap(names, 2, 36)}\n`;
  }
  return out;
}

/**
 * Applies one argument of a group (`fuel=10,timeout=1s`) to `o`. Returns
 * false when it was `help` (the list was printed; the command ends there).
 */
export function applyGroup<T>(g: OptionGroup<T>, list: string, o: T, usage: string): boolean {
  if (list === 'help' || list === 'help-long') {
    print(1, groupHelp(g));
    return false;
  }
  for (const item of list.split(',')) {
    const eq = item.indexOf('=');
    const key = eq >= 0 ? item.slice(0, eq) : item;
    const v = eq >= 0 ? item.slice(eq + 1) : undefined;
    const d = g.options.find((x) => x.name === key);
    if (d === undefined) {
      const known = g.options.filter((x) => x.unsupported !== true).map((x) => x.name);
      throw new UsageError(
        `unknown -${g.short} / --${g.long} option: ${key}\n\n` +
          `  known -${g.short} options: ${wrap(known.join(', '), 4, 22)}\n` +
          `  (\`-${g.short} help\` describes them)`,
        usage,
      );
    }
    d.apply(o, v, key);
  }
  return true;
}

/**
 * `text` broken at spaces into lines of at most 100 columns, the first
 * starting at column `first`, the others at `indent`.
 */
function wrap(text: string, indent: number, first: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const width = 100 - (lines.length === 0 ? first : indent);
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(indent));
}
