/**
 * Evaluation of constant expressions (global and table initializers,
 * segment offsets and element expressions) without a compiler.
 */
import { opId, type ArrayType, type ConstExpr, type StructType } from '@weft/environ';
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

const OP = {
  i32_const: opId('i32.const'),
  i64_const: opId('i64.const'),
  f32_const: opId('f32.const'),
  f64_const: opId('f64.const'),
  v128_const: opId('v128.const'),
  i32_add: opId('i32.add'),
  i32_sub: opId('i32.sub'),
  i32_mul: opId('i32.mul'),
  i64_add: opId('i64.add'),
  i64_sub: opId('i64.sub'),
  i64_mul: opId('i64.mul'),
  global_get: opId('global.get'),
  ref_null: opId('ref.null'),
  ref_func: opId('ref.func'),
  ref_i31: opId('ref.i31'),
  struct_new: opId('struct.new'),
  struct_new_default: opId('struct.new_default'),
  array_new: opId('array.new'),
  array_new_default: opId('array.new_default'),
  array_new_fixed: opId('array.new_fixed'),
  any_convert_extern: opId('any.convert_extern'),
  extern_convert_any: opId('extern.convert_any'),
  end: opId('end'),
} as const;

/** Evaluates a validated constant expression to a value in the runtime representation. */
export function evalConst(expr: ConstExpr, ctx: ConstContext): unknown {
  const stack: unknown[] = [];
  const pop = () => stack.pop();
  for (let at = 0; at < expr.length;) {
    const op = expr[at]!;
    const imm = at + 2;
    at = imm + expr[at + 1]!;
    switch (op) {
      case OP.i32_const:
        stack.push(expr[imm]);
        break;
      case OP.i64_const:
        stack.push(i64FromHalves(expr[imm]!, expr[imm + 1]!));
        break;
      case OP.f32_const:
        stack.push(f32FromBits(expr[imm]!));
        break;
      case OP.f64_const:
        stack.push(f64FromBits(expr[imm]!, expr[imm + 1]!));
        break;
      case OP.v128_const:
        stack.push(V128.fromI32x4(expr.subarray(imm, imm + 4)));
        break;
      case OP.i32_add:
      case OP.i32_sub:
      case OP.i32_mul: {
        const b = pop() as number;
        const a = pop() as number;
        stack.push(
          op === OP.i32_add ? (a + b) | 0 : op === OP.i32_sub ? (a - b) | 0 : Math.imul(a, b),
        );
        break;
      }
      case OP.i64_add:
      case OP.i64_sub:
      case OP.i64_mul: {
        const b = pop() as bigint;
        const a = pop() as bigint;
        const r = op === OP.i64_add ? a + b : op === OP.i64_sub ? a - b : a * b;
        stack.push(BigInt.asIntN(64, r));
        break;
      }
      case OP.global_get:
        stack.push(ctx.globals[expr[imm]!]!.value);
        break;
      case OP.ref_null:
        stack.push(null);
        break;
      case OP.ref_func:
        stack.push(ctx.funcs[expr[imm]!]);
        break;
      case OP.ref_i31:
        stack.push(toI31(pop() as number));
        break;
      case OP.struct_new:
      case OP.struct_new_default: {
        const typeId = ctx.typeIds[expr[imm]!]!;
        const st = ctx.registry.get(typeId).comp as StructType;
        const n = st.fields.length;
        const fields =
          op === OP.struct_new
            ? stack.splice(stack.length - n, n)
            : st.fields.map((f) => defaultValue(f.storage));
        stack.push(new WasmStruct(typeId, fields));
        break;
      }
      case OP.array_new:
      case OP.array_new_default:
      case OP.array_new_fixed: {
        const typeId = ctx.typeIds[expr[imm]!]!;
        const at = ctx.registry.get(typeId).comp as ArrayType;
        const t = at.field.storage;
        if (op === OP.array_new_fixed) {
          const n = expr[imm + 1]! >>> 0;
          const values = stack.splice(stack.length - n, n);
          const storage = createArrayStorage(t, n);
          for (let i = 0; i < n; i++) (storage as unknown[])[i] = values[i];
          stack.push(new WasmArray(typeId, storage));
        } else {
          // The length is the module's to choose: the storage is charged to
          // the GC heap (and refused) before anything of that length exists.
          const n = (pop() as number) >>> 0;
          const init = op === OP.array_new ? pop() : defaultValue(t);
          const storage = createArrayStorage(t, n);
          if (op === OP.array_new) (storage as unknown[]).fill(init);
          stack.push(new WasmArray(typeId, storage));
        }
        break;
      }
      case OP.any_convert_extern:
        stack.push(internalize(pop()));
        break;
      case OP.extern_convert_any:
        stack.push(externalize(pop()));
        break;
      case OP.end:
        return stack.pop();
      default:
        throw new Error(`constant expression: unexpected op ${op}`);
    }
  }
  throw new Error('constant expression without end');
}
