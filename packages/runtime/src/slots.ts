/** Reading and writing values of any type in stack slots, for host boundaries. */
import { F32, F64, I32, I64, V128 as V128T, type ValType } from '@weft/environ';
import { F64_SLOTS, HI32_SLOTS, I32_SLOTS, REF_SLOTS, V32 } from './abi.js';
import { f32FromBits, f32ToBits, i64FromHalves, i64High, i64Low, V128 } from './values.js';

/** The value in `slot`, in the runtime representation (i64 as bigint, v128 as V128). */
export function readSlot(slot: number, t: ValType): unknown {
  switch (t) {
    case I32:
      return I32_SLOTS[slot];
    case I64:
      return i64FromHalves(I32_SLOTS[slot]!, HI32_SLOTS[slot]!);
    case F32:
    case F64:
      return F64_SLOTS[slot];
    case V128T:
      return V128.fromI32x4(V32.subarray(4 * slot, 4 * slot + 4));
    default:
      return REF_SLOTS[slot];
  }
}

/** Stores `v` (runtime representation) into `slot` as a value of type `t`. */
export function writeSlot(slot: number, t: ValType, v: unknown): void {
  switch (t) {
    case I32:
      I32_SLOTS[slot] = v as number;
      return;
    case I64:
      I32_SLOTS[slot] = i64Low(v as bigint);
      HI32_SLOTS[slot] = i64High(v as bigint);
      return;
    case F32:
      F64_SLOTS[slot] = f32FromBits(f32ToBits(v as number));
      return;
    case F64:
      F64_SLOTS[slot] = v as number;
      return;
    case V128T: {
      V32.set((v as V128).i32x4, 4 * slot);
      return;
    }
    default:
      REF_SLOTS[slot] = v;
  }
}
