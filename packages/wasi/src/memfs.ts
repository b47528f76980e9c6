/**
 * An in-memory filesystem with POSIX semantics (inodes, hard links,
 * symlinks, open-but-unlinked files), for browsers and tests. It implements
 * the same `FileSystem` interface as the Node backend.
 */
import { Errno, Filetype } from './constants.js';
import { fail } from './errors.js';
import type { DirEntry, FileStat, FileSystem, OpenOptions, TimeSpec } from './fs.js';

type Kind = 'file' | 'dir' | 'symlink';

class Inode {
  nlink = 0n;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
  /** File contents (capacity may exceed `size`). */
  data = new Uint8Array(0);
  size = 0;
  /** Directory entries, in creation order. */
  readonly entries = new Map<string, Inode>();
  /** A directory's parent (itself for the root). */
  parent: Inode | null = null;
  /** Set when a directory is removed: nothing can be created in it any more. */
  removed = false;

  constructor(
    readonly ino: bigint,
    readonly kind: Kind,
    now: bigint,
    /** A symlink's target. */
    readonly target = '',
  ) {
    this.atim = this.mtim = this.ctim = now;
  }

  get filetype(): Filetype {
    return this.kind === 'dir'
      ? Filetype.DIRECTORY
      : this.kind === 'file'
        ? Filetype.REGULAR_FILE
        : Filetype.SYMBOLIC_LINK;
  }
}

/** A handle of the in-memory filesystem: an inode and how it was opened. */
export class MemoryHandle {
  /** @internal */
  constructor(
    /** The file or directory. */
    readonly node: Inode,
    /** Whether it was opened for reading. */
    readonly readable: boolean,
    /** Whether it was opened for writing. */
    readonly writable: boolean,
  ) {}
}

const encoder = new TextEncoder();

/** Options of the {@link MemoryFileSystem} constructor. */
export interface MemoryFileSystemOptions {
  /** The current time in nanoseconds (default: `Date.now()`). */
  readonly now?: () => bigint;
  /** The device number reported by `stat` (default 1). */
  readonly dev?: bigint;
}

/**
 * A filesystem in memory. Host code fills it with `mkdir`, `writeFile` and
 * `symlink` (absolute paths, `/` is the root) and reads results back with
 * `readFile` and `readdir`; a WASI context preopens any of its directories.
 *
 * ```ts
 * const fs = new MemoryFileSystem();
 * fs.writeFile('/data/in.txt', 'hello');
 * const ctx = new WasiCtxBuilder().preopenDir('/data', '/data', { fs }).build();
 * ```
 */
export class MemoryFileSystem implements FileSystem<MemoryHandle> {
  private nextIno = 1n;
  private readonly now: () => bigint;
  private readonly dev: bigint;
  private readonly root: Inode;

  constructor(options: MemoryFileSystemOptions = {}) {
    this.now = options.now ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.dev = options.dev ?? 1n;
    this.root = this.inode('dir');
    this.root.parent = this.root;
    this.root.nlink = 2n;
  }

  private inode(kind: Kind, target = ''): Inode {
    return new Inode(this.nextIno++, kind, this.now(), target);
  }

  private static dir(h: MemoryHandle): Inode {
    const d = h.node;
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    return d;
  }

  /** The directory `dir` when entries may be added to it. */
  private static live(h: MemoryHandle): Inode {
    const d = MemoryFileSystem.dir(h);
    if (d.removed) fail(Errno.NOENT);
    return d;
  }

  private static entry(dir: Inode, name: string): Inode {
    if (name === '.') return dir;
    if (name === '..') return dir.parent ?? dir;
    const node = dir.entries.get(name);
    if (node === undefined) fail(Errno.NOENT);
    return node;
  }

  private touch(node: Inode): void {
    node.mtim = node.ctim = this.now();
  }

  private addEntry(dir: Inode, name: string, node: Inode): void {
    dir.entries.set(name, node);
    node.nlink++;
    if (node.kind === 'dir') {
      node.parent = dir;
      node.nlink++; // its own "."
      dir.nlink++; // its ".."
    }
    this.touch(dir);
  }

