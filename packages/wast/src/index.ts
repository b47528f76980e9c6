/**
 * `@weft/wast`: the WebAssembly 3.0 text format and .wast scripts.
 *
 * - {@link parseWat}: a text module to a binary module (validate it with
 *   `@weft/environ`'s `parseModule`).
 * - {@link parseScript}: a .wast script to typed {@link Command}s.
 * - {@link WastError}: every failure, with the reference interpreter's
 *   message and a 1-based line and column.
 *
 * @module @weft/wast
 */
export { WastError } from './errors.js';
export { parseQuoteModule, parseScript, parseWat, type WatOptions } from './script.js';
export type {
  Action,
  ActionCommand,
  AssertExceptionCommand,
  AssertExhaustionCommand,
  AssertModuleCommand,
  AssertReturnCommand,
  AssertTrapCommand,
  Command,
  LaneShape,
  ModuleCommand,
  ModuleInstanceCommand,
  ModuleInstanceRef,
  NanPattern,
  RegisterCommand,
  ResultPattern,
  Script,
  ScriptModule,
  Value,
} from './commands.js';
