/**
 * Validation rules of the GC aggregate instructions: structures and arrays,
 * typed by the type index in their immediates. (`array.len` is typed by
 * signature.)
 */
import { storageSub, valSub } from '../../match.js';
import { Op } from '../../opcodes.js';
import {
  I32,
  isDefaultable,
  isNum,
  isPacked,
  isVec,
  refType,
  unpacked,
  valTypeToString,
} from '../../types.js';
import type { CodeValidator } from '../code.js';
import { allocated, arrayType, dataIndex, elemType, structType } from '../lookups.js';
import type { Rules } from '../rules.js';

function structAccess(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const st = structType(v, x);
  const field = st.fields[imm[at + 1]! >>> 0];
  if (field === undefined) v.fail(`unknown field ${imm[at + 1]! >>> 0}`);
  if (id === Op.struct_set) {
    if (!field.mutable) v.fail('immutable field');
    v.pop(unpacked(field.storage));
    v.pop(refType(x, true));
    return;
  }
  const packed = isPacked(field.storage);
  if (id === Op.struct_get && packed) v.fail('field is packed');
  if (id !== Op.struct_get && !packed) v.fail('field is unpacked');
  v.pop(refType(x, true));
  v.push(unpacked(field.storage));
}

function arrayNew(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const t = unpacked(arrayType(v, x).field.storage);
  v.pop(I32);
  if (id === Op.array_new) v.pop(t);
  else if (!isDefaultable(t)) v.fail('array type is not defaultable');
  v.push(allocated(v, x));
}

function arrayGet(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const storage = arrayType(v, x).field.storage;
  const packed = isPacked(storage);
  if (id === Op.array_get && packed) v.fail('array is packed');
  if (id !== Op.array_get && !packed) v.fail('array is unpacked');
  v.pop(I32);
  v.pop(refType(x, true));
  v.push(unpacked(storage));
}

function arraySetOrFill(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const field = arrayType(v, x).field;
  if (!field.mutable) v.fail('immutable array');
  if (id === Op.array_fill) v.pop(I32);
  v.pop(unpacked(field.storage));
  v.pop(I32);
  v.pop(refType(x, true));
}

function arrayInit(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const field = arrayType(v, x).field;
  if (!field.mutable) v.fail('immutable array');
  const t = unpacked(field.storage);
  if (id === Op.array_init_data) {
    dataIndex(v, imm[at + 1]!);
    if (!isNum(t) && !isVec(t)) v.fail('array type is not numeric or vector');
  } else {
    const seg = elemType(v, imm[at + 1]!);
    if (!valSub(v.ctx, seg, t)) {
      v.fail(
        `type mismatch: element segment's type ${valTypeToString(seg)} does not match array's field type`,
      );
    }
  }
  v.pop(I32);
  v.pop(I32);
  v.pop(I32);
  v.pop(refType(x, true));
}

/**
 * `struct.new`, `struct.new_default` and (custom descriptors) their `_desc`
 * forms, which take an exact reference to the new struct's descriptor last:
 * a type with a descriptor is allocated only with it, a type without one
 * only without it.
 */
function structNew(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const x = imm[at]!;
  const st = structType(v, x);
  const defaults = id === Op.struct_new_default || id === Op.struct_new_default_desc;
  if (defaults) {
    for (const f of st.fields) {
      if (!isDefaultable(unpacked(f.storage))) v.fail('field type is not defaultable');
    }
  }
  const descriptor = v.ctx.types[x]!.descriptor;
  if (id === Op.struct_new_desc || id === Op.struct_new_default_desc) {
    if (descriptor < 0) v.fail('type without descriptor requires non-descriptor allocation');
    v.pop(refType(descriptor, true, true));
  } else if (descriptor >= 0) {
    v.fail('type with descriptor requires descriptor allocation');
  }
  if (!defaults) {
    for (let i = st.fields.length - 1; i >= 0; i--) v.pop(unpacked(st.fields[i]!.storage));
  }
  v.push(allocated(v, x));
}

export const GC: Rules = {
  struct_new: structNew,
  struct_new_default: structNew,
  struct_new_desc: structNew,
  struct_new_default_desc: structNew,
  struct_get: structAccess,
  struct_get_s: structAccess,
  struct_get_u: structAccess,
  struct_set: structAccess,
  array_new: arrayNew,
  array_new_default: arrayNew,
  array_new_fixed(v, _id, imm, at) {
    const x = imm[at]!;
    const t = unpacked(arrayType(v, x).field.storage);
    v.popRepeated(t, imm[at + 1]! >>> 0);
    v.push(allocated(v, x));
  },
  array_new_data(v, _id, imm, at) {
    const x = imm[at]!;
    const t = unpacked(arrayType(v, x).field.storage);
    dataIndex(v, imm[at + 1]!);
    if (!isNum(t) && !isVec(t)) v.fail('array type is not numeric or vector');
    v.pop(I32);
    v.pop(I32);
    v.push(allocated(v, x));
  },
  array_new_elem(v, _id, imm, at) {
    const x = imm[at]!;
    const t = unpacked(arrayType(v, x).field.storage);
    const seg = elemType(v, imm[at + 1]!);
    if (!valSub(v.ctx, seg, t)) {
      v.fail(
        `type mismatch: element segment's type ${valTypeToString(seg)} does not match array's field type`,
      );
    }
    v.pop(I32);
    v.pop(I32);
    v.push(allocated(v, x));
  },
  array_get: arrayGet,
  array_get_s: arrayGet,
  array_get_u: arrayGet,
  array_set: arraySetOrFill,
  array_fill: arraySetOrFill,
  array_copy(v, _id, imm, at) {
    const x = imm[at]!;
    const y = imm[at + 1]!;
    const dst = arrayType(v, x).field;
    const src = arrayType(v, y).field;
    if (!dst.mutable) v.fail('immutable array');
    if (!storageSub(v.ctx, src.storage, dst.storage)) v.fail('array types do not match');
    v.pop(I32);
    v.pop(I32);
    v.pop(refType(y, true));
    v.pop(I32);
    v.pop(refType(x, true));
  },
  array_init_data: arrayInit,
  array_init_elem: arrayInit,
};
