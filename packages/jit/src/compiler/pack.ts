/**
 * A pack: one set of every generated closure factory (../gen/*.ts).
 *
 * V8 keeps type feedback per function literal and module instance, so the
 * literal copies the generators emit are a finite resource of a module
 * instance (see literals.ts). This module, with the generated modules it
 * imports, is also built on its own as a dependency-free script
 * (dist/weft-jit-pack.cjs, scripts/build-pack.mjs): evaluating it again
 * gives factories with fresh literals, which packs.ts adds to the copies
 * when they run out. It must import types only.
 */
import { controlTables } from '../gen/control.js';
import { memoryTables } from '../gen/memory.js';
import { numericTables } from '../gen/numeric.js';
import type { PackDeps } from './pack-deps.js';

/** Marks a module as a pack of this jit (a loaded file is checked for it). */
export const WEFT_JIT_PACK = 1;

/** Every generated factory table, built over `deps`. */
export function createPack(deps: PackDeps) {
  return {
    numeric: numericTables(deps),
    memory: memoryTables(deps),
    control: controlTables(deps),
  };
}

/** One pack's tables. */
export type Pack = ReturnType<typeof createPack>;
