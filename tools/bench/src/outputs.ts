/** Writing `pnpm bench`'s files: results JSON and the docs (benchmarks.md and one chart per mode). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { chartFile } from './modes.js';
import { repoRoot } from './paths.js';
import { errorMessage } from './protocol.js';
import type { ReportInputs } from './report/inputs.js';
import { markdownReport } from './report/markdown.js';
import { svgChart } from './report/svg.js';

type Log = (line: string) => void;

/** Text formatted with the repository's Prettier settings (as is if Prettier fails). */
async function formatted(text: string, file: string, log: Log): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch (e) {
    log(`(not formatted with Prettier: ${errorMessage(e)})`);
    return text;
  }
}

/** Writes a file (formatted with Prettier unless `format` is false), creating its directory. */
export async function writeText(
  file: string,
  text: string,
  log: Log,
  format = true,
): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, format ? await formatted(text, file, log) : text);
  const shown = relative(repoRoot, file);
  log(`wrote ${shown.startsWith('..') || isAbsolute(shown) ? file : shown}`);
}

/** Writes a value as formatted JSON. */
export function writeJson(file: string, value: unknown, log: Log): Promise<void> {
  return writeText(file, `${JSON.stringify(value, null, 2)}\n`, log);
}

/** Writes benchmarks.md and the chart of every run that has workloads into `dir`. */
export async function writeDocs(dir: string, inputs: ReportInputs, log: Log): Promise<void> {
  for (const r of inputs.runs) {
    if (r.workloads.length > 0)
      await writeText(join(dir, chartFile(r.nodeMode)), svgChart(r), log, false);
  }
  await writeText(join(dir, 'benchmarks.md'), markdownReport(inputs), log);
}
