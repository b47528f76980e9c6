/**
 * The suspend tier: it really suspends (host promises and fuel yields),
 * agrees with native on agreeing modules, catches a divergence that only a
 * suspended call shows, and its findings reduce and re-run under the same
 * configuration, in process, through the worker pool and through the
 * wasm-reduce test command.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWat } from '@weft/wast';
import { Config, Engine, Linker, Module, Store } from 'weft-wasm';
import type { Case } from '#src/cases.js';
import { compareExecutions } from '#src/compare.js';
import { signature, type Finding } from '#src/findings.js';
import { structuredCase } from '#src/gen/structured/index.js';
import { runOracle } from '#src/oracle.js';
import { Pool, DEFAULT_POOL } from '#src/pool.js';
import { findingOf } from '#src/reduce/signature.js';
import { reduceCase } from '#src/reduce/case.js';
import { oracleTaskOptions, type OracleRun } from '#src/protocol.js';
import { runNative } from '#src/run/native.js';
import { MAX_TIMEOUTS, Pacer, type Pace } from '#src/run/pacing.js';
import { makePlan } from '#src/run/plan.js';
import { COARSE_INTERVAL, FINE_YIELDS, runWeftSuspend, suspendConfig } from '#src/run/suspend.js';
import { TurnCounter } from '#src/run/turns.js';
import { parseTiers, TIERS } from '#src/tiers.js';

/** Loops calling value-returning and logging imports, storing and counting as they go. */
const LOOP = `(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (import "fuzzing-support" "get-i32" (func $get (result i32)))
  (memory (export "mem") 1)
  (global $g (export "g") (mut i32) (i32.const 0))
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (local.set $n (i32.add (i32.and (local.get $n) (i32.const 15)) (i32.const 4)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $get)))
      (call $log (local.get $s))
      (i32.store (i32.shl (i32.and (local.get $i) (i32.const 15)) (i32.const 2)) (local.get $s))
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s)))`;

/** No imports: only fuel yields can suspend it. */
const SPIN = `(module
  (func $step (param i32) (result i32) (i32.add (local.get 0) (i32.const 3)))
  (func (export "spin") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (local.set $n (i32.add (i32.and (local.get $n) (i32.const 63)) (i32.const 20)))
    (loop $l
      (local.set $s (call $step (local.get $s)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s)))`;

function planOf(bytes: Uint8Array, seed: number) {
  return makePlan(new Module(new Engine(), bytes), { argSets: 3, seed });
}

test('the turn counter sees no turn for a promise settled in microtasks, one per macrotask', async () => {
  const counter = new TurnCounter();
  await counter.during(async () => {
    await Promise.resolve();
    return 1;
  });
  assert.is(counter.count, 0);
  await counter.during(() => new Promise((resolve) => setImmediate(resolve)));
  assert.ok(counter.count >= 1, `counted ${counter.count}`);
});

test('the configuration is a function of the seed and covers every choice', () => {
  const intervals = new Set<number>();
  const jits = new Set<string>();
  const epochs = new Set<boolean>();
  for (let seed = 0; seed < 200; seed++) {
    const c = suspendConfig(seed);
    assert.equal(c, suspendConfig(seed));
    assert.ok(c.yieldInterval >= 1 && c.yieldInterval <= 7, String(c.yieldInterval));
    assert.is(c.jit.flat, false);
    intervals.add(c.yieldInterval);
    jits.add(c.jit.name);
    epochs.add(c.epochYields);
  }
  assert.is(epochs.size, 2);
  assert.is(intervals.size, 7);
  assert.equal([...jits].sort(), ['baseline', 'optimized', 'tiering']);
});

test('host calls alternate between direct answers and promises of every kind', async () => {
  const pacer = new Pacer({ seed: 9, promiseFirst: true, maxTimeouts: MAX_TIMEOUTS });
  const paces: Pace[] = Array.from({ length: 200 }, () => pacer.next());
  paces.forEach((p, i) => assert.is(p === 'direct', i % 2 === 1, `call ${i}: ${p}`));
  assert.ok(
    paces.includes('microtask') && paces.includes('immediate') && paces.includes('timeout'),
  );
  // Delivered: the same values, at once or later; timers are capped per run.
  const delivering = new Pacer({ seed: 9, promiseFirst: false, maxTimeouts: MAX_TIMEOUTS });
  const out = Array.from({ length: 200 }, (_, i) => delivering.deliver(i));
  assert.is(out[0], 0);
  assert.ok(out[1] instanceof Promise);
  assert.equal(await Promise.all(out), [...Array(200).keys()]);
  assert.is(delivering.counts.direct, 100);
  assert.is(delivering.counts.promises, 100);
  assert.ok(delivering.counts.timeouts <= MAX_TIMEOUTS);
});

