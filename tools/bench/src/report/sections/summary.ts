/** The summary: one line per mode and scenario, Weft's headline number and its worst case. */
import { flagsLabel, nodeLabel } from '../../modes.js';
import type { BenchResults, CallsRun } from '../../results.js';
import { fmtRatio } from '../format.js';
import type { ReportInputs } from '../inputs.js';
import { mdTable } from '../md.js';
import { fmtNs, weftRow } from './calls.js';
import { beatsPolywasm, programsGeomean, worstProgram } from './programs.js';

/** The engine a run's summary is about: weft, or else the first engine that is not the baseline. */
export function subjectEngine(r: BenchResults): string | undefined {
  const others = r.engines.map((e) => e.name).filter((n) => n !== r.baseline);
  return others.includes('weft') ? 'weft' : others[0];
}

/** The workload where an engine's ratio is largest (ok results only). */
export function worstWorkload(
  r: BenchResults,
  engine: string,
): { name: string; ratio: number } | undefined {
  let worst: { name: string; ratio: number } | undefined;
  for (const w of r.workloads) {
    const run = w.engines[engine];
    if (run?.status !== 'ok' || run.ratio === undefined) continue;
    if (!worst || run.ratio > worst.ratio) worst = { name: w.name, ratio: run.ratio };
  }
  return worst;
}

function callsRow(run: CallsRun): string[] {
  const weft = weftRow(run);
  const other =
    run.rows.find((r) => r.engine === 'native') ?? run.rows.find((r) => r.engine === 'polywasm');
  return [
    'call costs: JS → wasm / wasm → host, ns per call',
    flagsLabel(run.nodeFlags),
    weft ? `${fmtNs(weft.jsToWasmNs)} / ${fmtNs(weft.wasmToHostNs)}` : '-',
    other ? `${other.engine}: ${fmtNs(other.jsToWasmNs)} / ${fmtNs(other.wasmToHostNs)}` : '',
  ];
}

/** The summary table's rows: measured, node, weft's number, notes. */
export function summaryTable(inputs: ReportInputs): string[][] {
  const rows = [['measured', 'node', 'weft', 'notes']];
  for (const r of inputs.runs) {
    const e = subjectEngine(r);
    const g = e === undefined ? undefined : r.geomean[e];
    if (e === undefined || g === undefined) continue;
    const worst = worstWorkload(r, e);
    rows.push([
      `run time, ${r.workloads.length} C workloads: ${e} ÷ ${r.baseline}`,
      nodeLabel(r.nodeMode, r.settings.nodeFlags),
      `**${fmtRatio(g.ratio)}**`,
      `geometric mean of ${g.count}` +
        (worst ? `; worst: ${worst.name} ${fmtRatio(worst.ratio)}` : ''),
    ]);
  }
  const p = inputs.pollution;
  if (p) {
    rows.push([
      'many modules: after ÷ fresh',
      flagsLabel(p.nodeFlags),
      `**${fmtRatio(p.geomean)}**`,
      `geometric mean of ${p.workloads.length}; worst: ${p.worst.name} ${fmtRatio(p.worst.ratio)}`,
    ]);
  }
  const prog = inputs.programs;
  if (prog) {
    const g = programsGeomean(prog);
    const b = beatsPolywasm(prog);
    const worst = worstProgram(prog);
    rows.push([
      `real programs: weft ÷ native`,
      flagsLabel([...prog.nodeFlags, ...prog.weftFlags]),
      `**${fmtRatio(g.ratio)}**`,
      `geometric mean of ${g.count}` +
        (worst ? `; worst: ${worst.name} ${fmtRatio(worst.weftRatio)}` : '') +
        (b.compared ? `; faster than polywasm in ${b.faster} of ${b.compared}` : ''),
    ]);
  }
  for (const run of inputs.calls?.runs ?? []) rows.push(callsRow(run));
  return rows;
}

/** The summary section (a `##` heading), or '' when there is nothing to sum up. */
export function summarySection(inputs: ReportInputs): string {
  const rows = summaryTable(inputs);
  if (rows.length === 1) return '';
  return [
    '## Summary',
    "Lower is better everywhere. Ratios are time ÷ the baseline's time: native WebAssembly, or " +
      'polywasm under `--jitless`; real programs compare the workload times, without initialization.',
    mdTable(rows, 2, 3),
  ].join('\n\n');
}
