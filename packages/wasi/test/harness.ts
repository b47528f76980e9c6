/**
 * Calling the WASI functions directly, with a plain byte array as guest
 * memory: strings and structures are written into it and read back.
 */
import {
  Errno,
  Lookupflags,
  Oflags,
  Preview1,
  RIGHTS_DIRECTORY_INHERITING,
  Rights,
  type WasiCtx,
} from '#src/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Every right a file opened for reading and writing may have. */
export const RW = RIGHTS_DIRECTORY_INHERITING;
/** Rights for reading only. */
export const RO =
  RIGHTS_DIRECTORY_INHERITING &
  ~(Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_DATASYNC);

export interface OpenOptions {
  readonly dirflags?: number;
  readonly oflags?: number;
  readonly rights?: bigint;
  readonly inheriting?: bigint;
  readonly fdflags?: number;
}

/** A guest: a WasiCtx, its functions and 1 MiB of memory. */
export class Guest {
  readonly memory = new Uint8Array(1 << 20);
  readonly dv = new DataView(this.memory.buffer);
  readonly p: Preview1;
  /** Scratch area for strings and structures, reset by every call helper. */
  private top = 1024;

  constructor(readonly ctx: WasiCtx) {
    this.p = new Preview1(ctx);
    this.p.setMemory(this.memory, this.dv);
  }

  /** Calls a function as the linker does: exceptions other than WasiExit become errnos. */
  call(name: string, ...args: unknown[]): number {
    const f = (this.p as unknown as Record<string, (...a: unknown[]) => number>)[name]!;
    try {
      return f.apply(this.p, args);
    } catch (e) {
      return Preview1.errno(e);
    }
  }

  alloc(size: number): number {
    const at = (this.top + 7) & ~7;
    this.top = at + size;
    return at;
  }

  reset(): void {
    this.top = 1024;
  }

  /** Writes bytes (or a string as UTF-8) into memory: [pointer, length]. */
  bytes(data: Uint8Array | string): [number, number] {
    const b = typeof data === 'string' ? enc.encode(data) : data;
    const at = this.alloc(b.length);
    this.memory.set(b, at);
    return [at, b.length];
  }

  u32(ptr: number): number {
    return this.dv.getUint32(ptr, true);
  }

  u64(ptr: number): bigint {
    return this.dv.getBigUint64(ptr, true);
  }

  text(ptr: number, len: number): string {
    return dec.decode(this.memory.subarray(ptr, ptr + len));
  }

  // Helpers returning [errno, value].

  /** Opens like wasi-libc: the rights asked for are limited to what `dirfd` passes on. */
  open(path: string, o: OpenOptions = {}, dirfd = 3): [number, number] {
    this.reset();
    const stat = this.alloc(24);
    const inheritable =
      this.call('fd_fdstat_get', dirfd, stat) === Errno.SUCCESS ? this.u64(stat + 16) : 0n;
    const [p, n] = this.bytes(path);
    const out = this.alloc(4);
    const errno = this.call(
      'path_open',
      dirfd,
      o.dirflags ?? Lookupflags.SYMLINK_FOLLOW,
      p,
      n,
      o.oflags ?? 0,
      (o.rights ?? RW) & inheritable,
      (o.inheriting ?? RW) & inheritable,
      o.fdflags ?? 0,
      out,
    );
    return [errno, errno === Errno.SUCCESS ? this.u32(out) : -1];
  }

  /** Opens, reads everything, closes: [errno, text]. */
  readFile(
    path: string,
    dirfd = 3,
    dirflags: number = Lookupflags.SYMLINK_FOLLOW,
  ): [number, string] {
    const [errno, fd] = this.open(path, { rights: RO, dirflags }, dirfd);
    if (errno !== Errno.SUCCESS) return [errno, ''];
    let text = '';
    for (;;) {
      const [e, chunk] = this.read(fd, 4096);
      if (e !== Errno.SUCCESS) return [e, text];
      if (chunk === '') break;
      text += chunk;
    }
    this.call('fd_close', fd);
    return [Errno.SUCCESS, text];
  }

  /** Creates (or truncates) a file with `text`. */
  writeFile(path: string, text: string, dirfd = 3): number {
    const [errno, fd] = this.open(path, { oflags: Oflags.CREAT | Oflags.TRUNC }, dirfd);
    if (errno !== Errno.SUCCESS) return errno;
    const [e] = this.write(fd, text);
    this.call('fd_close', fd);
    return e;
  }

