/**
 * The opcode table: the one place that knows every WebAssembly 3.0
 * instruction. The decoder reads immediates by `imm`, the validator types
 * plain instructions by `sig`, the text parser maps mnemonics through
 * `OP_BY_NAME`, and the compiler picks implementations by op id.
 *
 * An op id is the opcode itself for one-byte opcodes and `prefix base + sub
 * opcode` for the prefixed ones (see {@link PREFIX_BASE}), so ids are dense
 * enough to index arrays and stable across releases.
 */
import {
  ARRAYREF,
  EQREF,
  F32,
  F64,
  HT_I31,
  I31REF,
  I32,
  I64,
  refType,
  V128,
  type ValType,
} from './types.js';
import type { Features } from './features.js';
import { Imm, type OpRow as Row } from './imm.js';
import { SIMD } from './opcodes-simd.js';

export { Imm, type OpRow } from './imm.js';

/** Op id of the first instruction after a prefix byte. */
export const PREFIX_BASE = { 0xfb: 0x100, 0xfc: 0x200, 0xfd: 0x300, 0xfe: 0x500 } as const;
/** Number of op ids; every id is below this. */
export const OP_ID_LIMIT = 0x600;

/** Everything the toolchain knows about one instruction. */
export interface OpInfo {
  /** Op id (opcode, or prefix base + sub-opcode). */
  readonly id: number;
  /**
   * Text-format mnemonic. Three binary variants that share a mnemonic in the
   * text format get their own names here: `select_t` (typed select),
   * `ref.test_null` and `ref.cast_null` (nullable target type).
   */
  readonly name: string;
  /** Prefix byte (0xfb, 0xfc, 0xfd, 0xfe) or 0. */
  readonly prefix: number;
  /** The opcode (after the prefix, if any). */
  readonly code: number;
  readonly imm: Imm;
  /**
   * Operand types for instructions typed by signature alone, or null when the
   * validator types it by hand. The pseudo-type {@link ADDR} stands for the
   * address type of the memory in the immediate.
   */
  readonly params: readonly ValType[] | null;
  readonly results: readonly ValType[] | null;
  /** Access width in bytes for memory instructions, lane count for lane instructions. */
  readonly width: number;
  /** Allowed in constant expressions. */
  readonly constant: boolean;
  /** The proposal that adds the instruction (it is an illegal opcode without it), or null. */
  readonly feature: keyof Features | null;
}

/** Pseudo value type in signatures: the address type (i32 or i64) of the memory operand. */
export const ADDR: ValType = -1;

const N = Imm.NONE;
const MA = Imm.MEMARG;

