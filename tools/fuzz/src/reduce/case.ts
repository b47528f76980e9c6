/**
 * Reduction of a campaign's findings: structured cases by their AST,
 * binary ones with wasm-reduce, Weft hangs with a short watchdog.
 */
import type { Case } from '../cases.js';
import { signature, type Finding } from '../findings.js';
import { encode } from '../gen/structured/index.js';
import { DEFAULT_POOL, Pool } from '../pool.js';
import { reduceBinary } from './binary.js';
import { findingOf, mismatchTiers } from './signature.js';
import { reduceStructured } from './structured.js';
import { oracleTaskOptions, type OracleRun } from '../protocol.js';

/**
 * Reduces a structured module on which Weft hangs. A separate pool with a
 * short watchdog keeps each test to seconds (fuzz modules run in
 * milliseconds natively, so a few seconds of Weft is a hang). Every
 * candidate runs as `run` says with the case's seed, which also fixes the
 * suspend tier's configuration.
 */
export async function reduceHang(
  c: Case,
  run: OracleRun,
  seconds: number,
): Promise<{ bytes: Uint8Array; text: string; finding: Partial<Finding> }> {
  const pool = new Pool({
    ...DEFAULT_POOL,
    workers: 1,
    nativeTimeoutMs: 5_000,
    weftMinTimeoutMs: 3_000,
    weftSlowdown: 100,
  });
  try {
    const test = async (bytes: Uint8Array) => {
      const out = await pool.run({
        type: 'oracle',
        bytes,
        options: oracleTaskOptions(run, c.seed),
      });
      return out.type === 'hang' && out.engine === 'weft';
    };
    const { def } = await reduceStructured(c.def!, test, { ms: seconds * 2500, tests: 400 });
    const e = encode(def);
    return { bytes: e.bytes, text: e.text, finding: {} };
  } finally {
    pool.close();
  }
}

/**
 * Reduces a case's module to one that shows the same kind of mismatch
 * (the same signature: generator, category, tiers, kinds of answers), each
 * candidate run as `run` says with the case's seed, which also fixes the
 * suspend tier's configuration.
 */
export async function reduceCase(
  pool: Pool,
  c: Case,
  finding: Finding,
  run: OracleRun,
  seconds: number,
): Promise<{ bytes: Uint8Array; text?: string; finding: Partial<Finding> } | null> {
  const want = signature(finding);
  const options = oracleTaskOptions(run, c.seed);
  if (c.def !== undefined) {
    let last: Finding | null = null;
    const test = async (bytes: Uint8Array) => {
      const out = await pool.run({ type: 'oracle', bytes, options });
      if (out.type !== 'oracle') return false;
      const f = findingOf(out.result, c.generator, c.seed);
      if (f === null || signature(f) !== want) return false;
      last = f;
      return true;
    };
    const { def } = await reduceStructured(c.def, test, { ms: seconds * 1000, tests: 5000 });
    const e = encode(def);
    const f = last as Finding | null;
    return {
      bytes: e.bytes,
      text: e.text,
      finding: f === null ? {} : { difference: f.difference!, tiers: f.tiers },
    };
  }
  const bytes = await reduceBinary(c.bytes, c.seed, run, seconds * 2500);
  if (bytes === null) return null;
  const out = await pool.run({ type: 'oracle', bytes, options });
  const f = out.type === 'oracle' ? findingOf(out.result, c.generator, c.seed) : null;
  return {
    bytes,
    finding:
      f === null
        ? {}
        : {
            difference: f.difference!,
            tiers: mismatchTiers(out.type === 'oracle' ? out.result : ({ tiers: {} } as never)),
          },
  };
}
