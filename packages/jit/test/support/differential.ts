/**
 * Runs a module on native WebAssembly (the oracle) and on Weft's compiler
 * in both tiers, and compares everything observable: results, traps and the
 * values passed to imported functions, in order.
 *
 * Imported functions (any module and name) record `name(args)` in a log and
 * return zeros. Results are compared bit-exactly (floats by their bits).
 */
import * as assert from 'uvu/assert';
import { parseModule, type FuncType, type ModuleInfo } from '@weft/environ';
import {
  callFunc,
  createHostFunc,
  instantiate,
  Store,
  Trap,
  TrapCode,
  TypeRegistry,
  type Extern,
  type FuncInstance,
} from '@weft/runtime';
import { parseWat } from '@weft/wast';
import { classify, compileModule, TIER_UP } from '#src/index.js';

/** A call of an export: its name and arguments (i64 as bigint). */
export type Call = readonly [name: string, args: readonly unknown[]];

/** What one call did: its results or its trap, and the imports it called. */
export interface Outcome {
  readonly result: string;
  readonly log: string[];
}

/** V8's trap messages, by the trap code Weft raises for them. */
const NATIVE_TRAPS: readonly [RegExp, TrapCode][] = [
  [/unreachable/, TrapCode.UnreachableCodeReached],
  [/memory access out of bounds/, TrapCode.MemoryOutOfBounds],
  [/divide by zero|remainder by zero/, TrapCode.IntegerDivisionByZero],
  [/divide result unrepresentable|integer overflow/, TrapCode.IntegerOverflow],
  [/float unrepresentable in integer range/, TrapCode.BadConversionToInteger],
  [/table index is out of bounds/, TrapCode.UndefinedElement],
  [/null function or function signature mismatch/, TrapCode.BadSignature],
  [/Maximum call stack size exceeded/, TrapCode.StackOverflow],
];

/** Weft's trap codes that V8 reports with the same message as another code. */
const SAME_AS: Partial<Record<TrapCode, TrapCode>> = {
  [TrapCode.IndirectCallToNull]: TrapCode.BadSignature,
  [TrapCode.TableOutOfBounds]: TrapCode.UndefinedElement,
};

function show(v: unknown): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    return Object.is(v, -0) ? '-0' : String(v);
  }
  if (typeof v === 'bigint') return `${BigInt.asIntN(64, v)}n`;
  return String(v);
}

function nativeTrap(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  for (const [pattern, code] of NATIVE_TRAPS) if (pattern.test(message)) return `trap ${code}`;
  return `error ${message}`;
}

function weftTrap(e: unknown): string {
  if (e instanceof Trap) return `trap ${SAME_AS[e.code] ?? e.code}`;
  return `error ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

function runNative(bytes: Uint8Array, calls: readonly Call[]): Outcome[] {
  let log: string[] = [];
  const module = new WebAssembly.Module(bytes);
  const imports: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`unsupported import kind ${imp.kind}`);
    (imports[imp.module] ??= {})[imp.name] = (...args: unknown[]) => {
      log.push(`${imp.name}(${args.map(show).join(', ')})`);
      return undefined;
    };
  }
  const instance = new WebAssembly.Instance(module, imports);
  return calls.map(([name, args]) => {
    log = [];
    let result: string;
    try {
      const f = instance.exports[name] as (...a: unknown[]) => unknown;
      const r = f(...args);
      result = Array.isArray(r) ? r.map(show).join(', ') : r === undefined ? '' : show(r);
    } catch (e) {
      result = nativeTrap(e);
    }
    return { result, log };
  });
}

function hostImports(store: Store, module: ModuleInfo, log: () => string[]): Extern[] {
  const typeIds = store.registry.canonicalize(module);
  return module.imports.map((imp) => {
    if (imp.kind !== 'func') throw new Error(`unsupported import kind ${imp.kind}`);
    const type = module.types[imp.typeIndex]!.comp as FuncType;
    return createHostFunc(store, typeIds[imp.typeIndex]!, type, (_caller, args) => {
      log().push(`${imp.name}(${args.map(show).join(', ')})`);
      return type.results.map((t) => (t === 0x7e ? 0n : 0));
    });
  });
}

function runWeft(bytes: Uint8Array, calls: readonly Call[], optimized: boolean): Outcome[] {
  const saved = { ...TIER_UP };
  Object.assign(
    TIER_UP,
    optimized ? { calls: 1, iterations: 1 } : { calls: Infinity, iterations: Infinity },
  );
  try {
    let log: string[] = [];
    const module = parseModule(bytes);
    const store = new Store(new TypeRegistry(), classify);
    const instance = instantiate(
      store,
      module,
      hostImports(store, module, () => log),
      compileModule(module),
    );
    return calls.map(([name, args]) => {
      log = [];
      let result: string;
      try {
        const f = instance.exports.get(name) as FuncInstance;
        result = callFunc(store, f, args).map(show).join(', ');
      } catch (e) {
        result = weftTrap(e);
      }
      return { result, log };
    });
  } finally {
    Object.assign(TIER_UP, saved);
  }
}

/** Outcomes of the calls on native WebAssembly and on each tier of Weft. */
export function outcomes(source: string | Uint8Array, calls: readonly Call[]) {
  const bytes = typeof source === 'string' ? parseWat(source) : source;
  return {
    native: runNative(bytes, calls),
    baseline: runWeft(bytes, calls, false),
    optimized: runWeft(bytes, calls, true),
  };
}

/** Asserts that both tiers of Weft do what native WebAssembly does. */
export function agree(source: string | Uint8Array, calls: readonly Call[]): Outcome[] {
  const { native, baseline, optimized } = outcomes(source, calls);
  assert.equal(baseline, native, 'baseline tier differs from native');
  assert.equal(optimized, native, 'optimized tier differs from native');
  return native;
}
