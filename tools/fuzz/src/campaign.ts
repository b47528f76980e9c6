/**
 * A fuzzing campaign: generates cases, runs them in worker processes,
 * counts outcomes per generator, saves and reduces every finding.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCase, type Case, type GeneratorName } from './cases.js';
import { classifyDecode } from './decode.js';
import { saveReproducer, signature, type Finding } from './findings.js';
import { Pool, DEFAULT_POOL, type TaskOutcome } from './pool.js';
import { oracleTaskOptions, type OracleRun, type OracleTaskOptions } from './protocol.js';
import { binaryenRoundTrip } from './gen/ttf.js';
import { reduceCase, reduceHang } from './reduce/case.js';
import { findingOf } from './reduce/signature.js';
import type { Tier } from './tiers.js';

/** Counts of one generator. */
export interface GeneratorStats {
  modules: number;
  ok: number;
  mismatches: number;
  skipped: number;
  nanOnly: number;
  /** Cases the generator could not produce (no valid mutant, wasm-opt failure). */
  notGenerated: number;
  /** Failures of the harness itself (a bug of this tool). */
  harnessFailures: number;
  calls: number;
  /** Host calls of the suspend tier answered with a promise (each suspended a call). */
  suspendPromises: number;
  /** Event-loop turns during the suspend tier's calls (fuel yields, promise waits). */
  suspendTurns: number;
  skipReasons: Record<string, number>;
}

/** Options of a campaign. */
export interface CampaignOptions {
  generators: readonly GeneratorName[];
  /** First seed; generator k's i-th case uses seed + i. */
  seed: number;
  /** Cases per generator (unbounded if null). */
  count: number | null;
  /** Wall-clock limit in seconds (unbounded if null). */
  timeSec: number | null;
  /** Where to save findings (nothing saved if null). */
  out: string | null;
  workers: number;
  argSets: number;
  /** Weft tiers to compare with native (default: every tier). */
  tiers?: readonly Tier[];
  /** Reduce the first `reduceLimit` findings of each signature (0: none). */
  reduceLimit: number;
  /** Time for one reduction, in seconds (wasm-reduce gets 2.5 times as long). */
  reduceSec: number;
  /** Stops the campaign early (the current cases finish, the summary is written). */
  signal?: AbortSignal;
  /** Called with a progress line now and then. */
  progress?: (line: string) => void;
}

/** What a campaign found. */
export interface CampaignReport {
  stats: Record<string, GeneratorStats>;
  findings: Finding[];
  seconds: number;
}

function emptyStats(): GeneratorStats {
  return {
    modules: 0,
    ok: 0,
    mismatches: 0,
    skipped: 0,
    nanOnly: 0,
    notGenerated: 0,
    harnessFailures: 0,
    calls: 0,
    suspendPromises: 0,
    suspendTurns: 0,
    skipReasons: {},
  };
}

function skipReason(stats: GeneratorStats, reason: string): void {
  const key = reason.replace(/\b\d+\b/g, 'N').slice(0, 80);
  stats.skipReasons[key] = (stats.skipReasons[key] ?? 0) + 1;
}

