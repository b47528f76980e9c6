/** The compile-time section: compile() of a large real module, each in a fresh process. */
import type { BenchResults } from '../../results.js';
import { cell, mdTable } from '../md.js';
import { compileTable } from '../tables.js';

/** The compile-time section (a `##` heading) of the run that measured it. */
export function compileSection(r: BenchResults): string {
  const c = r.compile!;
  const notes = c.rows.map((row) => {
    const flags = row.nodeArgs.length ? ` (\`node ${row.nodeArgs.join(' ')}\`)` : '';
    const what = row.note ? `: ${row.note}` : '';
    const failure = row.status !== 'ok' ? ` **${row.status}**: ${row.message ?? ''}` : '';
    return `- ${cell(row.label)}${flags}${cell(what)}.${cell(failure)}`;
  });
  return [
    '## Compile time',
    `\`compile()\` of \`${c.module}\` ${c.moduleVersion} (${(c.bytes / 2 ** 20).toFixed(1)} MiB, ` +
      `the Go-compiled esbuild), median of ${c.repeats}, each in a fresh \`node\` process ` +
      `(measured once, with the ${r.nodeMode} mode, ${r.generatedAt}). ` +
      'Peak RSS + is the peak resident memory during the call minus the resident memory before it; ' +
      'the "after GC" columns are what is still held once the call returned and a full GC ran.',
    mdTable(compileTable(r), 1),
    notes.join('\n'),
  ].join('\n\n');
}
