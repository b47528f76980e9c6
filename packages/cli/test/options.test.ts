/**
 * The command line as Wasmtime's: `--argv0`, `--preload`, `-` (stdin), the
 * `-W`/`-S` groups, `weft wast -W`, unknown subcommands, `weft compile`,
 * files that are not modules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLES, FIXTURES, weft } from './helpers.js';

const argv0 = join(FIXTURES, 'argv0.wat');
const lib = join(FIXTURES, 'lib.wat');
const calc = join(FIXTURES, 'calc.wat');

/** Runs `body` with a fresh temporary directory. */
function inTemp(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('run: argv[0] is the module file name without its directory; --argv0 sets it', () => {
  assert.equal(weft(['run', argv0]), { status: 0, stdout: 'argv0.wat\n', stderr: '' });
  assert.is(weft([argv0]).stdout, 'argv0.wat\n');
  assert.is(weft(['run', '--argv0', 'tool', argv0]).stdout, 'tool\n');
  assert.is(weft(['run', '--argv0=other name', argv0]).stdout, 'other name\n');
  assert.is(weft(['--argv0', 'x', argv0]).stdout, 'x\n');
});

test('run -: the module (binary or text) is read from standard input', () => {
  const hello = readFileSync(join(EXAMPLES, 'hello.wasm'));
  assert.equal(weft(['run', '-'], hello), { status: 0, stdout: 'Hello, world!\n', stderr: '' });
  assert.is(weft(['-'], hello).stdout, 'Hello, world!\n');
  assert.is(weft(['run', '-'], readFileSync(argv0)).stdout, '-\n');
  const add = weft(['run', '--invoke', 'add', '-', '2', '3'], readFileSync(calc));
  assert.equal(add, { status: 0, stdout: '5\n', stderr: '' });
  const empty = weft(['run', '-'], 'not a module');
  assert.is(empty.status, 1);
  assert.ok(empty.stderr.startsWith('Error: failed to run main module `-`\n'), empty.stderr);
  assert.ok(empty.stderr.includes('standard input is not a WebAssembly module'), empty.stderr);
});

test('run --preload: a reactor is instantiated once, with WASI, and _initialize runs', () => {
  const r = weft([
    'run',
    '--preload',
    `lib=${lib}`,
    '--invoke',
    'run',
    join(FIXTURES, 'usescale.wat'),
    '21',
  ]);
  assert.equal(r, { status: 0, stdout: 'lib ready\n1042\n', stderr: '' });
  // One instance: its counter goes on between calls.
  const twice = weft([
    'run',
    `--preload=lib=${lib}`,
    '--invoke',
    'twice',
    join(FIXTURES, 'uselib.wat'),
  ]);
  assert.is(twice.stdout, 'lib ready\n2\n');
  // A command (it exports _start) gets a fresh instance for each call.
  const cmd = join(FIXTURES, 'cmdlib.wat');
  const fresh = weft([
    'run',
    '--preload',
    `lib=${cmd}`,
    '--invoke',
    'twice',
    join(FIXTURES, 'uselib.wat'),
  ]);
  assert.equal(fresh, { status: 0, stdout: '1\n', stderr: '' });
});

test('run --preload: errors name the preload', () => {
  const missing = weft(['run', '--preload', 'lib=nope.wat', argv0]);
  assert.is(missing.status, 1);
  assert.ok(
    missing.stderr.startsWith('Error: failed to process preload `lib` at `nope.wat`\n'),
    missing.stderr,
  );
  const bad = weft(['run', '--preload', 'lib', argv0]);
  assert.is(bad.status, 2);
  assert.ok(bad.stderr.includes("must contain exactly one equals character ('=')"), bad.stderr);
  // Without the preload, its imports are unknown.
  const unlinked = weft(['run', '--invoke', 'twice', join(FIXTURES, 'uselib.wat')]);
  assert.is(unlinked.status, 1);
  assert.ok(unlinked.stderr.includes('unknown import: "lib" "count" has not been defined'));
  // A preload's own imports come from WASI and the preloads before it only.
  inTemp((dir) => {
    const needy = join(dir, 'needy.wat');
    writeFileSync(needy, '(module (import "other" "f" (func)))');
    const r = weft(['run', '--preload', `lib=${needy}`, argv0]);
    assert.is(r.status, 1);
    assert.ok(r.stderr.startsWith(`Error: failed to process preload \`lib\` at \`${needy}\`\n`));
    assert.ok(r.stderr.includes('unknown import: "other" "f"'), r.stderr);
  });
});

test('run -S: cli=n provides no WASI; inherit-env passes the environment, --env over it', () => {
  const none = weft(['run', '-S', 'cli=n', argv0]);
  assert.is(none.status, 1);
  assert.ok(none.stderr.includes('unknown import: "wasi_snapshot_preview1" "args_sizes_get"'));
  assert.is(weft(['run', '-Scli=y', argv0]).stdout, 'argv0.wat\n');
  assert.is(weft(['run', '--wasi', 'common', argv0]).stdout, 'argv0.wat\n');
  const args = join(EXAMPLES, 'args.wasm');
  process.env.GREETING = 'from host';
  try {
    assert.ok(weft(['run', args]).stdout.includes('getenv(GREETING): (unset)\n'));
    assert.ok(
      weft(['run', '-S', 'inherit-env', args]).stdout.includes('getenv(GREETING): from host\n'),
    );
    const over = weft(['run', '--env', 'GREETING=hi', '--wasi=inherit-env=y', args]);
    assert.ok(over.stdout.includes('getenv(GREETING): hi\n'), over.stdout);
    assert.ok(weft(['run', '-S', 'inherit-env=n', args]).stdout.includes('(unset)'));
  } finally {
    delete process.env.GREETING;
  }
  // preview0=n: only wasi_snapshot_preview1.
  const unstable = weft(['run', '-S', 'preview0=n', join(FIXTURES, 'unstable.wat')]);
  assert.is(unstable.status, 1);
  assert.ok(unstable.stderr.includes('unknown import: "wasi_unstable" "path_open"'));
  // threads=n: no thread-spawn.
  const threads = weft(['run', '-S', 'threads=n', join(FIXTURES, 'threads.wat')]);
  assert.is(threads.status, 1);
  assert.ok(threads.stderr.includes('unknown import: "wasi" "thread-spawn"'));
});

test('run -S: unsupported and unknown keys', () => {
  const p2 = weft(['run', '-S', 'preview2', argv0]);
  assert.is(p2.status, 2);
  assert.ok(
    p2.stderr.startsWith(
      "error: '-S preview2' is not supported by Weft: WASI preview 2 (the component model) is not implemented",
    ),
    p2.stderr,
  );
  assert.is(weft(['run', '-S', 'preview2=n', argv0]).stdout, 'argv0.wat\n');
  const net = weft(['run', '-S', 'inherit-network', argv0]);
  assert.is(net.status, 2);
  assert.ok(net.stderr.includes("'-S inherit-network' is not supported by Weft"), net.stderr);
  const unknown = weft(['run', '-S', 'frob=1', argv0]);
  assert.is(unknown.status, 2);
  assert.ok(unknown.stderr.startsWith('error: unknown -S / --wasi option: frob\n'), unknown.stderr);
  assert.ok(
    unknown.stderr.includes('known -S options: cli, common, inherit-env, preview0, threads'),
  );
  const help = weft(['run', '-S', 'help']);
  assert.is(help.status, 0);
  assert.ok(help.stdout.startsWith('Available wasi options:\n'));
  assert.ok(help.stdout.includes('  -S inherit-env[=y|n] '));
});

test('run -W: unknown-imports-trap, proposals, unknown keys', () => {
  inTemp((dir) => {
    const file = join(dir, 'imports.wat');
    writeFileSync(
      file,
      '(module (import "env" "f" (func $f)) (func (export "ok") (result i32) (i32.const 7)) (func (export "bad") (call $f)))',
    );
    assert.is(weft(['run', '--invoke', 'ok', file]).status, 1);
    assert.is(weft(['run', '-W', 'unknown-imports-trap', '--invoke', 'ok', file]).stdout, '7\n');
    const bad = weft(['run', '-W', 'unknown-imports-trap=y', '--invoke', 'bad', file]);
    assert.is(bad.status, 1);
    assert.ok(bad.stderr.includes('"env" "f" has not been defined (called by wasm)'), bad.stderr);
    const pages = join(dir, 'pages.wat');
    writeFileSync(
      pages,
      '(module (memory 3 (pagesize 1)) (func (export "size") (result i32) (memory.size)))',
    );
    assert.is(weft(['run', '--invoke', 'size', pages]).status, 1);
    assert.is(weft(['run', '-W', 'custom-page-sizes', '--invoke', 'size', pages]).stdout, '3\n');
    assert.is(
      weft(['run', '--wasm=all-proposals,simd=y', '--invoke', 'size', pages]).stdout,
      '3\n',
    );
  });
  const simd = weft(['run', '-W', 'simd=n', argv0]);
  assert.is(simd.status, 2);
  assert.ok(simd.stderr.includes("'-W simd=n' is not supported by Weft: simd is always enabled"));
  const unknown = weft(['run', '-W', 'frob', argv0]);
  assert.is(unknown.status, 2);
  assert.ok(unknown.stderr.startsWith('error: unknown -W / --wasm option: frob\n'), unknown.stderr);
  assert.ok(unknown.stderr.includes('known -W options: fuel, timeout, max-wasm-stack,'));
  const help = weft(['run', '-W', 'help']);
  assert.is(help.status, 0);
  assert.ok(help.stdout.includes('  -W fuel=N '));
});

test('wast -W: proposals for the scripts; execution limits refused', () => {
  inTemp((dir) => {
    const file = join(dir, 'pages.wast');
    writeFileSync(
      file,
      '(module (memory (export "m") 1 (pagesize 1)) (func (export "size") (result i32) (memory.size)))\n' +
        '(assert_return (invoke "size") (i32.const 1))\n',
    );
    const off = weft(['wast', file]);
    assert.is(off.status, 1);
    assert.ok(off.stderr.includes(`failed directive on ${file}:1`), off.stderr);
    assert.equal(weft(['wast', '-W', 'custom-page-sizes', file]), {
      status: 0,
      stdout: '',
      stderr: '',
    });
    assert.is(weft(['wast', '--wasm', 'all-proposals=y', file]).status, 0);
    const fuel = weft(['wast', '-W', 'fuel=10', file]);
    assert.is(fuel.status, 2);
    assert.ok(fuel.stderr.includes("'-W fuel' is not supported by `weft wast`"), fuel.stderr);
  });
  assert.ok(weft(['wast', '--help']).stdout.includes('-W, --wasm <KEY[=VAL[,..]]>'));
});

test('a first argument that is neither a command nor a file', () => {
  const typo = weft(['rn', 'x.wasm']);
  assert.is(typo.status, 2);
  assert.ok(typo.stderr.startsWith("error: unrecognized subcommand 'rn'\n"), typo.stderr);
  assert.ok(typo.stderr.includes("tip: a similar subcommand exists: 'run'"));
  assert.ok(typo.stderr.includes("no file named 'rn' either"));
  const word = weft(['frobnicate']);
  assert.is(word.status, 2);
  assert.ok(word.stderr.startsWith("error: unrecognized subcommand 'frobnicate'\n"));
  assert.ok(!word.stderr.includes('tip:'));
  // A path is a module to run, even when missing.
  const missing = weft(['no-such.wasm']);
  assert.is(missing.status, 1);
  assert.ok(missing.stderr.startsWith('Error: failed to run main module `no-such.wasm`\n'));
  // A file named like a word runs when it exists.
  inTemp((dir) => {
    writeFileSync(join(dir, 'prog'), readFileSync(join(EXAMPLES, 'hello.wasm')));
    assert.equal(weft(['prog'], '', dir), { status: 0, stdout: 'Hello, world!\n', stderr: '' });
    assert.is(weft(['prog']).status, 2, 'elsewhere it is an unrecognized subcommand');
  });
  assert.ok(weft(['help', 'nope']).stderr.startsWith("error: unrecognized subcommand 'nope'"));
});

test('a file that is not WebAssembly says so, with where parsing stopped', () => {
  inTemp((dir) => {
    const js = join(dir, 'script.js');
    writeFileSync(js, 'const x = 1;\nconsole.log(x);\n');
    const r = weft(['run', js]);
    assert.is(r.status, 1);
    assert.is(
      r.stderr,
      `Error: failed to run main module \`${js}\`\n\nCaused by:\n` +
        `    0: \`${js}\` is not a WebAssembly module: expected the binary magic (\\0asm) or the text format\n` +
        `    1: ${js}:1:1: ${r.stderr.split(`${js}:1:1: `)[1]!.trimEnd()}\n`,
    );
    const v = weft(['validate', js]);
    assert.is(v.status, 1);
    assert.ok(v.stderr.includes('is not a WebAssembly module'), v.stderr);
    // Text that is WebAssembly text with an error gets the parser's error only.
    const wat = join(dir, 'bad.wat');
    writeFileSync(wat, ';; a comment\n(module (func (nop) (frob)))\n');
    const bad = weft(['run', wat]);
    assert.is(bad.status, 1);
    assert.ok(!bad.stderr.includes('is not a WebAssembly module'), bad.stderr);
    assert.ok(bad.stderr.includes(`${wat}:2:`), bad.stderr);
  });
});

test('weft compile is refused with the reason', () => {
  const r = weft(['compile', join(EXAMPLES, 'hello.wasm')]);
  assert.is(r.status, 1);
  assert.is(
    r.stderr,
    'Error: `weft compile` is not supported by Weft\n\nCaused by:\n' +
      '    0: modules are compiled when they are loaded; there is no precompiled form (like .cwasm) to write\n' +
      '    1: use `weft validate` to check that a module decodes and validates\n',
  );
  assert.is(weft(['help', 'compile']).status, 0);
});

test('--version, help, help run', () => {
  assert.match(weft(['-V']).stdout, /^weft \d+\.\d+\.\d+\n$/);
  const help = weft(['help']);
  assert.is(help.status, 0);
  assert.ok(help.stdout.includes('Commands:\n  run '));
  const run = weft(['help', 'run']);
  for (const option of [
    '--argv0 <ARGV0>',
    '--preload <NAME=MODULE_PATH>',
    '-S, --wasi',
    '-W, --wasm',
  ]) {
    assert.ok(run.stdout.includes(option), option);
  }
  assert.is(weft(['run', '--help']).stdout, run.stdout);
});

test.run();
