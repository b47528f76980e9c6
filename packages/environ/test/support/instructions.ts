/**
 * Instructions of the test module builder: `op` (by text name, dots as
 * underscores, immediates as arguments), memargs, block types and catch
 * clauses, encoded by hand from the binary format.
 */
import {
  f32bytes,
  f64bytes,
  le32,
  Mark,
  s32,
  s33,
  s64,
  u32,
  u64,
  vec,
  type Bytes,
} from './bytes.js';
import { heapBytes, type HeapArg } from './types.js';

/** Block type argument: omitted/`null` for empty, a value type, or `{ idx }` for a type index. */
export type BlockTypeArg = null | Bytes | { readonly idx: number };

function blockType(b: BlockTypeArg | undefined): Bytes {
  if (b === undefined || b === null) return 0x40;
  if (typeof b === 'object' && !Array.isArray(b) && !(b instanceof Mark)) {
    return s33((b as { idx: number }).idx);
  }
  return b as Bytes;
}

/** A memory argument; a memory index other than 0 sets flag bit 6. */
export function memarg(align: number, offset: number | bigint = 0, memory = 0): Bytes {
  if (memory !== 0) return [u32(align | 0x40), u32(memory), u64(offset)];
  return [u32(align), u64(offset)];
}

/** A catch clause of `try_table`. */
export const catchClause = {
  catch: (tag: number, label: number): Bytes => [0x00, u32(tag), u32(label)],
  catchRef: (tag: number, label: number): Bytes => [0x01, u32(tag), u32(label)],
  catchAll: (label: number): Bytes => [0x02, u32(label)],
  catchAllRef: (label: number): Bytes => [0x03, u32(label)],
};

/** Numeric instructions without immediates, 0x45 to 0xc4, in opcode order. */
// prettier-ignore
export const NUMERIC_OPS: readonly string[] = [
  'i32.eqz', 'i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s',
  'i32.le_u', 'i32.ge_s', 'i32.ge_u',
  'i64.eqz', 'i64.eq', 'i64.ne', 'i64.lt_s', 'i64.lt_u', 'i64.gt_s', 'i64.gt_u', 'i64.le_s',
  'i64.le_u', 'i64.ge_s', 'i64.ge_u',
  'f32.eq', 'f32.ne', 'f32.lt', 'f32.gt', 'f32.le', 'f32.ge',
  'f64.eq', 'f64.ne', 'f64.lt', 'f64.gt', 'f64.le', 'f64.ge',
  'i32.clz', 'i32.ctz', 'i32.popcnt', 'i32.add', 'i32.sub', 'i32.mul', 'i32.div_s', 'i32.div_u',
  'i32.rem_s', 'i32.rem_u', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u',
  'i32.rotl', 'i32.rotr',
  'i64.clz', 'i64.ctz', 'i64.popcnt', 'i64.add', 'i64.sub', 'i64.mul', 'i64.div_s', 'i64.div_u',
  'i64.rem_s', 'i64.rem_u', 'i64.and', 'i64.or', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u',
  'i64.rotl', 'i64.rotr',
  'f32.abs', 'f32.neg', 'f32.ceil', 'f32.floor', 'f32.trunc', 'f32.nearest', 'f32.sqrt', 'f32.add',
  'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max', 'f32.copysign',
  'f64.abs', 'f64.neg', 'f64.ceil', 'f64.floor', 'f64.trunc', 'f64.nearest', 'f64.sqrt', 'f64.add',
  'f64.sub', 'f64.mul', 'f64.div', 'f64.min', 'f64.max', 'f64.copysign',
  'i32.wrap_i64', 'i32.trunc_f32_s', 'i32.trunc_f32_u', 'i32.trunc_f64_s', 'i32.trunc_f64_u',
  'i64.extend_i32_s', 'i64.extend_i32_u', 'i64.trunc_f32_s', 'i64.trunc_f32_u', 'i64.trunc_f64_s',
  'i64.trunc_f64_u', 'f32.convert_i32_s', 'f32.convert_i32_u', 'f32.convert_i64_s',
  'f32.convert_i64_u', 'f32.demote_f64', 'f64.convert_i32_s', 'f64.convert_i32_u',
  'f64.convert_i64_s', 'f64.convert_i64_u', 'f64.promote_f32', 'i32.reinterpret_f32',
  'i64.reinterpret_f64', 'f32.reinterpret_i32', 'f64.reinterpret_i64',
  'i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s',
];

