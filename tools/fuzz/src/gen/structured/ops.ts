/** Instruction tables of the structured generator, by operand and result type. */
import type { ValT } from './ast.js';

/** Scalar types, the ones with comparisons. */
type Scalar = Exclude<ValT, 'v128'>;

const INT_BINARY = [
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
].concat(['shl', 'shr_s', 'shr_u', 'rotl', 'rotr']);
const FLOAT_BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];

/**
 * Binary operators `t t -> t`: scalar ones without their type prefix,
 * v128 ones as full names (every lane shape).
 */
export const BINARY: Record<ValT, readonly string[]> = {
  i32: INT_BINARY,
  i64: INT_BINARY,
  f32: FLOAT_BINARY,
  f64: FLOAT_BINARY,
  v128: [
    ...['v128.and', 'v128.or', 'v128.xor', 'v128.andnot'],
    ...['i8x16.add', 'i8x16.sub', 'i8x16.add_sat_s', 'i8x16.sub_sat_u', 'i8x16.min_u'],
    ...['i8x16.max_s', 'i8x16.avgr_u', 'i8x16.swizzle', 'i8x16.eq', 'i8x16.lt_s'],
    ...['i8x16.narrow_i16x8_s', 'i16x8.add', 'i16x8.mul', 'i16x8.q15mulr_sat_s'],
    ...['i16x8.extmul_low_i8x16_s', 'i16x8.gt_u', 'i32x4.add', 'i32x4.sub', 'i32x4.mul'],
    ...['i32x4.min_s', 'i32x4.max_u', 'i32x4.dot_i16x8_s', 'i32x4.eq', 'i32x4.ge_s'],
    ...['i64x2.add', 'i64x2.sub', 'i64x2.mul', 'i64x2.eq', 'i64x2.lt_s'],
    // Float lanes only where the result bits are deterministic: comparisons
    // and pmin/pmax (a select of an operand). Lane arithmetic makes NaNs of
    // nondeterministic bits, which integer lane views would show.
    ...['i64x2.extmul_high_i32x4_u', 'f32x4.pmax', 'f32x4.lt', 'f64x2.pmin', 'f64x2.ge'],
  ],
};

/** Division and remainder: trap on zero (and on overflow for `div_s`). */
export const TRAPPING_BINARY = ['div_s', 'div_u', 'rem_s', 'rem_u'];

/** A scalar operator's instruction name gets its type prefix; v128 ones are full names already. */
export function opName(t: ValT, op: string): string {
  return t === 'v128' ? op : `${t}.${op}`;
}

/**
 * Binary operators that neither trap nor show a NaN's sign (copysign's second
 * operand is canonicalized only where the generator makes a copysign itself).
 */
export function plainBinary(t: ValT): readonly string[] {
  return BINARY[t].filter((o) => !TRAPPING_BINARY.includes(o) && o !== 'copysign');
}

const FLOAT_UNARY = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];

/** Unary operators `t -> t` (v128 ones as full names). */
export const UNARY: Record<ValT, readonly string[]> = {
  i32: ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'],
  i64: ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'],
  f32: FLOAT_UNARY,
  f64: FLOAT_UNARY,
  v128: [
    ...['v128.not', 'i8x16.abs', 'i8x16.neg', 'i8x16.popcnt', 'i16x8.extend_low_i8x16_s'],
    ...['i16x8.extend_high_i8x16_u', 'i16x8.extadd_pairwise_i8x16_s', 'i32x4.neg', 'i32x4.abs'],
    ...['i32x4.extend_low_i16x8_u', 'i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f64x2_u_zero'],
    // Float lanes: sign operations and conversions from integers only (see BINARY).
    ...['i64x2.neg', 'i64x2.extend_high_i32x4_s', 'f32x4.abs', 'f32x4.neg'],
    ...['f32x4.convert_i32x4_u', 'f64x2.convert_low_i32x4_s'],
  ],
};

const INT_COMPARE = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const FLOAT_COMPARE = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

