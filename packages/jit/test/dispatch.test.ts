import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPS } from '@weft/environ';
import { FAMILIES, HANDLERS } from '#src/compiler/dispatch.js';

test('every instruction of the opcode table has a handler', () => {
  const missing = OPS.filter((op) => op !== undefined && HANDLERS[op.id] === undefined).map(
    (op) => op!.name,
  );
  assert.equal(missing, []);
});

test('no handler is registered for an id that is no instruction', () => {
  const stray = HANDLERS.flatMap((h, id) => (h !== undefined && OPS[id] === undefined ? [id] : []));
  assert.equal(stray, []);
});

test('each instruction belongs to exactly one family', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [family, handlers] of Object.entries(FAMILIES)) {
    for (const name of Object.keys(handlers)) {
      if (seen.has(name)) twice.push(`${name}: ${seen.get(name)} and ${family}`);
      seen.set(name, family);
    }
  }
  assert.equal(twice, []);
});

test.run();
