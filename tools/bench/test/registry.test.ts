import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  EngineConfigError,
  compileVariants,
  createEngine,
  loadEngineConfig,
  selectSpecs,
} from '#src/engines/registry.js';
import { exactBytes } from '#src/engines/webassembly-api.js';
import { readWasm } from '#src/workloads.js';

const config = loadEngineConfig();
const spec = (name: string) => config.engines.find((e) => e.name === name)!;

test('engines.json: native is the baseline, weft and polywasm are listed', () => {
  assert.is(config.baseline, 'native');
  assert.equal(
    config.engines.map((e) => e.name),
    ['native', 'weft', 'polywasm'],
  );
  assert.ok(compileVariants(spec('native')).length >= 2);
});

test('selectSpecs puts the baseline first and rejects unknown names', () => {
  assert.equal(
    selectSpecs(config, ['polywasm']).map((e) => e.name),
    ['native', 'polywasm'],
  );
  assert.equal(
    selectSpecs(config).map((e) => e.name),
    ['native', 'weft', 'polywasm'],
  );
  assert.throws(() => selectSpecs(config, ['nope']), /unknown engine "nope"/);
});

test('feature support comes from engines.json', async () => {
  const native = await createEngine(spec('native'));
  const poly = await createEngine(spec('polywasm'));
  assert.ok(native.supports(['simd', 'bulk-memory']));
  assert.ok(poly.supports(['bulk-memory']));
  assert.not.ok(poly.supports(['simd']));
  assert.ok(poly.supports([]));
  assert.match(poly.version, /^\d+\.\d+\.\d+/);
});

test('exactBytes gives engines a buffer of their own', () => {
  const big = new Uint8Array([9, 1, 2, 3, 9]);
  const view = big.subarray(1, 4);
  const exact = exactBytes(view);
  assert.is(exact.byteOffset, 0);
  assert.is(exact.buffer.byteLength, 3);
  assert.equal([...exact], [1, 2, 3]);
  const own = new Uint8Array(4);
  assert.is(exactBytes(own), own);
});

test('polywasm and native agree on a small run, even from a view with an offset', async () => {
  const bytes = readWasm('fib');
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 8);
  const view = padded.subarray(8);
  for (const name of ['native', 'polywasm']) {
    const engine = await createEngine(spec(name));
    const instance = await engine.instantiate(view);
    assert.is((instance.exports['run'] as (n: number) => number)(20), 1747534315, name);
  }
});

test('a "module" adapter loads an engine from a file (how Weft plugs in)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const adapter = join(dir, 'adapter.mjs');
  writeFileSync(
    adapter,
    `export function createEngine(spec) {
      return {
        name: spec.name, description: spec.description, version: '1.2.3',
        supports: () => true,
        compile: (bytes) => WebAssembly.compile(bytes),
        instantiate: async (bytes, imports) => (await WebAssembly.instantiate(bytes, imports)).instance,
      };
    }`,
  );
  const file = join(dir, 'engines.json');
  writeFileSync(
    file,
    JSON.stringify({
      baseline: 'native',
      engines: [
        spec('native'),
        { name: 'custom', description: 'test', adapter: 'module', module: adapter, features: '*' },
      ],
    }),
  );
  const custom = loadEngineConfig(file).engines[1]!;
  const engine = await createEngine(custom);
  assert.is(engine.version, '1.2.3');
  const instance = await engine.instantiate(readWasm('fib'));
  assert.is((instance.exports['run'] as (n: number) => number)(20), 1747534315);
});

test('engines.json errors name the file and the entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const file = join(dir, 'engines.json');
  const bad = (value: unknown, message: RegExp) => {
    writeFileSync(file, JSON.stringify(value));
    try {
      loadEngineConfig(file);
    } catch (e) {
      assert.instance(e, EngineConfigError);
      assert.match((e as Error).message, message);
      return;
    }
    assert.unreachable('no error');
  };
  bad({ baseline: 'x', engines: [] }, /engines must be a non-empty array/);
  bad(
    { baseline: 'a', engines: [{ name: 'a', description: 'd', adapter: 'nope', features: '*' }] },
    /engines\[0\]\.adapter/,
  );
  bad(
    {
      baseline: 'a',
      engines: [{ name: 'a', description: 'd', adapter: 'module', features: '*' }],
    },
    /engines\[0\]\.module is required/,
  );
  bad(
    {
      baseline: 'b',
      engines: [{ name: 'a', description: 'd', adapter: 'webassembly-global', features: ['x'] }],
    },
    /features/,
  );
  bad(
    {
      baseline: 'b',
      engines: [{ name: 'a', description: 'd', adapter: 'webassembly-global', features: '*' }],
    },
    /baseline "b" is not in engines/,
  );
});

test.run();
