/**
 * A small binary module builder for tests: LEB128 encoders, sections and
 * instructions, written by hand from the binary format (it deliberately does
 * not use the opcode table under test).
 *
 * Everything produces `Bytes`: a byte, a `Mark`, or a nested array of those.
 * A `Mark` is zero bytes long and learns its absolute offset in the module
 * when `wasm(...)` assembles it, so tests can assert error offsets without
 * counting bytes by hand:
 *
 *   const at = mark();
 *   const bytes = wasm(typeSec(type.func([], [])), funcSec(0), codeSec(body([at, op.i32_add])));
 *   // at.offset is the offset of the i32.add
 */

/** A zero-length marker that records where it lands in the assembled module. */
export class Mark {
  offset = -1;
}

export type Bytes = number | Mark | readonly Bytes[];

export function mark(): Mark {
  return new Mark();
}

/** Number of bytes in `b` (marks count zero). */
export function len(b: Bytes): number {
  if (typeof b === 'number') return 1;
  if (b instanceof Mark) return 0;
  let n = 0;
  for (const x of b) n += len(x);
  return n;
}

/** Flattens `b` into bytes, resolving marks relative to `base`. */
export function bytesOf(b: Bytes, base = 0): Uint8Array {
  const out: number[] = [];
  const walk = (x: Bytes): void => {
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0 || x > 255) throw new Error(`not a byte: ${x}`);
      out.push(x);
    } else if (x instanceof Mark) {
      x.offset = base + out.length;
    } else {
      for (const y of x) walk(y);
    }
  };
  walk(b);
  return Uint8Array.from(out);
}

// -----------------------------------------------------------------------------
// Numbers.

/** Unsigned LEB128 (any width up to 64 bits); `pad` forces at least that many bytes. */
export function uleb(value: number | bigint, pad = 0): number[] {
  let v = BigInt(value);
  if (v < 0n) throw new Error('uleb of a negative number');
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(b);
  } while (v !== 0n);
  while (out.length < pad) out.push(0);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

/** Signed LEB128; `pad` forces at least that many bytes (sign-extended). */
export function sleb(value: number | bigint, pad = 0): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(b);
    if (done) break;
  }
  const fill = v === -1n ? 0x7f : 0;
  while (out.length < pad) out.push(fill);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

export const u32 = (n: number): number[] => {
  if (n < 0 || n > 0xffffffff) throw new Error(`u32 out of range: ${n}`);
  return uleb(n);
};
export const u64 = (n: number | bigint): number[] => uleb(n);
export const s32 = (n: number): number[] => sleb(n);
export const s33 = (n: number): number[] => sleb(n);
export const s64 = (n: number | bigint): number[] => sleb(n);

/** Little-endian bytes of an f32 (from a number, or raw bits with `bits: true`). */
export function f32bytes(x: number, bits = false): number[] {
  const view = new DataView(new ArrayBuffer(4));
  if (bits) view.setUint32(0, x >>> 0, true);
  else view.setFloat32(0, x, true);
  return [...new Uint8Array(view.buffer)];
}

export function f64bytes(x: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return [...new Uint8Array(view.buffer)];
}

/** Little-endian u32 word. */
export function le32(x: number): number[] {
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff];
}

/** A length-prefixed UTF-8 name. */
export function str(s: string): Bytes {
  const b = [...new TextEncoder().encode(s)];
  return [u32(b.length), b];
}

/** A vector: u32 count, then the items. */
export function vec(items: readonly Bytes[]): Bytes {
  return [u32(items.length), items];
}

// -----------------------------------------------------------------------------
// Types.

/** Abstract heap types, as their one-byte codes. */
export const ht = {
  noexn: 0x74,
  nofunc: 0x73,
  noextern: 0x72,
  none: 0x71,
  func: 0x70,
  extern: 0x6f,
  any: 0x6e,
  eq: 0x6d,
  i31: 0x6c,
  struct: 0x6b,
  array: 0x6a,
  exn: 0x69,
} as const;

