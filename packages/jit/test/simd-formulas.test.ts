/**
 * The word-wide lane formulas of the SIMD kernels, against lane-by-lane
 * references; every SIMD instruction has a kernel.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPS } from '@weft/environ';
import { SIMD_BUILDERS } from '#src/ops/simd.js';
import * as W from '#src/ops/simd/words.js';

/** The `n`-bit lanes of word `w`, unsigned. */
function split(w: number, n: number): number[] {
  const out: number[] = [];
  for (let sh = 0; sh < 32; sh += n) out.push((w >>> sh) & ((1 << n) - 1));
  return out;
}

/** A word from `n`-bit lanes (taken modulo 2^n). */
function join(lanes: number[], n: number): number {
  let w = 0;
  lanes.forEach((v, i) => (w |= (v & ((1 << n) - 1)) << (i * n)));
  return w | 0;
}

const signed = (v: number, n: number) => (v << (32 - n)) >> (32 - n);
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const flag = (c: boolean) => (c ? -1 : 0);

type Lane = (a: number, b: number, n: number) => number;
const LANE_OPS: [string, Lane][] = [
  ['add', (a, b) => a + b],
  ['sub', (a, b) => a - b],
  ['addSatS', (a, b, n) => clamp(signed(a, n) + signed(b, n), -(2 ** (n - 1)), 2 ** (n - 1) - 1)],
  ['addSatU', (a, b, n) => clamp(a + b, 0, 2 ** n - 1)],
  ['subSatS', (a, b, n) => clamp(signed(a, n) - signed(b, n), -(2 ** (n - 1)), 2 ** (n - 1) - 1)],
  ['subSatU', (a, b, n) => clamp(a - b, 0, 2 ** n - 1)],
  ['ltS', (a, b, n) => flag(signed(a, n) < signed(b, n))],
  ['ltU', (a, b) => flag(a < b)],
  ['minS', (a, b, n) => (signed(a, n) < signed(b, n) ? a : b)],
  ['minU', (a, b) => Math.min(a, b)],
  ['maxS', (a, b, n) => (signed(a, n) > signed(b, n) ? a : b)],
  ['maxU', (a, b) => Math.max(a, b)],
  ['avgrU', (a, b) => (a + b + 1) >> 1],
  ['eq', (a, b) => flag(a === b)],
];

/** Words biased towards lane values at the edges of the signed and unsigned ranges. */
function edgyWords(n: number, count: number): number[] {
  const edges =
    n === 8
      ? [0, 1, 2, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff]
      : [0, 1, 0x7fff, 0x8000, 0x8001, 0xffff, 0x4000, 0xc000];
  let seed = 99;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const lanes = split(rand(), n).map((v) => (rand() & 1 ? edges[rand() % edges.length]! : v));
    out.push(join(lanes, n));
  }
  return out;
}

test('word-wide i8 and i16 lane formulas match lane-by-lane references', () => {
  const fns = W as unknown as Record<string, (a: number, b: number) => number>;
  for (const n of [8, 16]) {
    const ws = edgyWords(n, 400);
    for (const [name, ref] of LANE_OPS) {
      const f = fns[`${name}${n}`]!;
      assert.type(f, 'function', `${name}${n}`);
      for (const a of ws) {
        for (let j = 0; j < ws.length; j += 7) {
          const b = ws[j]!;
          const expected = join(
            split(a, n).map((x, i) => ref(x, split(b, n)[i]!, n)),
            n,
          );
          if (f(a, b) !== expected) assert.unreachable(`${name}${n}(${a >>> 0}, ${b >>> 0})`);
        }
      }
    }
    for (const a of ws) {
      const lanes = split(a, n);
      const abs = n === 8 ? W.abs8(a) : W.abs16(a);
      assert.is(
        abs,
        join(
          lanes.map((x) => Math.abs(signed(x, n))),
          n,
        ),
      );
      for (let k = 0; k < n; k++) {
        const sar = n === 8 ? W.sar8(a, k) : W.sar16(a, k);
        assert.is(
          sar,
          join(
            lanes.map((x) => signed(x, n) >> k),
            n,
          ),
        );
      }
      const zero = lanes.includes(0);
      assert.is(n === 8 ? W.hasZero8(a) : W.hasZero16(a), zero);
    }
  }
  for (const a of edgyWords(8, 2000)) {
    const lanes = split(a, 8);
    assert.is(
      W.mask8(a),
      lanes.reduce((m, x, i) => m | ((x >> 7) << i), 0),
    );
    assert.is(
      W.popcnt8(a),
      join(
        lanes.map((x) => x.toString(2).replace(/0/g, '').length),
        8,
      ),
    );
  }
});

test('word-wide widening and narrowing formulas match lane-by-lane references', () => {
  const w8 = edgyWords(8, 300);
  const w16 = edgyWords(16, 300);
  for (const a of w8) {
    for (let j = 0; j < w8.length; j += 5) {
      const b = w8[j]!;
      const [a0, a1, a2, a3] = split(a, 8) as [number, number, number, number];
      const [b0, b1, b2, b3] = split(b, 8) as [number, number, number, number];
      const s = (v: number) => signed(v, 8);
      assert.is(W.mulPairS8(a, b, 0), join([s(a0) * s(b0), s(a1) * s(b1)], 16));
      assert.is(W.mulPairS8(a, b, 16), join([s(a2) * s(b2), s(a3) * s(b3)], 16));
      assert.is(W.mulPairU8(a, b, 0), join([a0 * b0, a1 * b1], 16));
      assert.is(W.mulPairU8(a, b, 16), join([a2 * b2, a3 * b3], 16));
    }
  }
  for (const a of w16) {
    for (let j = 0; j < w16.length; j += 5) {
      const b = w16[j]!;
      const al = split(a, 16).map((v) => signed(v, 16));
      const bl = split(b, 16).map((v) => signed(v, 16));
      const q15 = al.map((x, i) => Math.min(32767, Math.floor((x * bl[i]! + 0x4000) / 32768)));
      assert.is(W.q15mulr(a, b), join(q15, 16));
      assert.is(
        W.mul16(a, b),
        join(
          al.map((x, i) => Math.imul(x, bl[i]!)),
          16,
        ),
      );
      const narrowS = [...al, ...bl].map((v) => clamp(v, -128, 127));
      const narrowU = [...al, ...bl].map((v) => clamp(v, 0, 255));
      assert.is(W.narrow8S(a, b), join(narrowS, 8));
      assert.is(W.narrow8U(a, b), join(narrowU, 8));
    }
  }
  for (const lo of [
    0,
    1,
    -1,
    32767,
    32768,
    -32768,
    -32769,
    65535,
    65536,
    2 ** 31 - 1,
    -(2 ** 31),
  ]) {
    for (const hi of [0, 40000, -40000, 7]) {
      assert.is(
        W.narrow16S(lo, hi),
        join([clamp(lo, -32768, 32767), clamp(hi, -32768, 32767)], 16),
      );
      assert.is(W.narrow16U(lo, hi), join([clamp(lo, 0, 65535), clamp(hi, 0, 65535)], 16));
    }
  }
});

test('every 0xfd instruction except v128.const has a kernel', () => {
  const simd = OPS.filter((op) => op !== undefined && op.prefix === 0xfd).map((op) => op!.name);
  assert.ok(simd.length > 250);
  for (const name of simd) {
    if (name !== 'v128.const') assert.ok(SIMD_BUILDERS.has(name), name);
  }
});

test.run();
