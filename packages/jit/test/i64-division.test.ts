/**
 * i64 division and remainder on halves (`ops/i64.ts`), against native
 * WebAssembly in every configuration: dividends and divisors spread over
 * every size class, so each path of the long division runs (both below
 * 2^32, a divisor below 2^32 under a wide dividend, wide divisors), with the
 * edge values around them.
 */
import { test } from 'uvu';
import { agree, type Call } from './support/differential.js';

const MODULE = `(module
  (func (export "div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "mulmod") (param i64 i64 i64) (result i64)
    (i64.rem_u (i64.mul (local.get 0) (local.get 1)) (local.get 2))))`;

const M64 = (1n << 64n) - 1n;

/** Values of every width from 1 to 64 bits, with their neighbours and negations. */
function values(): bigint[] {
  const out = new Set<bigint>([0n, 1n, 2n, 3n, 0xffffn, 0x10000n, 0xffff_ffffn]);
  let x = 0x243f6a8885a308d3n;
  for (let bits = 1n; bits <= 64n; bits += 3n) {
    x ^= (x << 13n) & M64;
    x ^= x >> 7n;
    x ^= (x << 17n) & M64;
    const v = x & ((1n << bits) - 1n);
    for (const w of [v, v + 1n, (1n << bits) - 1n, 1n << (bits - 1n)]) {
      out.add(BigInt.asIntN(64, w));
      out.add(BigInt.asIntN(64, -w));
    }
  }
  return [...out];
}

test('i64 division and remainder agree with native for operands of every width', () => {
  const vs = values();
  const calls: Call[] = [];
  for (let i = 0; i < vs.length; i++) {
    for (let j = i % 5; j < vs.length; j += 5) {
      for (const name of ['div_u', 'rem_u', 'div_s', 'rem_s']) calls.push([name, [vs[i], vs[j]]]);
    }
    calls.push(['mulmod', [vs[i], vs[(i * 7 + 1) % vs.length], vs[(i * 3 + 2) % vs.length]]]);
  }
  agree(MODULE, calls);
});

test('(a * b) % m with 32-bit moduli (Miller-Rabin shape) agrees with native', () => {
  const calls: Call[] = [];
  let s = 0x9e3779b9;
  const next = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0);
  for (let i = 0; i < 2000; i++) {
    const m = BigInt(next() | 1);
    calls.push(['mulmod', [BigInt(next()) % m, BigInt(next()) % m, m]]);
  }
  agree(MODULE, calls);
});

test.run();
