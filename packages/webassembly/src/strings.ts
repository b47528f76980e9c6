/**
 * The JS String Builtins proposal: `builtins: ['js-string']` provides the
 * imports of module `wasm:js-string` from the engine, and
 * `importedStringConstants: name` turns every global import of module
 * `name` into a string constant (its import name). Both are checked when
 * the module is compiled (a mismatched type is a `CompileError`) and are
 * hidden from `Module.imports`.
 */
import {
  EXTERNREF,
  HT_EXTERN,
  I16,
  I32,
  heapOf,
  isNullable,
  isRef,
  refType,
  type FuncType,
  type Import,
  type ModuleInfo,
  type ValType,
} from '@weft/environ';
import {
  createHostFunc,
  GlobalInstance,
  Trap,
  TrapCode,
  WasmArray,
  type Extern,
  type FuncInstance,
} from '@weft/runtime';
import { CompileError } from './errors.js';
import { sequence } from './exception.js';
import { release, registry, store } from './realm.js';
import { dictionary, toStringValue } from './webidl.js';

export interface CompileOptions {
  readonly jsString: boolean;
  readonly constants: string | null;
  /** Throws a CompileError if a builtin or constant import has the wrong type. */
  check(info: ModuleInfo): void;
}

export const NO_OPTIONS: CompileOptions = { jsString: false, constants: null, check: () => {} };

const JS_STRING = 'wasm:js-string';

/** Reads `WebAssemblyCompileOptions` (`builtins`, then `importedStringConstants`). */
export function compileOptions(v: unknown, where: string): CompileOptions {
  if (v === undefined || v === null) return NO_OPTIONS;
  const d = dictionary(v, `${where}: the options`);
  const builtinsV = d['builtins'];
  const builtins =
    builtinsV === undefined
      ? []
      : sequence(builtinsV, `${where}: builtins`).map((b) => toStringValue(b));
  const constantsV = d['importedStringConstants'];
  const constants = constantsV === undefined ? null : toStringValue(constantsV);
  const jsString = builtins.includes('js-string');
  if (!jsString && constants === null) return NO_OPTIONS;
  const options: CompileOptions = {
    jsString,
    constants,
    check: (info) => {
      for (const imp of info.imports) {
        if (!isBuiltinImport(options, imp)) continue;
        if (jsString && imp.module === JS_STRING) {
          const b = BUILTINS[imp.name]!;
          if (imp.kind !== 'func' || !matchesBuiltin(info, imp.typeIndex, b.params, b.results)) {
            throw new CompileError(`imported builtin "${imp.name}" has the wrong type`);
          }
        } else {
          const ok =
            imp.kind === 'global' &&
            !imp.type.mutable &&
            isRef(imp.type.type) &&
            heapOf(imp.type.type) === HT_EXTERN;
          if (!ok) {
            throw new CompileError(
              `imported string constant "${imp.name}" must be an immutable externref global`,
            );
          }
        }
      }
    },
  };
  return options;
}

/** Whether the engine provides import `imp` under `options`. */
export function isBuiltinImport(options: CompileOptions, imp: Import): boolean {
  if (options.jsString && imp.module === JS_STRING && Object.hasOwn(BUILTINS, imp.name))
    return true;
  return options.constants !== null && imp.module === options.constants;
}

/** A parameter that is `(ref null $a)` for an array type `(array (mut i16))`. */
const I16_ARRAY = -1000;
const REF_EXTERN = refType(HT_EXTERN, false);

interface Builtin {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly impl: (args: unknown[]) => unknown;
}

function trap(): never {
  throw new Trap(TrapCode.UnreachableCodeReached);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : trap();
}

function i16Array(v: unknown): Uint16Array {
  if (!(v instanceof WasmArray)) trap(); // null
  return v.elements as Uint16Array;
}

