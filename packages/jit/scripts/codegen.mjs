// Shared by the generators in this folder: the number of literal copies and
// writing (or checking) a generated file.
//
// Factories whose closures call other closures are emitted as COPIES
// identical literals, so that each copy's call sites see one kind of
// operand and V8 can inline them (see src/compiler/literals.ts).

import { readFileSync, writeFileSync } from 'node:fs';

/** Copies of each factory whose closures call closures. */
export const COPIES = 8;

/** `key: [f, f, ...]` with `copies` copies of the factory source `f`, one per line. */
export function copied(key, factorySource, copies = COPIES) {
  const lines = [];
  for (let i = 0; i < copies; i++) lines.push(`      ${factorySource},`);
  return `    ${key}: [\n${lines.join('\n')}\n    ],`;
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