/** Loads and stores, 0x28 to 0x3e, in opcode order. */
// prettier-ignore
export const MEMORY_OPS: readonly string[] = [
  'i32.load', 'i64.load', 'f32.load', 'f64.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s',
  'i32.load16_u', 'i64.load8_s', 'i64.load8_u', 'i64.load16_s', 'i64.load16_u', 'i64.load32_s',
  'i64.load32_u', 'i32.store', 'i64.store', 'f32.store', 'f64.store', 'i32.store8', 'i32.store16',
  'i64.store8', 'i64.store16', 'i64.store32',
];

type MemOp = (align?: number, offset?: number | bigint, memory?: number) => Bytes;
const NATURAL: Record<string, number> = { '8': 0, '16': 1, '32': 2 };

function naturalAlign(name: string): number {
  const m = /(load|store)(8|16|32)/.exec(name);
  if (m) return NATURAL[m[2]!]!;
  return name.startsWith('i64') || name.startsWith('f64') ? 3 : 2;
}

const numeric: Record<string, number> = {};
NUMERIC_OPS.forEach((name, i) => (numeric[name.replace('.', '_')] = 0x45 + i));
const memoryOps: Record<string, MemOp> = {};
MEMORY_OPS.forEach((name, i) => {
  memoryOps[name.replace('.', '_')] = (align = naturalAlign(name), offset = 0, memory = 0) => [
    0x28 + i,
    memarg(align, offset, memory),
  ];
});

const gc = (sub: number, ...imm: Bytes[]): Bytes => [0xfb, u32(sub), imm];
const misc = (sub: number, ...imm: Bytes[]): Bytes => [0xfc, u32(sub), imm];
const simd = (sub: number, ...imm: Bytes[]): Bytes => [0xfd, u32(sub), imm];
const atomic = (sub: number, ...imm: Bytes[]): Bytes => [0xfe, u32(sub), imm];

/** Threads: an atomic access by sub-opcode, natural alignment `align` by default. */
const atomicOp =
  (sub: number, natural: number) =>
  (align = natural, offset: number | bigint = 0, mem = 0): Bytes =>
    atomic(sub, memarg(align, offset, mem));

const atomics = {
  memory_atomic_notify: atomicOp(0x00, 2),
  memory_atomic_wait32: atomicOp(0x01, 2),
  memory_atomic_wait64: atomicOp(0x02, 3),
  /** `atomic.fence` with its reserved byte (0 unless given). */
  atomic_fence: (reserved = 0): Bytes => atomic(0x03, reserved),
  i32_atomic_load: atomicOp(0x10, 2),
  i64_atomic_load: atomicOp(0x11, 3),
  i32_atomic_load8_u: atomicOp(0x12, 0),
  i64_atomic_load32_u: atomicOp(0x16, 2),
  i32_atomic_store: atomicOp(0x17, 2),
  i64_atomic_store: atomicOp(0x18, 3),
  i32_atomic_store16: atomicOp(0x1a, 1),
  i32_atomic_rmw_add: atomicOp(0x1e, 2),
  i64_atomic_rmw_add: atomicOp(0x1f, 3),
  i32_atomic_rmw8_add_u: atomicOp(0x20, 0),
  i64_atomic_rmw32_xchg_u: atomicOp(0x47, 2),
  i32_atomic_rmw_cmpxchg: atomicOp(0x48, 2),
  i64_atomic_rmw_cmpxchg: atomicOp(0x49, 3),
  i64_atomic_rmw16_cmpxchg_u: atomicOp(0x4d, 1),
};

