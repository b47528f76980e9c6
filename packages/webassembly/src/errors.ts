/** The JS API's error classes, and the conversion of Weft's errors to them. */
import { CompileError as WeftCompileError } from '@weft/environ';
import { LinkError as WeftLinkError, Trap } from '@weft/runtime';

function nameOn(cls: { prototype: object }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', {
    value: name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/** `WebAssembly.CompileError`: a module is malformed or invalid. */
export class CompileError extends Error {
  constructor(message?: string, ...options: unknown[]) {
    super(message, options[0] as ErrorOptions | undefined);
  }
}
nameOn(CompileError, 'CompileError');

/** `WebAssembly.LinkError`: an import is missing or of the wrong type. */
export class LinkError extends Error {
  constructor(message?: string, ...options: unknown[]) {
    super(message, options[0] as ErrorOptions | undefined);
  }
}
nameOn(LinkError, 'LinkError');

/**
 * `WebAssembly.RuntimeError`: wasm trapped. A trap raised by Weft keeps
 * its details on `wasmTrap` (Weft's `Trap`: `code`, `frames`, and the wasm
 * backtrace as `backtrace`), and the backtrace as `wasmBacktrace`.
 */
export class RuntimeError extends Error {
  constructor(message?: string, ...options: unknown[]) {
    super(message, options[0] as ErrorOptions | undefined);
  }
}
nameOn(RuntimeError, 'RuntimeError');

/** The RuntimeError a trap surfaces as. */
export function runtimeErrorOf(trap: Trap): RuntimeError {
  const e = new RuntimeError(trap.message);
  Object.defineProperty(e, 'wasmTrap', { value: trap, configurable: true, writable: true });
  Object.defineProperty(e, 'wasmBacktrace', {
    value: trap.backtrace,
    configurable: true,
    writable: true,
  });
  return e;
}

/** Converts an error of Weft's decoder, linker or runtime to the JS API's class; anything else as is. */
export function toApiError(e: unknown): unknown {
  if (e instanceof WeftCompileError) {
    const c = new CompileError(e.message);
    Object.defineProperty(c, 'offset', { value: e.offset, configurable: true, writable: true });
    return c;
  }
  if (e instanceof WeftLinkError) return new LinkError(e.message);
  if (e instanceof Trap) return runtimeErrorOf(e);
  return e;
}
