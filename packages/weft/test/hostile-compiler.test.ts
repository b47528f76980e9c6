/**
 * Hostile modules, compiler cases: pathological function bodies, run as the
 * cases of `hostile.test.ts` are (a child process per case, under a heap cap
 * and a time limit). They are the compiler's to handle: before the compiler
 * rewrite (translator, flat layout, frame limit) the 40k and 50k bodies of
 * local.set and the 100k calls exhausted a 512 MB heap, 20,000 nested `if`s
 * overflowed the stack, and 100,001 locals were a RangeError at the first
 * call instead of a CompileError.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { error, linear, run } from './hostile/run.js';

const compiler = suite('hostile modules: compiler');

compiler('10k and 40k `i32.const 1; local.set 0`: linear time and memory', () => {
  const small = run('body-local-sets', 10_000);
  const big = run('body-local-sets', 40_000);
  assert.is(small.result, 1);
  assert.is(big.result, 1);
  linear('CPU time', small.cpuMs, big.cpuMs, 4, 10);
  linear('retained heap', small.retained, big.retained, 4, 8);
});

compiler('50k `i32.const 1; local.set 0` run without a trap', () => {
  const o = run('body-local-sets', 50_000);
  assert.is(o.error, null);
  assert.is(o.result, 1);
});

compiler('100k `call $f; drop` return the native result', () => {
  const o = run('body-calls', 100_000);
  assert.is(o.error, null);
  assert.is(o.result, 42);
});

compiler('20,000 nested `if`s return 42, as natively', () => {
  const o = run('body-nested-ifs', 20_000);
  assert.is(o.error, null);
  assert.is(o.result, 42);
});

compiler('more than 100,000 locals: a CompileError naming the implementation limit', () => {
  error(run('body-many-locals', 100_001), 'CompileError', null, /limit/);
});

compiler.run();
