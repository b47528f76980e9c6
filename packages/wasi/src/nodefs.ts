/**
 * The Node `fs` backend. Every handle is a real file descriptor; every
 * directory-relative operation goes through that descriptor, so what a
 * guest reaches is decided by the directories it holds open, not by host
 * path strings that could change underneath.
 *
 * On Linux, `/proc/self/fd/N/name` names `name` inside the directory open as
 * descriptor N, whatever happened to its path since (the kernel resolves the
 * magic link to the open directory itself): this gives true `openat`
 * semantics with Node's path-based API. Elsewhere the backend falls back to
 * the directory's real host path and re-checks, before every operation, that
 * the path still leads to the same directory (a narrow race remains there;
 * see the README).
 */
import * as fs from 'node:fs';
import { Errno, Filetype } from './constants.js';
import { fail } from './errors.js';
import type { DirEntry, FileStat, FileSystem, OpenOptions, TimeSpec } from './fs.js';

const C = fs.constants;
const O_NOFOLLOW = C.O_NOFOLLOW ?? 0;
const O_DIRECTORY = C.O_DIRECTORY ?? 0;

/** An open file or directory of the Node backend. */
export class NodeHandle {
  /** Set once closed: a descriptor number is never closed twice (it may have been reused). */
  closed = false;

  /** @internal */
  constructor(
    /** The host file descriptor. */
    readonly fd: number,
    /** The real host path when it was opened (kept for the path fallback and messages). */
    readonly path: string,
    /** Identity of what `fd` refers to, for the fallback's re-checks. */
    readonly dev: bigint,
    /** The inode number of what `fd` refers to. */
    readonly ino: bigint,
  ) {}
}

/** Options of the {@link NodeFileSystem} constructor. */
export interface NodeFileSystemOptions {
  /**
   * `'procfd'`: operate through `/proc/self/fd` (Linux; race-free);
   * `'path'`: through re-checked real paths; `'auto'` (default): `procfd`
   * where `/proc/self/fd` works.
   */
  readonly mode?: 'auto' | 'procfd' | 'path';
}

function filetypeOf(s: fs.BigIntStats): Filetype {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN;
}

function statOf(s: fs.BigIntStats): FileStat {
  return {
    dev: s.dev,
    ino: s.ino,
    filetype: filetypeOf(s),
    nlink: s.nlink,
    size: s.size,
    atim: s.atimeNs,
    mtim: s.mtimeNs,
    ctim: s.ctimeNs,
  };
}

/** The descriptor of an open handle (EBADF once closed: its number may belong to another file by now). */
function fdOf(handle: NodeHandle): number {
  if (handle.closed) fail(Errno.BADF);
  return handle.fd;
}

function seconds(t: TimeSpec, current: bigint): number {
  if (t === 'now') return Date.now() / 1000;
  const ns = t ?? current;
  return Number(ns / 1000n) / 1e6;
}

let procFdWorks: boolean | undefined;

