/**
 * The test command `wasm-reduce` runs on each candidate: prints the
 * mismatch signature the oracle sees (or `no mismatch`). wasm-reduce keeps a
 * candidate when the output equals the original's, so the signature must
 * not mention anything a reduction changes (export names, values).
 *
 *   node dist/reduce/check.js FILE SEED ARG_SETS
 */
import { readFileSync } from 'node:fs';
import { oracleSignature } from './signature.js';
import { runOracle } from '../oracle.js';

const [file, seed, argSets] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file!));
const result = runOracle(bytes, { seed: Number(seed), argSets: Number(argSets) });
console.log(oracleSignature(result) ?? 'no mismatch');
