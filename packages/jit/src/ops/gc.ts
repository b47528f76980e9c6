/**
 * GC instructions: structs, arrays, i31, casts and extern conversions.
 * Operands are read from, and results written to, frame slots in the
 * runtime representation (`readSlot`/`writeSlot`): simple and uniform, at
 * some cost that GC-heavy code may later want specialized away.
 */
import {
  HT_ANY,
  HT_ARRAY,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_STRUCT,
  I16,
  I8,
  unpacked,
  type StorageType,
} from '@weft/environ';
import {
  createArrayStorage,
  defaultValue,
  f32FromBits,
  FuncInstance,
  I32_SLOTS,
  readSlot,
  REF_SLOTS,
  TrapCode,
  V128,
  WasmArray,
  WasmStruct,
  writeSlot,
  type Frame,
  type InstanceHandle,
  type TypeRegistry,
} from '@weft/runtime';
import type { Expr, RefExpr, Stmt } from '../compiler/types.js';
import { trap } from './trap.js';

/** Largest array Weft allocates (elements); larger requests trap. */
export const MAX_ARRAY_LENGTH = 1 << 28;

function pack(t: StorageType, v: unknown): unknown {
  if (t === I8) return (v as number) & 0xff;
  if (t === I16) return (v as number) & 0xffff;
  if (v instanceof V128) return new V128(v.bytes);
  return v;
}

function unpack(t: StorageType, v: unknown, signed: boolean): unknown {
  if (t === I8) return signed ? ((v as number) << 24) >> 24 : (v as number) & 0xff;
  if (t === I16) return signed ? ((v as number) << 16) >> 16 : (v as number) & 0xffff;
  return v;
}

function struct(v: unknown, site: Frame): WasmStruct {
  if (v === null) trap(TrapCode.NullStructReference, site);
  return v as WasmStruct;
}

function array(v: unknown, site: Frame): WasmArray {
  if (v === null) trap(TrapCode.NullArrayReference, site);
  return v as WasmArray;
}

/** `struct.new`: fields in slots `base ..`, result into slot `base`. */
export function structNew(typeId: number, fields: readonly StorageType[], base: number): Stmt {
  return (fp) => {
    const values = new Array<unknown>(fields.length);
    for (let i = 0; i < fields.length; i++) {
      values[i] = pack(fields[i]!, readSlot(fp + base + i, unpacked(fields[i]!)));
    }
    REF_SLOTS[fp + base] = new WasmStruct(typeId, values);
    return 0;
  };
}

export function structNewDefault(typeId: number, fields: readonly StorageType[]): RefExpr {
  return () => new WasmStruct(typeId, fields.map(defaultValue));
}

/** The descriptor operand of an allocation or a descriptor cast: null traps. */
function descriptor(v: unknown, site: Frame): WasmStruct {
  if (v === null) trap(TrapCode.NullDescriptorReference, site);
  return v as WasmStruct;
}

/**
 * `struct.new_desc` (custom descriptors): fields in slots `base ..`, then
 * the descriptor; result into slot `base`.
 */
export function structNewDesc(
  typeId: number,
  fields: readonly StorageType[],
  base: number,
  site: Frame,
): Stmt {
  const n = fields.length;
  return (fp) => {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      values[i] = pack(fields[i]!, readSlot(fp + base + i, unpacked(fields[i]!)));
    }
    const desc = descriptor(REF_SLOTS[fp + base + n], site);
    REF_SLOTS[fp + base] = new WasmStruct(typeId, values, desc);
    return 0;
  };
}

/** `struct.new_default_desc` (custom descriptors): the descriptor is the operand. */
export function structNewDefaultDesc(
  typeId: number,
  fields: readonly StorageType[],
  desc: RefExpr,
  site: Frame,
): RefExpr {
  return (fp) => new WasmStruct(typeId, fields.map(defaultValue), descriptor(desc(fp), site));
}

/** `ref.get_desc` (custom descriptors): the descriptor of a struct. */
export function refGetDesc(ref: RefExpr, site: Frame): RefExpr {
  return (fp) => {
    const v = ref(fp);
    if (v === null) trap(TrapCode.NullReference, site);
    return (v as WasmStruct).desc;
  };
}

/** Whether non-null `v` is a struct whose descriptor is `desc`. */
function hasDescriptor(v: unknown, desc: WasmStruct): boolean {
  return v instanceof WasmStruct && v.desc === desc;
}

