/**
 * The test command `wasm-reduce` runs on each candidate: prints the
 * mismatch signature the oracle sees (or `no mismatch`). wasm-reduce keeps a
 * candidate when the output equals the original's, so the signature must
 * not mention anything a reduction changes (export names, values).
 *
 *   node dist/reduce/check.js FILE SEED ARG_SETS [TIERS [FAULT]]
 *
 * TIERS is a comma-separated list (default: every tier); FAULT a fault
 * injected into the suspend tier (tests only, see run/faults.ts). The seed fixes
 * the plan and the suspend tier's configuration (yield interval, tiering,
 * how host calls answer), so each candidate runs as the original did.
 */
import { readFileSync } from 'node:fs';
import { oracleSignature } from './signature.js';
import { runOracle } from '../oracle.js';
import { isSuspendFault } from '../run/faults.js';
import { parseTiers } from '../tiers.js';

const [file, seed, argSets, tiers, fault] = process.argv.slice(2);
if (fault !== undefined && !isSuspendFault(fault)) throw new Error(`unknown fault ${fault}`);
const bytes = new Uint8Array(readFileSync(file!));
const result = await runOracle(bytes, {
  seed: Number(seed),
  argSets: Number(argSets),
  tiers: parseTiers(tiers ?? 'all'),
  ...(fault === undefined ? {} : { fault }),
});
console.log(oracleSignature(result) ?? 'no mismatch');