  read(fd: number, size: number): [number, string] {
    this.reset();
    const buf = this.alloc(size);
    const iov = this.alloc(8);
    this.dv.setUint32(iov, buf, true);
    this.dv.setUint32(iov + 4, size, true);
    const out = this.alloc(4);
    const errno = this.call('fd_read', fd, iov, 1, out);
    return [errno, errno === Errno.SUCCESS ? this.text(buf, this.u32(out)) : ''];
  }

  /** Writes `parts` as separate iovecs: [errno, bytes written]. */
  write(fd: number, ...parts: string[]): [number, number] {
    this.reset();
    const iovs = this.alloc(8 * parts.length);
    parts.forEach((s, i) => {
      const [p, n] = this.bytes(s);
      this.dv.setUint32(iovs + i * 8, p, true);
      this.dv.setUint32(iovs + i * 8 + 4, n, true);
    });
    const out = this.alloc(4);
    const errno = this.call('fd_write', fd, iovs, parts.length, out);
    return [errno, errno === Errno.SUCCESS ? this.u32(out) : 0];
  }

  /** A path function taking (fd, path, len). */
  path(name: string, path: string, dirfd = 3): number {
    this.reset();
    const [p, n] = this.bytes(path);
    return this.call(name, dirfd, p, n);
  }

  mkdir(path: string, dirfd = 3): number {
    return this.path('path_create_directory', path, dirfd);
  }

  unlink(path: string, dirfd = 3): number {
    return this.path('path_unlink_file', path, dirfd);
  }

  rmdir(path: string, dirfd = 3): number {
    return this.path('path_remove_directory', path, dirfd);
  }

  rename(from: string, to: string, fromFd = 3, toFd = 3): number {
    this.reset();
    const [a, an] = this.bytes(from);
    const [b, bn] = this.bytes(to);
    return this.call('path_rename', fromFd, a, an, toFd, b, bn);
  }

  link(from: string, to: string, follow = false, fromFd = 3, toFd = 3): number {
    this.reset();
    const [a, an] = this.bytes(from);
    const [b, bn] = this.bytes(to);
    return this.call(
      'path_link',
      fromFd,
      follow ? Lookupflags.SYMLINK_FOLLOW : 0,
      a,
      an,
      toFd,
      b,
      bn,
    );
  }

  symlink(target: string, path: string, dirfd = 3): number {
    this.reset();
    const [a, an] = this.bytes(target);
    const [b, bn] = this.bytes(path);
    return this.call('path_symlink', a, an, dirfd, b, bn);
  }

  readlink(path: string, dirfd = 3, size = 256): [number, string] {
    this.reset();
    const [p, n] = this.bytes(path);
    const buf = this.alloc(size);
    const out = this.alloc(4);
    const errno = this.call('path_readlink', dirfd, p, n, buf, size, out);
    return [errno, errno === Errno.SUCCESS ? this.text(buf, this.u32(out)) : ''];
  }

  /** path_filestat_get: [errno, filetype, size, nlink]. */
  stat(path: string, follow = true, dirfd = 3): [number, number, bigint, bigint] {
    this.reset();
    const [p, n] = this.bytes(path);
    const out = this.alloc(64);
    const errno = this.call(
      'path_filestat_get',
      dirfd,
      follow ? Lookupflags.SYMLINK_FOLLOW : 0,
      p,
      n,
      out,
    );
    return [errno, this.memory[out + 16]!, this.u64(out + 32), this.u64(out + 24)];
  }

  /** fd_readdir until the end, with a buffer of `size` bytes: the names in order. */
  readdir(fd: number, size = 4096): [number, string[]] {
    const names: string[] = [];
    let cookie = 0n;
    for (let rounds = 0; rounds < 10000; rounds++) {
      this.reset();
      const buf = this.alloc(size);
      const out = this.alloc(4);
      const errno = this.call('fd_readdir', fd, buf, size, cookie, out);
      if (errno !== Errno.SUCCESS) return [errno, names];
      const used = this.u32(out);
      let at = 0;
      let progressed = false;
      while (at + 24 <= used) {
        const next = this.u64(buf + at);
        const len = this.u32(buf + at + 16);
        if (at + 24 + len > used) break; // partial entry: ask again from its cookie
        names.push(this.text(buf + at + 24, len));
        cookie = next;
        at += 24 + len;
        progressed = true;
      }
      if (used < size) return [Errno.SUCCESS, names];
      if (!progressed) size *= 2;
    }
    throw new Error('fd_readdir does not end');
  }
}
