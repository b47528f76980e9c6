import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OP_BY_NAME } from '@weft/environ';
import { parseWat } from '#src/index.js';
import { bodies, decode, malformed, S, section } from './util.js';

const Instr = suite('instructions');

/** The code of the last function, `(func <text>)` after `prefix`, validated (hex, with its `end`). */
function code(text: string, prefix = ''): string {
  const all = bodies(`${prefix} (func ${text})`);
  return all[all.length - 1]!;
}

/** As `code`, without validating the module; the function must declare no locals. */
function rawCode(text: string, prefix = ''): string {
  const b = section(`${prefix} (func ${text})`, S.CODE)
    .split(' ')
    .map((x) => parseInt(x, 16));
  let p = 0;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let x: number;
    do {
      x = b[p++]!;
      r += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return r;
  };
  const count = leb();
  let last = '';
  for (let i = 0; i < count; i++) {
    const size = leb();
    last = b
      .slice(p + 1, p + size) // skip the empty locals vector
      .map((x) => x.toString(16).padStart(2, '0'))
      .join(' ');
    p += size;
  }
  return last;
}

Instr('plain and folded forms encode the same', () => {
  const plain = code('(result i32) i32.const 1 i32.const 2 i32.add');
  assert.is(plain, '41 01 41 02 6a 0b');
  assert.is(code('(result i32) (i32.add (i32.const 1) (i32.const 2))'), plain);
  assert.is(code('(result i32) (i32.const 1) (i32.add (i32.const 2))'), plain);
});

