/**
 * The bounded, deterministic CI slice: a fixed seed range per generator,
 * in every tier (the suspend tier included), about a minute on two cores.
 * It fails listing every mismatch (seed, tiers, what differed); regenerate
 * one with `pnpm fuzz --generator G --seed S --count 1 --out DIR` to get it
 * saved and reduced.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCampaign } from '#src/campaign.js';
import { findTestsuiteBin } from '#src/gen/testsuite.js';
import { requireTool } from '#src/gen/ttf.js';
import type { GeneratorName } from '#src/cases.js';
import type { Finding } from '#src/findings.js';

/** Seeds and counts of the slice. Changing them changes what CI checks: keep them fixed. */
export const SLICE: Record<GeneratorName, { seed: number; count: number }> = {
  structured: { seed: 0, count: 1500 },
  ttf: { seed: 0, count: 150 },
  mutate: { seed: 0, count: 400 },
  decode: { seed: 0, count: 10000 },
};

function describe(f: Finding): string {
  const d = f.difference;
  const where =
    d !== undefined
      ? ` at ${d.name}(${d.args.join(', ')}): native ${d.native} / weft ${d.weft}`
      : '';
  return `  seed ${f.seed} [${f.tiers.join('+')}] ${f.category}${where}${f.detail !== undefined ? ` ${f.detail.slice(0, 300)}` : ''}`;
}

async function slice(generator: GeneratorName): Promise<void> {
  const { seed, count } = SLICE[generator];
  const report = await runCampaign({
    generators: [generator],
    seed,
    count,
    timeSec: null,
    out: process.env['WEFT_FUZZ_OUT'] ?? null,
    workers: 2,
    argSets: 3,
    reduceLimit: 0,
    reduceSec: 0,
  });
  const s = report.stats[generator]!;
  console.log(
    `${generator}: ${s.modules} modules in ${report.seconds.toFixed(1)}s, ${s.mismatches} mismatches, ${s.skipped} skipped, ${s.nanOnly} nan-only` +
      (s.suspendTurns > 0
        ? ` (suspend tier: ${s.suspendPromises} promises, ${s.suspendTurns} turns)`
        : ''),
  );
  assert.is(
    s.harnessFailures,
    0,
    `${generator}: the harness failed (see skip reasons: ${JSON.stringify(s.skipReasons)})`,
  );
  if (report.findings.length > 0) {
    assert.unreachable(
      `${generator}: ${report.findings.length} mismatches between Weft and native WebAssembly (seeds ${seed}..${seed + count - 1}):\n` +
        report.findings.map(describe).join('\n'),
    );
  }
}

test('structured slice: Weft agrees with native', () => slice('structured'));

test('ttf slice: Weft agrees with native on binaryen translate-to-fuzz modules', async () => {
  // Fails here, saying how to install binaryen, when wasm-opt is missing.
  requireTool('wasm-opt');
  await slice('ttf');
});

const suite = findTestsuiteBin();
if (suite === null) {
  console.warn(
    'testsuite-bin not found (set WEFT_TESTSUITE_BIN): mutate and decode slices not run',
  );
} else {
  test('mutate slice: Weft agrees with native on mutated testsuite modules', () => slice('mutate'));
  test('decode slice: Weft accepts or rejects like native, with CompileErrors only', () =>
    slice('decode'));
}

test.run();
