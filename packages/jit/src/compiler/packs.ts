/**
 * Copies that do not run dry: more packs, loaded when the copies run out.
 *
 * Literal copies (literals.ts) let V8 inline compiled code, but a module
 * instance has only the copies its source holds, and a process that runs
 * large programs or many modules uses them all up: later hot code then
 * shares copy 0, whose megamorphic call sites made it 2-4x slower (up to
 * 30x). V8's feedback belongs to a literal *and the module instance that
 * created it*, so evaluating a part of the pack (pack.ts) again gives a
 * full set of fresh literals. Where a synchronous loader exists (Node:
 * `vm.Script` over dist/weft-jit-pack-<part>.cjs, with a code cache), this
 * module appends copies to an entry of the main pack when one of its lists
 * has none free: the same entry of the next fresh part that entry has not
 * taken copies from, loading a part when there is none, within
 * `PACK_BUDGET`. Only that entry is built in the fresh part. Elsewhere
 * (browsers, bundles without the part files, `--jitless`) the main pack's
 * copies are all there is.
 */
import type { Pack, PackPart } from './pack.js';
import { PACK_DEPS } from './pack-deps.js';

/** Most parts of packs loaded in a process by default (`PACK_BUDGET.parts`). */
export const MAX_PACKS = 96;

/**
 * When fresh packs may be loaded: up to `parts` parts in the process, not
 * in the first `after` ms since copies first ran out, then while loading
 * has taken at most `share` of the time since. By default from the start,
 * with no share to speak of: a load costs ~0.4 ms (the part's script from
 * V8's cache, and only the entry that ran out built), and code compiled
 * while loads are refused shares copies for good (an interpreter loop
 * compiled at startup: 0.75 s a run with packs, 1.0-1.1 s with `share`
 * 0.25, which refused them during its compile). Fresh literals do cost V8
 * a warm-up each, which a program that runs under a second pays (see the
 * jit README). Mutable for tests and embedders.
 */
export const PACK_BUDGET = { after: 0, share: 1, parts: MAX_PACKS };

const clock: { now(): number } =
  (globalThis as { performance?: { now(): number } }).performance ?? Date;
let spentMs = 0;
let firstAsked = -1;

/** Loads one fresh instance of a part's module (`weft-jit-pack-<part>.cjs`): its exports. */
export type PackLoader = (part: PackPart) => unknown;

let loader: PackLoader | null | undefined;
let loadedParts = 0;

/**
 * Sets how fresh packs are loaded: null for never, undefined for the
 * default (in Node, the part's file beside this module through `vm.Script`). For
 * tests and for embedders with a synchronous module loader of their own:
 * the loader must evaluate `dist/weft-jit-pack-<part>.cjs` (or its source)
 * anew on every call and return its exports.
 */
export function setPackLoader(l: PackLoader | null | undefined): void {
  loader = l;
}

/** Parts of packs loaded so far (the main pack not counted). */
export function packsLoaded(): number {
  return loadedParts;
}

interface NodeProcess {
  readonly execArgv?: readonly string[];
  readonly env?: { readonly NODE_OPTIONS?: string };
  getBuiltinModule?(id: string): unknown;
}
interface NodeModuleApi {
  createRequire(url: string): { resolve(id: string): string };
}
interface NodeFsApi {
  readFileSync(path: string, encoding: 'utf8'): string;
}
interface NodeScript {
  runInThisContext(): unknown;
  createCachedData(): Uint8Array;
}
interface NodeVmApi {
  Script: new (
    source: string,
    options: { filename: string; cachedData?: Uint8Array },
  ) => NodeScript;
}

/**
 * Node's loader, if this is Node (20.16+: `process.getBuiltinModule`), the
 * part files are beside the jit, and V8 compiles JavaScript (under
 * `--jitless` nothing is inlined, so copies buy nothing).
 *
 * A part is evaluated as a CommonJS module would be, from the file shipped
 * with this package (no source is generated), through `vm.Script` with a
 * code cache made by its first load: each later load gets new literals,
 * with fresh feedback, for 1-2 ms instead of the 25-30 ms of compiling the
 * source again.
 */
function nodeLoader(): PackLoader | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc === undefined || typeof proc.getBuiltinModule !== 'function') return null;
  if (proc.execArgv?.includes('--jitless') || proc.env?.NODE_OPTIONS?.includes('--jitless'))
    return null;
  const here = (import.meta as { readonly url?: string }).url;
  if (here === undefined) return null;
  try {
    const { createRequire } = proc.getBuiltinModule('node:module') as NodeModuleApi;
    const { readFileSync } = proc.getBuiltinModule('node:fs') as NodeFsApi;
    const { Script } = proc.getBuiltinModule('node:vm') as NodeVmApi;
    const require = createRequire(here);
    const parts = new Map<PackPart, { file: string; source: string; cache?: Uint8Array }>();
    return (part) => {
      let p = parts.get(part);
      if (p === undefined) {
        // dist/compiler/packs.js and dist/bundle/*.js both find dist/weft-jit-pack-*.cjs here.
        const file = require.resolve(`../weft-jit-pack-${part}.cjs`);
        const text = readFileSync(file, 'utf8');
        p = { file, source: `(function (exports, module) {${text}\n})` };
        parts.set(part, p);
      }
      const script = new Script(p.source, { filename: p.file, cachedData: p.cache });
      const module = { exports: {} };
      (script.runInThisContext() as (e: object, m: object) => void)(module.exports, module);
      // The table builders are parenthesized, so V8 compiled them with the
      // script: the cache made now holds their bytecode (the entries, small
      // functions, compile when first paired, see lazy.ts).
      p.cache ??= script.createCachedData();
      return module.exports;
    };
  } catch {
    return null;
  }
}

