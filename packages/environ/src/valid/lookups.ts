/**
 * The module around the body, as the rules see it: each function looks an
 * immediate up in the validation context (type, function, table, memory,
 * segment, tag indices) and reports it unknown, or of the wrong kind, at
 * the current instruction.
 */
import { valSub } from '../match.js';
import {
  heapOf,
  I32,
  I64,
  isRef,
  refType,
  resultTypeToString,
  type ArrayType,
  type FuncType,
  type StructType,
  type ValType,
} from '../types.js';
import type { CodeValidator } from './code.js';
import { NO_TYPES, single } from './stacks.js';

export function typeAt(v: CodeValidator, x: number): void {
  if (x < 0 || x >= v.ctx.types.length) v.unknown('type', x);
}

export function funcType(v: CodeValidator, x: number): FuncType {
  typeAt(v, x);
  const comp = v.ctx.types[x]!.comp;
  if (comp.kind !== 'func') v.fail(`type mismatch: non-function type ${x}`);
  return comp;
}

export function structType(v: CodeValidator, x: number): StructType {
  typeAt(v, x);
  const comp = v.ctx.types[x]!.comp;
  if (comp.kind !== 'struct') v.fail(`type mismatch: non-structure type ${x}`);
  return comp;
}

export function arrayType(v: CodeValidator, x: number): ArrayType {
  typeAt(v, x);
  const comp = v.ctx.types[x]!.comp;
  if (comp.kind !== 'array') v.fail(`type mismatch: non-array type ${x}`);
  return comp;
}

/** The type of function `f`. */
export function funcTypeOf(v: CodeValidator, f: number): FuncType {
  if (f < 0 || f >= v.ctx.funcTypes.length) v.unknown('function', f);
  return v.ctx.types[v.ctx.funcTypes[f]!]!.comp as FuncType;
}

/** The address type of table `x`. */
export function tableAddr(v: CodeValidator, x: number): ValType {
  const table = v.ctx.tables[x];
  if (table === undefined) v.unknown('table', x);
  return table.is64 ? I64 : I32;
}

/** The address type of memory `x`. */
export function memoryAddr(v: CodeValidator, x: number): ValType {
  const memory = v.ctx.memories[x];
  if (memory === undefined) v.unknown('memory', x);
  return memory.is64 ? I64 : I32;
}

/** The type of element segment `x`. */
export function elemType(v: CodeValidator, x: number): ValType {
  const t = v.ctx.elemTypes[x];
  if (t === undefined) v.unknown('elem segment', x);
  return t;
}

/** Checks data segment `x` (and notes that the body needs a data count section). */
export function dataIndex(v: CodeValidator, x: number): void {
  v.usesDataIndex = true;
  const count = v.ctx.dataCount;
  // Without a data count section the module is malformed anyway; that is reported later.
  if (count >= 0 && (x < 0 || x >= count)) v.unknown('data segment', x);
}

/** The parameters of tag `x`. */
export function tagParams(v: CodeValidator, x: number): readonly ValType[] {
  const tag = v.ctx.tags[x];
  if (tag === undefined) v.unknown('tag', x);
  return (v.ctx.types[tag.typeIndex]!.comp as FuncType).params;
}

export function heapType(v: CodeValidator, h: number): void {
  if (h >= 0) typeAt(v, h);
}

/**
 * The type of a reference to a new object of type `x`: `(ref (exact x))`
 * with custom descriptors (allocation knows the exact type), else `(ref x)`.
 */
export function allocated(v: CodeValidator, x: number): ValType {
  return refType(x, false, v.ctx.features.customDescriptors);
}

export function valType(v: CodeValidator, t: ValType): void {
  if (isRef(t)) heapType(v, heapOf(t));
}

/**
 * Checks a block type and returns its params; `blockResults` then gives its
 * results. Two calls rather than one returning a pair: this runs for every
 * block, and a pair would be an allocation each time.
 */
export function blockParams(v: CodeValidator, imm: Int32Array, at: number): readonly ValType[] {
  const index = imm[at]!;
  if (index >= 0) return funcType(v, index).params;
  const t = imm[at + 1]!;
  if (t !== 0) valType(v, t);
  return NO_TYPES;
}

/** The results of a block type already checked by `blockParams`. */
export function blockResults(v: CodeValidator, imm: Int32Array, at: number): readonly ValType[] {
  const index = imm[at]!;
  if (index >= 0) return (v.ctx.types[index]!.comp as FuncType).results;
  const t = imm[at + 1]!;
  return t === 0 ? NO_TYPES : single(t);
}

/** Checks that a tail call's callee returns what the current function does. */
export function checkReturnCall(v: CodeValidator, results: readonly ValType[]): void {
  const own = v.results;
  let ok = results.length === own.length;
  for (let i = 0; ok && i < own.length; i++) ok = valSub(v.ctx, results[i]!, own[i]!);
  if (!ok) {
    v.fail(
      `type mismatch: current function requires result type ${resultTypeToString(own)} but callee returns ${resultTypeToString(results)}`,
    );
  }
}
