/**
 * References and GC: `ref.*`, casts and tests, `br_on_cast`, i31, extern
 * conversions, structs and arrays (runtime helpers in ../../ops/gc.ts).
 * Struct and array instructions take their operands from slots: they are
 * placed there (in order, after what is pending below) and a statement
 * leaves the result in the first operand's slot.
 */
import type { ArrayType, StructType, ValType } from '@weft/environ';
import { externalize, internalize, toI31 } from '@weft/runtime';
import * as gc from '../../ops/gc.js';
import * as vars from '../../ops/variables.js';
import type { Handler, Handlers } from '../dispatch.js';
import {
  classOf,
  CLS_I32,
  CLS_REF,
  constOperand,
  exprOperand,
  toExpr,
  toRefExpr,
  type ValueClass,
} from '../operands.js';
import type { Translator } from '../translator.js';
import type { RefExpr, Stmt } from '../types.js';

/** i8 and i16 fields are read as i32. */
function unpacked(t: ValType): ValType {
  return t === 0x78 || t === 0x77 ? 0x7f : t;
}

/** The struct type of the current instruction's type immediate, and its global id. */
function structOf(t: Translator) {
  const typeIndex = t.imm(0);
  return {
    typeId: t.instance.typeIds[typeIndex]!,
    fields: (t.module.types[typeIndex]!.comp as StructType).fields,
  };
}

function arrayOf(t: Translator) {
  const typeIndex = t.imm(0);
  const field = (t.module.types[typeIndex]!.comp as ArrayType).field;
  return { typeId: t.instance.typeIds[typeIndex]!, storage: t.globalType(field.storage) };
}

/**
 * An instruction whose `n` operands are read from slots by `build(base)`:
 * they are placed first; the result (if `result` is not null) is left in
 * the first operand's slot.
 */
function inSlots(
  t: Translator,
  n: number,
  build: (base: number) => Stmt,
  result: ValueClass | null,
): void {
  const base = t.placeArguments(n);
  t.emit(build(base));
  t.stack.truncate(t.stack.length - n);
  if (result !== null) t.pushSlot(result);
}

function structGet(signed: boolean): Handler {
  return (t) => {
    const index = t.imm(1);
    const field = structOf(t).fields[index]!;
    const storage = t.globalType(field.storage);
    inSlots(
      t,
      1,
      (base) => gc.structGet(index, storage, signed, base, t.site()),
      classOf(unpacked(storage)),
    );
  };
}

function arrayGet(signed: boolean): Handler {
  return (t) => {
    const { storage } = arrayOf(t);
    inSlots(
      t,
      2,
      (base) => gc.arrayGet(storage, signed, base, t.site()),
      classOf(unpacked(storage)),
    );
  };
}

// Heap type immediates are [heap, exact]; br_on_cast flags carry the
// target's nullability in bit 1 and its exactness in bit 3.

function refTest(nullable: boolean): Handler {
  return (t) => {
    const heap = t.heapType(t.imm(0));
    const exact = t.imm(1) === 1;
    const r = t.pop();
    const e = gc.refTest(toRefExpr(r), heap, nullable, t.registry, exact);
    t.push(exprOperand(CLS_I32, e, r.pure, [r]));
  };
}

function refCast(nullable: boolean): Handler {
  return (t) => {
    const heap = t.heapType(t.imm(0));
    const exact = t.imm(1) === 1;
    const r = t.pop();
    const e = gc.refCast(toRefExpr(r), heap, nullable, t.registry, t.site(), exact);
    t.push(exprOperand(CLS_REF, e, false, [r]));
  };
}

function brOnCast(onFail: boolean): Handler {
  return (t) => {
    const flags = t.imm(0);
    const target = t.blocks.target(t.imm(1));
    const heap = t.heapType(t.imm(3));
    const nullable = (flags & 2) !== 0;
    const exact = (flags & 8) !== 0;
    const refSlot = t.stack.materializeTop(1);
    const move = t.blocks.moveToLabel(target, t.blocks.labelTypes(target).length);
    t.emit(gc.brOnCast(refSlot, heap, nullable, t.registry, onFail, move, target.code, exact));
  };
}

