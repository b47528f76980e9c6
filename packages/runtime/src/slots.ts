/** Reading and writing values of any type in stack slots, for host boundaries. */
import { F32, F64 as F64T, I32 as I32T, I64, V128 as V128T, type ValType } from '@weft/environ';
import { F64, HI32, I32, REFS, V32 } from './abi.js';
import { f32FromBits, f32ToBits, i64FromHalves, i64High, i64Low, V128 } from './values.js';

/** The value in `slot`, in the runtime representation (i64 as bigint, v128 as V128). */
export function readSlot(slot: number, t: ValType): unknown {
  switch (t) {
    case I32T:
      return I32[slot];
    case I64:
      return i64FromHalves(I32[slot]!, HI32[slot]!);
    case F32:
    case F64T:
      return F64[slot];
    case V128T:
      return V128.fromI32x4(V32.subarray(4 * slot, 4 * slot + 4));
    default:
      return REFS[slot];
  }
}

/** Stores `v` (runtime representation) into `slot` as a value of type `t`. */
export function writeSlot(slot: number, t: ValType, v: unknown): void {
  switch (t) {
    case I32T:
      I32[slot] = v as number;
      return;
    case I64:
      I32[slot] = i64Low(v as bigint);
      HI32[slot] = i64High(v as bigint);
      return;
    case F32:
      F64[slot] = f32FromBits(f32ToBits(v as number));
      return;
    case F64T:
      F64[slot] = v as number;
      return;
    case V128T: {
      V32.set((v as V128).i32x4, 4 * slot);
      return;
    }
    default:
      REFS[slot] = v;
  }
}
