// Type-checks the code blocks of the user-facing READMEs with tsc --strict,
// so the documentation cannot drift from the API it shows. Each ```ts or
// ```js block becomes a module of its own; names a block uses without
// defining (the engine, store or module of the surrounding prose) are
// declared for it from AMBIENT. A block that is not meant to compile (a
// fragment of a larger program, or one showing a mistake) is fenced with
// another language tag (```text).
//   node examples/readmes.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'dist-readme');

// (The polyfill's README shows the standard WebAssembly JS API, whose
// TypeScript types are the DOM library's, not Weft's: not checked here.)
const READMES = [
  'README.md',
  'packages/weft/README.md',
  'packages/wasi/README.md',
  'packages/wast/README.md',
];

/**
 * weft-wasm's exports: a block using one it does not import gets it
 * imported (the prose around such fragments has shown the import).
 */
const FACADE = Object.keys(await import('weft-wasm'));

/** What the prose around the blocks has introduced, by name. */
const AMBIENT = {
  engine: "import('weft-wasm').Engine",
  store: "import('weft-wasm').Store<any>",
  module: "import('weft-wasm').Module",
  linker: "import('weft-wasm').Linker",
  instance: "import('weft-wasm').Instance",
  wasmBytes: 'Uint8Array',
  source: 'string',
  bytes: 'Uint8Array',
  reactorModule: "import('weft-wasm').Module",
  commandModule: "import('weft-wasm').Module",
  memory: "import('weft-wasm').Memory",
  func: "import('weft-wasm').Func",
};

/** Names a block defines itself: imports and top-level declarations. */
function defined(code) {
  const names = new Set();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, '');
      if (name) names.add(name);
    }
  }
  for (const m of code.matchAll(/import\s+(?:\*\s+as\s+)?(\w+)\s+from/g)) names.add(m[1]);
  for (const m of code.matchAll(
    /^(?:export\s+)?(?:const|let|var|function|class|async function)\s+(\w+)/gm,
  ))
    names.add(m[1]);
  return names;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = [];
for (const readme of READMES) {
  const text = readFileSync(join(root, readme), 'utf8');
  let n = 0;
  for (const m of text.matchAll(/^```(ts|js)\n([\s\S]*?)^```$/gm)) {
    const code = m[2];
    const own = defined(code);
    const declares = Object.entries(AMBIENT)
      .filter(([name]) => !own.has(name) && new RegExp(`\\b${name}\\b`).test(code))
      .map(([name, type]) => `declare const ${name}: ${type};`);
    const used = FACADE.filter((name) => !own.has(name) && new RegExp(`\\b${name}\\b`).test(code));
    if (used.length > 0) declares.unshift(`import { ${used.join(', ')} } from 'weft-wasm';`);
    const line = text.slice(0, m.index).split('\n').length + 1;
    const file = `${readme.replace(/[/.]/g, '_')}_${++n}.ts`;
    writeFileSync(
      join(out, file),
      `// ${readme}:${line}\n${declares.join('\n')}\n${code}\nexport {};\n`,
    );
    files.push(file);
  }
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2023', 'ESNext.Disposable', 'DOM'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      skipLibCheck: true,
    },
    files,
  }),
);
const tsc = join(here, 'node_modules/typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json')], { stdio: 'pipe' });
} catch (e) {
  process.stdout.write(String(e.stdout));
  console.error(`README code blocks do not type-check (blocks in ${out})`);
  process.exit(1);
}
console.log(`${files.length} README code blocks type-check under --strict`);
