/**
 * A pack: one set of every generated closure factory (../gen/*.ts), in
 * three parts that are loaded apart.
 *
 * V8 keeps type feedback per function literal and module instance, so the
 * literal copies the generators emit are a finite resource of a module
 * instance (see literals.ts). Each part is also built on its own as a
 * dependency-free script (dist/weft-jit-pack-<part>.cjs,
 * scripts/build-pack.mjs): evaluating it again gives factories with fresh
 * literals, which packs.ts adds to the copies when they run out. The
 * modules of a part must import types only.
 */
import { controlTables } from '../gen/control.js';
import { memoryTables } from '../gen/memory.js';
import { numericTables } from '../gen/numeric.js';
import type { PackDeps } from './pack-deps.js';

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

/** The name of a part, as in its file name (`weft-jit-pack-<part>.cjs`). */
export type PackPart = keyof Pack;
