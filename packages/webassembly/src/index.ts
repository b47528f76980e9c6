/**
 * `@weft/webassembly`: the standard WebAssembly JavaScript API, running on
 * Weft. `WebAssembly` is the complete namespace (`Module`, `Instance`,
 * `Memory`, `Table`, `Global`, `Tag`, `Exception`, `JSTag`, the error
 * classes, `validate`, `compile`, `instantiate`, `compileStreaming`,
 * `instantiateStreaming`). `install()` makes it the realm's global where
 * the native one is missing or unusable; `@weft/webassembly/install` does
 * that on import.
 *
 * @module @weft/webassembly
 */
import { createNamespace, type WebAssemblyNamespace } from './namespace.js';

/** The WebAssembly namespace, implemented on Weft. */
export const WebAssembly: WebAssemblyNamespace = createNamespace();

/** A minimal module (a function returning 42), to test whether a `WebAssembly` works. */
const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1,
  4, 0, 65, 42, 11,
]);

/** Whether `wa` is a working WebAssembly namespace (compiles and runs a tiny module). */
export function isUsable(wa: unknown): boolean {
  try {
    const api = wa as WebAssemblyNamespace;
    const instance = new api.Instance(new api.Module(PROBE), {});
    return (instance.exports as { f: () => number }).f() === 42;
  } catch {
    return false;
  }
}

/** Options of {@link install}. */
export interface InstallOptions {
  /** Install even where the native `WebAssembly` works. */
  readonly force?: boolean;
  /**
   * Install where the native `WebAssembly` works but has no JS Promise
   * Integration (`WebAssembly.Suspending`, `WebAssembly.promising`), for
   * code built for JSPI (Emscripten's `-sJSPI`, jco's `--async-mode jspi`).
   */
  readonly jspi?: boolean;
}

/** Whether `wa` has JS Promise Integration. */
function hasJspi(wa: unknown): boolean {
  const api = wa as { Suspending?: unknown; promising?: unknown };
  return typeof api.Suspending === 'function' && typeof api.promising === 'function';
}

/** Whether the environment asks for the polyfill in any case (see README, "Forcing"). */
function forcedByEnvironment(): boolean {
  const g = globalThis as {
    WEFT_WEBASSEMBLY?: unknown;
    process?: { env?: Record<string, string | undefined> };
  };
  if (g.WEFT_WEBASSEMBLY === 'force' || g.WEFT_WEBASSEMBLY === true) return true;
  return g.process?.env?.['WEFT_WEBASSEMBLY'] === 'force';
}

/**
 * Sets `globalThis.WebAssembly` to Weft's where the native one is missing
 * or unusable (a CSP without 'wasm-unsafe-eval', `--jitless`, an engine
 * without wasm), or lacks JSPI with `{ jspi: true }`, or always with
 * `{ force: true }` or when forced by the environment. Returns whether it
 * installed.
 */
export function install(options: InstallOptions = {}): boolean {
  const g = globalThis as { WebAssembly?: unknown };
  const force = options.force === true || forcedByEnvironment();
  const native = g.WebAssembly;
  const enough =
    native !== undefined && isUsable(native) && (options.jspi !== true || hasJspi(native));
  if (!force && enough) return false;
  Object.defineProperty(globalThis, 'WebAssembly', {
    value: WebAssembly,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return true;
}

export { createNamespace, type WebAssemblyNamespace };