// prettier-ignore
const CORE = [
  [0x00, 'unreachable', N, null],
  [0x01, 'nop', N, ' -> '],
  [0x02, 'block', Imm.BLOCK, null],
  [0x03, 'loop', Imm.BLOCK, null],
  [0x04, 'if', Imm.BLOCK, null],
  [0x05, 'else', N, null],
  // Legacy exception handling (the spec's legacy appendix). `try` has the
  // block layout, its `elseIndex` set to the index of its first clause.
  [0x06, 'try', Imm.BLOCK, null],
  [0x07, 'catch', Imm.CATCH, null],
  [0x08, 'throw', Imm.TAG, null],
  [0x09, 'rethrow', Imm.LABEL, null],
  [0x0a, 'throw_ref', N, null],
  [0x0b, 'end', N, null],
  [0x0c, 'br', Imm.LABEL, null],
  [0x0d, 'br_if', Imm.LABEL, null],
  [0x0e, 'br_table', Imm.BR_TABLE, null],
  [0x0f, 'return', N, null],
  [0x10, 'call', Imm.FUNC, null],
  [0x11, 'call_indirect', Imm.CALL_INDIRECT, null],
  [0x12, 'return_call', Imm.FUNC, null],
  [0x13, 'return_call_indirect', Imm.CALL_INDIRECT, null],
  [0x14, 'call_ref', Imm.TYPE, null],
  [0x15, 'return_call_ref', Imm.TYPE, null],
  [0x18, 'delegate', Imm.LABEL, null],
  [0x19, 'catch_all', Imm.CATCH_ALL, null],
  [0x1a, 'drop', Imm.OPERAND_TYPE, null],
  [0x1b, 'select', Imm.OPERAND_TYPE, null],
  [0x1c, 'select_t', Imm.SELECT_T, null],
  [0x1f, 'try_table', Imm.TRY_TABLE, null],
  [0x20, 'local.get', Imm.LOCAL, null],
  [0x21, 'local.set', Imm.LOCAL, null],
  [0x22, 'local.tee', Imm.LOCAL, null],
  [0x23, 'global.get', Imm.GLOBAL, null],
  [0x24, 'global.set', Imm.GLOBAL, null],
  [0x25, 'table.get', Imm.TABLE, null],
  [0x26, 'table.set', Imm.TABLE, null],
  [0x28, 'i32.load', MA, 'a -> i32', 4],
  [0x29, 'i64.load', MA, 'a -> i64', 8],
  [0x2a, 'f32.load', MA, 'a -> f32', 4],
  [0x2b, 'f64.load', MA, 'a -> f64', 8],
  [0x2c, 'i32.load8_s', MA, 'a -> i32', 1],
  [0x2d, 'i32.load8_u', MA, 'a -> i32', 1],
  [0x2e, 'i32.load16_s', MA, 'a -> i32', 2],
  [0x2f, 'i32.load16_u', MA, 'a -> i32', 2],
  [0x30, 'i64.load8_s', MA, 'a -> i64', 1],
  [0x31, 'i64.load8_u', MA, 'a -> i64', 1],
  [0x32, 'i64.load16_s', MA, 'a -> i64', 2],
  [0x33, 'i64.load16_u', MA, 'a -> i64', 2],
  [0x34, 'i64.load32_s', MA, 'a -> i64', 4],
  [0x35, 'i64.load32_u', MA, 'a -> i64', 4],
  [0x36, 'i32.store', MA, 'a i32 -> ', 4],
  [0x37, 'i64.store', MA, 'a i64 -> ', 8],
  [0x38, 'f32.store', MA, 'a f32 -> ', 4],
  [0x39, 'f64.store', MA, 'a f64 -> ', 8],
  [0x3a, 'i32.store8', MA, 'a i32 -> ', 1],
  [0x3b, 'i32.store16', MA, 'a i32 -> ', 2],
  [0x3c, 'i64.store8', MA, 'a i64 -> ', 1],
  [0x3d, 'i64.store16', MA, 'a i64 -> ', 2],
  [0x3e, 'i64.store32', MA, 'a i64 -> ', 4],
  [0x3f, 'memory.size', Imm.MEM, ' -> a'],
  [0x40, 'memory.grow', Imm.MEM, 'a -> a'],
  [0x41, 'i32.const', Imm.I32, ' -> i32'],
  [0x42, 'i64.const', Imm.I64, ' -> i64'],
  [0x43, 'f32.const', Imm.F32, ' -> f32'],
  [0x44, 'f64.const', Imm.F64, ' -> f64'],
  [0x45, 'i32.eqz', N, 'i32 -> i32'],
  [0x46, 'i32.eq', N, 'i32 i32 -> i32'],
  [0x47, 'i32.ne', N, 'i32 i32 -> i32'],
  [0x48, 'i32.lt_s', N, 'i32 i32 -> i32'],
  [0x49, 'i32.lt_u', N, 'i32 i32 -> i32'],
  [0x4a, 'i32.gt_s', N, 'i32 i32 -> i32'],
  [0x4b, 'i32.gt_u', N, 'i32 i32 -> i32'],
  [0x4c, 'i32.le_s', N, 'i32 i32 -> i32'],
  [0x4d, 'i32.le_u', N, 'i32 i32 -> i32'],
  [0x4e, 'i32.ge_s', N, 'i32 i32 -> i32'],
  [0x4f, 'i32.ge_u', N, 'i32 i32 -> i32'],
  [0x50, 'i64.eqz', N, 'i64 -> i32'],
  [0x51, 'i64.eq', N, 'i64 i64 -> i32'],
  [0x52, 'i64.ne', N, 'i64 i64 -> i32'],
  [0x53, 'i64.lt_s', N, 'i64 i64 -> i32'],
  [0x54, 'i64.lt_u', N, 'i64 i64 -> i32'],
  [0x55, 'i64.gt_s', N, 'i64 i64 -> i32'],
  [0x56, 'i64.gt_u', N, 'i64 i64 -> i32'],
  [0x57, 'i64.le_s', N, 'i64 i64 -> i32'],
  [0x58, 'i64.le_u', N, 'i64 i64 -> i32'],
  [0x59, 'i64.ge_s', N, 'i64 i64 -> i32'],
  [0x5a, 'i64.ge_u', N, 'i64 i64 -> i32'],
  [0x5b, 'f32.eq', N, 'f32 f32 -> i32'],
  [0x5c, 'f32.ne', N, 'f32 f32 -> i32'],
  [0x5d, 'f32.lt', N, 'f32 f32 -> i32'],
  [0x5e, 'f32.gt', N, 'f32 f32 -> i32'],
  [0x5f, 'f32.le', N, 'f32 f32 -> i32'],
  [0x60, 'f32.ge', N, 'f32 f32 -> i32'],
  [0x61, 'f64.eq', N, 'f64 f64 -> i32'],
  [0x62, 'f64.ne', N, 'f64 f64 -> i32'],
  [0x63, 'f64.lt', N, 'f64 f64 -> i32'],
  [0x64, 'f64.gt', N, 'f64 f64 -> i32'],
  [0x65, 'f64.le', N, 'f64 f64 -> i32'],
  [0x66, 'f64.ge', N, 'f64 f64 -> i32'],
  [0x67, 'i32.clz', N, 'i32 -> i32'],
  [0x68, 'i32.ctz', N, 'i32 -> i32'],
  [0x69, 'i32.popcnt', N, 'i32 -> i32'],
  [0x6a, 'i32.add', N, 'i32 i32 -> i32'],
  [0x6b, 'i32.sub', N, 'i32 i32 -> i32'],
  [0x6c, 'i32.mul', N, 'i32 i32 -> i32'],
  [0x6d, 'i32.div_s', N, 'i32 i32 -> i32'],
  [0x6e, 'i32.div_u', N, 'i32 i32 -> i32'],
  [0x6f, 'i32.rem_s', N, 'i32 i32 -> i32'],
  [0x70, 'i32.rem_u', N, 'i32 i32 -> i32'],
  [0x71, 'i32.and', N, 'i32 i32 -> i32'],
  [0x72, 'i32.or', N, 'i32 i32 -> i32'],
  [0x73, 'i32.xor', N, 'i32 i32 -> i32'],
  [0x74, 'i32.shl', N, 'i32 i32 -> i32'],
  [0x75, 'i32.shr_s', N, 'i32 i32 -> i32'],
  [0x76, 'i32.shr_u', N, 'i32 i32 -> i32'],
  [0x77, 'i32.rotl', N, 'i32 i32 -> i32'],
  [0x78, 'i32.rotr', N, 'i32 i32 -> i32'],
  [0x79, 'i64.clz', N, 'i64 -> i64'],
  [0x7a, 'i64.ctz', N, 'i64 -> i64'],
  [0x7b, 'i64.popcnt', N, 'i64 -> i64'],
  [0x7c, 'i64.add', N, 'i64 i64 -> i64'],
  [0x7d, 'i64.sub', N, 'i64 i64 -> i64'],
  [0x7e, 'i64.mul', N, 'i64 i64 -> i64'],
  [0x7f, 'i64.div_s', N, 'i64 i64 -> i64'],
  [0x80, 'i64.div_u', N, 'i64 i64 -> i64'],
  [0x81, 'i64.rem_s', N, 'i64 i64 -> i64'],
  [0x82, 'i64.rem_u', N, 'i64 i64 -> i64'],
  [0x83, 'i64.and', N, 'i64 i64 -> i64'],
  [0x84, 'i64.or', N, 'i64 i64 -> i64'],
  [0x85, 'i64.xor', N, 'i64 i64 -> i64'],
  [0x86, 'i64.shl', N, 'i64 i64 -> i64'],
  [0x87, 'i64.shr_s', N, 'i64 i64 -> i64'],
  [0x88, 'i64.shr_u', N, 'i64 i64 -> i64'],
  [0x89, 'i64.rotl', N, 'i64 i64 -> i64'],
  [0x8a, 'i64.rotr', N, 'i64 i64 -> i64'],
  [0x8b, 'f32.abs', N, 'f32 -> f32'],
  [0x8c, 'f32.neg', N, 'f32 -> f32'],
  [0x8d, 'f32.ceil', N, 'f32 -> f32'],
  [0x8e, 'f32.floor', N, 'f32 -> f32'],
  [0x8f, 'f32.trunc', N, 'f32 -> f32'],
  [0x90, 'f32.nearest', N, 'f32 -> f32'],
  [0x91, 'f32.sqrt', N, 'f32 -> f32'],
  [0x92, 'f32.add', N, 'f32 f32 -> f32'],
  [0x93, 'f32.sub', N, 'f32 f32 -> f32'],
  [0x94, 'f32.mul', N, 'f32 f32 -> f32'],
  [0x95, 'f32.div', N, 'f32 f32 -> f32'],
  [0x96, 'f32.min', N, 'f32 f32 -> f32'],
  [0x97, 'f32.max', N, 'f32 f32 -> f32'],
  [0x98, 'f32.copysign', N, 'f32 f32 -> f32'],
  [0x99, 'f64.abs', N, 'f64 -> f64'],
  [0x9a, 'f64.neg', N, 'f64 -> f64'],
  [0x9b, 'f64.ceil', N, 'f64 -> f64'],
  [0x9c, 'f64.floor', N, 'f64 -> f64'],
  [0x9d, 'f64.trunc', N, 'f64 -> f64'],
  [0x9e, 'f64.nearest', N, 'f64 -> f64'],
  [0x9f, 'f64.sqrt', N, 'f64 -> f64'],
  [0xa0, 'f64.add', N, 'f64 f64 -> f64'],
  [0xa1, 'f64.sub', N, 'f64 f64 -> f64'],
  [0xa2, 'f64.mul', N, 'f64 f64 -> f64'],
  [0xa3, 'f64.div', N, 'f64 f64 -> f64'],
  [0xa4, 'f64.min', N, 'f64 f64 -> f64'],
  [0xa5, 'f64.max', N, 'f64 f64 -> f64'],
  [0xa6, 'f64.copysign', N, 'f64 f64 -> f64'],
  [0xa7, 'i32.wrap_i64', N, 'i64 -> i32'],
  [0xa8, 'i32.trunc_f32_s', N, 'f32 -> i32'],
  [0xa9, 'i32.trunc_f32_u', N, 'f32 -> i32'],
  [0xaa, 'i32.trunc_f64_s', N, 'f64 -> i32'],
  [0xab, 'i32.trunc_f64_u', N, 'f64 -> i32'],
  [0xac, 'i64.extend_i32_s', N, 'i32 -> i64'],
  [0xad, 'i64.extend_i32_u', N, 'i32 -> i64'],
  [0xae, 'i64.trunc_f32_s', N, 'f32 -> i64'],
  [0xaf, 'i64.trunc_f32_u', N, 'f32 -> i64'],
  [0xb0, 'i64.trunc_f64_s', N, 'f64 -> i64'],
  [0xb1, 'i64.trunc_f64_u', N, 'f64 -> i64'],
  [0xb2, 'f32.convert_i32_s', N, 'i32 -> f32'],
  [0xb3, 'f32.convert_i32_u', N, 'i32 -> f32'],
  [0xb4, 'f32.convert_i64_s', N, 'i64 -> f32'],
  [0xb5, 'f32.convert_i64_u', N, 'i64 -> f32'],
  [0xb6, 'f32.demote_f64', N, 'f64 -> f32'],
  [0xb7, 'f64.convert_i32_s', N, 'i32 -> f64'],
  [0xb8, 'f64.convert_i32_u', N, 'i32 -> f64'],
  [0xb9, 'f64.convert_i64_s', N, 'i64 -> f64'],
  [0xba, 'f64.convert_i64_u', N, 'i64 -> f64'],
  [0xbb, 'f64.promote_f32', N, 'f32 -> f64'],
  [0xbc, 'i32.reinterpret_f32', N, 'f32 -> i32'],
  [0xbd, 'i64.reinterpret_f64', N, 'f64 -> i64'],
  [0xbe, 'f32.reinterpret_i32', N, 'i32 -> f32'],
  [0xbf, 'f64.reinterpret_i64', N, 'i64 -> f64'],
  [0xc0, 'i32.extend8_s', N, 'i32 -> i32'],
  [0xc1, 'i32.extend16_s', N, 'i32 -> i32'],
  [0xc2, 'i64.extend8_s', N, 'i64 -> i64'],
  [0xc3, 'i64.extend16_s', N, 'i64 -> i64'],
  [0xc4, 'i64.extend32_s', N, 'i64 -> i64'],
  [0xd0, 'ref.null', Imm.HEAP, null],
  [0xd1, 'ref.is_null', N, null],
  [0xd2, 'ref.func', Imm.FUNC, null],
  [0xd3, 'ref.eq', N, 'eqref eqref -> i32'],
  [0xd4, 'ref.as_non_null', N, null],
  [0xd5, 'br_on_null', Imm.LABEL, null],
  [0xd6, 'br_on_non_null', Imm.LABEL, null],
] as const satisfies readonly Row[];