const BUILTINS: Readonly<Record<string, Builtin>> = {
  test: { params: [EXTERNREF], results: [I32], impl: ([v]) => (typeof v === 'string' ? 1 : 0) },
  cast: { params: [EXTERNREF], results: [REF_EXTERN], impl: ([v]) => str(v) },
  fromCharCodeArray: {
    params: [I16_ARRAY, I32, I32],
    results: [REF_EXTERN],
    impl: ([a, s, c]) => {
      const e = i16Array(a);
      const start = (s as number) >>> 0;
      const count = (c as number) >>> 0;
      if (start + count > e.length) trap();
      let out = '';
      for (let i = start; i < start + count; i += 4096) {
        out += String.fromCharCode(...e.subarray(i, Math.min(i + 4096, start + count)));
      }
      return out;
    },
  },
  intoCharCodeArray: {
    params: [EXTERNREF, I16_ARRAY, I32],
    results: [I32],
    impl: ([v, a, s]) => {
      const string = str(v);
      const e = i16Array(a);
      const start = (s as number) >>> 0;
      if (start + string.length > e.length) trap();
      for (let i = 0; i < string.length; i++) e[start + i] = string.charCodeAt(i);
      return string.length;
    },
  },
  fromCharCode: {
    params: [I32],
    results: [REF_EXTERN],
    impl: ([c]) => String.fromCharCode((c as number) & 0xffff),
  },
  fromCodePoint: {
    params: [I32],
    results: [REF_EXTERN],
    impl: ([c]) => {
      const cp = (c as number) >>> 0;
      return cp > 0x10ffff ? trap() : String.fromCodePoint(cp);
    },
  },
  charCodeAt: {
    params: [EXTERNREF, I32],
    results: [I32],
    impl: ([v, i]) => {
      const s = str(v);
      const at = (i as number) >>> 0;
      return at >= s.length ? trap() : s.charCodeAt(at);
    },
  },
  codePointAt: {
    params: [EXTERNREF, I32],
    results: [I32],
    impl: ([v, i]) => {
      const s = str(v);
      const at = (i as number) >>> 0;
      return at >= s.length ? trap() : s.codePointAt(at)!;
    },
  },
  length: { params: [EXTERNREF], results: [I32], impl: ([v]) => str(v).length },
  concat: {
    params: [EXTERNREF, EXTERNREF],
    results: [REF_EXTERN],
    impl: ([a, b]) => str(a) + str(b),
  },
  substring: {
    params: [EXTERNREF, I32, I32],
    results: [REF_EXTERN],
    impl: ([v, a, b]) => {
      const s = str(v);
      const start = (a as number) >>> 0;
      const end = (b as number) >>> 0;
      return start > s.length || end < start ? '' : s.substring(start, end);
    },
  },
  equals: {
    params: [EXTERNREF, EXTERNREF],
    results: [I32],
    impl: ([a, b]) => {
      if (a !== null) str(a);
      if (b !== null) str(b);
      return a === b ? 1 : 0;
    },
  },
  compare: {
    params: [EXTERNREF, EXTERNREF],
    results: [I32],
    impl: ([a, b]) => {
      const x = str(a);
      const y = str(b);
      return x < y ? -1 : x === y ? 0 : 1;
    },
  },
};

/** Whether the module's type `typeIndex` is exactly the builtin's function type. */
function matchesBuiltin(
  info: ModuleInfo,
  typeIndex: number,
  params: readonly ValType[],
  results: readonly ValType[],
): boolean {
  const sub = info.types[typeIndex]!;
  // Exactly the builtin's type: a final function type of its own, in a group of its own.
  if (sub.comp.kind !== 'func' || !sub.final || sub.supertype >= 0 || sub.recSize !== 1) {
    return false;
  }
  const ft = sub.comp;
  const same = (a: readonly ValType[], b: readonly ValType[]) =>
    a.length === b.length && a.every((t, i) => matchType(info, t, b[i]!));
  return same(ft.params, params) && same(ft.results, results);
}

function matchType(info: ModuleInfo, actual: ValType, expected: ValType): boolean {
  if (expected !== I16_ARRAY) return actual === expected;
  if (!isRef(actual) || !isNullable(actual) || heapOf(actual) < 0) return false;
  const t = info.types[heapOf(actual)]!;
  return (
    t.comp.kind === 'array' &&
    t.comp.field.storage === I16 &&
    t.comp.field.mutable &&
    t.final &&
    t.supertype < 0 &&
    t.recSize === 1
  );
}

/** The engine's item for a builtin or string-constant import (already type-checked). */
export function builtinImport(options: CompileOptions, imp: Import, typeIds: Int32Array): Extern {
  if (options.jsString && imp.module === JS_STRING && imp.kind === 'func') {
    const typeId = typeIds[imp.typeIndex]!;
    const type = registry.get(typeId).comp as FuncType;
    const impl = BUILTINS[imp.name]!.impl;
    const f: FuncInstance = createHostFunc(store, typeId, type, (_caller, args) =>
      [impl(args)].slice(0, type.results.length),
    );
    release();
    return f;
  }
  const g = new GlobalInstance(store, REF_EXTERN, false);
  g.value = imp.name;
  store.add(store.globals, g);
  release();
  return g;
}
