/**
 * docs/benchmarks.md (before Prettier formats it), from whichever results
 * exist: a section per part, left out when its results are missing.
 */
import { compileSource, type ReportInputs } from './inputs.js';
import { callsSection } from './sections/calls.js';
import { compileSection } from './sections/compile.js';
import { headerSection } from './sections/header.js';
import { methodSection } from './sections/method.js';
import { pollutionSection } from './sections/pollution.js';
import { programsSection } from './sections/programs.js';
import { runtimeLegend, runtimeSection } from './sections/runtime.js';
import { summarySection } from './sections/summary.js';

/** The whole report: header, summary, run time per mode, scenarios, compile time, method. */
export function markdownReport(inputs: ReportInputs): string {
  const parts: string[] = [headerSection(inputs), summarySection(inputs)];
  if (inputs.runs.some((r) => r.workloads.length > 0)) {
    parts.push('## Run time', runtimeLegend());
    for (const r of inputs.runs) if (r.workloads.length > 0) parts.push(runtimeSection(r));
  }
  if (inputs.pollution) parts.push(pollutionSection(inputs.pollution));
  if (inputs.programs) parts.push(programsSection(inputs.programs));
  if (inputs.calls) parts.push(callsSection(inputs.calls));
  const compiled = compileSource(inputs);
  if (compiled) parts.push(compileSection(compiled));
  parts.push(methodSection(inputs));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
