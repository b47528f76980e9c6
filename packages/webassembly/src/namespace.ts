/** The `WebAssembly` namespace object: its functions and interfaces. */
import { parseModule } from '@weft/environ';
import { CompileError, LinkError, RuntimeError } from './errors.js';
import { Exception, JSTag, Tag } from './exception.js';
import { Global } from './global.js';
import { checkLimits } from './limits.js';
import { Instance, instanceObject, instantiateModule, readImports } from './instance.js';
import { promising, SuspendError, Suspending } from './jspi.js';
import { Memory } from './memory.js';
import {
  bufferSource,
  compileBytes,
  Module,
  moduleObject,
  moduleSlots,
  type ModuleState,
} from './module.js';
import { compileOptions, type CompileOptions } from './strings.js';
import { Table } from './table.js';
import { setNameAndLength, toStringTag } from './webidl.js';

/** Runs `body` after the current task's synchronous work, as the spec's "in parallel" steps. */
function later<T>(body: () => T): Promise<T> {
  return new Promise<void>((resolve) => setTimeoutOrMicrotask(resolve)).then(body);
}

const timers = globalThis as {
  setTimeout?: (f: () => void, ms: number) => unknown;
  queueMicrotask?: (f: () => void) => void;
};
const setTimeoutOrMicrotask: (f: () => void) => void =
  typeof timers.setTimeout === 'function'
    ? (f) => void timers.setTimeout!(f, 0)
    : (f) => void Promise.resolve().then(f);

/** A promise-returning operation: synchronous exceptions become rejections (WebIDL). */
function promised<T>(body: () => Promise<T>): Promise<T> {
  try {
    return body();
  } catch (e) {
    return Promise.reject(e);
  }
}

function validate(bytes: unknown, ...rest: unknown[]): boolean {
  const source = bufferSource(bytes, 'WebAssembly.validate');
  const options = compileOptions(rest[0], 'WebAssembly.validate');
  try {
    const info = parseModule(source);
    checkLimits(info);
    options.check(info);
    return true;
  } catch {
    return false;
  }
}

/** Compiles a copy of `bytes` taken now, later. */
function compileLater(bytes: Uint8Array, options: CompileOptions): Promise<ModuleState> {
  const copy = bytes.slice();
  return later(() => compileBytes(copy, options));
}

function compile(bytes: unknown, ...rest: unknown[]): Promise<unknown> {
  return promised(() => {
    const source = bufferSource(bytes, 'WebAssembly.compile');
    const options = compileOptions(rest[0], 'WebAssembly.compile');
    return compileLater(source, options).then(moduleObject);
  });
}

/** "Asynchronously instantiate": imports are read now, instantiation happens later. */
function instantiateLater(m: ModuleState, importObject: unknown): Promise<object> {
  const imports = readImports(m, importObject);
  return later(() => instanceObject(instantiateModule(m, imports)));
}

function instantiate(source: unknown, ...rest: unknown[]): Promise<unknown> {
  return promised(() => {
    const importObject = rest[0];
    if (moduleSlots.has(source)) return instantiateLater(moduleSlots.get(source, ''), importObject);
    const bytes = bufferSource(source, 'WebAssembly.instantiate');
    const options = compileOptions(rest[1], 'WebAssembly.instantiate');
    return compileLater(bytes, options).then((m) =>
      instantiateLater(m, importObject).then((instance) => ({ module: moduleObject(m), instance })),
    );
  });
}

