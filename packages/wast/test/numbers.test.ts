import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  floatBitsExact,
  parseF32,
  parseF64,
  parseI32,
  parseI64,
  parseIntBits,
  parseNat,
} from '#src/numbers.js';

const Numbers = suite('numbers');

/** The f32 bits of `x` as JS rounds it (exact for values that are f32 already). */
function f32bits(x: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x, true);
  return b.getUint32(0, true);
}

function f64bits(x: number): bigint {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return b.getBigUint64(0, true);
}

Numbers('nat: decimal, hex, underscores', () => {
  assert.is(parseNat('0'), 0n);
  assert.is(parseNat('1_000_000'), 1000000n);
  assert.is(parseNat('0xFF_ff'), 0xffffn);
  assert.is(parseNat('18446744073709551616'), 2n ** 64n);
  assert.is(parseNat('-1'), null);
  assert.is(parseNat('+1'), null);
  assert.is(parseNat('inf'), null);
});

Numbers('integers: unsigned and signed ranges', () => {
  assert.is(parseI32('0xffffffff'), -1);
  assert.is(parseI32('4294967295'), -1);
  assert.is(parseI32('-2147483648'), -2147483648);
  assert.is(parseI32('-0x80000000'), -2147483648);
  assert.is(parseI32('+0xffffffff'), -1);
  assert.is(parseI32('2147483647'), 2147483647);
  assert.is(parseI32('0x100000000'), null);
  assert.is(parseI32('-2147483649'), null);
  assert.is(parseI32('4294967296'), null);
  assert.is(parseI32('1.0'), null);
  assert.is(parseI64('0xffffffffffffffff'), -1n);
  assert.is(parseI64('-9223372036854775808'), -(2n ** 63n));
  assert.is(parseI64('9223372036854775807'), 2n ** 63n - 1n);
  assert.is(parseI64('-9223372036854775809'), null);
  assert.is(parseI64('18446744073709551616'), null);
  assert.is(parseIntBits('255', 8), 255n);
  assert.is(parseIntBits('-128', 8), 128n);
  assert.is(parseIntBits('256', 8), null);
  assert.is(parseIntBits('-129', 8), null);
  assert.is(parseIntBits('-0', 16), 0n);
});

Numbers('f32: simple values, signs and zero', () => {
  assert.is(parseF32('0'), 0);
  assert.is(parseF32('-0'), 0x80000000);
  assert.is(parseF32('-0.0'), 0x80000000);
  assert.is(parseF32('1'), 0x3f800000);
  assert.is(parseF32('+1.5'), 0x3fc00000);
  assert.is(parseF32('-2'), 0xc0000000);
  assert.is(parseF32('0.1'), f32bits(0.1));
  assert.is(parseF32('1e10'), f32bits(1e10));
  assert.is(parseF32('1_000.000_1'), f32bits(1000.0001));
  assert.is(parseF32('0x1p-1'), 0x3f000000);
  assert.is(parseF32('0x1.8p1'), 0x40400000);
  assert.is(parseF32('0xA'), 0x41200000);
});

Numbers('f32: infinities, NaNs and payloads', () => {
  assert.is(parseF32('inf'), 0x7f800000);
  assert.is(parseF32('-inf'), 0xff800000);
  assert.is(parseF32('nan'), 0x7fc00000);
  assert.is(parseF32('-nan'), 0xffc00000);
  assert.is(parseF32('nan:0x1'), 0x7f800001);
  assert.is(parseF32('-nan:0x7fffff'), 0xffffffff);
  assert.is(parseF32('nan:0x200000'), 0x7fa00000);
  assert.is(parseF32('nan:0x0'), null);
  assert.is(parseF32('nan:0x800000'), null);
});

Numbers('f32: limits and overflow', () => {
  assert.is(parseF32('0x1.fffffep127'), 0x7f7fffff);
  assert.is(parseF32('3.4028234663852886e38'), 0x7f7fffff);
  assert.is(parseF32('0x1p128'), null);
  assert.is(parseF32('0x1.ffffffp127'), null); // rounds up to 2^128
  assert.is(parseF32('0x1.fffffefp127'), 0x7f7fffff); // rounds down
  assert.is(parseF32('1e39'), null);
  assert.is(parseF32('1e400'), null);
  assert.is(parseF32('-1e400'), null);
  assert.is(parseF32('0x1p1024'), null);
  assert.is(parseF32('0xfffffffffffffp1000'), null);
  // The midpoint between the largest f32 and 2^128 rounds to even: 2^128, out of range.
  assert.is(parseF32('340282356779733661637539395458142568448'), null);
  assert.is(parseF32('340282356779733661637539395458142568447'), 0x7f7fffff);
});

Numbers('f32: subnormals and underflow', () => {
  assert.is(parseF32('0x1p-149'), 1);
  assert.is(parseF32('0x1p-150'), 0); // tie, rounds to even (0)
  assert.is(parseF32('0x1.000002p-150'), 1); // just above the tie
  assert.is(parseF32('0x3p-150'), 2); // 1.5 ulp: tie to even 2
  assert.is(parseF32('0x1p-126'), 0x00800000);
  assert.is(parseF32('0x0.fffffep-126'), 0x007fffff);
  assert.is(parseF32('1.4e-45'), 1);
  assert.is(parseF32('7e-46'), 0);
  assert.is(parseF32('7.1e-46'), 1);
  assert.is(parseF32('1e-400'), 0);
  assert.is(parseF32('-1e-400'), 0x80000000);
});

