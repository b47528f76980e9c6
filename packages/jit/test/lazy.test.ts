import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isBuilt, lazyTable } from '#src/compiler/lazy.js';
import { MAIN_PACK } from '#src/compiler/tables.js';
import { PACK_DEPS } from '#src/compiler/pack-deps.js';
import { controlTables } from '#src/gen/control.js';
import { memoryTables } from '#src/gen/memory.js';
import { numericTables } from '#src/gen/numeric.js';

test('a lazy table builds each entry once, on its first read, and tells of it', () => {
  const built: [string, unknown][] = [];
  let calls = 0;
  const table = lazyTable(
    { a: () => (calls++, [1, 2]), b: () => (calls++, { x: 3 }) },
    (key, value) => built.push([key, value]),
  );
  assert.equal(Object.keys(table), ['a', 'b']);
  assert.is(calls, 0, 'listing the keys builds nothing');
  assert.not.ok(isBuilt(table, 'a'));
  const a = table.a;
  assert.equal(a, [1, 2]);
  assert.is(table.a, a, 'the same value on every read');
  assert.is(calls, 1);
  assert.ok(isBuilt(table, 'a'));
  assert.not.ok(isBuilt(table, 'b'));
  assert.equal(built, [['a', a]]);
  assert.throws(() => {
    'use strict';
    (table as { a: unknown }).a = 0;
  }, 'read-only once built');
});

test('the main pack builds only the entries compiled code needs', () => {
  // Every binary instruction has an entry; a module using a few builds a few.
  const { BINARY } = MAIN_PACK.numeric;
  const keys = Object.keys(BINARY);
  assert.ok(keys.length > 50);
  assert.ok(
    keys.some((key) => !isBuilt(BINARY, key)),
    'some entry not built after the tests before this one',
  );
});

test('every generated entry builder is a function expression, not an arrow', () => {
  // V8 pre-parsed the tables 2.7x slower with arrow entries: importing the
  // jit is mostly parsing them (scripts/codegen.mjs, ENTRIES).
  let count = 0;
  for (const tables of [
    numericTables(PACK_DEPS),
    memoryTables(PACK_DEPS),
    controlTables(PACK_DEPS),
  ])
    for (const [name, table] of Object.entries(tables as Record<string, Record<string, unknown>>))
      for (const [key, build] of Object.entries(table)) {
        assert.type(build, 'function', `${name}.${key}`);
        assert.match(String(build), /^function\b/, `${name}.${key} is an arrow`);
        count++;
      }
  assert.ok(count > 200);
});

test.run();