/** Comparisons `t t -> i32`. */
export const COMPARE: Record<Scalar, readonly string[]> = {
  i32: INT_COMPARE,
  i64: INT_COMPARE,
  f32: FLOAT_COMPARE,
  f64: FLOAT_COMPARE,
};

/**
 * Conversions into each type: `[instruction, operand type]`, trapping
 * truncations included; lane extraction and splats connect v128 and scalars.
 */
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
    ['i32x4.extract_lane 2', 'v128'],
    ['i8x16.extract_lane_u 15', 'v128'],
    ['i16x8.extract_lane_s 3', 'v128'],
    ['v128.any_true', 'v128'],
    ['i32x4.all_true', 'v128'],
    ['i8x16.bitmask', 'v128'],
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
    ['i64x2.extract_lane 1', 'v128'],
  ],
  f32: [
    ['f32.convert_i32_s', 'i32'],
    ['f32.convert_i32_u', 'i32'],
    ['f32.convert_i64_s', 'i64'],
    ['f32.convert_i64_u', 'i64'],
    ['f32.demote_f64', 'f64'],
    ['f32.reinterpret_i32', 'i32'],
    ['f32x4.extract_lane 3', 'v128'],
  ],
  f64: [
    ['f64.convert_i32_s', 'i32'],
    ['f64.convert_i32_u', 'i32'],
    ['f64.convert_i64_s', 'i64'],
    ['f64.convert_i64_u', 'i64'],
    ['f64.promote_f32', 'f32'],
    ['f64.reinterpret_i64', 'i64'],
    ['f64x2.extract_lane 0', 'v128'],
  ],
  v128: [
    ['i8x16.splat', 'i32'],
    ['i16x8.splat', 'i32'],
    ['i32x4.splat', 'i32'],
    ['i64x2.splat', 'i64'],
    ['f32x4.splat', 'f32'],
    ['f64x2.splat', 'f64'],
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
  v128: [
    ['v128.load', 16],
    ['v128.load32_splat', 4],
    ['v128.load64_zero', 8],
    ['v128.load8x8_s', 8],
    ['v128.load16x4_u', 8],
  ],
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
  v128: [['v128.store', 16]],
};

/** Shifts `v128 i32 -> v128`. */
export const VSHIFT = [
  'i8x16.shl',
  'i16x8.shr_s',
  'i32x4.shl',
  'i32x4.shr_u',
  'i64x2.shr_s',
  'i64x2.shl',
];

/** Lane replacement: the instruction with its lane index, and the scalar operand type. */
export const REPLACE_LANE: readonly (readonly [string, ValT])[] = [
  ['i8x16.replace_lane 5', 'i32'],
  ['i16x8.replace_lane 7', 'i32'],
  ['i32x4.replace_lane 0', 'i32'],
  ['i64x2.replace_lane 1', 'i64'],
  ['f32x4.replace_lane 2', 'f32'],
  ['f64x2.replace_lane 0', 'f64'],
];

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
    ...['0', '1', '-1', '2', '63', '64', '0x7fffffffffffffff', '0x8000000000000000'],
    ...['0xffffffff', '0x100000000', '0x80000000', '-2'],
  ],
  f32: [
    ...['0', '-0', '1', '-1', '0.5', 'nan', '-nan', 'inf', '-inf', '2147483648'],
    ...['-2147483904', '4294967296', '0x1p-149', '3.4e38'],
  ],
  f64: [
    ...['0', '-0', '1', '-1', '0.5', 'nan', '-nan', 'inf', '-inf', '2147483648'],
    ...['-2147483649', '9223372036854775808', '0x1p-1074', '1.7e308'],
  ],
  v128: [
    'i64x2 0 0',
    'i32x4 1 -1 0x80000000 0x7fffffff',
    'i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15',
    'i8x16 -1 -128 127 0 31 32 16 17 -2 3 200 100 50 25 12 6',
    'i16x8 -1 0 32767 -32768 1 2 3 4',
    'f32x4 nan 1 -0 inf',
    'f64x2 -1.5 0x1p-1074',
    'i64x2 0x8000000000000000 -1',
  ],
};
