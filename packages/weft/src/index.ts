/**
 * `weft-wasm`: a WebAssembly runtime in TypeScript with a Wasmtime-shaped API.
 *
 * ```ts
 * const engine = new Engine();
 * const store = new Store(engine);
 * const module = new Module(engine, bytes);
 * const instance = new Linker(engine).instantiate(store, module);
 * instance.getFunc(store, 'add')!.call(store, 1, 2);
 * ```
 *
 * @module weft-wasm
 */
export { CompileError } from '@weft/environ';
export {
  LinkError,
  ResourceLimitError,
  StoreError,
  SuspendError,
  Trap,
  TrapCode,
  WasmException,
  type Frame,
} from '@weft/runtime';
export { Config, Engine, type ConfigOptions, type TextParser } from './engine.js';
export { type Extern } from './externs.js';
export { Caller, Func, TypedFunc } from './func.js';
export { Global } from './global.js';
export { Memory } from './memory.js';
export { Table } from './table.js';
export { Tag } from './tag.js';
export { Instance } from './instance.js';
export { InstancePre } from './instance-pre.js';
export { SharedMemory, type SharedMemoryHandle, type WaitResult } from './shared-memory.js';
export { Linker } from './linker.js';
export { Module } from './module.js';
export {
  Store,
  type CallHookKind,
  type DeadlineUpdate,
  type LimitRefusal,
  type StoreLimits,
  type StoreUsage,
} from './store.js';
export { StoreLimitsBuilder, type ResourceLimiter } from './limiter.js';
export {
  type ExportType,
  FuncType,
  GlobalType,
  type ImportType,
  MemoryType,
  TableType,
  TagType,
  ValType,
  type ExternType,
} from './types.js';
export { f32Bits, f64FromBitsBig, f64ToBits, Val, V128 } from './values.js';
export { f32FromBits } from '@weft/runtime';