// prettier-ignore
const GC = [
  [0x00, 'struct.new', Imm.TYPE, null],
  [0x01, 'struct.new_default', Imm.TYPE, null],
  [0x02, 'struct.get', Imm.TYPE_FIELD, null],
  [0x03, 'struct.get_s', Imm.TYPE_FIELD, null],
  [0x04, 'struct.get_u', Imm.TYPE_FIELD, null],
  [0x05, 'struct.set', Imm.TYPE_FIELD, null],
  [0x06, 'array.new', Imm.TYPE, null],
  [0x07, 'array.new_default', Imm.TYPE, null],
  [0x08, 'array.new_fixed', Imm.TYPE_COUNT, null],
  [0x09, 'array.new_data', Imm.TYPE_DATA, null],
  [0x0a, 'array.new_elem', Imm.TYPE_ELEM, null],
  [0x0b, 'array.get', Imm.TYPE, null],
  [0x0c, 'array.get_s', Imm.TYPE, null],
  [0x0d, 'array.get_u', Imm.TYPE, null],
  [0x0e, 'array.set', Imm.TYPE, null],
  [0x0f, 'array.len', N, 'arrayref -> i32'],
  [0x10, 'array.fill', Imm.TYPE, null],
  [0x11, 'array.copy', Imm.TYPE_TYPE, null],
  [0x12, 'array.init_data', Imm.TYPE_DATA, null],
  [0x13, 'array.init_elem', Imm.TYPE_ELEM, null],
  [0x14, 'ref.test', Imm.HEAP, null],
  [0x15, 'ref.test_null', Imm.HEAP, null],
  [0x16, 'ref.cast', Imm.HEAP, null],
  [0x17, 'ref.cast_null', Imm.HEAP, null],
  [0x18, 'br_on_cast', Imm.BR_ON_CAST, null],
  [0x19, 'br_on_cast_fail', Imm.BR_ON_CAST, null],
  [0x1a, 'any.convert_extern', N, null],
  [0x1b, 'extern.convert_any', N, null],
  [0x1c, 'ref.i31', N, 'i32 -> (ref i31)'],
  [0x1d, 'i31.get_s', N, 'i31ref -> i32'],
  [0x1e, 'i31.get_u', N, 'i31ref -> i32'],
  // Custom descriptors.
  [0x20, 'struct.new_desc', Imm.TYPE, null],
  [0x21, 'struct.new_default_desc', Imm.TYPE, null],
  [0x22, 'ref.get_desc', Imm.TYPE, null],
  [0x23, 'ref.cast_desc_eq', Imm.HEAP, null],
  [0x24, 'ref.cast_desc_eq_null', Imm.HEAP, null],
  [0x25, 'br_on_cast_desc_eq', Imm.BR_ON_CAST, null],
  [0x26, 'br_on_cast_desc_eq_fail', Imm.BR_ON_CAST, null],
] as const satisfies readonly Row[];

