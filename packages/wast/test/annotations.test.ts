/** Annotations that become custom sections: `@custom`, `@name`, `@metadata.code.branch_hint`. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkCustomSections, parseModule } from '@weft/environ';
import { parseScript, parseWat } from '#src/index.js';
import { lex } from '#src/lexer.js';
import { decode, fails, hex, malformed, sections } from './util.js';

const Annotations = suite('annotations');

/** The content of the custom section `name` of `bytes` as hex, or null. */
function custom(bytes: Uint8Array, name: string): string | null {
  const m = parseModule(bytes);
  const c = m.customSections.find((s) => s.name === name);
  return c === undefined ? null : hex(c.bytes);
}

Annotations('the lexer records where annotations are', () => {
  const text = '(@a) (x (@b (c (@nested)) "s")) (@"q")';
  const t = lex(text);
  assert.equal(
    t.annotations.map((a) => [a.token, text.slice(a.start, a.end)]),
    [
      [0, '(@a)'],
      [2, '(@b (c (@nested)) "s")'],
      [3, '(@"q")'],
    ],
  );
  assert.is(t.count, 4); // (, x, ), EOF
  assert.is(lex('(module)').annotations.length, 0);
});

Annotations('@custom: content, and placement before, after or between sections', () => {
  const bytes = parseWat(`(module
    (type (func))
    (@custom "a" "x" "" "yz")
    (@custom "b" (before global) "1")
    (@custom "c" (after func) "2")
    (@custom "d" (before first) "3")
    (@custom "e" (after code) "4")
    (@custom "f" (before func) "5")
    (@custom "g" (after type) "6")
    (@custom "h" (before datacount) "7")
    (@custom "i")
    (func)
    (global i32 (i32.const 0))
    (@custom "j" (after last) "8"))`);
  // type 1, func 3, global 6, code 10; "h" goes where the absent data count
  // section would be.
  assert.equal(sections(bytes), [
    '"d"=3',
    '1',
    '"g"=6',
    '"f"=5',
    '3',
    '"c"=2',
    '"b"=1',
    '6',
    '"h"=7',
    '10',
    '"e"=4',
    '"a"=xyz',
    '"i"=',
    '"j"=8',
  ]);
  // Same place: text order.
  assert.equal(sections(parseWat('(@custom "x" (after func)) (@custom "y" (after func)) (func)')), [
    '1',
    '3',
    '"x"=',
    '"y"=',
    '10',
  ]);
  // Bare fields, the empty name, quoted annotation ids.
  assert.equal(sections(parseWat('(@custom "")')), ['""=']);
  assert.equal(sections(parseWat('(@"custom" "q" "r")')), ['"q"=r']);
  // Bytes are bytes.
  assert.is(custom(parseWat('(@custom "raw" "\\00\\ff")'), 'raw'), '00 ff');
});

Annotations('@custom errors', () => {
  malformed('(@custom)', '@custom annotation: missing section name');
  malformed('(@custom 4)', '@custom annotation: missing section name');
  malformed('(@custom bla)', '@custom annotation: missing section name');
  malformed('(@custom (after func) "x")', '@custom annotation: missing section name');
  malformed('(@custom "\\df")', '@custom annotation: malformed UTF-8 encoding');
  malformed('(@custom "bla" here)', '@custom annotation: unexpected token');
  malformed('(@custom "bla" after)', '@custom annotation: unexpected token');
  malformed('(@custom "bla" "x" (after func))', '@custom annotation: unexpected token');
  malformed('(@custom "bla" (after func) (after func))', '@custom annotation: unexpected token');
  malformed('(@custom "bla" (after func x))', '@custom annotation: unexpected token');
  malformed('(@custom "bla" (after))', '@custom annotation: malformed section kind');
  malformed('(@custom "bla" (before types))', '@custom annotation: malformed section kind');
  malformed('(@custom "bla" (after "func"))', '@custom annotation: malformed section kind');
  malformed('(@custom "bla" ())', '@custom annotation: malformed placement');
  malformed('(@custom "bla" (type))', '@custom annotation: malformed placement');
  malformed('(@custom "bla" (aft type))', '@custom annotation: malformed placement');
  malformed('(@custom "bla" (@x))', '@custom annotation: unexpected token');
  // Where: the annotation, or the offending item.
  fails(
    () => parseWat('(module\n  (@custom 4))'),
    '@custom annotation: missing section name',
    2,
    3,
  );
  fails(
    () => parseWat('(module\n  (@custom "a" "b" c))'),
    '@custom annotation: unexpected token',
    2,
    20,
  );
});

Annotations('@custom only between module fields', () => {
  malformed('(type (@custom "bla") $t (func))', 'misplaced @custom annotation');
  malformed('(func (@custom "bla"))', 'misplaced @custom annotation');
  malformed('(func (block (@custom "bla")))', 'misplaced @custom annotation');
  malformed('(func (nop (@custom "bla")))', 'misplaced @custom annotation');
  malformed(
    '(module (func) (global i32 (@custom "x") (i32.const 0)))',
    'misplaced @custom annotation',
  );
  // Before, between and after fields, and before the module's identifier.
  assert.equal(
    sections(
      parseWat('(module (@custom "a") $m (@custom "b") (func) (@custom "c"))', { names: false }),
    ),
    ['1', '3', '10', '"a"=', '"b"=', '"c"='],
  );
});

