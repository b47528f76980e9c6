/**
 * Validation rules of reference instructions: null references, function
 * references, null checks and branches, casts and tests, and conversions
 * between the `any` and `extern` hierarchies. (`ref.eq`, `ref.i31` and the
 * `i31.get` ones are typed by signature.)
 */
import { topOf, valSub } from '../../match.js';
import { Op } from '../../opcodes.js';
import {
  heapTypeToString,
  HT_ANY,
  HT_BOT,
  HT_EXTERN,
  heapOf,
  I32,
  isExact,
  isNullable,
  isRef,
  refType,
  resultTypeToString,
  valTypeToString,
  withNullable,
  type ValType,
} from '../../types.js';
import type { CodeValidator } from '../code.js';
import { funcTypeOf, heapType, typeAt } from '../lookups.js';
import type { Rules } from '../rules.js';

function testOrCast(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const h = imm[at]!;
  heapType(v, h);
  v.pop(refType(topOf(v.ctx, h), true));
  if (id === Op.ref_test || id === Op.ref_test_null) v.push(I32);
  else v.push(refType(h, id === Op.ref_cast_null, imm[at + 1] === 1));
}

/** The heap type of reference type `rt` as the reference interpreter prints it. */
function heapName(rt: ValType): string {
  const h = heapOf(rt);
  return isExact(rt) ? `(exact ${h})` : heapTypeToString(h);
}

/**
 * The type of the descriptor operand of a descriptor cast to `rt`
 * (custom descriptors): `(ref null (exact? y))` where `y` describes `rt`'s
 * heap type, exact when `rt` is.
 */
function descriptorOperand(v: CodeValidator, rt: ValType): ValType {
  const h = heapOf(rt);
  const descriptor = h >= 0 ? v.ctx.types[h]!.descriptor : -1;
  if (descriptor < 0) v.fail(`type ${heapName(rt)} does not have a descriptor`);
  return refType(descriptor, true, isExact(rt));
}

/** `br_on_cast`, `br_on_cast_fail` and (custom descriptors) their `_desc_eq` forms. */
function brOnCast(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const ctx = v.ctx;
  const flags = imm[at]!;
  const ts = v.labelTypes(imm[at + 1]!);
  const h1 = imm[at + 2]!;
  const h2 = imm[at + 3]!;
  heapType(v, h1);
  heapType(v, h2);
  const rt1 = refType(h1, (flags & 1) !== 0, (flags & 4) !== 0);
  const rt2 = refType(h2, (flags & 2) !== 0, (flags & 8) !== 0);
  if (ctx.features.customDescriptors) {
    // Relaxed by custom descriptors: both types in one hierarchy is enough.
    if (topOf(ctx, h1) !== topOf(ctx, h2)) {
      v.fail(
        `type mismatch on cast: type ${heapName(rt1)} has a different top type than type ${heapName(rt2)}`,
      );
    }
  } else if (!valSub(ctx, rt2, rt1)) {
    v.fail(`type mismatch: type ${valTypeToString(rt2)} does not match ${valTypeToString(rt1)}`);
  }
  // rt1 minus rt2: if rt2 admits null, what is left cannot be null.
  const diff = isNullable(rt2) ? withNullable(rt1, false) : rt1;
  const branchesOnSuccess = id === Op.br_on_cast || id === Op.br_on_cast_desc_eq;
  const onLabel = branchesOnSuccess ? rt2 : diff;
  const last = ts[ts.length - 1];
  if (last === undefined || !valSub(ctx, onLabel, last)) {
    v.fail(
      `type mismatch: instruction requires type ${valTypeToString(onLabel)} but label has ${resultTypeToString(ts)}`,
    );
  }
  const prefix = ts.slice(0, -1);
  if (id === Op.br_on_cast_desc_eq || id === Op.br_on_cast_desc_eq_fail) {
    v.pop(descriptorOperand(v, rt2));
  }
  v.pop(rt1);
  v.popAll(prefix);
  v.pushAll(prefix);
  v.push(branchesOnSuccess ? diff : rt2);
}

/** `ref.cast_desc_eq` (custom descriptors): `[(ref null top) (ref null (exact? y))] -> rt`. */
function descCast(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const h = imm[at]!;
  heapType(v, h);
  const rt = refType(h, id === Op.ref_cast_desc_eq_null, imm[at + 1] === 1);
  v.pop(descriptorOperand(v, rt));
  v.pop(refType(topOf(v.ctx, h), true));
  v.push(rt);
}

function convert(v: CodeValidator, id: number): void {
  const t = v.peekRef(0);
  const nullable = heapOf(t) === HT_BOT ? false : isNullable(t);
  const from = id === Op.any_convert_extern ? HT_EXTERN : HT_ANY;
  const to = id === Op.any_convert_extern ? HT_ANY : HT_EXTERN;
  v.pop(refType(from, nullable));
  v.push(refType(to, nullable));
}

export const REFERENCES: Rules = {
  ref_null(v, _id, imm, at) {
    const h = imm[at]!;
    heapType(v, h);
    v.push(refType(h, true, imm[at + 1] === 1));
  },
  ref_is_null(v) {
    v.peekRef(0);
    v.popAny();
    v.push(I32);
  },
  ref_as_non_null(v) {
    const t = v.peekRef(0);
    v.popAny();
    v.push(withNullable(t, false));
  },
  ref_func(v, _id, imm, at) {
    const ctx = v.ctx;
    const f = imm[at]!;
    funcTypeOf(v, f);
    if (!ctx.declaredFuncs.has(f)) v.fail(`undeclared function reference ${f}`);
    // Custom descriptors: a reference to a defined or exactly imported function is exact.
    const exact = ctx.features.customDescriptors && !ctx.inexactFuncs.has(f);
    v.push(refType(ctx.funcTypes[f]!, false, exact));
  },
  br_on_null(v, _id, imm, at) {
    const ts = v.labelTypes(imm[at]!);
    const t = v.peekRef(0);
    v.popAny();
    v.popAll(ts);
    v.pushAll(ts);
    v.push(withNullable(t, false));
  },
  br_on_non_null(v, _id, imm, at) {
    const ts = v.labelTypes(imm[at]!);
    const last = ts[ts.length - 1];
    if (last === undefined || !isRef(last)) {
      v.fail(
        `type mismatch: instruction requires reference type but label has ${resultTypeToString(ts)}`,
      );
    }
    const prefix = ts.slice(0, -1);
    v.pop(withNullable(last, true));
    v.popAll(prefix);
    v.pushAll(prefix);
  },
  ref_test: testOrCast,
  ref_test_null: testOrCast,
  ref_cast: testOrCast,
  ref_cast_null: testOrCast,
  br_on_cast: brOnCast,
  br_on_cast_fail: brOnCast,
  br_on_cast_desc_eq: brOnCast,
  br_on_cast_desc_eq_fail: brOnCast,
  ref_cast_desc_eq: descCast,
  ref_cast_desc_eq_null: descCast,
  ref_get_desc(v, _id, imm, at) {
    const x = imm[at]!;
    typeAt(v, x);
    const descriptor = v.ctx.types[x]!.descriptor;
    if (descriptor < 0) v.fail(`type without descriptor ${x}`);
    // The descriptor of an exact `x` is exactly `x`'s descriptor type.
    const exact = valSub(v.ctx, v.peekRef(0), refType(x, true, true));
    v.pop(refType(x, true, exact));
    v.push(refType(descriptor, false, exact));
  },
  any_convert_extern: convert,
  extern_convert_any: convert,
};