/**
 * `ref.cast_desc_eq` (custom descriptors): the reference if its descriptor
 * is the given one (a null descriptor traps first); null passes a nullable
 * cast.
 */
export function refCastDescEq(
  ref: RefExpr,
  desc: RefExpr,
  nullable: boolean,
  site: Frame,
): RefExpr {
  return (fp) => {
    const v = ref(fp);
    const d = descriptor(desc(fp), site);
    if (v === null ? !nullable : !hasDescriptor(v, d)) {
      trap(TrapCode.DescriptorCastFailure, site);
    }
    return v;
  };
}

/**
 * `br_on_cast_desc_eq` (or `_fail` with `onFail`; custom descriptors): the
 * reference is in slot `slot`, the descriptor in `slot + 1`.
 */
export function brOnCastDescEq(
  slot: number,
  nullable: boolean,
  onFail: boolean,
  move: Stmt | null,
  code: number,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = descriptor(REF_SLOTS[fp + slot + 1], site);
    const v = REF_SLOTS[fp + slot];
    const ok = v === null ? nullable : hasDescriptor(v, d);
    if (ok === onFail) return 0;
    if (move !== null) move(fp);
    return code;
  };
}

/** `struct.get*`: reference in slot `base`, result into slot `base`. */
export function structGet(
  index: number,
  storage: StorageType,
  signed: boolean,
  base: number,
  site: Frame,
): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const s = struct(REF_SLOTS[fp + base], site);
    writeSlot(fp + base, t, unpack(storage, s.fields[index], signed));
    return 0;
  };
}

/** `struct.set`: reference in slot `base`, value in `base + 1`. */
export function structSet(index: number, storage: StorageType, base: number, site: Frame): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const s = struct(REF_SLOTS[fp + base], site);
    s.fields[index] = pack(storage, readSlot(fp + base + 1, t));
    return 0;
  };
}

function allocate(
  storage: StorageType,
  n: number,
  site: Frame,
): ReturnType<typeof createArrayStorage> {
  if (n > MAX_ARRAY_LENGTH) trap(TrapCode.AllocationTooLarge, site);
  return createArrayStorage(storage, n);
}

function fillStorage(elements: WasmArray['elements'], v: unknown, from: number, to: number): void {
  if (v instanceof V128) {
    for (let i = from; i < to; i++) (elements as unknown[])[i] = new V128(v.bytes);
  } else {
    (elements as unknown[]).fill(v as never, from, to);
  }
}

/** `array.new`/`array.new_default`: [init,] length in slots from `base`; result into `base`. */
export function arrayNew(
  typeId: number,
  storage: StorageType,
  base: number,
  withInit: boolean,
  site: Frame,
): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const init = withInit ? pack(storage, readSlot(fp + base, t)) : defaultValue(storage);
    const n = I32_SLOTS[fp + base + (withInit ? 1 : 0)]! >>> 0;
    const elements = allocate(storage, n, site);
    if (withInit) fillStorage(elements, init, 0, n);
    REF_SLOTS[fp + base] = new WasmArray(typeId, elements);
    return 0;
  };
}

/** `array.new_fixed`: `n` values in slots from `base`; result into `base`. */
export function arrayNewFixed(
  typeId: number,
  storage: StorageType,
  n: number,
  base: number,
  site: Frame,
): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const elements = allocate(storage, n, site);
    for (let i = 0; i < n; i++)
      (elements as unknown[])[i] = pack(storage, readSlot(fp + base + i, t));
    REF_SLOTS[fp + base] = new WasmArray(typeId, elements);
    return 0;
  };
}

const ELEMENT_BYTES: Partial<Record<number, number>> = {
  0x78: 1,
  0x77: 2,
  0x7f: 4,
  0x7e: 8,
  0x7d: 4,
  0x7c: 8,
  0x7b: 16,
};

/** Reads element `i` of type `t` from segment bytes (little-endian). */
function readData(view: DataView, t: StorageType, at: number): unknown {
  switch (t) {
    case I8:
      return view.getUint8(at);
    case I16:
      return view.getUint16(at, true);
    case 0x7f:
      return view.getInt32(at, true);
    case 0x7e:
      return view.getBigInt64(at, true);
    case 0x7d:
      return f32FromBits(view.getInt32(at, true));
    case 0x7c:
      return view.getFloat64(at, true);
    default:
      return new V128(new Uint8Array(view.buffer, view.byteOffset + at, 16));
  }
}

