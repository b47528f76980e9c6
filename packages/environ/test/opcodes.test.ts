/** The opcode table, checked against the builder's hand-written opcodes and the spec. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ADDR,
  Imm,
  OPS,
  OP_BY_NAME,
  OP_ID_LIMIT,
  PREFIX_BASE,
  opId,
  type OpInfo,
} from '#src/opcodes.js';
import { EQREF, F32, HT_I31, I32, I64, refType } from '#src/types.js';
import { MEMORY_OPS, NUMERIC_OPS } from './support/builder.js';

const defined = OPS.filter((op): op is OpInfo => op !== undefined);

test('ids, prefixes and names are consistent', () => {
  assert.is(OPS.length, OP_ID_LIMIT);
  for (const op of defined) {
    assert.is(OPS[op.id], op);
    const base = op.prefix === 0 ? 0 : PREFIX_BASE[op.prefix as 0xfb | 0xfc | 0xfd];
    assert.is(op.id, base + op.code, op.name);
    assert.is(OP_BY_NAME.get(op.name), op, `${op.name} is found by name`);
  }
  assert.is(OP_BY_NAME.size, defined.length, 'names are unique');
  assert.is(opId('i32.add'), 0x6a);
  assert.throws(() => opId('i32.frobnicate'), /unknown instruction i32.frobnicate/);
});

test('instruction counts per prefix', () => {
  const count = (prefix: number) => defined.filter((op) => op.prefix === prefix).length;
  assert.is(count(0xfb), 31 + 7, 'GC: struct.new (0x00) to i31.get_u (0x1e), custom descriptors');
  assert.is(count(0xfc), 18 + 4, 'saturating truncation, bulk memory and wide arithmetic');
  assert.is(count(0xfd), 236 + 20, 'fixed-width and relaxed SIMD');
  // Every prefixed op is inside its prefix's id range.
  for (const op of defined) {
    if (op.prefix === 0) assert.ok(op.id < 0x100);
    else assert.ok(op.code < (op.prefix === 0xfd ? 0x200 : 0x100), op.name);
  }
});

test('numeric and memory opcodes match the builder', () => {
  NUMERIC_OPS.forEach((name, i) => {
    const op = OPS[0x45 + i]!;
    assert.is(op.name, name);
    assert.is(op.imm, Imm.NONE);
    assert.ok(op.params !== null && op.results !== null, `${name} is typed by signature`);
  });
  MEMORY_OPS.forEach((name, i) => {
    const op = OPS[0x28 + i]!;
    assert.is(op.name, name);
    assert.is(op.imm, Imm.MEMARG);
    assert.is(op.params![0], ADDR, `${name} takes an address`);
    const bits = /(8|16|32)(_[su])?$/.exec(name.replace('.load', '').replace('.store', ''));
    const width = bits
      ? Number(bits[1]) / 8
      : name.startsWith('i64') || name.startsWith('f64')
        ? 8
        : 4;
    assert.is(op.width, width, `${name} width`);
  });
});

test('signatures', () => {
  const sig = (name: string) => [OP_BY_NAME.get(name)!.params, OP_BY_NAME.get(name)!.results];
  assert.equal(sig('i32.add'), [[I32, I32], [I32]]);
  assert.equal(sig('i64.eqz'), [[I64], [I32]]);
  assert.equal(sig('f32.convert_i64_u'), [[I64], [F32]]);
  assert.equal(sig('i32.store'), [[ADDR, I32], []]);
  assert.equal(sig('memory.grow'), [[ADDR], [ADDR]]);
  assert.equal(sig('memory.fill'), [[ADDR, I32, ADDR], []]);
  assert.equal(sig('ref.eq'), [[EQREF, EQREF], [I32]]);
  assert.equal(sig('ref.i31'), [[I32], [refType(HT_I31, false)]]);
  assert.equal(sig('block'), [null, null]);
  assert.equal(sig('call'), [null, null]);
});

test('spot checks of encodings, immediates and widths', () => {
  const check = (name: string, prefix: number, code: number, imm: number, width = 0) => {
    const op = OP_BY_NAME.get(name)!;
    assert.equal([op.prefix, op.code, op.imm, op.width], [prefix, code, imm, width], name);
  };
  check('try_table', 0, 0x1f, Imm.TRY_TABLE);
  check('throw_ref', 0, 0x0a, Imm.NONE);
  check('br_on_non_null', 0, 0xd6, Imm.LABEL);
  check('select_t', 0, 0x1c, Imm.SELECT_T);
  check('return_call_ref', 0, 0x15, Imm.TYPE);
  check('struct.new', 0xfb, 0x00, Imm.TYPE);
  check('array.new_fixed', 0xfb, 0x08, Imm.TYPE_COUNT);
  check('br_on_cast_fail', 0xfb, 0x19, Imm.BR_ON_CAST);
  check('i31.get_u', 0xfb, 0x1e, Imm.NONE);
  check('memory.init', 0xfc, 0x08, Imm.MEM_INIT);
  check('table.fill', 0xfc, 0x11, Imm.TABLE);
  check('v128.const', 0xfd, 0x0c, Imm.V128);
  check('i8x16.shuffle', 0xfd, 0x0d, Imm.SHUFFLE);
  check('i8x16.extract_lane_s', 0xfd, 0x15, Imm.LANE, 16);
  check('f64x2.replace_lane', 0xfd, 0x22, Imm.LANE, 2);
  check('v128.load64_lane', 0xfd, 0x57, Imm.MEMARG_LANE, 8);
  check('v128.store8_lane', 0xfd, 0x58, Imm.MEMARG_LANE, 1);
  check('v128.load32_zero', 0xfd, 0x5c, Imm.MEMARG, 4);
  check('f64x2.convert_low_i32x4_u', 0xfd, 0xff, Imm.NONE);
  check('i8x16.relaxed_swizzle', 0xfd, 0x100, Imm.NONE);
  check('i32x4.relaxed_dot_i8x16_i7x16_add_s', 0xfd, 0x113, Imm.NONE);
});

test('exactly the constant instructions are marked constant', () => {
  const constant = defined
    .filter((op) => op.constant)
    .map((op) => op.name)
    .sort();
  assert.equal(constant, [
    'any.convert_extern',
    'array.new',
    'array.new_default',
    'array.new_fixed',
    'end',
    'extern.convert_any',
    'f32.const',
    'f64.const',
    'global.get',
    'i32.add',
    'i32.const',
    'i32.mul',
    'i32.sub',
    'i64.add',
    'i64.const',
    'i64.mul',
    'i64.sub',
    'ref.func',
    'ref.i31',
    'ref.null',
    'struct.new',
    'struct.new_default',
    'struct.new_default_desc',
    'struct.new_desc',
    'v128.const',
  ]);
});

test.run();