/** Instructions of proposals beyond WebAssembly 3.0, by the feature that adds them. */
const FEATURE_OPS: ReadonlyMap<string, keyof Features> = new Map([
  ['struct.new_desc', 'customDescriptors'],
  ['struct.new_default_desc', 'customDescriptors'],
  ['ref.get_desc', 'customDescriptors'],
  ['ref.cast_desc_eq', 'customDescriptors'],
  ['ref.cast_desc_eq_null', 'customDescriptors'],
  ['br_on_cast_desc_eq', 'customDescriptors'],
  ['br_on_cast_desc_eq_fail', 'customDescriptors'],
]);

// prettier-ignore
const MISC = [
  [0x00, 'i32.trunc_sat_f32_s', N, 'f32 -> i32'],
  [0x01, 'i32.trunc_sat_f32_u', N, 'f32 -> i32'],
  [0x02, 'i32.trunc_sat_f64_s', N, 'f64 -> i32'],
  [0x03, 'i32.trunc_sat_f64_u', N, 'f64 -> i32'],
  [0x04, 'i64.trunc_sat_f32_s', N, 'f32 -> i64'],
  [0x05, 'i64.trunc_sat_f32_u', N, 'f32 -> i64'],
  [0x06, 'i64.trunc_sat_f64_s', N, 'f64 -> i64'],
  [0x07, 'i64.trunc_sat_f64_u', N, 'f64 -> i64'],
  [0x08, 'memory.init', Imm.MEM_INIT, null],
  [0x09, 'data.drop', Imm.DATA, null],
  [0x0a, 'memory.copy', Imm.MEM_COPY, null],
  [0x0b, 'memory.fill', Imm.MEM, 'a i32 a -> '],
  [0x0c, 'table.init', Imm.TABLE_INIT, null],
  [0x0d, 'elem.drop', Imm.ELEM, null],
  [0x0e, 'table.copy', Imm.TABLE_COPY, null],
  [0x0f, 'table.grow', Imm.TABLE, null],
  [0x10, 'table.size', Imm.TABLE, null],
  [0x11, 'table.fill', Imm.TABLE, null],
  // Wide arithmetic: 128-bit results as two i64s (low, high).
  [0x13, 'i64.add128', N, 'i64 i64 i64 i64 -> i64 i64'],
  [0x14, 'i64.sub128', N, 'i64 i64 i64 i64 -> i64 i64'],
  [0x15, 'i64.mul_wide_s', N, 'i64 i64 -> i64 i64'],
  [0x16, 'i64.mul_wide_u', N, 'i64 i64 -> i64 i64'],
] as const satisfies readonly Row[];

