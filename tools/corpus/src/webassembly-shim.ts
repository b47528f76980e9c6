/**
 * Test glue, not an API: a `WebAssembly`-shaped namespace over the `weft`
 * facade, just large enough for the JS glue that toolchains emit (Go's
 * `wasm_exec.js`, Emscripten's output, esbuild-wasm) to run its module on
 * Weft unchanged. The corpus installs it as `globalThis.WebAssembly` in a
 * child process, so the same glue runs on V8's WebAssembly in one process
 * and on Weft in another.
 *
 * What it covers: `Module` (constructor, `imports`, `exports`), `Instance`,
 * `instantiate`/`compile`/`validate`, `Memory` (`buffer`, `grow`), `Table`
 * (`get`, `set`, `grow`, `length`), `Global` (`value`), and the three error
 * classes. Values cross with the JS API's coercions (ToInt32, ToNumber,
 * ToBigInt64), because glue code relies on them (a host import returning
 * `undefined` for an i32 result is 0). What it does not cover: streaming,
 * `WebAssembly.Function`, shared memories, tags and exceptions, GC
 * references. A real implementation is a later task (`@weft/webassembly`).
 */
import {
  CompileError,
  Engine,
  Func,
  FuncType,
  Global,
  Instance as WeftInstance,
  LinkError,
  Memory as WeftMemory,
  MemoryType,
  Module as WeftModule,
  Store,
  Table as WeftTable,
  TableType,
  Trap,
  ValType,
  GlobalType,
  type Extern,
  type ExternType,
} from 'weft-wasm';
import type { Bytes } from './webassembly-api.js';

/** The subset of the JS API's value type names the glue uses. */
type ValueName = 'i32' | 'i64' | 'f32' | 'f64' | 'externref' | 'anyfunc' | 'funcref';

/** One `WebAssembly` namespace bound to one Weft engine and store. */
export interface WebAssemblyShim {
  readonly Module: new (bytes: Bytes) => object;
  readonly Instance: new (module: object, imports?: ImportObject) => { exports: object };
  readonly Memory: new (d: { initial: number; maximum?: number }) => object;
  readonly Table: new (d: { element: string; initial: number; maximum?: number }) => object;
  readonly Global: new (d: { value: ValueName; mutable?: boolean }, v?: unknown) => object;
  readonly CompileError: typeof CompileError;
  readonly LinkError: typeof LinkError;
  readonly RuntimeError: typeof Trap;
  compile(bytes: Bytes): Promise<object>;
  instantiate(source: unknown, imports?: ImportObject): Promise<unknown>;
  validate(bytes: Bytes): boolean;
  /** The store everything lives in (for tests that look inside). */
  readonly store: Store;
  /** How many instances were made through this namespace (the child checks it is not 0). */
  readonly instances: number;
}

type ImportObject = Record<string, Record<string, unknown>>;

const bytesOf = (b: Bytes): Uint8Array =>
  b instanceof Uint8Array
    ? b
    : ArrayBuffer.isView(b)
      ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
      : new Uint8Array(b);

/** The JS API's ToWebAssemblyValue for the numeric types; references pass through. */
function toWasm(t: ValType, v: unknown): unknown {
  switch (t.toString()) {
    case 'i32':
      return Number(v) | 0;
    case 'i64':
      return BigInt.asIntN(64, BigInt(v as bigint));
    case 'f32':
      return Math.fround(Number(v));
    case 'f64':
      return Number(v);
    default:
      return v === undefined ? null : v;
  }
}

