/**
 * The dispatch table: the handler of every instruction, indexed by op id.
 *
 * Each file of `visit/` exports the handlers of one family by mnemonic:
 * numeric, memory and SIMD instructions are registered from their
 * generated tables, the others one by one. Building the table fails if two
 * families claim the same instruction, and a test checks that every
 * instruction of environ's `OPS` has a handler, so adding an instruction
 * to the opcode table without compiling it cannot go unnoticed.
 */
import { OP_BY_NAME, OP_ID_LIMIT, type OpName } from '@weft/environ';
import type { Translator } from './translator.js';
import { ATOMICS } from './visit/atomics.js';
import { CALLS } from './visit/calls.js';
import { CONTROL } from './visit/control.js';
import { GC } from './visit/gc.js';
import { MEMORY } from './visit/memory.js';
import { NUMERIC } from './visit/numeric.js';
import { SIMD } from './visit/simd.js';
import { VARIABLES } from './visit/variables.js';

/** Translates the current instruction (`t.pc`), whose op id is `id`. */
export type Handler = (t: Translator, id: number) => void;

/** Handlers of a family of instructions, by mnemonic. */
export type Handlers = Partial<Record<OpName, Handler>>;

/** The families, in no particular order: each instruction belongs to exactly one. */
export const FAMILIES: Readonly<Record<string, Handlers>> = {
  control: CONTROL,
  calls: CALLS,
  variables: VARIABLES,
  numeric: NUMERIC,
  memory: MEMORY,
  gc: GC,
  simd: SIMD,
  atomics: ATOMICS,
};

/** Handlers by op id (undefined for ids that are no instruction). */
export const HANDLERS: readonly (Handler | undefined)[] = (() => {
  const table: (Handler | undefined)[] = new Array<Handler | undefined>(OP_ID_LIMIT).fill(
    undefined,
  );
  const owner: string[] = [];
  for (const [family, handlers] of Object.entries(FAMILIES)) {
    for (const [name, handler] of Object.entries(handlers)) {
      const op = OP_BY_NAME.get(name);
      if (op === undefined) throw new Error(`jit ${family}: no instruction ${name}`);
      if (table[op.id] !== undefined)
        throw new Error(`jit: ${name} is handled by both ${owner[op.id]} and ${family}`);
      table[op.id] = handler;
      owner[op.id] = family;
    }
  }
  return table;
})();
