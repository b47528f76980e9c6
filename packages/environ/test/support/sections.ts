/** Sections of the test module builder, the module around them, and their entries. */
import { bytesOf, len, str, u32, vec, type Bytes } from './bytes.js';
import { globalType } from './types.js';

export const MAGIC = [0x00, 0x61, 0x73, 0x6d];
export const VERSION = [0x01, 0x00, 0x00, 0x00];

/** Assembles a module from its sections (in the order given) and resolves marks. */
export function wasm(...sections: Bytes[]): Uint8Array {
  return bytesOf([MAGIC, VERSION, sections]);
}

export function section(id: number, ...payload: Bytes[]): Bytes {
  return [id, u32(len(payload)), payload];
}

export function customSec(name: string, ...payload: Bytes[]): Bytes {
  return section(0, str(name), payload);
}

export const typeSec = (...types: Bytes[]): Bytes => section(1, vec(types));
export const importSec = (...imports: Bytes[]): Bytes => section(2, vec(imports));
export const funcSec = (...typeIndices: number[]): Bytes => section(3, vec(typeIndices.map(u32)));
export const tableSec = (...tables: Bytes[]): Bytes => section(4, vec(tables));
export const memSec = (...memories: Bytes[]): Bytes => section(5, vec(memories));
export const tagSec = (...typeIndices: number[]): Bytes =>
  section(13, vec(typeIndices.map((x) => [0x00, u32(x)])));
export const globalSec = (...globals: Bytes[]): Bytes => section(6, vec(globals));
export const exportSec = (...exports: Bytes[]): Bytes => section(7, vec(exports));
export const startSec = (func: number): Bytes => section(8, u32(func));
export const elemSec = (...segments: Bytes[]): Bytes => section(9, vec(segments));
export const dataCountSec = (n: number): Bytes => section(12, u32(n));
export const codeSec = (...bodies: Bytes[]): Bytes => section(10, vec(bodies));
export const dataSec = (...segments: Bytes[]): Bytes => section(11, vec(segments));

export const imp = {
  func: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x00,
    u32(typeIndex),
  ],
  table: (module: string, name: string, tt: Bytes): Bytes => [str(module), str(name), 0x01, tt],
  memory: (module: string, name: string, mt: Bytes): Bytes => [str(module), str(name), 0x02, mt],
  global: (module: string, name: string, gt: Bytes): Bytes => [str(module), str(name), 0x03, gt],
  /** An exact function import (custom descriptors). */
  funcExact: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x20,
    u32(typeIndex),
  ],
  tag: (module: string, name: string, typeIndex: number): Bytes => [
    str(module),
    str(name),
    0x04,
    0x00,
    u32(typeIndex),
  ],
};

export type ExportKind = 'func' | 'table' | 'memory' | 'global' | 'tag';
const EXPORT_KIND: Record<ExportKind, number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

export function exp(name: string, kind: ExportKind, index: number): Bytes {
  return [str(name), EXPORT_KIND[kind], u32(index)];
}

/** A constant expression: the instructions and the closing `end`. */
export function expr(...instrs: Bytes[]): Bytes {
  return [instrs, 0x0b];
}

/** A global: its type and initializer instructions (without `end`). */
export function global(valtype: Bytes, mutable: boolean, ...init: Bytes[]): Bytes {
  return [globalType(valtype, mutable), expr(...init)];
}

/** A table with an explicit initializer (the 0x40 0x00 form). */
export function tableWithInit(tt: Bytes, ...init: Bytes[]): Bytes {
  return [0x40, 0x00, tt, expr(...init)];
}

/** Element segments, one builder per encoding flag (0 to 7). */
export const elem = {
  /** 0: active on table 0, function indices. */
  active: (offset: Bytes[], funcs: number[]): Bytes => [0x00, expr(...offset), vec(funcs.map(u32))],
  /** 1: passive, function indices. */
  passive: (funcs: number[]): Bytes => [0x01, 0x00, vec(funcs.map(u32))],
  /** 2: active on an explicit table, function indices. */
  activeTable: (table: number, offset: Bytes[], funcs: number[]): Bytes => [
    0x02,
    u32(table),
    expr(...offset),
    0x00,
    vec(funcs.map(u32)),
  ],
  /** 3: declarative, function indices. */
  declarative: (funcs: number[]): Bytes => [0x03, 0x00, vec(funcs.map(u32))],
  /** 4: active on table 0, funcref expressions. */
  activeExprs: (offset: Bytes[], exprs: Bytes[][]): Bytes => [
    0x04,
    expr(...offset),
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 5: passive, typed expressions. */
  passiveExprs: (reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x05,
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 6: active on an explicit table, typed expressions. */
  activeTableExprs: (table: number, offset: Bytes[], reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x06,
    u32(table),
    expr(...offset),
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
  /** 7: declarative, typed expressions. */
  declarativeExprs: (reftype: Bytes, exprs: Bytes[][]): Bytes => [
    0x07,
    reftype,
    vec(exprs.map((e) => expr(...e))),
  ],
};

/** Data segments, one builder per encoding flag (0 to 2). */
export const data = {
  active: (offset: Bytes[], bytes: readonly number[]): Bytes => [
    0x00,
    expr(...offset),
    vec([...bytes]),
  ],
  passive: (bytes: readonly number[]): Bytes => [0x01, vec([...bytes])],
  activeMem: (memory: number, offset: Bytes[], bytes: readonly number[]): Bytes => [
    0x02,
    u32(memory),
    expr(...offset),
    vec([...bytes]),
  ],
};

/** A run of locals for `body`: `[count, type]`. */
export type Locals = readonly (readonly [count: number, type: Bytes])[];

/** A function body: locals, the instructions, and the closing `end` (added here). */
export function body(instrs: readonly Bytes[], locals: Locals = []): Bytes {
  return bodyRaw([vec(locals.map(([n, ty]) => [u32(n), ty])), instrs, 0x0b]);
}

/** A function body entry with exactly `payload` (locals and code) after its size. */
export function bodyRaw(payload: Bytes): Bytes {
  return [u32(len(payload)), payload];
}