Numbers('f32: rounding is exact, not through f64 (no double rounding)', () => {
  // 1 + 2^-24 + 2^-60: just above the f32 midpoint between 1 and 1 + 2^-23.
  // As an f64 it rounds to 1 + 2^-24 (the midpoint), which then ties to even (1):
  // a double rounding. Exactly, it is above the midpoint: 1 + 2^-23.
  const lit = '1.000000059604644775390625000000000000000867361737988403547205962240695953369140625';
  assert.is(Math.fround(Number(lit)), 1); // what double rounding gives
  assert.is(parseF32(lit), 0x3f800001);
  // Hex literals with more digits than f64 holds round exactly too.
  assert.is(parseF32('0x1.000001000000000000001p0'), 0x3f800001);
  assert.is(parseF32('0x1.000001p0'), 0x3f800000); // the tie itself: to even
  assert.is(parseF32('0x1.000003p0'), 0x3f800002); // tie: to even (up)
  // Decimal ties.
  assert.is(parseF32('16777217'), 0x4b800000); // 2^24 + 1: tie, to even 2^24
  assert.is(parseF32('16777219'), 0x4b800002); // 2^24 + 3: tie, to even 2^24 + 4
  assert.is(parseF32('16777217.000000000000000001'), 0x4b800001);
});

Numbers('f64: exact rounding', () => {
  assert.is(parseF64('0'), 0n);
  assert.is(parseF64('-0'), 1n << 63n);
  assert.is(parseF64('0.1'), f64bits(0.1));
  assert.is(parseF64('1.7976931348623157e308'), 0x7fefffffffffffffn);
  assert.is(parseF64('0x1.fffffffffffffp1023'), 0x7fefffffffffffffn);
  assert.is(parseF64('0x1.fffffffffffff8p1023'), null);
  assert.is(parseF64('1e309'), null);
  assert.is(parseF64('0x1p-1074'), 1n);
  assert.is(parseF64('4.9406564584124654e-324'), 1n);
  assert.is(parseF64('2.4703282292062327e-324'), 0n); // below the midpoint
  assert.is(parseF64('2.4703282292062328e-324'), 1n); // above it
  assert.is(parseF64('9007199254740993'), f64bits(9007199254740992)); // 2^53 + 1: tie, even
  assert.is(parseF64('9007199254740995'), f64bits(9007199254740996));
  assert.is(parseF64('0x1.00000000000008p0'), 0x3ff0000000000000n); // tie: even
  assert.is(parseF64('0x1.00000000000018p0'), 0x3ff0000000000002n); // tie: even (up)
  assert.is(parseF64('0x1.000000000000080000001p0'), 0x3ff0000000000001n);
  assert.is(parseF64('inf'), 0x7ff0000000000000n);
  assert.is(parseF64('nan'), 0x7ff8000000000000n);
  assert.is(parseF64('-nan:0xfffffffffffff'), 0xffffffffffffffffn);
  assert.is(parseF64('nan:0x10000000000000'), null);
  assert.is(parseF64('1e99999999999'), null);
  assert.is(parseF64('1e-99999999999'), 0n);
  assert.is(parseF64('0x1p99999999999'), null);
});

Numbers('f64: agrees with JS on many decimal literals', () => {
  // JS's Number() rounds decimal strings correctly to f64.
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < 2000; i++) {
    const digits = String(rand()) + String(rand());
    const exp = (rand() % 640) - 330;
    const lit = `${digits.slice(0, 1)}.${digits.slice(1)}e${exp}`;
    const x = Number(lit);
    if (!Number.isFinite(x)) assert.is(parseF64(lit), null, lit);
    else assert.is(parseF64(lit), f64bits(x), lit);
  }
});

Numbers('the fast paths agree with the exact BigInt path', () => {
  let seed = 99;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const lits: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const k = rand(4);
    let lit: string;
    if (k === 0) lit = `${rand(1000)}.${rand(2 ** 30)}e${rand(100) - 50}`;
    else if (k === 1) lit = `${rand(2 ** 30)}${rand(10)}e${rand(700) - 350}`;
    else if (k === 2)
      lit = `0x${rand(0xffffff).toString(16)}.${rand(4096).toString(16)}p${rand(2300) - 1150}`;
    else {
      // Exactly halfway between two f32 values (a double-rounding trap).
      const b = new Uint32Array([rand(0x7f000000)]);
      const a = new Float32Array(b.buffer)[0]!;
      b[0]! += 1;
      lit = String((a + new Float32Array(b.buffer)[0]!) / 2);
    }
    lits.push(rand(2) ? `-${lit}` : lit);
  }
  for (const lit of lits) {
    const e32 = floatBitsExact(lit, 32);
    assert.is(parseF32(lit), e32 === null ? null : Number(e32), lit);
    assert.is(parseF64(lit), floatBitsExact(lit, 64), lit);
  }
});

Numbers.run();
