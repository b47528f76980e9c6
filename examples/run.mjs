// Runs every example and compares its standard output with the expected
// output kept beside it (NAME.expected); `pnpm test` runs this through the
// @weft/examples package, after building embed.ts and the browser bundle.
//   node examples/run.mjs            check every example
//   node examples/run.mjs --update   rewrite the .expected files
// The browser page is checked by browser/test.mjs (it needs Chromium).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const update = process.argv.includes('--update');

/** name (and NAME.expected), then node's arguments. */
const EXAMPLES = [
  ['embed', ['embed.mjs']],
  ['embed-ts', ['dist/embed.js']], // embed.ts, compiled by tsc --strict
  ['host-memory', ['host-memory.mjs']],
  ['wasi', ['wasi.mjs']],
  ['jitless', ['--jitless', 'jitless.mjs']],
  ['fuel', ['fuel.mjs']],
  ['polyfill', ['polyfill.mjs']],
  ['async', ['async.mjs']],
];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const started = performance.now();
let failed = 0;
// Two at a time: the CI machine has two cores.
const queue = [...EXAMPLES];
const results = new Map();
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      results.set(next[0], await run(next[1]));
    }
  }),
);
for (const [name, args] of EXAMPLES) {
  const { code, stdout, stderr } = results.get(name);
  const file = join(here, `${name}.expected`);
  if (update && code === 0) writeFileSync(file, stdout);
  const expected = readFileSync(file, 'utf8');
  const ok = code === 0 && stdout === expected;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} node ${args.join(' ')}`);
  if (!ok) {
    console.log(`  exit code ${code}\n  expected:\n${expected}  got:\n${stdout}`);
    if (stderr !== '') console.log(`  stderr:\n${stderr}`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${EXAMPLES.length - failed} of ${EXAMPLES.length} examples ok (${seconds} s)`);
process.exitCode = failed === 0 ? 0 : 1;
