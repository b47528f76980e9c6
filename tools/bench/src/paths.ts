import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** tools/bench (this file is compiled to tools/bench/dist/paths.js). */
export const benchRoot = fileURLToPath(new URL('..', import.meta.url));
/** The repository root. */
export const repoRoot = join(benchRoot, '..', '..');

export const wasmDir = join(benchRoot, 'wasm');
export const resultsDir = join(benchRoot, 'results');
export const docsDir = join(repoRoot, 'docs');
export const defaultEngineConfig = join(benchRoot, 'engines.json');

export const distFile = (name: string): string => join(benchRoot, 'dist', name);