/** `ref.cast_desc_eq` (custom descriptors): the reference and its expected descriptor. */
function refCastDescEq(nullable: boolean): Handler {
  return (t) => {
    const d = t.pop();
    const r = t.pop();
    const e = gc.refCastDescEq(toRefExpr(r), toRefExpr(d), nullable, t.site());
    t.push(exprOperand(CLS_REF, e, false, [r, d]));
  };
}

/**
 * `br_on_cast_desc_eq(_fail)` (custom descriptors): the reference and the
 * descriptor are placed in slots; the descriptor is consumed, the reference
 * stays on the stack (and goes to the label when branching).
 */
function brOnCastDescEq(onFail: boolean): Handler {
  return (t) => {
    const flags = t.imm(0);
    const target = t.blocks.target(t.imm(1));
    const nullable = (flags & 2) !== 0;
    const refSlot = t.stack.materializeTop(2);
    t.stack.truncate(t.stack.length - 1);
    const move = t.blocks.moveToLabel(target, t.blocks.labelTypes(target).length);
    t.emit(gc.brOnCastDescEq(refSlot, nullable, onFail, move, target.code, t.site()));
  };
}

function i31Get(signed: boolean): Handler {
  return (t) => {
    const r = t.pop();
    t.push(exprOperand(CLS_I32, gc.i31Get(toRefExpr(r), signed, t.site()), false, [r]));
  };
}

function convert(f: (v: unknown) => unknown): Handler {
  return (t) => {
    const v = t.pop();
    const e = toRefExpr(v);
    t.push(exprOperand(CLS_REF, ((fp: number) => f(e(fp))) as RefExpr, v.pure, [v]));
  };
}

