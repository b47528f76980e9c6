/**
 * The functions of wasi_snapshot_preview1. Each takes the raw wasm
 * arguments (i32 as numbers, i64 as bigints) and returns an errno; guest
 * memory is reached through `u8`/`dv`, set by the caller before each call.
 * Anything a backend throws becomes an errno; only `WasiExit` (from
 * `proc_exit`) leaves a function as an exception.
 */
import {
  ADVICE_MAX,
  Errno,
  Eventtype,
  Fdflags,
  Filetype,
  Fstflags,
  Lookupflags,
  Oflags,
  PREOPENTYPE_DIR,
  Rights,
  RIGHTS_DIRECTORY_BASE,
  RIGHTS_FILE_BASE,
  SUBSCRIPTION_CLOCK_ABSTIME,
  Whence,
} from './constants.js';
import { Descriptor, type WasiCtx } from './ctx.js';
import { errnoOf, fail, WasiExit } from './errors.js';
import type { FileStat, TimeSpec } from './fs.js';
import { deepestClimb, resolve, targetStaysInside, type Resolved } from './resolve.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * `bytes`, copied if they are a shared memory's (threads): browsers'
 * `TextDecoder` refuses views of a `SharedArrayBuffer`.
 */
function unshared(bytes: Uint8Array): Uint8Array {
  return typeof SharedArrayBuffer === 'function' && bytes.buffer instanceof SharedArrayBuffer
    ? bytes.slice()
    : bytes;
}
const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);
const FDFLAGS_ALL = 0x1f;

/** An offset or size as a number, EFBIG past 2^53. */
function offsetOf(v: bigint, errno: number = Errno.FBIG): number {
  if (v < 0n || v > MAX_OFFSET) fail(errno);
  return Number(v);
}

function timeSpec(flags: number, set: number, now: number, value: bigint): TimeSpec {
  if (flags & now) return 'now';
  if (flags & set) return value;
  return null;
}

/** The implementation of wasi_snapshot_preview1 over one context. */
export class Preview1 {
  /** The guest memory of the current call. */
  u8: Uint8Array = EMPTY;
  dv: DataView = EMPTY_VIEW;

  constructor(readonly ctx: WasiCtx) {}

  /** Points the functions at the memory of the current call. */
  setMemory(u8: Uint8Array, dv: DataView): void {
    this.u8 = u8;
    this.dv = dv;
  }

  /** The errno for an exception of a function; `WasiExit` and stack overflows propagate. */
  static errno(e: unknown): number {
    if (e instanceof WasiExit) throw e;
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
    return errnoOf(e);
  }

  // Guest memory.

  private range(ptr: number, len: number): number {
    ptr >>>= 0;
    if (ptr + (len >>> 0) > this.u8.length) fail(Errno.FAULT);
    return ptr;
  }

  private u32(ptr: number): number {
    return this.dv.getUint32(this.range(ptr, 4), true);
  }

  private setU32(ptr: number, v: number): void {
    this.dv.setUint32(this.range(ptr, 4), v, true);
  }

  private setU64(ptr: number, v: bigint): void {
    this.dv.setBigUint64(this.range(ptr, 8), BigInt.asUintN(64, v), true);
  }

  private string(ptr: number, len: number): string {
    const p = this.range(ptr, len);
    try {
      return decoder.decode(unshared(this.u8.subarray(p, p + (len >>> 0))));
    } catch {
      return fail(Errno.ILSEQ);
    }
  }

  // Descriptors.

  private fd(fd: number): Descriptor {
    const d = this.ctx.fds[fd >>> 0];
    if (d === undefined) fail(Errno.BADF);
    return d;
  }

  /** Checks `d` has `rights`: EBADF for reading/writing (as POSIX), else ENOTCAPABLE. */
  private static need(d: Descriptor, rights: bigint): void {
    if ((d.rightsBase & rights) === rights) return;
    const missing = rights & ~d.rightsBase;
    fail(missing === Rights.FD_READ || missing === Rights.FD_WRITE ? Errno.BADF : Errno.NOTCAPABLE);
  }

  private file(fd: number, rights: bigint): Descriptor {
    const d = this.fd(fd);
    Preview1.need(d, rights);
    return d;
  }

  private dir(fd: number, rights: bigint): Descriptor {
    const d = this.fd(fd);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    Preview1.need(d, rights);
    return d;
  }

  private static resolved<T>(r: Resolved, body: (r: Resolved) => T): T {
    try {
      return body(r);
    } finally {
      r.release();
    }
  }

