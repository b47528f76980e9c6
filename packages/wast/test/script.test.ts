import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Command } from '#src/commands.js';
import { parseQuoteModule, parseScript, parseWat } from '#src/index.js';
import { bodies, fails, HEADER, hex } from './util.js';

const Script = suite('scripts');

function commands(text: string): Command[] {
  return [...parseScript(text, 'test.wast').commands];
}

function one(text: string): Command {
  const cmds = commands(text);
  assert.is(cmds.length, 1);
  return cmds[0]!;
}

Script('modules: text, binary, quote, named, definitions, instances', () => {
  const cmds = commands(`
(module $M (func (export "f")))
(module binary "\\00asm" "\\01\\00\\00\\00")
(module $Q quote "(func" ")")
(module definition $D (memory 1))
(module instance $I $D)
(module instance)
(module instance $D)`);
  assert.equal(
    cmds.map((c) => [c.type, c.line]),
    [
      ['module', 2],
      ['module', 3],
      ['module', 4],
      ['module', 5],
      ['module_instance', 6],
      ['module_instance', 7],
      ['module_instance', 8],
    ],
  );
  const [text, binary, quote, def, inst, anon, byModule] = cmds;
  assert.ok(text!.type === 'module' && text.name === 'M' && !text.definition);
  assert.ok(text!.type === 'module' && text.module.format === 'text');
  assert.ok(binary!.type === 'module' && binary.module.format === 'binary');
  assert.is(binary!.type === 'module' && hex(binary.module.bytes!), hex(Uint8Array.from(HEADER)));
  assert.ok(quote!.type === 'module' && quote.module.format === 'quote' && quote.name === 'Q');
  assert.is(quote!.type === 'module' && quote.module.text, '(func)');
  assert.is(quote!.type === 'module' && parseQuoteModule(quote.module).length, 24);
  assert.ok(def!.type === 'module' && def.definition && def.name === 'D');
  assert.equal(inst, { type: 'module_instance', line: 6, instance: 'I', module: 'D' });
  assert.equal(anon, { type: 'module_instance', line: 7, instance: null, module: null });
  assert.equal(byModule, { type: 'module_instance', line: 8, instance: null, module: 'D' });
});

Script('a script may be one module written as bare fields', () => {
  const cmds = commands('(func) (memory 0) (func (export "f"))');
  assert.is(cmds.length, 1);
  assert.ok(cmds[0]!.type === 'module' && cmds[0].module.format === 'text');
});

Script('quoted modules are parsed lazily, malformed UTF-8 kept', () => {
  const c = one('(assert_malformed (module quote "(@a \\80)") "malformed UTF-8 encoding")');
  assert.ok(c.type === 'assert_malformed' && c.module.format === 'quote');
  const module = c.type === 'assert_malformed' ? c.module : null;
  if (module?.format === 'quote') {
    assert.is(module.text, '(@a \udc80)');
    fails(() => parseWat(module.text), 'malformed UTF-8 encoding');
    fails(() => parseQuoteModule(module), 'malformed UTF-8 encoding');
  }
});

