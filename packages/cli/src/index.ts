/** `@weft/cli`: the `weft` command, also callable as a function. */
export { main, HELP, VERSION } from './cli.js';
export { parseRunArgs, run, type RunOptions } from './run.js';
export { runWast } from './wast.js';
export { validate } from './validate.js';
export { formatFloat, formatValue, parseValue } from './values.js';
export { CliError, formatBacktrace, TRAP_EXIT_CODE, trapText } from './report.js';
export {
  runScript,
  ScriptRun,
  type CommandResult,
  type FileResult,
  type Outcome,
} from './script/runner.js';
