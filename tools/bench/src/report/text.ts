import type { BenchResults } from '../results.js';
import { problems, textTable } from './format.js';
import { compileTable, machineLine, runtimeTable } from './tables.js';

/** The report printed on stdout at the end of a run. */
export function textReport(r: BenchResults): string {
  const out: string[] = [];
  const how = r.settings.nodeFlags.length ? `node ${r.settings.nodeFlags.join(' ')}` : 'plain node';
  out.push(
    `Weft benchmarks, ${r.nodeMode} mode (${how}), ${r.mode} settings, ${r.sizes} sizes${r.partial ? ', partial' : ''}, ${r.generatedAt}`,
  );
  out.push(machineLine(r));
  out.push(`engines: ${r.engines.map((e) => `${e.name} ${e.version}`).join(', ')}`);
  if (r.workloads.length) {
    out.push('');
    out.push(textTable(runtimeTable(r), 2));
    const notes = problems(r.workloads);
    if (notes.length) {
      out.push('');
      for (const n of notes) out.push(`  ${n}`);
    }
  }
  if (r.compile) {
    out.push('');
    const mib = (r.compile.bytes / 2 ** 20).toFixed(1);
    out.push(
      `compile time: ${r.compile.module} ${r.compile.moduleVersion} (${mib} MiB), median of ${r.compile.repeats}, fresh process each`,
    );
    out.push(textTable(compileTable(r), 1));
    for (const c of r.compile.rows) {
      if (c.status !== 'ok') out.push(`  ${c.label}: ${c.status}: ${c.message ?? ''}`);
    }
  }
  return out.join('\n');
}
