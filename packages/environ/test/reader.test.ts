import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Reader } from '#src/binary/reader.js';
import { CompileError } from '#src/errors.js';

const reader = (...bytes: number[]) => new Reader(Uint8Array.from(bytes));

function fails(f: () => unknown, message: string): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, CompileError);
    assert.is((e as CompileError).message, message);
    return;
  }
  assert.unreachable(`expected "${message}"`);
}

test('u32 decodes one- and multi-byte forms', () => {
  assert.is(reader(0x00).u32(), 0);
  assert.is(reader(0x7f).u32(), 127);
  assert.is(reader(0x80, 0x01).u32(), 128);
  assert.is(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
  // Redundant padding is allowed up to five bytes.
  assert.is(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0);
});

test('u32 rejects too long and too large encodings', () => {
  fails(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), 'integer representation too long');
  fails(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), 'integer too large');
  fails(() => reader(0x80).u32(), 'unexpected end of section or function');
});

test('s32 sign-extends and checks the final byte', () => {
  assert.is(reader(0x7f).s32(), -1);
  assert.is(reader(0x3f).s32(), 63);
  assert.is(reader(0x40).s32(), -64);
  assert.is(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -0x80000000);
  assert.is(reader(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 0x7fffffff);
  fails(() => reader(0xff, 0xff, 0xff, 0xff, 0x4f).s32(), 'integer too large');
  fails(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s32(), 'integer representation too long');
});

test('s64 and u64 produce two 32-bit halves', () => {
  const r = reader(0x7f);
  r.s64();
  assert.equal([r.lo, r.hi], [-1, -1]);
  const big = reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
  big.s64();
  assert.equal([big.lo, big.hi], [-1, 0x7fffffff]);
  const u = reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  assert.is(u.u64(), 2 ** 64 - 1);
  assert.equal([u.lo, u.hi], [-1, -1]);
  fails(
    () => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).u64(),
    'integer too large',
  );
  fails(
    () => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41).s64(),
    'integer too large',
  );
});

test('len32 counts the remaining bytes from the start of the prefix', () => {
  assert.is(reader(0x01).len32(), 1);
  fails(() => reader(0x02).len32(), 'length out of bounds');
});

test('names must be valid UTF-8', () => {
  assert.is(reader(0x02, 0x68, 0x69).name(), 'hi');
  assert.is(reader(0x03, 0xef, 0xbb, 0xbf).name(), '\ufeff');
  fails(() => reader(0x02, 0xc0, 0x80).name(), 'malformed UTF-8 encoding');
  fails(() => reader(0x03, 0xed, 0xa0, 0x80).name(), 'malformed UTF-8 encoding');
});

test.run();