  private removeEntry(dir: Inode, name: string, node: Inode): void {
    dir.entries.delete(name);
    node.nlink--;
    if (node.kind === 'dir') {
      node.nlink--;
      dir.nlink--;
      node.removed = true;
    }
    node.ctim = this.now();
    this.touch(dir);
  }

  // The FileSystem interface.

  openRoot(path: string): MemoryHandle {
    const node = this.lookup(path, true);
    if (node.kind !== 'dir') fail(Errno.NOTDIR);
    return new MemoryHandle(node, true, false);
  }

  openAt(dir: MemoryHandle, name: string, o: OpenOptions): MemoryHandle {
    const d = MemoryFileSystem.dir(dir);
    let node = name === '.' ? d : d.entries.get(name);
    if (node === undefined) {
      if (!o.create) fail(Errno.NOENT);
      if (d.removed) fail(Errno.NOENT);
      if (o.directory) fail(Errno.INVAL);
      node = this.inode('file');
      this.addEntry(d, name, node);
    } else {
      if (o.create && o.exclusive) fail(Errno.EXIST);
      if (node.kind === 'symlink') fail(Errno.LOOP);
      if (o.directory && node.kind !== 'dir') fail(Errno.NOTDIR);
      if (node.kind === 'dir' && (o.write || o.truncate)) fail(Errno.ISDIR);
      if (o.truncate && o.write && node.size !== 0) {
        node.size = 0;
        node.data = new Uint8Array(0);
        this.touch(node);
      }
    }
    return new MemoryHandle(node, o.read, o.write);
  }

  close(_handle: MemoryHandle): void {}

  private statOf(node: Inode): FileStat {
    return {
      dev: this.dev,
      ino: node.ino,
      filetype: node.filetype,
      nlink: node.nlink,
      size: BigInt(node.kind === 'symlink' ? encoder.encode(node.target).length : node.size),
      atim: node.atim,
      mtim: node.mtim,
      ctim: node.ctim,
    };
  }

  stat(handle: MemoryHandle): FileStat {
    return this.statOf(handle.node);
  }

  statAt(dir: MemoryHandle, name: string): FileStat {
    return this.statOf(MemoryFileSystem.entry(MemoryFileSystem.dir(dir), name));
  }

  readlinkAt(dir: MemoryHandle, name: string): string {
    const node = MemoryFileSystem.entry(MemoryFileSystem.dir(dir), name);
    if (node.kind !== 'symlink') fail(Errno.INVAL);
    return node.target;
  }

  mkdirAt(dir: MemoryHandle, name: string): void {
    const d = MemoryFileSystem.live(dir);
    if (name === '.' || d.entries.has(name)) fail(Errno.EXIST);
    this.addEntry(d, name, this.inode('dir'));
  }

  rmdirAt(dir: MemoryHandle, name: string): void {
    const d = MemoryFileSystem.dir(dir);
    if (name === '.') fail(Errno.INVAL);
    const node = MemoryFileSystem.entry(d, name);
    if (node.kind !== 'dir') fail(Errno.NOTDIR);
    if (node.entries.size > 0) fail(Errno.NOTEMPTY);
    this.removeEntry(d, name, node);
  }

  unlinkAt(dir: MemoryHandle, name: string): void {
    const d = MemoryFileSystem.dir(dir);
    const node = MemoryFileSystem.entry(d, name);
    if (node.kind === 'dir') fail(Errno.ISDIR);
    this.removeEntry(d, name, node);
  }