  private writeFilestat(ptr: number, s: FileStat): void {
    const p = this.range(ptr, 64);
    const dv = this.dv;
    dv.setBigUint64(p, s.dev, true);
    dv.setBigUint64(p + 8, s.ino, true);
    dv.setUint8(p + 16, s.filetype);
    for (let i = 17; i < 24; i++) dv.setUint8(p + i, 0);
    dv.setBigUint64(p + 24, s.nlink, true);
    dv.setBigUint64(p + 32, s.size, true);
    dv.setBigUint64(p + 40, BigInt.asUintN(64, s.atim), true);
    dv.setBigUint64(p + 48, BigInt.asUintN(64, s.mtim), true);
    dv.setBigUint64(p + 56, BigInt.asUintN(64, s.ctim), true);
  }

  // Arguments and environment.

  private writeStrings(list: Uint8Array[], ptrs: number, buf: number): number {
    this.range(ptrs, list.length * 4);
    let at = buf >>> 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      this.range(at, s.length);
      this.u8.set(s, at);
      this.setU32(ptrs + i * 4, at);
      at += s.length;
    }
    return Errno.SUCCESS;
  }

  private writeSizes(list: Uint8Array[], countPtr: number, sizePtr: number): number {
    let size = 0;
    for (const s of list) size += s.length;
    this.setU32(countPtr, list.length);
    this.setU32(sizePtr, size);
    return Errno.SUCCESS;
  }

  args_get(argv: number, argvBuf: number): number {
    return this.writeStrings(this.ctx.argBytes, argv, argvBuf);
  }

  args_sizes_get(argc: number, size: number): number {
    return this.writeSizes(this.ctx.argBytes, argc, size);
  }

  environ_get(environ: number, buf: number): number {
    return this.writeStrings(this.ctx.envBytes, environ, buf);
  }

  environ_sizes_get(count: number, size: number): number {
    return this.writeSizes(this.ctx.envBytes, count, size);
  }

  // Clocks and randomness.

  clock_res_get(id: number, out: number): number {
    this.setU64(out, this.ctx.clocks.resolution(id >>> 0));
    return Errno.SUCCESS;
  }

  clock_time_get(id: number, _precision: bigint, out: number): number {
    this.setU64(out, this.ctx.clocks.now(id >>> 0));
    return Errno.SUCCESS;
  }

  random_get(buf: number, len: number): number {
    const p = this.range(buf, len);
    this.ctx.random(this.u8.subarray(p, p + (len >>> 0)));
    return Errno.SUCCESS;
  }

  // Descriptors: status and flags.

  fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number): number {
    const d = this.file(fd, Rights.FD_ADVISE);
    if (advice >>> 0 > ADVICE_MAX) fail(Errno.INVAL);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    return Errno.SUCCESS;
  }

  fd_allocate(fd: number, offset: bigint, len: bigint): number {
    const d = this.file(fd, Rights.FD_ALLOCATE);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    const end = offsetOf(offset, Errno.INVAL) + offsetOf(len, Errno.INVAL);
    if (len === 0n) fail(Errno.INVAL);
    if (end > Number.MAX_SAFE_INTEGER) fail(Errno.FBIG);
    const size = Number(d.fs!.stat(d.handle).size);
    if (end > size) d.fs!.truncate(d.handle, end);
    return Errno.SUCCESS;
  }

  fd_close(fd: number): number {
    const d = this.fd(fd);
    this.ctx.fds[fd >>> 0] = undefined;
    if (d.fs !== null) d.fs.close(d.handle);
    return Errno.SUCCESS;
  }

  fd_datasync(fd: number): number {
    const d = this.file(fd, Rights.FD_DATASYNC);
    if (d.kind === 'stream') fail(Errno.INVAL);
    d.fs!.datasync(d.handle);
    return Errno.SUCCESS;
  }

  fd_sync(fd: number): number {
    const d = this.file(fd, Rights.FD_SYNC);
    if (d.kind === 'stream') fail(Errno.INVAL);
    d.fs!.sync(d.handle);
    return Errno.SUCCESS;
  }

  fd_fdstat_get(fd: number, out: number): number {
    const d = this.fd(fd);
    const p = this.range(out, 24);
    const dv = this.dv;
    dv.setUint8(p, d.filetype);
    dv.setUint8(p + 1, 0);
    dv.setUint16(p + 2, d.fdflags, true);
    dv.setUint32(p + 4, 0, true);
    dv.setBigUint64(p + 8, d.rightsBase, true);
    dv.setBigUint64(p + 16, d.rightsInheriting, true);
    return Errno.SUCCESS;
  }

  fd_fdstat_set_flags(fd: number, flags: number): number {
    const d = this.file(fd, Rights.FD_FDSTAT_SET_FLAGS);
    if ((flags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
    d.fdflags = flags & FDFLAGS_ALL;
    return Errno.SUCCESS;
  }

  fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): number {
    const d = this.fd(fd);
    base = BigInt.asUintN(64, base);
    inheriting = BigInt.asUintN(64, inheriting);
    if ((base & ~d.rightsBase) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) {
      fail(Errno.NOTCAPABLE);
    }
    d.rightsBase = base;
    d.rightsInheriting = inheriting;
    return Errno.SUCCESS;
  }

  fd_filestat_get(fd: number, out: number): number {
    const d = this.file(fd, Rights.FD_FILESTAT_GET);
    if (d.kind === 'stream') {
      this.writeFilestat(out, {
        dev: 0n,
        ino: 0n,
        filetype: d.filetype,
        nlink: 1n,
        size: 0n,
        atim: 0n,
        mtim: 0n,
        ctim: 0n,
      });
    } else {
      this.writeFilestat(out, d.fs!.stat(d.handle));
    }
    return Errno.SUCCESS;
  }

  fd_filestat_set_size(fd: number, size: bigint): number {
    const d = this.file(fd, Rights.FD_FILESTAT_SET_SIZE);
    if (d.kind !== 'file') fail(d.kind === 'dir' ? Errno.ISDIR : Errno.INVAL);
    d.fs!.truncate(d.handle, offsetOf(size));
    return Errno.SUCCESS;
  }

  private static times(atim: bigint, mtim: bigint, flags: number): [TimeSpec, TimeSpec] {
    if ((flags & ~0xf) !== 0) fail(Errno.INVAL);
    if (flags & Fstflags.ATIM && flags & Fstflags.ATIM_NOW) fail(Errno.INVAL);
    if (flags & Fstflags.MTIM && flags & Fstflags.MTIM_NOW) fail(Errno.INVAL);
    return [
      timeSpec(flags, Fstflags.ATIM, Fstflags.ATIM_NOW, BigInt.asUintN(64, atim)),
      timeSpec(flags, Fstflags.MTIM, Fstflags.MTIM_NOW, BigInt.asUintN(64, mtim)),
    ];
  }

  fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number {
    const d = this.file(fd, Rights.FD_FILESTAT_SET_TIMES);
    const [a, m] = Preview1.times(atim, mtim, flags);
    if (d.kind === 'stream') fail(Errno.BADF);
    d.fs!.setTimes(d.handle, a, m);
    return Errno.SUCCESS;
  }

  // Reading and writing.

  /** Reads into the iovecs from `d` at `position` (a file) or from its stream. */
  private readv(d: Descriptor, iovs: number, count: number, position: number): number {
    return this.eachIovec(iovs, count, (p, len, done) => {
      if (d.kind !== 'stream') return d.fs!.read(d.handle, this.u8, p, len, position + done);
      const stream = d.stream!;
      if (stream.read === undefined) fail(Errno.BADF);
      return stream.read(this.u8, p, len);
    });
  }

  /** Writes the iovecs to `d` at `position` (a file) or to its stream. */
  private writev(d: Descriptor, iovs: number, count: number, position: number): number {
    return this.eachIovec(iovs, count, (p, len, done) => {
      if (d.kind !== 'stream') return d.fs!.write(d.handle, this.u8, p, len, position + done);
      const stream = d.stream!;
      if (stream.write === undefined) fail(Errno.BADF);
      return stream.write(this.u8, p, len);
    });
  }

  /**
   * Moves the `count` iovecs at `iovs` in order with `move(ptr, len, done)`
   * (`done`: bytes moved so far), stopping after a short move; returns the
   * total moved. Every iovec is read and checked before anything moves (an
   * iovec out of bounds is EFAULT with nothing written or read, as the
   * kernel copies and checks the whole array before readv/writev act), and
   * the checked copy is used, so a read landing on the iovec array itself
   * cannot change what follows.
   */
  private eachIovec(
    iovs: number,
    count: number,
    move: (p: number, len: number, done: number) => number,
  ): number {
    const n = count >>> 0;
    const base = this.range(iovs, n * 8);
    const checked: number[] = [];
    for (let i = 0; i < n; i++) {
      const buf = this.dv.getUint32(base + i * 8, true);
      const len = this.dv.getUint32(base + i * 8 + 4, true);
      checked.push(this.range(buf, len), len);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = checked[2 * i]!;
      const len = checked[2 * i + 1]!;
      if (len === 0) continue;
      const moved = move(p, len, total);
      total += moved;
      if (moved < len) break;
    }
    return total;
  }

  fd_read(fd: number, iovs: number, count: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'dir') fail(Errno.ISDIR); // as read(2) on a directory
    Preview1.need(d, Rights.FD_READ);
    this.range(out, 4);
    const n = this.readv(d, iovs, count, d.position);
    if (d.kind === 'file') d.position += n;
    this.setU32(out, n);
    return Errno.SUCCESS;
  }

  fd_pread(fd: number, iovs: number, count: number, offset: bigint, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    Preview1.need(d, Rights.FD_READ | Rights.FD_SEEK);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    this.setU32(out, this.readv(d, iovs, count, offsetOf(offset, Errno.INVAL)));
    return Errno.SUCCESS;
  }

  fd_write(fd: number, iovs: number, count: number, out: number): number {
    const d = this.file(fd, Rights.FD_WRITE);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    if (d.kind === 'file' && d.fdflags & Fdflags.APPEND) {
      d.position = Number(d.fs!.stat(d.handle).size);
    }
    const n = this.writev(d, iovs, count, d.position);
    if (d.kind === 'file') {
      d.position += n;
      if (d.fdflags & (Fdflags.SYNC | Fdflags.DSYNC | Fdflags.RSYNC)) d.fs!.datasync(d.handle);
    }
    this.setU32(out, n);
    return Errno.SUCCESS;
  }

  fd_pwrite(fd: number, iovs: number, count: number, offset: bigint, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    Preview1.need(d, Rights.FD_WRITE | Rights.FD_SEEK);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    this.setU32(out, this.writev(d, iovs, count, offsetOf(offset, Errno.INVAL)));
    return Errno.SUCCESS;
  }

  fd_seek(fd: number, offset: bigint, whence: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    const rights = offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK;
    Preview1.need(d, rights);
    if (d.kind === 'dir') fail(Errno.BADF);
    let origin: bigint;
    switch (whence) {
      case Whence.SET:
        origin = 0n;
        break;
      case Whence.CUR:
        origin = BigInt(d.position);
        break;
      case Whence.END:
        origin = d.fs!.stat(d.handle).size;
        break;
      default:
        return fail(Errno.INVAL);
    }
    const next = origin + offset;
    if (next < 0n) fail(Errno.INVAL);
    d.position = offsetOf(next, Errno.OVERFLOW);
    this.setU64(out, next);
    return Errno.SUCCESS;
  }

  fd_tell(fd: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    Preview1.need(d, Rights.FD_TELL);
    this.setU64(out, BigInt(d.position));
    return Errno.SUCCESS;
  }

  // Preopens.

  fd_prestat_get(fd: number, out: number): number {
    const d = this.fd(fd);
    if (d.preopen === null) fail(Errno.BADF);
    const p = this.range(out, 8);
    this.dv.setUint32(p, PREOPENTYPE_DIR, true);
    this.dv.setUint32(p + 4, encoder.encode(d.preopen).length, true);
    return Errno.SUCCESS;
  }

  fd_prestat_dir_name(fd: number, path: number, len: number): number {
    const d = this.fd(fd);
    if (d.preopen === null) fail(Errno.BADF);
    const name = encoder.encode(d.preopen);
    if (len >>> 0 < name.length) fail(Errno.NAMETOOLONG);
    this.u8.set(name, this.range(path, name.length));
    return Errno.SUCCESS;
  }

  // Directories.

  fd_readdir(fd: number, buf: number, len: number, cookie: bigint, out: number): number {
    const d = this.fd(fd);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    Preview1.need(d, Rights.FD_READDIR);
    const start = this.range(buf, len);
    const size = len >>> 0;
    this.range(out, 4);
    if (cookie === 0n || d.listing === null) {
      d.listing = d.fs!.readdir(d.handle);
      // At the top of a preopen, ".." would describe the host directory above it: show "." instead.
      const dot = d.listing.find((e) => e.name === '.');
      if (d.depth === 0 && dot !== undefined) {
        d.listing = d.listing.map((e) => (e.name === '..' ? { ...e, ino: dot.ino } : e));
      }
    }
    const listing = d.listing;
    let used = 0;
    const header = new Uint8Array(24);
    const hv = new DataView(header.buffer);
    for (
      let i = cookie < BigInt(listing.length) ? Number(cookie) : listing.length;
      i < listing.length;
      i++
    ) {
      if (used >= size) break;
      const e = listing[i]!;
      const name = encoder.encode(e.name);
      hv.setBigUint64(0, BigInt(i + 1), true);
      hv.setBigUint64(8, e.ino, true);
      hv.setUint32(16, name.length, true);
      hv.setUint8(20, e.filetype);
      // A partly fitting entry is written partly: wasi-libc grows its buffer and asks again.
      const h = Math.min(24, size - used);
      this.u8.set(header.subarray(0, h), start + used);
      used += h;
      const n = Math.min(name.length, size - used);
      this.u8.set(name.subarray(0, n), start + used);
      used += n;
    }
    this.setU32(out, used);
    return Errno.SUCCESS;
  }

  fd_renumber(fd: number, to: number): number {
    const from = this.fd(fd);
    const target = this.fd(to);
    if (fd >>> 0 === to >>> 0) return Errno.SUCCESS;
    if (target.fs !== null) target.fs.close(target.handle);
    this.ctx.fds[to >>> 0] = from;
    this.ctx.fds[fd >>> 0] = undefined;
    return Errno.SUCCESS;
  }

  // Paths.

  path_create_directory(fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_CREATE_DIRECTORY);
    return Preview1.resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.EXIST);
      r.fs.mkdirAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  }

  /** `statAt` of a resolved path, checking a trailing slash named a directory. */
  private static statResolved(r: Resolved): FileStat {
    const s = r.fs.statAt(r.dir, r.name);
    if (r.mustBeDir && s.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
    return s;
  }

  path_filestat_get(fd: number, flags: number, path: number, len: number, out: number): number {
    const d = this.dir(fd, Rights.PATH_FILESTAT_GET);
    const follow = (flags & Lookupflags.SYMLINK_FOLLOW) !== 0;
    return Preview1.resolved(resolve(d, this.string(path, len), follow), (r) => {
      this.writeFilestat(out, Preview1.statResolved(r));
      return Errno.SUCCESS;
    });
  }

  path_filestat_set_times(
    fd: number,
    flags: number,
    path: number,
    len: number,
    atim: bigint,
    mtim: bigint,
    fstFlags: number,
  ): number {
    const d = this.dir(fd, Rights.PATH_FILESTAT_SET_TIMES);
    const [a, m] = Preview1.times(atim, mtim, fstFlags);
    const follow = (flags & Lookupflags.SYMLINK_FOLLOW) !== 0;
    return Preview1.resolved(resolve(d, this.string(path, len), follow), (r) => {
      if (r.mustBeDir) Preview1.statResolved(r);
      r.fs.setTimesAt(r.dir, r.name, a, m);
      return Errno.SUCCESS;
    });
  }

  path_link(
    oldFd: number,
    oldFlags: number,
    oldPath: number,
    oldLen: number,
    newFd: number,
    newPath: number,
    newLen: number,
  ): number {
    const from = this.dir(oldFd, Rights.PATH_LINK_SOURCE);
    const to = this.dir(newFd, Rights.PATH_LINK_TARGET);
    const source = this.string(oldPath, oldLen);
    const target = this.string(newPath, newLen);
    if (from.fs !== to.fs) fail(Errno.XDEV);
    const follow = (oldFlags & Lookupflags.SYMLINK_FOLLOW) !== 0;
    return Preview1.resolved(resolve(from, source, follow), (ro) =>
      Preview1.resolved(resolve(to, target, false), (rn) => {
        if (ro.name === '.') fail(Errno.PERM);
        if (ro.mustBeDir) Preview1.statResolved(ro);
        if (rn.name === '.') fail(Errno.EXIST);
        if (rn.mustBeDir) fail(Errno.NOENT);
        Preview1.checkMove(ro, rn, from.root === to.root, false);
        ro.fs.linkAt(ro.dir, ro.name, rn.dir, rn.name);
        return Errno.SUCCESS;
      }),
    );
  }

  path_open(
    fd: number,
    dirflags: number,
    path: number,
    len: number,
    oflags: number,
    rightsBase: bigint,
    rightsInheriting: bigint,
    fdflags: number,
    out: number,
  ): number {
    const create = (oflags & Oflags.CREAT) !== 0;
    const truncate = (oflags & Oflags.TRUNC) !== 0;
    let required = Rights.PATH_OPEN;
    if (create) required |= Rights.PATH_CREATE_FILE;
    if (truncate) required |= Rights.PATH_FILESTAT_SET_SIZE;
    const d = this.dir(fd, required);
    const name = this.string(path, len);
    this.range(out, 4);
    if ((oflags & ~0xf) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
    const exclusive = (oflags & Oflags.EXCL) !== 0;
    const directory = (oflags & Oflags.DIRECTORY) !== 0;
    if (directory && create) fail(Errno.INVAL);
    const base = BigInt.asUintN(64, rightsBase);
    const inheriting = BigInt.asUintN(64, rightsInheriting);
    if ((base & ~d.rightsInheriting) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) {
      fail(Errno.NOTCAPABLE);
    }
    const write =
      (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) !== 0n;
    const read = (base & (Rights.FD_READ | Rights.FD_READDIR)) !== 0n || !write;
    const follow = (dirflags & Lookupflags.SYMLINK_FOLLOW) !== 0 && !(create && exclusive);
    return Preview1.resolved(resolve(d, name, follow), (r) => {
      if (r.name === '.' && create && exclusive) fail(Errno.EXIST);
      const handle = r.fs.openAt(r.dir, r.name, {
        read,
        write,
        create,
        exclusive,
        truncate,
        directory: directory || r.mustBeDir,
      });
      let opened: Descriptor;
      try {
        const filetype = r.fs.stat(handle).filetype;
        const isDir = filetype === Filetype.DIRECTORY;
        opened = new Descriptor(
          isDir ? 'dir' : 'file',
          filetype,
          base & (isDir ? RIGHTS_DIRECTORY_BASE : RIGHTS_FILE_BASE),
          inheriting,
          fdflags,
          r.fs,
          handle,
          null,
          null,
          isDir && r.name !== '.' ? r.depth + 1 : r.depth,
        );
      } catch (e) {
        r.fs.close(handle);
        throw e;
      }
      opened.root = d.root;
      this.setU32(out, this.ctx.allocate(opened));
      return Errno.SUCCESS;
    });
  }

  path_readlink(
    fd: number,
    path: number,
    len: number,
    buf: number,
    bufLen: number,
    out: number,
  ): number {
    const d = this.dir(fd, Rights.PATH_READLINK);
    const p = this.range(buf, bufLen);
    this.range(out, 4);
    return Preview1.resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.INVAL);
      const target = encoder.encode(r.fs.readlinkAt(r.dir, r.name));
      const n = Math.min(target.length, bufLen >>> 0);
      this.u8.set(target.subarray(0, n), p);
      this.setU32(out, n);
      return Errno.SUCCESS;
    });
  }

  path_remove_directory(fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_REMOVE_DIRECTORY);
    return Preview1.resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.INVAL);
      r.fs.rmdirAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  }

  path_rename(
    fd: number,
    oldPath: number,
    oldLen: number,
    newFd: number,
    newPath: number,
    newLen: number,
  ): number {
    const from = this.dir(fd, Rights.PATH_RENAME_SOURCE);
    const to = this.dir(newFd, Rights.PATH_RENAME_TARGET);
    const source = this.string(oldPath, oldLen);
    const target = this.string(newPath, newLen);
    if (from.fs !== to.fs) fail(Errno.XDEV);
    return Preview1.resolved(resolve(from, source, false), (ro) =>
      Preview1.resolved(resolve(to, target, false), (rn) => {
        if (ro.name === '.' || rn.name === '.') fail(Errno.BUSY);
        if (ro.mustBeDir || rn.mustBeDir) {
          // A trailing slash: the source must be a directory.
          if (ro.fs.statAt(ro.dir, ro.name).filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
        }
        Preview1.checkMove(ro, rn, from.root === to.root, true);
        ro.fs.renameAt(ro.dir, ro.name, rn.dir, rn.name);
        return Errno.SUCCESS;
      }),
    );
  }

  /**
   * Refuses (ENOTCAPABLE) to rename or link `ro` to `rn` when a symlink
   * would then climb out of the preopen: `ro` itself if it is a symlink, or
   * any symlink inside it if it is a directory (see `targetStaysInside`).
   * Within one preopen, only a move to a shallower directory can do that.
   */
  private static checkMove(
    ro: Resolved,
    rn: Resolved,
    samePreopen: boolean,
    directories: boolean,
  ): void {
    if (samePreopen && rn.depth >= ro.depth) return;
    let s: FileStat;
    try {
      s = ro.fs.statAt(ro.dir, ro.name);
    } catch {
      return; // missing: the operation itself reports it
    }
    if (s.filetype === Filetype.SYMBOLIC_LINK) {
      if (!targetStaysInside(ro.fs.readlinkAt(ro.dir, ro.name), rn.depth)) {
        fail(Errno.NOTCAPABLE, 'the symlink would lead out of the preopen from there');
      }
    } else if (directories && s.filetype === Filetype.DIRECTORY) {
      if (deepestClimb(ro.fs, ro.dir, ro.name) > rn.depth) {
        fail(Errno.NOTCAPABLE, 'a symlink inside would lead out of the preopen from there');
      }
    }
  }

  path_symlink(
    oldPath: number,
    oldLen: number,
    fd: number,
    newPath: number,
    newLen: number,
  ): number {
    const target = this.string(oldPath, oldLen);
    const d = this.dir(fd, Rights.PATH_SYMLINK);
    const path = this.string(newPath, newLen);
    if (target === '') fail(Errno.NOENT);
    return Preview1.resolved(resolve(d, path, false), (r) => {
      if (r.name === '.') fail(Errno.EXIST);
      // A link that would lead out of the preopen is not created at all.
      if (!targetStaysInside(target, r.depth)) fail(Errno.NOTCAPABLE);
      r.fs.symlinkAt(target, r.dir, r.name);
      return Errno.SUCCESS;
    });
  }

  path_unlink_file(fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_UNLINK_FILE);
    return Preview1.resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.ISDIR);
      if (r.mustBeDir) {
        const s = r.fs.statAt(r.dir, r.name);
        fail(s.filetype === Filetype.DIRECTORY ? Errno.ISDIR : Errno.NOTDIR);
      }
      r.fs.unlinkAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  }

  // Polling.

  poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number): number {
    const n = count >>> 0;
    if (n === 0) fail(Errno.INVAL);
    const sin = this.range(inPtr, n * 48);
    const sout = this.range(outPtr, n * 32);
    this.range(neventsPtr, 4);
    const dv = this.dv;
    const clocks = this.ctx.clocks;
    interface Ready {
      userdata: bigint;
      error: number;
      type: number;
      nbytes: bigint;
      flags: number;
    }
    const ready: Ready[] = [];
    const timers: { userdata: bigint; remaining: bigint }[] = [];
    for (let i = 0; i < n; i++) {
      const s = sin + i * 48;
      const userdata = dv.getBigUint64(s, true);
      const type = dv.getUint8(s + 8);
      if (type === Eventtype.CLOCK) {
        const id = dv.getUint32(s + 16, true);
        const timeout = dv.getBigUint64(s + 24, true);
        const flags = dv.getUint16(s + 40, true);
        try {
          const now = clocks.now(id); // also rejects unknown clocks
          const remaining = flags & SUBSCRIPTION_CLOCK_ABSTIME ? timeout - now : timeout;
          timers.push({ userdata, remaining });
        } catch (e) {
          ready.push({ userdata, error: Preview1.errno(e), type, nbytes: 0n, flags: 0 });
        }
      } else if (type === Eventtype.FD_READ || type === Eventtype.FD_WRITE) {
        const event: Ready = { userdata, error: 0, type, nbytes: 0n, flags: 0 };
        try {
          const d = this.fd(dv.getUint32(s + 16, true));
          Preview1.need(d, type === Eventtype.FD_READ ? Rights.FD_READ : Rights.FD_WRITE);
          if (type === Eventtype.FD_READ && d.kind === 'file') {
            const size = d.fs!.stat(d.handle).size;
            const left = size - BigInt(d.position);
            event.nbytes = left > 0n ? left : 0n;
          } else if (type === Eventtype.FD_READ && d.kind === 'dir') {
            fail(Errno.ISDIR);
          }
        } catch (e) {
          event.error = Preview1.errno(e);
        }
        // Files and the streams here never block: they are ready now.
        ready.push(event);
      } else {
        ready.push({ userdata, error: Errno.INVAL, type, nbytes: 0n, flags: 0 });
      }
    }
    if (ready.length === 0 && timers.length > 0) {
      let wait = timers[0]!.remaining;
      for (const t of timers) if (t.remaining < wait) wait = t.remaining;
      if (wait > 0n) clocks.sleep(wait);
      for (const t of timers) {
        if (t.remaining <= wait) {
          ready.push({
            userdata: t.userdata,
            error: 0,
            type: Eventtype.CLOCK,
            nbytes: 0n,
            flags: 0,
          });
        }
      }
    } else {
      for (const t of timers) {
        if (t.remaining <= 0n) {
          ready.push({
            userdata: t.userdata,
            error: 0,
            type: Eventtype.CLOCK,
            nbytes: 0n,
            flags: 0,
          });
        }
      }
    }
    for (let i = 0; i < ready.length; i++) {
      const e = ready[i]!;
      const p = sout + i * 32;
      for (let b = 0; b < 32; b++) dv.setUint8(p + b, 0);
      dv.setBigUint64(p, e.userdata, true);
      dv.setUint16(p + 8, e.error, true);
      dv.setUint8(p + 10, e.type);
      dv.setBigUint64(p + 16, e.nbytes, true);
      dv.setUint16(p + 24, e.flags, true);
    }
    dv.setUint32(neventsPtr >>> 0, ready.length, true);
    return Errno.SUCCESS;
  }

  // Processes.

  proc_exit(code: number): never {
    throw new WasiExit(code >>> 0);
  }

  proc_raise(_signal: number): number {
    return Errno.NOSYS;
  }

  sched_yield(): number {
    return Errno.SUCCESS;
  }

  // Sockets: no descriptor is ever a socket here.

  private notSocket(fd: number): number {
    this.fd(fd);
    return Errno.NOTSOCK;
  }

  sock_accept(fd: number, _flags: number, _out: number): number {
    return this.notSocket(fd);
  }

  sock_recv(
    fd: number,
    _data: number,
    _len: number,
    _flags: number,
    _outLen: number,
    _outFlags: number,
  ): number {
    return this.notSocket(fd);
  }

  sock_send(fd: number, _data: number, _len: number, _flags: number, _out: number): number {
    return this.notSocket(fd);
  }

  sock_shutdown(fd: number, _how: number): number {
    return this.notSocket(fd);
  }
}

