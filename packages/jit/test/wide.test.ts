/** Wide arithmetic against BigInt, on edge values and a seeded random sample, in every configuration. */
import { test } from 'uvu';
import { expect, type Outcome } from './support/differential.js';

const MODULE = `(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "mul_s") (param i64 i64) (result i64 i64) (i64.mul_wide_s (local.get 0) (local.get 1)))
  (func (export "mul_u") (param i64 i64) (result i64 i64) (i64.mul_wide_u (local.get 0) (local.get 1)))
  (func (export "aliased") (param i64 i64) (result i64 i64)
    ;; results land on the operands' slots: the same local twice, and constants
    (i64.add128 (local.get 0) (local.get 0) (i64.const -1) (local.get 1))))`;

const M64 = (1n << 64n) - 1n;
const M128 = (1n << 128n) - 1n;
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const pair = (v: bigint) => `${s64(v & M64)}n, ${s64((v >> 64n) & M64)}n`;
const u = (v: bigint) => BigInt.asUintN(64, v);

/** Deterministic 64-bit values: edges, then xorshift. */
function values(): bigint[] {
  const out = [
    0n,
    1n,
    -1n,
    2n,
    -2n,
    1n << 31n,
    1n << 32n,
    (1n << 63n) - 1n,
    -(1n << 63n),
    0xffff_ffffn,
  ];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 30; i++) {
    x ^= (x << 13n) & M64;
    x ^= x >> 7n;
    x ^= (x << 17n) & M64;
    out.push(s64(x));
  }
  return out;
}

test('i64.add128, i64.sub128, i64.mul_wide_s and _u match BigInt', () => {
  const vs = values();
  const calls: [string, bigint[]][] = [];
  const expected: Outcome[] = [];
  for (let i = 0; i < vs.length; i++) {
    const a = vs[i]!;
    const b = vs[(i * 7 + 3) % vs.length]!;
    const c = vs[(i * 5 + 1) % vs.length]!;
    const d = vs[(i * 3 + 2) % vs.length]!;
    const x = (u(b) << 64n) | u(a);
    const y = (u(d) << 64n) | u(c);
    calls.push(['add128', [a, b, c, d]]);
    expected.push({ result: pair((x + y) & M128), log: [] });
    calls.push(['sub128', [a, b, c, d]]);
    expected.push({ result: pair((x - y) & M128), log: [] });
    calls.push(['mul_s', [a, c]]);
    expected.push({ result: pair((a * c) & M128), log: [] });
    calls.push(['mul_u', [a, c]]);
    expected.push({ result: pair(u(a) * u(c)), log: [] });
    calls.push(['aliased', [a, b]]);
    const z = (u(a) << 64n) | u(a);
    const w = (u(b) << 64n) | u(-1n);
    expected.push({ result: pair((z + w) & M128), log: [] });
  }
  expect(MODULE, calls, expected);
});

test.run();