  renameAt(dir: MemoryHandle, name: string, toDir: MemoryHandle, toName: string): void {
    const from = MemoryFileSystem.dir(dir);
    const to = MemoryFileSystem.dir(toDir);
    if (name === '.' || toName === '.') fail(Errno.BUSY);
    const node = MemoryFileSystem.entry(from, name);
    const existing = to.entries.get(toName);
    if (existing === node) return; // the same file: POSIX does nothing
    if (node.kind === 'dir') {
      for (let d: Inode = to; ; d = d.parent!) {
        if (d === node) fail(Errno.INVAL); // into itself
        if (d.parent === d || d.parent === null) break;
      }
      if (existing !== undefined) {
        if (existing.kind !== 'dir') fail(Errno.NOTDIR);
        if (existing.entries.size > 0) fail(Errno.NOTEMPTY);
      }
    } else if (existing?.kind === 'dir') {
      fail(Errno.ISDIR);
    }
    if (to.removed) fail(Errno.NOENT);
    if (existing !== undefined) this.removeEntry(to, toName, existing);
    // Move without counting the node as removed.
    from.entries.delete(name);
    node.nlink--;
    if (node.kind === 'dir') {
      node.nlink--;
      from.nlink--;
    }
    this.touch(from);
    this.addEntry(to, toName, node);
    node.ctim = this.now();
  }

  linkAt(dir: MemoryHandle, name: string, toDir: MemoryHandle, toName: string): void {
    const node = MemoryFileSystem.entry(MemoryFileSystem.dir(dir), name);
    const to = MemoryFileSystem.live(toDir);
    if (node.kind === 'dir') fail(Errno.PERM);
    if (toName === '.' || to.entries.has(toName)) fail(Errno.EXIST);
    this.addEntry(to, toName, node);
    node.ctim = this.now();
  }

  symlinkAt(target: string, dir: MemoryHandle, name: string): void {
    const d = MemoryFileSystem.live(dir);
    if (name === '.' || d.entries.has(name)) fail(Errno.EXIST);
    this.addEntry(d, name, this.inode('symlink', target));
  }

  private setTimesOf(node: Inode, atim: TimeSpec, mtim: TimeSpec): void {
    const now = this.now();
    if (atim !== null) node.atim = atim === 'now' ? now : atim;
    if (mtim !== null) node.mtim = mtim === 'now' ? now : mtim;
    node.ctim = now;
  }

  setTimesAt(dir: MemoryHandle, name: string, atim: TimeSpec, mtim: TimeSpec): void {
    this.setTimesOf(MemoryFileSystem.entry(MemoryFileSystem.dir(dir), name), atim, mtim);
  }

  setTimes(handle: MemoryHandle, atim: TimeSpec, mtim: TimeSpec): void {
    this.setTimesOf(handle.node, atim, mtim);
  }

  private static reserve(node: Inode, size: number): void {
    if (size > node.data.length) {
      const grown = new Uint8Array(Math.max(size, node.data.length * 2, 64));
      grown.set(node.data.subarray(0, node.size));
      node.data = grown;
    }
  }

  truncate(handle: MemoryHandle, size: number): void {
    const node = handle.node;
    if (node.kind === 'dir') fail(Errno.ISDIR);
    if (!handle.writable) fail(Errno.INVAL);
    if (size > node.size) {
      MemoryFileSystem.reserve(node, size);
      node.data.fill(0, node.size, size);
    }
    node.size = size;
    this.touch(node);
  }

