/**
 * Function entry and register shuffles, against native WebAssembly in every
 * tier: declared locals of every class start at zero even where an earlier
 * call left other values in the same slots (the zeroer's per-class ranges:
 * one local, runs, f32 beside f64, several ranges), and merged copies
 * (pairs and lists) move values in program order, overlaps included.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RUN_F64, RUN_I32 } from '#src/gen/runs.js';
import { agree } from './support/differential.js';

// The $fill functions leave non-zero values in the slots where $check's
// locals then live (all are called at the same operand-stack height): each
// value class has its own array, so there is one per class, covering slots 1-12.
const FILLS = [
  'i32 (i32.const 7)',
  'i64 (i64.const -1)',
  'f64 (f64.const 2.5)',
  'f32 (f32.const -1)',
  'v128 (v128.const i32x4 1 2 3 4)',
  'funcref (ref.func $fill)',
]
  .map((d, k) => {
    const [t, v] = [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)];
    const sets = Array.from({ length: 12 }, (_, i) => `(local.set ${i + 1} ${v})`).join(' ');
    return `(func $fill${k} (param i32) (local ${Array(12).fill(t).join(' ')}) ${sets})`;
  })
  .join('\n');
const FILL_ALL = FILLS.split('\n')
  .map((_, k) => `(call $fill${k} (local.get 0))`)
  .join(' ');

const FILL = `
  (func $fill (param $x i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i64 f32 f64 f64 f32 v128 v128 funcref i32 f64 i64 i32)
    (local.set 1 (local.get $x)) (local.set 2 (local.get $x)) (local.set 3 (local.get $x))
    (local.set 4 (local.get $x)) (local.set 5 (local.get $x))
    (local.set 6 (i64.const -1)) (local.set 7 (i64.const 0x100000000))
    (local.set 8 (f32.const 1.5)) (local.set 9 (f64.const -2.5)) (local.set 10 (f64.const 3))
    (local.set 11 (f32.const 4)) (local.set 12 (v128.const i32x4 1 2 3 4))
    (local.set 13 (v128.const i32x4 -1 -1 -1 -1)) (local.set 14 (ref.func $fill))
    (local.set 15 (local.get $x)) (local.set 16 (f64.const 7)) (local.set 17 (i64.const 9))
    (local.set 18 (local.get $x))
    (local.get $x))`;

/** A check function: returns 1 if every declared local is zero (null for references). */
function check(name: string, locals: string[]): string {
  const tests = locals.map((t, i) => {
    const x = `(local.get ${i + 1})`;
    switch (t) {
      case 'i32':
        return `(i32.eqz ${x})`;
      case 'i64':
        return `(i64.eqz ${x})`;
      case 'f32':
        return `(f32.eq ${x} (f32.const 0))`;
      case 'f64':
        return `(f64.eq ${x} (f64.const 0))`;
      case 'v128':
        return `(i32.eqz (v128.any_true ${x}))`;
      default:
        return `(ref.is_null ${x})`;
    }
  });
  const all = tests.reduce((acc, t) => `(i32.and ${acc} ${t})`, '(i32.const 1)');
  return `(func $${name} (export "${name}") (param i32) (result i32) (local ${locals.join(' ')}) ${all})`;
}

const SHAPES: Record<string, string[]> = {
  one: ['i32'],
  run: ['i32', 'i32', 'i32', 'i32', 'i32'],
  wide: ['i64', 'i64'],
  floats: ['f32', 'f64', 'f64', 'f32'],
  two: ['i32', 'i32', 'f64'],
  mixed: ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'i32', 'f64', 'i64', 'i32'],
  vectors: ['v128', 'v128'],
};

test('declared locals start at zero over slots an earlier call filled', () => {
  const checks = Object.entries(SHAPES).map(([name, locals]) => check(name, locals));
  const callers = Object.keys(SHAPES).map(
    (name) =>
      `(func (export "after_${name}") (param i32) (result i32)
        (drop (call $fill (local.get 0))) ${FILL_ALL} (call $${name} (local.get 0)))`,
  );
  const wat = `(module (elem declare func $fill) ${FILL} ${FILLS} ${checks.join('\n')} ${callers.join('\n')})`;
  const calls: [string, number[]][] = [];
  for (const name of Object.keys(SHAPES)) {
    calls.push([`after_${name}`, [7]], [`after_${name}`, [-1]], [name, [0]]);
  }
  agree(wat, calls);
});

