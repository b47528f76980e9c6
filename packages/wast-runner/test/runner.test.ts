/** runScript and ScriptRun: one outcome per command, as spec/ tallies them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript, ScriptRun, type FileResult } from '@weft/wast-runner';
import { parseScript } from '@weft/wast';

const ADD = `(module $m
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "fdiv") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func (export "trap") unreachable)
  (func $deep (export "deep") (call $deep))
  (global (export "g") i64 (i64.const -7)))
`;

/** The outcomes of a script's commands, as `line outcome` strings. */
function outcomes(r: FileResult): string[] {
  return r.results.map((c) => `${c.line} ${c.command} ${c.outcome}`);
}

test('every kind of command passes when the engine behaves as the script says', async () => {
  const r = await runScript(
    `${ADD}
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "fdiv" (f32.const 0) (f32.const 0)) (f32.const nan:canonical))
(assert_return (get "g") (i64.const -7))
(invoke "add" (i32.const 0) (i32.const 0))
(assert_trap (invoke "trap") "unreachable")
(assert_exhaustion (invoke "deep") "call stack exhausted")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(func (i32.frobnicate))") "unknown operator")
(register "M" $m)
(module (import "M" "add" (func (param i32 i32) (result i32))))
(assert_unlinkable (module (import "M" "nope" (func))) "unknown import")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")
(module (tag $e) (func (export "throw") (throw $e)))
(assert_exception (invoke "throw"))
`,
    'all.wast',
  );
  assert.is(r.file, 'all.wast');
  assert.is(r.error, null);
  assert.equal(
    r.results.filter((c) => c.outcome !== 'pass').map((c) => `${c.line}: ${c.detail}`),
    [],
  );
  assert.equal(
    r.results.map((c) => c.command),
    [
      'module',
      'assert_return',
      'assert_return',
      'assert_return',
      'action',
      'assert_trap',
      'assert_exhaustion',
      'assert_invalid',
      'assert_malformed',
      'register',
      'module',
      'assert_unlinkable',
      'assert_trap',
      'module',
      'assert_exception',
    ],
  );
  assert.ok(r.milliseconds >= 0);
});

test('a wrong result fails with what was expected and what came', async () => {
  const r = await runScript(
    `${ADD}(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))`,
    'f',
  );
  const c = r.results[1]!;
  assert.is(c.outcome, 'fail');
  assert.is(c.line, 7);
  assert.is(c.detail, 'result 0: expected {"type":"i32","value":5}, got 4');
});

test('the right kind of error with another message is a mismatch, not a failure', async () => {
  const r = await runScript(
    `${ADD}(assert_trap (invoke "trap") "integer overflow")
(assert_invalid (module (func (result i32) (i64.const 0))) "unknown local")`,
    'f',
  );
  assert.equal(outcomes(r).slice(1), ['7 assert_trap mismatch', '8 assert_invalid mismatch']);
  assert.is(r.results[1]!.detail, 'expected "integer overflow", got "unreachable"');
});

test('the wrong kind of error, or none, fails', async () => {
  const r = await runScript(
    `${ADD}(assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")
(assert_invalid (module (func)) "type mismatch")
(assert_return (invoke "nope"))`,
    'f',
  );
  assert.equal(outcomes(r).slice(1), [
    '7 assert_trap fail',
    '8 assert_invalid fail',
    '9 assert_return fail',
  ]);
  assert.is(r.results[1]!.detail, 'expected "unreachable", got success');
  assert.is(r.results[3]!.detail, 'unexpected Error: no function export "nope"');
});

test('commands that need a module that failed are skipped, not failed again', async () => {
  const r = await runScript(
    `(module $bad (func (result i32) (i64.const 0)))
(assert_return (invoke "f") (i32.const 0))
(assert_return (invoke $bad "f") (i32.const 0))
(register "bad" $bad)`,
    'f',
  );
  assert.equal(outcomes(r), [
    '1 module fail',
    '2 assert_return skip',
    '3 assert_return skip',
    '4 register skip',
  ]);
  assert.is(r.results[1]!.detail, 'instance (latest) is not available');
});

test('a script that does not parse is one error, with no commands', async () => {
  const r = await runScript('(module', 'broken.wast');
  assert.equal(r.results, []);
  assert.ok(r.error !== null && r.error.startsWith('script does not parse: WastError: '), r.error!);
});

test('ScriptRun runs commands one at a time and keeps their results', async () => {
  const run = new ScriptRun();
  const script = parseScript(
    `${ADD}(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))`,
  );
  const first = await run.run(script.commands[0]!);
  assert.is(first.outcome, 'pass');
  assert.is((await run.run(script.commands[1]!)).outcome, 'pass');
  assert.is(run.results.length, 2);
});

test('RunOptions.features: proposals are off unless the run enables them', async () => {
  const script = `(module (memory (export "m") 1 (pagesize 1)) (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "size") (i32.const 1))
(assert_malformed (module binary "\\00asm" "\\01\\00\\00\\00" "\\05\\03\\01\\08\\00") "malformed limits flags")`;
  assert.equal(outcomes(await runScript(script, 'off.wast')), [
    '1 module fail',
    '2 assert_return skip',
    '3 assert_malformed pass',
  ]);
  assert.equal(
    outcomes(await runScript(script, 'on.wast', { features: { customPageSizes: true } })),
    ['1 module pass', '2 assert_return pass', '3 assert_malformed mismatch'],
  );
});

test('host references: ref.extern arguments come back as themselves', async () => {
  const r = await runScript(
    `(module (func (export "id") (param externref) (result externref) (local.get 0)))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))`,
    'f',
  );
  assert.equal(
    r.results.map((c) => c.outcome),
    ['pass', 'pass', 'pass', 'pass', 'fail'],
  );
});

test('RunOptions.yieldEvery: calls suspend and resume all along, with the same outcomes', async () => {
  const script = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "sum") (param $n i32) (result i64) (local $s i64)
    (loop $l (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "trap") (param i32) (result i32) (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) unreachable)
  (tag $e (param i32))
  (func (export "catch") (result i32)
    (block $h (result i32) (try_table (catch $e $h) (drop (call $fib (i32.const 10))) (throw $e (i32.const 7))) (i32.const 0))))
(assert_return (invoke "fib" (i32.const 15)) (i32.const 610))
(assert_return (invoke "sum" (i32.const 1000)) (i64.const 500500))
(assert_trap (invoke "trap" (i32.const 100)) "unreachable")
(assert_return (invoke "catch") (i32.const 7))
(module (global $g (mut i32) (i32.const 0)) (func $s (loop $l (global.set $g (i32.add (global.get $g) (i32.const 1))) (br_if $l (i32.lt_u (global.get $g) (i32.const 50))))) (start $s)
  (func (export "g") (result i32) (global.get $g)))
(assert_return (invoke "g") (i32.const 50))`;
  for (const yieldEvery of [1, 2, 7]) {
    const r = await runScript(script, 'yields.wast', { yieldEvery });
    assert.equal(
      r.results.filter((c) => c.outcome !== 'pass'),
      [],
      `yieldEvery ${yieldEvery}`,
    );
  }
});

test.run();