// Threads: atomic memory accesses (alignment must be exactly natural), wait,
// notify and fence. Widths are access widths, as for plain loads and stores.
// prettier-ignore
const ATOMIC = [
  [0x00, 'memory.atomic.notify', MA, 'a i32 -> i32', 4],
  [0x01, 'memory.atomic.wait32', MA, 'a i32 i64 -> i32', 4],
  [0x02, 'memory.atomic.wait64', MA, 'a i64 i64 -> i32', 8],
  [0x03, 'atomic.fence', Imm.ZERO_BYTE, ' -> '],
  [0x10, 'i32.atomic.load', MA, 'a -> i32', 4],
  [0x11, 'i64.atomic.load', MA, 'a -> i64', 8],
  [0x12, 'i32.atomic.load8_u', MA, 'a -> i32', 1],
  [0x13, 'i32.atomic.load16_u', MA, 'a -> i32', 2],
  [0x14, 'i64.atomic.load8_u', MA, 'a -> i64', 1],
  [0x15, 'i64.atomic.load16_u', MA, 'a -> i64', 2],
  [0x16, 'i64.atomic.load32_u', MA, 'a -> i64', 4],
  [0x17, 'i32.atomic.store', MA, 'a i32 -> ', 4],
  [0x18, 'i64.atomic.store', MA, 'a i64 -> ', 8],
  [0x19, 'i32.atomic.store8', MA, 'a i32 -> ', 1],
  [0x1a, 'i32.atomic.store16', MA, 'a i32 -> ', 2],
  [0x1b, 'i64.atomic.store8', MA, 'a i64 -> ', 1],
  [0x1c, 'i64.atomic.store16', MA, 'a i64 -> ', 2],
  [0x1d, 'i64.atomic.store32', MA, 'a i64 -> ', 4],
  [0x1e, 'i32.atomic.rmw.add', MA, 'a i32 -> i32', 4],
  [0x1f, 'i64.atomic.rmw.add', MA, 'a i64 -> i64', 8],
  [0x20, 'i32.atomic.rmw8.add_u', MA, 'a i32 -> i32', 1],
  [0x21, 'i32.atomic.rmw16.add_u', MA, 'a i32 -> i32', 2],
  [0x22, 'i64.atomic.rmw8.add_u', MA, 'a i64 -> i64', 1],
  [0x23, 'i64.atomic.rmw16.add_u', MA, 'a i64 -> i64', 2],
  [0x24, 'i64.atomic.rmw32.add_u', MA, 'a i64 -> i64', 4],
  [0x25, 'i32.atomic.rmw.sub', MA, 'a i32 -> i32', 4],
  [0x26, 'i64.atomic.rmw.sub', MA, 'a i64 -> i64', 8],
  [0x27, 'i32.atomic.rmw8.sub_u', MA, 'a i32 -> i32', 1],
  [0x28, 'i32.atomic.rmw16.sub_u', MA, 'a i32 -> i32', 2],
  [0x29, 'i64.atomic.rmw8.sub_u', MA, 'a i64 -> i64', 1],
  [0x2a, 'i64.atomic.rmw16.sub_u', MA, 'a i64 -> i64', 2],
  [0x2b, 'i64.atomic.rmw32.sub_u', MA, 'a i64 -> i64', 4],
  [0x2c, 'i32.atomic.rmw.and', MA, 'a i32 -> i32', 4],
  [0x2d, 'i64.atomic.rmw.and', MA, 'a i64 -> i64', 8],
  [0x2e, 'i32.atomic.rmw8.and_u', MA, 'a i32 -> i32', 1],
  [0x2f, 'i32.atomic.rmw16.and_u', MA, 'a i32 -> i32', 2],
  [0x30, 'i64.atomic.rmw8.and_u', MA, 'a i64 -> i64', 1],
  [0x31, 'i64.atomic.rmw16.and_u', MA, 'a i64 -> i64', 2],
  [0x32, 'i64.atomic.rmw32.and_u', MA, 'a i64 -> i64', 4],
  [0x33, 'i32.atomic.rmw.or', MA, 'a i32 -> i32', 4],
  [0x34, 'i64.atomic.rmw.or', MA, 'a i64 -> i64', 8],
  [0x35, 'i32.atomic.rmw8.or_u', MA, 'a i32 -> i32', 1],
  [0x36, 'i32.atomic.rmw16.or_u', MA, 'a i32 -> i32', 2],
  [0x37, 'i64.atomic.rmw8.or_u', MA, 'a i64 -> i64', 1],
  [0x38, 'i64.atomic.rmw16.or_u', MA, 'a i64 -> i64', 2],
  [0x39, 'i64.atomic.rmw32.or_u', MA, 'a i64 -> i64', 4],
  [0x3a, 'i32.atomic.rmw.xor', MA, 'a i32 -> i32', 4],
  [0x3b, 'i64.atomic.rmw.xor', MA, 'a i64 -> i64', 8],
  [0x3c, 'i32.atomic.rmw8.xor_u', MA, 'a i32 -> i32', 1],
  [0x3d, 'i32.atomic.rmw16.xor_u', MA, 'a i32 -> i32', 2],
  [0x3e, 'i64.atomic.rmw8.xor_u', MA, 'a i64 -> i64', 1],
  [0x3f, 'i64.atomic.rmw16.xor_u', MA, 'a i64 -> i64', 2],
  [0x40, 'i64.atomic.rmw32.xor_u', MA, 'a i64 -> i64', 4],
  [0x41, 'i32.atomic.rmw.xchg', MA, 'a i32 -> i32', 4],
  [0x42, 'i64.atomic.rmw.xchg', MA, 'a i64 -> i64', 8],
  [0x43, 'i32.atomic.rmw8.xchg_u', MA, 'a i32 -> i32', 1],
  [0x44, 'i32.atomic.rmw16.xchg_u', MA, 'a i32 -> i32', 2],
  [0x45, 'i64.atomic.rmw8.xchg_u', MA, 'a i64 -> i64', 1],
  [0x46, 'i64.atomic.rmw16.xchg_u', MA, 'a i64 -> i64', 2],
  [0x47, 'i64.atomic.rmw32.xchg_u', MA, 'a i64 -> i64', 4],
  [0x48, 'i32.atomic.rmw.cmpxchg', MA, 'a i32 i32 -> i32', 4],
  [0x49, 'i64.atomic.rmw.cmpxchg', MA, 'a i64 i64 -> i64', 8],
  [0x4a, 'i32.atomic.rmw8.cmpxchg_u', MA, 'a i32 i32 -> i32', 1],
  [0x4b, 'i32.atomic.rmw16.cmpxchg_u', MA, 'a i32 i32 -> i32', 2],
  [0x4c, 'i64.atomic.rmw8.cmpxchg_u', MA, 'a i64 i64 -> i64', 1],
  [0x4d, 'i64.atomic.rmw16.cmpxchg_u', MA, 'a i64 i64 -> i64', 2],
  [0x4e, 'i64.atomic.rmw32.cmpxchg_u', MA, 'a i64 i64 -> i64', 4],
] as const satisfies readonly Row[];

