/** The run-time sections: one per mode, each with its chart, table and geometric means. */
import { chartFile, nodeLabel, type ModeName } from '../../modes.js';
import type { BenchResults } from '../../results.js';
import { fmtRatio, problems } from '../format.js';
import { cell, mdTable } from '../md.js';
import { runtimeTable } from '../tables.js';

/** The heading of a mode's section (and its name in the report's other tables). */
export function modeHeading(mode: ModeName, nodeFlags: readonly string[]): string {
  switch (mode) {
    case 'flags':
      return "Node with Weft's V8 flags (`--mode flags`)";
    case 'plain':
      return 'Plain node (`--mode plain`)';
    case 'jitless':
      return '`node --jitless` (`--mode jitless`)';
    case 'custom':
      return `${nodeLabel(mode, nodeFlags)} (\`--node-flags\`)`;
  }
}

/** What the workers ran and what the ratios are relative to, one paragraph. */
function setup(r: BenchResults): string {
  const flags = r.settings.nodeFlags;
  const how = flags.length
    ? `The workers run \`node ${flags.join(' ')}\``
    : 'The workers run plain `node`, without flags';
  if (!flags.includes('--jitless')) {
    return `${how}; ratios are relative to \`${r.baseline}\`.`;
  }
  return (
    `${how}: no JIT, and no WebAssembly object, so native WebAssembly cannot run and the baseline ` +
    `is \`${r.baseline}\` (ratios are engine time ÷ \`${r.baseline}\` time). Every engine runs as ` +
    'interpreted JavaScript, 10-200× slower than with the JIT, so this mode always runs the ' +
    '`--quick` sizes and settings (fewer warm-up calls and rounds: there is no tier-up to wait for).' +
    (r.workloads.some((w) => w.checkedAgainstRecorded)
      ? ` Results are compared with the checksums recorded from native WebAssembly, not with \`${r.baseline}\`'s; where \`${r.baseline}\` is WRONG, the others have a time but no ratio.`
      : '')
  );
}

/** The legend of the run-time tables, once for every mode. */
export function runtimeLegend(): string {
  return (
    'Times are the median wall time of one `run(n)` call after warm-up, in milliseconds. A ratio ' +
    "is the median, over rounds, of the engine's time divided by the baseline's time in the same " +
    'round and process (lower is better). WRONG: the engine returned another checksum than the ' +
    'baseline (no time is shown); ERROR: it threw or trapped; TIMEOUT: one call took too long; ' +
    'skipped: the engine lacks a feature the module uses.'
  );
}

/** One mode's run-time section (a `###` heading). */
export function runtimeSection(r: BenchResults): string {
  const out: string[] = [];
  out.push(`### ${modeHeading(r.nodeMode, r.settings.nodeFlags)}`);
  out.push(setup(r));
  out.push(`![Run time relative to ${r.baseline}, log scale](${chartFile(r.nodeMode)})`);
  out.push(mdTable(runtimeTable(r), 2));
  const notes = problems(r.workloads);
  if (notes.length) out.push(notes.map((n) => `- ${cell(n)}`).join('\n'));
  for (const e of r.engines.filter((e) => e.name !== r.baseline)) {
    const g = r.geomean[e.name];
    if (!g) continue;
    out.push(
      `Geometric mean of \`${e.name}\` ÷ \`${r.baseline}\`: **${fmtRatio(g.ratio)}** over ${g.count} of ` +
        `${r.workloads.length} workloads` +
        (g.excluded.length ? ` (not counted: ${g.excluded.join(', ')}).` : '.'),
    );
  }
  return out.join('\n\n');
}
