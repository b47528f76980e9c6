/** Globals: typed cells that compiled code reads and writes directly. */
import { F32, F64, I32, I64, V128 as V128T, isRef, type ValType } from '@weft/environ';
import type { Store } from './store.js';
import { f32FromBits, f32ToBits, i64FromHalves, i64High, i64Low, V128 } from './values.js';

/**
 * A global instance. The value lives in `i` (i32; i64 as [lo, hi]; v128 as
 * four words), `f` (f32 and f64, as doubles) or `ref`, by type, so compiled
 * code accesses it without conversions.
 */
export class GlobalInstance {
  /** Index in the owning store's list of items of this kind. */
  storeIndex = -1;
  readonly i = new Int32Array(4);
  readonly f = new Float64Array(1);
  ref: unknown = null;

  constructor(
    readonly store: Store,
    /** Value type, with concrete heap types as global type ids. */
    readonly type: ValType,
    readonly mutable: boolean,
  ) {}

  /** The value in the runtime's representation (i64 as bigint, v128 as V128). */
  get value(): unknown {
    switch (this.type) {
      case I32:
        return this.i[0];
      case I64:
        return i64FromHalves(this.i[0]!, this.i[1]!);
      case F32:
      case F64:
        return this.f[0];
      case V128T:
        return V128.fromI32x4(this.i);
      default:
        return this.ref;
    }
  }

  set value(v: unknown) {
    switch (this.type) {
      case I32:
        this.i[0] = v as number;
        return;
      case I64:
        this.i[0] = i64Low(v as bigint);
        this.i[1] = i64High(v as bigint);
        return;
      case F32:
        this.f[0] = f32FromBits(f32ToBits(v as number));
        return;
      case F64:
        this.f[0] = v as number;
        return;
      case V128T:
        this.i.set((v as V128).i32x4);
        return;
      default:
        if (!isRef(this.type)) throw new TypeError('unknown global type');
        this.ref = v;
    }
  }
}
