/**
 * The part of the `WebAssembly` JS API the runners use. The TypeScript
 * setup has no DOM library, so the global is typed here, by what is used.
 */
export type Bytes = ArrayBuffer | ArrayBufferView;
export type Imports = Record<string, Record<string, unknown>>;

export interface Instance {
  readonly exports: Record<string, unknown>;
}

export interface WebAssemblyApi {
  compile(bytes: Bytes): Promise<object>;
  instantiate(bytes: Bytes, imports?: Imports): Promise<{ module: object; instance: Instance }>;
  instantiate(module: object, imports?: Imports): Promise<Instance>;
}

/** The global `WebAssembly`: V8's, or the shim the child installed for Weft. */
export function globalWebAssembly(): WebAssemblyApi {
  return (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
}

/** Replaces the global `WebAssembly` (the child does it before loading glue). */
export function installWebAssembly(api: unknown): void {
  (globalThis as unknown as { WebAssembly: unknown }).WebAssembly = api;
}
