/**
 * The command line's compile cache: V8's code cache for the bundled
 * command (dist/weft.cjs, scripts/bundle.mjs), kept between runs.
 *
 * Compiling Weft's JavaScript was most of what `weft run` cost before any
 * wasm ran (about 100 ms of 170 over bare `node` here), and Node 20 keeps no
 * compiled code for ES modules between processes. So the command is one
 * CommonJS script compiled with `vm.Script`, given the code V8 produced
 * for the same script in an earlier run (`cachedData`). As Node's own
 * compile cache (`module.enableCompileCache`, Node 22), the cache lives in
 * the system's temporary directory unless `WEFT_COMPILE_CACHE` names
 * another; `WEFT_DISABLE_COMPILE_CACHE=1` (or Node's
 * `NODE_DISABLE_COMPILE_CACHE=1`) turns it off.
 *
 * What V8 loads from the cache runs as code, so the cache is used only
 * from a directory this user owns that no one else may write to, and its
 * file is named by everything that must match: the script (the hash its
 * first line gives, `// weft-bundle <hash>`, written by the build), Node's
 * version and architecture, and node's options (V8's flags). V8 itself
 * refuses data made by another version or with other flags; a refused or
 * missing cache is written anew (see {@link loadCommonJs}). A script
 * without that first line is not cached.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * What became of the cache in one load: not used, missing, used, used from
 * the partial cache (see {@link loadCommonJs}), or refused by V8.
 */
export type CacheState = 'off' | 'miss' | 'hit' | 'partial' | 'rejected';

/** A script loaded by {@link loadCommonJs}. */
export interface LoadedScript {
  /** Its `module.exports`. */
  readonly exports: unknown;
  readonly cache: CacheState;
  /** The cache file used or to be written, or null when the cache is off. */
  readonly cacheFile: string | null;
}

/** The environment variables the cache reads. */
export interface CacheEnv {
  readonly WEFT_COMPILE_CACHE?: string | undefined;
  readonly WEFT_DISABLE_COMPILE_CACHE?: string | undefined;
  readonly NODE_DISABLE_COMPILE_CACHE?: string | undefined;
  readonly NODE_OPTIONS?: string | undefined;
}

/** The cache directory `env` asks for, or null when the cache is turned off. */
export function cacheDirectory(env: CacheEnv = process.env): string | null {
  if (env.WEFT_DISABLE_COMPILE_CACHE === '1' || env.NODE_DISABLE_COMPILE_CACHE === '1') return null;
  const dir = env.WEFT_COMPILE_CACHE;
  if (dir !== undefined && dir !== '') return dir;
  // One per user: a directory another user made first is not trusted.
  const uid = process.getuid?.();
  return join(tmpdir(), uid === undefined ? 'weft-compile-cache' : `weft-compile-cache-${uid}`);
}

/**
 * Whether `dir` may hold code this process runs: made if missing (mode
 * 0700), a directory of this user that group and others cannot write to.
 * Where there are no user ids (Windows), any directory will do.
 */
export function trustedDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** The hash the first line of a bundle names it by (`// weft-bundle <hash>`), or null. */
export function bundleHash(source: string): string | null {
  return /^\/\/ weft-bundle ([0-9a-f]{16,64})\n/.exec(source)?.[1] ?? null;
}

/** 32-bit FNV-1a of `text`, as 8 hex digits (naming, not security: see the module comment). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The name of the cache file of the bundle named `hash` as this process
 * compiles it: with this Node, on this architecture, with these options.
 */
export function cacheKey(hash: string, env: CacheEnv = process.env): string {
  const node = `${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${env.NODE_OPTIONS ?? ''}`;
  return `${hash}-${fnv1a(node)}`;
}

/**
 * Most cache files kept in a directory (each about 1 MB): every build of
 * the command, Node version and set of options has its own, so writing one
 * removes the least recently written beyond this many.
 */
export const MAX_CACHE_FILES = 8;

/** Writes V8's code of `script` to `file`, whole or not at all; failures are ignored. */
function writeCache(file: string, script: Script): void {
  // Unique to this writer: the threads of one process share its pid.
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {}
  }
}

/**
 * How long a temporary file may stay before a writer removes it: one left
 * by a process that died between writing and renaming it (a write takes
 * milliseconds).
 */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/**
 * Removes the oldest cache files of `dir` beyond {@link MAX_CACHE_FILES},
 * and temporary files older than {@link STALE_TEMPORARY_MS}.
 */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.bin') || name.endsWith('.tmp'))
    .map((name) => ({ name, path: join(dir, name), written: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  const caches = files.filter((f) => f.name.endsWith('.bin'));
  for (const { path } of caches.slice(MAX_CACHE_FILES)) unlinkSync(path);
  const now = Date.now();
  for (const f of files)
    if (f.name.endsWith('.tmp') && now - f.written > STALE_TEMPORARY_MS) unlinkSync(f.path);
}

/**
 * Runs the CommonJS script `file` as Node would (`exports`, `require`,
 * `module`, `__filename`, `__dirname`), compiled with the code cache in
 * `dir` (null: none; the default: {@link cacheDirectory}).
 *
 * Unless `write` is false, a missing or refused cache is written twice:
 * at once, as a partial cache (the code compiled while loading), and when
 * the process (or worker thread) exits, with all the code the run compiled,
 * which starts the next run some 20 ms sooner. A process killed by a signal
 * (Ctrl-C) never exits that way: the partial cache is what the next run
 * finds, and that run writes the whole one.
 */
export function loadCommonJs(
  file: string,
  dir: string | null = cacheDirectory(),
  { write = true }: { readonly write?: boolean } = {},
): LoadedScript {
  const text = readFileSync(file, 'utf8');
  const hash = bundleHash(text);
  const key =
    dir !== null && hash !== null && trustedDirectory(dir) ? join(dir, cacheKey(hash)) : null;
  const files = key === null ? null : { whole: `${key}.bin`, partial: `${key}.partial.bin` };
  let cachedData: Buffer | undefined;
  let partial = false;
  if (files !== null) {
    try {
      cachedData = readFileSync(files.whole);
    } catch {
      try {
        cachedData = readFileSync(files.partial);
        partial = true;
      } catch {}
    }
  }
  // Node's own wrapper, on the script's first line: line numbers stay the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  const script = new Script(source, { filename: file, ...(cachedData && { cachedData }) });
  const cache: CacheState =
    files === null
      ? 'off'
      : cachedData === undefined
        ? 'miss'
        : script.cachedDataRejected === true
          ? 'rejected'
          : partial
            ? 'partial'
            : 'hit';
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (write && files !== null && cache !== 'hit') {
    if (cache !== 'partial') writeCache(files.partial, script);
    process.once('exit', () => {
      writeCache(files.whole, script);
      try {
        unlinkSync(files.partial);
      } catch {}
      try {
        prune(dirname(files.whole));
      } catch {}
    });
  }
  return { exports: module.exports, cache, cacheFile: files?.whole ?? null };
}
