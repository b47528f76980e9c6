/** The real-programs section: npm packages that ship WebAssembly, natively, in Weft and in polywasm. */
import { flagsLabel } from '../../modes.js';
import type { ProgramRow, ProgramRun, ProgramsResults } from '../../results.js';
import { geomean } from '../../stats.js';
import { fmtMs, fmtRatio } from '../format.js';
import { cell, mdTable } from '../md.js';

/** An engine's time cell: "init + work", or its status. */
function timeOf(run: ProgramRun | undefined): string {
  if (run === undefined) return '-';
  if (run.status === 'ok') return `${fmtMs(run.initMs)} + ${fmtMs(run.workMs)}`;
  return run.status === 'wrong' ? 'WRONG' : 'FAILS';
}

function ratioOf(run: ProgramRun | undefined, ratio: number | undefined): string {
  if (run === undefined) return '-';
  return run.status === 'ok' ? fmtRatio(ratio) : timeOf(run);
}

/** Programs where Weft and polywasm both ran correctly, and those where Weft was faster. */
export function beatsPolywasm(p: ProgramsResults): { faster: number; compared: number } {
  const both = p.programs.filter((r) => r.weft.status === 'ok' && r.polywasm?.status === 'ok');
  const faster = both.filter((r) => r.weft.workMs! < r.polywasm!.workMs!).length;
  return { faster, compared: both.length };
}

/** Geometric mean of Weft's work ratios to native, over the programs where both are ok. */
export function programsGeomean(p: ProgramsResults): { ratio: number; count: number } {
  const ratios = p.programs.map((r) => r.weftRatio).filter((x): x is number => x !== undefined);
  return {
    ratio: ratios.length ? Number(geomean(ratios).toPrecision(4)) : NaN,
    count: ratios.length,
  };
}

/** The program with the largest Weft ÷ native ratio. */
export function worstProgram(p: ProgramsResults): ProgramRow | undefined {
  return p.programs
    .filter((r) => r.weftRatio !== undefined)
    .reduce<ProgramRow | undefined>(
      (a, b) => (a && a.weftRatio! >= b.weftRatio! ? a : b),
      undefined,
    );
}

/** The real-programs table. */
export function programsTable(p: ProgramsResults): string[][] {
  const poly = p.programs.some((r) => r.polywasm !== undefined);
  const header = ['program', 'built with', 'native ms', 'weft ms', 'weft ÷ native'];
  if (poly) header.push('polywasm ms', 'polywasm ÷ native');
  const rows = [header];
  for (const r of p.programs) {
    const row = [
      r.name,
      r.toolchain,
      timeOf(r.native),
      timeOf(r.weft),
      ratioOf(r.weft, r.weftRatio),
    ];
    if (poly) row.push(timeOf(r.polywasm), ratioOf(r.polywasm, r.polywasmRatio));
    rows.push(row);
  }
  return rows;
}

/** How the times of a programs run were taken. */
function runsLabel(runs: number): string {
  return runs === 1
    ? 'one run in a fresh process'
    : `medians of ${runs} runs, each in a fresh process, the engines taking turns`;
}

/** The real-programs section (a `##` heading). */
export function programsSection(p: ProgramsResults): string {
  const g = programsGeomean(p);
  const b = beatsPolywasm(p);
  const out = [
    '## Real programs',
    'npm packages that ship WebAssembly, built by different toolchains, each running a workload ' +
      'with the engine installed as the global `WebAssembly` (Weft through `@weft/webassembly`), ' +
      "its output compared with native WebAssembly's. Times are the package's initialization + " +
      `the workload, in milliseconds, ${runsLabel(p.runs ?? 1)}; ratios are of the workload times. ` +
      `Every process runs ${flagsLabel([...p.nodeFlags, ...p.weftFlags])}; input scale ${p.scale}; ` +
      `${p.generatedAt}.`,
    mdTable(programsTable(p), 2),
  ];
  const notes: string[] = [];
  for (const r of p.programs) {
    for (const [engine, run] of [
      ['weft', r.weft],
      ['polywasm', r.polywasm],
      ['native', r.native],
    ] as const) {
      if (run && run.status !== 'ok') {
        notes.push(
          `- ${cell(`${r.name} / ${engine}: ${run.status}${run.message ? `: ${run.message}` : ''}`)}`,
        );
      }
    }
    if (r.known) notes.push(`- ${cell(`${r.name}: known engine failure: ${r.known}`)}`);
  }
  if (notes.length) out.push(notes.join('\n'));
  out.push(
    `Geometric mean of \`weft\` ÷ \`native\`: **${fmtRatio(g.ratio)}** over ${g.count} of ` +
      `${p.programs.length} programs` +
      (b.compared
        ? `; Weft is faster than polywasm in ${b.faster} of the ${b.compared} programs polywasm runs correctly.`
        : '.') +
      ` Command: \`node packages/webassembly/test/programs/run.mjs --polywasm${p.weftFlags.length ? '' : ' --plain'}${(p.runs ?? 1) === 1 ? '' : ` --runs ${p.runs}`}\`.`,
  );
  return out.join('\n\n');
}
