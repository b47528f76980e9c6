// Runs one web-platform-tests file of the JS API suite in this process and
// prints its subtests' results as one JSON line. Used by run.mjs.
//
//   node child.mjs SUITE FILE [weft|native]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const [suite, file, mode = 'weft'] = process.argv.slice(2);
globalThis.self = globalThis;

if (mode === 'weft') {
  // Native WebAssembly removed: everything below sees only Weft's.
  delete globalThis.WebAssembly;
  const { install } = await import('@weft/webassembly');
  install({ force: true });
}

const results = [];
let printed = false;
function print(harnessError) {
  if (printed) return;
  printed = true;
  process.stdout.write(`${JSON.stringify({ results, harnessError })}\n`);
}

function load(path) {
  vm.runInThisContext(readFileSync(path, 'utf8'), { filename: path });
}

load(join(suite, 'harness/testharness.js'));
globalThis.add_result_callback((t) => {
  results.push({ name: t.name, status: t.status, message: t.message ?? null });
});
globalThis.add_completion_callback((_tests, status) => {
  // status 0 is OK; 1 ERROR (an exception outside tests), 2 TIMEOUT, 3 PRECONDITION_FAILED
  print(status.status === 0 ? null : (status.message ?? `harness status ${status.status}`));
  process.exitCode = 0;
});

const source = readFileSync(join(suite, file), 'utf8');
for (const m of source.matchAll(/^\/\/ META: script=(.*)$/gm)) {
  // Absolute paths name files of the suite's folder; others are relative to the test file.
  const script = m[1].trim();
  load(
    script.startsWith('/')
      ? join(suite, script.replace(/^\/wasm\/jsapi\//, ''))
      : join(suite, dirname(file), script),
  );
}
try {
  load(join(suite, file));
} catch (e) {
  print(`uncaught at load: ${e && e.stack ? e.stack : String(e)}`);
}

// A test that never settles must not hang the run.
const timer = setTimeout(() => print('timed out after 60 s'), 60_000);
timer.unref();
process.on('exit', () => print('exited before the harness completed'));