/** Turns a task outcome into counts and, for a divergence, a finding. */
function judge(c: Case, outcome: TaskOutcome, stats: GeneratorStats): Finding | null {
  const base = { generator: c.generator, seed: c.seed };
  switch (outcome.type) {
    case 'oracle': {
      const r = outcome.result;
      stats.calls += r.calls;
      stats.suspendPromises += r.suspend?.stats.promises ?? 0;
      stats.suspendTurns += r.suspend?.stats.turns ?? 0;
      if (r.status === 'ok') stats.ok++;
      else if (r.status === 'skipped') {
        stats.skipped++;
        skipReason(stats, r.reason ?? 'unknown');
      } else if (r.status === 'nan-only') stats.nanOnly++;
      else {
        stats.mismatches++;
        return findingOf(r, c.generator, c.seed);
      }
      return null;
    }
    case 'decode': {
      const k = classifyDecode(outcome.result);
      if (k === 'ok') {
        stats.ok++;
        return null;
      }
      if (k === 'gap') {
        stats.skipped++;
        const r = outcome.result;
        skipReason(
          stats,
          r.weft === 'reject'
            ? `weft feature gap: ${r.weftMessage}`
            : `native feature gap: ${r.nativeMessage.replace(/@\+\d+/, '')}`,
        );
        return null;
      }
      stats.mismatches++;
      const category =
        k === 'exception' ? 'decode-exception' : k === 'inconsistent' ? 'decode-inconsistent' : k;
      const detail = `weft: ${outcome.result.weftMessage || 'accepted'}; native: ${outcome.result.nativeMessage || 'valid'}`;
      return { ...base, category, tiers: ['decode'], detail };
    }
    case 'hang':
    case 'crash':
      if (outcome.type === 'hang' && outcome.engine === 'weft' && outcome.nativeMs > 1000) {
        // Native itself ran for seconds: Weft being 100x slower is no hang.
        stats.skipped++;
        skipReason(stats, 'too slow to judge (native over 1 s)');
        return null;
      }
      if (outcome.engine === 'native') {
        stats.skipped++;
        skipReason(stats, `native ${outcome.type}`);
        return null;
      }
      stats.mismatches++;
      return {
        ...base,
        category: outcome.type,
        // The tier running when the worker hung or died, when it said.
        tiers: [outcome.tier ?? 'weft'],
        detail:
          outcome.type === 'hang' ? `no answer after ${Math.round(outcome.ms)} ms` : outcome.detail,
      };
    case 'failed':
      stats.harnessFailures++;
      skipReason(stats, `harness failure: ${outcome.message.split('\n')[0]}`);
      return null;
  }
}

/**
 * Whether a binary module's mismatch comes from nondeterministic NaN bits:
 * it must survive binaryen's canonical rewriting of the module (which
 * alone can change the code's shape) and vanish once `--denan` also turns
 * every NaN into 0.
 */
async function nanMadeIt(
  pool: Pool,
  bytes: Uint8Array,
  options: OracleTaskOptions,
): Promise<boolean> {
  const run = async (b: Uint8Array | null) =>
    b === null ? null : await pool.run({ type: 'oracle', bytes: b, options });
  const canonical = await run(binaryenRoundTrip(bytes, []));
  if (canonical?.type !== 'oracle' || canonical.result.status !== 'mismatch') return false;
  const denaned = await run(binaryenRoundTrip(bytes, ['--denan']));
  return denaned?.type === 'oracle' && denaned.result.status === 'ok';
}

/** The tiers to run while reducing a hang: the one that hung, when known. */
function hangTiers(
  finding: Finding,
  tiers: readonly Tier[] | undefined,
): readonly Tier[] | undefined {
  const t = finding.tiers[0];
  return t !== undefined && t !== 'weft' ? [t as Tier] : tiers;
}

