/**
 * Sandboxed path resolution. A guest path is resolved relative to a
 * directory descriptor, one component at a time, with the backend's
 * directory-relative primitives:
 *
 * - absolute paths are refused (ENOTCAPABLE);
 * - each intermediate directory is opened (never following a symlink) and
 *   held open, so `..` returns to the directory we actually came from and a
 *   directory renamed or replaced by a symlink meanwhile cannot redirect us;
 * - `..` above the starting directory is refused (ENOTCAPABLE): every
 *   descriptor is a capability for what lies below it, and nothing more;
 * - symlinks are read and their target spliced into the remaining path,
 *   under the same rules (an absolute target, or one climbing above the
 *   starting directory, is refused), at most 40 times (then ELOOP).
 *
 * The final component is returned unresolved, with the directory holding
 * it, for the operation to act on it without following it.
 */
import { Errno } from './constants.js';
import type { Descriptor } from './ctx.js';
import { errnoOf, fail } from './errors.js';
import type { FileSystem } from './fs.js';

/** Symlinks expanded in one resolution before ELOOP (Linux's MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;

const DIRECTORY = {
  read: true,
  write: false,
  create: false,
  exclusive: false,
  truncate: false,
  directory: true,
} as const;

/** The result of resolving a path: the final component and the directory holding it. */
export class Resolved {
  /** @internal */
  constructor(
    readonly fs: FileSystem<unknown>,
    /** The directory holding `name`. */
    readonly dir: unknown,
    /** The final component; `.` when the path names `dir` itself. */
    readonly name: string,
    /** The path ended with `/`: what it names must be a directory. */
    readonly mustBeDir: boolean,
    /** Depth of `dir` below the preopen. */
    readonly depth: number,
    private readonly opened: unknown[],
  ) {}

  /** Closes the directories opened on the way. */
  release(): void {
    for (let i = this.opened.length - 1; i >= 0; i--) this.fs.close(this.opened[i]);
    this.opened.length = 0;
  }
}

/** The components of a path (empty components dropped) and whether it ends with `/`. */
function split(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}

/**
 * Resolves `path` relative to directory descriptor `start`. With `follow`, a
 * symlink in the final position is followed too. The caller must
 * `release()` the result.
 */
export function resolve(start: Descriptor, path: string, follow: boolean): Resolved {
  if (start.kind !== 'dir' || start.fs === null) fail(Errno.NOTDIR);
  const fs = start.fs;
  if (path === '') fail(Errno.NOENT);
  if (path.includes('\0')) fail(Errno.INVAL);
  if (path.startsWith('/')) fail(Errno.NOTCAPABLE, 'absolute paths are not allowed');

  const opened: unknown[] = [];
  let cur = start.handle;
  let mustBeDir = path.endsWith('/');
  const queue = split(path);
  let links = 0;

  const expand = (target: string, last: boolean): void => {
    if (++links > MAX_SYMLINKS) fail(Errno.LOOP);
    if (target === '') fail(Errno.NOENT);
    if (target.startsWith('/')) fail(Errno.NOTCAPABLE, 'symlink to an absolute path');
    if (last && target.endsWith('/')) mustBeDir = true;
    queue.unshift(...split(target));
  };

  try {
    while (queue.length > 0) {
      const comp = queue.shift()!;
      const last = queue.length === 0;
      if (comp === '.') {
        if (last) return new Resolved(fs, cur, '.', mustBeDir, start.depth + opened.length, opened);
        continue;
      }
      if (comp === '..') {
        if (opened.length === 0) fail(Errno.NOTCAPABLE, 'path escapes its directory');
        fs.close(opened.pop());
        cur = opened.length > 0 ? opened[opened.length - 1] : start.handle;
        if (last) return new Resolved(fs, cur, '.', mustBeDir, start.depth + opened.length, opened);
        continue;
      }
      if (last) {
        if (follow || mustBeDir) {
          const target = readlinkOrNull(fs, cur, comp);
          if (target !== null) {
            expand(target, true);
            continue;
          }
        }
        return new Resolved(fs, cur, comp, mustBeDir, start.depth + opened.length, opened);
      }
      // An intermediate component: a directory to enter, or a symlink to expand.
      let next: unknown;
      try {
        next = fs.openAt(cur, comp, DIRECTORY);
      } catch (e) {
        const errno = errnoOf(e);
        if (errno !== Errno.LOOP && errno !== Errno.NOTDIR && errno !== Errno.MLINK) throw e;
        const target = readlinkOrNull(fs, cur, comp);
        if (target === null) throw e;
        expand(target, false);
        continue;
      }
      opened.push(next);
      cur = next;
    }
    // Only reached when the path had no component at all (e.g. a symlink to "").
    return new Resolved(fs, cur, '.', mustBeDir, start.depth + opened.length, opened);
  } catch (e) {
    for (let i = opened.length - 1; i >= 0; i--) fs.close(opened[i]);
    throw e;
  }
}

/** The target of `name` if it is a symlink, else null (whatever else `name` is, or if missing). */
function readlinkOrNull(fs: FileSystem<unknown>, dir: unknown, name: string): string | null {
  try {
    return fs.readlinkAt(dir, name);
  } catch (e) {
    const errno = errnoOf(e);
    if (errno === Errno.INVAL || errno === Errno.NOENT) return null;
    throw e;
  }
}

/**
 * Whether symlink `target`, created in a directory `depth` levels below its
 * preopen, stays inside the preopen when read lexically.
 */
export function targetStaysInside(target: string, depth: number): boolean {
  if (target.startsWith('/')) return false;
  let d = depth;
  for (const c of split(target)) {
    if (c === '..') {
      if (--d < 0) return false;
    } else if (c !== '.') {
      d++;
    }
  }
  return true;
}
