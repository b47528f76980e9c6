import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FEATURES } from '#src/features.js';
import { benchRoot } from '#src/paths.js';
import { WORKLOADS, findWorkload, formatResult, readWasm, wasmPath } from '#src/workloads.js';

// The host's WebAssembly (@types/node does not declare it).
interface Descriptor {
  kind: string;
  name: string;
}
interface NativeWebAssembly {
  Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): Descriptor[];
    exports(module: object): Descriptor[];
  };
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: NativeWebAssembly }).WebAssembly;

test('every C file in workloads/ is in the manifest, and the other way round', () => {
  const files = readdirSync(join(benchRoot, 'workloads'))
    .filter((f) => f.endsWith('.c'))
    .map((f) => f.slice(0, -2))
    .sort();
  assert.equal(files, WORKLOADS.map((w) => w.name).sort());
  assert.ok(WORKLOADS.length >= 11);
});

test('the manifest is well formed', () => {
  for (const w of WORKLOADS) {
    assert.ok(w.n.quick > 0 && w.n.full >= w.n.quick, w.name);
    for (const f of w.features) assert.ok(FEATURES.includes(f), `${w.name}: ${f}`);
    assert.is(findWorkload(w.name), w);
  }
  assert.throws(() => findWorkload('nope'), /unknown workload "nope"/);
});

test('build.sh builds each workload with the features the manifest lists', () => {
  const script = readFileSync(join(benchRoot, 'build.sh'), 'utf8');
  const flag: Record<string, string> = { 'bulk-memory': '-mbulk-memory', simd: '-msimd128' };
  for (const w of WORKLOADS) {
    for (const [feature, f] of Object.entries(flag)) {
      const built = new RegExp(`^\\s*${w.name}\\) echo "${f}"`, 'm').test(script);
      assert.is(built, w.features.includes(feature as never), `${w.name} / ${feature}`);
    }
  }
});

test('every module is committed, needs no imports and exports run and memory', () => {
  for (const w of WORKLOADS) {
    assert.ok(existsSync(wasmPath(w.name)), `${w.name}.wasm is missing: run build.sh`);
    const module = new WebAssembly.Module(readWasm(w.name));
    assert.equal(WebAssembly.Module.imports(module), [], w.name);
    const exports = WebAssembly.Module.exports(module).map((e) => `${e.kind}:${e.name}`);
    assert.ok(exports.includes('function:run'), w.name);
    assert.ok(exports.includes('memory:memory'), w.name);
  }
});

test('natively, run(n.quick) returns the recorded checksum, twice', async () => {
  for (const w of WORKLOADS) {
    const { instance } = await WebAssembly.instantiate(readWasm(w.name));
    const run = instance.exports['run'] as (n: number) => unknown;
    assert.is(formatResult(run(w.n.quick)), w.expectedQuick, w.name);
    assert.is(formatResult(run(w.n.quick)), w.expectedQuick, `${w.name} (second call)`);
  }
});

test('sha256 computes SHA-256: run(0) is the first word of sha256("abc")', async () => {
  const { instance } = await WebAssembly.instantiate(readWasm('sha256'));
  assert.is((instance.exports['run'] as (n: number) => number)(0) >>> 0, 0xba7816bf);
});

test.run();