const control = {
  unreachable: 0x00,
  nop: 0x01,
  block: (bt?: BlockTypeArg): Bytes => [0x02, blockType(bt)],
  loop: (bt?: BlockTypeArg): Bytes => [0x03, blockType(bt)],
  if: (bt?: BlockTypeArg): Bytes => [0x04, blockType(bt)],
  else: 0x05,
  try: (bt?: BlockTypeArg): Bytes => [0x06, blockType(bt)],
  catch: (tag: number): Bytes => [0x07, u32(tag)],
  throw: (tag: number): Bytes => [0x08, u32(tag)],
  rethrow: (l: number): Bytes => [0x09, u32(l)],
  delegate: (l: number): Bytes => [0x18, u32(l)],
  catch_all: 0x19,
  throw_ref: 0x0a,
  end: 0x0b,
  br: (l: number): Bytes => [0x0c, u32(l)],
  br_if: (l: number): Bytes => [0x0d, u32(l)],
  br_table: (labels: readonly number[], dflt: number): Bytes => [
    0x0e,
    vec(labels.map(u32)),
    u32(dflt),
  ],
  return: 0x0f,
  call: (f: number): Bytes => [0x10, u32(f)],
  call_indirect: (typeIndex: number, table = 0): Bytes => [0x11, u32(typeIndex), u32(table)],
  return_call: (f: number): Bytes => [0x12, u32(f)],
  return_call_indirect: (typeIndex: number, table = 0): Bytes => [0x13, u32(typeIndex), u32(table)],
  call_ref: (typeIndex: number): Bytes => [0x14, u32(typeIndex)],
  return_call_ref: (typeIndex: number): Bytes => [0x15, u32(typeIndex)],
  drop: 0x1a,
  select: 0x1b,
  select_t: (...types: Bytes[]): Bytes => [0x1c, vec(types)],
  try_table: (bt: BlockTypeArg, ...catches: Bytes[]): Bytes => [0x1f, blockType(bt), vec(catches)],
};

const variable = {
  local_get: (x: number): Bytes => [0x20, u32(x)],
  local_set: (x: number): Bytes => [0x21, u32(x)],
  local_tee: (x: number): Bytes => [0x22, u32(x)],
  global_get: (x: number): Bytes => [0x23, u32(x)],
  global_set: (x: number): Bytes => [0x24, u32(x)],
  table_get: (x = 0): Bytes => [0x25, u32(x)],
  table_set: (x = 0): Bytes => [0x26, u32(x)],
};

const memory = {
  memory_size: (mem = 0): Bytes => [0x3f, u32(mem)],
  memory_grow: (mem = 0): Bytes => [0x40, u32(mem)],
  memory_init: (dataIndex: number, mem = 0): Bytes => misc(0x08, u32(dataIndex), u32(mem)),
  data_drop: (dataIndex: number): Bytes => misc(0x09, u32(dataIndex)),
  memory_copy: (dst = 0, src = 0): Bytes => misc(0x0a, u32(dst), u32(src)),
  memory_fill: (mem = 0): Bytes => misc(0x0b, u32(mem)),
};

const table = {
  table_init: (elemIndex: number, tableIndex = 0): Bytes =>
    misc(0x0c, u32(elemIndex), u32(tableIndex)),
  elem_drop: (elemIndex: number): Bytes => misc(0x0d, u32(elemIndex)),
  table_copy: (dst = 0, src = 0): Bytes => misc(0x0e, u32(dst), u32(src)),
  table_grow: (x = 0): Bytes => misc(0x0f, u32(x)),
  table_size: (x = 0): Bytes => misc(0x10, u32(x)),
  table_fill: (x = 0): Bytes => misc(0x11, u32(x)),
};

const constants = {
  i32_const: (n: number): Bytes => [0x41, s32(n)],
  i64_const: (n: number | bigint): Bytes => [0x42, s64(n)],
  f32_const: (x: number): Bytes => [0x43, f32bytes(x)],
  f64_const: (x: number): Bytes => [0x44, f64bytes(x)],
  /** 16 lane bytes, or 4 little-endian 32-bit words. */
  v128_const: (lanes: readonly number[]): Bytes =>
    simd(0x0c, lanes.length === 4 ? lanes.map(le32) : [...lanes]),
};