/** Parameter and result types of each function ('i' = i32, 'I' = i64); the result is an errno unless noted. */
export const SIGNATURES: Readonly<Record<string, string>> = {
  args_get: 'ii',
  args_sizes_get: 'ii',
  environ_get: 'ii',
  environ_sizes_get: 'ii',
  clock_res_get: 'ii',
  clock_time_get: 'iIi',
  fd_advise: 'iIIi',
  fd_allocate: 'iII',
  fd_close: 'i',
  fd_datasync: 'i',
  fd_fdstat_get: 'ii',
  fd_fdstat_set_flags: 'ii',
  fd_fdstat_set_rights: 'iII',
  fd_filestat_get: 'ii',
  fd_filestat_set_size: 'iI',
  fd_filestat_set_times: 'iIIi',
  fd_pread: 'iiiIi',
  fd_prestat_get: 'ii',
  fd_prestat_dir_name: 'iii',
  fd_pwrite: 'iiiIi',
  fd_read: 'iiii',
  fd_readdir: 'iiiIi',
  fd_renumber: 'ii',
  fd_seek: 'iIii',
  fd_sync: 'i',
  fd_tell: 'ii',
  fd_write: 'iiii',
  path_create_directory: 'iii',
  path_filestat_get: 'iiiii',
  path_filestat_set_times: 'iiiiIIi',
  path_link: 'iiiiiii',
  path_open: 'iiiiiIIii',
  path_readlink: 'iiiiii',
  path_remove_directory: 'iii',
  path_rename: 'iiiiii',
  path_symlink: 'iiiii',
  path_unlink_file: 'iii',
  poll_oneoff: 'iiii',
  proc_exit: 'i',
  proc_raise: 'i',
  sched_yield: '',
  random_get: 'ii',
  sock_accept: 'iii',
  sock_recv: 'iiiiii',
  sock_send: 'iiiii',
  sock_shutdown: 'ii',
};

/** Functions that return nothing (the rest return an errno). */
export const NO_RESULT: ReadonlySet<string> = new Set(['proc_exit']);

/** Functions that do not touch guest memory. */
export const NO_MEMORY: ReadonlySet<string> = new Set([
  'proc_exit',
  'proc_raise',
  'sched_yield',
  'fd_close',
  'fd_datasync',
  'fd_sync',
  'fd_renumber',
  'fd_advise',
  'fd_allocate',
  'fd_fdstat_set_flags',
  'fd_fdstat_set_rights',
  'fd_filestat_set_size',
  'fd_filestat_set_times',
  'sock_shutdown',
]);