/**
 * Whether `copies` can keep growing: a list of the main pack, a loader
 * exists and the limit of parts is not reached (the time budget may still
 * refuse a load for a while).
 */
export function copiesPlentiful(copies: readonly unknown[]): boolean {
  if (loader === undefined) loader = nodeLoader();
  return loader !== null && loadedParts < PACK_BUDGET.parts && entryOfList.has(copies);
}

/**
 * A fresh part's raw tables from the loader, or null (no loader, the limit
 * or budget reached, or a bad file).
 */
function loadPart(part: PackPart): unknown {
  if (loader === undefined) loader = nodeLoader();
  if (loader === null || loadedParts >= PACK_BUDGET.parts) return null;
  const t0 = clock.now();
  if (firstAsked < 0) firstAsked = t0;
  const since = t0 - firstAsked;
  if (since < PACK_BUDGET.after || spentMs > PACK_BUDGET.share * since) return null;
  try {
    const exports = loader(part) as { WEFT_JIT_PACK?: unknown; createPart?: unknown } | null;
    if (exports?.WEFT_JIT_PACK !== 1 || typeof exports.createPart !== 'function') throw 0;
    return (exports.createPart as (deps: typeof PACK_DEPS) => unknown)(PACK_DEPS);
  } catch {
    loader = null; // a broken loader or file: stay with the copies there are
    return null;
  } finally {
    spentMs += clock.now() - t0;
  }
}

type Tree = { readonly [key: string]: unknown };

/**
 * Whether `raw` has the tables of `main` with the same keys, each an entry
 * builder: a part of this build (entries are compared when paired).
 */
function sameTables(main: object, raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  const names = Object.keys(main);
  if (Object.keys(raw).length !== names.length) return false;
  return names.every((name) => {
    const table = (raw as Tree)[name];
    if (table === null || typeof table !== 'object') return false;
    const keys = Object.keys((main as Tree)[name] as object);
    return (
      Object.keys(table).length === keys.length &&
      keys.every((key) => typeof (table as Tree)[key] === 'function')
    );
  });
}

/**
 * Pairs each list of copies in `main` with the list at the same place in
 * `fresh`; null when `fresh` does not have `main`'s shape (the same keys,
 * copies where `main` has copies).
 */
function pairLists(
  main: unknown,
  fresh: unknown,
  out: [unknown[], readonly unknown[]][] = [],
): [unknown[], readonly unknown[]][] | null {
  if (Array.isArray(main)) {
    if (!Array.isArray(fresh) || fresh.length === 0 || fresh.some((f) => typeof f !== 'function'))
      return null;
    out.push([main, fresh]);
    return out;
  }
  if (typeof main === 'function') return typeof fresh === 'function' ? out : null;
  if (main === null || typeof main !== 'object') return main === fresh ? out : null;
  if (fresh === null || typeof fresh !== 'object') return null;
  for (const key of Object.keys(main))
    if (pairLists((main as Tree)[key], (fresh as Tree)[key], out) === null) return null;
  return out;
}

/** The lists of copies in `tree`. */
function listsIn(tree: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(tree)) out.push(tree);
  else if (tree !== null && typeof tree === 'object')
    for (const value of Object.values(tree)) listsIn(value, out);
  return out;
}

/**
 * An entry of the main pack that compiled code has built: where it is, its
 * value, and how many fresh parts have added their copies to its lists.
 */
interface MainEntry {
  readonly part: PackPart;
  readonly table: string;
  readonly key: string;
  readonly value: unknown;
  paired: number;
}

/** The built entry of the main pack each list of copies belongs to. */
const entryOfList = new Map<unknown, MainEntry>();
/** The fresh parts loaded so far, by part: their raw tables of entry builders. */
const freshParts = new Map<PackPart, Tree[]>();

/** Called when an entry of the main pack is built (pack.ts): its lists can grow from then on. */
export function mainEntryBuilt(part: PackPart, table: string, key: string, value: unknown): void {
  const entry: MainEntry = { part, table, key, value, paired: 0 };
  for (const list of listsIn(value)) entryOfList.set(list, entry);
}

/**
 * Adds copies to `copies` (a list of the main pack with none free) and to
 * the other lists of its entry: those of the next fresh part its entry has
 * not taken copies from, loading a new part when there is none; false when
 * nothing was added. Only that entry is built in the fresh part, so a load
 * costs what one entry needs, whatever else the program compiled.
 * Called by literals.ts.
 */
export function growCopies(main: Pack, copies: readonly unknown[]): boolean {
  const entry = entryOfList.get(copies);
  if (entry === undefined) return false; // hand-written copies: as many as there are
  let parts = freshParts.get(entry.part);
  if (parts === undefined) freshParts.set(entry.part, (parts = []));
  let raw = parts[entry.paired];
  if (raw === undefined) {
    const loaded = loadPart(entry.part);
    if (loaded === null) return false;
    if (!sameTables(main[entry.part], loaded)) {
      loader = null; // a part of another build
      return false;
    }
    parts.push((raw = loaded as Tree));
    loadedParts++;
  }
  entry.paired++;
  const build = (raw[entry.table] as Tree)[entry.key] as () => unknown;
  const pairs = pairLists(entry.value, build());
  if (pairs === null) {
    loader = null;
    return false;
  }
  for (const [list, more] of pairs) list.push(...more);
  return true;
}
