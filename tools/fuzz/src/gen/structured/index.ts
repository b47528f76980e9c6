/** The structured generator: a module from a seed, as AST, text and binary. */
import { parseWat } from '@weft/wast';
import type { ModuleDef } from './ast.js';
import { DEFAULT_STRUCTURED, structuredModule, type StructuredOptions } from './module.js';
import { printModule } from './print.js';

export { structuredModule, DEFAULT_STRUCTURED, type StructuredOptions } from './module.js';
export { printModule } from './print.js';
export type { ModuleDef } from './ast.js';

/** A generated module in its three forms. */
export interface StructuredCase {
  def: ModuleDef;
  text: string;
  bytes: Uint8Array;
}

/** Encodes a module definition (through `@weft/wast`'s text parser). */
export function encode(def: ModuleDef): StructuredCase {
  const text = printModule(def);
  return { def, text, bytes: parseWat(text) };
}

/** The module of `seed`. */
export function structuredCase(
  seed: number,
  opts: StructuredOptions = DEFAULT_STRUCTURED,
): StructuredCase {
  return encode(structuredModule(seed, opts));
}