/** Value and storage types. */
export const t = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  i8: 0x78,
  i16: 0x77,
  funcref: 0x70,
  externref: 0x6f,
  anyref: 0x6e,
  eqref: 0x6d,
  i31ref: 0x6c,
  structref: 0x6b,
  arrayref: 0x6a,
  exnref: 0x69,
  nullref: 0x71,
  nullfuncref: 0x73,
  nullexternref: 0x72,
  nullexnref: 0x74,
  /** `(ref heap)`: heap is an abstract code from `ht` or a type index (`{ idx: n }`). */
  ref: (heap: HeapArg): Bytes => [0x64, heapBytes(heap)],
  /** `(ref null heap)`. */
  refNull: (heap: HeapArg): Bytes => [0x63, heapBytes(heap)],
} as const;

/**
 * A heap type argument: an abstract code (`ht.func`), a type index as
 * `{ idx }`, or an exact type index as `{ exact }` (custom descriptors).
 */
export type HeapArg = number | { readonly idx: number } | { readonly exact: number };

/** Type index `n` as a heap type argument. */
export const idx = (n: number): { idx: number } => ({ idx: n });

/** The exact heap type of type index `n`, `(exact n)`: `0x62 n:u32`. */
export const exact = (n: number): { exact: number } => ({ exact: n });

export function heapBytes(h: HeapArg): Bytes {
  if (typeof h === 'number') return h;
  return 'exact' in h ? [0x62, u32(h.exact)] : s33(h.idx);
}

export const type = {
  func: (params: readonly Bytes[], results: readonly Bytes[]): Bytes => [
    0x60,
    vec(params),
    vec(results),
  ],
  struct: (...fields: Bytes[]): Bytes => [0x5f, vec(fields)],
  array: (field: Bytes): Bytes => [0x5e, field],
  /** A field or array element type. */
  field: (storage: Bytes, mutable = false): Bytes => [storage, mutable ? 1 : 0],
  /** An open (non-final) subtype with the given supertypes. */
  sub: (supers: readonly number[], comp: Bytes): Bytes => [0x50, vec(supers.map(u32)), comp],
  /** A final subtype with the given supertypes. */
  subFinal: (supers: readonly number[], comp: Bytes): Bytes => [0x4f, vec(supers.map(u32)), comp],
  /** A recursion group. */
  rec: (...types: Bytes[]): Bytes => [0x4e, vec(types)],
  /** `(describes x)` before a composite type (custom descriptors). */
  describes: (x: number, comp: Bytes): Bytes => [0x4c, u32(x), comp],
  /** `(descriptor x)` before a composite type (custom descriptors). */
  descriptor: (x: number, comp: Bytes): Bytes => [0x4d, u32(x), comp],
};

export interface LimitsOptions {
  readonly is64?: boolean;
  readonly shared?: boolean;
  /** A custom page size's log2 (flag bit 3, custom page sizes). */
  readonly pageSizeLog2?: number;
}

export function limits(
  min: number | bigint,
  max?: number | bigint,
  { is64 = false, shared = false, pageSizeLog2 }: LimitsOptions = {},
): Bytes {
  const paged = pageSizeLog2 !== undefined;
  const flags = (max !== undefined ? 1 : 0) | (shared ? 2 : 0) | (is64 ? 4 : 0) | (paged ? 8 : 0);
  return [flags, u64(min), max !== undefined ? u64(max) : [], paged ? u32(pageSizeLog2) : []];
}

export function tableType(
  elem: Bytes,
  min: number | bigint,
  max?: number | bigint,
  is64 = false,
): Bytes {
  return [elem, limits(min, max, { is64 })];
}

export function memType(
  min: number | bigint,
  max?: number | bigint,
  is64 = false,
  shared = false,
): Bytes {
  return limits(min, max, { is64, shared });
}

export function globalType(valtype: Bytes, mutable = false): Bytes {
  return [valtype, mutable ? 1 : 0];
}

// -----------------------------------------------------------------------------
// Sections.

export const MAGIC = [0x00, 0x61, 0x73, 0x6d];
export const VERSION = [0x01, 0x00, 0x00, 0x00];

