/** InstancePre: a module with its imports resolved and checked, instantiated any number of times. */
import { checkImports, LinkError } from '@weft/runtime';
import { runtimeOf, type Extern } from './externs.js';
import { Instance } from './instance.js';
import type { Module } from './module.js';
import { SharedMemory } from './shared-memory.js';
import type { Store } from './store.js';

const TOKEN: unique symbol = Symbol('weft InstancePre');

/**
 * A module whose imports a `Linker` has resolved and type-checked
 * (Wasmtime's `InstancePre`, from `linker.instantiatePre(module)`): each
 * `instantiate` skips the lookups. The definitions are fixed when it is
 * made; later changes to the linker do not affect it.
 *
 * Definitions belong to a store (Weft has no store-independent host
 * functions), so an `InstancePre` with imports instantiates in the store
 * its definitions belong to; one without imports, in any store of its
 * engine.
 */
export class InstancePre {
  private constructor(
    token: typeof TOKEN,
    /** The module it instantiates. */
    readonly module: Module,
    private readonly imports: readonly Extern[],
  ) {
    if (token !== TOKEN)
      throw new TypeError(
        'InstancePre has no public constructor: use linker.instantiatePre(module)',
      );
  }

  /**
   * Resolved definitions, checked against `module`'s import types in the
   * store they belong to (when there are imports).
   *
   * @internal
   * @throws {LinkError} naming the first import that does not fit, or if the
   *   definitions belong to different stores.
   */
  static checked(module: Module, imports: readonly Extern[]): InstancePre {
    const pre = new InstancePre(TOKEN, module, imports);
    const store = imports.map(ownerOf).find((s) => s !== null);
    if (store !== undefined) {
      pre.checkStore(store, " than the module's other imports");
      checkImports(
        store.inner,
        module.info,
        imports.map((e) => runtimeOf(store, e)),
      );
    }
    return pre;
  }

  /**
   * A new instance, its start function run (see `Instance`'s constructor).
   *
   * @throws {LinkError} if `store` is not the store of the definitions.
   * @throws {Trap} if initialization or the start function traps.
   */
  instantiate(store: Store): Instance {
    this.checkStore(store);
    return new Instance(store, this.module, this.imports);
  }

  /** A new instance, its start function run as an async call (see `Instance.newAsync`). */
  instantiateAsync(store: Store): Promise<Instance> {
    this.checkStore(store);
    return Instance.newAsync(store, this.module, this.imports);
  }

  /** Throws a `LinkError` naming the first import that does not belong to `store`. */
  private checkStore(store: Store, than = ''): void {
    const i = this.imports.findIndex((e) => (ownerOf(e) ?? store) !== store);
    if (i < 0) return;
    const imp = this.module.imports[i]!;
    throw new LinkError(
      `import "${imp.module}" "${imp.name}" belongs to another store${than}`,
      imp.module,
      imp.name,
    );
  }
}

/** The store an item belongs to; null for a shared memory, which belongs to the engine. */
function ownerOf(e: Extern): Store | null {
  return e instanceof SharedMemory ? null : e.store;
}
