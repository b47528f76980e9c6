/** The many-modules section: each workload fresh, and after every other workload. */
import { flagsLabel } from '../../modes.js';
import type { PollutionResults } from '../../results.js';
import { fmtMs, fmtRatio } from '../format.js';
import { mdTable } from '../md.js';

/** The many-modules table: one row per workload, then the geometric mean. */
export function pollutionTable(p: PollutionResults): string[][] {
  const rows = [['workload', 'fresh ms', 'after ms', 'after ÷ fresh']];
  for (const w of p.workloads) {
    rows.push([w.name, fmtMs(w.freshMs), fmtMs(w.afterMs), fmtRatio(w.ratio)]);
  }
  rows.push(['geometric mean', '', '', fmtRatio(p.geomean)]);
  return rows;
}

/** The many-modules section (a `##` heading). */
export function pollutionSection(p: PollutionResults): string {
  return [
    '## Many modules',
    `How much slower a workload runs in Weft in a process that has already run every other ` +
      `workload (three calls each, at the \`--quick\` sizes: the state a long-lived process ` +
      `reaches) than in a fresh process. Each measurement is a fresh process running ` +
      `${flagsLabel(p.nodeFlags)}${p.nodeFlags.length ? ` (\`${p.nodeFlags.join(' ')}\`)` : ''}; ` +
      `${p.sizes} sizes, median of ${p.rounds} calls after 3 warm-up calls; ${p.generatedAt}.`,
    mdTable(pollutionTable(p), 1),
    `Geometric mean of after ÷ fresh: **${fmtRatio(p.geomean)}**; worst: \`${p.worst.name}\`, ` +
      `${fmtRatio(p.worst.ratio)}. Command: \`node tools/bench/dist/pollution.js\`.`,
  ].join('\n\n');
}
