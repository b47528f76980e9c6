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
 * module appends a fresh part's factories to the copies of the main pack
 * when a factory of that part has no free copy left, within `PACK_BUDGET`
 * and up to {@link MAX_PACKS} parts. Elsewhere (browsers, bundles without
 * the part files, `--jitless`) the main pack's copies are all there is.
 * Entries are built when first read (lazy.ts): a fresh part adds copies to
 * the entries of the main pack built so far, and to each entry built later.
 */
import { lazyPart, type Pack, type PackPart } from './pack.js';
import { PACK_DEPS } from './pack-deps.js';

/** Most parts of packs loaded in a process (a whole pack holds about 2 MB of closures). */
export const MAX_PACKS = 96;

/**
 * When fresh packs are loaded. Fresh copies are fresh literals, which V8
 * must warm up and optimize again, one by one: in a run of a few seconds
 * that costs more than the shared copy they replace (measured: brotli-wasm
 * 2.1 s without packs, 2.6-2.9 s with them from the start), while in a
 * long-running process they are what keeps later code fast. So no pack is
 * loaded in the first `after` ms since copies first ran out; then loading
 * may take `share` of the time since (a load takes 1-2 ms from the code
 * cache). Mutable for tests.
 */
export const PACK_BUDGET = { after: 2000, share: 0.05 };

const clock: { now(): number } =
  (globalThis as { performance?: { now(): number } }).performance ?? Date;
let spentMs = 0;
let firstAsked = -1;

/** Loads one fresh instance of a part's module (`weft-jit-pack-<part>.cjs`): its exports. */
export type PackLoader = (part: PackPart) => unknown;

let loader: PackLoader | null | undefined;
let loaded = 0;

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
  return loaded;
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
 * A fresh part's raw tables from the loader, or null (no loader, the limit
 * or budget reached, or a bad file).
 */
function loadPart(part: PackPart): unknown {
  if (loader === undefined) loader = nodeLoader();
  if (loader === null || loaded >= MAX_PACKS) return null;
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

/** The lists of copies in `tree`, each mapped to `part`. */
function listsOf(tree: unknown, part: PackPart, out: Map<unknown, PackPart>): void {
  if (Array.isArray(tree)) out.set(tree, part);
  else if (tree !== null && typeof tree === 'object')
    for (const value of Object.values(tree)) listsOf(value, part, out);
}

/** The part of the main pack each list of copies of its built entries belongs to. */
const mainLists = new Map<unknown, PackPart>();
/** The entries of the main pack built so far, by part: table and key. */
const builtEntries = new Map<PackPart, [table: string, key: string][]>();
/** The fresh parts added so far, by part. */
const freshParts = new Map<PackPart, Tree[]>();

/** The entry at `table`, `key` of a part. */
function entryOf(part: object, table: string, key: string): unknown {
  return ((part as Tree)[table] as Tree)[key];
}

/**
 * Called when an entry of the main pack is built (pack.ts): its lists join
 * the part's, with the copies of every fresh part loaded before (an entry
 * of another shape keeps its own copies).
 */
export function mainEntryBuilt(part: PackPart, table: string, key: string, value: unknown): void {
  listsOf(value, part, mainLists);
  let built = builtEntries.get(part);
  if (built === undefined) builtEntries.set(part, (built = []));
  built.push([table, key]);
  for (const fresh of freshParts.get(part) ?? []) {
    const pairs = pairLists(value, entryOf(fresh, table, key));
    if (pairs !== null) for (const [list, more] of pairs) list.push(...more);
  }
}

/**
 * Adds a fresh part's copies to every list of that part of `main` (its
 * entries built so far; later ones get them when built), when `copies` (a
 * list with none free) is one of them; false when nothing was added.
 * Called by literals.ts.
 */
export function growCopies(main: Pack, copies: readonly unknown[]): boolean {
  const part = mainLists.get(copies);
  if (part === undefined) return false; // hand-written copies: as many as there are
  const raw = loadPart(part);
  if (raw === null) return false;
  if (!sameTables(main[part], raw)) {
    loader = null; // a part of another build
    return false;
  }
  const fresh = lazyPart(part, raw as Parameters<typeof lazyPart>[1]) as Tree;
  const pairs: [unknown[], readonly unknown[]][] = [];
  for (const [table, key] of builtEntries.get(part) ?? []) {
    if (pairLists(entryOf(main[part], table, key), entryOf(fresh, table, key), pairs) === null) {
      loader = null;
      return false;
    }
  }
  for (const [list, more] of pairs) list.push(...more);
  let parts = freshParts.get(part);
  if (parts === undefined) freshParts.set(part, (parts = []));
  parts.push(fresh);
  loaded++;
  return true;
}
