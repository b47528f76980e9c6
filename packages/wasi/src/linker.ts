/** Binding WASI to the `weft` facade: host functions in a `Linker`, and running commands. */
import {
  FuncType,
  Memory,
  ValType,
  type Caller,
  type Instance,
  type Linker,
  type Store,
} from 'weft-wasm';
import type { WasiCtx } from './ctx.js';
import { WasiExit } from './errors.js';
import {
  Preview0,
  UNSTABLE_SIGNATURES,
  unstableFunction,
  WASI_UNSTABLE_MODULE,
  type WasiFunction,
} from './preview0.js';
import { NO_MEMORY, NO_RESULT, Preview1, SIGNATURES } from './preview1.js';

/** The module name of the functions. */
export const WASI_MODULE = 'wasi_snapshot_preview1';

/** The WASI modules `addToLinker` can define. */
export type WasiModuleName = typeof WASI_MODULE | typeof WASI_UNSTABLE_MODULE;

/** Options of {@link addToLinker}. */
export interface AddToLinkerOptions {
  /** The modules to define (default: both, as Wasmtime's CLI links both). */
  readonly modules?: readonly WasiModuleName[];
}

/**
 * Defines every function of wasi_snapshot_preview1 and of wasi_unstable
 * (the older snapshot) in `linker` for `store`, running against `ctx` (a
 * program importing either, or both, shares its descriptors); the guest's
 * memory is its export `memory`, as wasi-libc and Rust produce.
 *
 * ```ts
 * const linker = new Linker(engine);
 * addToLinker(linker, store, ctx);
 * const instance = linker.instantiate(store, module);
 * const code = runCommand(store, instance); // _start, WasiExit caught
 * ```
 */
export function addToLinker(
  linker: Linker,
  store: Store<any>,
  ctx: WasiCtx,
  options: AddToLinkerOptions = {},
): Linker {
  const p = new Preview1(ctx);
  contexts.set(store, ctx);
  const modules = options.modules ?? [WASI_MODULE, WASI_UNSTABLE_MODULE];
  const i32 = ValType.i32();
  const i64 = ValType.i64();
  const define = (module: string, name: string, sig: string, impl: WasiFunction): void => {
    const params = [...sig].map((c) => (c === 'I' ? i64 : i32));
    const results = NO_RESULT.has(name) ? [] : [i32];
    const usesMemory = !NO_MEMORY.has(name);
    const fn = (
      caller: Caller<any>,
      a?: unknown,
      b?: unknown,
      c?: unknown,
      d?: unknown,
      e?: unknown,
      f?: unknown,
      g?: unknown,
      h?: unknown,
      i?: unknown,
    ): number => {
      if (usesMemory) {
        const memory = caller.getExport('memory');
        if (memory instanceof Memory) {
          const s = caller.store;
          p.setMemory(memory.data(s), memory.view(s));
        } else {
          p.setMemory(new Uint8Array(0), new DataView(new ArrayBuffer(0)));
        }
      }
      try {
        return impl(a, b, c, d, e, f, g, h, i);
      } catch (err) {
        return Preview1.errno(err);
      }
    };
    linker.func(store, module, name, new FuncType(params, results), fn);
  };
  for (const module of new Set(modules)) {
    if (module === WASI_MODULE) {
      for (const [name, sig] of Object.entries(SIGNATURES)) {
        const impl = (p as unknown as Record<string, WasiFunction>)[name];
        if (impl === undefined) throw new TypeError(`no implementation of ${name}`);
        define(module, name, sig, impl.bind(p));
      }
    } else if (module === WASI_UNSTABLE_MODULE) {
      const p0 = new Preview0(p);
      for (const [name, sig] of Object.entries(UNSTABLE_SIGNATURES)) {
        define(module, name, sig, unstableFunction(p0, name));
      }
    } else {
      throw new TypeError(`unknown WASI module ${String(module)}`);
    }
  }
  return linker;
}

/**
 * Runs a command: calls `_start` and returns its exit code (0 when it
 * returns, the code of `proc_exit` otherwise). Traps and host errors other
 * than `WasiExit` are thrown. Either way the context's output streams are
 * flushed after.
 */
export function runCommand(store: Store<any>, instance: Instance): number {
  const start = instance.getFunc(store, '_start');
  if (start === null) throw new TypeError('the module does not export a `_start` function');
  try {
    start.call(store);
    return 0;
  } catch (e) {
    if (e instanceof WasiExit) return e.code;
    throw e;
  } finally {
    // However the program ended, output held back (a last line without newline) goes out.
    contexts.get(store)?.flush();
  }
}

/** The context `addToLinker` last bound in each store, flushed by `runCommand`. */
const contexts = new WeakMap<object, WasiCtx>();