test('the suspend tier suspends at host promises and fuel yields, and agrees with native', async () => {
  for (const wat of [LOOP, SPIN]) {
    const bytes = parseWat(wat);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const plan = planOf(bytes, seed);
      const run = await runWeftSuspend(bytes, plan, suspendConfig(seed));
      assert.is(compareExecutions(runNative(bytes, plan), run).status, 'ok', `seed ${seed}`);
      // Each call iterates at least 4 times, and yields at least every 7 units of fuel.
      assert.ok(run.suspend.turns >= plan.calls.length, `seed ${seed}: ${run.suspend.turns} turns`);
      if (wat === LOOP) {
        assert.ok(run.suspend.promises > 0 && run.suspend.direct > 0, JSON.stringify(run.suspend));
      } else {
        assert.is(run.suspend.promises, 0);
      }
    }
  }
});

/** A long loop: a million iterations. */
const LONG = `(module
  (func (export "long") (result i32) (local $i i32)
    (loop $l
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000000))))
    (local.get $i)))`;

/** The fuel a synchronous call of `name` uses. */
function fuelOf(bytes: Uint8Array, name: string): number {
  const engine = new Engine(new Config({ consumeFuel: true }));
  const store = new Store(engine);
  const instance = new Linker(engine).instantiate(store, new Module(engine, bytes));
  store.setFuel(1e12);
  instance.getFunc(store, name)!.call(store);
  return 1e12 - store.getFuel();
}

test('a heavy call yields finely first, then every so much: bounded and repeatable', async () => {
  const bytes = parseWat(LONG);
  const plan = makePlan(new Module(new Engine(), bytes), { argSets: 1, seed: 0 });
  const config = { ...suspendConfig(0), yieldInterval: 2 };
  const start = performance.now();
  const run = await runWeftSuspend(bytes, plan, config);
  const ms = performance.now() - start;
  assert.is(compareExecutions(runNative(bytes, plan), run).status, 'ok');
  assert.ok(run.suspend.coarse);
  // Every turn is a yield (no host calls): at most FINE_YIELDS fine ones (an
  // iteration costs more than the interval: fewer), then one per coarse interval.
  const coarseYields = Math.floor((fuelOf(bytes, 'long') - FINE_YIELDS * 2) / COARSE_INTERVAL);
  assert.ok(
    run.suspend.turns > coarseYields + 100 && run.suspend.turns <= coarseYields + FINE_YIELDS + 2,
    `${run.suspend.turns} turns, ${coarseYields} coarse yields`,
  );
  assert.ok(ms < 15_000, `${ms} ms`);
  const again = await runWeftSuspend(bytes, plan, config);
  assert.is(again.suspend.turns, run.suspend.turns);
  // A light run never gets there.
  const light = parseWat(LOOP);
  const lightRun = await runWeftSuspend(light, planOf(light, 1), suspendConfig(1));
  assert.is(lightRun.suspend.coarse, false);
});

test('with epoch interruption, the check after each host call yields too', async () => {
  const bytes = parseWat(LOOP);
  const plan = planOf(bytes, 2);
  // Fuel yields out of the way: only promises and epoch deadlines suspend,
  // each for one turn (no timers).
  const base = { ...suspendConfig(2), yieldInterval: 1_000_000_000, maxTimeouts: 0 };
  const without = await runWeftSuspend(bytes, plan, { ...base, epochYields: false });
  const run = await runWeftSuspend(bytes, plan, { ...base, epochYields: true });
  assert.is(compareExecutions(runNative(bytes, plan), run).status, 'ok');
  assert.is(run.suspend.promises, without.suspend.promises);
  // One more turn per loop iteration: its header follows a host call.
  assert.ok(
    run.suspend.turns > without.suspend.turns + plan.calls.length,
    `${run.suspend.turns} turns with epochs, ${without.suspend.turns} without`,
  );
});

