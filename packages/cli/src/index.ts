/** `@weft/cli`: the `weft` command, also callable as a function. */
export { main, HELP, VERSION } from './cli.js';
export { parseRunArgs, run, type RunOptions } from './run.js';
export { runWast } from './wast.js';
export { validate } from './validate.js';
export { formatValue, parseValue } from './values.js';
export { formatFloat } from '@weft/wast-runner';
export { CliError, formatBacktrace, TRAP_EXIT_CODE, trapText } from './report.js';
