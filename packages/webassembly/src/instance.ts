/** `WebAssembly.Instance`: reading imports, instantiation, the exports object. */
import { F32, F64, I32, I64, isRef, V128, type Import } from '@weft/environ';
import {
  FuncInstance,
  GlobalInstance,
  globalizeType,
  instantiate,
  MemoryInstance,
  setStackTop,
  stackTop,
  TableInstance,
  TagInstance,
  type Extern,
  type InstanceHandle,
} from '@weft/runtime';
import { LinkError, toApiError } from './errors.js';
import { tagObject, tagSlots } from './exception.js';
import { exportedFunction, funcOfValue, hostFunction, run } from './func.js';
import { suspendingFunction, suspendingSlots } from './jspi.js';
import { globalObject, globalSlots, newGlobal } from './global.js';
import { memoryObject, memorySlots } from './memory.js';
import { moduleSlots, type ModuleState } from './module.js';
import { registry, release, store } from './realm.js';
import { builtinImport, isBuiltinImport } from './strings.js';
import { tableObject, tableSlots } from './table.js';
import { toWasm } from './values.js';
import { isObjectLike, Slots, toStringTag, webidlMembers } from './webidl.js';

const instanceSlots = new Slots<object>('Instance');

function link(imp: Import, why: string): LinkError {
  return new LinkError(`import "${imp.module}" "${imp.name}": ${why}`);
}

/** Reads the imports a module needs from `importObject`, in order ("read the imports"). */
export function readImports(m: ModuleState, importObject: unknown): Extern[] {
  const imports = m.info.imports;
  if (imports.length > 0 && importObject === undefined) {
    throw new TypeError(
      'WebAssembly.Instance: the module has imports but no import object was given',
    );
  }
  if (importObject !== undefined && !isObjectLike(importObject)) {
    throw new TypeError('WebAssembly.Instance: the import object must be an object');
  }
  const typeIds = registry.canonicalize(m.info);
  const out: Extern[] = [];
  for (const imp of imports) {
    if (isBuiltinImport(m.options, imp)) {
      out.push(builtinImport(m.options, imp, typeIds));
      continue;
    }
    const o = (importObject as Record<string, unknown>)[imp.module];
    if (!isObjectLike(o)) {
      throw new TypeError(`WebAssembly.Instance: import module "${imp.module}" must be an object`);
    }
    const v = (o as Record<string, unknown>)[imp.name];
    switch (imp.kind) {
      case 'func': {
        if (suspendingSlots.has(v)) {
          const typeId = typeIds[imp.typeIndex]!;
          const type = registry.get(typeId).comp;
          if (type.kind !== 'func') throw link(imp, 'not a function type');
          out.push(suspendingFunction(typeId, type, suspendingSlots.get(v, '')));
          break;
        }
        if (typeof v !== 'function') throw link(imp, 'function import requires a callable');
        const f = funcOfValue(v);
        if (f !== null) {
          out.push(f);
        } else {
          const typeId = typeIds[imp.typeIndex]!;
          const type = registry.get(typeId).comp;
          if (type.kind !== 'func') throw link(imp, 'not a function type');
          out.push(hostFunction(typeId, type, v));
        }
        break;
      }
      case 'global': {
        if (globalSlots.has(v)) {
          out.push(globalSlots.get(v, ''));
          break;
        }
        const t = globalizeType(imp.type.type, typeIds);
        if (t === I64 && typeof v !== 'bigint') throw link(imp, 'global import must be a BigInt');
        if ((t === I32 || t === F32 || t === F64) && typeof v !== 'number') {
          throw link(imp, 'global import must be a Number');
        }
        if (t === V128) throw link(imp, 'a v128 global import must be a WebAssembly.Global');
        if (imp.type.mutable)
          throw link(imp, 'a mutable global import must be a WebAssembly.Global');
        let raw: unknown;
        try {
          raw = toWasm(t)(v);
        } catch (e) {
          if (isRef(t) && e instanceof TypeError) throw link(imp, e.message);
          throw e;
        }
        out.push(newGlobal(t, false, raw));
        break;
      }
      case 'memory':
        if (!memorySlots.has(v)) throw link(imp, 'memory import must be a WebAssembly.Memory');
        out.push(memorySlots.get(v, ''));
        break;
      case 'table':
        if (!tableSlots.has(v)) throw link(imp, 'table import must be a WebAssembly.Table');
        out.push(tableSlots.get(v, ''));
        break;
      case 'tag':
        if (!tagSlots.has(v)) throw link(imp, 'tag import must be a WebAssembly.Tag');
        out.push(tagSlots.get(v, ''));
        break;
    }
  }
  return out;
}

/** The JS value of an export. */
function exportValue(item: Extern): unknown {
  if (item instanceof FuncInstance) return exportedFunction(item);
  if (item instanceof MemoryInstance) return memoryObject(item);
  if (item instanceof TableInstance) return tableObject(item);
  if (item instanceof GlobalInstance) return globalObject(item);
  if (item instanceof TagInstance) return tagObject(item);
  throw new TypeError('unknown export');
}

/** Instantiates, runs the start function, and returns the frozen exports object. */
export function instantiateModule(m: ModuleState, imports: Extern[]): object {
  let handle: InstanceHandle;
  try {
    handle = instantiate(store, m.info, imports, m.compiled);
  } catch (e) {
    release();
    throw toApiError(e);
  }
  release();
  const exports = Object.create(null) as Record<string, unknown>;
  for (const e of m.info.exports) {
    exports[e.name] =
      e.kind === 'func'
        ? exportedFunction(handle.funcs[e.index]!, e.index)
        : exportValue(handle.exports.get(e.name)!);
  }
  Object.freeze(exports);
  const start = m.info.start;
  if (start !== null) {
    const fp = stackTop();
    setStackTop(fp + 1);
    run(handle.funcs[start]!, fp);
  }
  return exports;
}

/** A `WebAssembly.Instance` object with its exports object. */
export function instanceObject(exports: object): object {
  const o = Object.create(Instance.prototype) as object;
  instanceSlots.set(o, exports);
  return o;
}

export class Instance {
  constructor(module: unknown, ...rest: unknown[]) {
    const m = moduleSlots.get(module, 'WebAssembly.Instance');
    const imports = readImports(m, rest[0]);
    instanceSlots.set(this, instantiateModule(m, imports));
  }

  get exports(): object {
    return instanceSlots.get(this, 'WebAssembly.Instance.exports');
  }
}
webidlMembers(Instance.prototype, ['exports']);
toStringTag(Instance.prototype, 'WebAssembly.Instance');