/** `array.new_data`: offset and length in slots `base`, `base + 1`; result into `base`. */
export function arrayNewData(
  instance: InstanceHandle,
  typeId: number,
  storage: StorageType,
  seg: number,
  base: number,
  site: Frame,
): Stmt {
  const size = ELEMENT_BYTES[storage]!;
  return (fp) => {
    const s = I32_SLOTS[fp + base]! >>> 0;
    const n = I32_SLOTS[fp + base + 1]! >>> 0;
    const bytes = instance.datas[seg] ?? new Uint8Array(0);
    if (s + n * size > bytes.length) trap(TrapCode.MemoryOutOfBounds, site);
    const elements = allocate(storage, n, site);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++) (elements as unknown[])[i] = readData(view, storage, s + i * size);
    REF_SLOTS[fp + base] = new WasmArray(typeId, elements);
    return 0;
  };
}

/** `array.new_elem`: offset and length in slots `base`, `base + 1`; result into `base`. */
export function arrayNewElem(
  instance: InstanceHandle,
  typeId: number,
  seg: number,
  base: number,
  site: Frame,
): Stmt {
  return (fp) => {
    const s = I32_SLOTS[fp + base]! >>> 0;
    const n = I32_SLOTS[fp + base + 1]! >>> 0;
    const refs = instance.elems[seg] ?? [];
    if (s + n > refs.length) trap(TrapCode.TableOutOfBounds, site);
    REF_SLOTS[fp + base] = new WasmArray(typeId, refs.slice(s, s + n));
    return 0;
  };
}

function checkIndex(a: WasmArray, i: number, site: Frame): void {
  if (i >= a.elements.length) trap(TrapCode.ArrayOutOfBounds, site);
}

/** `array.get*`: reference and index in slots `base`, `base + 1`; result into `base`. */
export function arrayGet(storage: StorageType, signed: boolean, base: number, site: Frame): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const a = array(REF_SLOTS[fp + base], site);
    const i = I32_SLOTS[fp + base + 1]! >>> 0;
    checkIndex(a, i, site);
    const v = (a.elements as ArrayLike<unknown>)[i];
    writeSlot(fp + base, t, unpack(storage, v instanceof V128 ? new V128(v.bytes) : v, signed));
    return 0;
  };
}

/** `array.set`: reference, index and value in slots from `base`. */
export function arraySet(storage: StorageType, base: number, site: Frame): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const a = array(REF_SLOTS[fp + base], site);
    const i = I32_SLOTS[fp + base + 1]! >>> 0;
    checkIndex(a, i, site);
    (a.elements as unknown[])[i] = pack(storage, readSlot(fp + base + 2, t));
    return 0;
  };
}

export function arrayLen(ref: RefExpr, site: Frame): Expr {
  return (fp) => array(ref(fp), site).elements.length;
}

/** `array.fill`: reference, offset, value, length in slots from `base`. */
export function arrayFill(storage: StorageType, base: number, site: Frame): Stmt {
  const t = unpacked(storage);
  return (fp) => {
    const a = array(REF_SLOTS[fp + base], site);
    const d = I32_SLOTS[fp + base + 1]! >>> 0;
    const v = pack(storage, readSlot(fp + base + 2, t));
    const n = I32_SLOTS[fp + base + 3]! >>> 0;
    if (d + n > a.elements.length) trap(TrapCode.ArrayOutOfBounds, site);
    fillStorage(a.elements, v, d, d + n);
    return 0;
  };
}

/** `array.copy`: dst ref, dst offset, src ref, src offset, length in slots from `base`. */
export function arrayCopy(base: number, site: Frame): Stmt {
  return (fp) => {
    const dst = array(REF_SLOTS[fp + base], site);
    const d = I32_SLOTS[fp + base + 1]! >>> 0;
    const src = array(REF_SLOTS[fp + base + 2], site);
    const s = I32_SLOTS[fp + base + 3]! >>> 0;
    const n = I32_SLOTS[fp + base + 4]! >>> 0;
    if (d + n > dst.elements.length || s + n > src.elements.length)
      trap(TrapCode.ArrayOutOfBounds, site);
    const de = dst.elements as unknown[];
    const se = src.elements as unknown[];
    if (dst === src && d > s) for (let i = n - 1; i >= 0; i--) de[d + i] = se[s + i];
    else for (let i = 0; i < n; i++) de[d + i] = se[s + i];
    return 0;
  };
}

