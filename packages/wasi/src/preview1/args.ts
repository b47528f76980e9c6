/** Arguments, environment, clocks and randomness. */
import { Errno } from '../constants.js';
import type { WasiBase } from './base.js';

/** Writes `list` (NUL-terminated strings) at `buf` and their addresses at `ptrs`. */
function writeStrings(s: WasiBase, list: Uint8Array[], ptrs: number, buf: number): number {
  s.range(ptrs, list.length * 4);
  let at = buf >>> 0;
  for (let i = 0; i < list.length; i++) {
    const b = list[i]!;
    s.range(at, b.length);
    s.u8.set(b, at);
    s.setU32(ptrs + i * 4, at);
    at += b.length;
  }
  return Errno.SUCCESS;
}

/** Writes the number of strings in `list` and their total size. */
function writeSizes(s: WasiBase, list: Uint8Array[], countPtr: number, sizePtr: number): number {
  let size = 0;
  for (const b of list) size += b.length;
  s.setU32(countPtr, list.length);
  s.setU32(sizePtr, size);
  return Errno.SUCCESS;
}

export const argsFunctions = {
  /** `args_get`: writes the arguments' pointers to `argv` and their NUL-terminated bytes to `argvBuf`. */
  args_get(this: WasiBase, argv: number, argvBuf: number): number {
    return writeStrings(this, this.ctx.argBytes, argv, argvBuf);
  },

  /** `args_sizes_get`: writes the number of arguments and the bytes they need. */
  args_sizes_get(this: WasiBase, argc: number, size: number): number {
    return writeSizes(this, this.ctx.argBytes, argc, size);
  },

  /** `environ_get`: writes the environment entries' pointers and their `KEY=VALUE` bytes. */
  environ_get(this: WasiBase, environ: number, buf: number): number {
    return writeStrings(this, this.ctx.envBytes, environ, buf);
  },

  /** `environ_sizes_get`: writes the number of environment entries and the bytes they need. */
  environ_sizes_get(this: WasiBase, count: number, size: number): number {
    return writeSizes(this, this.ctx.envBytes, count, size);
  },

  /** `clock_res_get`: writes the resolution of clock `id` in nanoseconds (EINVAL for an unknown clock). */
  clock_res_get(this: WasiBase, id: number, out: number): number {
    this.setU64(out, this.ctx.clocks.resolution(id >>> 0));
    return Errno.SUCCESS;
  },

  /** `clock_time_get`: writes the time of clock `id` in nanoseconds (EINVAL for an unknown clock). */
  clock_time_get(this: WasiBase, id: number, _precision: bigint, out: number): number {
    this.setU64(out, this.ctx.clocks.now(id >>> 0));
    return Errno.SUCCESS;
  },

  /** `random_get`: fills `len` bytes at `buf` from the context's random source. */
  random_get(this: WasiBase, buf: number, len: number): number {
    const p = this.range(buf, len);
    this.ctx.random(this.u8.subarray(p, p + (len >>> 0)));
    return Errno.SUCCESS;
  },
};

export type ArgsFunctions = typeof argsFunctions;
