/** The spectest host module: its items, and its print functions' lines. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScriptRun } from '@weft/wast-runner';
import { parseScript } from '@weft/wast';

async function run(text: string): Promise<{ lines: string[]; failures: string[] }> {
  const lines: string[] = [];
  const r = new ScriptRun((line) => lines.push(line));
  for (const c of parseScript(text).commands) await r.run(c);
  const failures = r.results.filter((c) => c.outcome !== 'pass').map((c) => c.detail);
  return { lines, failures };
}

test('print functions print one `value: type` line per argument, as Wasmtime does', async () => {
  const { lines, failures } = await run(`(module
  (import "spectest" "print" (func $p))
  (import "spectest" "print_i32" (func $i (param i32)))
  (import "spectest" "print_i64" (func $l (param i64)))
  (import "spectest" "print_f32" (func $f (param f32)))
  (import "spectest" "print_f64" (func $d (param f64)))
  (import "spectest" "print_i32_f32" (func $if (param i32 f32)))
  (import "spectest" "print_f64_f64" (func $dd (param f64 f64)))
  (func (export "go")
    (call $p)
    (call $i (i32.const -1))
    (call $l (i64.const 12345678901234))
    (call $f (f32.const 0.1))
    (call $d (f64.const 1e21))
    (call $if (i32.const 7) (f32.const -inf))
    (call $dd (f64.const -0) (f64.const nan))))
(invoke "go")`);
  assert.equal(failures, []);
  assert.equal(lines, [
    '-1: i32',
    '12345678901234: i64',
    '0.1: f32',
    '1000000000000000000000: f64',
    '7: i32',
    '-inf: f32',
    '-0: f64',
    'NaN: f64',
  ]);
});

test('without a print callback, printing does nothing', async () => {
  const r = new ScriptRun();
  const script = parseScript(`(module (import "spectest" "print_i32" (func $i (param i32)))
  (func (export "go") (call $i (i32.const 1))))
(invoke "go")`);
  for (const c of script.commands) assert.is((await r.run(c)).outcome, 'pass');
});

test('the globals, table, memory and tag of spectest', async () => {
  const { failures } = await run(`(module
  (import "spectest" "global_i32" (global $gi i32))
  (import "spectest" "global_i64" (global $gl i64))
  (import "spectest" "global_f32" (global $gf f32))
  (import "spectest" "global_f64" (global $gd f64))
  (import "spectest" "table" (table 10 20 funcref))
  (import "spectest" "table64" (table i64 10 20 funcref))
  (import "spectest" "memory" (memory 1 2))
  (import "spectest" "tag" (tag (param i32)))
  (func (export "gi") (result i32) (global.get $gi))
  (func (export "gl") (result i64) (global.get $gl))
  (func (export "gf") (result f32) (global.get $gf))
  (func (export "gd") (result f64) (global.get $gd))
  (func (export "pages") (result i32) (memory.size)))
(assert_return (invoke "gi") (i32.const 666))
(assert_return (invoke "gl") (i64.const 666))
(assert_return (invoke "gf") (f32.const 666.6))
(assert_return (invoke "gd") (f64.const 666.6))
(assert_return (invoke "pages") (i32.const 1))
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")`);
  assert.equal(failures, []);
});

test.run();
