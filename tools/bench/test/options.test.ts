// pnpm bench's command line: modes, partial runs, skips, light settings, and
// the engines each mode runs (jitless: no native, polywasm is the baseline).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { harnessProblem } from '#src/checks.js';
import { loadEngineConfig, selectSpecs } from '#src/engines/registry.js';
import { chartFile, makeMode, modeOfFlags, resultsFile } from '#src/modes.js';
import { UsageError, defaultSettings, parseModes, parseOptions } from '#src/options.js';
import { V8_FLAGS } from 'weft-wasm/node';
import { workload } from './fixtures.js';

const isUsageError = (e: unknown) => e instanceof UsageError;
const names = (args: string[]) => parseOptions(args).modes.map((m) => m.name);

test('--mode: all by default (flags, plain, jitless, then the scenarios), or one', () => {
  const o = parseOptions([]);
  assert.equal(names([]), ['flags', 'plain', 'jitless']);
  assert.ok(o.scenarios);
  assert.not.ok(o.partial);
  assert.equal(names(['--mode', 'all']), ['flags', 'plain', 'jitless']);
  assert.equal(names(['--mode', 'plain']), ['plain']);
  assert.not.ok(parseOptions(['--mode', 'plain']).scenarios);
  assert.not.ok(parseOptions(['--mode', 'plain']).partial);
  assert.equal(names(['--', '--mode', 'jitless']), ['jitless'], 'a leading -- is ignored');
  assert.throws(
    () => parseOptions(['--mode', 'fast']),
    (e: unknown) => e instanceof UsageError && /--mode fast/.test((e as Error).message),
  );
  assert.throws(() => parseOptions(['--bogus']), isUsageError);
});

test('the modes run node with the right flags', () => {
  const [flags, plain, jitless] = parseOptions([]).modes;
  assert.equal(flags!.nodeFlags, [...V8_FLAGS]);
  assert.equal(plain!.nodeFlags, []);
  assert.equal(jitless!.nodeFlags, ['--jitless']);
  assert.equal([flags!.noHostWasm, plain!.noHostWasm, jitless!.noHostWasm], [false, false, true]);
  assert.equal([flags!.light, plain!.light, jitless!.light], [false, false, true]);
  assert.is(modeOfFlags([...V8_FLAGS]), 'flags');
  assert.is(modeOfFlags([]), 'plain');
  assert.is(modeOfFlags(['--jitless']), 'jitless');
  assert.is(modeOfFlags(['--stack-size=2000']), 'custom');
  assert.equal(
    [resultsFile('plain'), chartFile('flags'), chartFile('jitless')],
    ['plain.json', 'benchmarks.svg', 'benchmarks-jitless.svg'],
  );
});

test('--node-flags: one custom mode, a partial run without the scenarios', () => {
  const o = parseOptions(['--node-flags', '--stack-size=2000  --no-opt']);
  assert.equal(
    o.modes.map((m) => [m.name, m.nodeFlags]),
    [['custom', ['--stack-size=2000', '--no-opt']]],
  );
  assert.ok(o.partial);
  assert.not.ok(o.scenarios);
  assert.equal(parseOptions(['--node-flags', '']).modes[0]!.nodeFlags, []);
  const jit = makeMode('custom', ['--jitless', '--stack-size=2000']);
  assert.ok(jit.noHostWasm && jit.light, 'custom flags with --jitless have no WebAssembly');
  assert.throws(() => parseModes('plain', ''), /give one of them/);
  assert.throws(() => parseOptions(['--mode', 'all', '--node-flags', '']), isUsageError);
});

