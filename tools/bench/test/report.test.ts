import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fmtMs, fmtRatio, geomeans, problems, textTable } from '#src/report/format.js';
import { markdownReport } from '#src/report/markdown.js';
import { logTicks, svgChart } from '#src/report/svg.js';
import { textReport } from '#src/report/text.js';
import { geomean, median } from '#src/stats.js';
import { results, workloads } from './fixtures.js';

test('stats', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.ok(Math.abs(geomean([2, 8]) - 4) < 1e-12);
});

test('geometric means count only ok results and list the rest', () => {
  const g = results.geomean['slow']!;
  assert.is(g.ratio, 4);
  assert.is(g.count, 2);
  assert.equal(g.excluded, ['c <&> (wrong)', 'd (skipped)']);
});

test('formatting', () => {
  assert.is(fmtMs(4.4321), '4.43');
  assert.is(fmtMs(43.21), '43.2');
  assert.is(fmtMs(4321.2), '4,321');
  assert.is(fmtRatio(1.234), '1.23×');
  assert.is(fmtRatio(47.44), '47.4×');
  assert.is(fmtRatio(1234), '1,234×');
  assert.is(
    textTable([
      ['a', 'bb'],
      ['ccc', 'd'],
    ]),
    'a    bb\nccc   d',
  );
});

test('problems explain every result that is not ok', () => {
  assert.equal(problems(workloads), [
    'c <&> / slow: WRONG: returned 2, expected 1',
    'd / slow: skipped: needs simd',
  ]);
});

test('log ticks', () => {
  assert.equal(logTicks(0.5, 100), [0.5, 1, 2, 5, 10, 20, 50, 100]);
  assert.equal(logTicks(0.1, 100000), [0.1, 1, 10, 100, 1000, 10000, 100000]);
});

test('the SVG chart is well formed and shows every workload and status', () => {
  const svg = svgChart(results);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.is(svg.split('<text').length, svg.split('</text>').length);
  assert.ok(svg.includes('c &lt;&amp;&gt;'));
  assert.not.ok(svg.includes('c <&>'));
  assert.ok(svg.includes('>WRONG<'));
  assert.ok(svg.includes('skipped (needs simd)'));
  assert.ok(svg.includes('>8.00×<'));
  assert.ok(svg.includes('>4.00×<'), 'geometric mean bar');
  assert.ok(svg.includes('slow 0.1.0'), 'legend');
});

test('the markdown and text reports hold the tables, the machine and the notes', () => {
  const md = markdownReport({ runs: [results] });
  assert.ok(md.includes('![Run time relative to native, log scale](benchmarks.svg)'));
  assert.ok(md.includes('| a | a things | 10 | 10.0 | 20.0 | 2.00× |'));
  assert.ok(md.includes('| c <&> | c <&> things | 10 | 5.00 | WRONG | WRONG |'));
  assert.ok(md.includes('Test CPU × 2'));
  assert.ok(md.includes('**4.00×** over 2 of 4 workloads'));
  assert.ok(md.includes('- slow. **error**: boom'));
  assert.ok(md.includes('run `node --max-inlined-bytecode-size-cumulative=5000`'), 'worker flags');
  const text = textReport(results);
  assert.ok(text.includes('geometric mean'));
  assert.ok(text.includes('c <&> / slow: WRONG: returned 2, expected 1'));
  assert.ok(text.includes('esbuild-wasm/esbuild.wasm 0.0.0 (14.0 MiB)'));
});

test.run();
