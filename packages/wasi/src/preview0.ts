/**
 * wasi_unstable (snapshot 0, "preview 0"), what older toolchains import,
 * as an adapter over wasi_snapshot_preview1, the way Wasmtime's wasi-common
 * does it (`snapshots/preview_0.rs`): every function delegates to the
 * preview1 implementation over the same context, converting where the
 * layouts differ. From the witx definitions (`legacy/preview0/witx/` against
 * `legacy/preview1/witx/` in the WASI repository), the differences are:
 *
 * - `whence` is `cur`, `end`, `set` (0, 1, 2) instead of `set`, `cur`,
 *   `end`: `fd_seek` maps it;
 * - `filestat`'s `nlink` (`linkcount`) is a u32, not a u64: the structure
 *   is 56 bytes, `nlink` at 20 and everything after it 8 bytes earlier
 *   (`fd_filestat_get`, `path_filestat_get`); more than 2^32 - 1 links
 *   read as 2^32 - 1, as in Wasmtime;
 * - `subscription_clock` begins with an `identifier` (a u64 the
 *   implementation ignores), so a `subscription` is 56 bytes, the clock's
 *   `id` at 24, `timeout` at 32, `precision` at 40 and `flags` at 48
 *   (`poll_oneoff`); an fd subscription's descriptor stays at 16;
 * - `rights` stop at `sock_shutdown` (no `sock_accept`), and there is no
 *   `sock_accept` function: 45 functions, all else with preview1's names
 *   and signatures.
 *
 * Everything else is the same: errno values, file types, flags, `fdstat`,
 * `dirent` (24 bytes), `event` (32 bytes), `prestat`, `iovec`s.
 */
import { Errno, RIGHTS_UNSTABLE_ALL, UnstableWhence, Whence } from './constants.js';
import type { FileStat } from './fs.js';
import { SIGNATURES, type Preview1 } from './preview1.js';
import { fdFilestat } from './preview1/fd.js';
import { pathFilestat } from './preview1/path.js';
import { pollOneoff, type SubscriptionLayout } from './preview1/poll.js';

/** The module name of the older snapshot. */
export const WASI_UNSTABLE_MODULE = 'wasi_unstable';

/** Parameter types of the functions of wasi_unstable (as `SIGNATURES`): preview1's but `sock_accept`. */
export const UNSTABLE_SIGNATURES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SIGNATURES).filter(([name]) => name !== 'sock_accept'),
);

/** Size of a wasi_unstable `filestat`. */
export const UNSTABLE_FILESTAT_SIZE = 56;

/** wasi_unstable's `subscription`: the clock variant has `identifier` first. */
export const SUBSCRIPTION_UNSTABLE: SubscriptionLayout = {
  size: 56,
  clockId: 24,
  timeout: 32,
  flags: 48,
  fd: 16,
};

/** preview1's `whence` for each of wasi_unstable's. */
const WHENCE: Record<number, number> = {
  [UnstableWhence.CUR]: Whence.CUR,
  [UnstableWhence.END]: Whence.END,
  [UnstableWhence.SET]: Whence.SET,
};

/** No `whence` of preview1: makes its `fd_seek` answer EINVAL. */
const INVALID_WHENCE = 0xff;

const U32_MAX = 0xffffffffn;

/**
 * The functions of wasi_unstable that differ from preview1's; the others
 * are preview1's own (`unstableFunction` gives each by name).
 */
export class Preview0 {
  constructor(
    /** The preview1 implementation this adapter converts for. */
    readonly preview1: Preview1,
  ) {}

  /** `fd_seek` with snapshot 0's `whence` values (`cur` 0, `end` 1, `set` 2). */
  fd_seek(fd: number, offset: bigint, whence: number, out: number): number {
    return this.preview1.fd_seek(fd, offset, WHENCE[whence >>> 0] ?? INVALID_WHENCE, out);
  }

  /** `fd_filestat_get` writing snapshot 0's 56-byte `filestat`. */
  fd_filestat_get(fd: number, out: number): number {
    this.writeFilestat(out, fdFilestat(this.preview1, fd));
    return Errno.SUCCESS;
  }

  /** `path_filestat_get` writing snapshot 0's 56-byte `filestat`. */
  path_filestat_get(fd: number, flags: number, path: number, len: number, out: number): number {
    this.writeFilestat(out, pathFilestat(this.preview1, fd, flags, path, len));
    return Errno.SUCCESS;
  }

  /** `fdstat` is laid out alike; the rights are those snapshot 0 knows. */
  fd_fdstat_get(fd: number, out: number): number {
    const p = this.preview1;
    const errno = p.fd_fdstat_get(fd, out);
    const at = p.range(out, 24);
    for (const field of [at + 8, at + 16]) {
      p.dv.setBigUint64(field, p.dv.getBigUint64(field, true) & RIGHTS_UNSTABLE_ALL, true);
    }
    return errno;
  }

  /** `poll_oneoff` reading snapshot 0's 56-byte subscriptions. */
  poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number): number {
    return pollOneoff(this.preview1, inPtr, outPtr, count, neventsPtr, SUBSCRIPTION_UNSTABLE);
  }

  /** Writes `s` at `ptr` as a wasi_unstable `filestat` (`nlink` a u32 at 20). */
  private writeFilestat(ptr: number, s: FileStat): void {
    const p = this.preview1.range(ptr, UNSTABLE_FILESTAT_SIZE);
    const dv = this.preview1.dv;
    dv.setBigUint64(p, s.dev, true);
    dv.setBigUint64(p + 8, s.ino, true);
    dv.setUint8(p + 16, s.filetype);
    for (let i = 17; i < 20; i++) dv.setUint8(p + i, 0);
    dv.setUint32(p + 20, Number(s.nlink > U32_MAX ? U32_MAX : s.nlink), true);
    dv.setBigUint64(p + 24, s.size, true);
    dv.setBigUint64(p + 32, BigInt.asUintN(64, s.atim), true);
    dv.setBigUint64(p + 40, BigInt.asUintN(64, s.mtim), true);
    dv.setBigUint64(p + 48, BigInt.asUintN(64, s.ctim), true);
  }
}

/** A WASI function: raw wasm arguments in, an errno out. */
export type WasiFunction = (...args: any[]) => number;

const OWN = new Set([
  'fd_seek',
  'fd_filestat_get',
  'path_filestat_get',
  'fd_fdstat_get',
  'poll_oneoff',
]);

/** The wasi_unstable function `name` over `p0` (its own or preview1's), bound. */
export function unstableFunction(p0: Preview0, name: string): WasiFunction {
  if (!(name in UNSTABLE_SIGNATURES)) throw new TypeError(`wasi_unstable has no function ${name}`);
  const target: object = OWN.has(name) ? p0 : p0.preview1;
  const fn = (target as Record<string, WasiFunction>)[name]!;
  return fn.bind(target);
}