test('a divergence only suspended calls show is a mismatch of the suspend tier', async () => {
  const bytes = parseWat(LOOP);
  const clean = await runOracle(bytes, { argSets: 2, seed: 3 });
  assert.is(clean.status, 'ok');
  assert.ok((clean.suspend?.stats.promises ?? 0) > 0);
  const r = await runOracle(bytes, { argSets: 2, seed: 3, fault: 'bump-memory' });
  assert.is(r.status, 'mismatch');
  assert.is(r.tiers.suspend?.difference?.category, 'memory');
  // The synchronous tiers ran too, untouched.
  assert.is(r.tiers.baseline?.status, 'ok');
  assert.equal(findingOf(r, 'structured', 3)?.tiers, ['suspend']);
});

test('a suspend-tier finding reduces, in worker processes, to a module still showing it', async () => {
  const pool = new Pool({ ...DEFAULT_POOL, workers: 1 });
  const faulty: OracleRun = { argSets: 1, tiers: ['suspend'], fault: 'bump-memory' };
  const run = async (bytes: Uint8Array, seed: number, r: OracleRun) => {
    const out = await pool.run({ type: 'oracle', bytes, options: oracleTaskOptions(r, seed) });
    assert.is(out.type, 'oracle');
    return out.type === 'oracle' ? findingOf(out.result, 'structured', seed) : null;
  };
  try {
    // The first structured seed whose module the fault shows on (one with host calls).
    let found: { c: Case; finding: Finding } | null = null;
    for (let seed = 0; seed < 50 && found === null; seed++) {
      const s = structuredCase(seed);
      const finding = await run(s.bytes, seed, faulty);
      if (finding !== null) {
        const c: Case = { generator: 'structured', seed, kind: 'oracle', ...s };
        found = { c, finding };
      }
    }
    assert.ok(found !== null, 'no structured module among 50 showed the injected fault');
    const { c, finding } = found!;
    assert.equal(finding.tiers, ['suspend']);
    const reduced = await reduceCase(pool, c, finding, faulty, 10);
    assert.ok(reduced !== null);
    assert.ok(
      reduced!.bytes.length < c.bytes.length / 2,
      `${reduced!.bytes.length} of ${c.bytes.length} bytes`,
    );
    const again = await run(reduced!.bytes, c.seed, faulty);
    assert.is(again === null ? null : signature(again), signature(finding));
    // Without the fault the reduced module agrees: the finding was the injected one.
    assert.is(await run(reduced!.bytes, c.seed, { argSets: 1, tiers: ['suspend'] }), null);
  } finally {
    pool.close();
  }
});

test('tiers parse from the command line, in the oracle order', () => {
  assert.equal(parseTiers('suspend,baseline'), ['baseline', 'suspend']);
  assert.equal(parseTiers('all'), [...TIERS]);
  assert.ok(TIERS.includes('suspend'));
  assert.throws(() => parseTiers('baseline,fast'), /unknown tier fast/);
});

test('worker processes run the suspend tier', async () => {
  const pool = new Pool({ ...DEFAULT_POOL, workers: 1 });
  try {
    const out = await pool.run({
      type: 'oracle',
      bytes: parseWat(LOOP),
      options: { argSets: 2, seed: 5, tiers: ['optimized', 'suspend'] },
    });
    assert.is(out.type, 'oracle');
    if (out.type !== 'oracle') return;
    assert.equal(Object.keys(out.result.tiers), ['optimized', 'suspend']);
    assert.is(out.result.tiers.suspend?.status, 'ok');
    assert.ok((out.result.suspend?.stats.promises ?? 0) > 0);
  } finally {
    pool.close();
  }
});

test("wasm-reduce's test command runs the tiers it is given", () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-check-'));
  try {
    const file = join(dir, 'm.wasm');
    writeFileSync(file, parseWat(LOOP));
    const check = fileURLToPath(new URL('../dist/reduce/check.js', import.meta.url));
    const r = spawnSync(process.execPath, [check, file, '4', '2', 'suspend'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), 'no mismatch');
    // With the fault, the signature of a suspend-tier memory mismatch.
    const args = [check, file, '4', '2', 'baseline,suspend', 'bump-memory'];
    const f = spawnSync(process.execPath, args, { encoding: 'utf8' });
    assert.is(f.status, 0, f.stderr);
    assert.match(f.stdout, /^-\|memory\|suspend\|/);
    const bad = spawnSync(process.execPath, [check, file, '4', '2', 'nope'], { encoding: 'utf8' });
    assert.is.not(bad.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
