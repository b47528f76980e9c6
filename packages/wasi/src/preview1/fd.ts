/**
 * Operations on descriptors: status and flags, reading and writing,
 * seeking, preopens, directory listings, renumbering.
 */
import { ADVICE_MAX, Errno, Fdflags, PREOPENTYPE_DIR, Rights, Whence } from '../constants.js';
import type { Descriptor } from '../ctx.js';
import { fail } from '../errors.js';
import type { FileStat } from '../fs.js';
import { FDFLAGS_ALL, need, times, type WasiBase } from './base.js';

const encoder = new TextEncoder();
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);

/** An offset or size as a number, EFBIG past 2^53. */
function offsetOf(v: bigint, errno: number = Errno.FBIG): number {
  if (v < 0n || v > MAX_OFFSET) fail(errno);
  return Number(v);
}

/** The attributes of the open descriptor `fd` (a stream's are made up), for `fd_filestat_get`. */
export function fdFilestat(s: WasiBase, fd: number): FileStat {
  const d = s.file(fd, Rights.FD_FILESTAT_GET);
  if (d.kind === 'stream') {
    return {
      dev: 0n,
      ino: 0n,
      filetype: d.filetype,
      nlink: 1n,
      size: 0n,
      atim: 0n,
      mtim: 0n,
      ctim: 0n,
    };
  }
  return d.fs!.stat(d.handle);
}

/** Reads into the iovecs from `d` at `position` (a file) or from its stream. */
function readv(s: WasiBase, d: Descriptor, iovs: number, count: number, position: number): number {
  return s.eachIovec(iovs, count, (p, len, done) => {
    if (d.kind !== 'stream') return d.fs!.read(d.handle, s.u8, p, len, position + done);
    const stream = d.stream!;
    if (stream.read === undefined) fail(Errno.BADF);
    return stream.read(s.u8, p, len);
  });
}

/** Writes the iovecs to `d` at `position` (a file) or to its stream. */
function writev(s: WasiBase, d: Descriptor, iovs: number, count: number, position: number): number {
  return s.eachIovec(iovs, count, (p, len, done) => {
    if (d.kind !== 'stream') return d.fs!.write(d.handle, s.u8, p, len, position + done);
    const stream = d.stream!;
    if (stream.write === undefined) fail(Errno.BADF);
    return stream.write(s.u8, p, len);
  });
}