test('merged copies move values in program order: swaps, rotations, overlaps', () => {
  agree(
    `(module
      (func (export "i32") (param $a i32) (param $b i32) (param $c i32) (result i32) (local $t i32)
        ;; a rotation: t = a; a = b; b = c; c = t
        (local.set $t (local.get $a)) (local.set $a (local.get $b))
        (local.set $b (local.get $c)) (local.set $c (local.get $t))
        ;; two moves reading what the first wrote
        (local.set $a (local.get $b)) (local.set $b (local.get $a))
        (i32.add (i32.mul (local.get $a) (i32.const 1000))
          (i32.add (i32.mul (local.get $b) (i32.const 100)) (i32.add (i32.mul (local.get $c) (i32.const 10)) (local.get $t)))))
      (func (export "f64") (param $a f64) (param $b f64) (result f64) (local $t f64)
        (local.set $t (local.get $a)) (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (f64.add (f64.mul (local.get $a) (f64.const 10)) (local.get $b)))
      (func (export "f32") (param $a f32) (param $b f32) (result f32) (local $t f32)
        (local.set $t (local.get $a)) (local.set $a (local.get $b))
        (f32.sub (local.get $a) (local.get $t)))
      ;; Arguments placed at a call's base: the operand stack's moves, merged.
      (func $g2 (param i32 i32) (result i32) (i32.sub (i32.mul (local.get 0) (i32.const 10)) (local.get 1)))
      (func $g3 (param i32 i32 i32) (result i32)
        (i32.sub (i32.mul (call $g2 (local.get 0) (local.get 1)) (i32.const 10)) (local.get 2)))
      (func $h2 (param f64 f64) (result f64) (f64.sub (f64.mul (local.get 0) (f64.const 10)) (local.get 1)))
      (func (export "args") (param $a i32) (param $b i32) (param $c i32) (result i32)
        (i32.add (call $g2 (local.get $b) (local.get $a))
          (i32.mul (call $g3 (local.get $c) (local.get $a) (local.get $b)) (i32.const 1000))))
      (func (export "fargs") (param $a f64) (param $b f64) (result f64)
        (f64.add (call $h2 (local.get $b) (local.get $a)) (call $h2 (local.get $a) (local.get $a))))
      ;; Runs of up to 8 moves (and a list past 8): every argument count from 2 to 10.
      ${[2, 3, 4, 5, 6, 7, 8, 9, 10]
        .map((n) => {
          const ps = Array(n).fill('i32').join(' ');
          const fs = Array(n).fill('f64').join(' ');
          // A hash of the arguments that depends on their order.
          let hi = '(i32.const 17)';
          let hf = '(f64.const 3)';
          for (let i = 0; i < n; i++) {
            hi = `(i32.add (i32.mul ${hi} (i32.const 31)) (local.get ${i}))`;
            hf = `(f64.add (f64.mul ${hf} (f64.const 1.5)) (local.get ${i}))`;
          }
          const rev = Array.from({ length: n }, (_, i) => `(local.get ${n - 1 - i})`).join(' ');
          const revf = Array.from({ length: n }, (_, i) => `(local.get ${(i + 1) % n})`).join(' ');
          return `(func $hi${n} (param ${ps}) (result i32) ${hi})
            (func (export "runi${n}") (param ${ps}) (result i32) (call $hi${n} ${rev}))
            (func $hf${n} (param ${fs}) (result f64) ${hf})
            (func (export "runf${n}") (param ${fs}) (result f64) (call $hf${n} ${revf}))`;
        })
        .join('\n')}
      (func (export "many") (param $a i32) (param $b i32) (result i32)
        (local $c i32) (local $d i32) (local $e i32)
        (local.set $c (local.get $a)) (local.set $d (local.get $b)) (local.set $e (local.get $c))
        (local.set $a (local.get $d)) (local.set $b (local.get $e))
        (i32.sub (local.get $a) (local.get $b))))`,
    [
      ['i32', [1, 2, 3]],
      ['i32', [-5, 9, 4]],
      ['f64', [1.5, -2]],
      ['f32', [3, 0.25]],
      ['many', [10, 3]],
      ['args', [1, 2, 3]],
      ['args', [7, -4, 9]],
      ['fargs', [0.5, -3]],
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((n): [string, number[]][] => [
        [`runi${n}`, Array.from({ length: n }, (_, i) => i * 7 + 1)],
        [`runf${n}`, Array.from({ length: n }, (_, i) => i * 0.75 - 2)],
      ]),
    ],
  );
});

test('each run length has a straight-line closure literal of its own', () => {
  // One literal testing the length between moves was too large for TurboFan
  // to inline (fib: 13% of its time there); see src/gen/runs.ts.
  for (const runs of [RUN_I32, RUN_F64]) {
    assert.is(runs.length, 7);
    const sources = runs.map((make, i) => {
      const moves = Array.from({ length: 2 * (i + 2) }, (_, k) => k);
      const source = String(make(...moves));
      assert.is(source.match(/\] = /g)?.length, i + 2, `run of ${i + 2}: one write per move`);
      assert.not.match(source, /\bif\b|\?/, `run of ${i + 2}: no branch`);
      return source;
    });
    assert.is(new Set(sources).size, 7);
  }
});

test.run();
