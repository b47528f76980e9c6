/**
 * Number signatures, for boundary code specialized by signature (the JS
 * API's exported functions and the facade's `Func.call` and host functions
 * read and write slots straight for functions that take and return numbers
 * only). A kind says where a value lives in the value stack (abi.ts): i32
 * in `I32_SLOTS`, i64 in `I32_SLOTS` and `HI32_SLOTS`, f32 and f64 in
 * `F64_SLOTS`.
 */
import { F32, F64, I32, I64, type FuncType, type ValType } from '@weft/environ';

export const KIND_I32 = 0;
export const KIND_I64 = 1;
export const KIND_F32 = 2;
export const KIND_F64 = 3;

/** The kind of a number type. */
export type NumberKind = typeof KIND_I32 | typeof KIND_I64 | typeof KIND_F32 | typeof KIND_F64;

/** The kind of `t`, or -1 if it is not a number type. */
export function numberKind(t: ValType): NumberKind | -1 {
  switch (t) {
    case I32:
      return KIND_I32;
    case I64:
      return KIND_I64;
    case F32:
      return KIND_F32;
    case F64:
      return KIND_F64;
    default:
      return -1;
  }
}

/**
 * The kinds of `type`'s parameters when it takes at most `maxParams`
 * parameters and returns at most one result, all numbers (i64 among them
 * only if `i64`); null for any other signature.
 */
export function numberSignature(
  type: FuncType,
  maxParams: number,
  i64: boolean,
): NumberKind[] | null {
  const { params, results } = type;
  if (params.length > maxParams || results.length > 1) return null;
  const accepts = (t: ValType): boolean => {
    const k = numberKind(t);
    return k !== -1 && (i64 || k !== KIND_I64);
  };
  if (!params.every(accepts) || !results.every(accepts)) return null;
  return params.map((t) => numberKind(t) as NumberKind);
}