const reference = {
  ref_null: (heap: HeapArg): Bytes => [0xd0, heapBytes(heap)],
  ref_is_null: 0xd1,
  ref_func: (f: number): Bytes => [0xd2, u32(f)],
  ref_eq: 0xd3,
  ref_as_non_null: 0xd4,
  br_on_null: (l: number): Bytes => [0xd5, u32(l)],
  br_on_non_null: (l: number): Bytes => [0xd6, u32(l)],
};

const gcOps = {
  struct_new: (x: number): Bytes => gc(0x00, u32(x)),
  struct_new_default: (x: number): Bytes => gc(0x01, u32(x)),
  struct_get: (x: number, field: number): Bytes => gc(0x02, u32(x), u32(field)),
  struct_get_s: (x: number, field: number): Bytes => gc(0x03, u32(x), u32(field)),
  struct_get_u: (x: number, field: number): Bytes => gc(0x04, u32(x), u32(field)),
  struct_set: (x: number, field: number): Bytes => gc(0x05, u32(x), u32(field)),
  array_new: (x: number): Bytes => gc(0x06, u32(x)),
  array_new_default: (x: number): Bytes => gc(0x07, u32(x)),
  array_new_fixed: (x: number, n: number): Bytes => gc(0x08, u32(x), u32(n)),
  array_new_data: (x: number, d: number): Bytes => gc(0x09, u32(x), u32(d)),
  array_new_elem: (x: number, e: number): Bytes => gc(0x0a, u32(x), u32(e)),
  array_get: (x: number): Bytes => gc(0x0b, u32(x)),
  array_get_s: (x: number): Bytes => gc(0x0c, u32(x)),
  array_get_u: (x: number): Bytes => gc(0x0d, u32(x)),
  array_set: (x: number): Bytes => gc(0x0e, u32(x)),
  array_len: gc(0x0f),
  array_fill: (x: number): Bytes => gc(0x10, u32(x)),
  array_copy: (x: number, y: number): Bytes => gc(0x11, u32(x), u32(y)),
  array_init_data: (x: number, d: number): Bytes => gc(0x12, u32(x), u32(d)),
  array_init_elem: (x: number, e: number): Bytes => gc(0x13, u32(x), u32(e)),
  ref_test: (heap: HeapArg): Bytes => gc(0x14, heapBytes(heap)),
  ref_test_null: (heap: HeapArg): Bytes => gc(0x15, heapBytes(heap)),
  ref_cast: (heap: HeapArg): Bytes => gc(0x16, heapBytes(heap)),
  ref_cast_null: (heap: HeapArg): Bytes => gc(0x17, heapBytes(heap)),
  /** flags: bit 0 = source nullable, bit 1 = target nullable. */
  br_on_cast: (flags: number, label: number, from: HeapArg, to: HeapArg): Bytes =>
    gc(0x18, flags, u32(label), heapBytes(from), heapBytes(to)),
  br_on_cast_fail: (flags: number, label: number, from: HeapArg, to: HeapArg): Bytes =>
    gc(0x19, flags, u32(label), heapBytes(from), heapBytes(to)),
  any_convert_extern: gc(0x1a),
  extern_convert_any: gc(0x1b),
  ref_i31: gc(0x1c),
  i31_get_s: gc(0x1d),
  i31_get_u: gc(0x1e),
  // Custom descriptors.
  struct_new_desc: (x: number): Bytes => gc(0x20, u32(x)),
  struct_new_default_desc: (x: number): Bytes => gc(0x21, u32(x)),
  ref_get_desc: (x: number): Bytes => gc(0x22, u32(x)),
  ref_cast_desc_eq: (heap: HeapArg): Bytes => gc(0x23, heapBytes(heap)),
  ref_cast_desc_eq_null: (heap: HeapArg): Bytes => gc(0x24, heapBytes(heap)),
  br_on_cast_desc_eq: (flags: number, label: number, from: HeapArg, to: HeapArg): Bytes =>
    gc(0x25, flags, u32(label), heapBytes(from), heapBytes(to)),
  br_on_cast_desc_eq_fail: (flags: number, label: number, from: HeapArg, to: HeapArg): Bytes =>
    gc(0x26, flags, u32(label), heapBytes(from), heapBytes(to)),
};

