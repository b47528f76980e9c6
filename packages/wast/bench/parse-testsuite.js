// Time to parse every .wast file of the testsuite with @weft/wast.
//
//   pnpm bench                      (builds, then runs this)
//   node bench/parse-testsuite.js   (after `pnpm build`)
//
// The testsuite is $WEFT_TESTSUITE, or ../shared/testsuite next to the
// repository. Scripts outside WebAssembly 3.0 (legacy/, most of proposals/)
// fail to parse, as they should; they are timed all the same. Quoted
// modules (`module quote`) are parsed in a second, separately timed pass.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScript, parseWat, WastError } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.WEFT_TESTSUITE ?? resolve(here, '../../../../shared/testsuite');

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.wast') ? [p] : [];
    });
}

let files;
try {
  files = walk(root).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
} catch {
  console.log(`no testsuite at ${root} (set WEFT_TESTSUITE)`);
  process.exit(0);
}
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

function run() {
  let parsed = 0;
  let failed = 0;
  const quotes = [];
  const start = performance.now();
  for (const f of files) {
    try {
      const script = parseScript(f.text, f.path);
      parsed++;
      for (const c of script.commands) {
        const m = c.type === 'module' || 'module' in c ? c.module : null;
        if (m !== null && typeof m === 'object' && m.format === 'quote') quotes.push(m.text);
      }
    } catch (e) {
      if (!(e instanceof WastError)) throw e;
      failed++;
    }
  }
  const scriptsMs = performance.now() - start;
  const quoteStart = performance.now();
  let quoteErrors = 0;
  for (const q of quotes) {
    try {
      parseWat(q);
    } catch (e) {
      if (!(e instanceof WastError)) throw e;
      quoteErrors++;
    }
  }
  const quotesMs = performance.now() - quoteStart;
  return { parsed, failed, quotes: quotes.length, quoteErrors, scriptsMs, quotesMs };
}

// One cold run (what a test run sees), then the best of a few warm ones.
const cold = run();
let best = cold;
for (let i = 0; i < 4; i++) {
  const r = run();
  if (r.scriptsMs + r.quotesMs < best.scriptsMs + best.quotesMs) best = r;
}
const mb = bytes / 1e6;
const fmt = (r) =>
  `${(r.scriptsMs + r.quotesMs).toFixed(0)} ms (scripts ${r.scriptsMs.toFixed(0)} ms, ` +
  `${(mb / (r.scriptsMs / 1000)).toFixed(1)} MB/s; quoted modules ${r.quotesMs.toFixed(0)} ms)`;
console.log(`testsuite: ${relative(process.cwd(), root) || root}`);
console.log(
  `${files.length} files, ${mb.toFixed(1)} MB: ${cold.parsed} parsed, ${cold.failed} rejected ` +
    `(syntax outside 3.0); ${cold.quotes} quoted modules, ${cold.quoteErrors} malformed`,
);
console.log(`cold: ${fmt(cold)}`);
console.log(`warm: ${fmt(best)}`);
