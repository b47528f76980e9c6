/** Binding WASI to the `weft` facade: host functions in a `Linker`, and running commands. */
import {
  FuncType,
  Memory,
  ValType,
  type Caller,
  type Instance,
  type Linker,
  type Store,
} from 'weft';
import type { WasiCtx } from './ctx.js';
import { WasiExit } from './errors.js';
import { NO_MEMORY, NO_RESULT, Preview1, SIGNATURES } from './preview1.js';

/** The module name of the functions. */
export const WASI_MODULE = 'wasi_snapshot_preview1';

type Impl = (this: Preview1, ...args: any[]) => number;

/**
 * Defines every function of wasi_snapshot_preview1 in `linker` for `store`,
 * running against `ctx`; the guest's memory is its export `memory`, as
 * wasi-libc and Rust produce.
 *
 * ```ts
 * const linker = new Linker(engine);
 * addToLinker(linker, store, ctx);
 * const instance = linker.instantiate(store, module);
 * const code = runCommand(store, instance); // _start, WasiExit caught
 * ```
 */
export function addToLinker(linker: Linker, store: Store<any>, ctx: WasiCtx): Linker {
  const p = new Preview1(ctx);
  const i32 = ValType.i32();
  const i64 = ValType.i64();
  for (const [name, sig] of Object.entries(SIGNATURES)) {
    const params = [...sig].map((c) => (c === 'I' ? i64 : i32));
    const results = NO_RESULT.has(name) ? [] : [i32];
    const impl = (Preview1.prototype as unknown as Record<string, Impl>)[name]!;
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
        return impl.call(p, a, b, c, d, e, f, g, h, i);
      } catch (err) {
        return Preview1.errno(err);
      }
    };
    linker.func(store, WASI_MODULE, name, new FuncType(params, results), fn);
  }
  return linker;
}

/**
 * Runs a command: calls `_start` and returns its exit code (0 when it
 * returns, the code of `proc_exit` otherwise). Traps and host errors other
 * than `WasiExit` are thrown.
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
  }
}