  read(
    handle: MemoryHandle,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number {
    const node = handle.node;
    if (node.kind === 'dir') fail(Errno.ISDIR);
    if (!handle.readable) fail(Errno.BADF);
    if (position >= node.size) return 0;
    const n = Math.min(length, node.size - position);
    buffer.set(node.data.subarray(position, position + n), offset);
    return n;
  }

  write(
    handle: MemoryHandle,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number {
    const node = handle.node;
    if (node.kind === 'dir') fail(Errno.ISDIR);
    if (!handle.writable) fail(Errno.BADF);
    const end = position + length;
    MemoryFileSystem.reserve(node, end);
    if (position > node.size) node.data.fill(0, node.size, position);
    node.data.set(buffer.subarray(offset, offset + length), position);
    if (end > node.size) node.size = end;
    this.touch(node);
    return length;
  }

  sync(_handle: MemoryHandle): void {}

  datasync(_handle: MemoryHandle): void {}

  readdir(handle: MemoryHandle): DirEntry[] {
    const d = MemoryFileSystem.dir(handle);
    const out: DirEntry[] = [
      { name: '.', filetype: Filetype.DIRECTORY, ino: d.ino },
      { name: '..', filetype: Filetype.DIRECTORY, ino: (d.parent ?? d).ino },
    ];
    if (d.removed) return out;
    for (const [name, node] of d.entries)
      out.push({ name, filetype: node.filetype, ino: node.ino });
    return out;
  }

  // Host-side helpers (absolute paths inside this filesystem, symlinks followed).

  private lookup(path: string, follow: boolean, depth = 0): Inode {
    if (depth > 40) fail(Errno.LOOP);
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    let node = this.root;
    for (let i = 0; i < parts.length; i++) {
      if (node.kind !== 'dir') fail(Errno.NOTDIR);
      const part = parts[i]!;
      let next = part === '..' ? node.parent! : node.entries.get(part);
      if (next === undefined) fail(Errno.NOENT);
      if (next.kind === 'symlink' && (follow || i < parts.length - 1)) {
        const base = next.target.startsWith('/') ? '' : '/' + parts.slice(0, i).join('/');
        next = this.lookup(`${base}/${next.target}`, true, depth + 1);
      }
      node = next;
    }
    return node;
  }

  private parentOf(path: string): [Inode, string] {
    const i = path.replace(/\/+$/, '').lastIndexOf('/');
    const name = path.slice(i + 1).replace(/\/+$/, '');
    if (name === '' || name === '.' || name === '..') fail(Errno.INVAL);
    const dir = this.lookup(path.slice(0, Math.max(i, 0)), true);
    if (dir.kind !== 'dir') fail(Errno.NOTDIR);
    return [dir, name];
  }

  /** Creates a directory (and, with `recursive`, its missing parents). */
  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    if (options.recursive) {
      let prefix = '';
      for (const part of path.split('/').filter((p) => p !== '')) {
        prefix += '/' + part;
        if (!this.exists(prefix)) this.mkdir(prefix);
      }
      return;
    }
    const [dir, name] = this.parentOf(path);
    if (dir.entries.has(name)) fail(Errno.EXIST);
    this.addEntry(dir, name, this.inode('dir'));
  }

  /** Writes (creating or replacing) a file, creating missing parent directories. */
  writeFile(path: string, data: Uint8Array | string): void {
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (parent !== '') this.mkdir(parent, { recursive: true });
    const [dir, name] = this.parentOf(path);
    let node = dir.entries.get(name);
    if (node !== undefined && node.kind === 'symlink') node = this.lookup(path, true);
    if (node === undefined) {
      node = this.inode('file');
      this.addEntry(dir, name, node);
    }
    if (node.kind !== 'file') fail(Errno.ISDIR);
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    node.data = bytes.slice();
    node.size = bytes.length;
    this.touch(node);
  }

  /** A file's contents. */
  readFile(path: string): Uint8Array {
    const node = this.lookup(path, true);
    if (node.kind !== 'file') fail(Errno.ISDIR);
    return node.data.slice(0, node.size);
  }

  /** A file's contents decoded as UTF-8. */
  readTextFile(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  /** Creates a symlink at `path` to `target`. */
  symlink(target: string, path: string): void {
    const [dir, name] = this.parentOf(path);
    if (dir.entries.has(name)) fail(Errno.EXIST);
    this.addEntry(dir, name, this.inode('symlink', target));
  }

  /** The names in a directory (without `.` and `..`). */
  readdirNames(path: string): string[] {
    const node = this.lookup(path, true);
    if (node.kind !== 'dir') fail(Errno.NOTDIR);
    return [...node.entries.keys()];
  }

  /** Whether `path` exists (not following a final symlink). */
  exists(path: string): boolean {
    try {
      this.lookup(path, false);
      return true;
    } catch {
      return false;
    }
  }

  /** The status of `path` (following symlinks unless `follow` is false). */
  statPath(path: string, follow = true): FileStat {
    return this.statOf(this.lookup(path, follow));
  }

  /** Removes a file, symlink or empty directory. */
  remove(path: string): void {
    const [dir, name] = this.parentOf(path);
    const node = MemoryFileSystem.entry(dir, name);
    if (node.kind === 'dir' && node.entries.size > 0) fail(Errno.NOTEMPTY);
    this.removeEntry(dir, name, node);
  }
}
