/**
 * The engine list is data: engines.json (next to package.json) names every
 * engine and how to load it. This module reads and checks that file and turns
 * its entries into {@link BenchEngine}s. See README.md, "Adding an engine".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  BenchEngine,
  CompileVariant,
  CreateEngine,
  EngineConfig,
  EngineSpec,
} from '../engine.js';
import { isFeature, type Feature } from '../features.js';
import { benchRoot, defaultEngineConfig } from '../paths.js';
import { isWebAssemblyLike, webAssemblyEngine } from './webassembly-api.js';

export class EngineConfigError extends Error {
  override name = 'EngineConfigError';
}

function fail(path: string, message: string): never {
  throw new EngineConfigError(`${path}: ${message}`);
}

function str(v: unknown, where: string, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, `${where} must be a non-empty string`);
  return v;
}

function optStr(v: unknown, where: string, path: string): string | undefined {
  return v === undefined ? undefined : str(v, where, path);
}

function parseVariant(v: unknown, where: string, path: string): CompileVariant {
  if (typeof v !== 'object' || v === null) fail(path, `${where} must be an object`);
  const o = v as Record<string, unknown>;
  const nodeArgs = o['nodeArgs'] ?? [];
  if (!Array.isArray(nodeArgs) || !nodeArgs.every((a) => typeof a === 'string')) {
    fail(path, `${where}.nodeArgs must be an array of strings`);
  }
  const modes = o['modes'];
  if (
    modes !== undefined &&
    (!Array.isArray(modes) || !modes.every((m) => m === 'quick' || m === 'full'))
  ) {
    fail(path, `${where}.modes must be an array of "quick" and "full"`);
  }
  const note = optStr(o['note'], `${where}.note`, path);
  return {
    label: str(o['label'], `${where}.label`, path),
    nodeArgs: nodeArgs as string[],
    ...(note === undefined ? {} : { note }),
    ...(modes === undefined ? {} : { modes: modes as ('quick' | 'full')[] }),
  };
}

function parseSpec(v: unknown, where: string, path: string): EngineSpec {
  if (typeof v !== 'object' || v === null) fail(path, `${where} must be an object`);
  const o = v as Record<string, unknown>;
  const name = str(o['name'], `${where}.name`, path);
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name))
    fail(path, `${where}.name "${name}" is not a simple name`);
  const adapter = o['adapter'];
  if (adapter !== 'webassembly-global' && adapter !== 'webassembly-api' && adapter !== 'module') {
    fail(path, `${where}.adapter must be "webassembly-global", "webassembly-api" or "module"`);
  }
  const module = optStr(o['module'], `${where}.module`, path);
  if (adapter !== 'webassembly-global' && module === undefined) {
    fail(path, `${where}.module is required with adapter "${adapter}"`);
  }
  const features = o['features'];
  if (features !== '*' && (!Array.isArray(features) || !features.every(isFeature))) {
    fail(path, `${where}.features must be "*" or an array of known feature names`);
  }
  const compile = o['compile'];
  if (compile !== undefined && !Array.isArray(compile)) {
    fail(path, `${where}.compile must be an array`);
  }
  const exportName = optStr(o['export'], `${where}.export`, path);
  const versionFrom = optStr(o['versionFrom'], `${where}.versionFrom`, path);
  return {
    name,
    description: str(o['description'], `${where}.description`, path),
    adapter,
    ...(module === undefined ? {} : { module }),
    ...(exportName === undefined ? {} : { export: exportName }),
    features: features as readonly Feature[] | '*',
    ...(versionFrom === undefined ? {} : { versionFrom }),
    ...(compile === undefined
      ? {}
      : { compile: compile.map((c, i) => parseVariant(c, `${where}.compile[${i}]`, path)) }),
  };
}

/** Reads and checks an engines.json file. */
export function loadEngineConfig(path: string = defaultEngineConfig): EngineConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(path, `cannot read: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) fail(path, 'must hold an object');
  const o = raw as Record<string, unknown>;
  const baseline = str(o['baseline'], 'baseline', path);
  const list = o['engines'];
  if (!Array.isArray(list) || list.length === 0) fail(path, 'engines must be a non-empty array');
  const engines = list.map((e, i) => parseSpec(e, `engines[${i}]`, path));
  const names = new Set<string>();
  for (const e of engines) {
    if (names.has(e.name)) fail(path, `engine "${e.name}" is listed twice`);
    names.add(e.name);
  }
  if (!names.has(baseline)) fail(path, `baseline "${baseline}" is not in engines`);
  const jitlessBaseline = optStr(o['jitlessBaseline'], 'jitlessBaseline', path);
  if (jitlessBaseline !== undefined) {
    const spec = engines.find((e) => e.name === jitlessBaseline);
    if (!spec) fail(path, `jitlessBaseline "${jitlessBaseline}" is not in engines`);
    if (usesHostWasm(spec)) {
      fail(path, `jitlessBaseline "${jitlessBaseline}" uses the host's WebAssembly`);
    }
  }
  return { baseline, ...(jitlessBaseline === undefined ? {} : { jitlessBaseline }), engines };
}