test('partial runs, skips and --compile-only', () => {
  for (const args of [
    ['--engines', 'weft'],
    ['--workloads', 'fib'],
    ['--n', 'fib=20'],
    ['--skip-compile'],
    ['--skip', 'compile'],
    ['--compile-only'],
    ['--programs', 'hash'],
  ]) {
    assert.ok(parseOptions(args).partial, args.join(' '));
  }
  for (const args of [
    ['--quick'],
    ['--skip', 'pollution,calls,programs'],
    ['--mode', 'flags'],
    ['--write'],
  ]) {
    assert.not.ok(parseOptions(args).partial, args.join(' '));
  }
  const skip = parseOptions(['--skip', 'calls, programs', '--skip-compile']).skip;
  assert.equal([...skip].sort(), ['calls', 'compile', 'programs']);
  assert.throws(() => parseOptions(['--skip', 'runtime']), /--skip runtime/);
  const c = parseOptions(['--compile-only']);
  assert.equal(c.workloads, []);
  assert.equal(
    c.modes.map((m) => m.name),
    ['flags'],
    'the compile-time workload runs once',
  );
  assert.not.ok(c.scenarios);
  assert.throws(() => parseOptions(['--compile-only', '--skip-compile']), isUsageError);
  const w = parseOptions(['--workloads', 'fib, loops', '--n', 'fib=20']);
  assert.equal(
    w.workloads.map((x) => x.name),
    ['fib', 'loops'],
  );
  assert.ok(w.workloadSubset);
  assert.is(w.n.get('fib'), 20);
  assert.throws(() => parseOptions(['--workloads', 'nope']), isUsageError);
  assert.throws(() => parseOptions(['--n', 'fib']), /expected name=value/);
  assert.throws(() => parseOptions(['--rounds', 'many']), /--rounds: not a number/);
});

test('settings: full or quick; light modes (jitless) always quick, with the full run timeout', () => {
  const full = parseOptions([]);
  assert.is(full.settings.rounds, defaultSettings(false).rounds);
  assert.is(full.lightSettings.rounds, defaultSettings(true).rounds);
  assert.is(full.lightSettings.warmupMs, defaultSettings(true).warmupMs);
  assert.is(full.lightSettings.runTimeoutMs, defaultSettings(false).runTimeoutMs);
  const quick = parseOptions(['--quick', '--rounds', '2', '--run-timeout', '9']);
  assert.is(quick.settings.rounds, 2);
  assert.is(quick.lightSettings.rounds, 2, 'explicit options apply to light modes too');
  assert.is(quick.settings.runTimeoutMs, 9000);
  assert.is(quick.lightSettings.runTimeoutMs, 9000);
  assert.is(
    parseOptions(['--quick']).lightSettings.runTimeoutMs,
    defaultSettings(false).runTimeoutMs,
  );
});

test('engines per mode: without host WebAssembly the baseline is polywasm and native is left out', () => {
  const config = loadEngineConfig();
  assert.is(config.jitlessBaseline, 'polywasm');
  const names = (specs: { name: string }[]) => specs.map((s) => s.name);
  assert.equal(names(selectSpecs(config, undefined, { noHostWasm: true })), ['polywasm', 'weft']);
  assert.equal(names(selectSpecs(config, ['native', 'weft'], { noHostWasm: true })), [
    'polywasm',
    'weft',
  ]);
  assert.equal(names(selectSpecs(config, ['polywasm'], { noHostWasm: true })), ['polywasm']);
  assert.equal(names(selectSpecs(config)), ['native', 'weft', 'polywasm']);
  const { jitlessBaseline: _, ...without } = config;
  assert.throws(() => selectSpecs(without, undefined, { noHostWasm: true }), /no jitlessBaseline/);
});

test('harness problems: a wrong baseline is one, unless results are checked against the record', () => {
  const ok = { status: 'ok' as const, medianMs: 1, ratio: 1, result: '1' };
  const wrong = { status: 'wrong' as const, result: '2' };
  assert.is(harnessProblem(workload('a', { native: ok, weft: ok }), 'native'), undefined);
  assert.match(
    harnessProblem(workload('a', { native: wrong, weft: ok }), 'native')!,
    /baseline: wrong/,
  );
  assert.match(
    harnessProblem({ ...workload('a', { native: ok }), recorded: '3', expected: '1' }, 'native')!,
    /recorded 3/,
  );
  const byRecord = { recorded: '1', expected: '1', checkedAgainstRecorded: true as const };
  assert.is(
    harnessProblem({ ...workload('f', { polywasm: wrong, weft: ok }), ...byRecord }, 'polywasm'),
    undefined,
  );
  assert.is(
    harnessProblem(
      { ...workload('s', { polywasm: { status: 'skipped' }, weft: ok }), ...byRecord },
      'polywasm',
    ),
    undefined,
  );
  assert.match(
    harnessProblem(
      { ...workload('f', { polywasm: wrong, weft: wrong }), ...byRecord },
      'polywasm',
    )!,
    /no engine returned the recorded checksum 1/,
  );
});

test.run();
