/**
 * `weft wast`: runs .wast scripts, stopping at the first failing directive,
 * as `wasmtime wast` does, with the repository's script runner
 * (@weft/wast-runner, shared with the conformance runner in spec/).
 */
import { readFileSync } from 'node:fs';
import { parseScript, WastError, type Command } from '@weft/wast';
import { CliError, describe, print } from './report.js';
import { ScriptRun } from '@weft/wast-runner';

export const WAST_USAGE = 'weft wast [OPTIONS] <SCRIPTS>...';

export const WAST_HELP = `Runs WebAssembly test script files

Usage: ${WAST_USAGE}

Arguments:
  <SCRIPTS>...  The .wast files to run

Options:
  -h, --help  Print help

Every directive must succeed (errors must carry the expected message); the
first failure is reported with its file and line, and the exit status is 1.
The spectest module is available to the scripts; its print functions print
to stdout.
`;

/** Runs the scripts; returns the exit status (0: every directive succeeded). */
export async function runWast(files: readonly string[]): Promise<number> {
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
    const run = new ScriptRun((line) => print(1, `${line}\n`));
    for (const c of commands) {
      const result = await run.run(c);
      if (result.outcome !== 'pass') {
        throw new CliError(what, [`failed directive on ${file}:${c.line}`, result.detail]);
      }
    }
  }
  return 0;
}
