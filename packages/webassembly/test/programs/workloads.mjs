// Real npm packages that ship WebAssembly, each with a workload whose
// output is compared across engines. Each workload's `run` loads its
// package (which uses the global WebAssembly) and returns
// { init: ms, work: ms, output: string }: output is hashed and compared.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

/** A deterministic pseudo-random generator (xorshift32). */
function rng(seed) {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Deterministic text of about `n` bytes (words, so it compresses like prose). */
function text(n, seed = 1) {
  const words =
    'lorem ipsum dolor sit amet weft wasm memory table global module instance export import trap stack frame'.split(
      ' ',
    );
  const r = rng(seed);
  let s = '';
  while (s.length < n) s += words[Math.floor(r() * words.length)] + (r() < 0.1 ? '.\n' : ' ');
  return s.slice(0, n);
}

function bytes(n, seed = 7) {
  const r = rng(seed);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

/** Input sizes: 1 for the measured runs, smaller with WEFT_PROGRAMS_SCALE (CI uses 0.1). */
const SCALE = Number(process.env.WEFT_PROGRAMS_SCALE ?? 1);
const scaled = (n, min = 1) => Math.max(min, Math.round(n * SCALE));

const sha = (data) => createHash('sha256').update(data).digest('hex');

function timed(f) {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

async function timedAsync(f) {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
}

export const WORKLOADS = {
  'sql.js': {
    toolchain: 'Emscripten (C: SQLite)',
    async run() {
      const initSqlJs = require('sql.js');
      const [SQL, init] = await timedAsync(() => initSqlJs());
      const [output, work] = timed(() => {
        const db = new SQL.Database();
        db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, score REAL)');
        const r = rng(42);
        db.run('BEGIN');
        const stmt = db.prepare('INSERT INTO t (grp, name, score) VALUES (?, ?, ?)');
        for (let i = 0; i < scaled(5000); i++)
          stmt.run([i % 37, `name${Math.floor(r() * 1e6)}`, Math.floor(r() * 1e6) / 100]);
        stmt.free();
        db.run('COMMIT');
        db.run('CREATE INDEX t_name ON t (name)');
        const q1 = db.exec(
          'SELECT grp, COUNT(*), ROUND(SUM(score), 2), MIN(name), MAX(name) FROM t GROUP BY grp ORDER BY grp',
        );
        const q2 = db.exec(
          "SELECT id, name FROM t WHERE name LIKE 'name1%' ORDER BY score DESC LIMIT 20",
        );
        const q3 = db.exec('SELECT COUNT(DISTINCT name), AVG(LENGTH(name)) FROM t');
        const out = JSON.stringify([q1, q2, q3]);
        const exported = db.export();
        db.close();
        return `${sha(out)} rows=${q1[0].values.length} dbsize=${exported.length}`;
      });
      return { init, work, output };
    },
  },
  'brotli-wasm': {
    toolchain: 'Rust (wasm-bindgen)',
    async run() {
      const [brotli, init] = timed(() => require('brotli-wasm'));
      const input = new TextEncoder().encode(text(scaled(300_000)));
      const [output, work] = timed(() => {
        const compressed = brotli.compress(input, { quality: 6 });
        const back = brotli.decompress(compressed);
        if (sha(back) !== sha(input)) throw new Error('brotli round trip differs');
        return `${sha(compressed)} ${input.length} -> ${compressed.length}`;
      });
      return { init, work, output };
    },
  },
  'esbuild-wasm': {
    toolchain: 'Go (js/wasm)',
    async run() {
      globalThis.self ??= globalThis; // esbuild's browser build runs Go in the page's global scope
      const esbuild = require('esbuild-wasm/lib/browser.js');
      const wasm = readFileSync(require.resolve('esbuild-wasm/esbuild.wasm'));
      const [, init] = await timedAsync(async () => {
        const module = await WebAssembly.compile(wasm);
        await esbuild.initialize({ wasmModule: module, worker: false });
      });
      let source = '';
      for (let i = 0; i < scaled(60, 3); i++) {
        source += `export interface Point${i} { x: number; y: number }\n`;
        source += `export function dist${i}(a: Point${i}, b: Point${i}): number {\n  const dx = a.x - b.x, dy = a.y - b.y;\n  return Math.sqrt(dx * dx + dy * dy) * ${i};\n}\n`;
        source += `export class Shape${i} { constructor(private readonly points: Point${i}[] = []) {}\n  get length(): number { return this.points.reduce((s, p, j, a) => s + (j ? dist${i}(a[j - 1], p) : 0), 0); } }\n`;
      }
      const [output, work] = await timedAsync(async () => {
        const r = await esbuild.transform(source, { loader: 'ts', minify: true, target: 'es2020' });
        return `${sha(r.code)} ${r.code.length} bytes`;
      });
      await esbuild.stop?.();
      return { init, work, output };
    },
  },
  '@chainsafe/as-sha256': {
    toolchain: 'AssemblyScript',
    async run() {
      const [as, init] = timed(() => require('@chainsafe/as-sha256'));
      const data = bytes(scaled(1 << 20));
      const [output, work] = timed(() => {
        let h = as.digest(data);
        for (let i = 0; i < scaled(200); i++) h = as.digest64(Buffer.concat([h, h]));
        const hex = Buffer.from(h).toString('hex');
        if (Buffer.from(as.digest(data)).toString('hex') !== sha(data))
          throw new Error('sha256 differs from node:crypto');
        return hex;
      });
      return { init, work, output };
    },
  },
  md4w: {
    toolchain: 'Zig (and C: md4c)',
    async run() {
      const md4w = await import('md4w');
      const [, init] = await timedAsync(() => md4w.init('fast'));
      const r = rng(3);
      let md = '';
      for (let i = 0; i < scaled(400); i++) {
        md += `## Section ${i}\n\n${text(200, i + 1)} **bold ${i}** _em_ \`code ${i}\` [link](https://example.com/${i})\n\n`;
        if (r() < 0.3)
          md += `- item a\n- item b\n  1. nested\n\n| a | b |\n|---|---|\n| ${i} | ${i * 2} |\n\n`;
        if (r() < 0.2) md += '```js\nconst x = 1;\n```\n\n';
      }
      const [output, work] = timed(() => {
        const html = md4w.mdToHtml(md);
        return `${sha(html)} ${html.length} chars`;
      });
      return { init, work, output };
    },
  },
  'hash-wasm': {
    toolchain: 'C (clang, hand-tuned)',
    async run() {
      const hw = require('hash-wasm');
      const data = bytes(scaled(1 << 21), 11);
      const [, init] = await timedAsync(() => hw.createBLAKE3());
      const [output, work] = await timedAsync(async () => {
        const out = [
          await hw.blake3(data),
          await hw.xxhash64(data),
          await hw.sha1(data),
          await hw.crc32(data),
          await hw.md5(data),
        ];
        if (out[2] !== createHash('sha1').update(data).digest('hex'))
          throw new Error('sha1 differs from node:crypto');
        return out.join(' ');
      });
      return { init, work, output };
    },
  },
};
