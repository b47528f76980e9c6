/** Linker: resolves a module's imports by name, as Wasmtime's `Linker`. */
import { LinkError } from '@weft/runtime';
import { Engine } from './engine.js';
import { isExtern, type Extern } from './externs.js';
import { Func, type Caller } from './func.js';
import { Instance } from './instance.js';
import { InstancePre } from './instance-pre.js';
import type { Module } from './module.js';
import type { Store } from './store.js';
import { FuncType, GlobalType, MemoryType, TableType, type ExportType } from './types.js';
import { describeValue } from './values.js';

/**
 * Definitions by (module, name). Items belong to stores, so definitions
 * are per store: `define` takes the store the item lives in.
 */
export class Linker {
  private readonly items = new Map<string, Extern>();
  private shadowing = false;
  private unknownExports = false;

  constructor(
    /** The engine whose stores and modules the linker links. */
    readonly engine: Engine,
  ) {
    if (!(engine instanceof Engine))
      throw new TypeError(
        `new Linker(engine): engine must be an Engine, got ${describeValue(engine)}`,
      );
  }

  private static key(module: string, name: string): string {
    return `${module}\u0000${name}`;
  }

  /** Whether a later definition may replace an earlier one (default: no). */
  allowShadowing(allow: boolean): this {
    this.shadowing = allow;
    return this;
  }

  /**
   * Whether `module` accepts a command whose exports include items other
   * than functions and the few its toolchains add (default: no, as
   * Wasmtime's `allow_unknown_exports`).
   */
  allowUnknownExports(allow: boolean): this {
    this.unknownExports = allow;
    return this;
  }

  /**
   * Defines `module`.`name` as `item`, which must be an extern handle
   * (`TypeError` otherwise). A host function is named after its first
   * definition in error messages (`host function 'env.log'`).
   */
  define(store: Store, module: string, name: string, item: Extern): this {
    if (!isExtern(item)) {
      throw new TypeError(
        `Linker.define: "${module}" "${name}" must be a Func, Memory, SharedMemory, Table, Global or Tag, got ${describeValue(item)}`,
      );
    }
    const key = Linker.key(module, name);
    if (!this.shadowing && this.items.has(key)) {
      throw new LinkError(`import "${module}" "${name}" is already defined`, module, name);
    }
    this.items.set(key, item);
    if (item instanceof Func && item.store === store) item.nameHost(store, module, name);
    return this;
  }

  /** Defines a host function `module`.`name`. */
  func<T>(
    store: Store<T>,
    module: string,
    name: string,
    type: FuncType,
    fn: (caller: Caller<T>, ...args: any[]) => unknown,
  ): this {
    return this.define(store, module, name, Func.new(store, type, fn));
  }

  /** Defines an async host function `module`.`name` (see `Func.newAsync`). */
  funcAsync<T>(
    store: Store<T>,
    module: string,
    name: string,
    type: FuncType,
    fn: (caller: Caller<T>, ...args: any[]) => unknown,
  ): this {
    return this.define(store, module, name, Func.newAsync(store, type, fn));
  }

  /** Defines every export of `instance` under module name `module`. */
  instance(store: Store, module: string, instance: Instance): this {
    for (const [name, item] of instance.exports(store)) this.define(store, module, name, item);
    return this;
  }

  /**
   * Defines every function import of `module` that this linker does not
   * define as a host function that fails when called (Wasmtime's
   * `define_unknown_imports_as_traps`): the module instantiates, and only a
   * call of a missing function fails, with a `LinkError` naming it thrown
   * from the call (a host error: it unwinds the wasm frames). Imports of
   * other kinds stay missing.
   */
  defineUnknownImportsAsTraps(store: Store, module: Module): this {
    for (const imp of module.imports) {
      if (!(imp.type instanceof FuncType) || this.items.has(Linker.key(imp.module, imp.name)))
        continue;
      const { module: from, name } = imp;
      const missing = Func.new(store, imp.type, () => {
        throw new LinkError(
          `unknown import: "${from}" "${name}" has not been defined (called by wasm)`,
          from,
          name,
        );
      });
      this.define(store, from, name, missing);
    }
    return this;
  }

  /**
   * Defines the exports of `module` under the name `name`, as Wasmtime's
   * `Linker::module` does for WASI's commands and reactors:
   * - a **command** (exports `_start`): each exported function is defined as
   *   a function that, at every call, instantiates the module afresh (its
   *   imports resolved now, so they must be defined already), calls that
   *   export of the new instance and returns its results; no state survives
   *   a call. Other exports are refused (`LinkError`), except those
   *   toolchains add (`memory`, `table`, `__indirect_function_table`,
   *   `__data_end`, `__heap_base`, `__dso_handle`, `__rtti_base`) or with
   *   `allowUnknownExports(true)`.
   * - a **reactor** (exports `_initialize`, or neither): instantiated once
   *   now, `_initialize` called if present, its exports defined.
   *
   * @throws {LinkError} if the module is both (or `_start`/`_initialize` is
   *   not a function), an import is missing, or a name is defined already.
   * @throws {Trap} if a reactor's instantiation or `_initialize` traps.
   */
  module(store: Store, name: string, module: Module): this {
    if (this.kindOf(module) === 'reactor') {
      const instance = this.instantiate(store, module);
      const init = instance.getExport(store, '_initialize');
      if (init instanceof Func) init.call(store);
      return this.instance(store, name, instance);
    }
    return this.command(store, name, module, (pre, exportName, type) =>
      Func.new(store, type, (caller, ...args) =>
        pre
          .instantiate(caller.store)
          .getFunc(caller.store, exportName)!
          .call(caller.store, ...args),
      ),
    );
  }

