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

test('every kind of command passes when the engine behaves as the script says', () => {
  const r = runScript(
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

test('a wrong result fails with what was expected and what came', () => {
  const r = runScript(
    `${ADD}(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))`,
    'f',
  );
  const c = r.results[1]!;
  assert.is(c.outcome, 'fail');
  assert.is(c.line, 7);
  assert.is(c.detail, 'result 0: expected {"type":"i32","value":5}, got 4');
});

test('the right kind of error with another message is a mismatch, not a failure', () => {
  const r = runScript(
    `${ADD}(assert_trap (invoke "trap") "integer overflow")
(assert_invalid (module (func (result i32) (i64.const 0))) "unknown local")`,
    'f',
  );
  assert.equal(outcomes(r).slice(1), ['7 assert_trap mismatch', '8 assert_invalid mismatch']);
  assert.is(r.results[1]!.detail, 'expected "integer overflow", got "unreachable"');
});

test('the wrong kind of error, or none, fails', () => {
  const r = runScript(
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

test('commands that need a module that failed are skipped, not failed again', () => {
  const r = runScript(
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

test('a script that does not parse is one error, with no commands', () => {
  const r = runScript('(module', 'broken.wast');
  assert.equal(r.results, []);
  assert.ok(r.error !== null && r.error.startsWith('script does not parse: WastError: '), r.error!);
});

test('ScriptRun runs commands one at a time and keeps their results', () => {
  const run = new ScriptRun();
  const script = parseScript(
    `${ADD}(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))`,
  );
  const first = run.run(script.commands[0]!);
  assert.is(first.outcome, 'pass');
  assert.is(run.run(script.commands[1]!).outcome, 'pass');
  assert.is(run.results.length, 2);
});

test('RunOptions.features: proposals are off unless the run enables them', () => {
  const script = `(module (memory (export "m") 1 (pagesize 1)) (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "size") (i32.const 1))
(assert_malformed (module binary "\\00asm" "\\01\\00\\00\\00" "\\05\\03\\01\\08\\00") "malformed limits flags")`;
  assert.equal(outcomes(runScript(script, 'off.wast')), [
    '1 module fail',
    '2 assert_return skip',
    '3 assert_malformed pass',
  ]);
  assert.equal(outcomes(runScript(script, 'on.wast', { features: { customPageSizes: true } })), [
    '1 module pass',
    '2 assert_return pass',
    '3 assert_malformed mismatch',
  ]);
});

test('host references: ref.extern arguments come back as themselves', () => {
  const r = runScript(
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

test.run();
