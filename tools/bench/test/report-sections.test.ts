// docs/benchmarks.md from small fixture results: the summary, a section per
// mode (jitless: polywasm is the baseline), the scenarios, and sections left
// out when their results are missing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileSource, loadReportInputs, mergeInputs } from '#src/report/inputs.js';
import { markdownReport } from '#src/report/markdown.js';
import { callsTable } from '#src/report/sections/calls.js';
import { beatsPolywasm, programsGeomean, programsTable } from '#src/report/sections/programs.js';
import { pollutionTable } from '#src/report/sections/pollution.js';
import { summaryTable, worstWorkload } from '#src/report/sections/summary.js';
import { svgChart } from '#src/report/svg.js';
import type { BenchResults } from '#src/results.js';
import { calls, jitless, pollution, programs, results } from './fixtures.js';

/** The fixture run as a flags-mode run of the real engine names. */
const flags: BenchResults = JSON.parse(
  JSON.stringify(results).replace(/"slow"/g, '"weft"'),
) as BenchResults;

const all = { runs: [flags, jitless], pollution, calls, programs };

/** The markdown between a heading and the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const at = md.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `no section "${heading}"`);
  const level = heading.split(' ')[0]!;
  const rest = md.slice(at + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

test('the summary comes first: each mode, the scenarios, the calls', () => {
  const md = markdownReport(all);
  const order = [
    '## Summary',
    '## Run time',
    '## Many modules',
    '## Real programs',
    '## Call costs',
    '## Compile time',
    '## Method',
  ];
  const at = order.map((h) => md.indexOf(`\n${h}\n`));
  assert.ok(
    at.every((i) => i > 0),
    `missing: ${order.filter((_, i) => at[i]! < 0).join(', ')}`,
  );
  assert.equal(
    [...at].sort((a, b) => a - b),
    at,
    'section order',
  );
  assert.ok(md.includes('Edit the generator, not this file'));
  const summary = section(md, '## Summary');
  assert.ok(
    summary.includes(
      "| run time, 4 C workloads: weft ÷ native | `node` + Weft's V8 flags | **4.00×** | geometric mean of 2; worst: b 8.00× |",
    ),
    summary,
  );
  assert.ok(
    summary.includes(
      '| run time, 3 C workloads: weft ÷ polywasm | `node --jitless` | **6.00×** | geometric mean of 2; worst: b 12.0× |',
    ),
    summary,
  );
  assert.ok(
    summary.includes(
      "| many modules: after ÷ fresh | `node` + Weft's V8 flags | **1.41×** | geometric mean of 2; worst: lz 1.80× |",
    ),
    summary,
  );
  assert.ok(
    summary.includes(
      '| real programs: weft ÷ native | plain `node` | **6.35×** | geometric mean of 3; worst: hash-wasm 16.0×; faster than polywasm in 1 of 2 |',
    ),
    summary,
  );
  assert.ok(
    summary.includes(
      '| call costs: JS → wasm / wasm → host, ns per call | plain `node` | 16.8 / 17.0 | native: 4.3 / 9.0 |',
    ),
    summary,
  );
  assert.ok(
    summary.includes(
      '| call costs: JS → wasm / wasm → host, ns per call | `node --jitless` | 734 / 734 | polywasm: 56.4 / 71.8 |',
    ),
    summary,
  );
});

test('the jitless section has polywasm as its baseline and explains why', () => {
  const md = markdownReport(all);
  const s = section(md, '### `node --jitless` (`--mode jitless`)');
  assert.ok(s.includes('the baseline is `polywasm`'));
  assert.ok(s.includes('![Run time relative to polywasm, log scale](benchmarks-jitless.svg)'));
  assert.ok(s.includes('| workload | stresses | n | polywasm ms | weft ms | weft ÷ polywasm |'), s);
  assert.not.ok(s.includes('native ms'));
  assert.ok(s.includes('| a | a things | 10 | 100 | 300 | 3.00× |'), s);
  // polywasm wrong: weft has a time and no ratio, and is not counted.
  assert.ok(s.includes('| f | f things | 10 | WRONG | 500 | - |'), s);
  assert.ok(s.includes('**6.00×** over 2 of 3 workloads (not counted: f (no baseline time))'), s);
  assert.ok(s.includes('compared with the checksums recorded from native WebAssembly'));
  const flagsSection = section(md, "### Node with Weft's V8 flags (`--mode flags`)");
  assert.ok(flagsSection.includes('![Run time relative to native, log scale](benchmarks.svg)'));
  assert.ok(
    flagsSection.includes('| workload | stresses | n | native ms | weft ms | weft ÷ native |'),
  );
  const svg = svgChart(jitless);
  assert.ok(svg.includes('Run time relative to polywasm, node --jitless'));
  assert.ok(svg.includes('500 ms, no baseline time'));
});

test('the scenario tables', () => {
  assert.equal(pollutionTable(pollution), [
    ['workload', 'fresh ms', 'after ms', 'after ÷ fresh'],
    ['fib', '100', '110', '1.10×'],
    ['lz', '50.0', '90.0', '1.80×'],
    ['geometric mean', '', '', '1.41×'],
  ]);
  assert.equal(programsTable(programs)[3], [
    'esbuild-wasm',
    'Go',
    '100 + 50.0',
    '900 + 200',
    '4.00×',
    'FAILS',
    'FAILS',
  ]);
  assert.equal(beatsPolywasm(programs), { faster: 1, compared: 2 });
  assert.equal(programsGeomean(programs), { ratio: 6.35, count: 3 });
  assert.equal(callsTable(calls), [
    [
      'engine',
      'JS → wasm, plain node',
      'wasm → host, plain node',
      'JS → wasm, node --jitless',
      'wasm → host, node --jitless',
    ],
    ['native', '4.3', '9.0', '-', '-'],
    ['weft (@weft/webassembly)', '16.8', '17.0', '734', '734'],
    ['polywasm', '9.0', '1.4', '56.4', '71.8'],
  ]);
  const md = markdownReport(all);
  assert.ok(
    section(md, '## Real programs').includes('- esbuild-wasm / polywasm: fails: RangeError: boom'),
  );
  assert.ok(worstWorkload(flags, 'weft')!.name === 'b');
});

test('real programs say how their times were taken: one run, or medians of several', () => {
  const one = section(
    markdownReport({ ...all, programs: { ...programs, runs: undefined } }),
    '## Real programs',
  );
  assert.ok(one.includes('one run in a fresh process'));
  assert.ok(one.includes('run.mjs --polywasm --plain`'));
  const three = section(
    markdownReport({ ...all, programs: { ...programs, runs: 3 } }),
    '## Real programs',
  );
  assert.ok(three.includes('medians of 3 runs, each in a fresh process'));
  assert.ok(three.includes('run.mjs --polywasm --plain --runs 3`'));
});

test('missing results leave their sections out', () => {
  const md = markdownReport({ runs: [jitless] });
  for (const h of ['## Many modules', '## Real programs', '## Call costs', '## Compile time']) {
    assert.not.ok(md.includes(`\n${h}\n`), h);
  }
  assert.not.ok(md.includes('--mode flags`)'), 'no flags section');
  assert.ok(md.includes('\n## Summary\n'));
  assert.equal(summaryTable({ runs: [jitless] }).length, 2);
  const none = markdownReport({ runs: [] });
  assert.not.ok(none.includes('## Summary'));
  assert.not.ok(none.includes('## Run time'));
  assert.ok(none.includes('## Method'));
  const onlyCalls = markdownReport({ runs: [], calls });
  assert.ok(onlyCalls.includes('\n## Call costs\n'));
  assert.ok(onlyCalls.includes('\n## Summary\n'));
});

test('result files: missing ones are left out, a wrong schema too, a run replaces its mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-report-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'jitless.json'), JSON.stringify(jitless));
  writeFileSync(join(dir, 'calls.json'), JSON.stringify(calls));
  writeFileSync(join(dir, 'flags.json'), JSON.stringify({ ...flags, schema: 1 }));
  const lines: string[] = [];
  const loaded = loadReportInputs(dir, (l) => lines.push(l));
  assert.equal(
    loaded.runs.map((r) => r.nodeMode),
    ['jitless'],
  );
  assert.ok(loaded.calls);
  assert.is(loaded.pollution, undefined);
  assert.is(loaded.programs, undefined);
  assert.match(lines.join('\n'), /flags\.json: schema 1, expected 2/);

  const merged = mergeInputs(loaded, { runs: [flags], pollution });
  assert.equal(
    merged.runs.map((r) => r.nodeMode),
    ['flags', 'jitless'],
    'in mode order',
  );
  assert.ok(merged.pollution && merged.calls);
  const newer = { ...jitless, generatedAt: '2030-01-01T00:00:00Z', durationMs: 1 };
  assert.is(mergeInputs(merged, { runs: [newer] }).runs[1]!.generatedAt, '2030-01-01T00:00:00Z');
  assert.is(compileSource(merged), flags);
  assert.is(compileSource({ runs: [jitless] }), undefined);
});

test.run();
