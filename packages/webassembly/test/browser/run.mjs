// Page test in a real browser: headless Chromium loads a page served from
// localhost under `Content-Security-Policy: default-src 'self'; script-src 'self'`
// (no 'wasm-unsafe-eval': native WebAssembly is refused), whose unchanged
// sql.js (Emscripten) glue runs through the bundled polyfill; then again in
// a JIT-less Chromium (--js-flags=--jitless: no WebAssembly at all).
// Skips with a message where no Chromium is installed (`apt-get install chromium`).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(
    `chromium not found at ${chromiumPath}: browser test skipped (apt-get install chromium, or set CHROMIUM)`,
  );
  process.exit(0);
}
const { chromium } = await import('playwright-core');

const sqlDist = dirname(require.resolve('sql.js/dist/sql-wasm.js'));
const files = {
  '/': [join(here, 'page/index.html'), 'text/html'],
  '/app.js': [join(here, 'page/app.js'), 'text/javascript'],
  '/install.min.js': [join(here, '../../dist/browser/install.min.js'), 'text/javascript'],
  '/sql-wasm.js': [join(sqlDist, 'sql-wasm.js'), 'text/javascript'],
  '/sql-wasm.wasm': [join(sqlDist, 'sql-wasm.wasm'), 'application/wasm'],
};
const CSP = "default-src 'self'; script-src 'self'";
const server = createServer((req, res) => {
  const f = files[new URL(req.url, 'http://x').pathname];
  if (f === undefined) {
    res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': f[1], 'Content-Security-Policy': CSP });
  res.end(readFileSync(f[0]));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

// What the page must show: the same queries as computed by sql.js on Node's native WebAssembly.
const expected = 'rows=200 sum=10009 min=n0 max=n98 sqlite=3.54.1';

let passed = 0;
let failed = 0;
for (const [label, extra] of [
  ['chromium, CSP without wasm-unsafe-eval', []],
  ['chromium --js-flags=--jitless', ['--js-flags=--jitless']],
]) {
  const profile = mkdtempSync(join(tmpdir(), 'weft-chromium-'));
  // A fresh profile each time (playwright's way of giving --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extra,
    ],
  });
  const problems = [];
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(
      () => document.getElementById('result').textContent !== 'running',
      null,
      { timeout: 120_000 },
    );
    const engine = await page.textContent('#engine');
    const result = await page.textContent('#result');
    const ok = engine === 'weft' && result.startsWith(expected) && problems.length === 0;
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: engine=${engine} ${result}`);
    for (const p of problems) console.log(`     ${p}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${label}: ${e.message}`);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