/** Whether an engine is the host's own WebAssembly (absent under `node --jitless`). */
export function usesHostWasm(spec: EngineSpec): boolean {
  return spec.adapter === 'webassembly-global';
}

/** The compile-time variants of an engine (one plain variant if none are listed). */
export function compileVariants(spec: EngineSpec): readonly CompileVariant[] {
  return spec.compile ?? [{ label: spec.name, nodeArgs: [] }];
}

const requireHere = createRequire(join(benchRoot, 'package.json'));

/** A module specifier from engines.json: a package name, or a path relative to tools/bench. */
function resolveSpecifier(spec: string): string {
  if (spec.startsWith('.') || isAbsolute(spec)) {
    return pathToFileURL(isAbsolute(spec) ? spec : join(benchRoot, spec)).href;
  }
  return spec;
}

function packageVersion(name: string): string {
  try {
    const pkg = requireHere(`${name}/package.json`) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Loads one engine described by a spec. */
export async function createEngine(spec: EngineSpec): Promise<BenchEngine> {
  switch (spec.adapter) {
    case 'webassembly-global': {
      const api: unknown = (globalThis as Record<string, unknown>)['WebAssembly'];
      if (!isWebAssemblyLike(api)) {
        throw new EngineConfigError(`${spec.name}: this host has no WebAssembly object`);
      }
      return webAssemblyEngine(spec, api, `V8 ${process.versions.v8}`);
    }
    case 'webassembly-api': {
      const mod = (await import(resolveSpecifier(spec.module!))) as Record<string, unknown>;
      const api = mod[spec.export ?? 'WebAssembly'];
      if (!isWebAssemblyLike(api)) {
        throw new EngineConfigError(
          `${spec.name}: export "${spec.export ?? 'WebAssembly'}" of "${spec.module}" has no compile/instantiate`,
        );
      }
      return webAssemblyEngine(spec, api, packageVersion(spec.versionFrom ?? spec.module!));
    }
    case 'module': {
      const mod = (await import(resolveSpecifier(spec.module!))) as Record<string, unknown>;
      const factory = mod[spec.export ?? 'createEngine'];
      if (typeof factory !== 'function') {
        throw new EngineConfigError(
          `${spec.name}: "${spec.module}" does not export a function "${spec.export ?? 'createEngine'}"`,
        );
      }
      const engine = await (factory as CreateEngine)(spec);
      if (engine.name !== spec.name) {
        throw new EngineConfigError(
          `${spec.name}: createEngine returned an engine named "${engine.name}"`,
        );
      }
      return engine;
    }
  }
}

/**
 * Picks engines from a config, the baseline always first, then the others in
 * config order. `names` (from --engines) selects a subset. With `noHostWasm`
 * (a `node --jitless` worker, which has no WebAssembly), the baseline is the
 * config's `jitlessBaseline` and the engines that use the host's WebAssembly
 * are left out, even if named.
 */
export function selectSpecs(
  config: EngineConfig,
  names?: readonly string[],
  options: { noHostWasm?: boolean } = {},
): EngineSpec[] {
  const known = new Map(config.engines.map((e) => [e.name, e]));
  for (const n of names ?? []) {
    if (!known.has(n)) {
      throw new EngineConfigError(`unknown engine "${n}" (known: ${[...known.keys()].join(', ')})`);
    }
  }
  let baselineName = config.baseline;
  if (options.noHostWasm) {
    if (config.jitlessBaseline === undefined) {
      throw new EngineConfigError(
        'the engine list names no jitlessBaseline (the baseline without WebAssembly, for --jitless)',
      );
    }
    baselineName = config.jitlessBaseline;
  }
  const wanted = new Set(names ?? known.keys());
  wanted.add(baselineName);
  const baseline = known.get(baselineName)!;
  return [
    baseline,
    ...config.engines.filter(
      (e) => e !== baseline && wanted.has(e.name) && !(options.noHostWasm && usesHostWasm(e)),
    ),
  ];
}
