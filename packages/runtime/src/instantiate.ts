/**
 * Instantiation, in the order the spec prescribes: imports are checked,
 * the instance is registered in its store before any side effect, items are
 * allocated and initialized, then active element segments and data segments
 * are applied. A failure part way leaves what already happened in place
 * (table entries written before an out-of-bounds segment stay callable).
 * The start function is not run here: the caller runs it after registration.
 */
import {
  ENVIRON_INTERFACE_VERSION,
  heapOf,
  isExact,
  isNullable,
  isRef,
  pageSize,
  refType,
  valSub,
  type FuncType,
  type Import,
  type ModuleInfo,
  type ValType,
} from '@weft/environ';
import { RUNTIME_ABI_VERSION, type WasmCode } from './abi.js';
import { evalConst, type ConstContext } from './const-eval.js';
import { LinkError } from './errors.js';
import { enterGcHeap } from './gc.js';
import { ResourceLimitError } from './limits.js';
import { FuncInstance } from './func.js';
import { GlobalInstance } from './global.js';
import { InstanceHandle, type Extern } from './instance.js';
import { MemoryInstance } from './memory.js';
import type { Store } from './store.js';
import { TableInstance } from './table.js';
import type { ResumeFactory } from './suspend.js';
import { TagInstance } from './tag.js';
import { Trap, TrapCode } from './trap.js';

/** Supplies compiled code for a defined function, on its first call. */
export type CodeFactory = (instance: InstanceHandle, funcIndex: number) => WasmCode;

/** What a compiler hands the runtime for one module. */
export interface CompiledCode {
  /**
   * The frame ABI version the code was generated for; `instantiate` refuses
   * code for another than {@link RUNTIME_ABI_VERSION}.
   */
  readonly abi: number;
  /** Compiler state, stored on the instance as `compiled`. */
  readonly state: unknown;
  readonly code: CodeFactory;
  /**
   * Resumable code of the functions, for suspended calls (see suspend.ts);
   * without it, calls through the module's frames cannot suspend.
   */
  readonly resume?: ResumeFactory;
}

/** Maps a module-relative value type to the registry's global ids. */
export function globalizeType(t: ValType, typeIds: Int32Array): ValType {
  if (!isRef(t)) return t;
  const h = heapOf(t);
  return h < 0 ? t : refType(typeIds[h]!, isNullable(t), isExact(t));
}

function describe(imp: Import): string {
  return `"${imp.module}" "${imp.name}"`;
}

function checkLimits(
  min: number,
  max: number | null,
  actualMin: number,
  actualMax: number | null,
): boolean {
  if (actualMin < min) return false;
  if (max === null) return true;
  return actualMax !== null && actualMax <= max;
}

/** Checks that `ext` satisfies `imp`; throws a LinkError naming the import otherwise. */
function checkImport(store: Store, imp: Import, ext: Extern, typeIds: Int32Array): void {
  const fail: (why: string) => never = (why) => {
    throw new LinkError(
      `incompatible import type for ${describe(imp)}: ${why}`,
      imp.module,
      imp.name,
    );
  };
  const registry = store.registry;
  switch (imp.kind) {
    case 'func':
      if (!(ext instanceof FuncInstance)) fail('expected a function');
      // An exact import (custom descriptors) takes exactly its type, not a subtype.
      if (imp.exact === true) {
        if (ext.typeId !== typeIds[imp.typeIndex]) fail('function type mismatch');
      } else if (!registry.isSubtype(ext.typeId, typeIds[imp.typeIndex]!)) {
        fail('function type mismatch');
      }
      return;
    case 'table': {
      if (!(ext instanceof TableInstance)) fail('expected a table');
      const t = imp.type;
      const element = globalizeType(t.element, typeIds);
      if (ext.type.is64 !== t.is64) fail('address type mismatch');
      if (!valSub(registry, element, ext.element) || !valSub(registry, ext.element, element)) {
        fail('element type mismatch');
      }
      if (!checkLimits(t.limits.min, t.limits.max, ext.size, ext.type.limits.max)) {
        fail('limits mismatch');
      }
      return;
    }
    case 'memory': {
      if (!(ext instanceof MemoryInstance)) fail('expected a memory');
      const t = imp.type;
      if (ext.type.is64 !== t.is64) fail('address type mismatch');
      // Custom page sizes: page sizes must be equal (there is no subtyping between them).
      if (ext.pageSize !== pageSize(t)) fail('page size mismatch');
      if (ext.type.shared !== t.shared) fail('shared mismatch');
      if (!checkLimits(t.limits.min, t.limits.max, ext.pages, ext.type.limits.max))
        fail('limits mismatch');
      return;
    }
    case 'global': {
      if (!(ext instanceof GlobalInstance)) fail('expected a global');
      const t = globalizeType(imp.type.type, typeIds);
      if (ext.mutable !== imp.type.mutable) fail('mutability mismatch');
      const ok = imp.type.mutable
        ? valSub(registry, ext.type, t) && valSub(registry, t, ext.type)
        : valSub(registry, ext.type, t);
      if (!ok) fail('value type mismatch');
      return;
    }
    case 'tag':
      if (!(ext instanceof TagInstance)) fail('expected a tag');
      if (ext.typeId !== typeIds[imp.type.typeIndex]) fail('tag type mismatch');
      return;
  }
}