Script('register, invoke and get', () => {
  const cmds = commands(`
(register "spectest" $M)
(register "x")
(invoke "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -0) (f64.const nan:0x1))
(invoke $M "g" (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null extern) (ref.extern 7) (ref.host 3))
(get $M "glob")`);
  assert.equal(cmds[0], { type: 'register', line: 2, as: 'spectest', name: 'M' });
  assert.equal(cmds[1], { type: 'register', line: 3, as: 'x', name: null });
  assert.equal(cmds[2], {
    type: 'action',
    line: 4,
    action: {
      type: 'invoke',
      module: null,
      field: 'f',
      args: [
        { type: 'i32', value: -1 },
        { type: 'i64', value: -1n },
        { type: 'f32', value: 0x80000000 },
        { type: 'f64', value: 0x7ff0000000000001n },
      ],
    },
  });
  const invoke = cmds[3]!;
  assert.ok(invoke.type === 'action' && invoke.action.type === 'invoke');
  if (invoke.type === 'action' && invoke.action.type === 'invoke') {
    assert.is(invoke.action.module, 'M');
    const [v, n, e, h] = invoke.action.args;
    assert.ok(v!.type === 'v128');
    assert.is(
      v!.type === 'v128' && hex(v.value),
      '01 00 02 00 03 00 04 00 05 00 06 00 07 00 ff ff',
    );
    assert.equal(n, { type: 'ref.null', heap: 'extern' });
    assert.equal(e, { type: 'ref.extern', value: 7 });
    assert.equal(h, { type: 'ref.host', value: 3 });
  }
  assert.equal(cmds[4], {
    type: 'action',
    line: 6,
    action: { type: 'get', module: 'M', field: 'glob' },
  });
});

Script('assert_return result patterns', () => {
  const c = one(`(assert_return (invoke "f")
    (i32.const 1) (i64.const -2) (f32.const nan:canonical) (f64.const nan:arithmetic)
    (f32.const 0x1p-149) (f64.const -inf)
    (ref.null) (ref.null func) (ref.func) (ref.extern) (ref.extern 3) (ref.host 4)
    (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref) (ref.exn)
    (either (i32.const 1) (i32.const 2)))`);
  assert.ok(c.type === 'assert_return');
  if (c.type !== 'assert_return') return;
  assert.equal(c.expected, [
    { type: 'i32', value: 1 },
    { type: 'i64', value: -2n },
    { type: 'f32', value: 'nan:canonical' },
    { type: 'f64', value: 'nan:arithmetic' },
    { type: 'f32', value: 1 },
    { type: 'f64', value: 0xfff0000000000000n },
    { type: 'ref.null', heap: null },
    { type: 'ref.null', heap: 'func' },
    { type: 'ref.func', index: null },
    { type: 'ref.extern', value: null },
    { type: 'ref.extern', value: 3 },
    { type: 'ref.host', value: 4 },
    { type: 'ref.struct' },
    { type: 'ref.array' },
    { type: 'ref.i31' },
    { type: 'ref.eq' },
    { type: 'ref.any' },
    { type: 'ref.exn' },
    {
      type: 'either',
      options: [
        { type: 'i32', value: 1 },
        { type: 'i32', value: 2 },
      ],
    },
  ]);
});

Script('v128 result patterns, lane by lane', () => {
  const c = one(`(assert_return (invoke "f")
    (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic)
    (v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255)
    (v128.const f64x2 0x1p0 -nan))`);
  if (c.type !== 'assert_return') return assert.unreachable();
  const [f, i, d] = c.expected;
  assert.equal(f, {
    type: 'v128',
    shape: 'f32x4',
    lanes: ['nan:canonical', 0x3f800000n, 0x80000000n, 'nan:arithmetic'],
    value: null,
  });
  assert.ok(i!.type === 'v128' && i.value !== null);
  if (i!.type === 'v128') {
    assert.is(i.lanes[0], 0xffn);
    assert.is(hex(i.value!), 'ff 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d ff');
  }
  assert.ok(d!.type === 'v128' && d.lanes[1] === 0xfff8000000000000n);
  fails(
    () => parseScript('(assert_return (invoke "f") (v128.const i32x4 0 0 0))'),
    'wrong number of lane literals',
  );
  fails(
    () => parseScript('(assert_return (invoke "f") (v128.const i32x4 0 0 0 nan:canonical))'),
    'invalid vector constant',
  );
  fails(
    () => parseScript('(assert_return (invoke "f") (i32.const nan:canonical))'),
    'NaN pattern with non-float type',
  );
});

