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
 *
 * The entries of a part's tables are built when first read (lazy.ts).
 */
import { controlTables } from '../gen/control.js';
import { memoryTables } from '../gen/memory.js';
import { numericTables } from '../gen/numeric.js';
import { type Built, type EntryBuilders, lazyTable } from './lazy.js';
import type { PackDeps } from './pack-deps.js';

/** A part as its generated module builds it: tables of entry builders. */
type Builders = {
  numeric: ReturnType<typeof numericTables>;
  memory: ReturnType<typeof memoryTables>;
  control: ReturnType<typeof controlTables>;
};

/** The name of a part, as in its file name (`weft-jit-pack-<part>.cjs`). */
export type PackPart = keyof Builders;

/** A part's tables, their entries built on first read. */
export type LazyPart<P extends PackPart> = {
  readonly [T in keyof Builders[P]]: Built<Builders[P][T]>;
};

/** One pack's tables. */
export type Pack = { readonly [P in PackPart]: LazyPart<P> };

/** Told when an entry of a pack is built: where it is and its value. */
export type OnEntryBuilt = (part: PackPart, table: string, key: string, value: unknown) => void;

/** The tables of a part's builders, their entries built on first read. */
export function lazyPart<P extends PackPart>(
  part: P,
  builders: Builders[P],
  onBuilt?: OnEntryBuilt,
): LazyPart<P> {
  const tables: Record<string, unknown> = {};
  for (const [table, entries] of Object.entries(builders as Record<string, EntryBuilders>)) {
    tables[table] = lazyTable(
      entries,
      onBuilt && ((key, value) => onBuilt(part, table, key, value)),
    );
  }
  return tables as LazyPart<P>;
}

/** Every generated factory table, built over `deps`; `onBuilt` hears of each entry built. */
export function createPack(deps: PackDeps, onBuilt?: OnEntryBuilt): Pack {
  return {
    numeric: lazyPart('numeric', numericTables(deps), onBuilt),
    memory: lazyPart('memory', memoryTables(deps), onBuilt),
    control: lazyPart('control', controlTables(deps), onBuilt),
  };
}
