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
import { Errno, Filetype } from './constants.js';
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
 * How many directories symlink `target` climbs: its leading `..`s. A
 * target that climbs after descending (`a/../..`) counts as climbing
 * without bound (Infinity), as does an absolute one: through a symlink
 * `a`, `a/..` is the parent of wherever `a` leads, so only the leading
 * `..`s are known to stay among real ancestors of the link.
 */
export function symlinkClimb(target: string): number {
  if (target.startsWith('/')) return Infinity;
  let ups = 0;
  let descended = false;
  for (const c of split(target)) {
    if (c === '.') continue;
    if (c !== '..') descended = true;
    else if (descended) return Infinity;
    else ups++;
  }
  return ups;
}

/**
 * The rule for symlinks the guest makes or moves: a link may climb (with
 * leading `..`s) at most as many directories as it lies below its preopen,
 * and may not climb after descending. Then, wherever the link is read from,
 * by WASI or by any tool on the host, it leads to a directory inside the
 * preopen, provided every link it passes through obeys the rule too.
 * Moving a link shallower, or a directory holding links, is checked again
 * (`deepestClimb`); moving one deeper can never break the rule.
 */
export function targetStaysInside(target: string, depth: number): boolean {
  return symlinkClimb(target) <= depth;
}

/**
 * For a directory `name` in `dir` about to move: the least depth below its
 * preopen that its new parent must have so that no symlink inside it climbs
 * out (`-Infinity` if it holds no symlink that climbs). Walks the whole
 * subtree, never following a symlink.
 */
export function deepestClimb(fs: FileSystem<unknown>, dir: unknown, name: string): number {
  let need = -Infinity;
  // Depth first, without recursion (a guest can nest directories deeply);
  // each frame: an open directory, its depth below the new parent, and the
  // subdirectories still to visit.
  const frames: { handle: unknown; level: number; subdirs: string[] }[] = [];
  const enter = (handle: unknown, level: number): void => {
    const subdirs: string[] = [];
    frames.push({ handle, level, subdirs });
    for (const e of fs.readdir(handle)) {
      if (e.name === '.' || e.name === '..') continue;
      if (e.filetype === Filetype.SYMBOLIC_LINK) {
        need = Math.max(need, symlinkClimb(fs.readlinkAt(handle, e.name)) - level);
      } else if (e.filetype === Filetype.DIRECTORY) {
        subdirs.push(e.name);
      }
    }
  };
  try {
    // Links directly inside the moved directory lie one level below its new parent.
    enter(fs.openAt(dir, name, DIRECTORY), 1);
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      const sub = top.subdirs.pop();
      if (sub === undefined) {
        fs.close(frames.pop()!.handle);
        continue;
      }
      enter(fs.openAt(top.handle, sub, DIRECTORY), top.level + 1);
    }
  } finally {
    for (let i = frames.length - 1; i >= 0; i--) fs.close(frames[i]!.handle);
  }
  return need;
}
