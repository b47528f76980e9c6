/** The validator's rule table: every instruction has exactly one validation rule. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Op, OPS } from '@weft/environ';
import { FAMILIES, RULES } from '#src/valid/rules.js';

const typed = (id: number) => OPS[id]!.params !== null;

test('every instruction is typed by its signature or has a hand-written rule', () => {
  const missing = OPS.filter(
    (op) => op !== undefined && !typed(op.id) && RULES[op.id] === undefined,
  );
  assert.equal(
    missing.map((op) => op!.name),
    [],
  );
});

test('no instruction typed by its signature also has a hand-written rule', () => {
  const both = OPS.filter((op) => op !== undefined && typed(op.id) && RULES[op.id] !== undefined);
  assert.equal(
    both.map((op) => op!.name),
    [],
  );
  // Signatures come in pairs: an instruction with params has results.
  const half = OPS.filter(
    (op) => op !== undefined && (op.params === null) !== (op.results === null),
  );
  assert.equal(
    half.map((op) => op!.name),
    [],
  );
});

test('no rule is registered for an id that is no instruction', () => {
  const stray = RULES.flatMap((r, id) => (r !== undefined && OPS[id] === undefined ? [id] : []));
  assert.equal(stray, []);
});

test('each hand-written rule belongs to exactly one family, under a known Op key', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [family, rules] of Object.entries(FAMILIES)) {
    for (const key of Object.keys(rules)) {
      assert.ok(key in Op, `${family}: ${key} is no Op key`);
      if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${family}`);
      seen.set(key, family);
    }
  }
  assert.equal(twice, []);
  assert.is(seen.size, RULES.filter((r) => r !== undefined).length);
});

test.run();
