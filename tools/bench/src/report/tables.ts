import type { BenchResults } from '../results.js';
import { fmtBytes, fmtMs, fmtRatio, ratioCell, timeCell } from './format.js';

/** The runtime table: one row per workload, then the geometric means. */
export function runtimeTable(r: BenchResults): string[][] {
  const others = r.engines.map((e) => e.name).filter((n) => n !== r.baseline);
  const header = ['workload', 'stresses', 'n', `${r.baseline} ms`];
  for (const e of others) header.push(`${e} ms`, `${e} ÷ ${r.baseline}`);
  const rows = [header];
  for (const w of r.workloads) {
    const row = [w.name, w.category, w.n.toLocaleString('en-US'), timeCell(w.engines[r.baseline])];
    for (const e of others) row.push(timeCell(w.engines[e]), ratioCell(w.engines[e]));
    rows.push(row);
  }
  const g = ['geometric mean', '', '', ''];
  for (const e of others) {
    const row = r.geomean[e];
    g.push('', row ? `${fmtRatio(row.ratio)}` : '-');
  }
  rows.push(g);
  return rows;
}

/** The compile-time table. */
export function compileTable(r: BenchResults): string[][] {
  const rows = [
    ['engine', 'compile ms', '÷ native', 'peak RSS +', 'RSS after GC +', 'JS heap after GC +'],
  ];
  for (const c of r.compile?.rows ?? []) {
    rows.push(
      c.status === 'ok'
        ? [
            c.label,
            fmtMs(c.medianMs),
            fmtRatio(c.ratio),
            fmtBytes(c.peakRssDelta),
            fmtBytes(c.retainedRss),
            fmtBytes(c.retainedHeap),
          ]
        : [c.label, c.status.toUpperCase(), '', '', '', ''],
    );
  }
  return rows;
}

export function machineLine(r: BenchResults): string {
  const m = r.machine;
  return (
    `Node ${m.node} (V8 ${m.v8}), ${m.cpu} × ${m.cores}, ` +
    `${Math.round(m.memory / 2 ** 30)} GiB, ${m.os} ${m.arch}, load average ${m.loadavg.join(' ')}`
  );
}

export { fmtMs };
