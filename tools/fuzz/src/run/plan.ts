/**
 * What a run does with a module, computed once and shared by every engine:
 * the imports to provide and the calls to make (export, arguments), so both
 * engines see exactly the same inputs.
 */
import type { Module } from 'weft-wasm';
import { FuncType, GlobalType, MemoryType, TableType } from 'weft-wasm';
import { Rng } from '../rng.js';

/** A value type by its text name (`i32`, `funcref`, ...). */
export type TypeName = string;

/** An import the harness provides. */
export type ImportSpec =
  | { kind: 'func'; module: string; name: string; params: TypeName[]; results: TypeName[] }
  | { kind: 'memory'; module: string; name: string; min: number; max: number | null }
  | {
      kind: 'table';
      module: string;
      name: string;
      element: TypeName;
      min: number;
      max: number | null;
    }
  | { kind: 'global'; module: string; name: string; type: TypeName; mutable: boolean };

/** An argument: a JS value both engines accept for its type. */
export type Arg = number | bigint | null;

/** One call of an exported function. */
export interface CallSpec {
  export: string;
  params: TypeName[];
  results: TypeName[];
  args: Arg[];
}

/** What to observe after each call. */
export interface ExportSpec {
  memories: string[];
  globals: { name: string; type: TypeName }[];
}

/** The full plan of a run. */
export interface Plan {
  imports: ImportSpec[];
  calls: CallSpec[];
  observe: ExportSpec;
}

/** Types whose values cross the JS boundary on both engines. */
const JS_TYPES = new Set(['i32', 'i64', 'f32', 'f64', 'funcref', 'externref']);

/** The name binaryen's fuzz modules export to reset their hang limit before each call. */
export const HANG_LIMIT_RESET = 'hangLimitInitializer';

/** Options of {@link makePlan}. */
export interface PlanOptions {
  /** Argument sets per exported function. */
  argSets: number;
  seed: number;
  /** Exports to call, in this order (default: every function export). */
  only?: readonly string[];
}

/**
 * Builds the plan from the module's import and export types (read through
 * Weft, which must have compiled it). Functions whose signatures cannot cross
 * the JS boundary natively (v128) are not called; `hangLimitInitializer` is
 * called before every other call, as binaryen's own fuzz harness does.
 */
export function makePlan(module: Module, options: PlanOptions): Plan {
  const imports: ImportSpec[] = module.imports.map((i): ImportSpec => {
    const t = i.type;
    if (t instanceof FuncType) {
      return {
        kind: 'func',
        module: i.module,
        name: i.name,
        params: t.params.map(String),
        results: t.results.map(String),
      };
    }
    if (t instanceof MemoryType) {
      return { kind: 'memory', module: i.module, name: i.name, min: t.minimum, max: t.maximum };
    }
    if (t instanceof TableType) {
      const element = String(t.element);
      return {
        kind: 'table',
        module: i.module,
        name: i.name,
        element,
        min: t.minimum,
        max: t.maximum,
      };
    }
    if (t instanceof GlobalType) {
      return {
        kind: 'global',
        module: i.module,
        name: i.name,
        type: String(t.content),
        mutable: t.mutable,
      };
    }
    return {
      kind: 'func',
      module: i.module,
      name: `unsupported ${i.name}`,
      params: ['?'],
      results: [],
    };
  });
  const observe: ExportSpec = { memories: [], globals: [] };
  const funcs: { name: string; type: FuncType }[] = [];
  for (const e of module.exports) {
    if (e.type instanceof FuncType) funcs.push({ name: e.name, type: e.type });
    else if (e.type instanceof MemoryType) observe.memories.push(e.name);
    else if (e.type instanceof GlobalType && JS_TYPES.has(String(e.type.content))) {
      observe.globals.push({ name: e.name, type: String(e.type.content) });
    }
  }
  const callable = funcs.filter((f) =>
    [...f.type.params, ...f.type.results].every((t) => JS_TYPES.has(String(t))),
  );
  const reset = callable.find((f) => f.name === HANG_LIMIT_RESET && f.type.params.length === 0);
  const order =
    options.only === undefined
      ? callable.filter((f) => f !== reset)
      : options.only.flatMap((n) => callable.filter((f) => f.name === n));
  const calls: CallSpec[] = [];
  for (let set = 0; set < options.argSets; set++) {
    for (const f of order) {
      if (reset !== undefined)
        calls.push({ export: reset.name, params: [], results: [], args: [] });
      const params = f.type.params.map(String);
      // Arguments depend on the export's name and the set only, so a reducer
      // that calls fewer exports still passes the same ones.
      const rng = new Rng(hashString(`${options.seed}:${f.name}:${set}`));
      calls.push({
        export: f.name,
        params,
        results: f.type.results.map(String),
        args: params.map((t) => argValue(rng, t, set)),
      });
    }
  }
  return { imports, calls, observe };
}

const I32_SPECIAL = [0, 1, -1, 2, 0x7fffffff, -0x80000000, 8, 16, 31, 32, 63, 64, 65535, 65536];
const I64_SPECIAL = [
  0n,
  1n,
  -1n,
  0x7fffffffffffffffn,
  -0x8000000000000000n,
  0xffffffffn,
  0x100000000n,
  63n,
  64n,
];
const F_SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  -(2 ** 31),
  2 ** 63,
  1e-40,
  4294967296.5,
];

/**
 * A deterministic argument: the first set is all zeros (the common case a
 * fuzz module is written for), later sets mix boundary values and random bits.
 */
function argValue(rng: Rng, type: TypeName, set: number): Arg {
  const special = set > 0 && rng.chance(0.5);
  switch (type) {
    case 'i32':
      if (set === 0) return 0;
      return special ? rng.pick(I32_SPECIAL) : rng.chance(0.5) ? rng.range(-8, 40) : rng.u32() | 0;
    case 'i64':
      if (set === 0) return 0n;
      return special
        ? rng.pick(I64_SPECIAL)
        : rng.chance(0.5)
          ? BigInt(rng.range(-8, 40))
          : rng.u64();
    case 'f32':
    case 'f64': {
      if (set === 0) return 0;
      const v = special ? rng.pick(F_SPECIAL) : (rng.u32() | 0) / rng.range(1, 1000);
      return type === 'f32' ? Math.fround(v) : v;
    }
    default:
      return null;
  }
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