interface ResponseLike {
  readonly ok: boolean;
  readonly bodyUsed: boolean;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The bytes of a `Response` (or a promise of one) for the streaming functions. */
async function responseBytes(source: unknown, where: string): Promise<Uint8Array> {
  const response = await source;
  const ResponseClass = (globalThis as { Response?: abstract new () => object }).Response;
  if (typeof ResponseClass !== 'function' || !(response instanceof ResponseClass)) {
    throw new TypeError(`${where}: the argument must be a Response or a promise of one`);
  }
  const r = response as unknown as ResponseLike;
  const mime = (r.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime !== 'application/wasm') {
    throw new TypeError(
      `${where}: the response's MIME type must be application/wasm, got "${mime}"`,
    );
  }
  if (!r.ok) throw new TypeError(`${where}: the response is not ok`);
  if (r.bodyUsed) throw new TypeError(`${where}: the response body was already used`);
  return new Uint8Array(await r.arrayBuffer());
}

function compileStreaming(source: unknown, ...rest: unknown[]): Promise<unknown> {
  return promised(async () => {
    const options = compileOptions(rest[0], 'WebAssembly.compileStreaming');
    const bytes = await responseBytes(source, 'WebAssembly.compileStreaming');
    return moduleObject(compileBytes(bytes, options));
  });
}

function instantiateStreaming(source: unknown, ...rest: unknown[]): Promise<unknown> {
  return promised(async () => {
    const importObject = rest[0];
    const options = compileOptions(rest[1], 'WebAssembly.instantiateStreaming');
    const bytes = await responseBytes(source, 'WebAssembly.instantiateStreaming');
    const m = compileBytes(bytes, options);
    const instance = await instantiateLater(m, importObject);
    return { module: moduleObject(m), instance };
  });
}

type Bytes = ArrayBuffer | ArrayBufferView;

/** The `WebAssembly` namespace's shape. */
export interface WebAssemblyNamespace {
  /** `WebAssembly.Module`: a compiled module (`new Module(bytes)` compiles synchronously). */
  readonly Module: typeof Module;
  /** `WebAssembly.Instance`: an instantiated module and its `exports`. */
  readonly Instance: typeof Instance;
  /** `WebAssembly.Memory`: a linear memory and its `buffer`. */
  readonly Memory: typeof Memory;
  /** `WebAssembly.Table`: a table of references. */
  readonly Table: typeof Table;
  /** `WebAssembly.Global`: a global value. */
  readonly Global: typeof Global;
  /** `WebAssembly.Tag`: an exception tag. */
  readonly Tag: typeof Tag;
  /** `WebAssembly.Exception`: a wasm exception as JS sees it. */
  readonly Exception: typeof Exception;
  /** `WebAssembly.CompileError`: decoding or validation failed. */
  readonly CompileError: typeof CompileError;
  /** `WebAssembly.LinkError`: an import is missing or does not fit. */
  readonly LinkError: typeof LinkError;
  /** `WebAssembly.RuntimeError`: a trap (Weft's `Trap` as `wasmTrap`). */
  readonly RuntimeError: typeof RuntimeError;
  /** JS Promise Integration (emulated): see jspi.ts. */
  readonly SuspendError: typeof SuspendError;
  /** JSPI: `new Suspending(fn)` makes an import whose promises suspend wasm. */
  readonly Suspending: typeof Suspending;
  /** JSPI: an export as a function returning a promise, under which `Suspending` imports may suspend. */
  promising(wasmFunc: Function): (...args: unknown[]) => Promise<unknown>;
  /** The tag of JS exceptions thrown through wasm. */
  readonly JSTag: Tag;
  /** Whether `bytes` are a valid module (never throws for invalid ones). */
  validate(bytes: Bytes, options?: object): boolean;
  /** Compiles `bytes`; rejects with a `CompileError` if they are not a valid module. */
  compile(bytes: Bytes, options?: object): Promise<Module>;
  /**
   * Compiles and instantiates `bytes` with `importObject`; rejects with a
   * `CompileError`, a `LinkError`, or a `RuntimeError` if the start
   * function traps.
   */
  instantiate(
    bytes: Bytes,
    importObject?: object,
    options?: object,
  ): Promise<{
    /** The compiled module. */
    module: Module;
    /** Its instance. */
    instance: Instance;
  }>;
  /** Instantiates a compiled module with `importObject`. */
  instantiate(module: Module, importObject?: object): Promise<Instance>;
  /** Compiles a `Response` (or a promise of one) of `application/wasm`. */
  compileStreaming(source: unknown, options?: object): Promise<Module>;
  /** Compiles and instantiates a `Response` (or a promise of one) of `application/wasm`. */
  instantiateStreaming(
    source: unknown,
    importObject?: object,
    options?: object,
  ): Promise<{
    /** The compiled module. */
    module: Module;
    /** Its instance. */
    instance: Instance;
  }>;
}

/** Builds a new namespace object (one per call; `WebAssembly` below is the package's). */
export function createNamespace(): WebAssemblyNamespace {
  const ns = {};
  const op = (name: string, fn: Function, length: number) =>
    Object.defineProperty(ns, name, {
      value: setNameAndLength(fn, name, length),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  op('validate', validate, 1);
  op('compile', compile, 1);
  op('instantiate', instantiate, 1);
  op('compileStreaming', compileStreaming, 1);
  op('instantiateStreaming', instantiateStreaming, 1);
  op('promising', promising, 1);
  const interfaces: Record<string, unknown> = {
    Module,
    Instance,
    Memory,
    Table,
    Global,
    Tag,
    Exception,
    CompileError,
    LinkError,
    RuntimeError,
    SuspendError,
    Suspending,
    JSTag,
  };
  for (const [name, value] of Object.entries(interfaces)) {
    Object.defineProperty(ns, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  toStringTag(ns, 'WebAssembly');
  return ns as WebAssemblyNamespace;
}
