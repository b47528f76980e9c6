/**
 * `pnpm fuzz`: differential fuzzing of Weft against native WebAssembly.
 *
 *   node dist/main.js [--generator ttf|structured|mutate|decode|all] [--seed S]
 *                     [--count N] [--time T] [--out DIR] [--workers W]
 *                     [--arg-sets K] [--reduce-limit R] [--reduce-time SECONDS]
 *                     [--tiers baseline,optimized,flat,suspend]
 *   node dist/main.js --run FILE.wasm|FILE.wat [--seed S] [--arg-sets K] [--tiers T]
 *
 * `--time` takes seconds or a unit (`90s`, `30m`, `2h`). Without `--count`
 * or `--time` it runs 100 cases per generator. Exits 1 if anything diverged.
 */
import { readFileSync } from 'node:fs';
import { parseWat } from '@weft/wast';
import { GENERATORS, type GeneratorName } from './cases.js';
import { runOracle } from './oracle.js';
import { progressLine, runCampaign } from './campaign.js';
import { signature } from './findings.js';
import { requireTool } from './gen/ttf.js';
import { parseTiers } from './tiers.js';

function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  if (i < 0) return null;
  const v = process.argv[i + 1];
  if (v === undefined) throw new Error(`${name} needs a value`);
  return v;
}

function seconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text);
  if (m === null) throw new Error(`--time ${text}: expected seconds, or a number with s, m or h`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

/** `--run FILE`: the oracle on one saved module (.wasm or .wat), verbosely. */
async function runFile(file: string): Promise<number> {
  const data = readFileSync(file);
  const bytes = file.endsWith('.wat') ? parseWat(data.toString('utf8')) : new Uint8Array(data);
  const result = await runOracle(bytes, {
    argSets: Number(option('--arg-sets') ?? 3),
    seed: Number(option('--seed') ?? 0),
    tiers: parseTiers(option('--tiers') ?? 'all'),
  });
  console.log(JSON.stringify(result, null, 2));
  return result.status === 'mismatch' ? 1 : 0;
}

async function main(): Promise<number> {
  const file = option('--run');
  if (file !== null) return runFile(file);
  const g = option('--generator') ?? 'all';
  if (g !== 'all' && !(GENERATORS as readonly string[]).includes(g)) {
    throw new Error(`--generator ${g}: expected ${GENERATORS.join('|')}|all`);
  }
  const generators: GeneratorName[] = g === 'all' ? [...GENERATORS] : [g as GeneratorName];
  if (generators.includes('ttf')) requireTool('wasm-opt');
  const time = option('--time');
  const countText = option('--count');
  const count = countText !== null ? Number(countText) : time !== null ? null : 100;
  const out = option('--out') ?? 'fuzz-out';
  // Ctrl-C (or a kill) ends the campaign cleanly: counts are still printed and saved.
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  const report = await runCampaign({
    signal: stop.signal,
    generators,
    seed: Number(option('--seed') ?? 0),
    count,
    timeSec: time === null ? null : seconds(time),
    out,
    workers: Number(option('--workers') ?? 2),
    argSets: Number(option('--arg-sets') ?? 3),
    tiers: parseTiers(option('--tiers') ?? 'all'),
    reduceLimit: Number(option('--reduce-limit') ?? 3),
    reduceSec: Number(option('--reduce-time') ?? 120),
    progress: (line) => console.log(line),
  });
  console.log(progressLine(report.stats, report.seconds));
  console.log('');
  console.log('generator   modules  mismatches  skipped  nan-only  not-generated  modules/s');
  for (const [name, s] of Object.entries(report.stats)) {
    const rate = (s.modules / report.seconds).toFixed(1);
    console.log(
      `${name.padEnd(11)} ${String(s.modules).padStart(7)}  ${String(s.mismatches).padStart(10)}  ${String(s.skipped).padStart(7)}  ${String(s.nanOnly).padStart(8)}  ${String(s.notGenerated).padStart(13)}  ${rate.padStart(9)}`,
    );
    if (s.suspendPromises + s.suspendTurns > 0)
      console.log(
        `    suspend tier: ${s.suspendPromises} host promises awaited, ${s.suspendTurns} event-loop turns during calls`,
      );
    for (const [reason, n] of Object.entries(s.skipReasons))
      console.log(`    skipped ${n}: ${reason}`);
  }
  const groups = new Map<string, number[]>();
  for (const f of report.findings) {
    const k = signature(f);
    groups.set(k, [...(groups.get(k) ?? []), f.seed]);
  }
  if (groups.size > 0) {
    console.log(`\nfindings by signature (saved under ${out}):`);
    for (const [k, seeds] of groups)
      console.log(
        `  ${seeds.length} x ${k}  (seeds ${seeds.slice(0, 8).join(', ')}${seeds.length > 8 ? ', ...' : ''})`,
      );
  }
  return report.findings.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
