/** Instruction tables of the structured generator, by operand and result type. */
import type { ValT } from './ast.js';

/** Binary operators `t t -> t`; the trapping ones are listed separately too. */
export const BINARY: Record<ValT, readonly string[]> = {
  i32: [
    'add',
    'sub',
    'mul',
    'div_s',
    'div_u',
    'rem_s',
    'rem_u',
    'and',
    'or',
    'xor',
    'shl',
    'shr_s',
    'shr_u',
    'rotl',
    'rotr',
  ],
  i64: [
    'add',
    'sub',
    'mul',
    'div_s',
    'div_u',
    'rem_s',
    'rem_u',
    'and',
    'or',
    'xor',
    'shl',
    'shr_s',
    'shr_u',
    'rotl',
    'rotr',
  ],
  f32: ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'],
  f64: ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'],
};

/** Division and remainder: trap on zero (and on overflow for `div_s`). */
export const TRAPPING_BINARY = ['div_s', 'div_u', 'rem_s', 'rem_u'];

/** Unary operators `t -> t`. */
export const UNARY: Record<ValT, readonly string[]> = {
  i32: ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'],
  i64: ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'],
  f32: ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'],
  f64: ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'],
};

/** Comparisons `t t -> i32`. */
export const COMPARE: Record<ValT, readonly string[]> = {
  i32: ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'],
  i64: ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'],
  f32: ['eq', 'ne', 'lt', 'gt', 'le', 'ge'],
  f64: ['eq', 'ne', 'lt', 'gt', 'le', 'ge'],
};

/** Conversions into each type: `[instruction, operand type]`. Trapping truncations included. */
export const CONVERT: Record<ValT, readonly (readonly [string, ValT])[]> = {
  i32: [
    ['i32.wrap_i64', 'i64'],
    ['i32.trunc_f32_s', 'f32'],
    ['i32.trunc_f32_u', 'f32'],
    ['i32.trunc_f64_s', 'f64'],
    ['i32.trunc_f64_u', 'f64'],
    ['i32.trunc_sat_f32_s', 'f32'],
    ['i32.trunc_sat_f32_u', 'f32'],
    ['i32.trunc_sat_f64_s', 'f64'],
    ['i32.trunc_sat_f64_u', 'f64'],
    ['i32.reinterpret_f32', 'f32'],
    ['i64.eqz', 'i64'],
  ],
  i64: [
    ['i64.extend_i32_s', 'i32'],
    ['i64.extend_i32_u', 'i32'],
    ['i64.trunc_f32_s', 'f32'],
    ['i64.trunc_f32_u', 'f32'],
    ['i64.trunc_f64_s', 'f64'],
    ['i64.trunc_f64_u', 'f64'],
    ['i64.trunc_sat_f32_s', 'f32'],
    ['i64.trunc_sat_f64_u', 'f64'],
    ['i64.reinterpret_f64', 'f64'],
  ],
  f32: [
    ['f32.convert_i32_s', 'i32'],
    ['f32.convert_i32_u', 'i32'],
    ['f32.convert_i64_s', 'i64'],
    ['f32.convert_i64_u', 'i64'],
    ['f32.demote_f64', 'f64'],
    ['f32.reinterpret_i32', 'i32'],
  ],
  f64: [
    ['f64.convert_i32_s', 'i32'],
    ['f64.convert_i32_u', 'i32'],
    ['f64.convert_i64_s', 'i64'],
    ['f64.convert_i64_u', 'i64'],
    ['f64.promote_f32', 'f32'],
    ['f64.reinterpret_i64', 'i64'],
  ],
};

/** Loads producing each type, with their access size in bytes. */
export const LOADS: Record<ValT, readonly (readonly [string, number])[]> = {
  i32: [
    ['i32.load', 4],
    ['i32.load8_s', 1],
    ['i32.load8_u', 1],
    ['i32.load16_s', 2],
    ['i32.load16_u', 2],
  ],
  i64: [
    ['i64.load', 8],
    ['i64.load8_u', 1],
    ['i64.load16_s', 2],
    ['i64.load32_s', 4],
    ['i64.load32_u', 4],
  ],
  f32: [['f32.load', 4]],
  f64: [['f64.load', 8]],
};

/** Stores of each type. */
export const STORES: Record<ValT, readonly (readonly [string, number])[]> = {
  i32: [
    ['i32.store', 4],
    ['i32.store8', 1],
    ['i32.store16', 2],
  ],
  i64: [
    ['i64.store', 8],
    ['i64.store8', 1],
    ['i64.store16', 2],
    ['i64.store32', 4],
  ],
  f32: [['f32.store', 4]],
  f64: [['f64.store', 8]],
};

/** Interesting constants, as text. */
export const CONSTANTS: Record<ValT, readonly string[]> = {
  i32: [
    '0',
    '1',
    '-1',
    '2',
    '7',
    '31',
    '32',
    '0x7fffffff',
    '0x80000000',
    '0xffff',
    '0x10000',
    '-2',
  ],
  i64: [
    '0',
    '1',
    '-1',
    '2',
    '63',
    '64',
    '0x7fffffffffffffff',
    '0x8000000000000000',
    '0xffffffff',
    '0x100000000',
    '0x80000000',
    '-2',
  ],
  f32: [
    '0',
    '-0',
    '1',
    '-1',
    '0.5',
    'nan',
    '-nan',
    'inf',
    '-inf',
    '2147483648',
    '-2147483904',
    '4294967296',
    '0x1p-149',
    '3.4e38',
  ],
  f64: [
    '0',
    '-0',
    '1',
    '-1',
    '0.5',
    'nan',
    '-nan',
    'inf',
    '-inf',
    '2147483648',
    '-2147483649',
    '9223372036854775808',
    '0x1p-1074',
    '1.7e308',
  ],
};
