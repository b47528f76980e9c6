/** Linker: resolves a module's imports by name, as Wasmtime's `Linker`. */
import { LinkError } from '@weft/runtime';
import { Engine } from './engine.js';
import { Func, isExtern, type Caller, type Extern } from './externs.js';
import { Instance } from './instance.js';
import type { Module } from './module.js';
import type { Store } from './store.js';
import { FuncType } from './types.js';
import { describeValue } from './values.js';

/**
 * Definitions by (module, name). Items belong to stores, so definitions
 * are per store: `define` takes the store the item lives in.
 */
export class Linker {
  private readonly items = new Map<string, Extern>();
  private shadowing = false;

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
