/**
 * The modes of `pnpm bench`: how the runtime workers' `node` runs.
 *
 * - `flags`: with the V8 flags the `weft` command line sets for itself
 *   (`V8_FLAGS` from `weft-wasm/node`).
 * - `plain`: without flags.
 * - `jitless`: `node --jitless`: no JIT and no WebAssembly object, so the
 *   baseline is a JavaScript engine (engines.json's `jitlessBaseline`,
 *   polywasm), engines on the host's WebAssembly are left out, and the
 *   workloads run at their `--quick` sizes and settings (everything is
 *   10-200× slower).
 * - `custom`: the flags given with `--node-flags`.
 */
import { V8_FLAGS } from 'weft-wasm/node';

export type ModeName = 'flags' | 'plain' | 'jitless' | 'custom';

/** The modes `--mode all` runs, in order (also the order of the report's sections). */
export const STANDARD_MODES: readonly ModeName[] = ['flags', 'plain', 'jitless'];

/** Every mode, in report order. */
export const MODE_ORDER: readonly ModeName[] = [...STANDARD_MODES, 'custom'];

export interface Mode {
  readonly name: ModeName;
  /** The runtime workers' node flags. */
  readonly nodeFlags: readonly string[];
  /**
   * The host has no WebAssembly (--jitless): the baseline is engines.json's
   * `jitlessBaseline` and engines on the host's WebAssembly are left out.
   */
  readonly noHostWasm: boolean;
  /**
   * Run the --quick sizes and settings (warm-up, rounds) even in a full run:
   * without a JIT, one call takes 10-200× longer, and there is no tier-up to
   * wait for.
   */
  readonly light: boolean;
}

/** Whether node runs without WebAssembly with these flags. */
export function isJitless(nodeFlags: readonly string[]): boolean {
  return nodeFlags.includes('--jitless');
}

/** A mode with its node flags (`custom` needs `nodeFlags`). */
export function makeMode(name: ModeName, nodeFlags: readonly string[] = []): Mode {
  const flags =
    name === 'flags'
      ? [...V8_FLAGS]
      : name === 'plain'
        ? []
        : name === 'jitless'
          ? ['--jitless']
          : [...nodeFlags];
  const jitless = isJitless(flags);
  return { name, nodeFlags: flags, noHostWasm: jitless, light: jitless };
}

/** The standard mode a set of node flags amounts to, or `custom`. */
export function modeOfFlags(nodeFlags: readonly string[]): ModeName {
  const same = (a: readonly string[]) =>
    a.length === nodeFlags.length && a.every((f, i) => f === nodeFlags[i]);
  for (const name of STANDARD_MODES) if (same(makeMode(name).nodeFlags)) return name;
  return 'custom';
}

/** How node ran, in a few words for tables: "plain `node`", "`node --jitless`"... */
export function nodeLabel(name: ModeName, nodeFlags: readonly string[]): string {
  switch (name) {
    case 'flags':
      return "`node` + Weft's V8 flags";
    case 'plain':
      return 'plain `node`';
    case 'jitless':
      return '`node --jitless`';
    case 'custom':
      return nodeFlags.length ? `\`node ${nodeFlags.join(' ')}\`` : 'plain `node`';
  }
}

/** {@link nodeLabel} for flags alone (the scenarios record flags, not modes). */
export function flagsLabel(nodeFlags: readonly string[]): string {
  return nodeLabel(modeOfFlags(nodeFlags), nodeFlags);
}

/** The results file of a mode, in tools/bench/results/. */
export function resultsFile(name: ModeName): string {
  return `${name}.json`;
}

/** The chart of a mode, in docs/ (flags mode keeps the historical name). */
export function chartFile(name: ModeName): string {
  return name === 'flags' ? 'benchmarks.svg' : `benchmarks-${name}.svg`;
}
