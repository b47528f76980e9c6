/**
 * `weft wast`: runs .wast scripts, stopping at the first failing directive,
 * as `wasmtime wast` does, with the repository's script runner
 * (@weft/wast-runner, shared with the conformance runner in spec/).
 */
import { readFileSync } from 'node:fs';
import * as textFormat from '@weft/wast';
import { parseScript, WastError, type Command } from '@weft/wast';
import { CliError, describe, HelpPrinted, print, UsageError } from './report.js';
import { ScriptRun } from '@weft/wast-runner';
import { applyGroup, wasmGroup, type WasmOptions } from './options.js';
import { useTextFormat } from './text.js';

// Scripts are text: their errors are reported as the text format's.
useTextFormat(textFormat);

export const WAST_USAGE = 'weft wast [OPTIONS] <SCRIPTS>...';

export const WAST_HELP = `Runs WebAssembly test script files

Usage: ${WAST_USAGE}

Arguments:
  <SCRIPTS>...  The .wast files to run

Options:
  -W, --wasm <KEY[=VAL[,..]]>  The proposals the scripts' modules may use, \`-W help\` to see all:
                                 custom-page-sizes[=y|n], custom-descriptors[=y|n],
                                 all-proposals[=y|n]; WebAssembly 3.0 is always enabled
  -h, --help                   Print help

Every directive must succeed (errors must carry the expected message); the
first failure is reported with its file and line, and the exit status is 1.
The spectest module is available to the scripts; its print functions print
to stdout.
`;

/** `weft wast`'s options. */
export interface WastOptions {
  readonly scripts: string[];
  readonly wasm: WasmOptions;
}

/** Parses `weft wast`'s arguments; null when help was asked for. */
export function parseWastArgs(argv: readonly string[]): WastOptions | null {
  const o: WastOptions = { scripts: [], wasm: {} };
  const group = wasmGroup(WAST_USAGE, false);
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (options && arg === '--') options = false;
    else if (options && (arg === '-h' || arg === '--help')) return null;
    else if (options && (arg.startsWith('-W') || /^--wasm(=|$)/.test(arg))) {
      let list: string | undefined;
      if (arg.startsWith('--wasm=')) list = arg.slice('--wasm='.length);
      else if (arg.startsWith('-W') && arg.length > 2) list = arg.slice(2);
      else list = argv[++i];
      if (list === undefined) {
        const name = arg.startsWith('--') ? '--wasm' : '-W';
        throw new UsageError(
          `a value is required for '${name} <KEY[=VAL[,..]]>' but none was supplied`,
          WAST_USAGE,
        );
      }
      if (!applyGroup(group, list, o.wasm, WAST_USAGE)) throw new HelpPrinted();
    } else if (options && arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unexpected argument '${arg}' found`, WAST_USAGE);
    } else o.scripts.push(arg);
  }
  if (o.scripts.length === 0) {
    throw new UsageError(
      'the following required arguments were not provided:\n  <SCRIPTS>...',
      WAST_USAGE,
    );
  }
  return o;
}

/** Runs the scripts; returns the exit status (0: every directive succeeded). */
export async function runWast(files: readonly string[], wasm: WasmOptions = {}): Promise<number> {
  for (const file of files) {
    const what = `failed to run script file '${file}'`;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(what, [`failed to read \`${file}\``, describe(e)]);
    }
    let commands: readonly Command[];
    try {
      commands = parseScript(text, file).commands;
    } catch (e) {
      if (e instanceof WastError)
        throw new CliError(what, [`${file}:${e.line}:${e.column}: ${e.message}`]);
      throw e;
    }
    const run = new ScriptRun((line) => print(1, `${line}\n`), {
      ...(wasm.features !== undefined ? { features: wasm.features } : {}),
    });
    for (const c of commands) {
      const result = await run.run(c);
      if (result.outcome !== 'pass') {
        throw new CliError(what, [`failed directive on ${file}:${c.line}`, result.detail]);
      }
    }
  }
  return 0;
}
