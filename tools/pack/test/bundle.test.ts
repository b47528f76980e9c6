/**
 * The per-package bundles (tools/bundle): esbuild declares every top-level
 * binding with `var`, which cost compiled code 2-4x (TurboFan folds only
 * constant bindings); `constTopLevel` gives back `const` where nothing
 * assigns again. Its rules, and the shipped jit bundle, are checked here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { constTopLevel } = (await import(
  pathToFileURL(join(ROOT, 'tools/bundle/const-top-level.mjs')).href
)) as { constTopLevel(code: string): string };

/** The top-level declarations of `code` after the rewrite, as `kind name`. */
function declarations(code: string): string[] {
  return [...constTopLevel(code).matchAll(/^(var|const) (\{[^}]*\}|[\w$]+)/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

test('bindings assigned once become const; any other assignment keeps var', () => {
  const code = [
    'var a = 1;',
    'var b = 2;',
    'b = 3;',
    'var c = 0;',
    'c++;',
    'var d = 1;',
    'function f() { let d = 2; d += 3; }',
    'var e = 1;',
    '[e] = [2];',
    'var g = 1;',
    '({ x: g } = o);',
    'var h = 1;',
    'for (h of xs) {}',
    'var m = 1;',
    'obj.m = 2; x[m] = 3; if (m === 1 || m <= 2 || m != 3) {}',
    'var { a: k, l } = obj;',
    'var { p: q } = obj;',
    'q = 1;',
  ].join('\n');
  assert.equal(declarations(code), [
    'const a',
    'var b',
    'var c',
    'var d',
    'var e',
    'var g',
    'var h',
    'const m',
    'const { a: k, l }',
    'var { p: q }',
  ]);
});

test('the shipped jit bundle keeps var only for its mutable state', () => {
  const bundle = readFileSync(join(ROOT, 'packages/jit/dist/bundle/index.js'), 'utf8');
  const vars = [...bundle.matchAll(/^var ([\w$]+)/gm)].map((m) => m[1]!);
  assert.not.equal(vars, [], 'the jit has mutable module state (the copy registry)');
  // Every binding left as `var` is assigned again somewhere: the `let`s of the sources.
  for (const name of vars) {
    const id = name.replace(/\$/g, '\\$');
    const assigned = new RegExp(
      `(^|[^.\\w$])(${id}\\s*([-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|\\|\\||&&)?=[^=]|(\\+\\+|--)${id}\\b|${id}(\\+\\+|--))`,
      'gm',
    );
    const count = [...bundle.matchAll(assigned)].length;
    assert.ok(count >= 2, `var ${name} is never assigned after its declaration`);
  }
  assert.match(bundle, /^const I32S = I32_SLOTS\d*;$/m, 'the value stack aliases are constants');
});

test.run();
