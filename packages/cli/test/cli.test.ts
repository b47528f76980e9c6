/** The `weft` command: run (traps, exit codes, --invoke, --dir, --env), wast, validate, help. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLES, FIXTURES, weft } from './helpers.js';

const calc = join(FIXTURES, 'calc.wat');
const invoke = (name: string, ...args: string[]) => weft(['run', '--invoke', name, calc, ...args]);

test('run: a trap prints the wasm backtrace, Wasmtime style, and exits with 134', () => {
  const r = weft(['run', join(EXAMPLES, 'trap.wasm')]);
  assert.is(r.status, 134);
  assert.is(r.stdout, 'about to divide by 0\n');
  const file = join(EXAMPLES, 'trap.wasm');
  const lines = r.stderr.split('\n');
  assert.is(lines[0], `Error: failed to run main module \`${file}\``);
  assert.is(lines[1], '');
  assert.is(lines[2], 'Caused by:');
  assert.is(lines[3], '    0: failed to invoke command default');
  assert.is(lines[4], '    1: error while executing at wasm backtrace:');
  assert.match(lines[5]!, /^ {11}0: {3,}0x[0-9a-f]+ - trap\.wasm!divide$/);
  assert.match(lines[6]!, /^ {11}1: {3,}0x[0-9a-f]+ - trap\.wasm!average$/);
  assert.match(lines[7]!, /^ {11}2: {3,}0x[0-9a-f]+ - trap\.wasm!main$/);
  assert.ok(r.stderr.includes('trap.wasm!_start'));
  assert.ok(r.stderr.endsWith('    2: wasm trap: integer divide by zero\n'));
});

test('run: the same program without a trap exits with 0', () => {
  const r = weft(['run', join(EXAMPLES, 'trap.wasm'), '4']);
  assert.is(r.status, 0);
  assert.is(r.stdout, 'about to divide by 4\n25\n');
  assert.is(r.stderr, '');
});

test('run: `weft FILE` is `weft run FILE`', () => {
  const r = weft([join(EXAMPLES, 'hello.wasm')]);
  assert.is(r.status, 0);
  assert.is(r.stdout, 'Hello, world!\n');
});

test('run --invoke: results on their own lines, Rust-style floats', () => {
  assert.is(invoke('add', '2', '3').stdout, '5\n');
  assert.is(invoke('add', '4294967295', '1').stdout, '0\n');
  assert.is(invoke('mul64', '-3', '9223372036854775807').stdout, '-9223372036854775805\n');
  assert.is(invoke('half', '3').stdout, '1.5\n');
  assert.is(invoke('half', '0.2').stdout, '0.1\n');
  assert.is(invoke('half', 'inf').stdout, 'inf\n');
  assert.is(invoke('half', '-0').stdout, '-0\n');
  assert.is(invoke('half', '1e30').stdout, '500000000000000000000000000000\n');
  assert.is(invoke('split', '2.75').stdout, '2\n75\n');
  const none = invoke('nothing');
  assert.is(none.status, 0);
  assert.is(none.stdout, '');
});

test('run --invoke: _initialize runs first', () => {
  assert.is(invoke('initialized').stdout, '1\n');
});

test('run --invoke: traps, proc_exit, bad arguments', () => {
  const div = invoke('average', '7', '0');
  assert.is(div.status, 134);
  assert.ok(div.stderr.includes('    0: failed to invoke `average`\n'));
  assert.ok(div.stderr.endsWith('    2: wasm trap: integer divide by zero\n'));
  const oob = invoke('oob');
  assert.is(oob.status, 134);
  assert.ok(oob.stderr.endsWith('wasm trap: out of bounds memory access\n'));
  const deep = invoke('deep', '1');
  assert.is(deep.status, 134);
  assert.ok(deep.stderr.endsWith('wasm trap: call stack exhausted\n'));
  assert.ok(deep.stderr.includes('more frames of the above'));
  assert.ok(deep.stderr.split('\n').length < 20);
  assert.is(invoke('exit', '9').status, 9);
  const few = invoke('add', '1');
  assert.is(few.status, 1);
  assert.ok(few.stderr.includes('invalid number of arguments'));
  const bad = invoke('add', 'x', '1');
  assert.is(bad.status, 1);
  assert.ok(bad.stderr.includes('failed to parse `x` as i32'));
  const missing = invoke('nope');
  assert.is(missing.status, 1);
  assert.ok(missing.stderr.includes('no func export named `nope`'));
});

test('run --dir and --env reach the program; other paths do not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  try {
    writeFileSync(join(dir, 'data.txt'), 'inside\n');
    const cat = join(EXAMPLES, 'cat.wasm');
    assert.is(weft(['run', '--dir', `${dir}::/data`, cat, '/data/data.txt']).stdout, 'inside\n');
    assert.is(weft(['run', `--dir=${dir}::/data`, cat, '/data/data.txt']).stdout, 'inside\n');
    // Without ::GUEST, the guest sees the host path.
    assert.is(weft(['run', '--dir', dir, cat, join(dir, 'data.txt')]).stdout, 'inside\n');
    for (const path of ['/data/../../../etc/passwd', '/etc/passwd', '../etc/passwd']) {
      const r = weft(['run', '--dir', `${dir}::/data`, cat, path]);
      assert.is(r.status, 1, path);
      assert.is(r.stdout, '', path);
      assert.match(r.stderr, /^cat: .*: E[A-Z]+\n$/, path);
    }
    const env = weft([
      'run',
      '--env',
      'GREETING=hi',
      '--env',
      'EMPTY=',
      join(EXAMPLES, 'args.wasm'),
      'x',
    ]);
    assert.ok(env.stdout.includes('environment: 2 variables\n  EMPTY=\n  GREETING=hi\n'));
    assert.ok(env.stdout.includes('argc: 2\n'));
    process.env.WEFT_TEST_INHERITED = 'from host';
    const inherited = weft(['run', '--env', 'WEFT_TEST_INHERITED', join(EXAMPLES, 'args.wasm')]);
    assert.ok(inherited.stdout.includes('  WEFT_TEST_INHERITED=from host\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run: a program importing wasi_unstable (snapshot 0) gets its layouts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  try {
    writeFileSync(join(dir, 'in.txt'), 'first line\nlast!\n');
    const r = weft(['run', '--dir', `${dir}::/data`, join(FIXTURES, 'unstable.wat')]);
    assert.is(r.stderr, '');
    assert.is(r.stdout, 'last!\n');
    assert.is(r.status, 10 * 17 + 1, 'size 17 at offset 24, nlink 1 at offset 20');
    // sock_accept came with preview1: snapshot 0 has none.
    const file = join(dir, 'accept.wat');
    writeFileSync(
      file,
      '(module (import "wasi_unstable" "sock_accept" (func (param i32 i32 i32) (result i32))))',
    );
    const missing = weft(['run', file]);
    assert.is(missing.status, 1);
    assert.ok(missing.stderr.includes('unknown import: "wasi_unstable" "sock_accept"'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run: errors before running', () => {
  const missing = weft(['run', 'no-such-file.wasm']);
  assert.is(missing.status, 1);
  assert.ok(missing.stderr.startsWith('Error: failed to run main module `no-such-file.wasm`\n'));
  const invalid = weft(['run', join(FIXTURES, 'invalid.wat')]);
  assert.is(invalid.status, 1);
  assert.ok(invalid.stderr.includes('type mismatch'));
  assert.ok(invalid.stderr.includes('(at offset 0x'));
  const dir = weft(['run', '--dir', '/no/such/dir', join(EXAMPLES, 'hello.wasm')]);
  assert.is(dir.status, 1);
  assert.ok(dir.stderr.includes('failed to open directory /no/such/dir'));
  const unknown = weft(['run', '--frobnicate', 'x.wasm']);
  assert.is(unknown.status, 2);
  assert.ok(unknown.stderr.startsWith("error: unexpected argument '--frobnicate' found\n"));
  assert.ok(unknown.stderr.includes("For more information, try '--help'."));
  const noFile = weft(['run']);
  assert.is(noFile.status, 2);
  assert.ok(noFile.stderr.includes('<WASM>'));
});

test('run: unknown imports are link errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  try {
    const file = join(dir, 'imports.wat');
    writeFileSync(file, '(module (import "env" "f" (func)))');
    const r = weft(['run', file]);
    assert.is(r.status, 1);
    assert.ok(r.stderr.includes('unknown import: "env" "f" has not been defined'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run -W: fuel and timeout stop a program that never ends; max-wasm-stack bounds calls', () => {
  const spin = join(FIXTURES, 'spin.wat');
  const fuel = weft(['run', '-W', 'fuel=10000', spin]);
  assert.is(fuel.status, 134);
  assert.ok(
    fuel.stderr.endsWith('    2: wasm trap: all fuel consumed by WebAssembly\n'),
    fuel.stderr,
  );
  const timeout = weft(['run', '-Wtimeout=200ms', spin]);
  assert.is(timeout.status, 134);
  assert.ok(timeout.stderr.endsWith('    2: wasm trap: interrupt\n'), timeout.stderr);
  // Enough fuel: the result; too little: a trap.
  assert.is(weft(['run', '-W', 'fuel=1000', '--invoke', 'sum', spin, '10']).stdout, '55\n');
  assert.is(weft(['run', '-W', 'fuel=50', '--invoke', 'sum', spin, '10']).status, 134);
  const both = weft(['-W', 'fuel=100000,timeout=10s', '--invoke', 'sum', spin, '100']);
  assert.is(both.stdout, '5050\n');
  assert.is(
    weft(['run', '-W', 'max-wasm-stack=50', '--invoke', 'deep', spin, '40']).stdout,
    '40\n',
  );
  const deep = weft(['run', '-W', 'max-wasm-stack=50', '--invoke', 'deep', spin, '60']);
  assert.ok(deep.stderr.endsWith('wasm trap: call stack exhausted\n'), deep.stderr);
  assert.is(weft(['run', '-W', 'fuel=x', spin]).status, 2);
  assert.is(weft(['run', '-W', 'nope=1', spin]).status, 2);
  assert.is(weft(['run', '-W', 'timeout=soon', spin]).status, 2);
});

test('run -W: max-memory-size and friends limit the store; trap-on-grow-failure stops the program', () => {
  const grow = join(FIXTURES, 'grow.wat');
  const run = (w: string, ...args: string[]) => weft(['run', '-W', w, '--invoke', ...args]);
  // 4 pages fit in 256 KiB; the fifth page is refused and memory.grow returns -1.
  assert.is(run('max-memory-size=262144', 'grow', grow, '4').stdout, '4\n');
  assert.is(run('max-memory-size=262144', 'grow', grow, '5').stdout, '-1\n');
  assert.is(run('max-table-elements=3', 'tgrow', grow, '2').stdout, '1\n');
  assert.is(run('max-table-elements=3', 'tgrow', grow, '3').stdout, '-1\n');
  const trap = run('max-memory-size=262144,trap-on-grow-failure', 'grow', grow, '5');
  assert.is(trap.status, 1);
  assert.is(trap.stdout, '');
  assert.ok(
    trap.stderr.endsWith('forcing trap when growing memory to 327680 bytes\n'),
    trap.stderr,
  );
  assert.is(run('trap-on-grow-failure=n,max-memory-size=262144', 'grow', grow, '5').stdout, '-1\n');
  const instances = weft(['run', '-W', 'max-instances=0', grow]);
  assert.is(instances.status, 1);
  assert.match(
    instances.stderr,
    /the store would hold 1 instances, above the limit of 0 \(limiter\)/,
  );
  const memories = weft(['run', '-W', 'max-memories=0', grow]);
  assert.match(memories.stderr, /1 memories, above the limit of 0/);
  assert.is(weft(['run', '-W', 'max-memory-size=lots', grow]).status, 2);
  assert.is(weft(['run', '-W', 'trap-on-grow-failure=maybe', grow]).status, 2);
});

test('run: wasi-threads: threads spawned with thread-spawn share the memory; the main thread joins them', () => {
  const threads = join(FIXTURES, 'threads.wat');
  const r = weft(['run', threads]);
  assert.equal(r, { status: 0, stdout: 'counter 400000\n', stderr: '' });
  // Threads that returned run the next ones.
  assert.equal(weft(['run', threads, 'again']), {
    status: 0,
    stdout: 'counter 1200000\n',
    stderr: '',
  });
  // proc_exit in a spawned thread ends the program with its code.
  const exit = weft(['run', threads, 'exit']);
  assert.is(exit.status, 3);
  assert.is(exit.stdout, '');
  // A trap in a spawned thread ends the program: the report names the thread.
  const trap = weft(['run', threads, 'trap']);
  assert.is(trap.status, 134);
  assert.match(
    trap.stderr,
    /^Error: failed to run main module `.*threads\.wat`\n\nCaused by:\n {4}0: failed to run thread [1-4]\n/,
  );
  assert.ok(trap.stderr.endsWith('    2: wasm trap: wasm `unreachable` instruction executed\n'));
});

test('run: a C program on wasi-threads (examples/threads): threads, a futex mutex, joins', () => {
  const primes = join(EXAMPLES, '..', 'threads', 'primes.wasm');
  for (const threads of ['1', '3']) {
    assert.equal(weft(['run', primes, '300000', threads]), {
      status: 0,
      stdout: `primes below 300000: 25997 (sum 3709507114), 30 chunks, ${threads} threads\n`,
      stderr: '',
    });
  }
});

test('run: a shared memory import is given a shared memory; wait times out', () => {
  const shared = join(FIXTURES, 'shared.wat');
  assert.equal(weft(['run', '--invoke', 'bump', shared, '5']), {
    status: 0,
    stdout: '10\n',
    stderr: '',
  });
  assert.equal(weft(['run', '--invoke', 'wait', shared]), { status: 0, stdout: '2\n', stderr: '' });
});

test('wast: a passing script prints only what spectest prints', () => {
  const r = weft(['wast', join(FIXTURES, 'pass.wast')]);
  assert.is(r.stderr, '');
  assert.is(r.stdout, '42: i32\n');
  assert.is(r.status, 0);
});

test('wast: the first failing directive is reported with its line', () => {
  const file = join(FIXTURES, 'fail.wast');
  const r = weft(['wast', file]);
  assert.is(r.status, 1);
  assert.is(
    r.stderr,
    `Error: failed to run script file '${file}'\n\nCaused by:\n    0: failed directive on ${file}:4\n    1: result 0: expected {"type":"i32","value":5}, got 4\n`,
  );
});

test('validate: silent for valid modules, the error and offset otherwise', () => {
  const ok = weft(['validate', join(EXAMPLES, 'hello.wasm'), calc]);
  assert.is(ok.status, 0);
  assert.is(ok.stdout + ok.stderr, '');
  const invalid = weft(['validate', join(FIXTURES, 'invalid.wat')]);
  assert.is(invalid.status, 1);
  assert.match(
    invalid.stderr,
    /^Error: failed to validate `.*invalid\.wat`\n\nCaused by:\n {4}0: type mismatch: .* \(at offset 0x1a\)\n$/,
  );
  const malformed = weft(['validate', join(FIXTURES, 'malformed.wat')]);
  assert.is(malformed.status, 1);
  assert.ok(malformed.stderr.includes('malformed.wat:1:43: unknown operator'));
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  try {
    const truncated = join(dir, 'truncated.wasm');
    writeFileSync(truncated, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1]));
    const r = weft(['validate', truncated]);
    assert.is(r.status, 1);
    assert.ok(r.stderr.includes('(at offset 0x9)'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('help for the command and each subcommand', () => {
  const top = weft(['--help']);
  assert.is(top.status, 0);
  assert.ok(
    top.stdout.startsWith(
      'Weft: a WebAssembly runtime in TypeScript\n\nUsage: weft [OPTIONS] <COMMAND>',
    ),
  );
  for (const sub of ['run', 'wast', 'validate']) {
    const h = weft([sub, '--help']);
    assert.is(h.status, 0, sub);
    assert.ok(h.stdout.includes(`Usage: weft ${sub} `), sub);
    assert.is(weft(['help', sub]).stdout, h.stdout, sub);
  }
  assert.ok(weft(['run', '--help']).stdout.includes('--dir <HOST_DIR[::GUEST_DIR]>'));
  assert.match(weft(['--version']).stdout, /^weft \d+\.\d+\.\d+\n$/);
  assert.is(weft([]).status, 2);
});

test.run();