/**
 * Checks `imports`, given in `module`'s import order, against the module's
 * imports in `store`: their number, that each belongs to `store`, and each
 * one's type (subtyping, limits, mutability). Nothing is allocated or
 * changed besides registering the module's types. Returns the module's
 * type ids in the store's registry.
 *
 * @throws {LinkError} naming the first import that does not fit.
 */
export function checkImports(
  store: Store,
  module: ModuleInfo,
  imports: readonly Extern[],
): Int32Array {
  if (imports.length !== module.imports.length) {
    throw new LinkError(
      `expected ${module.imports.length} imports, got ${imports.length}`,
      module.imports[imports.length]?.module ?? '',
      module.imports[imports.length]?.name ?? '',
    );
  }
  const typeIds = store.registry.canonicalize(module);
  module.imports.forEach((imp, i) => {
    const ext = imports[i]!;
    if (ext.store !== store) {
      throw new LinkError(`import ${describe(imp)} belongs to another store`, imp.module, imp.name);
    }
    checkImport(store, imp, ext, typeIds);
  });
  return typeIds;
}

/** Instantiates `module` in `store` with `imports` given in the module's import order. */
export function instantiate(
  store: Store,
  module: ModuleInfo,
  imports: readonly Extern[],
  compiled: CompiledCode,
): InstanceHandle {
  store.checkAlive();
  if (module.interfaceVersion !== ENVIRON_INTERFACE_VERSION) {
    throw new TypeError(
      `module has environ interface version ${module.interfaceVersion}; this runtime accepts ${ENVIRON_INTERFACE_VERSION}`,
    );
  }
  if (compiled.abi !== RUNTIME_ABI_VERSION) {
    throw new TypeError(
      `compiled code is for frame ABI version ${compiled.abi}; this runtime has ${RUNTIME_ABI_VERSION}`,
    );
  }
  const typeIds = checkImports(store, module, imports);

  // Limits, before any side effect: counts first, then every memory and
  // table is allocated (each asks the store's limiter); if one is refused,
  // those already allocated are given back and nothing else has happened.
  const definedMemories = module.memories.length - module.numImportedMemories;
  const definedTables = module.tables.length - module.numImportedTables;
  store.checkCounts(1, definedTables, definedMemories);
  const memories: MemoryInstance[] = [];
  const tables: TableInstance[] = [];
  try {
    for (let i = module.numImportedMemories; i < module.memories.length; i++) {
      memories.push(allocate(`memory ${i}`, () => new MemoryInstance(store, module.memories[i]!)));
    }
    for (let i = module.numImportedTables; i < module.tables.length; i++) {
      const type = module.tables[i]!.type;
      const element = globalizeType(type.element, typeIds);
      // The initial value is set once globals exist (it may read them).
      tables.push(allocate(`table ${i}`, () => new TableInstance(store, type, element, null)));
    }
  } catch (e) {
    for (const m of memories) m.release();
    for (const t of tables) t.release();
    throw e;
  }

  const instance = new InstanceHandle(store, module, typeIds, compiled.state);
  instance.resume = compiled.resume ?? null;
  store.add(store.instances, instance);

  // Imports, in their index spaces.
  for (const ext of imports) {
    if (ext instanceof FuncInstance) instance.funcs.push(ext);
    else if (ext instanceof TableInstance) instance.tables.push(ext);
    else if (ext instanceof MemoryInstance) instance.memories.push(ext);
    else if (ext instanceof GlobalInstance) instance.globals.push(ext);
    else instance.tags.push(ext);
  }

  // Defined functions: stubs that fetch compiled code on first call.
  for (const body of module.bodies) {
    const typeId = typeIds[body.typeIndex]!;
    const type = store.registry.get(typeId).comp as FuncType;
    const func: FuncInstance = new FuncInstance(
      store,
      typeId,
      type,
      instance,
      body.funcIndex,
      (fp) => {
        const code = compiled.code(instance, body.funcIndex);
        func.code = code;
        return code(fp);
      },
    );
    instance.funcs.push(func);
    store.add(store.funcs, func);
  }

  for (const memory of memories) {
    instance.memories.push(memory);
    store.add(store.memories, memory);
  }
  for (const table of tables) {
    instance.tables.push(table);
    store.add(store.tables, table);
  }

  // Constant expressions may allocate GC objects: charged to this store.
  const heap = enterGcHeap(store.gc);
  try {
    initialize(store, module, instance, typeIds, tables);
  } finally {
    enterGcHeap(heap);
  }
  return instance;
}