export const fdFunctions = {
  // Status and flags.

  /** `fd_advise`: accepts valid advice and ignores it. */
  fd_advise(this: WasiBase, fd: number, _offset: bigint, _len: bigint, advice: number): number {
    const d = this.file(fd, Rights.FD_ADVISE);
    if (advice >>> 0 > ADVICE_MAX) fail(Errno.INVAL);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    return Errno.SUCCESS;
  },

  /** `fd_allocate`: extends a file to at least `offset + len` bytes. */
  fd_allocate(this: WasiBase, fd: number, offset: bigint, len: bigint): number {
    const d = this.file(fd, Rights.FD_ALLOCATE);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    const end = offsetOf(offset, Errno.INVAL) + offsetOf(len, Errno.INVAL);
    if (len === 0n) fail(Errno.INVAL);
    if (end > Number.MAX_SAFE_INTEGER) fail(Errno.FBIG);
    const size = Number(d.fs!.stat(d.handle).size);
    if (end > size) d.fs!.truncate(d.handle, end);
    return Errno.SUCCESS;
  },

  /** `fd_close`: closes a descriptor (preopens included). */
  fd_close(this: WasiBase, fd: number): number {
    const d = this.fd(fd);
    this.ctx.fds[fd >>> 0] = undefined;
    if (d.fs !== null) d.fs.close(d.handle);
    return Errno.SUCCESS;
  },

  /** `fd_datasync`: flushes a file's data to storage. */
  fd_datasync(this: WasiBase, fd: number): number {
    const d = this.file(fd, Rights.FD_DATASYNC);
    if (d.kind === 'stream') fail(Errno.INVAL);
    d.fs!.datasync(d.handle);
    return Errno.SUCCESS;
  },

  /** `fd_sync`: flushes a file's data and metadata to storage. */
  fd_sync(this: WasiBase, fd: number): number {
    const d = this.file(fd, Rights.FD_SYNC);
    if (d.kind === 'stream') fail(Errno.INVAL);
    d.fs!.sync(d.handle);
    return Errno.SUCCESS;
  },

  /** `fd_fdstat_get`: writes a descriptor's type, flags and rights. */
  fd_fdstat_get(this: WasiBase, fd: number, out: number): number {
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
  },

  /** `fd_fdstat_set_flags`: sets a descriptor's flags (`APPEND`, `NONBLOCK`, ...). */
  fd_fdstat_set_flags(this: WasiBase, fd: number, flags: number): number {
    const d = this.file(fd, Rights.FD_FDSTAT_SET_FLAGS);
    if ((flags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
    d.fdflags = flags & FDFLAGS_ALL;
    return Errno.SUCCESS;
  },

  /** `fd_fdstat_set_rights`: shrinks a descriptor's rights (ENOTCAPABLE to grow them). */
  fd_fdstat_set_rights(this: WasiBase, fd: number, base: bigint, inheriting: bigint): number {
    const d = this.fd(fd);
    base = BigInt.asUintN(64, base);
    inheriting = BigInt.asUintN(64, inheriting);
    if ((base & ~d.rightsBase) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) {
      fail(Errno.NOTCAPABLE);
    }
    d.rightsBase = base;
    d.rightsInheriting = inheriting;
    return Errno.SUCCESS;
  },

  /** `fd_filestat_get`: writes the status of an open file. */
  fd_filestat_get(this: WasiBase, fd: number, out: number): number {
    this.writeFilestat(out, fdFilestat(this, fd));
    return Errno.SUCCESS;
  },

  /** `fd_filestat_set_size`: truncates or extends an open file. */
  fd_filestat_set_size(this: WasiBase, fd: number, size: bigint): number {
    const d = this.file(fd, Rights.FD_FILESTAT_SET_SIZE);
    if (d.kind !== 'file') fail(d.kind === 'dir' ? Errno.ISDIR : Errno.INVAL);
    d.fs!.truncate(d.handle, offsetOf(size));
    return Errno.SUCCESS;
  },

  /** `fd_filestat_set_times`: sets the times of an open file. */
  fd_filestat_set_times(
    this: WasiBase,
    fd: number,
    atim: bigint,
    mtim: bigint,
    flags: number,
  ): number {
    const d = this.file(fd, Rights.FD_FILESTAT_SET_TIMES);
    const [a, m] = times(atim, mtim, flags);
    if (d.kind === 'stream') fail(Errno.BADF);
    d.fs!.setTimes(d.handle, a, m);
    return Errno.SUCCESS;
  },

  // Reading and writing.

  /** `fd_read`: reads into the iovecs at the current position (or from a stream). */
  fd_read(this: WasiBase, fd: number, iovs: number, count: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'dir') fail(Errno.ISDIR); // as read(2) on a directory
    need(d, Rights.FD_READ);
    this.range(out, 4);
    const n = readv(this, d, iovs, count, d.position);
    if (d.kind === 'file') d.position += n;
    this.setU32(out, n);
    return Errno.SUCCESS;
  },

  /** `fd_pread`: reads into the iovecs at a given offset, without moving the position. */
  fd_pread(
    this: WasiBase,
    fd: number,
    iovs: number,
    count: number,
    offset: bigint,
    out: number,
  ): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    need(d, Rights.FD_READ | Rights.FD_SEEK);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    this.setU32(out, readv(this, d, iovs, count, offsetOf(offset, Errno.INVAL)));
    return Errno.SUCCESS;
  },

  /** `fd_write`: writes the iovecs at the current position (or the end with `APPEND`, or to a stream). */
  fd_write(this: WasiBase, fd: number, iovs: number, count: number, out: number): number {
    const d = this.file(fd, Rights.FD_WRITE);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    if (d.kind === 'file' && d.fdflags & Fdflags.APPEND) {
      d.position = Number(d.fs!.stat(d.handle).size);
    }
    const n = writev(this, d, iovs, count, d.position);
    if (d.kind === 'file') {
      d.position += n;
      if (d.fdflags & (Fdflags.SYNC | Fdflags.DSYNC | Fdflags.RSYNC)) d.fs!.datasync(d.handle);
    }
    this.setU32(out, n);
    return Errno.SUCCESS;
  },

  /** `fd_pwrite`: writes the iovecs at a given offset, without moving the position. */
  fd_pwrite(
    this: WasiBase,
    fd: number,
    iovs: number,
    count: number,
    offset: bigint,
    out: number,
  ): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    need(d, Rights.FD_WRITE | Rights.FD_SEEK);
    if (d.kind === 'dir') fail(Errno.ISDIR);
    this.range(out, 4);
    this.setU32(out, writev(this, d, iovs, count, offsetOf(offset, Errno.INVAL)));
    return Errno.SUCCESS;
  },

  /** `fd_seek`: moves the position and writes the new one (ESPIPE for streams). */
  fd_seek(this: WasiBase, fd: number, offset: bigint, whence: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    const rights = offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK;
    need(d, rights);
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
  },

  /** `fd_tell`: writes the current position. */
  fd_tell(this: WasiBase, fd: number, out: number): number {
    const d = this.fd(fd);
    if (d.kind === 'stream') fail(Errno.SPIPE);
    need(d, Rights.FD_TELL);
    this.setU64(out, BigInt(d.position));
    return Errno.SUCCESS;
  },

  // Preopens.

  /** `fd_prestat_get`: describes a preopened directory (EBADF for other descriptors). */
  fd_prestat_get(this: WasiBase, fd: number, out: number): number {
    const d = this.fd(fd);
    if (d.preopen === null) fail(Errno.BADF);
    const p = this.range(out, 8);
    this.dv.setUint32(p, PREOPENTYPE_DIR, true);
    this.dv.setUint32(p + 4, encoder.encode(d.preopen).length, true);
    return Errno.SUCCESS;
  },

  /** `fd_prestat_dir_name`: writes a preopened directory's guest path. */
  fd_prestat_dir_name(this: WasiBase, fd: number, path: number, len: number): number {
    const d = this.fd(fd);
    if (d.preopen === null) fail(Errno.BADF);
    const name = encoder.encode(d.preopen);
    if (len >>> 0 < name.length) fail(Errno.NAMETOOLONG);
    this.u8.set(name, this.range(path, name.length));
    return Errno.SUCCESS;
  },

  // Directories.

  /** `fd_readdir`: writes directory entries from `cookie` on, as many as fit in the buffer. */
  fd_readdir(
    this: WasiBase,
    fd: number,
    buf: number,
    len: number,
    cookie: bigint,
    out: number,
  ): number {
    const d = this.fd(fd);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    need(d, Rights.FD_READDIR);
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
  },

  /** `fd_renumber`: moves descriptor `fd` to number `to`, closing what `to` was. */
  fd_renumber(this: WasiBase, fd: number, to: number): number {
    const from = this.fd(fd);
    const target = this.fd(to);
    if (fd >>> 0 === to >>> 0) return Errno.SUCCESS;
    if (target.fs !== null) target.fs.close(target.handle);
    this.ctx.fds[to >>> 0] = from;
    this.ctx.fds[fd >>> 0] = undefined;
    return Errno.SUCCESS;
  },
};

export type FdFunctions = typeof fdFunctions;