/** Builds a namespace whose every module, instance and memory lives in one new store. */
export function createWebAssemblyShim(engine: Engine = new Engine()): WebAssemblyShim {
  const store = new Store(engine);
  let instances = 0;
  // JS function <-> Func in both directions, so identity survives round trips
  // through tables (Emscripten compares table entries with functions it holds).
  const jsOfFunc = new Map<Func, (...args: unknown[]) => unknown>();
  const funcOfJs = new WeakMap<object, Func>();

  const exportFunc = (f: Func): ((...args: unknown[]) => unknown) => {
    let js = jsOfFunc.get(f);
    if (js === undefined) {
      const type = f.type(store);
      const fn = (...args: unknown[]): unknown =>
        f.call(store, ...type.params.map((p, i) => toWasm(p, args[i])));
      js = fn;
      jsOfFunc.set(f, js);
      funcOfJs.set(js, f);
    }
    return js;
  };

  const hostFunc = (type: FuncType, fn: (...args: unknown[]) => unknown): Func => {
    const known = funcOfJs.get(fn);
    if (known !== undefined) return known;
    const f = Func.new(store, type, (_caller, ...args: unknown[]) => {
      const out = fn(...args);
      if (type.results.length === 0) return undefined;
      if (type.results.length === 1) return toWasm(type.results[0]!, out);
      return [...(out as Iterable<unknown>)].map((v, i) => toWasm(type.results[i]!, v));
    });
    funcOfJs.set(fn, f);
    jsOfFunc.set(f, fn);
    return f;
  };

  const refIn = (v: unknown): unknown =>
    typeof v === 'function' ? (funcOfJs.get(v) ?? v) : v === undefined ? null : v;
  const refOut = (v: unknown): unknown => (v instanceof Func ? exportFunc(v) : v);

  class ShimMemory {
    constructor(
      descriptor: { initial: number; maximum?: number },
      /** @internal */ readonly inner: WeftMemory = WeftMemory.new(
        store,
        new MemoryType(descriptor.initial, descriptor.maximum ?? null),
      ),
    ) {}
    /** The current buffer: a new one after every growth, as with V8. */
    get buffer(): ArrayBuffer {
      return this.inner.data(store).buffer as ArrayBuffer;
    }
    grow(delta: number): number {
      return this.inner.grow(store, delta);
    }
  }

  class ShimTable {
    constructor(
      descriptor: { element: string; initial: number; maximum?: number },
      /** @internal */ readonly inner: WeftTable = WeftTable.new(
        store,
        new TableType(
          descriptor.element === 'externref' ? ValType.externref() : ValType.funcref(),
          descriptor.initial,
          descriptor.maximum ?? null,
        ),
        null,
      ),
    ) {}
    get length(): number {
      return this.inner.size(store);
    }
    get(i: number): unknown {
      return refOut(this.inner.get(store, i));
    }
    set(i: number, v: unknown): void {
      this.inner.set(store, i, refIn(v));
    }
    grow(delta: number, init: unknown = null): number {
      return this.inner.grow(store, delta, refIn(init));
    }
  }

  class ShimGlobal {
    constructor(
      descriptor: { value: ValueName; mutable?: boolean },
      v?: unknown,
      /** @internal */ readonly inner: Global = Global.new(
        store,
        new GlobalType(valType(descriptor.value), descriptor.mutable ?? false),
        toWasm(valType(descriptor.value), v ?? (descriptor.value === 'i64' ? 0n : 0)),
      ),
    ) {}
    get value(): unknown {
      return refOut(this.inner.value(store));
    }
    set value(v: unknown) {
      this.inner.setValue(store, toWasm(this.inner.type(store).content, v));
    }
    valueOf(): unknown {
      return this.value;
    }
  }

  class ShimModule {
    /** @internal */ readonly inner: WeftModule;
    constructor(bytes: Bytes) {
      this.inner = new WeftModule(engine, bytesOf(bytes));
    }
  }

  const wrapExtern = (e: Extern): unknown => {
    if (e instanceof Func) return exportFunc(e);
    if (e instanceof WeftMemory) return new ShimMemory({ initial: 0 }, e);
    if (e instanceof WeftTable) return new ShimTable({ element: 'anyfunc', initial: 0 }, e);
    if (e instanceof Global) return new ShimGlobal({ value: 'i32' }, undefined, e);
    return e;
  };

  const importExtern = (type: ExternType, v: unknown, where: string): Extern => {
    if (type instanceof FuncType) {
      if (typeof v !== 'function')
        throw new LinkError(`${where}: function import requires a callable`, ...split(where));
      return hostFunc(type, v as (...args: unknown[]) => unknown);
    }
    if (v instanceof ShimMemory || v instanceof ShimTable || v instanceof ShimGlobal)
      return v.inner;
    if (type instanceof GlobalType && (typeof v === 'number' || typeof v === 'bigint')) {
      return Global.new(store, type, toWasm(type.content, v));
    }
    throw new LinkError(`${where}: unsupported import value`, ...split(where));
  };

  class ShimInstance {
    readonly exports: Record<string, unknown>;
    constructor(module: ShimModule, imports: ImportObject = {}) {
      const externs = module.inner.imports.map((imp) =>
        importExtern(imp.type, imports[imp.module]?.[imp.name], `${imp.module}.${imp.name}`),
      );
      const instance = new WeftInstance(store, module.inner, externs);
      instances++;
      const exports: Record<string, unknown> = Object.create(null);
      for (const [name, e] of instance.exports(store)) exports[name] = wrapExtern(e);
      this.exports = Object.freeze(exports);
    }
  }

  return {
    Module: ShimModule,
    Instance: ShimInstance as WebAssemblyShim['Instance'],
    Memory: ShimMemory,
    Table: ShimTable,
    Global: ShimGlobal,
    CompileError,
    LinkError,
    RuntimeError: Trap,
    store,
    get instances() {
      return instances;
    },
    compile: async (bytes) => new ShimModule(bytes),
    validate: (bytes) => {
      try {
        WeftModule.validate(engine, bytesOf(bytes));
        return true;
      } catch {
        return false;
      }
    },
    instantiate: async (source, imports) => {
      if (source instanceof ShimModule) return new ShimInstance(source, imports);
      const module = new ShimModule(source as Bytes);
      return { module, instance: new ShimInstance(module, imports) };
    },
  };
}

/** `module.name` as the two fields of a LinkError. */
function split(where: string): [string, string] {
  const dot = where.indexOf('.');
  return [where.slice(0, dot), where.slice(dot + 1)];
}

function valType(name: ValueName): ValType {
  switch (name) {
    case 'i32':
      return ValType.i32();
    case 'i64':
      return ValType.i64();
    case 'f32':
      return ValType.f32();
    case 'f64':
      return ValType.f64();
    case 'externref':
      return ValType.externref();
    default:
      return ValType.funcref();
  }
}
