/**
 * Evaluation of constant expressions (global and table initializers,
 * segment offsets and element expressions) without a compiler.
 */
import {
  I16,
  I8,
  Op,
  type ArrayType,
  type ConstExpr,
  type StorageType,
  type StructType,
} from '@weft/environ';
import type { FuncInstance } from './func.js';
import {
  createArrayStorage,
  defaultValue,
  externalize,
  internalize,
  toI31,
  WasmArray,
  WasmStruct,
} from './gc.js';
import type { GlobalInstance } from './global.js';
import { Trap, TrapCode } from './trap.js';
import type { TypeRegistry } from './registry.js';
import { f32FromBits, f64FromBits, i64FromHalves, V128 } from './values.js';

/** What a constant expression can see. */
export interface ConstContext {
  readonly globals: readonly GlobalInstance[];
  readonly funcs: readonly FuncInstance[];
  /** Global type id of each module type index. */
  readonly typeIds: Int32Array;
  readonly registry: TypeRegistry;
}

/** A packed field's value as compiled code stores it (`struct.new`): the low bits, unsigned. */
function pack(t: StorageType, v: unknown): unknown {
  if (t === I8) return (v as number) & 0xff;
  if (t === I16) return (v as number) & 0xffff;
  return v;
}

/** Evaluates a validated constant expression to a value in the runtime representation. */
export function evalConst(expr: ConstExpr, ctx: ConstContext): unknown {
  // A tagged array from the start: in a double array (what pushing numbers
  // to an empty one makes), V8 would quiet the NaN payloads of f32/f64 constants.
  const stack: unknown[] = [null];
  stack.pop();
  const pop = () => stack.pop();
  for (let at = 0; at < expr.length;) {
    const op = expr[at]!;
    const imm = at + 2;
    at = imm + expr[at + 1]!;
    switch (op) {
      case Op.i32_const:
        stack.push(expr[imm]);
        break;
      case Op.i64_const:
        stack.push(i64FromHalves(expr[imm]!, expr[imm + 1]!));
        break;
      case Op.f32_const:
        stack.push(f32FromBits(expr[imm]!));
        break;
      case Op.f64_const:
        stack.push(f64FromBits(expr[imm]!, expr[imm + 1]!));
        break;
      case Op.v128_const:
        stack.push(V128.fromI32x4(expr.subarray(imm, imm + 4)));
        break;
      case Op.i32_add:
      case Op.i32_sub:
      case Op.i32_mul: {
        const b = pop() as number;
        const a = pop() as number;
        stack.push(
          op === Op.i32_add ? (a + b) | 0 : op === Op.i32_sub ? (a - b) | 0 : Math.imul(a, b),
        );
        break;
      }
      case Op.i64_add:
      case Op.i64_sub:
      case Op.i64_mul: {
        const b = pop() as bigint;
        const a = pop() as bigint;
        const r = op === Op.i64_add ? a + b : op === Op.i64_sub ? a - b : a * b;
        stack.push(BigInt.asIntN(64, r));
        break;
      }
      case Op.global_get:
        stack.push(ctx.globals[expr[imm]!]!.value);
        break;
      case Op.ref_null:
        stack.push(null);
        break;
      case Op.ref_func:
        stack.push(ctx.funcs[expr[imm]!]);
        break;
      case Op.ref_i31:
        stack.push(toI31(pop() as number));
        break;
      case Op.struct_new:
      case Op.struct_new_default:
      case Op.struct_new_desc:
      case Op.struct_new_default_desc: {
        const typeId = ctx.typeIds[expr[imm]!]!;
        const st = ctx.registry.get(typeId).comp as StructType;
        const n = st.fields.length;
        // Custom descriptors: the descriptor comes last, and must not be null.
        const withDesc = op === Op.struct_new_desc || op === Op.struct_new_default_desc;
        const desc = withDesc ? (pop() as WasmStruct | null) : null;
        const fields =
          op === Op.struct_new || op === Op.struct_new_desc
            ? stack.splice(stack.length - n, n).map((v, i) => pack(st.fields[i]!.storage, v))
            : st.fields.map((f) => defaultValue(f.storage));
        if (withDesc && desc === null) throw new Trap(TrapCode.NullDescriptorReference);
        stack.push(new WasmStruct(typeId, fields, desc));
        break;
      }
      case Op.array_new:
      case Op.array_new_default:
      case Op.array_new_fixed: {
        const typeId = ctx.typeIds[expr[imm]!]!;
        const at = ctx.registry.get(typeId).comp as ArrayType;
        const t = at.field.storage;
        if (op === Op.array_new_fixed) {
          const n = expr[imm + 1]! >>> 0;
          const values = stack.splice(stack.length - n, n);
          const storage = createArrayStorage(t, n);
          for (let i = 0; i < n; i++) (storage as unknown[])[i] = values[i];
          stack.push(new WasmArray(typeId, storage));
        } else {
          // The length is the module's to choose: the storage is charged to
          // the GC heap (and refused) before anything of that length exists.
          const n = (pop() as number) >>> 0;
          const init = op === Op.array_new ? pop() : defaultValue(t);
          const storage = createArrayStorage(t, n);
          if (op === Op.array_new) (storage as unknown[]).fill(init);
          stack.push(new WasmArray(typeId, storage));
        }
        break;
      }
      case Op.any_convert_extern:
        stack.push(internalize(pop()));
        break;
      case Op.extern_convert_any:
        stack.push(externalize(pop()));
        break;
      case Op.end:
        return stack.pop();
      default:
        throw new Error(`constant expression: unexpected op ${op}`);
    }
  }
  throw new Error('constant expression without end');
}