/** Instructions allowed in constant expressions (extended-const and GC included). */
const CONSTANT = new Set([
  'i32.const',
  'i64.const',
  'f32.const',
  'f64.const',
  'v128.const',
  'i32.add',
  'i32.sub',
  'i32.mul',
  'i64.add',
  'i64.sub',
  'i64.mul',
  'global.get',
  'ref.null',
  'ref.func',
  'ref.i31',
  'struct.new',
  'struct.new_default',
  'array.new',
  'array.new_default',
  'array.new_fixed',
  'struct.new_desc',
  'struct.new_default_desc',
  'any.convert_extern',
  'extern.convert_any',
  'end',
]);

// Signature type names. Reference types appear only where the type is fixed.
const SIG_TYPES: Record<string, ValType> = {
  i32: I32,
  i64: I64,
  f32: F32,
  f64: F64,
  v128: V128,
  a: ADDR,
  eqref: EQREF,
  arrayref: ARRAYREF,
  i31ref: I31REF,
  '(ref i31)': refType(HT_I31, false),
};

function parseTypes(s: string): ValType[] {
  const out: ValType[] = [];
  for (const word of s.trim().match(/\(ref [^)]*\)|\S+/g) ?? []) {
    const t = SIG_TYPES[word];
    if (t === undefined) throw new Error(`opcode table: unknown type ${word}`);
    out.push(t);
  }
  return out;
}

