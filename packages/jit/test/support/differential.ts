/**
 * Runs a module on native WebAssembly (the oracle) and on Weft's compiler
 * in every configuration (baseline tier, optimized tier, flat layout), and
 * compares everything observable: results, traps and the values passed to
 * imported functions, in order.
 *
 * Imported functions (any module and name) record `name(args)` in a log and
 * return zeros. Results are compared bit-exactly (floats by their bits).
 */
import * as assert from 'uvu/assert';
import { parseModule, type Features, type FuncType, type ModuleInfo } from '@weft/environ';
import {
  callFunc,
  createHostFunc,
  instantiate,
  Store,
  Trap,
  TrapCode,
  TypeRegistry,
  WasmException,
  type Extern,
  type FuncInstance,
} from '@weft/runtime';
import { parseWat } from '@weft/wast';
import { classify, compileModule, LAYOUT, TIER_UP } from '#src/index.js';

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
  if (e instanceof WebAssembly.Exception) return 'uncaught exception';
  const message = e instanceof Error ? e.message : String(e);
  for (const [pattern, code] of NATIVE_TRAPS) if (pattern.test(message)) return `trap ${code}`;
  return `error ${message}`;
}

function weftTrap(e: unknown): string {
  if (e instanceof Trap) return `trap ${SAME_AS[e.code] ?? e.code}`;
  if (e instanceof WasmException) return 'uncaught exception';
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

/** The ways Weft can compile a function. */
export type Config = 'baseline' | 'optimized' | 'flat';
export const CONFIGS: readonly Config[] = ['baseline', 'optimized', 'flat'];

function runWeft(
  bytes: Uint8Array,
  calls: readonly Call[],
  config: Config,
  features: Partial<Features> = {},
): Outcome[] {
  const saved = { ...TIER_UP };
  const savedFlat = LAYOUT.flat;
  Object.assign(
    TIER_UP,
    config === 'optimized'
      ? { calls: 1, iterations: 1 }
      : { calls: Infinity, iterations: Infinity },
  );
  LAYOUT.flat = config === 'flat';
  try {
    let log: string[] = [];
    const module = parseModule(bytes, { features });
    const store = new Store(new TypeRegistry(), classify);
    const imports = hostImports(store, module, () => log);
    const instance = instantiate(store, module, imports, compileModule(module));
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
    LAYOUT.flat = savedFlat;
  }
}

function binary(source: string | Uint8Array): Uint8Array {
  return typeof source === 'string' ? parseWat(source) : source;
}

/** Asserts that every configuration of Weft does what native WebAssembly does. */
export function agree(source: string | Uint8Array, calls: readonly Call[]): Outcome[] {
  const bytes = binary(source);
  const native = runNative(bytes, calls);
  for (const config of CONFIGS)
    assert.equal(runWeft(bytes, calls, config), native, `${config} differs from native`);
  return native;
}

/**
 * Asserts that every configuration of Weft gives the `expected` outcomes
 * (for features the host's WebAssembly lacks, such as the proposals in
 * `features`).
 */
export function expect(
  source: string | Uint8Array,
  calls: readonly Call[],
  expected: readonly Outcome[],
  features: Partial<Features> = {},
): void {
  const bytes = binary(source);
  for (const config of CONFIGS)
    assert.equal(
      runWeft(bytes, calls, config, features),
      expected,
      `${config} differs from expected`,
    );
}