/** Runs a campaign. */
export async function runCampaign(o: CampaignOptions): Promise<CampaignReport> {
  const pool = new Pool({ ...DEFAULT_POOL, workers: o.workers });
  const stats: Record<string, GeneratorStats> = {};
  for (const g of o.generators) stats[g] = emptyStats();
  const findings: Finding[] = [];
  const reducedPerSignature = new Map<string, number>();
  const start = performance.now();
  const deadline = o.timeSec === null ? Infinity : start + o.timeSec * 1000;
  if (o.out !== null) mkdirSync(o.out, { recursive: true });

  const run: OracleRun = { argSets: o.argSets, tiers: o.tiers };
  const options = (seed: number) => oracleTaskOptions(run, seed);

  // Case i goes to generator i mod n, with that generator's next seed.
  let next = 0;
  const take = (): { generator: GeneratorName; seed: number } | null => {
    if (performance.now() > deadline || o.signal?.aborted === true) return null;
    const n = o.generators.length;
    const i = next++;
    const k = Math.floor(i / n);
    if (o.count !== null && k >= o.count) return null;
    return { generator: o.generators[i % n]!, seed: o.seed + k };
  };

  let lastProgress = performance.now();
  const lane = async () => {
    for (let job = take(); job !== null; job = take()) {
      const s = stats[job.generator]!;
      let c: Case | null;
      try {
        c = makeCase(job.generator, job.seed);
      } catch (e) {
        if ((e as Error).constructor.name === 'MissingToolError') throw e;
        s.notGenerated++;
        skipReason(s, `generator: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      if (c === null) {
        s.notGenerated++;
        continue;
      }
      s.modules++;
      const task =
        c.kind === 'decode'
          ? ({ type: 'decode', bytes: c.bytes } as const)
          : ({ type: 'oracle', bytes: c.bytes, options: options(c.seed) } as const);
      let outcome = await pool.run(task);
      if (outcome.type === 'hang' && outcome.engine === 'weft') {
        // Confirm a hang once: a load spike on a shared machine is no finding.
        const again = await pool.run(task);
        if (again.type !== 'hang') {
          skipReason(s, 'timeout not reproduced');
          outcome = again;
        }
      }
      if (
        outcome.type === 'oracle' &&
        outcome.result.status === 'mismatch' &&
        c.def === undefined &&
        c.kind === 'oracle' &&
        (await nanMadeIt(pool, c.bytes, options(c.seed)))
      ) {
        outcome = {
          type: 'oracle',
          result: { ...outcome.result, status: 'nan-only', reason: 'gone under wasm-opt --denan' },
        };
      }
      const finding = judge(c, outcome, s);
      if (finding !== null) {
        findings.push(finding);
        await record(c, finding);
      }
      if (o.progress !== undefined && performance.now() - lastProgress > 30_000) {
        lastProgress = performance.now();
        o.progress(progressLine(stats, (performance.now() - start) / 1000));
      }
    }
  };

  const record = async (c: Case, finding: Finding) => {
    if (o.out === null) return;
    const dir = join(o.out, c.generator, `${c.seed}-${finding.category}`);
    saveReproducer(dir, 'original', c.bytes, finding, c.text);
    appendFileSync(join(o.out, 'findings.jsonl'), JSON.stringify({ ...finding, dir }) + '\n');
    const sig = signature(finding);
    const done = reducedPerSignature.get(sig) ?? 0;
    if (c.kind !== 'oracle' || done >= o.reduceLimit) return;
    reducedPerSignature.set(sig, done + 1);
    if (finding.category === 'crash' || (finding.category === 'hang' && c.def === undefined))
      return;
    const reduced =
      finding.category === 'hang'
        ? await reduceHang(c, { ...run, tiers: hangTiers(finding, o.tiers) }, o.reduceSec)
        : await reduceCase(pool, c, finding, run, o.reduceSec);
    if (reduced !== null)
      saveReproducer(
        dir,
        'reduced',
        reduced.bytes,
        { ...finding, ...reduced.finding },
        reduced.text,
      );
  };

  try {
    await Promise.all(Array.from({ length: o.workers }, lane));
  } finally {
    pool.close();
  }
  const seconds = (performance.now() - start) / 1000;
  const report = { stats, findings, seconds };
  if (o.out !== null)
    writeFileSync(join(o.out, 'summary.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}

/** One line of counts. */
export function progressLine(stats: Record<string, GeneratorStats>, seconds: number): string {
  const parts = Object.entries(stats).map(
    ([g, s]) =>
      `${g}: ${s.modules} run, ${s.mismatches} mismatches, ${s.skipped} skipped, ${s.nanOnly} nan-only`,
  );
  return `[${Math.round(seconds)}s] ${parts.join('; ')}`;
}
