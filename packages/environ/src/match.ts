/**
 * Subtyping ("matching") of the WebAssembly 3.0 type system, relative to one
 * module's type section. Concrete types compare by their canonical index, so
 * iso-recursively equal types are equal.
 */
import {
  BOT,
  HT_ANY,
  HT_ARRAY,
  HT_BOT,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_NOEXN,
  HT_NOEXTERN,
  HT_NOFUNC,
  HT_NONE,
  HT_STRUCT,
  heapOf,
  isExact,
  isNullable,
  isRef,
  isPacked,
  type CompType,
  type FieldType,
  type HeapType,
  type StorageType,
  type SubType,
  type ValType,
} from './types.js';

/** The types a matching question is asked against. */
export interface TypeSpace {
  readonly types: readonly SubType[];
  /** Canonical index of each type (see `ModuleInfo.canonicalTypes`). */
  readonly canon: ArrayLike<number>;
}

function kindOf(space: TypeSpace, h: HeapType): CompType['kind'] {
  return space.types[h]!.comp.kind;
}

/** Whether concrete type `a` is `b` or declares it, directly or not, as a supertype. */
function concreteSub(space: TypeSpace, a: number, b: number): boolean {
  const target = space.canon[b];
  for (let t = a; t >= 0; t = space.types[t]!.supertype) {
    if (space.canon[t] === target) return true;
  }
  return false;
}

/** Heap type subtyping `a <: b`. */
export function heapSub(space: TypeSpace, a: HeapType, b: HeapType): boolean {
  if (a === b || a === HT_BOT) return true;
  if (b >= 0) {
    if (a >= 0) return concreteSub(space, a, b);
    const kind = kindOf(space, b);
    if (a === HT_NONE) return kind === 'struct' || kind === 'array';
    if (a === HT_NOFUNC) return kind === 'func';
    return false;
  }
  if (a >= 0) {
    const kind = kindOf(space, a);
    switch (b) {
      case HT_ANY:
      case HT_EQ:
        return kind === 'struct' || kind === 'array';
      case HT_STRUCT:
        return kind === 'struct';
      case HT_ARRAY:
        return kind === 'array';
      case HT_FUNC:
        return kind === 'func';
      default:
        return false;
    }
  }
  switch (b) {
    case HT_ANY:
      return a === HT_EQ || a === HT_I31 || a === HT_STRUCT || a === HT_ARRAY || a === HT_NONE;
    case HT_EQ:
      return a === HT_I31 || a === HT_STRUCT || a === HT_ARRAY || a === HT_NONE;
    case HT_I31:
    case HT_STRUCT:
    case HT_ARRAY:
      return a === HT_NONE;
    case HT_FUNC:
      return a === HT_NOFUNC;
    case HT_EXTERN:
      return a === HT_NOEXTERN;
    case HT_EXN:
      return a === HT_NOEXN;
    default:
      return false;
  }
}

/**
 * Value type subtyping `a <: b`; the unknown type `BOT` matches everything.
 * An exact reference type `(ref (exact $t))` (custom descriptors) is a
 * subtype of `(ref $t)`, and only the bottom types and the exact forms of
 * types equal to `$t` are subtypes of it.
 */
export function valSub(space: TypeSpace, a: ValType, b: ValType): boolean {
  if (a === b || a === BOT) return true;
  if (!isRef(a) || !isRef(b)) return false;
  if (isNullable(a) && !isNullable(b)) return false;
  const ha = heapOf(a);
  const hb = heapOf(b);
  if (isExact(b)) {
    if (isExact(a)) return space.canon[ha] === space.canon[hb];
    if (ha >= 0) return false;
  }
  return heapSub(space, ha, hb);
}

/** Whether two value types are equal (mutual subtypes). */
export function valEq(space: TypeSpace, a: ValType, b: ValType): boolean {
  return valSub(space, a, b) && valSub(space, b, a);
}

export function resultSub(space: TypeSpace, a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valSub(space, a[i]!, b[i]!)) return false;
  return true;
}

/** The top of a heap type's hierarchy: any, func, extern or exn. */
export function topOf(space: TypeSpace, h: HeapType): HeapType {
  if (h >= 0) return kindOf(space, h) === 'func' ? HT_FUNC : HT_ANY;
  switch (h) {
    case HT_FUNC:
    case HT_NOFUNC:
      return HT_FUNC;
    case HT_EXTERN:
    case HT_NOEXTERN:
      return HT_EXTERN;
    case HT_EXN:
    case HT_NOEXN:
      return HT_EXN;
    case HT_BOT:
      return HT_BOT;
    default:
      return HT_ANY;
  }
}

function storageSub(space: TypeSpace, a: StorageType, b: StorageType): boolean {
  if (isPacked(a) || isPacked(b)) return a === b;
  return valSub(space, a, b);
}

function fieldSub(space: TypeSpace, a: FieldType, b: FieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  if (!storageSub(space, a.storage, b.storage)) return false;
  return !a.mutable || storageSub(space, b.storage, a.storage);
}

/** Structural subtyping of composite types, for declared supertypes. */
export function compSub(space: TypeSpace, a: CompType, b: CompType): boolean {
  if (a.kind === 'func' && b.kind === 'func') {
    return resultSub(space, b.params, a.params) && resultSub(space, a.results, b.results);
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    if (a.fields.length < b.fields.length) return false;
    for (let i = 0; i < b.fields.length; i++) {
      if (!fieldSub(space, a.fields[i]!, b.fields[i]!)) return false;
    }
    return true;
  }
  if (a.kind === 'array' && b.kind === 'array') return fieldSub(space, a.field, b.field);
  return false;
}

/** Storage type subtyping, exported for `array.copy`. */
export { storageSub };