const saturating = {
  i32_trunc_sat_f32_s: misc(0x00),
  i32_trunc_sat_f32_u: misc(0x01),
  i32_trunc_sat_f64_s: misc(0x02),
  i32_trunc_sat_f64_u: misc(0x03),
  i64_trunc_sat_f32_s: misc(0x04),
  i64_trunc_sat_f32_u: misc(0x05),
  i64_trunc_sat_f64_s: misc(0x06),
  i64_trunc_sat_f64_u: misc(0x07),
};

const vector = {
  /** Any 0xfd instruction by sub-opcode, with raw immediates. */
  simd,
  v128_load: (align = 4, offset: number | bigint = 0, mem = 0): Bytes =>
    simd(0x00, memarg(align, offset, mem)),
  v128_store: (align = 4, offset: number | bigint = 0, mem = 0): Bytes =>
    simd(0x0b, memarg(align, offset, mem)),
  v128_load8_splat: (align = 0, offset = 0): Bytes => simd(0x07, memarg(align, offset)),
  v128_load32_zero: (align = 2, offset = 0): Bytes => simd(0x5c, memarg(align, offset)),
  /** Lane indices are raw bytes. */
  i8x16_shuffle: (lanes: readonly number[]): Bytes => simd(0x0d, [...lanes]),
  i8x16_swizzle: simd(0x0e),
  i8x16_splat: simd(0x0f),
  i32x4_splat: simd(0x11),
  i64x2_splat: simd(0x12),
  f64x2_splat: simd(0x14),
  i8x16_extract_lane_s: (lane: number): Bytes => simd(0x15, lane),
  i8x16_replace_lane: (lane: number): Bytes => simd(0x17, lane),
  i16x8_extract_lane_u: (lane: number): Bytes => simd(0x19, lane),
  i32x4_extract_lane: (lane: number): Bytes => simd(0x1b, lane),
  i64x2_extract_lane: (lane: number): Bytes => simd(0x1d, lane),
  i64x2_replace_lane: (lane: number): Bytes => simd(0x1e, lane),
  f64x2_extract_lane: (lane: number): Bytes => simd(0x21, lane),
  v128_not: simd(0x4d),
  v128_and: simd(0x4e),
  v128_bitselect: simd(0x52),
  v128_any_true: simd(0x53),
  v128_load8_lane: (align: number, offset: number, lane: number, mem = 0): Bytes =>
    simd(0x54, memarg(align, offset, mem), lane),
  v128_load64_lane: (align: number, offset: number, lane: number, mem = 0): Bytes =>
    simd(0x57, memarg(align, offset, mem), lane),
  v128_store16_lane: (align: number, offset: number, lane: number, mem = 0): Bytes =>
    simd(0x59, memarg(align, offset, mem), lane),
  i8x16_shl: simd(0x6b),
  i32x4_add: simd(0xae),
  i64x2_mul: simd(0xd5),
  f32x4_add: simd(0xe4),
  f64x2_convert_low_i32x4_u: simd(0xff),
  i8x16_relaxed_swizzle: simd(0x100),
  f32x4_relaxed_madd: simd(0x105),
  i32x4_relaxed_dot_i8x16_i7x16_add_s: simd(0x113),
};

/** Instructions by text name (dots as underscores); immediates are function arguments. */
export const op = {
  ...control,
  ...variable,
  ...(memoryOps as Record<MemoryName, MemOp>),
  ...memory,
  ...table,
  ...constants,
  ...(numeric as Record<NumericName, number>),
  ...reference,
  ...gcOps,
  ...saturating,
  ...vector,
  ...atomics,
  /** Any 0xfb instruction by sub-opcode. */
  gc,
  /** Any 0xfc instruction by sub-opcode. */
  misc,
};

