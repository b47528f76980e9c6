/**
 * docs/benchmarks.svg: horizontal bars of each engine's time relative to the
 * baseline, per workload, on a log scale centred on 1× (bars to the right:
 * slower than the baseline; to the left: faster).
 */
import { nodeLabel } from '../modes.js';
import type { BenchResults, EngineRun } from '../results.js';
import { fmtMs, fmtRatio, statusLabel } from './format.js';

const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Tick values of a 1-2-5 (or 1-10 for wide ranges) sequence covering [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const steps = [1, 2, 5];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const s of steps) {
      const v = Number((s * 10 ** e).toPrecision(6));
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks.length > 13 ? ticks.filter((t) => Number.isInteger(Math.log10(t))) : ticks;
}

function snapDown(v: number): number {
  const e = Math.floor(Math.log10(v));
  for (const s of [5, 2, 1]) if (s * 10 ** e <= v) return s * 10 ** e;
  return 10 ** e;
}

function snapUp(v: number): number {
  const e = Math.floor(Math.log10(v));
  for (const s of [1, 2, 5, 10]) if (s * 10 ** e >= v) return s * 10 ** e;
  return 10 ** (e + 1);
}

function tickLabel(v: number): string {
  return `${v >= 1 ? v.toLocaleString('en-US') : String(v)}×`;
}

