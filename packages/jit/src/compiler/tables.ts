/**
 * The generated factory tables the compiler builds closures from: the main
 * pack, created once per instance of the jit, its entries built when first
 * read (lazy.ts). Its copies grow when they run out (packs.ts).
 */
import { setCopySource } from './literals.js';
import { createPack } from './pack.js';
import { PACK_DEPS } from './pack-deps.js';
import { copiesPlentiful, growCopies, mainEntryBuilt } from './packs.js';

export { CHAIN_SIZES, MAX_SEQ } from '../gen/control.js';

/** The main pack: copy 0 of every factory, and every copy handed out. */
export const MAIN_PACK = createPack(PACK_DEPS, mainEntryBuilt);

setCopySource({
  more: (copies) => growCopies(MAIN_PACK, copies),
  plentiful: copiesPlentiful,
});

export const { BINARY, UNARY } = MAIN_PACK.numeric;
export const { LOADS, STORES } = MAIN_PACK.memory;
export const { SEQ, CHAIN, CONTROL } = MAIN_PACK.control;
