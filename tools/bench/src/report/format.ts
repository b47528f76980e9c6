import type { EngineRun, GeomeanRow, WorkloadResult } from '../results.js';
import { geomean } from '../stats.js';

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

export function fmtRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '-';
  if (r < 10) return `${r.toFixed(2)}×`;
  if (r < 100) return `${r.toFixed(1)}×`;
  return `${Math.round(r).toLocaleString('en-US')}×`;
}

export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '-';
  const mib = bytes / 2 ** 20;
  return `${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MiB`;
}

/** What a non-ok status is shown as in tables. */
export function statusLabel(run: EngineRun | undefined): string {
  switch (run?.status) {
    case undefined:
      return '-';
    case 'ok':
      return '';
    case 'wrong':
      return 'WRONG';
    case 'error':
      return 'ERROR';
    case 'timeout':
      return 'TIMEOUT';
    case 'skipped':
      return 'skipped';
  }
}

/** The time cell of an engine for a workload: its median, or its status. */
export function timeCell(run: EngineRun | undefined): string {
  return run?.status === 'ok' ? fmtMs(run.medianMs) : statusLabel(run);
}

export function ratioCell(run: EngineRun | undefined): string {
  return run?.status === 'ok' ? fmtRatio(run.ratio) : statusLabel(run);
}

/** Geometric mean of each engine's ok ratios; other statuses are listed as excluded. */
export function geomeans(
  workloads: readonly WorkloadResult[],
  engines: readonly string[],
): Record<string, GeomeanRow> {
  const out: Record<string, GeomeanRow> = {};
  for (const engine of engines) {
    const ratios: number[] = [];
    const excluded: string[] = [];
    for (const w of workloads) {
      const run = w.engines[engine];
      if (run?.status === 'ok' && run.ratio !== undefined) ratios.push(run.ratio);
      else if (run?.status === 'ok') excluded.push(`${w.name} (no baseline time)`);
      else excluded.push(`${w.name} (${run?.status ?? 'missing'})`);
    }
    out[engine] = {
      ratio: ratios.length ? Number(geomean(ratios).toPrecision(4)) : NaN,
      count: ratios.length,
      excluded,
    };
  }
  return out;
}

/** Lines explaining every non-ok result. */
export function problems(workloads: readonly WorkloadResult[]): string[] {
  const lines: string[] = [];
  for (const w of workloads) {
    for (const [engine, run] of Object.entries(w.engines)) {
      if (run.status !== 'ok') {
        lines.push(
          `${w.name} / ${engine}: ${statusLabel(run)}${run.message ? `: ${run.message}` : ''}`,
        );
      }
    }
    if (w.recorded !== undefined && w.expected !== undefined && w.recorded !== w.expected) {
      lines.push(
        `${w.name}: the baseline returned ${w.expected}, but src/workloads.ts records ${w.recorded} (module rebuilt? update expectedQuick)`,
      );
    }
  }
  return lines;
}

/** Pads a table of strings into aligned text columns (first column left-aligned). */
export function textTable(rows: readonly (readonly string[])[], rightAlignFrom = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) =>
      row
        .map((c, i) => (i >= rightAlignFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