/** Assembles a module from its sections (in the order given) and resolves marks. */
export function wasm(...sections: Bytes[]): Uint8Array {
  return bytesOf([MAGIC, VERSION, sections]);
}

export function section(id: number, ...payload: Bytes[]): Bytes {
  return [id, u32(len(payload)), payload];
}

export function customSec(name: string, ...payload: Bytes[]): Bytes {
  return section(0, str(name), payload);
}

export const typeSec = (...types: Bytes[]): Bytes => section(1, vec(types));
export const importSec = (...imports: Bytes[]): Bytes => section(2, vec(imports));
export const funcSec = (...typeIndices: number[]): Bytes => section(3, vec(typeIndices.map(u32)));
export const tableSec = (...tables: Bytes[]): Bytes => section(4, vec(tables));
export const memSec = (...memories: Bytes[]): Bytes => section(5, vec(memories));
export const tagSec = (...typeIndices: number[]): Bytes =>
  section(13, vec(typeIndices.map((x) => [0x00, u32(x)])));
export const globalSec = (...globals: Bytes[]): Bytes => section(6, vec(globals));
export const exportSec = (...exports: Bytes[]): Bytes => section(7, vec(exports));
export const startSec = (func: number): Bytes => section(8, u32(func));
export const elemSec = (...segments: Bytes[]): Bytes => section(9, vec(segments));
export const dataCountSec = (n: number): Bytes => section(12, u32(n));
export const codeSec = (...bodies: Bytes[]): Bytes => section(10, vec(bodies));
export const dataSec = (...segments: Bytes[]): Bytes => section(11, vec(segments));

export const imp = {
  func: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x00,
    u32(typeIndex),
  ],
  table: (module: string, name: string, tt: Bytes): Bytes => [str(module), str(name), 0x01, tt],
  memory: (module: string, name: string, mt: Bytes): Bytes => [str(module), str(name), 0x02, mt],
  global: (module: string, name: string, gt: Bytes): Bytes => [str(module), str(name), 0x03, gt],
  /** An exact function import (custom descriptors). */
  funcExact: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x20,
    u32(typeIndex),
  ],
  tag: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x04,
    0x00,
    u32(typeIndex),
  ],
};

export type ExportKind = 'func' | 'table' | 'memory' | 'global' | 'tag';
const EXPORT_KIND: Record<ExportKind, number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

export function exp(name: string, kind: ExportKind, index: number): Bytes {
  return [str(name), EXPORT_KIND[kind], u32(index)];
}

/** A constant expression: the instructions and the closing `end`. */
export function expr(...instrs: Bytes[]): Bytes {
  return [instrs, 0x0b];
}

/** A global: its type and initializer instructions (without `end`). */
export function global(valtype: Bytes, mutable: boolean, ...init: Bytes[]): Bytes {
  return [globalType(valtype, mutable), expr(...init)];
}

/** A table with an explicit initializer (the 0x40 0x00 form). */
export function tableWithInit(tt: Bytes, ...init: Bytes[]): Bytes {
  return [0x40, 0x00, tt, expr(...init)];
}

