/**
 * The validation rule of every instruction. An instruction of `OPS` with a
 * signature (`params`/`results` not null) is typed by it, by the one rule
 * of rules/signature.ts; every other instruction has a hand-written rule in
 * exactly one family of rules/, by `Op` key. `CodeValidator.check` (code.ts)
 * dispatches each instruction accordingly.
 *
 * Building the table fails if two families claim an instruction, or if an
 * instruction typed by signature also has a hand-written rule (it would
 * never run), and a test checks that every instruction has exactly one
 * rule, so adding an instruction to the opcode table without a rule cannot
 * go unnoticed.
 */
import { Op, OPS, OP_ID_LIMIT } from '../opcodes.js';
import type { CodeValidator } from './code.js';
import { CONTROL } from './rules/control.js';
import { GC } from './rules/gc.js';
import { LEGACY } from './rules/legacy.js';
import { REFERENCES } from './rules/references.js';
import { VARIABLES } from './rules/variables.js';

/**
 * Validates the current instruction (op id `id`, immediates at `imm[at]...`):
 * pops its operands and pushes its results on `v`'s stacks, or fails.
 */
export type Rule = (v: CodeValidator, id: number, imm: Int32Array, at: number) => void;

/** Hand-written rules of a family of instructions, by `Op` key (`local_get`). */
export type Rules = { readonly [K in keyof typeof Op]?: Rule };

/** The families, in no particular order: each instruction belongs to at most one. */
export const FAMILIES: Readonly<Record<string, Rules>> = {
  control: CONTROL,
  legacy: LEGACY,
  variables: VARIABLES,
  references: REFERENCES,
  gc: GC,
};

/** Hand-written rules by op id (undefined for instructions typed by signature and non-ids). */
export const RULES: readonly (Rule | undefined)[] = (() => {
  const table = new Array<Rule | undefined>(OP_ID_LIMIT).fill(undefined);
  const owner: string[] = [];
  for (const [family, rules] of Object.entries(FAMILIES)) {
    for (const [key, rule] of Object.entries(rules)) {
      const id = (Op as Readonly<Record<string, number>>)[key];
      const op = id === undefined ? undefined : OPS[id];
      if (op === undefined) throw new Error(`validator ${family}: no instruction ${key}`);
      if (op.params !== null)
        throw new Error(`validator ${family}: ${op.name} is typed by its signature`);
      if (table[op.id] !== undefined)
        throw new Error(`validator: ${op.name} has rules in ${owner[op.id]} and ${family}`);
      table[op.id] = rule;
      owner[op.id] = family;
    }
  }
  return table;
})();
