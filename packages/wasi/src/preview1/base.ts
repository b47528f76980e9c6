/**
 * What every WASI function family shares: the context, descriptor lookup
 * with rights checks, the errno of an exception, path resolutions held
 * open for the length of a call, timestamps to set, and the `filestat`
 * structure.
 */
import { Errno, Fstflags, Rights } from '../constants.js';
import type { Descriptor, WasiCtx } from '../ctx.js';
import { errnoOf, fail, WasiExit } from '../errors.js';
import type { FileStat, TimeSpec } from '../fs.js';
import type { Resolved } from '../resolve.js';
import { GuestMemory } from './memory.js';

/** Every `fdflags` bit. */
export const FDFLAGS_ALL = 0x1f;

/** Size of a `filestat` (wasi_snapshot_preview1 layout). */
export const FILESTAT_SIZE = 64;

/** Guest memory and descriptors of one context: what the functions run against. */
export class WasiBase extends GuestMemory {
  constructor(
    /** The context the functions run against. */
    readonly ctx: WasiCtx,
  ) {
    super();
  }

  /** The errno for an exception of a function; `WasiExit` and stack overflows propagate. */
  static errno(e: unknown): number {
    if (e instanceof WasiExit) throw e;
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
    return errnoOf(e);
  }

  /** The open descriptor `fd` (EBADF if there is none). */
  fd(fd: number): Descriptor {
    const d = this.ctx.fds[fd >>> 0];
    if (d === undefined) fail(Errno.BADF);
    return d;
  }

  /** The descriptor `fd`, which must have `rights`. */
  file(fd: number, rights: bigint): Descriptor {
    const d = this.fd(fd);
    need(d, rights);
    return d;
  }

  /** The directory descriptor `fd` (ENOTDIR otherwise), which must have `rights`. */
  dir(fd: number, rights: bigint): Descriptor {
    const d = this.fd(fd);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    need(d, rights);
    return d;
  }

  /** Writes `s` at `ptr` as a wasi_snapshot_preview1 `filestat` (`nlink` a u64 at 24). */
  writeFilestat(ptr: number, s: FileStat): void {
    const p = this.range(ptr, FILESTAT_SIZE);
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
}

/** Checks `d` has `rights`: EBADF for reading/writing (as POSIX), else ENOTCAPABLE. */
export function need(d: Descriptor, rights: bigint): void {
  if ((d.rightsBase & rights) === rights) return;
  const missing = rights & ~d.rightsBase;
  fail(missing === Rights.FD_READ || missing === Rights.FD_WRITE ? Errno.BADF : Errno.NOTCAPABLE);
}

/** Runs `body` on a resolution, releasing the directories it holds however `body` ends. */
export function resolved<T>(r: Resolved, body: (r: Resolved) => T): T {
  try {
    return body(r);
  } finally {
    r.release();
  }
}

function timeSpec(flags: number, set: number, now: number, value: bigint): TimeSpec {
  if (flags & now) return 'now';
  if (flags & set) return value;
  return null;
}

/** The access and modification times that `fstflags` ask to set (EINVAL for contradictions). */
export function times(atim: bigint, mtim: bigint, flags: number): [TimeSpec, TimeSpec] {
  if ((flags & ~0xf) !== 0) fail(Errno.INVAL);
  if (flags & Fstflags.ATIM && flags & Fstflags.ATIM_NOW) fail(Errno.INVAL);
  if (flags & Fstflags.MTIM && flags & Fstflags.MTIM_NOW) fail(Errno.INVAL);
  return [
    timeSpec(flags, Fstflags.ATIM, Fstflags.ATIM_NOW, BigInt.asUintN(64, atim)),
    timeSpec(flags, Fstflags.MTIM, Fstflags.MTIM_NOW, BigInt.asUintN(64, mtim)),
  ];
}
