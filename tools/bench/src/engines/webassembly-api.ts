import type { BenchEngine, BenchImports, BenchInstance, EngineSpec } from '../engine.js';
import type { Feature } from '../features.js';

/** The part of the WebAssembly JS API that the adapter uses. */
export interface WebAssemblyLike {
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(
    bytes: Uint8Array,
    imports?: BenchImports,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

export function isWebAssemblyLike(value: unknown): value is WebAssemblyLike {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const v = value as Record<string, unknown>;
  return typeof v['compile'] === 'function' && typeof v['instantiate'] === 'function';
}

/**
 * Gives an engine a Uint8Array that owns its whole buffer. Some polyfills read
 * the module through `new DataView(bytes.buffer)` and ignore `byteOffset`
 * (polywasm 0.2.0 does, so a Node Buffer from the shared pool decodes wrong
 * constants); engines are measured on what they compute, not on that.
 */
export function exactBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

export function supportsFrom(spec: EngineSpec): (features: readonly Feature[]) => boolean {
  const supported = spec.features;
  return (features) => supported === '*' || features.every((f) => supported.includes(f));
}

/** Wraps a WebAssembly-compatible namespace (the native one, or a polyfill's). */
export function webAssemblyEngine(
  spec: EngineSpec,
  api: WebAssemblyLike,
  version: string,
): BenchEngine {
  return {
    name: spec.name,
    description: spec.description,
    version,
    supports: supportsFrom(spec),
    compile: (bytes) => api.compile(exactBytes(bytes)),
    async instantiate(bytes, imports = {}): Promise<BenchInstance> {
      const { instance } = await api.instantiate(exactBytes(bytes), imports);
      return { exports: instance.exports };
    },
  };
}
