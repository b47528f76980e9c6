/**
 * The runtime workloads: one C file in workloads/ and one module in wasm/ each
 * (built by build.sh). Every module exports `run(n)`, which returns a checksum
 * (i32, or i64 for `i64`) that must be the same in every engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature } from './features.js';
import { wasmDir } from './paths.js';

export interface Workload {
  /** File stem: workloads/<name>.c, wasm/<name>.wasm. */
  readonly name: string;
  /** What it stresses, a few words. */
  readonly category: string;
  /** One sentence for the README and the docs. */
  readonly description: string;
  /** Features the module is built with (see build.sh); engines lacking one skip it. */
  readonly features: readonly Feature[];
  /** The argument of run(): full mode (~20-200 ms natively) and --quick mode. */
  readonly n: { readonly full: number; readonly quick: number };
  /**
   * run(n.quick) as returned by native WebAssembly, as a string (`123`, or
   * `123n` for i64). Checks that the committed module matches its manifest.
   */
  readonly expectedQuick: string;
}

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'fib',
    category: 'recursive calls',
    description: 'Doubly recursive Fibonacci and the Takeuchi function: direct calls and returns.',
    features: [],
    n: { full: 35, quick: 30 },
    expectedQuick: '1023151987',
  },
  {
    name: 'dispatch',
    category: 'indirect calls',
    description:
      'A table of 16 operations picked by a random stream, and vtable-style objects: call_indirect.',
    features: [],
    n: { full: 2_000_000, quick: 300_000 },
    expectedQuick: '-1582096026',
  },
  {
    name: 'loops',
    category: 'tight i32 loops',
    description: 'Collatz lengths, Euclid GCD, integer square roots, popcount: i32 in registers.',
    features: [],
    n: { full: 300_000, quick: 50_000 },
    expectedQuick: '1505873643',
  },
  {
    name: 'bytes',
    category: 'byte memory traffic',
    description:
      'Histogram, table substitution, reversal, naive search and run counting over 64 KiB, byte by byte.',
    features: [],
    n: { full: 400, quick: 60 },
    expectedQuick: '-1618603859',
  },
  {
    name: 'words',
    category: 'word memory traffic',
    description:
      'Prefix sums, blocked 512x512 transpose, pointer chasing and gather/scatter over 1 MiB of i32.',
    features: [],
    n: { full: 50, quick: 8 },
    expectedQuick: '783953506',
  },
  {
    name: 'i64',
    category: 'i64 arithmetic',
    description:
      'splitmix64, xxHash64, Miller-Rabin with 64-bit mulmod, bignum multiply with 64-bit accumulators.',
    features: [],
    n: { full: 1000, quick: 150 },
    expectedQuick: '-6228536869648459582n',
  },
  {
    name: 'f32',
    category: 'f32 math',
    description:
      'Mass-spring cloth (sqrt, div), separable blur and a 48x48 matrix multiply in f32.',
    features: [],
    n: { full: 400, quick: 60 },
    expectedQuick: '-1324684427',
  },
  {
    name: 'f64',
    category: 'f64 math',
    description: 'n-body simulation, Mandelbrot escape counts and a spectral-norm kernel in f64.',
    features: [],
    n: { full: 400, quick: 50 },
    expectedQuick: '784688689',
  },
  {
    name: 'bulk',
    category: 'bulk memory',
    description:
      'memcpy, overlapping memmove and memset of 256 B-64 KiB blocks: memory.copy and memory.fill.',
    features: ['bulk-memory'],
    n: { full: 100_000, quick: 15_000 },
    expectedQuick: '1286633317',
  },
  {
    name: 'sha256',
    category: 'hash kernel',
    description: 'SHA-256 of a 16 KiB message, as a hash chain: i32 rotates, shifts and adds.',
    features: [],
    n: { full: 800, quick: 120 },
    expectedQuick: '-1224972522',
  },
  {
    name: 'lz',
    category: 'compression',
    description:
      'LZ77 hash-chain compressor and decompressor round trip over 64 KiB of text, checked by CRC-32.',
    features: [],
    n: { full: 40, quick: 6 },
    expectedQuick: '-42295062',
  },
  {
    name: 'sort',
    category: 'sorting',
    description: 'Quicksort and bottom-up mergesort of n pseudo-random i32, cross-checked.',
    features: [],
    n: { full: 524_288, quick: 50_000 },
    expectedQuick: '-185841949',
  },
  {
    name: 'interp',
    category: 'larger program: interpreter',
    description:
      'Lexer, single-pass compiler and switch-dispatched stack VM for a tiny language (br_table heavy).',
    features: [],
    n: { full: 80, quick: 12 },
    expectedQuick: '1800835074',
  },
  {
    name: 'json',
    category: 'larger program: parser',
    description:
      'Generates JSON, parses it into a tree, walks it and serializes it back byte-identically.',
    features: [],
    n: { full: 500, quick: 80 },
    expectedQuick: '-1473131163',
  },
  {
    name: 'simd',
    category: 'SIMD (v128)',
    description: 'f32x4 saxpy and dot product, i32x4 multiply-add, i8x16 saturating adds.',
    features: ['simd'],
    n: { full: 5000, quick: 800 },
    expectedQuick: '-1939702344',
  },
];

export function findWorkload(name: string): Workload {
  const w = WORKLOADS.find((w) => w.name === name);
  if (!w)
    throw new Error(
      `unknown workload "${name}" (known: ${WORKLOADS.map((w) => w.name).join(', ')})`,
    );
  return w;
}

export function wasmPath(name: string): string {
  return join(wasmDir, `${name}.wasm`);
}

/** The module's bytes, in a buffer of their own (see exactBytes). */
export function readWasm(name: string): Uint8Array {
  return new Uint8Array(readFileSync(wasmPath(name)));
}

/** How results are written and compared: `123` for numbers, `123n` for bigints. */
export function formatResult(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return `<${typeof value}>`;
}