const ops: (OpInfo | undefined)[] = new Array(OP_ID_LIMIT).fill(undefined);
const byName = new Map<string, OpInfo>();
const idByKey: Record<string, number> = {};

// One pass over the rows builds every index of the table, each signature
// string parsed once (about 60 distinct ones among 600 instructions): this
// runs on every import, cold, in V8's interpreter, and took ~5 ms of
// importing environ as filter/map passes with a regex match per row.
{
  const sigs = new Map<string, readonly [ValType[], ValType[]]>();
  const add = (rows: readonly Row[], prefix: number, base: number): void => {
    for (const [code, name, imm, sig, width = 0] of rows) {
      let types: readonly [ValType[], ValType[]] | null = null;
      if (sig !== null) {
        types = sigs.get(sig) ?? null;
        if (types === null) {
          const [p, r] = sig.split('->');
          sigs.set(sig, (types = [parseTypes(p!), parseTypes(r!)]));
        }
      }
      const id = base + code;
      const info: OpInfo = {
        id,
        name,
        prefix,
        code,
        imm,
        params: types === null ? null : types[0],
        results: types === null ? null : types[1],
        width,
        constant: CONSTANT.has(name),
        feature: FEATURE_OPS.get(name) ?? null,
      };
      ops[id] = info;
      byName.set(name, info);
      idByKey[name.replaceAll('.', '_')] = id;
    }
  };
  add(CORE, 0, 0);
  add(GC, 0xfb, PREFIX_BASE[0xfb]);
  add(MISC, 0xfc, PREFIX_BASE[0xfc]);
  add(SIMD, 0xfd, PREFIX_BASE[0xfd]);
  add(ATOMIC, 0xfe, PREFIX_BASE[0xfe]);
}

