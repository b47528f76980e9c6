/** The `weft` command: subcommands, help and error reporting. */
import { parseRunArgs, run, RUN_HELP } from './run.js';
import { CliError, print, UsageError } from './report.js';
import { validate, VALIDATE_HELP, VALIDATE_USAGE } from './validate.js';
import { runWast, WAST_HELP, WAST_USAGE } from './wast.js';

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
`;

const SUBCOMMANDS: Record<string, string> = {
  run: RUN_HELP,
  wast: WAST_HELP,
  validate: VALIDATE_HELP,
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
      if (topic === undefined) print(1, HELP);
      else if (SUBCOMMANDS[topic] !== undefined) print(1, SUBCOMMANDS[topic]!);
      else throw new UsageError(`unrecognized subcommand '${topic}'`, USAGE);
      return 0;
    }
    case 'run': {
      const o = parseRunArgs(rest);
      if (o === null) {
        print(1, RUN_HELP);
        return 0;
      }
      return run(o);
    }
    case 'wast': {
      const list = files(rest, WAST_USAGE, '<SCRIPTS>...');
      if (list === null) {
        print(1, WAST_HELP);
        return 0;
      }
      return runWast(list);
    }
    case 'validate': {
      const list = files(rest, VALIDATE_USAGE, '<WASM>...');
      if (list === null) {
        print(1, VALIDATE_HELP);
        return 0;
      }
      return validate(list);
    }
    default: {
      // `weft FILE.wasm ...` runs the file, as `wasmtime FILE.wasm` does.
      if (
        !first.startsWith('-') ||
        first.startsWith('--dir') ||
        first.startsWith('--env') ||
        first.startsWith('-W') ||
        first.startsWith('--invoke')
      ) {
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

/** Reports an error thrown by a command; returns the exit status. */
function report(e: unknown): number {
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
