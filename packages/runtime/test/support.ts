/**
 * Building blocks of the runtime's unit tests: modules from text (parsed
 * and validated by `@weft/environ`), instantiation without a compiler (each
 * defined function's "compiled code" is written by hand against the frame
 * ABI, or throws `NoCode` if called), host functions, and imports made from the
 * types of parsed modules (so no test spells a memory or table type).
 */
import { parseModule, type FuncType, type ModuleInfo, type ValType } from '@weft/environ';
import { parseWat } from '@weft/wast';
import {
  createHostFunc,
  FuncInstance,
  globalizeType,
  instantiate,
  MemoryInstance,
  RUNTIME_ABI_VERSION,
  Store,
  TableInstance,
  TypeRegistry,
  type Extern,
  type HostImpl,
  type InstanceHandle,
  type StoreLimits,
  type WasmCode,
} from '#src/index.js';

export const newStore = (limits: Partial<StoreLimits> = {}, registry = new TypeRegistry()) =>
  new Store(registry, () => null, limits);

export const sig = (params: ValType[], results: ValType[]): FuncType => ({
  kind: 'func',
  params,
  results,
});

/** A module from its text, decoded and validated. */
export function wat(text: string, names?: Names): ModuleInfo {
  const bytes = parseWat(text, { names: false }); // names come only from `names`
  return parseModule(names === undefined ? bytes : withNames(bytes, names));
}

/** Hand-written code for some defined functions, by function index. */
export type Codes = Record<number, (instance: InstanceHandle) => WasmCode>;

/** Raised by a function the test gave no code: the runtime must not have run it. */
export class NoCode extends Error {}

/** Instantiates `module` with `imports`; functions run `codes` (others throw `NoCode`). */
export function inst(
  store: Store,
  module: ModuleInfo,
  imports: readonly Extern[] = [],
  codes: Codes = {},
): InstanceHandle {
  return instantiate(store, module, imports, {
    abi: RUNTIME_ABI_VERSION,
    state: null,
    code: (instance, funcIndex) => {
      const make = codes[funcIndex];
      if (make !== undefined) return make(instance);
      return () => {
        throw new NoCode(`function ${funcIndex} has no code`);
      };
    },
  });
}

/** A host function of type `type`, registered in the store's registry. */
export function host(store: Store, type: FuncType, impl: HostImpl = () => []): FuncInstance {
  return createHostFunc(store, store.registry.registerFunc(type), type, impl);
}

/** A "wasm" function of its own (no instance): `code` behind a FuncInstance, as call-hook.test does. */
export function wasmFunc(store: Store, type: FuncType, code: WasmCode): FuncInstance {
  const f = new FuncInstance(store, store.registry.registerFunc(type), type, null, 0, code);
  store.add(store.funcs, f);
  return f;
}

/** A memory owned by `store`, of the type `(memory <limits>)` declares (e.g. `i64 1 2`). */
export function memory(store: Store, limits: string): MemoryInstance {
  const m = new MemoryInstance(store, wat(`(module (memory ${limits}))`).memories[0]!);
  store.add(store.memories, m);
  return m;
}

/**
 * A table owned by `store`, of the type `(table <type>)` declares (e.g.
 * `1 2 funcref`), in a module declaring `types` first (for `(ref $t)`).
 */
export function table(store: Store, type: string, types = '', init: unknown = null): TableInstance {
  const module = wat(`(module ${types} (table ${type}))`);
  const t = module.tables[0]!.type;
  const element = globalizeType(t.element, store.registry.canonicalize(module));
  const tab = new TableInstance(store, t, element, init);
  store.add(store.tables, tab);
  return tab;
}

/** Names for a module's name section. */
export interface Names {
  readonly module?: string;
  /** Function names by function index, in increasing order. */
  readonly functions?: readonly [number, string][];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n !== 0 ? b | 0x80 : b);
  } while (n !== 0);
  return out;
}

const utf8 = (s: string) => {
  const b = Array.from(new TextEncoder().encode(s));
  return [...uleb(b.length), ...b];
};

/** `bytes` with a name section appended (the text parser writes none). */
export function withNames(bytes: Uint8Array, names: Names): Uint8Array {
  const sub = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  let payload = utf8('name');
  if (names.module !== undefined) payload = [...payload, ...sub(0, utf8(names.module))];
  if (names.functions !== undefined) {
    const entries = names.functions.flatMap(([i, n]) => [...uleb(i), ...utf8(n)]);
    payload = [...payload, ...sub(1, [...uleb(names.functions.length), ...entries])];
  }
  return Uint8Array.from([...bytes, 0, ...uleb(payload.length), ...payload]);
}
