import type { Feature } from './features.js';

/** What the harness needs from an instance: its exports (functions, memory...). */
export interface BenchInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

/** Imports passed to instantiate; the benchmark workloads need none. */
export type BenchImports = Record<string, Record<string, unknown>>;

/**
 * The interface every engine under test implements. Adapters for engines with a
 * WebAssembly-compatible JS API come for free (see engines.json, adapter
 * "webassembly-api"); other engines provide a module exporting `createEngine`
 * (adapter "module").
 */
export interface BenchEngine {
  /** Short name used in tables, JSON and on the command line. */
  readonly name: string;
  /** One line: what this engine is. */
  readonly description: string;
  /** Version string reported in the results (package version, V8 version...). */
  readonly version: string;
  /** Whether the engine can run a module that uses all these features. */
  supports(features: readonly Feature[]): boolean;
  /**
   * Decodes, validates and compiles a module, whatever "compile" means for the
   * engine (the compile-time workload measures exactly this call). Resolves to
   * the engine's compiled module, which the harness only keeps alive.
   */
  compile(bytes: Uint8Array): Promise<unknown>;
  /** Compiles and instantiates a module. */
  instantiate(bytes: Uint8Array, imports?: BenchImports): Promise<BenchInstance>;
}

/** The signature of `createEngine` in a module used with adapter "module". */
export type CreateEngine = (spec: EngineSpec) => BenchEngine | Promise<BenchEngine>;

/** How a compile-time measurement of an engine is run (one child process each). */
export interface CompileVariant {
  /** Label in the compile-time table, e.g. "native (eager)". */
  readonly label: string;
  /** Extra `node` flags for the child process, e.g. ["--no-wasm-lazy-compilation"]. */
  readonly nodeArgs: readonly string[];
  /** What the measured call does for this engine and these flags (for the docs). */
  readonly note?: string;
  /** Modes in which this variant runs (default: both). */
  readonly modes?: readonly ('quick' | 'full')[];
}

/** One entry of engines.json. */
export interface EngineSpec {
  readonly name: string;
  readonly description: string;
  /**
   * - "webassembly-global": the host's own `globalThis.WebAssembly`.
   * - "webassembly-api": a module with a WebAssembly-compatible namespace
   *   (`compile`, `instantiate`), named by `module` and `export`.
   * - "module": a module whose `export` (default "createEngine") is a
   *   {@link CreateEngine}; `module` is a package name or a path relative to
   *   tools/bench (e.g. "./dist/engines/weft.js").
   */
  readonly adapter: 'webassembly-global' | 'webassembly-api' | 'module';
  readonly module?: string;
  readonly export?: string;
  /** Supported features, or "*" for all. */
  readonly features: readonly Feature[] | '*';
  /** Package whose version is reported (default: `module`). */
  readonly versionFrom?: string;
  /** Compile-time measurements; default: one, with no extra node flags. */
  readonly compile?: readonly CompileVariant[];
}

/** engines.json */
export interface EngineConfig {
  /** The reference engine: ratios are engine time / baseline time, results must equal its. */
  readonly baseline: string;
  /**
   * The baseline where the host has no WebAssembly (`node --jitless`): an
   * engine that does not use the host's WebAssembly (polywasm).
   */
  readonly jitlessBaseline?: string;
  readonly engines: readonly EngineSpec[];
}