Annotations('other annotations are still skipped', () => {
  const plain =
    '(module (func (param i32) (result i32) local.get 0 (if (result i32) (then (i32.const 1)) (else (i32.const 2)))))';
  const annotated =
    '(module (@foo 1 (2)) (func (@bar) (param (@x) i32) (result i32) local.get 0 (@y "z") (if (result i32) (then (i32.const 1)) (else (@custom-ish) (i32.const 2))))) (@metadata.code.other "\\01")';
  assert.is(hex(parseWat(annotated)), hex(parseWat(plain)));
  // Annotations outside modules belong to no module.
  const script = parseScript('(@custom "x") (module (func)) (@name "y")');
  const m = script.commands[0]!;
  assert.ok(m.type === 'module' && m.module.format === 'text');
  assert.equal(sections(m.module.bytes!), ['1', '3', '10']);
});

Annotations('@name: module, functions, parameters and locals', () => {
  const m = decode(`(module $m (@name "Modül")
    (import "env" "f" (func $imp (@name "imported") (param $p (@name "p0") i32)))
    (func (@name "λ") (export "e") (param i32 (@name "second") i64) (local $x (@name "loc") f32) (local f64 (@name "last") i32))
    (func $g (export "g") (@name "after exports") (param $a (@name "A") i32)))`);
  assert.is(m.names.module, 'Modül');
  assert.equal(
    [...m.names.functions],
    [
      [0, 'imported'],
      [1, 'λ'],
      [2, 'after exports'],
    ],
  );
  assert.equal(
    [...m.names.locals].map(([f, locals]) => [f, [...locals]]),
    [
      [0, [[0, 'p0']]],
      [
        1,
        [
          [1, 'second'],
          [2, 'loc'],
          [4, 'last'],
        ],
      ],
      [2, [[0, 'A']]],
    ],
  );
  assert.equal(checkCustomSections(m), []);
  // The name section goes after the last section.
  const bytes = parseWat('(module (@name "M") (memory 1) (data (i32.const 0) "x"))');
  assert.equal(sections(bytes).slice(-2), ['11', '"name"=\u0000\u0002\u0001M']);
});

Annotations('@name: types, fields, tables, memories, globals, tags and segments', () => {
  const text = `
    (type $t (@name "T") (struct (field $a (@name "A") i32) (field (@name "B") i64 (@name "C") f32)))
    (type (@name "F") (func))
    (table (@name "tab") 1 funcref)
    (memory $mem (@name "mem") 1)
    (global (@name "glob") i32 (i32.const 0))
    (tag (@name "θ") (type 1))
    (elem (@name "el") func)
    (data $d (@name "dat") "")`;
  const m = decode(text);
  assert.equal(
    [...m.names.types],
    [
      [0, 'T'],
      [1, 'F'],
    ],
  );
  assert.equal([...m.names.tables], [[0, 'tab']]);
  assert.equal([...m.names.memories], [[0, 'mem']]);
  assert.equal([...m.names.globals], [[0, 'glob']]);
  assert.equal([...m.names.tags], [[0, 'θ']]);
  assert.equal(checkCustomSections(m), []);
  // Subsections 4 (types), 5, 6, 7, 8 (elems), 9 (data), 10 (fields), 11 in order.
  const names = custom(parseWat(text), 'name')!;
  assert.ok(names.startsWith('04 '), names);
  assert.ok(names.includes('08 05 01 00 02 65 6c'), names); // elem 0 "el"
  assert.ok(names.includes('09 06 01 00 03 64 61 74'), names); // data 0 "dat"
  // fields of type 0: 0 "A", 1 "B", 2 "C"
  assert.ok(names.includes('0a 0c 01 00 03 00 01 41 01 01 42 02 01 43'), names);
});

Annotations('@name errors', () => {
  malformed('(module (@name "M1") (@name "M2"))', '@name annotation: multiple module names');
  malformed('(func $f (@name "a") (@name "b"))', '@name annotation: multiple function names');
  malformed('(func (@name "a") $f (@name "b"))', '@name annotation: multiple function names');
  malformed(
    '(func (local $x (@name "a") (@name "b") i32))',
    '@name annotation: multiple local names',
  );
  malformed('(module (func) (@name "M"))', 'misplaced @name annotation');
  malformed('(module (start $f (@name "M")) (func $f))', 'misplaced @name annotation');
  malformed('(func (param i32) (@name "x"))', 'misplaced @name annotation');
  malformed('(func nop (@name "x"))', 'misplaced @name annotation');
  malformed('(func (type 0) (@name "x")) (type (func (param i32)))', 'misplaced @name annotation');
  malformed('(func (param $x i32 (@name "x")))', 'misplaced @name annotation');
  malformed('(type (func (param $x (@name "x") i32)))', 'misplaced @name annotation');
  malformed('(module (@name))', '@name annotation: string expected');
  malformed('(module (@name x))', '@name annotation: string expected');
  malformed('(module (@name "x" "y"))', '@name annotation: unexpected token');
  malformed('(module (@name "\\ff"))', 'malformed UTF-8 encoding');
});

