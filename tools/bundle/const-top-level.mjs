// Gives a bundle's top-level bindings back the `const` esbuild takes away
// (see package.mjs): tested by tools/pack/test/bundle.test.ts.
/**
 * `var NAME = ...` at the top level made `const` when nothing else assigns
 * NAME: no other `NAME =` (or `+=`...), `++`/`--`, destructuring or for-in/of
 * target anywhere in the file, whatever the scope. Over-counting (a local of
 * the same name, a string) only leaves a `var`.
 */
export function constTopLevel(code) {
  const NAME = String.raw`[A-Za-z_$][\w$]*`;
  const ASSIGN = String.raw`(?:[-+*/%&|^]|<<|>>>?|\*\*|&&|\|\||\?\?)?=(?!=)`;
  const count = new Map();
  const bump = (n) => count.set(n, (count.get(n) ?? 0) + 1);
  for (const m of code.matchAll(
    new RegExp(String.raw`(?<![\w$.'"\x60])(${NAME})\s*${ASSIGN}`, 'g'),
  ))
    bump(m[1]);
  for (const m of code.matchAll(
    new RegExp(String.raw`(?:\+\+|--)\s*(${NAME})|(${NAME})\s*(?:\+\+|--)`, 'g'),
  ))
    bump(m[1] ?? m[2]);
  // Destructuring patterns (a bracket pattern without nested brackets, which
  // this code does not write, right before `=`; not `x[i] =`) and for-in/of heads.
  const patterns = new Map();
  for (const m of code.matchAll(/(?<![\w$)\]])[[{]([^;=[\]{}()]*)[\]}]\s*=(?!=)/g)) {
    for (const n of boundNames(m[1])) patterns.set(n, (patterns.get(n) ?? 0) + 1);
  }
  const forHead = String.raw`for\s*\(\s*(?:(?:var|let|const)\s+)?(${NAME})\s+(?:of|in)\b`;
  for (const m of code.matchAll(new RegExp(forHead, 'g'))) patterns.set(m[1], Infinity);
  // The declaration is the one assignment a constant has.
  const single = (name) => count.get(name) === 1 && !patterns.has(name);
  const viaPattern = (name) => !count.has(name) && patterns.get(name) === 1;
  return code
    .replace(new RegExp(String.raw`^var (${NAME}) = `, 'gm'), (all, name) =>
      single(name) ? `const ${name} = ` : all,
    )
    .replace(/^var (\{[^;=[\]{}()]*\}) = /gm, (all, pattern) => {
      return boundNames(pattern.slice(1, -1)).every(viaPattern) ? `const ${pattern} = ` : all;
    });
}

/** The names a flat pattern's entries bind: `a`, `key: a`, `...a`. */
function boundNames(entries) {
  return entries
    .split(',')
    .map((e) => e.split(':').pop().replace('...', '').trim())
    .filter((n) => n !== '');
}
