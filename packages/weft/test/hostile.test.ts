/**
 * Hostile modules must never hurt the host. Every case of `hostile/cases.ts`
 * runs in a child process of its own under a heap cap
 * (`--max-old-space-size`) and a time limit; the child must exit 0 (V8
 * aborting on a full heap exits 134), and the case must end in a clear
 * error or the native result. Where cost should grow linearly with size,
 * two sizes are compared: ratios of CPU time and memory, not absolute
 * numbers, so a slow or busy machine does not matter.
 *
 * The suite lives with the facade because its cases go through everything:
 * decoding, limits, instantiation, the compiler and the GC accounting.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { error, linear, MiB, run } from './hostile/run.js';

const limits = suite('hostile modules: limits');

limits('100 tables of 10 million elements: a clear error before allocating', () => {
  const o = run('tables-100x10M');
  assert.ok(o.moduleBytes < 1000, `${o.moduleBytes} bytes`);
  error(o, 'ResourceLimitError', 'maxTableElements', /cannot allocate table 1: .*maxTableElements/);
  assert.ok(o.maxRss - o.rssBefore < 64 * MiB);
});

limits('sixteen 4 GiB memories do not instantiate under the defaults', () => {
  error(
    run('memories-16x4GiB'),
    'ResourceLimitError',
    'maxMemoryBytes',
    /total 8 GiB, above the limit of 4 GiB/,
  );
});

limits('eight 48 MiB memories do not instantiate under a 64 MiB budget', () => {
  error(
    run('memories-8x48MiB'),
    'ResourceLimitError',
    'maxMemoryBytes',
    /total 96 MiB, above the limit of 64 MiB/,
  );
});

limits('memory.grow a page at a time is linear in time and memory', () => {
  const small = run('grow-pages', 1024);
  const big = run('grow-pages', 4096);
  assert.is(small.result, 1025);
  assert.is(big.result, 4097);
  linear('CPU time', small.cpuMs, big.cpuMs, 4, 10);
  linear('resident memory', small.maxRss - small.rssBefore, big.maxRss - big.rssBefore, 4, 8);
});

limits('growing to 2 GiB in 64 MiB steps stays far below 2 GiB resident', () => {
  const o = run('grow-2GiB-by-64MiB');
  assert.is(o.result, 31745);
  assert.ok(o.maxRss < 1024 * MiB, `peak RSS ${(o.maxRss / MiB).toFixed(0)} MiB`);
});

limits('memory.grow until refused ends with -1 at the store budget', () => {
  assert.is(run('grow-until-refused').result, 12289);
});

limits('table.grow until refused ends with -1 at the store budget', () => {
  assert.is(run('table-grow-until-refused').result, 10_000_000);
});

limits('GC: keeping every object alive traps at the budget, the host lives', () => {
  error(
    run('gc-keep-alive'),
    'Trap',
    'GcHeapOutOfMemory',
    /GC heap out of memory: .*maxGcHeapBytes/,
  );
  error(run('gc-arrays-in-table'), 'Trap', 'GcHeapOutOfMemory', /maxGcHeapBytes/);
  error(run('gc-huge-array'), 'Trap', 'GcHeapOutOfMemory', /2 GiB/);
});

limits('GC: garbage is free to allocate, in linear time', () => {
  const small = run('gc-churn', 1_000_000);
  const big = run('gc-churn', 4_000_000);
  assert.is(small.result, 1784293664);
  assert.is(big.result, -1522072448);
  linear('CPU time', small.cpuMs, big.cpuMs, 4, 10);
});

limits.run();