Annotations('branch hints: offsets of if and br_if from the locals declarations', () => {
  const bytes = parseWat(`(module
    (func $a)
    (func (param i32) (local i64)
      local.get 0
      (@metadata.code.branch_hint "\\01") if
        (@metadata.code.branch_hint "\\00")
        (br_if 0 (local.get 0))
      end
      (block (@metadata.code.branch_hint "\\01") (br_if 0 (i32.const 1))))
    (func (param i32) (result i32)
      (@metadata.code.branch_hint "\\00")
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))`);
  // func 1: locals 01 01 7e; local.get 0 at 3, if at 5, local.get at 7,
  // br_if at 9, end, block at 12, i32.const at 14, br_if at 16.
  // func 2: no locals 00; local.get 0 at 1, if at 3.
  assert.is(
    custom(bytes, 'metadata.code.branch_hint'),
    '02 01 03 05 01 01 09 01 00 10 01 01 02 01 03 01 00',
  );
  // Before the code section.
  assert.equal(sections(bytes).filter((s) => !s.startsWith('"')).length, 3);
  assert.ok(
    sections(bytes).indexOf('10') ===
      sections(bytes).findIndex((s) => s.startsWith('"metadata')) + 1,
  );
  const m = parseModule(bytes);
  assert.equal(checkCustomSections(m), []);
});

Annotations('branch hints in a body parsed twice for its implicit types', () => {
  const bytes = parseWat(`(func (result i32)
    (block (result i32 i32) unreachable) drop drop
    (block (result i64 i64) unreachable) drop drop
    (@metadata.code.branch_hint "\\01") (br_if 0 (i32.const 7) (i32.const 1)))`);
  // 00, block 02 01 00 0b at 1.., drops; second block; i32.const 7 at 15, i32.const 1 at 17, br_if at 19
  const code = decode(`(func (result i32)
    (block (result i32 i32) unreachable) drop drop
    (block (result i64 i64) unreachable) drop drop
    (br_if 0 (i32.const 7) (i32.const 1)))`);
  const body = code.bytes.subarray(code.bodies[0]!.start, code.bodies[0]!.end);
  const offset = Array.from(body).lastIndexOf(0x0d) - 1; // from after the one-byte size
  assert.is(
    custom(bytes, 'metadata.code.branch_hint'),
    `01 00 01 ${hex(Uint8Array.of(offset))} 01 01`,
  );
  assert.equal(checkCustomSections(parseModule(bytes)), []);
});

Annotations('branch hints on other instructions are for the binary check to reject', () => {
  const bytes = parseWat(`(func (param i32)
    local.get 0 (@metadata.code.branch_hint "\\01") i32.eqz drop)`);
  assert.is(custom(bytes, 'metadata.code.branch_hint'), '01 00 01 03 01 01');
  const [problem] = checkCustomSections(parseModule(bytes));
  assert.is(problem?.message, '@metadata.code.branch_hint annotation: invalid target');
  assert.is(problem?.malformed, false);
});

Annotations('branch hint errors', () => {
  const P = '@metadata.code.branch_hint annotation: ';
  malformed('(@metadata.code.branch_hint "\\01") (func)', `${P}not in a function`);
  malformed(
    '(global i32 (@metadata.code.branch_hint "\\01") (i32.const 0))',
    `${P}not in a function`,
  );
  malformed('(func (import "m" "f") (@metadata.code.branch_hint "\\01"))', `${P}not in a function`);
  malformed(
    '(func (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") if end)',
    `${P}duplicate annotation`,
  );
  malformed(
    '(func i32.const 0 (br_if 0 (@metadata.code.branch_hint "\\01") (i32.const 1)) (@metadata.code.branch_hint "\\01"))',
    `${P}invalid placement`,
  );
  malformed('(func (@metadata.code.branch_hint "\\02") if end)', `${P}invalid hint value`);
  malformed('(func (@metadata.code.branch_hint "\\00\\01") if end)', `${P}invalid hint value`);
  malformed('(func (@metadata.code.branch_hint) if end)', `${P}invalid hint value`);
  malformed('(func (@metadata.code.branch_hint 1) if end)', `${P}unexpected token`);
  // Split strings are concatenated.
  assert.is(
    custom(
      parseWat('(func (param i32) local.get 0 (@metadata.code.branch_hint "" "\\01" "") if end)'),
      'metadata.code.branch_hint',
    ),
    '01 00 01 03 01 01',
  );
});

Annotations('annotation errors come after syntax errors, before errors of meaning', () => {
  // A syntax error wins.
  malformed(
    '(func (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") if end) (func (nop 1))',
    'unexpected token',
  );
  // An annotation error wins over an unknown type.
  malformed(
    '(func (type 0) (local $x i32) local.get 0 (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") if end)',
    '@metadata.code.branch_hint annotation: duplicate annotation',
  );
  malformed('(func $f) (func $f) (@custom 4)', '@custom annotation: missing section name');
});

Annotations.run();