Script('assertions about actions and modules', () => {
  const cmds = commands(`
(assert_trap (invoke "f") "unreachable")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module instance $I $M) "out of bounds")
(assert_exhaustion (invoke "f") "call stack exhausted")
(assert_exception (invoke "f"))
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module binary "") "unexpected end")
(assert_unlinkable (module (import "m" "f" (func))) "unknown import")
(assert_uninstantiable (module binary "\\00asm\\01\\00\\00\\00") "trap")
(assert_invalid_custom (module) "x")
(assert_malformed_custom (module quote "(@custom)") "y")`);
  assert.equal(
    cmds.map((c) => c.type),
    [
      'assert_trap',
      'assert_trap',
      'assert_trap',
      'assert_exhaustion',
      'assert_exception',
      'assert_invalid',
      'assert_malformed',
      'assert_unlinkable',
      'assert_uninstantiable',
      'assert_invalid_custom',
      'assert_malformed_custom',
    ],
  );
  const [trapAction, trapModule, trapInstance] = cmds;
  assert.ok(
    trapAction!.type === 'assert_trap' && trapAction.action !== null && trapAction.module === null,
  );
  assert.ok(trapModule!.type === 'assert_trap' && trapModule.module?.format === 'text');
  assert.equal(trapInstance!.type === 'assert_trap' && trapInstance.module, {
    format: 'instance',
    instance: 'I',
    module: 'M',
    line: 4,
  });
  assert.ok(cmds[5]!.type === 'assert_invalid' && cmds[5].message === 'type mismatch');
  fails(
    () => parseScript('(assert_trap (module definition (func)) "x")'),
    'misplaced module definition',
  );
  fails(() => parseScript('(assert_invalid (module instance) "x")'), 'unexpected token');
});

Script('malformed scripts fail with a location', () => {
  fails(
    () => parseScript('(module)\n(assert_return (invoke "f") (i32.const 0x1_0000_0000))'),
    'constant out of range',
    2,
    40,
  );
  fails(() => parseScript('(bogus)'), 'unknown operator bogus', 1, 2);
  fails(() => parseScript('(module (func\n  (i32.add nope)))'), 'unknown operator nope', 2, 12);
  fails(() => parseScript('(invoke "f" 1)'), 'unexpected token', 1, 13);
  fails(() => parseScript('(assert_return (invoke "f") (either))'), 'unexpected token');
  fails(
    () => parseScript(`(assert_return (invoke "f") ${'(either '.repeat(1000)})`),
    'either nested too deeply',
  );
});

Script(
  'legacy exception handling: plain and folded forms, delegate labels from outside the try',
  () => {
    const tag = '(tag $e (param i32))';
    // try (result i32) ... catch $e ... catch_all ... end; try ... delegate $outer
    const plain = bodies(`(module ${tag} (func (result i32)
    block $outer (result i32)
      try $t (result i32) i32.const 1 catch $e catch_all rethrow $t end
      try delegate $outer
    end))`);
    const folded = bodies(`(module ${tag} (func (result i32)
    (block $outer (result i32)
      (try $t (result i32) (do (i32.const 1)) (catch $e) (catch_all (rethrow $t)))
      (try (do) (delegate $outer)))))`);
    const expected = '02 7f 06 7f 41 01 07 00 19 09 00 0b 06 40 18 00 0b 0b';
    assert.is(plain[0], expected);
    assert.is(folded[0], expected);
    // Clauses only inside a try, in order; a try needs its (do ...).
    fails(() => parseWat(`(module ${tag} (func catch_all))`), 'unexpected token');
    fails(() => parseWat(`(module ${tag} (func (catch $e)))`), 'unexpected token');
    fails(() => parseWat('(module (func (try (do) (catch_all) (catch_all))))'), 'unexpected token');
    fails(
      () => parseWat('(module (func (try (do) (delegate 0) (delegate 0))))'),
      'unexpected token',
    );
    fails(() => parseWat('(module (func (try (catch_all))))'), 'unexpected token');
    fails(() => parseWat('(module (func try catch_all delegate 0))'), 'unexpected token');
  },
);

Script.run();
