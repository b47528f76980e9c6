/**
 * The text format, loaded only when a module is text: most runs are of
 * binaries, and `@weft/wast` is about a fifth of `weft run`'s startup
 * (docs/footprint.md). Whatever reads sources calls `textFormatFor` before
 * compiling them; the engines' `textParser` is `parseText`.
 */
import type * as Wast from '@weft/wast';

let wast: typeof Wast | null = null;

/** Loads `@weft/wast` if one of `sources` is text (a no-op once loaded). */
export async function textFormatFor(sources: readonly (Uint8Array | string)[]): Promise<void> {
  if (wast === null && sources.some((s) => typeof s === 'string'))
    useTextFormat(await import('@weft/wast'));
}

/** Uses `module` as the text format (`weft wast` imports it anyway). */
export function useTextFormat(module: typeof Wast): void {
  wast = module;
}

/** The engines' text parser: `parseWat`, once `textFormatFor` has loaded it. */
export function parseText(text: string): Uint8Array {
  if (wast === null)
    throw new Error('the text format was not loaded before a text module (a bug in the CLI)');
  return wast.parseWat(text);
}

/** Whether `e` is an error of the text format (none can be thrown before it is loaded). */
export function isWastError(e: unknown): e is Wast.WastError {
  return wast !== null && e instanceof wast.WastError;
}