  /**
   * `module` for async stores: a reactor is instantiated and initialized
   * with async calls, and a command's functions are async host functions
   * (`Func.newAsync`) that instantiate and call with async calls, so the
   * module may call async host functions.
   */
  async moduleAsync(store: Store, name: string, module: Module): Promise<this> {
    if (this.kindOf(module) === 'reactor') {
      const instance = await this.instantiateAsync(store, module);
      const init = instance.getExport(store, '_initialize');
      if (init instanceof Func) await init.callAsync(store);
      return this.instance(store, name, instance);
    }
    return this.command(store, name, module, (pre, exportName, type) =>
      Func.newAsync(store, type, async (caller, ...args) => {
        const instance = await pre.instantiateAsync(caller.store);
        return instance.getFunc(caller.store, exportName)!.callAsync(caller.store, ...args);
      }),
    );
  }

  /** Whether `module` is a WASI command or a reactor (a module with neither export is a reactor). */
  private kindOf(module: Module): 'command' | 'reactor' {
    const start = module.exports.find((e) => e.name === '_start');
    const init = module.exports.find((e) => e.name === '_initialize');
    const fail = (why: string): never => {
      throw new LinkError(why, '', module.name ?? '');
    };
    if (start !== undefined && init !== undefined)
      fail('Program cannot be both a Command and a Reactor');
    if (start !== undefined && !(start.type instanceof FuncType))
      fail('`_start` must be a function');
    if (init !== undefined && !(init.type instanceof FuncType))
      fail('`_initialize` must be a function');
    return start !== undefined ? 'command' : 'reactor';
  }

  /** Defines each function export of the command `module` as made by `wrap`. */
  private command(
    store: Store,
    name: string,
    module: Module,
    wrap: (pre: InstancePre, exportName: string, type: FuncType) => Func,
  ): this {
    const pre = this.instantiatePre(module);
    const funcs: [string, Func][] = [];
    for (const e of module.exports) {
      if (e.type instanceof FuncType) funcs.push([e.name, wrap(pre, e.name, e.type)]);
      else if (!this.unknownExports && !isToolchainExport(e))
        throw new LinkError(`command export '${e.name}' is not a function`, name, e.name);
    }
    for (const [exportName, f] of funcs) this.define(store, name, exportName, f);
    return this;
  }

  /**
   * The "default export" of the module defined as `module` (Wasmtime's
   * `get_default`): its export named `""`, else its `_start`, else a
   * function of type `[] -> []` that does nothing.
   *
   * @throws {LinkError} if the export found is not a function.
   */
  getDefault(store: Store, module: string): Func {
    const named = this.get(store, module, '');
    if (named !== null) {
      if (named instanceof Func) return named;
      throw new LinkError(`default export in '${module}' is not a function`, module, '');
    }
    const start = this.get(store, module, '_start');
    if (start !== null) {
      if (start instanceof Func) return start;
      throw new LinkError(`\`_start\` in '${module}' is not a function`, module, '_start');
    }
    return Func.new(store, new FuncType([], []), () => undefined);
  }

  /** The definition of `module`.`name`, or null. */
  get(_store: Store, module: string, name: string): Extern | null {
    return this.items.get(Linker.key(module, name)) ?? null;
  }

  /**
   * Instantiates `module`, resolving its imports from this linker's definitions.
   *
   * @throws {LinkError} "unknown import" for a missing definition, or
   *   "incompatible import type" for one of the wrong kind or type.
   */
  instantiate(store: Store, module: Module): Instance {
    return new Instance(store, module, this.resolve(module));
  }

  /**
   * Instantiates as `instantiate` does, running the start function as an
   * async call (see `Instance.newAsync`). Link errors are thrown at once.
   */
  instantiateAsync(store: Store, module: Module): Promise<Instance> {
    return Instance.newAsync(store, module, this.resolve(module));
  }

  /**
   * Resolves `module`'s imports now and checks their types (Wasmtime's
   * `instantiate_pre`): the `InstancePre` instantiates without looking
   * anything up again, as often as wanted.
   *
   * @throws {LinkError} "unknown import" for a missing definition, or
   *   "incompatible import type" for one of the wrong kind or type.
   */
  instantiatePre(module: Module): InstancePre {
    return InstancePre.checked(module, this.resolve(module));
  }

  /** The definitions of `module`'s imports, in its import order. */
  private resolve(module: Module): Extern[] {
    return module.info.imports.map((imp) => {
      const item = this.items.get(Linker.key(imp.module, imp.name));
      if (item === undefined) {
        throw new LinkError(
          `unknown import: "${imp.module}" "${imp.name}" has not been defined`,
          imp.module,
          imp.name,
        );
      }
      return item;
    });
  }
}

/**
 * Whether `e` is a non-function export a command may have: what C, Rust
 * and AssemblyScript toolchains add (Wasmtime accepts the same).
 */
function isToolchainExport(e: ExportType): boolean {
  switch (e.name) {
    case 'memory':
      return e.type instanceof MemoryType;
    case 'table':
    case '__indirect_function_table':
      return e.type instanceof TableType;
    case '__data_end':
    case '__heap_base':
    case '__dso_handle':
    case '__rtti_base':
      return e.type instanceof GlobalType;
    default:
      return false;
  }
}
