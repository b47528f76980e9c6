// Checks the page in headless Chromium: serves this directory from localhost
// (with the page's CSP also sent as a header), waits for #result and compares
// it with index.expected. Skips where no Chromium is installed, as
// packages/webassembly/test/browser/run.mjs does (CHROMIUM=path to choose one).
//   pnpm --filter @weft/examples build && node examples/browser/test.mjs
//   node examples/browser/test.mjs --serve   (serves the page, to open it yourself)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CSP = "default-src 'self'; script-src 'self'";
const files = {
  '/': [join(here, 'index.html'), 'text/html'],
  '/dist/app.js': [join(here, 'dist/app.js'), 'text/javascript'],
};
if (!existsSync(files['/dist/app.js'][0])) {
  console.error('examples/browser/dist/app.js is missing: run pnpm --filter @weft/examples build');
  process.exit(1);
}
const server = createServer((req, res) => {
  const f = files[new URL(req.url, 'http://x').pathname];
  if (f === undefined) {
    res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': f[1], 'Content-Security-Policy': CSP });
  res.end(readFileSync(f[0]));
});
const serve = process.argv.includes('--serve');
await new Promise((r) => server.listen(serve ? 8080 : 0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
if (serve) {
  console.log(`serving ${url} (Ctrl-C to stop)`);
} else {
  process.exitCode = await check(url);
  server.close();
}

async function check(url) {
  const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    console.log(`chromium not found at ${chromiumPath}: browser example skipped`);
    return 0;
  }
  const { chromium } = await import('playwright-core');
  const expected = readFileSync(join(here, 'index.expected'), 'utf8').trimEnd();
  const profile = mkdtempSync(join(tmpdir(), 'weft-example-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const problems = [];
  let result = '';
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(
      () => document.getElementById('result').textContent !== 'running',
      null,
      { timeout: 60_000 },
    );
    result = await page.textContent('#result');
  } catch (e) {
    problems.push(e.message);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const ok = result === expected && problems.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} browser example (CSP ${CSP})`);
  if (!ok) console.log(`expected:\n${expected}\ngot:\n${result}\n${problems.join('\n')}`);
  return ok ? 0 : 1;
}
