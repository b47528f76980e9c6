// Shared by the generators in this folder: the number of literal copies and
// writing (or checking) a generated file.
//
// Factories whose closures call other closures are emitted as COPIES
// identical literals, so that each copy's call sites see one kind of
// operand and V8 can inline them (see src/compiler/literals.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { ADDR, I32, I64, F32, F64, OP_BY_NAME } from '@weft/environ';

/** Copies of each factory whose closures call closures. */
export const COPIES = 8;

/**
 * `key: [f, f, ...]` with `copies` copies of the factory source `f`, one per
 * line, the key indented by `indent` spaces; with `entry`, the list is a
 * table entry, built when first used (`key: function () { return [f, ...]; }`, see
 * {@link ENTRIES}).
 */
export function copied(key, factorySource, copies = COPIES, indent = 4, entry = false) {
  const pad = ' '.repeat(indent);
  const lines = [];
  for (let i = 0; i < copies; i++) lines.push(`${pad}  ${factorySource},`);
  const list = `[\n${lines.join('\n')}\n${pad}]`;
  return `${pad}${key}: ${entry ? `function () { return ${list}; }` : list},`;
}

/**
 * Why each entry of a generated table is a function building it (the same
 * comment in each generated file; pack.ts makes the tables lazy, lazy.ts).
 */
export const ENTRIES = `// Each entry of a table is a function that builds it, called the first time
// the compiler needs that instruction (../compiler/lazy.ts). V8 only
// pre-parses a function before its first call: importing the jit compiles
// none of the closures below, and a program compiles those of the
// instructions it uses (the table builder itself is parenthesized, so V8
// compiles it with the module instead of pre-parsing it twice). The entries
// are \`function\` expressions, not arrows: V8 pre-parsed these tables 2.7x
// slower with \`() => ({ ... })\` entries (the jit's bundle: 36-44 -> 15-18 ms).`;

/** Value class letters of the generators: i32, i64, f32, f64 (`a` for an address operand). */
const LETTER = new Map([
  [I32, 'i'],
  [I64, 'l'],
  [F32, 'f'],
  [F64, 'd'],
  [ADDR, 'a'],
]);

/**
 * The operand and result classes of an instruction, read from environ's
 * opcode table: `{ operands: 'ii', result: 'i' }` for `i32.add`, `''`
 * for no result. The tables of the generators name instructions only.
 */
export function classesOf(name) {
  const op = OP_BY_NAME.get(name);
  if (op === undefined || op.params === null || op.results === null)
    throw new Error(`${name}: not an instruction typed by signature in environ's OPS`);
  const letter = (t) => {
    const l = LETTER.get(t);
    if (l === undefined) throw new Error(`${name}: no value class for type ${t}`);
    return l;
  };
  return {
    operands: op.params.map(letter).join(''),
    result: op.results.map(letter).join(''),
    width: op.width,
  };
}

/** Writes `source` to `out`, or with --check fails if `out` differs from it. */
export function emit(out, source, script) {
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {}
    if (current !== source) {
      console.error(`${out} is stale: run node scripts/${script}`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, source);
    console.log(`wrote ${out}`);
  }
}