export const GC: Handlers = {
  'ref.null': (t) => t.push(constOperand(CLS_REF, 0, 0, null)),
  'ref.func': (t) => t.push(constOperand(CLS_REF, 0, 0, t.instance.funcs[t.imm(0)])),
  'ref.is_null': (t) => {
    const r = t.pop();
    t.push(exprOperand(CLS_I32, vars.refIsNull(toRefExpr(r)), r.pure, [r]));
  },
  'ref.as_non_null': (t) => {
    const r = t.pop();
    t.push(exprOperand(CLS_REF, vars.refAsNonNull(toRefExpr(r), t.site()), false, [r]));
  },
  'ref.eq': (t) => {
    const b = t.pop();
    const a = t.pop();
    const e = vars.refEq(toRefExpr(a), toRefExpr(b));
    t.push(exprOperand(CLS_I32, e, a.pure && b.pure, [a, b]));
  },
  'ref.test': refTest(false),
  'ref.test_null': refTest(true),
  'ref.cast': refCast(false),
  'ref.cast_null': refCast(true),
  br_on_cast: brOnCast(false),
  br_on_cast_fail: brOnCast(true),
  'any.convert_extern': convert(internalize),
  'extern.convert_any': convert(externalize),
  'ref.i31': (t) => {
    const v = t.pop();
    const e = toExpr(v);
    t.push(exprOperand(CLS_REF, ((fp: number) => toI31(e(fp))) as RefExpr, v.pure, [v]));
  },
  'i31.get_s': i31Get(true),
  'i31.get_u': i31Get(false),
  'struct.new': (t) => {
    const { typeId, fields } = structOf(t);
    const storage = fields.map((f) => t.globalType(f.storage));
    inSlots(t, storage.length, (base) => gc.structNew(typeId, storage, base), CLS_REF);
  },
  'struct.new_default': (t) => {
    const { typeId, fields } = structOf(t);
    const storage = fields.map((f) => t.globalType(f.storage));
    t.push(exprOperand(CLS_REF, gc.structNewDefault(typeId, storage), true, []));
  },
  'struct.new_desc': (t) => {
    const { typeId, fields } = structOf(t);
    const storage = fields.map((f) => t.globalType(f.storage));
    inSlots(
      t,
      storage.length + 1,
      (base) => gc.structNewDesc(typeId, storage, base, t.site()),
      CLS_REF,
    );
  },
  'struct.new_default_desc': (t) => {
    const { typeId, fields } = structOf(t);
    const storage = fields.map((f) => t.globalType(f.storage));
    const d = t.pop();
    const e = gc.structNewDefaultDesc(typeId, storage, toRefExpr(d), t.site());
    t.push(exprOperand(CLS_REF, e, false, [d]));
  },
  'ref.get_desc': (t) => {
    const r = t.pop();
    t.push(exprOperand(CLS_REF, gc.refGetDesc(toRefExpr(r), t.site()), false, [r]));
  },
  'ref.cast_desc_eq': refCastDescEq(false),
  'ref.cast_desc_eq_null': refCastDescEq(true),
  br_on_cast_desc_eq: brOnCastDescEq(false),
  br_on_cast_desc_eq_fail: brOnCastDescEq(true),
  'struct.get': structGet(false),
  'struct.get_s': structGet(true),
  'struct.get_u': structGet(false),
  'struct.set': (t) => {
    const index = t.imm(1);
    const storage = t.globalType(structOf(t).fields[index]!.storage);
    inSlots(t, 2, (base) => gc.structSet(index, storage, base, t.site()), null);
  },
  'array.new': (t) => {
    const { typeId, storage } = arrayOf(t);
    inSlots(t, 2, (base) => gc.arrayNew(typeId, storage, base, true, t.site()), CLS_REF);
  },
  'array.new_default': (t) => {
    const { typeId, storage } = arrayOf(t);
    inSlots(t, 1, (base) => gc.arrayNew(typeId, storage, base, false, t.site()), CLS_REF);
  },
  'array.new_fixed': (t) => {
    const { typeId, storage } = arrayOf(t);
    const n = t.imm(1) >>> 0;
    inSlots(t, n, (base) => gc.arrayNewFixed(typeId, storage, n, base, t.site()), CLS_REF);
  },
  'array.new_data': (t) => {
    const { typeId, storage } = arrayOf(t);
    const seg = t.imm(1);
    inSlots(
      t,
      2,
      (base) => gc.arrayNewData(t.instance, typeId, storage, seg, base, t.site()),
      CLS_REF,
    );
  },
  'array.new_elem': (t) => {
    const { typeId } = arrayOf(t);
    const seg = t.imm(1);
    inSlots(t, 2, (base) => gc.arrayNewElem(t.instance, typeId, seg, base, t.site()), CLS_REF);
  },
  'array.get': arrayGet(false),
  'array.get_s': arrayGet(true),
  'array.get_u': arrayGet(false),
  'array.set': (t) => {
    const { storage } = arrayOf(t);
    inSlots(t, 3, (base) => gc.arraySet(storage, base, t.site()), null);
  },
  'array.len': (t) => {
    const r = t.pop();
    t.push(exprOperand(CLS_I32, gc.arrayLen(toRefExpr(r), t.site()), false, [r]));
  },
  'array.fill': (t) => {
    const { storage } = arrayOf(t);
    inSlots(t, 4, (base) => gc.arrayFill(storage, base, t.site()), null);
  },
  'array.copy': (t) => inSlots(t, 5, (base) => gc.arrayCopy(base, t.site()), null),
  'array.init_data': (t) => {
    const { storage } = arrayOf(t);
    const seg = t.imm(1);
    inSlots(t, 4, (base) => gc.arrayInitData(t.instance, storage, seg, base, t.site()), null);
  },
  'array.init_elem': (t) => {
    const seg = t.imm(1);
    inSlots(t, 4, (base) => gc.arrayInitElem(t.instance, seg, base, t.site()), null);
  },
};