/** How the workers' node ran, for the title: "node + Weft's V8 flags", "node --jitless"... */
function modeTitle(r: BenchResults): string {
  return nodeLabel(r.nodeMode, r.settings.nodeFlags).replace(/`/g, '');
}

/** A mode's chart (docs/benchmarks.svg for the flags mode, see chartFile). */
export function svgChart(r: BenchResults): string {
  const others = r.engines.filter((e) => e.name !== r.baseline);
  const color = (i: number) => COLORS[i % COLORS.length]!;
  const ratios: number[] = [1];
  for (const w of r.workloads) {
    for (const e of others) {
      const run = w.engines[e.name];
      if (run?.status === 'ok' && run.ratio !== undefined && run.ratio > 0) ratios.push(run.ratio);
    }
  }
  for (const e of others) {
    const g = r.geomean[e.name]?.ratio;
    if (g !== undefined && Number.isFinite(g) && g > 0) ratios.push(g);
  }
  const lo = snapDown(Math.min(...ratios) / 1.2);
  let hi = snapUp(Math.max(...ratios) * 1.15);
  if (hi / lo < 4) hi = snapUp(lo * 4);

  const width = 900;
  const x0 = 230;
  const x1 = width - 90;
  const barH = 14;
  const barGap = 3;
  const groupGap = 14;
  const groupH = Math.max(30, others.length * (barH + barGap) - barGap + groupGap);
  const top = 96;
  const rows = r.workloads.length + 1; // + geometric mean
  const plotH = rows * groupH + 10;
  const height = top + plotH + 56;
  const x = (v: number) =>
    x0 + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (x1 - x0);

  const s: string[] = [];
  s.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
  );
  s.push(`<title>Weft benchmarks: run time relative to ${esc(r.baseline)} (log scale)</title>`);
  s.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  s.push(
    `<text x="20" y="28" font-size="17" font-weight="bold" fill="#222">Run time relative to ${esc(r.baseline)}, ${esc(modeTitle(r))} (log scale, lower is better)</text>`,
  );
  const m = r.machine;
  s.push(
    `<text x="20" y="48" font-size="11" fill="#555">${esc(
      `${r.mode} settings, ${r.sizes} sizes${r.partial ? ' (partial)' : ''} · ${r.generatedAt.slice(0, 10)} · Node ${m.node} (V8 ${m.v8}) · ${m.cpu} × ${m.cores}`,
    )}</text>`,
  );
  // legend
  let lx = 20;
  others.forEach((e, i) => {
    s.push(`<rect x="${lx}" y="60" width="12" height="12" fill="${color(i)}"/>`);
    const label = `${e.name} ${e.version}`;
    s.push(`<text x="${lx + 17}" y="70.5" font-size="12" fill="#222">${esc(label)}</text>`);
    lx += 17 + label.length * 6.6 + 18;
  });
  s.push(
    `<text x="${lx}" y="70.5" font-size="12" fill="#555">${esc(`label: workload, ${r.baseline} median time`)}</text>`,
  );

  // grid and ticks
  const yTop = top;
  const yBottom = top + plotH;
  for (const t of logTicks(lo, hi)) {
    const tx = num(x(t));
    const strong = t === 1;
    s.push(
      `<line x1="${tx}" y1="${yTop - 6}" x2="${tx}" y2="${yBottom}" stroke="${strong ? '#333' : '#ddd'}" stroke-width="${strong ? 1.5 : 1}"/>`,
    );
    s.push(
      `<text x="${tx}" y="${yBottom + 16}" font-size="11" text-anchor="middle" fill="#444">${esc(tickLabel(t))}</text>`,
    );
  }
  s.push(
    `<text x="${num(x(1))}" y="${yTop - 10}" font-size="11" text-anchor="middle" fill="#333">${esc(`1× = ${r.baseline}`)}</text>`,
  );
  s.push(
    `<text x="${num((x0 + x1) / 2)}" y="${yBottom + 38}" font-size="12" text-anchor="middle" fill="#333">${esc(`time ÷ ${r.baseline} time (median of per-round ratios)`)}</text>`,
  );

  const bar = (y: number, i: number, run: EngineRun | undefined, ratio: number | undefined) => {
    if (run !== undefined && run.status !== 'ok') {
      const label = run.status === 'skipped' ? `skipped (${run.message ?? ''})` : statusLabel(run);
      const fill = run.status === 'skipped' ? '#888' : '#c0392b';
      s.push(
        `<rect x="${num(x(1) + 1)}" y="${num(y)}" width="3" height="${barH}" fill="${color(i)}"/>`,
      );
      s.push(
        `<text x="${num(x(1) + 8)}" y="${num(y + barH - 3)}" font-size="11" font-weight="${run.status === 'skipped' ? 'normal' : 'bold'}" fill="${fill}">${esc(label)}</text>`,
      );
      return;
    }
    if (run?.status === 'ok' && run.ratio === undefined) {
      s.push(
        `<text x="${num(x(1) + 8)}" y="${num(y + barH - 3)}" font-size="11" fill="#888">${esc(`${fmtMs(run.medianMs)} ms, no baseline time`)}</text>`,
      );
      return;
    }
    if (ratio === undefined || !Number.isFinite(ratio) || ratio <= 0) return;
    const a = x(Math.min(1, ratio));
    const b = x(Math.max(1, ratio));
    s.push(
      `<rect x="${num(a)}" y="${num(y)}" width="${num(Math.max(1, b - a))}" height="${barH}" fill="${color(i)}"/>`,
    );
    const right = ratio >= 1;
    s.push(
      `<text x="${num(right ? b + 4 : a - 4)}" y="${num(y + barH - 3)}" font-size="11" text-anchor="${right ? 'start' : 'end'}" fill="#222">${esc(fmtRatio(ratio))}</text>`,
    );
  };

  r.workloads.forEach((w, row) => {
    const gy = top + row * groupH + groupGap / 2;
    const inner = groupH - groupGap;
    const mid = gy + inner / 2;
    const base = w.engines[r.baseline];
    s.push(
      `<text x="${x0 - 10}" y="${num(mid - 1)}" font-size="12" font-weight="bold" text-anchor="end" fill="#222">${esc(w.name)}</text>`,
    );
    const sub =
      base?.status === 'ok'
        ? `${w.category} · ${fmtMs(base.medianMs)} ms`
        : `${w.category} · ${r.baseline} ${statusLabel(base)}`;
    s.push(
      `<text x="${x0 - 10}" y="${num(mid + 11)}" font-size="10" text-anchor="end" fill="#666">${esc(sub)}</text>`,
    );
    const barsH = others.length * (barH + barGap) - barGap;
    others.forEach((e, i) => {
      const run = w.engines[e.name];
      bar(mid - barsH / 2 + i * (barH + barGap), i, run, run?.ratio);
    });
  });

  // geometric mean row
  const gy = top + r.workloads.length * groupH;
  s.push(`<line x1="20" y1="${gy + 2}" x2="${width - 20}" y2="${gy + 2}" stroke="#999"/>`);
  const mid = gy + groupH / 2 + 4;
  s.push(
    `<text x="${x0 - 10}" y="${num(mid + 4)}" font-size="12" font-weight="bold" text-anchor="end" fill="#222">geometric mean</text>`,
  );
  const barsH = others.length * (barH + barGap) - barGap;
  others.forEach((e, i) => {
    bar(mid - barsH / 2 + i * (barH + barGap), i, undefined, r.geomean[e.name]?.ratio);
  });
  s.push('</svg>');
  return `${s.join('\n')}\n`;
}