/** `array.init_data`: ref, dst offset, src offset, length in slots from `base`. */
export function arrayInitData(
  instance: InstanceHandle,
  storage: StorageType,
  seg: number,
  base: number,
  site: Frame,
): Stmt {
  const size = ELEMENT_BYTES[storage]!;
  return (fp) => {
    const a = array(REF_SLOTS[fp + base], site);
    const d = I32_SLOTS[fp + base + 1]! >>> 0;
    const s = I32_SLOTS[fp + base + 2]! >>> 0;
    const n = I32_SLOTS[fp + base + 3]! >>> 0;
    if (d + n > a.elements.length) trap(TrapCode.ArrayOutOfBounds, site);
    const bytes = instance.datas[seg] ?? new Uint8Array(0);
    if (s + n * size > bytes.length) trap(TrapCode.MemoryOutOfBounds, site);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++)
      (a.elements as unknown[])[d + i] = readData(view, storage, s + i * size);
    return 0;
  };
}

/** `array.init_elem`: ref, dst offset, src offset, length in slots from `base`. */
export function arrayInitElem(
  instance: InstanceHandle,
  seg: number,
  base: number,
  site: Frame,
): Stmt {
  return (fp) => {
    const a = array(REF_SLOTS[fp + base], site);
    const d = I32_SLOTS[fp + base + 1]! >>> 0;
    const s = I32_SLOTS[fp + base + 2]! >>> 0;
    const n = I32_SLOTS[fp + base + 3]! >>> 0;
    if (d + n > a.elements.length) trap(TrapCode.ArrayOutOfBounds, site);
    const refs = instance.elems[seg] ?? [];
    if (s + n > refs.length) trap(TrapCode.TableOutOfBounds, site);
    for (let i = 0; i < n; i++) (a.elements as unknown[])[d + i] = refs[s + i];
    return 0;
  };
}

export function i31Get(ref: RefExpr, signed: boolean, site: Frame): Expr {
  return (fp) => {
    const v = ref(fp);
    if (v === null) trap(TrapCode.NullI31Reference, site);
    return signed ? (v as number) : (v as number) & 0x7fffffff;
  };
}

/**
 * Whether non-null or null value `v` has heap type `heap` (a global type id
 * or an abstract code), or exactly type `heap` when `exact` (custom
 * descriptors). The operand's static type already places it in the right
 * hierarchy, so top types always match.
 */
export function matchesHeap(
  v: unknown,
  heap: number,
  registry: TypeRegistry,
  exact = false,
): boolean {
  if (heap >= 0) {
    if (v instanceof WasmStruct || v instanceof WasmArray || v instanceof FuncInstance) {
      return exact ? v.typeId === heap : registry.isSubtype(v.typeId, heap);
    }
    return false;
  }
  switch (heap) {
    case HT_ANY:
    case HT_FUNC:
    case HT_EXTERN:
    case HT_EXN:
      return true;
    case HT_EQ:
      return typeof v === 'number' || v instanceof WasmStruct || v instanceof WasmArray;
    case HT_I31:
      return typeof v === 'number';
    case HT_STRUCT:
      return v instanceof WasmStruct;
    case HT_ARRAY:
      return v instanceof WasmArray;
    default:
      return false; // the bottom types have no values
  }
}

export function refTest(
  ref: RefExpr,
  heap: number,
  nullable: boolean,
  registry: TypeRegistry,
  exact = false,
): Expr {
  return (fp) => {
    const v = ref(fp);
    if (v === null) return nullable ? 1 : 0;
    return matchesHeap(v, heap, registry, exact) ? 1 : 0;
  };
}

export function refCast(
  ref: RefExpr,
  heap: number,
  nullable: boolean,
  registry: TypeRegistry,
  site: Frame,
  exact = false,
): RefExpr {
  return (fp) => {
    const v = ref(fp);
    if (v === null ? !nullable : !matchesHeap(v, heap, registry, exact)) {
      trap(TrapCode.CastFailure, site);
    }
    return v;
  };
}

/** `br_on_cast` (or `_fail` with `onFail`): the reference is in slot `slot`. */
export function brOnCast(
  slot: number,
  heap: number,
  nullable: boolean,
  registry: TypeRegistry,
  onFail: boolean,
  move: Stmt | null,
  code: number,
  exact = false,
): Stmt {
  return (fp) => {
    const v = REF_SLOTS[fp + slot];
    const ok = v === null ? nullable : matchesHeap(v, heap, registry, exact);
    if (ok === onFail) return 0;
    if (move !== null) move(fp);
    return code;
  };
}
