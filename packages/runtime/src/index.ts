/**
 * `@weft/runtime`: stores, instances, memories, tables, globals, tags and
 * the trap boundary. Usable on its own (host functions, memories, tables,
 * globals); a compiler plugs in through `CompiledCode` and a `TrapClassifier`.
 *
 * @module @weft/runtime
 */
export {
  F64_SLOTS,
  HI32_SLOTS,
  I32_SLOTS,
  REF_SLOTS,
  RUNTIME_ABI_VERSION,
  STACK_SLOTS,
  V32,
  VF32,
  VF64,
  VI16,
  VI8,
  VU16,
  VU32,
  VU8,
  runChain,
  setStackTop,
  stack,
  stackTop,
  type TailCall,
  type WasmCode,
} from './abi.js';
export { callFunc, callFuncAsync, enterCall, runEntered } from './call.js';
export { evalConst, type ConstContext } from './const-eval.js';
export { cannotSuspend, LinkError, StoreError, SuspendError } from './errors.js';
export {
  callContext,
  createAsyncHostFunc,
  createHostBodyFunc,
  createHostFunc,
  FuncInstance,
  isThenable,
  type AsyncHostImpl,
  type HostBody,
  type HostImpl,
} from './func.js';
export {
  ARRAY_BYTES,
  createArrayStorage,
  defaultValue,
  enterGcHeap,
  FIELD_BYTES,
  GcHeap,
  STRUCT_BYTES,
  externalize,
  HostNumber,
  internalize,
  isI31,
  toI31,
  WasmArray,
  WasmStruct,
  type ArrayStorage,
} from './gc.js';
export { GlobalInstance } from './global.js';
export {
  EpochClock,
  Meter,
  POLL_INTERVAL,
  type EpochDecision,
  type SuspendContext,
} from './meter.js';
export { InstanceHandle, type Extern } from './instance.js';
export {
  checkImports,
  globalizeType,
  instantiate,
  type CodeFactory,
  type CompiledCode,
} from './instantiate.js';
export {
  DEFAULT_LIMITS,
  formatBytes,
  MAX_MEMORY_BYTES,
  MAX_TABLE_ELEMENTS,
  resolveLimits,
  ResourceLimitError,
  StoreLimiter,
  type LimitRefusal,
  type ResourceLimiter,
  type StoreLimits,
  type StoreUsage,
} from './limits.js';
export { MemoryInstance, PAGE_SIZE, type AtomicViews } from './memory.js';
export { SharedMemory, type SharedMemoryHandle } from './shared-memory.js';
export { detachBuffer, exactBuffer, refreshBuffer } from './memory-buffer.js';
export { TypeRegistry, type RegisteredType } from './registry.js';
export {
  KIND_F32,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  numberKind,
  numberSignature,
  type NumberKind,
} from './number-kinds.js';
export { readSlot, writeSlot } from './slots.js';
export { Store, type CallHookKind, type StoreItem } from './store.js';
export {
  nextTurn,
  ResumePoint,
  Suspension,
  type ResumeCode,
  type ResumeFactory,
  type Settled,
  type SuspendedFrame,
} from './suspend.js';
export { TableInstance } from './table.js';
export { TagInstance, WasmException } from './tag.js';
export {
  catchTraps,
  HostFault,
  normalizeFault,
  Trap,
  TRAP_MESSAGES,
  TrapCode,
  type Frame,
  type FrameNames,
  type TrapClassifier,
} from './trap.js';
export {
  f32FromBits,
  f32ToBits,
  f64FromBits,
  f64HighBits,
  f64LowBits,
  i64FromHalves,
  i64High,
  i64Low,
  V128,
} from './values.js';
