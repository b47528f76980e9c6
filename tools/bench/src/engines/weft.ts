/** The Weft engine for the harness, built on the `weft` facade. */
import { createRequire } from 'node:module';
import { Engine, Func, Linker, Memory, Module, Store } from 'weft-wasm';
import type { BenchEngine, BenchInstance, EngineSpec } from '../engine.js';
import { supportsFrom } from './webassembly-api.js';

/** Exports as the harness expects them: functions callable with plain arguments. */
function jsExports(
  store: Store,
  instance: ReturnType<Linker['instantiate']>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, item] of instance.exports(store)) {
    if (item instanceof Func) out[name] = (...args: unknown[]) => item.call(store, ...args);
    else if (item instanceof Memory)
      out[name] = {
        get buffer() {
          return item.data(store).buffer;
        },
      };
    else out[name] = item;
  }
  return out;
}

export function createEngine(spec: EngineSpec): BenchEngine {
  const engine = new Engine();
  const require = createRequire(import.meta.url);
  const version = (require('weft-wasm/package.json') as { version: string }).version;
  return {
    name: spec.name,
    description: spec.description,
    version,
    supports: supportsFrom(spec),
    async compile(bytes: Uint8Array): Promise<unknown> {
      return new Module(engine, bytes);
    },
    async instantiate(bytes: Uint8Array): Promise<BenchInstance> {
      const store = new Store(engine);
      const instance = new Linker(engine).instantiate(store, new Module(engine, bytes));
      return { exports: jsExports(store, instance) };
    },
  };
}
