/**
 * The filesystem interface WASI runs on. Backends implement directory-relative
 * ("*at") primitives on opaque handles; the WASI layer does all path
 * resolution itself, one component at a time, so a backend never sees a path
 * with a `/`, a `..` or a symlink it is asked to follow. That is what keeps a
 * guest inside its preopened directories whatever the backend.
 */
import type { Filetype } from './constants.js';

/** What `stat` reports (times in nanoseconds since the Unix epoch). */
export interface FileStat {
  /** The device holding the file. */
  readonly dev: bigint;
  /** The file's inode number. */
  readonly ino: bigint;
  /** The file's type. */
  readonly filetype: Filetype;
  /** The number of hard links to the file. */
  readonly nlink: bigint;
  /** The size in bytes (of a symlink: its target's length). */
  readonly size: bigint;
  /** Last access time, in nanoseconds since the Unix epoch. */
  readonly atim: bigint;
  /** Last modification time, in nanoseconds since the Unix epoch. */
  readonly mtim: bigint;
  /** Last status change time, in nanoseconds since the Unix epoch. */
  readonly ctim: bigint;
}

/** How `openAt` opens. */
export interface OpenOptions {
  /** Open for reading. */
  readonly read: boolean;
  /** Open for writing. */
  readonly write: boolean;
  /** Create a regular file if `name` does not exist. */
  readonly create: boolean;
  /** With `create`: fail with EEXIST if `name` exists (even as a dangling symlink). */
  readonly exclusive: boolean;
  /** Truncate a regular file to length 0. */
  readonly truncate: boolean;
  /** Fail with ENOTDIR unless `name` is a directory. */
  readonly directory: boolean;
}

/** An entry of `readdir`. */
export interface DirEntry {
  /** The entry's name (a single component). */
  readonly name: string;
  /** The entry's type (a symlink is a symlink, not what it points to). */
  readonly filetype: Filetype;
  /** The entry's inode number. */
  readonly ino: bigint;
}

/** A timestamp to set: nanoseconds, `'now'`, or null to leave it unchanged. */
export type TimeSpec = bigint | 'now' | null;

/**
 * A filesystem backend. `H` is the backend's handle to an open file or
 * directory.
 *
 * Contract for every `...At(dir, name)` method: `dir` is a directory handle;
 * `name` is a single path component: never empty, never containing `/` or
 * NUL, never `..`, and `.` only where a method says so. A symlink named by
 * `name` is never followed (it is the object operated on, or `openAt` fails
 * with ELOOP). Failures throw a `WasiError`, or a Node-style error whose
 * `code` is a POSIX error name (`'ENOENT'`); the WASI layer maps both.
 */
export interface FileSystem<H = unknown> {
  /** Opens the directory that a preopen exposes; `path` is the backend's own path. */
  openRoot(path: string): H;
  /**
   * Opens `name` in `dir` (`.`: `dir` itself, again). Opening a symlink fails
   * with ELOOP (or ENOTDIR when `options.directory`); opening a directory for
   * writing fails with EISDIR.
   */
  openAt(dir: H, name: string, options: OpenOptions): H;
  /** Releases a handle. */
  close(handle: H): void;
  /** The status of an open file or directory. */
  stat(handle: H): FileStat;
  /** Like `lstat`: a symlink's own status. */
  statAt(dir: H, name: string): FileStat;
  /** The target of symlink `name`; EINVAL if it is not a symlink. */
  readlinkAt(dir: H, name: string): string;
  /** Creates directory `name`; EEXIST if `name` exists. */
  mkdirAt(dir: H, name: string): void;
  /** Removes empty directory `name`; ENOTEMPTY if it is not empty, ENOTDIR if not a directory. */
  rmdirAt(dir: H, name: string): void;
  /** Removes a non-directory; EISDIR for a directory. */
  unlinkAt(dir: H, name: string): void;
  /** POSIX `rename` semantics (replacing the target when allowed). */
  renameAt(dir: H, name: string, toDir: H, toName: string): void;
  /** A hard link `toName` to `name` (not following a symlink `name`); EPERM for directories. */
  linkAt(dir: H, name: string, toDir: H, toName: string): void;
  /** Creates symlink `name` with content `target`, stored verbatim. */
  symlinkAt(target: string, dir: H, name: string): void;
  /** Sets the times of `name` itself (not following a symlink). */
  setTimesAt(dir: H, name: string, atim: TimeSpec, mtim: TimeSpec): void;
  /** Sets the times of an open file or directory. */
  setTimes(handle: H, atim: TimeSpec, mtim: TimeSpec): void;
  /** Sets the size of an open file, cutting it or extending it with zeros. */
  truncate(handle: H, size: number): void;
  /** Reads up to `length` bytes at file offset `position` into `buffer[offset...]`. */
  read(handle: H, buffer: Uint8Array, offset: number, length: number, position: number): number;
  /** Writes `length` bytes of `buffer[offset...]` at file offset `position`. */
  write(handle: H, buffer: Uint8Array, offset: number, length: number, position: number): number;
  /** Flushes a file's data and metadata to storage. */
  sync(handle: H): void;
  /** Flushes a file's data to storage. */
  datasync(handle: H): void;
  /** Every entry of a directory, `.` and `..` first. */
  readdir(handle: H): DirEntry[];
}