type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
// prettier-ignore
type NumericName = Underscored<
  | 'i32.eqz' | 'i32.eq' | 'i32.ne' | 'i32.lt_s' | 'i32.lt_u' | 'i32.gt_s' | 'i32.gt_u'
  | 'i32.le_s' | 'i32.le_u' | 'i32.ge_s' | 'i32.ge_u' | 'i64.eqz' | 'i64.eq' | 'i64.ne'
  | 'i64.lt_s' | 'i64.lt_u' | 'i64.gt_s' | 'i64.gt_u' | 'i64.le_s' | 'i64.le_u' | 'i64.ge_s'
  | 'i64.ge_u' | 'f32.eq' | 'f32.ne' | 'f32.lt' | 'f32.gt' | 'f32.le' | 'f32.ge' | 'f64.eq'
  | 'f64.ne' | 'f64.lt' | 'f64.gt' | 'f64.le' | 'f64.ge' | 'i32.clz' | 'i32.ctz' | 'i32.popcnt'
  | 'i32.add' | 'i32.sub' | 'i32.mul' | 'i32.div_s' | 'i32.div_u' | 'i32.rem_s' | 'i32.rem_u'
  | 'i32.and' | 'i32.or' | 'i32.xor' | 'i32.shl' | 'i32.shr_s' | 'i32.shr_u' | 'i32.rotl'
  | 'i32.rotr' | 'i64.clz' | 'i64.ctz' | 'i64.popcnt' | 'i64.add' | 'i64.sub' | 'i64.mul'
  | 'i64.div_s' | 'i64.div_u' | 'i64.rem_s' | 'i64.rem_u' | 'i64.and' | 'i64.or' | 'i64.xor'
  | 'i64.shl' | 'i64.shr_s' | 'i64.shr_u' | 'i64.rotl' | 'i64.rotr' | 'f32.abs' | 'f32.neg'
  | 'f32.ceil' | 'f32.floor' | 'f32.trunc' | 'f32.nearest' | 'f32.sqrt' | 'f32.add' | 'f32.sub'
  | 'f32.mul' | 'f32.div' | 'f32.min' | 'f32.max' | 'f32.copysign' | 'f64.abs' | 'f64.neg'
  | 'f64.ceil' | 'f64.floor' | 'f64.trunc' | 'f64.nearest' | 'f64.sqrt' | 'f64.add' | 'f64.sub'
  | 'f64.mul' | 'f64.div' | 'f64.min' | 'f64.max' | 'f64.copysign' | 'i32.wrap_i64'
  | 'i32.trunc_f32_s' | 'i32.trunc_f32_u' | 'i32.trunc_f64_s' | 'i32.trunc_f64_u'
  | 'i64.extend_i32_s' | 'i64.extend_i32_u' | 'i64.trunc_f32_s' | 'i64.trunc_f32_u'
  | 'i64.trunc_f64_s' | 'i64.trunc_f64_u' | 'f32.convert_i32_s' | 'f32.convert_i32_u'
  | 'f32.convert_i64_s' | 'f32.convert_i64_u' | 'f32.demote_f64' | 'f64.convert_i32_s'
  | 'f64.convert_i32_u' | 'f64.convert_i64_s' | 'f64.convert_i64_u' | 'f64.promote_f32'
  | 'i32.reinterpret_f32' | 'i64.reinterpret_f64' | 'f32.reinterpret_i32' | 'f64.reinterpret_i64'
  | 'i32.extend8_s' | 'i32.extend16_s' | 'i64.extend8_s' | 'i64.extend16_s' | 'i64.extend32_s'
>;
// prettier-ignore
type MemoryName = Underscored<
  | 'i32.load' | 'i64.load' | 'f32.load' | 'f64.load' | 'i32.load8_s' | 'i32.load8_u'
  | 'i32.load16_s' | 'i32.load16_u' | 'i64.load8_s' | 'i64.load8_u' | 'i64.load16_s'
  | 'i64.load16_u' | 'i64.load32_s' | 'i64.load32_u' | 'i32.store' | 'i64.store' | 'f32.store'
  | 'f64.store' | 'i32.store8' | 'i32.store16' | 'i64.store8' | 'i64.store16' | 'i64.store32'
>;
