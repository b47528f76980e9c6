/** The call-costs section: ns per call across the JS/wasm boundary, in each kind of node process. */
import { flagsLabel } from '../../modes.js';
import type { CallsResults, CallsRun } from '../../results.js';
import { mdTable } from '../md.js';

/** "12.3" ns, or "-". */
export function fmtNs(ns: number | undefined): string {
  return ns === undefined || !Number.isFinite(ns)
    ? '-'
    : ns < 100
      ? ns.toFixed(1)
      : String(Math.round(ns));
}

/** The calls table: one row per engine, two columns (JS → wasm, wasm → host) per run. */
export function callsTable(c: CallsResults): string[][] {
  const header = ['engine'];
  for (const run of c.runs) {
    const label = flagsLabel(run.nodeFlags).replace(/`/g, '');
    header.push(`JS → wasm, ${label}`, `wasm → host, ${label}`);
  }
  const engines: string[] = [];
  for (const run of c.runs)
    for (const r of run.rows) if (!engines.includes(r.engine)) engines.push(r.engine);
  const rows = [header];
  for (const engine of engines) {
    const row = [engine];
    for (const run of c.runs) {
      const r = run.rows.find((x) => x.engine === engine);
      row.push(r ? fmtNs(r.jsToWasmNs) : '-', r ? fmtNs(r.wasmToHostNs) : '-');
    }
    rows.push(row);
  }
  return rows;
}

/** Weft's row of a run (the standard JS API's, the first "weft ..." row). */
export function weftRow(run: CallsRun): CallsRun['rows'][number] | undefined {
  return run.rows.find((r) => r.engine.startsWith('weft'));
}

/** The call-costs section (a `##` heading). */
export function callsSection(c: CallsResults): string {
  const first = c.runs[0];
  return [
    '## Call costs',
    'Nanoseconds per call (lower is better), median of ' +
      `${first?.rounds ?? '-'} rounds of ${first?.calls.toLocaleString('en-US') ?? '-'} calls: JS calling an exported ` +
      'wasm function (`add(a, b)`), and wasm calling an imported JS function. ' +
      '`weft (@weft/webassembly)` is the standard JS API, `weft (facade Func.call)` the `weft-wasm` ' +
      `API; native WebAssembly does not exist under \`--jitless\`. ${c.generatedAt}. Command: ` +
      '`node [--jitless] tools/bench/dist/calls.js`.',
    mdTable(callsTable(c), 1),
  ].join('\n\n');
}
