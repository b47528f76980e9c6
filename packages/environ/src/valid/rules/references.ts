/**
 * Validation rules of reference instructions: null references, function
 * references, null checks and branches, casts and tests, and conversions
 * between the `any` and `extern` hierarchies. (`ref.eq`, `ref.i31` and the
 * `i31.get` ones are typed by signature.)
 */
import { topOf, valSub } from '../../match.js';
import { Op } from '../../opcodes.js';
import {
  HT_ANY,
  HT_BOT,
  HT_EXTERN,
  heapOf,
  I32,
  isNullable,
  isRef,
  refType,
  resultTypeToString,
  valTypeToString,
  withNullable,
} from '../../types.js';
import type { CodeValidator } from '../code.js';
import { funcTypeOf, heapType } from '../lookups.js';
import type { Rules } from '../rules.js';

function testOrCast(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const h = imm[at]!;
  heapType(v, h);
  v.pop(refType(topOf(v.ctx, h), true));
  if (id === Op.ref_test || id === Op.ref_test_null) v.push(I32);
  else v.push(refType(h, id === Op.ref_cast_null));
}

function brOnCast(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const ctx = v.ctx;
  const flags = imm[at]!;
  const ts = v.labelTypes(imm[at + 1]!);
  const h1 = imm[at + 2]!;
  const h2 = imm[at + 3]!;
  heapType(v, h1);
  heapType(v, h2);
  const rt1 = refType(h1, (flags & 1) !== 0);
  const rt2 = refType(h2, (flags & 2) !== 0);
  if (!valSub(ctx, rt2, rt1)) {
    v.fail(`type mismatch: type ${valTypeToString(rt2)} does not match ${valTypeToString(rt1)}`);
  }
  // rt1 minus rt2: if rt2 admits null, what is left cannot be null.
  const diff = isNullable(rt2) ? withNullable(rt1, false) : rt1;
  const onLabel = id === Op.br_on_cast ? rt2 : diff;
  const last = ts[ts.length - 1];
  if (last === undefined || !valSub(ctx, onLabel, last)) {
    v.fail(
      `type mismatch: instruction requires type ${valTypeToString(onLabel)} but label has ${resultTypeToString(ts)}`,
    );
  }
  const prefix = ts.slice(0, -1);
  v.pop(rt1);
  v.popAll(prefix);
  v.pushAll(prefix);
  v.push(id === Op.br_on_cast ? diff : rt2);
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
    v.push(refType(h, true));
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
    v.push(refType(ctx.funcTypes[f]!, false));
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
  any_convert_extern: convert,
  extern_convert_any: convert,
};