Instr('every mnemonic of the opcode table is accepted', () => {
  // Parse each instruction with dummy immediates: only checks the mnemonic and prefix encoding.
  for (const [name, op] of OP_BY_NAME) {
    if (['select_t', 'ref.test_null', 'ref.cast_null', 'else', 'end'].includes(name)) continue;
    if (op.imm !== 0) continue; // no immediates
    const bytes = rawCode(name);
    const expect =
      op.prefix === 0
        ? op.code.toString(16).padStart(2, '0')
        : [op.prefix, ...leb(op.code)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    assert.ok(bytes.startsWith(expect), `${name}: ${bytes}`);
  }
});

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

Instr('prefixed opcodes: prefix byte and LEB128 sub-opcode', () => {
  assert.is(rawCode('i32.trunc_sat_f32_s'), 'fc 00 0b');
  assert.is(rawCode('i8x16.relaxed_swizzle'), 'fd 80 02 0b');
  assert.is(rawCode('f64x2.convert_low_i32x4_u'), 'fd ff 01 0b');
  assert.is(rawCode('ref.i31'), 'fb 1c 0b');
});

Instr('atomic instructions (threads): natural alignment by default, fence byte', () => {
  const mem = '(memory $a 1 1 shared) (memory $b 1 1 shared)';
  assert.is(rawCode('i32.atomic.load', mem), 'fe 10 02 00 0b');
  assert.is(rawCode('i32.atomic.rmw8.add_u offset=3', mem), 'fe 20 00 03 0b');
  assert.is(rawCode('i64.atomic.rmw.cmpxchg $b align=8', mem), 'fe 49 43 01 00 0b');
  assert.is(
    rawCode('memory.atomic.wait64 memory.atomic.notify 1', mem),
    'fe 02 03 00 fe 00 42 01 00 0b',
  );
  assert.is(rawCode('i64.atomic.rmw32.cmpxchg_u', mem), 'fe 4e 02 00 0b');
  assert.is(rawCode('atomic.fence'), 'fe 03 00 0b');
  malformed('(func atomic.fence 0)', 'unexpected token');
});

Instr('constants', () => {
  assert.is(rawCode('i32.const -1 i32.const 0xffffffff i32.const 64'), '41 7f 41 7f 41 c0 00 0b');
  assert.is(rawCode('i64.const -9223372036854775808'), '42 80 80 80 80 80 80 80 80 80 7f 0b');
  assert.is(rawCode('f32.const -0'), '43 00 00 00 80 0b');
  assert.is(rawCode('f32.const nan:0x1'), '43 01 00 80 7f 0b');
  assert.is(rawCode('f64.const 1'), '44 00 00 00 00 00 00 f0 3f 0b');
  malformed('(func i32.const 0x1_0000_0000)', 'constant out of range');
  malformed('(func i64.const 18446744073709551616)', 'constant out of range');
  malformed('(func f32.const 1e39)', 'constant out of range');
  malformed('(func f64.const nan:0x0)', 'constant out of range');
  malformed('(func i32.const)', 'unexpected token');
});

Instr('v128.const in every lane shape', () => {
  const zeros = '00 '.repeat(16).trim();
  assert.is(rawCode('v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'), `fd 0c ${zeros} 0b`);
  assert.is(
    rawCode('v128.const i8x16 -1 255 0x7f -128 1 2 3 4 5 6 7 8 9 10 11 12'),
    'fd 0c ff ff 7f 80 01 02 03 04 05 06 07 08 09 0a 0b 0c 0b',
  );
  assert.is(
    rawCode('v128.const i16x8 -1 0x1234 0 0 0 0 0 0'),
    'fd 0c ff ff 34 12 00 00 00 00 00 00 00 00 00 00 00 00 0b',
  );
  assert.is(
    rawCode('v128.const i32x4 1 -1 0 0x80000000'),
    'fd 0c 01 00 00 00 ff ff ff ff 00 00 00 00 00 00 00 80 0b',
  );
  assert.is(
    rawCode('v128.const i64x2 -2 1'),
    'fd 0c fe ff ff ff ff ff ff ff 01 00 00 00 00 00 00 00 0b',
  );
  assert.is(
    rawCode('v128.const f32x4 1 -0 nan inf'),
    'fd 0c 00 00 80 3f 00 00 00 80 00 00 c0 7f 00 00 80 7f 0b',
  );
  assert.is(
    rawCode('v128.const f64x2 -nan:0x1 0x1p-1074'),
    'fd 0c 01 00 00 00 00 00 f0 ff 01 00 00 00 00 00 00 00 0b',
  );
  malformed('(func v128.const i8x16 0)', 'wrong number of lane literals');
  malformed('(func v128.const i32x4 0 0 0 0 0)', 'wrong number of lane literals');
  malformed('(func v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)', 'constant out of range');
  malformed('(func v128.const 0 0 0 0)', 'unexpected token');
  malformed('(func v128.const f32x4 nan:1 nan:1 nan:1 nan:1)', 'unknown operator');
});

Instr('lane indices and shuffles', () => {
  assert.is(rawCode('i8x16.extract_lane_s 15'), 'fd 15 0f 0b');
  assert.is(
    rawCode('i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31'),
    'fd 0d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 1f 0b',
  );
  // Lane indices are single bytes (laneidx ::= byte), even out of range (validation rejects them).
  assert.is(rawCode('i8x16.extract_lane_u 255'), 'fd 16 ff 0b');
  malformed('(func i8x16.extract_lane_s 256)', 'i8 constant out of range');
  malformed('(func i8x16.extract_lane_s -1)', 'unexpected token');
  malformed('(func i8x16.shuffle 0 1 2)', 'invalid lane length');
  malformed(
    '(func i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 1.5)',
    'i8 constant out of range',
  );
});

Instr('memory arguments: offset, align, memory index', () => {
  const mem = '(memory $a 1) (memory $b 1)';
  assert.is(rawCode('i32.load', mem), '28 02 00 0b');
  assert.is(rawCode('i64.load8_u offset=16', mem), '31 00 10 0b');
  assert.is(rawCode('i32.load offset=0x10 align=1', mem), '28 00 10 0b');
  assert.is(rawCode('i32.store $b offset=4 align=2', mem), '36 41 01 04 0b');
  assert.is(rawCode('i32.load 1', mem), '28 42 01 00 0b');
  assert.is(rawCode('i32.load $a', mem), '28 02 00 0b');
  assert.is(
    rawCode('v128.load offset=18446744073709551615', mem),
    'fd 00 04 ff ff ff ff ff ff ff ff ff 01 0b',
  );
  assert.is(rawCode('v128.load8_lane 1', mem), 'fd 54 00 00 01 0b');
  assert.is(rawCode('v128.load8_lane 1 2', mem), 'fd 54 40 01 00 02 0b');
  assert.is(rawCode('v128.store16_lane $b offset=2 align=1 7', mem), 'fd 59 40 01 02 07 0b');
  assert.is(rawCode('v128.load32_lane align=4 3', mem), 'fd 56 02 00 03 0b');
  assert.is(rawCode('memory.size $b memory.grow 1 memory.fill', mem), '3f 01 40 01 fc 0b 00 0b');
  assert.is(rawCode('memory.copy $b $a memory.copy', mem), 'fc 0a 01 00 fc 0a 00 00 0b');
  assert.is(
    rawCode('memory.init $d memory.init $b 0 data.drop 0', mem + '(data $d "")'),
    'fc 08 00 00 fc 08 00 01 fc 09 00 0b',
  );
  malformed(`${mem} (func i32.load align=3)`, 'alignment must be a power of two');
  malformed(`${mem} (func i32.load align=0)`, 'alignment must be a power of two');
  malformed(`${mem} (func i32.load offset=-1)`, 'unknown operator');
  malformed(`${mem} (func i32.load offset=18446744073709551616)`, 'i64 constant out of range');
});

Instr('tables, elements and calls', () => {
  const t = '(type $v (func)) (table $t 1 funcref) (table $u 1 funcref) (elem $e func) (func $f)';
  assert.is(
    rawCode('table.get $u table.set table.size $u table.grow table.fill $u', t),
    '25 01 26 00 fc 10 01 fc 0f 00 fc 11 01 0b',
  );
  assert.is(
    rawCode('table.copy $u $t table.copy table.init $e table.init $u $e elem.drop $e', t),
    'fc 0e 01 00 fc 0e 00 00 fc 0c 00 00 fc 0c 00 01 fc 0d 00 0b',
  );
  assert.is(rawCode('call $f return_call $f ref.func $f', t), '10 00 12 00 d2 00 0b');
  assert.is(
    rawCode(
      'call_indirect (type $v) call_indirect $u (type $v) return_call_indirect 1 (param) (result)',
      t,
    ),
    '11 00 00 11 00 01 13 00 01 0b',
  );
  assert.is(rawCode('call_ref $v return_call_ref $v', t), '14 00 15 00 0b');
  assert.is(
    rawCode('(call_indirect (param i32) (result i32) (i32.const 1) (i32.const 0))', t),
    '41 01 41 00 11 01 00 0b',
  );
  malformed(`${t} (func (call_indirect (type $v) (param i32)))`, 'inline function type');
  malformed(`${t} (func (call_indirect (param $x i32)))`, 'unexpected token');
});

Instr('select, drop, typed select', () => {
  assert.is(rawCode('select drop'), '1b 1a 0b');
  assert.is(rawCode('select (result i32)'), '1c 01 7f 0b');
  assert.is(rawCode('select (result i32) (result f64)'), '1c 02 7f 7c 0b');
  assert.is(
    rawCode('(select (result funcref) (ref.null func) (ref.null func) (i32.const 0))'),
    'd0 70 d0 70 41 00 1c 01 70 0b',
  );
});

Instr('blocks, labels and branches', () => {
  assert.is(
    code('block $a loop $b br $a br $b br 1 end end'),
    '02 40 03 40 0c 01 0c 00 0c 01 0b 0b 0b',
  );
  assert.is(
    code('(block $a (block (br_table $a 0 $a (i32.const 0))))'),
    '02 40 02 40 41 00 0e 02 01 00 01 0b 0b 0b',
  );
  assert.is(code('(result i32) block (result i32) i32.const 1 end'), '02 7f 41 01 0b 0b');
  assert.is(code('block $l end $l'), '02 40 0b 0b');
  // Labels shadow outer ones.
  assert.is(code('block $l block $l br $l end end'), '02 40 02 40 0c 00 0b 0b 0b');
  malformed('(func block $a end $b)', 'mismatching label');
  malformed('(func block end $a)', 'mismatching label');
  malformed('(func (i32.const 0) if $a else $b end)', 'mismatching label');
  malformed('(func block)', 'unexpected token');
  malformed('(func end)', 'unexpected token');
  malformed('(func (br $x))', 'unknown label');
});

Instr('if: plain and folded, with else dropped when empty', () => {
  assert.is(code('(i32.const 1) if nop else nop end'), '41 01 04 40 01 05 01 0b 0b');
  assert.is(code('(i32.const 1) if $l nop else $l end $l'), '41 01 04 40 01 0b 0b');
  assert.is(code('(if (i32.const 1) (then nop) (else nop))'), '41 01 04 40 01 05 01 0b 0b');
  assert.is(code('(if (i32.const 1) (then nop) (else))'), '41 01 04 40 01 0b 0b');
  assert.is(
    code('(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))) drop'),
    '41 01 04 7f 41 02 05 41 03 0b 1a 0b',
  );
  assert.is(code('(if $l (i32.const 1) (i32.eqz) (then (br $l)))'), '41 01 45 04 40 0c 00 0b 0b');
  malformed('(func (if (i32.const 1)))', 'unexpected token');
  malformed('(func (if (i32.const 1) (then) (then)))', 'unexpected token');
  malformed('(func (if (i32.const 1) nop (then)))', 'unexpected token');
});

Instr('block types: empty, value, type index, implicit types', () => {
  const t = '(type $t (func (param i32) (result i32)))';
  assert.is(rawCode('block (type $t) end', t), '02 00 0b 0b');
  assert.is(rawCode('block (type $t) (param i32) (result i32) end', t), '02 00 0b 0b');
  assert.is(rawCode('block (param i32) (result i32) end', t), '02 00 0b 0b');
  assert.is(rawCode('block (result i32 i64) end', t), '02 02 0b 0b');
  assert.is(rawCode('block (result (ref null $t)) end', t), '02 63 00 0b 0b');
  malformed(`${t} (func block (type $t) (result i32) (param i32) end)`, 'unexpected token');
  malformed(`${t} (func block (type $t) (param i64) end)`, 'inline function type');
  malformed(`(func block (param $x i32) end)`, 'unexpected token');
});

Instr("implicit types of one body are defined in the reference interpreter's order", () => {
  // Instruction lists are processed last to first, a block's body before its own type.
  const types = section(
    `(func
      (block (param i32) (result i64) (block (param f32) (result f64) unreachable) unreachable)
      (block (param i64) (result i32) unreachable))`,
    S.TYPE,
  );
  // Type 0 is the function's own type; then the last block, the inner block, the outer block.
  assert.is(types, '04 60 00 00 60 01 7e 01 7f 60 01 7d 01 7c 60 01 7f 01 7e');
  // The same types in source order when only one is new per body.
  const m = decode('(func (block (param) (result i32 i32) unreachable) drop drop)');
  assert.is(m.types.length, 2);
});

Instr('exceptions: throw, try_table and catch clauses', () => {
  const t = '(tag $e (param i32)) (tag $f)';
  assert.is(rawCode('throw $e throw_ref', t), '08 00 0a 0b');
  assert.is(
    rawCode(
      'block $h try_table (catch $e $h) (catch_ref $f 0) (catch_all 0) (catch_all_ref $h) end end',
      t,
    ),
    '02 40 1f 40 04 00 00 00 01 01 00 02 00 03 00 0b 0b 0b',
  );
  // Catch labels are resolved outside the try_table's own label.
  assert.is(
    rawCode('(block $h (try_table $t (result i32) (catch_all $h) (br $t (i32.const 0))) drop)', t),
    '02 40 1f 7f 01 02 00 41 00 0c 00 0b 1a 0b 0b',
  );
});

Instr('references and GC', () => {
  const t =
    '(type $s (struct (field $x i32) (field $y (mut i64)))) (type $a (array (mut i8))) (data $d "") (elem $e funcref)';
  assert.is(
    rawCode('ref.null func ref.null $s ref.null none ref.is_null ref.as_non_null ref.eq', t),
    'd0 70 d0 00 d0 71 d1 d4 d3 0b',
  );
  assert.is(
    rawCode(
      'struct.new $s struct.new_default $s struct.get $s $y struct.get_s $s 1 struct.set $s $x',
      t,
    ),
    'fb 00 00 fb 01 00 fb 02 00 01 fb 03 00 01 fb 05 00 00 0b',
  );
  assert.is(
    rawCode(
      'array.new_fixed $a 3 array.new_data $a $d array.new_elem $a $e array.copy $a $a array.len',
      t,
    ),
    'fb 08 01 03 fb 09 01 00 fb 0a 01 00 fb 11 01 01 fb 0f 0b',
  );
  assert.is(
    rawCode('ref.test (ref $s) ref.test (ref null $s) ref.cast i31ref ref.cast (ref eq)', t),
    'fb 14 00 fb 15 00 fb 17 6c fb 16 6d 0b',
  );
  assert.is(
    rawCode(
      'block $l br_on_cast $l anyref (ref i31) br_on_cast_fail 0 (ref any) (ref null $s) end',
      t,
    ),
    '02 40 fb 18 01 00 6e 6c fb 19 02 00 6e 00 0b 0b',
  );
  assert.is(rawCode('block br_on_null 0 br_on_non_null 0 end', t), '02 40 d5 00 d6 00 0b 0b');
  assert.is(
    rawCode('any.convert_extern extern.convert_any ref.i31 i31.get_s', t),
    'fb 1a fb 1b fb 1c fb 1d 0b',
  );
  assert.is(section(t + '(func array.init_data $a $d)', S.DATA_COUNT), '01');
});

Instr('locals and globals', () => {
  assert.is(
    code(
      '(param $a i32) (local $b i32) (local.set $b (local.get $a)) (local.tee 1 (local.get 0)) drop',
    ),
    '20 00 21 01 20 00 22 01 1a 0b',
  );
  assert.is(
    rawCode('global.get $g global.set 0', '(global $g (mut i32) (i32.const 0))'),
    '23 00 24 00 0b',
  );
});

Instr('unknown and misplaced operators', () => {
  malformed('(func i32.foo)', 'unknown operator i32.foo');
  malformed('(func get_local 0)', 'unknown operator get_local');
  malformed('(func (i32.const0))', 'unknown operator');
  malformed('(func br 0drop)', 'unknown operator');
  malformed('(func select_t)', 'unknown operator select_t');
  malformed('(func ref.test_null any)', 'unknown operator');
  malformed('(func func)', 'unexpected token');
  malformed('(func (local.get 0 nop))', 'unexpected token');
  malformed('(func (then))', 'unexpected token');
  malformed('(func 1)', 'unexpected token');
});

Instr('deep nesting does not overflow the stack', () => {
  const n = 50000;
  const folded = `(func ${'(block '.repeat(n)}${')'.repeat(n)})`;
  assert.ok(parseWat(folded).length > n);
  const plain = `(func ${'block '.repeat(n)}${'end '.repeat(n)})`;
  assert.ok(parseWat(plain).length > n);
  const ops = `(func (result i32) ${'(i32.eqz '.repeat(n)}(i32.const 0)${')'.repeat(n)})`;
  assert.ok(parseWat(ops).length > n);
  malformed('('.repeat(n), 'unexpected token');
  malformed(`(func ${'(block '.repeat(n)})`, 'unexpected token');
});

Instr.run();