function detectProcFd(): boolean {
  if (procFdWorks !== undefined) return procFdWorks;
  let fd = -1;
  try {
    fd = fs.openSync('/', C.O_RDONLY | O_DIRECTORY);
    const a = fs.statSync(`/proc/self/fd/${fd}/.`, { bigint: true });
    const b = fs.statSync('/', { bigint: true });
    procFdWorks = a.ino === b.ino && a.dev === b.dev;
  } catch {
    procFdWorks = false;
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
  return procFdWorks;
}

/** The host filesystem through Node's `fs`. */
export class NodeFileSystem implements FileSystem<NodeHandle> {
  /** Whether operations go through `/proc/self/fd` (race-free) rather than re-checked paths. */
  readonly procFd: boolean;

  constructor(options: NodeFileSystemOptions = {}) {
    const mode = options.mode ?? 'auto';
    this.procFd = mode === 'procfd' || (mode === 'auto' && detectProcFd());
  }

  /** The host path naming `name` in directory `dir`. */
  private at(dir: NodeHandle, name: string): string {
    if (dir.closed) fail(Errno.BADF);
    if (this.procFd) return `/proc/self/fd/${dir.fd}/${name}`;
    // Fallback: make sure the directory's path still leads to the directory we hold.
    let s: fs.BigIntStats;
    try {
      s = fs.lstatSync(dir.path, { bigint: true });
    } catch {
      fail(Errno.NOENT);
    }
    if (s.ino !== dir.ino || s.dev !== dir.dev || !s.isDirectory()) fail(Errno.NOENT);
    if (fs.realpathSync(dir.path) !== dir.path) fail(Errno.NOENT);
    return name === '.' ? dir.path : `${dir.path === '/' ? '' : dir.path}/${name}`;
  }

  private handle(fd: number, path: string): NodeHandle {
    try {
      const s = fs.fstatSync(fd, { bigint: true });
      return new NodeHandle(fd, path, s.dev, s.ino);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  openRoot(path: string): NodeHandle {
    const real = fs.realpathSync(path);
    const fd = fs.openSync(real, C.O_RDONLY | O_DIRECTORY);
    return this.handle(fd, real);
  }

  openAt(dir: NodeHandle, name: string, o: OpenOptions): NodeHandle {
    let flags = o.write ? (o.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY;
    flags |= O_NOFOLLOW;
    if (o.create) flags |= C.O_CREAT;
    if (o.exclusive) flags |= C.O_EXCL;
    if (o.truncate) flags |= C.O_TRUNC;
    if (o.directory) flags |= O_DIRECTORY;
    // For `.`, `at` gives `/proc/self/fd/N/.`, not the magic link `N` that O_NOFOLLOW refuses.
    const fd = fs.openSync(this.at(dir, name), flags, 0o666);
    const hostPath = name === '.' ? dir.path : `${dir.path === '/' ? '' : dir.path}/${name}`;
    return this.handle(fd, hostPath);
  }

  close(handle: NodeHandle): void {
    if (handle.closed) return;
    handle.closed = true;
    try {
      fs.closeSync(handle.fd);
    } catch {
      // Nothing left to release.
    }
  }

  stat(handle: NodeHandle): FileStat {
    return statOf(fs.fstatSync(fdOf(handle), { bigint: true }));
  }

  statAt(dir: NodeHandle, name: string): FileStat {
    if (name === '.') return this.stat(dir);
    return statOf(fs.lstatSync(this.at(dir, name), { bigint: true }));
  }

  readlinkAt(dir: NodeHandle, name: string): string {
    return fs.readlinkSync(this.at(dir, name), 'utf8');
  }

  mkdirAt(dir: NodeHandle, name: string): void {
    fs.mkdirSync(this.at(dir, name), 0o777);
  }

  rmdirAt(dir: NodeHandle, name: string): void {
    fs.rmdirSync(this.at(dir, name));
  }

  unlinkAt(dir: NodeHandle, name: string): void {
    fs.unlinkSync(this.at(dir, name));
  }

  renameAt(dir: NodeHandle, name: string, toDir: NodeHandle, toName: string): void {
    fs.renameSync(this.at(dir, name), this.at(toDir, toName));
  }

  linkAt(dir: NodeHandle, name: string, toDir: NodeHandle, toName: string): void {
    fs.linkSync(this.at(dir, name), this.at(toDir, toName));
  }

  symlinkAt(target: string, dir: NodeHandle, name: string): void {
    fs.symlinkSync(target, this.at(dir, name));
  }

  setTimesAt(dir: NodeHandle, name: string, atim: TimeSpec, mtim: TimeSpec): void {
    const path = this.at(dir, name);
    const s = fs.lstatSync(path, { bigint: true });
    fs.lutimesSync(path, seconds(atim, s.atimeNs), seconds(mtim, s.mtimeNs));
  }

  setTimes(handle: NodeHandle, atim: TimeSpec, mtim: TimeSpec): void {
    const s = fs.fstatSync(fdOf(handle), { bigint: true });
    fs.futimesSync(fdOf(handle), seconds(atim, s.atimeNs), seconds(mtim, s.mtimeNs));
  }

  truncate(handle: NodeHandle, size: number): void {
    fs.ftruncateSync(fdOf(handle), size);
  }

  read(
    handle: NodeHandle,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number {
    return fs.readSync(fdOf(handle), buffer, offset, length, position);
  }

  write(
    handle: NodeHandle,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number {
    return fs.writeSync(fdOf(handle), buffer, offset, length, position);
  }

  sync(handle: NodeHandle): void {
    fs.fsyncSync(fdOf(handle));
  }

  datasync(handle: NodeHandle): void {
    fs.fdatasyncSync(fdOf(handle));
  }

  readdir(handle: NodeHandle): DirEntry[] {
    const self = fs.fstatSync(fdOf(handle), { bigint: true });
    if (!self.isDirectory()) fail(Errno.NOTDIR);
    const out: DirEntry[] = [{ name: '.', filetype: Filetype.DIRECTORY, ino: self.ino }];
    try {
      out.push({ name: '..', filetype: Filetype.DIRECTORY, ino: this.statAt(handle, '..').ino });
    } catch {
      out.push({ name: '..', filetype: Filetype.DIRECTORY, ino: self.ino });
    }
    for (const name of fs.readdirSync(this.at(handle, '.'))) {
      try {
        const s = this.statAt(handle, name);
        out.push({ name, filetype: s.filetype, ino: s.ino });
      } catch {
        // Removed since it was listed.
      }
    }
    return out;
  }
}