/**
 * Every instruction, indexed by op id (holes are undefined). Instructions
 * with the same signature share its `params` and `results` arrays.
 */
export const OPS: readonly (OpInfo | undefined)[] = ops;

/** Every instruction by text mnemonic. */
export const OP_BY_NAME: ReadonlyMap<string, OpInfo> = byName;

/** Every instruction's text mnemonic, as a type. */
export type OpName = (
  typeof CORE | typeof GC | typeof MISC | typeof SIMD | typeof ATOMIC
)[number][1];

/** A mnemonic as an identifier: dots become underscores (`i32.add` is `i32_add`). */
export type OpKey<N extends string> = N extends `${infer A}.${infer B}` ? OpKey<`${A}_${B}`> : N;

/**
 * Op ids by name, one vocabulary for every phase: `Op.i32_add`,
 * `Op.local_get`, `Op.i8x16_shuffle`. Mnemonics spell the keys, with dots
 * as underscores; the compiler checks every use.
 */
export const Op = Object.freeze(idByKey) as { readonly [N in OpName as OpKey<N>]: number };

/** The op id of a mnemonic; throws for unknown names (a programming error). */
export function opId(name: string): number {
  const op = OP_BY_NAME.get(name);
  if (op === undefined) throw new Error(`unknown instruction ${name}`);
  return op.id;
}
