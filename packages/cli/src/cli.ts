/** The `weft` command: subcommands, help and error reporting. */
import { existsSync } from 'node:fs';
import { STDIN } from './load.js';
import { parseRunArgs, run, RUN_HELP } from './run.js';
import { CliError, HelpPrinted, print, UsageError } from './report.js';
import { validate, VALIDATE_HELP, VALIDATE_USAGE } from './validate.js';

export const VERSION = '0.1.0';

const USAGE = 'weft [OPTIONS] <COMMAND>';

export const HELP = `Weft: a WebAssembly runtime in TypeScript

Usage: ${USAGE}
       weft [OPTIONS] <WASM> [ARGS]...   (same as \`weft run\`)

Commands:
  run       Runs a WebAssembly module
  wast      Runs WebAssembly test script files
  validate  Validates WebAssembly modules
  help      Print this message or the help of the given subcommand

Options:
  -h, --help     Print help
  -V, --version  Print version

If the first argument is not a command, it is the module to run: \`weft foo.wasm\`
is \`weft run foo.wasm\`.
`;

/**
 * `weft compile`: Wasmtime's writes a precompiled `.cwasm`; Weft has no
 * serialized compiled form (modules compile when loaded, in the process
 * that runs them), so the command is refused with the reason rather than
 * doing nothing.
 */
const COMPILE_CAUSES = [
  'modules are compiled when they are loaded; there is no precompiled form (like .cwasm) to write',
  'use `weft validate` to check that a module decodes and validates',
];

/**
 * The help of each subcommand. `weft wast` (the script runner and the text
 * format) is loaded only when used: `weft run` starts without it.
 */
const SUBCOMMANDS: Record<string, () => string | Promise<string>> = {
  run: () => RUN_HELP,
  wast: async () => (await import('./wast.js')).WAST_HELP,
  validate: () => VALIDATE_HELP,
};

/** Operands of a subcommand that only takes files and `--help`; null when help was asked for. */
function files(argv: readonly string[], usage: string, what: string): string[] | null {
  const out: string[] = [];
  let options = true;
  for (const arg of argv) {
    if (options && arg === '--') options = false;
    else if (options && (arg === '-h' || arg === '--help')) return null;
    else if (options && arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unexpected argument '${arg}' found`, usage);
    } else out.push(arg);
  }
  if (out.length === 0) {
    throw new UsageError(`the following required arguments were not provided:\n  ${what}`, usage);
  }
  return out;
}

/** The subcommands, for `unrecognized subcommand` reports. */
const COMMANDS = ['run', 'wast', 'validate', 'help'] as const;

/** Edit distance of `a` and `b` (for clap's "a similar subcommand exists"). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * Whether `weft ARG ...` runs ARG (as `wasmtime ARG` does: a first argument
 * that is not a command is the module of `run`): it exists, is `-`
 * (stdin), or looks like a path (a `.` or a `/` in it), so that a missing
 * module is reported as such. A bare word that is no file is a mistyped
 * command.
 */
function isModuleArg(arg: string): boolean {
  return arg === STDIN || /[./\\]/.test(arg) || existsSync(arg);
}

/** The report of a first argument that is neither a command nor a file. */
function unrecognized(word: string): UsageError {
  const similar = COMMANDS.filter((c) => distance(word, c) <= 2);
  let text = `unrecognized subcommand '${word}'`;
  if (similar.length > 0) text += `\n\n  tip: a similar subcommand exists: '${similar[0]}'`;
  text += `\n  (no file named '${word}' either: to run a module, give its path)`;
  return new UsageError(text, USAGE);
}

function dispatch(argv: readonly string[]): number | Promise<number> {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      print(2, HELP);
      return 2;
    case '-h':
    case '--help':
      print(1, HELP);
      return 0;
    case '-V':
    case '--version':
      print(1, `weft ${VERSION}\n`);
      return 0;
    case 'help': {
      const topic = rest[0];
      const help = topic === undefined ? undefined : SUBCOMMANDS[topic];
      if (topic === undefined) print(1, HELP);
      else if (help !== undefined)
        return Promise.resolve(help()).then((text) => (print(1, text), 0));
      else if (topic === 'compile')
        print(1, `weft compile: not supported by Weft: ${COMPILE_CAUSES.join('; ')}\n`);
      else throw new UsageError(`unrecognized subcommand '${topic}'`, USAGE);
      return 0;
    }
    case 'compile':
      throw new CliError('`weft compile` is not supported by Weft', COMPILE_CAUSES);
    case 'run': {
      const o = parseRunArgs(rest);
      if (o === null) {
        print(1, RUN_HELP);
        return 0;
      }
      return run(o);
    }
    case 'wast':
      return import('./wast.js').then(({ parseWastArgs, runWast, WAST_HELP }) => {
        const o = parseWastArgs(rest);
        if (o === null) {
          print(1, WAST_HELP);
          return 0;
        }
        return runWast(o.scripts, o.wasm);
      });
    case 'validate': {
      const list = files(rest, VALIDATE_USAGE, '<WASM>...');
      if (list === null) {
        print(1, VALIDATE_HELP);
        return 0;
      }
      return validate(list);
    }
    default: {
      // `weft FILE.wasm ...` runs the file, as `wasmtime FILE.wasm` does;
      // so does `weft --invoke f FILE.wasm` (any option of `run` first).
      if (!first.startsWith('-') && !isModuleArg(first)) throw unrecognized(first);
      if (!first.startsWith('-') || first === STDIN || RUN_OPTION.test(first)) {
        const o = parseRunArgs(argv);
        if (o === null) {
          print(1, RUN_HELP);
          return 0;
        }
        return run(o);
      }
      throw new UsageError(`unexpected argument '${first}' found`, USAGE);
    }
  }
}

/** The options of `run` that may start `weft [OPTIONS] <WASM>`. */
const RUN_OPTION = /^(--(dir|env|invoke|argv0|preload|wasm|wasi)(=|$)|-[WS])/;

/** Reports an error thrown by a command; returns the exit status. */
function report(e: unknown): number {
  if (e instanceof HelpPrinted) return 0;
  if (e instanceof CliError || e instanceof UsageError) {
    print(2, e.format());
    return e instanceof UsageError ? 2 : e.exitCode;
  }
  print(2, `Error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

/**
 * Runs the `weft` command with arguments `argv` (without `node` and the
 * script); resolves to the exit status (a program on worker threads, or a
 * script run, ends later). Reports go to stdout and stderr.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    return report(e);
  }
}