/** Element segments, one builder per encoding flag (0 to 7). */
export const elem = {
  /** 0: active on table 0, function indices. */
  active: (offset: Bytes[], funcs: number[]): Bytes => [0x00, expr(...offset), vec(funcs.map(u32))],
  /** 1: passive, function indices. */
  passive: (funcs: number[]): Bytes => [0x01, 0x00, vec(funcs.map(u32))],
  /** 2: active on an explicit table, function indices. */
  activeTable: (table: number, offset: Bytes[], funcs: number[]): Bytes => [
    0x02,
    u32(table),
    expr(...offset),
    0x00,
    vec(funcs.map(u32)),
  ],
  /** 3: declarative, function indices. */
  declarative: (funcs: number[]): Bytes => [0x03, 0x00, vec(funcs.map(u32))],
  /** 4: active on table 0, funcref expressions. */
  activeExprs: (offset: Bytes[], exprs: Bytes[][]): Bytes => [
    0x04,
    expr(...offset),
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 5: passive, typed expressions. */
  passiveExprs: (reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x05,
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 6: active on an explicit table, typed expressions. */
  activeTableExprs: (table: number, offset: Bytes[], reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x06,
    u32(table),
    expr(...offset),
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 7: declarative, typed expressions. */
  declarativeExprs: (reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x07,
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
};

/** Data segments, one builder per encoding flag (0 to 2). */
export const data = {
  active: (offset: Bytes[], bytes: readonly number[]): Bytes => [
    0x00,
    expr(...offset),
    vec([...bytes]),
  ],
  passive: (bytes: readonly number[]): Bytes => [0x01, vec([...bytes])],
  activeMem: (memory: number, offset: Bytes[], bytes: readonly number[]): Bytes => [
    0x02,
    u32(memory),
    expr(...offset),
    vec([...bytes]),
  ],
};

/** A run of locals for `body`: `[count, type]`. */
export type Locals = readonly (readonly [count: number, type: Bytes])[];

/** A function body: locals, the instructions, and the closing `end` (added here). */
export function body(instrs: readonly Bytes[], locals: Locals = []): Bytes {
  return bodyRaw([vec(locals.map(([n, ty]) => [u32(n), ty])), instrs, 0x0b]);
}

/** A function body entry with exactly `payload` (locals and code) after its size. */
export function bodyRaw(payload: Bytes): Bytes {
  return [u32(len(payload)), payload];
}

// -----------------------------------------------------------------------------
// Instructions.

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

// -----------------------------------------------------------------------------
// Convenience.

export interface FuncModule {
  /**
   * Types placed before the function's own type, so that its signature may
   * refer to them; the function's type is then `preTypes.length` (else 0).
   */
  readonly preTypes?: readonly Bytes[];
  /** How many types `preTypes` define, when a recursion group among them defines several. */
  readonly preTypeCount?: number;
  /** Signature of the function under test. */
  readonly params?: readonly Bytes[];
  readonly results?: readonly Bytes[];
  readonly locals?: Locals;
  readonly body: readonly Bytes[];
  /** More types, after the function's type. */
  readonly types?: readonly Bytes[];
  readonly imports?: readonly Bytes[];
  readonly tables?: readonly Bytes[];
  readonly memories?: readonly Bytes[];
  /** Tags, by type index. */
  readonly tags?: readonly number[];
  readonly globals?: readonly Bytes[];
  readonly exports?: readonly Bytes[];
  readonly elems?: readonly Bytes[];
  readonly dataCount?: number;
  readonly datas?: readonly Bytes[];
  /** More defined functions after the one under test. */
  readonly funcs?: readonly {
    readonly type: number;
    readonly body: readonly Bytes[];
    readonly locals?: Locals;
  }[];
}

/**
 * A module around one function under test: its type is type 0 (after any
 * `preTypes`) and it is the first defined function. Sections that are not
 * asked for are left out.
 */
export function funcModule(spec: FuncModule): Uint8Array {
  const funcs = spec.funcs ?? [];
  const pre = spec.preTypes ?? [];
  const opt = (items: readonly unknown[] | undefined, make: () => Bytes): Bytes =>
    items === undefined ? [] : make();
  return wasm(
    typeSec(...pre, type.func(spec.params ?? [], spec.results ?? []), ...(spec.types ?? [])),
    opt(spec.imports, () => importSec(...spec.imports!)),
    funcSec(spec.preTypeCount ?? pre.length, ...funcs.map((f) => f.type)),
    opt(spec.tables, () => tableSec(...spec.tables!)),
    opt(spec.memories, () => memSec(...spec.memories!)),
    opt(spec.tags, () => tagSec(...spec.tags!)),
    opt(spec.globals, () => globalSec(...spec.globals!)),
    opt(spec.exports, () => exportSec(...spec.exports!)),
    opt(spec.elems, () => elemSec(...spec.elems!)),
    spec.dataCount === undefined ? [] : dataCountSec(spec.dataCount),
    codeSec(body(spec.body, spec.locals), ...funcs.map((f) => body(f.body, f.locals))),
    opt(spec.datas, () => dataSec(...spec.datas!)),
  );
}