/** Runs `create`; a `ResourceLimitError` it throws is made to name `what`. */
function allocate<T>(what: string, create: () => T): T {
  try {
    return create();
  } catch (e) {
    if (e instanceof ResourceLimitError) {
      throw new ResourceLimitError(`cannot allocate ${what}: ${e.message}`, e.limit);
    }
    throw e;
  }
}

/** Globals, table initial values, tags, segments and exports, in spec order. */
function initialize(
  store: Store,
  module: ModuleInfo,
  instance: InstanceHandle,
  typeIds: Int32Array,
  tables: readonly TableInstance[],
): void {
  const ctx: ConstContext = {
    globals: instance.globals,
    funcs: instance.funcs,
    typeIds,
    registry: store.registry,
  };

  for (let i = module.numImportedGlobals; i < module.globals.length; i++) {
    const desc = module.globals[i]!;
    const g = new GlobalInstance(store, globalizeType(desc.type.type, typeIds), desc.type.mutable);
    g.value = evalConst(desc.init!, ctx);
    instance.globals.push(g);
    store.add(store.globals, g);
  }

  tables.forEach((table, j) => {
    const desc = module.tables[module.numImportedTables + j]!;
    if (desc.init !== null) table.initialize(evalConst(desc.init, ctx));
  });

  for (let i = module.numImportedTags; i < module.tags.length; i++) {
    const typeId = typeIds[module.tags[i]!.typeIndex]!;
    const tag = new TagInstance(store, typeId, store.registry.get(typeId).comp as FuncType);
    instance.tags.push(tag);
    store.add(store.tags, tag);
  }

  for (const seg of module.elems) {
    const refs =
      seg.funcIndices !== null
        ? Array.from(seg.funcIndices, (f) => instance.funcs[f])
        : seg.exprs!.map((e) => evalConst(e, ctx));
    instance.elems.push(refs);
  }
  for (const seg of module.datas) instance.datas.push(seg.bytes);

  for (const exp of module.exports) {
    const space = {
      func: instance.funcs,
      table: instance.tables,
      memory: instance.memories,
      global: instance.globals,
      tag: instance.tags,
    }[exp.kind] as readonly Extern[];
    instance.exports.set(exp.name, space[exp.index]!);
  }

  // Active and declarative element segments, then active data segments.
  module.elems.forEach((seg, i) => {
    if (seg.mode === 'passive') return;
    if (seg.mode === 'active') {
      const table = instance.tables[seg.table]!;
      const offset = toIndex(evalConst(seg.offset!, ctx), table.type.is64);
      const refs = instance.elems[i]!;
      if (offset + refs.length > table.size) throw new Trap(TrapCode.TableOutOfBounds);
      table.write(offset, refs, 0, refs.length);
    }
    instance.elems[i] = null;
  });
  module.datas.forEach((seg, i) => {
    if (seg.mode !== 'active') return;
    const memory = instance.memories[seg.memory]!;
    const offset = toIndex(evalConst(seg.offset!, ctx), memory.type.is64);
    const end = offset + seg.bytes.length;
    if (end > memory.size && end > memory.sync()) throw new Trap(TrapCode.MemoryOutOfBounds);
    memory.u8.set(seg.bytes, offset);
    instance.datas[i] = null;
  });
}

/** An i32 (unsigned) or i64 offset value as a JS number (large i64 values saturate). */
function toIndex(v: unknown, is64: boolean): number {
  if (!is64) return (v as number) >>> 0;
  const b = BigInt.asUintN(64, v as bigint);
  return b > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(b);
}
