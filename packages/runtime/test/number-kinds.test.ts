/** Number signatures for the boundary fast paths (number-kinds.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXTERNREF, F32, F64, FUNCREF, I32, I64, V128, type FuncType } from '@weft/environ';
import { KIND_F32, KIND_F64, KIND_I32, KIND_I64, numberKind, numberSignature } from '#src/index.js';

const fn = (params: number[], results: number[]): FuncType =>
  ({ params, results }) as unknown as FuncType;

test('each number type has its kind; every other type has none', () => {
  assert.equal(
    [I32, I64, F32, F64].map((t) => numberKind(t)),
    [KIND_I32, KIND_I64, KIND_F32, KIND_F64],
  );
  for (const t of [V128, FUNCREF, EXTERNREF]) assert.is(numberKind(t), -1);
});

test('signatures: at most maxParams numbers in, at most one number out, i64 when asked', () => {
  assert.equal(numberSignature(fn([I32, F32, F64], [F64]), 3, false), [
    KIND_I32,
    KIND_F32,
    KIND_F64,
  ]);
  assert.equal(numberSignature(fn([], []), 0, false), []);
  assert.is(numberSignature(fn([I32, I32, I32, I32], []), 3, false), null);
  assert.is(numberSignature(fn([I32], [I32, I32]), 3, false), null);
  assert.is(numberSignature(fn([I64], []), 3, false), null);
  assert.is(numberSignature(fn([I32], [I64]), 3, false), null);
  assert.equal(numberSignature(fn([I64, I32], [I64]), 4, true), [KIND_I64, KIND_I32]);
  assert.is(numberSignature(fn([V128], []), 4, true), null);
  assert.is(numberSignature(fn([I32], [EXTERNREF]), 4, true), null);
});

test.run();
