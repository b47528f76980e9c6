/** The kinds of immediate operands of instructions, and the shape of a row of the opcode table. */

/** Kinds of immediate operands; each fixes the binary and text syntax and the layout in `imm`. */
export const Imm = {
  /** No immediates. */
  NONE: 0,
  /** Block type; imm = [typeIndex | -1, valType | 0, endIndex, elseIndex]. */
  BLOCK: 1,
  /** Label depth; imm = [depth]. */
  LABEL: 2,
  /** imm = [n, label_0 ... label_n-1, default]. */
  BR_TABLE: 3,
  FUNC: 4,
  /** imm = [typeIndex, tableIndex]. */
  CALL_INDIRECT: 5,
  TYPE: 6,
  LOCAL: 7,
  GLOBAL: 8,
  TABLE: 9,
  /** Memory index (memory.size, memory.grow, memory.fill). */
  MEM: 10,
  /** imm = [memIndex, alignLog2, offsetLo, offsetHi]. */
  MEMARG: 11,
  /** imm = [memIndex, alignLog2, offsetLo, offsetHi, lane]. */
  MEMARG_LANE: 12,
  LANE: 13,
  /** 16 lane indices packed little-endian into 4 words. */
  SHUFFLE: 14,
  I32: 15,
  /** imm = [lo, hi]. */
  I64: 16,
  /** imm = [bits]. */
  F32: 17,
  /** imm = [lo, hi] of the bit pattern. */
  F64: 18,
  /** imm = 4 little-endian words. */
  V128: 19,
  /** select with a type vector; imm = [first type, vector length] (validation requires length 1). */
  SELECT_T: 20,
  /** No binary immediate; the validator records the operand type; imm = [type]. */
  OPERAND_TYPE: 21,
  /** imm = [heapType, exact]: `exact` is 1 for an exact heap type (custom descriptors), else 0. */
  HEAP: 22,
  /**
   * imm = [flags, label, heapType1, heapType2]: flags bits 0 and 1 are the
   * nullability of the two types (as in the binary), bits 2 and 3 their
   * exactness (custom descriptors).
   */
  BR_ON_CAST: 23,
  /** imm = [typeIndex, fieldIndex]. */
  TYPE_FIELD: 24,
  /** imm = [dstTypeIndex, srcTypeIndex]. */
  TYPE_TYPE: 25,
  TYPE_DATA: 26,
  TYPE_ELEM: 27,
  /** imm = [typeIndex, count]. */
  TYPE_COUNT: 28,
  DATA: 29,
  ELEM: 30,
  /** Binary order: data index, memory index. */
  MEM_INIT: 31,
  /** imm = [dstMemory, srcMemory]. */
  MEM_COPY: 32,
  /** Binary order: elem index, table index. */
  TABLE_INIT: 33,
  /** imm = [dstTable, srcTable]. */
  TABLE_COPY: 34,
  /** imm = [typeIndex | -1, valType | 0, endIndex, -1, n, (kind, tag, label) * n]. */
  TRY_TABLE: 35,
  TAG: 36,
  /**
   * Legacy `catch`: imm = [tag, next], `next` the index of the try's next
   * clause (`catch`, `catch_all`) or of its `end` (set by the validator).
   */
  CATCH: 37,
  /** Legacy `catch_all`: imm = [next], the index of the try's `end`. */
  CATCH_ALL: 38,
  /** One reserved byte that must be 0 (`atomic.fence`); imm = []. */
  ZERO_BYTE: 39,
} as const;
export type Imm = (typeof Imm)[keyof typeof Imm];

/**
 * One instruction in a table of opcodes.ts: its opcode (after the prefix),
 * mnemonic, immediate kind, signature (`'i32 i32 -> i32'`; `a` is the
 * address type of the memory in the immediate) or null when the validator
 * types it by hand, and access width or lane count.
 */
export type OpRow = readonly [
  code: number,
  name: string,
  imm: Imm,
  sig: string | null,
  width?: number,
];
