/**
 * The functions of wasi_snapshot_preview1. Each takes the raw wasm
 * arguments (i32 as numbers, i64 as bigints) and returns an errno; guest
 * memory is reached through `u8`/`dv`, set by the caller before each call.
 * Anything a backend throws becomes an errno; only `WasiExit` (from
 * `proc_exit`) leaves a function as an exception.
 *
 * The functions live in families under `preview1/` (`args.ts`: arguments,
 * environment, clocks, randomness; `fd.ts`: descriptors; `path.ts`: paths;
 * `poll.ts`: polling, processes, sockets), on what they share (`base.ts`:
 * descriptors and rights; `memory.ts`: guest memory and iovecs), and are
 * gathered here as the methods of `Preview1`, beside the table of their
 * signatures.
 */
import { argsFunctions, type ArgsFunctions } from './preview1/args.js';
import { WasiBase } from './preview1/base.js';
import { fdFunctions, type FdFunctions } from './preview1/fd.js';
import { pathFunctions, type PathFunctions } from './preview1/path.js';
import { pollFunctions, type PollFunctions } from './preview1/poll.js';

/** The implementation of wasi_snapshot_preview1 over one context. */
export class Preview1 extends WasiBase {}

// The families' functions are methods of Preview1, installed as class methods are (not enumerable).
export interface Preview1 extends ArgsFunctions, FdFunctions, PathFunctions, PollFunctions {}
for (const family of [argsFunctions, fdFunctions, pathFunctions, pollFunctions]) {
  for (const [name, fn] of Object.entries(family)) {
    Object.defineProperty(Preview1.prototype, name, {
      value: fn,
      writable: true,
      configurable: true,
      enumerable: false,
    });
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
