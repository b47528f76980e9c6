/** Errors of the WASI layer: errno-carrying failures, and the program's exit. */
import { Errno, errnoName } from './constants.js';

/**
 * A failure with a WASI errno. Filesystem backends throw it (or Node-style
 * errors with a `code` such as `'ENOENT'`); the host functions return its
 * errno to the guest.
 */
export class WasiError extends Error {
  constructor(
    /** The errno value (`Errno`). */
    readonly errno: number,
    message?: string,
  ) {
    super(message ?? errnoName(errno));
    this.name = 'WasiError';
  }
}

/**
 * Thrown by `proc_exit`: the program asked to end with exit code `code`.
 * It passes through wasm frames as a host error and reaches the caller of
 * `Func.call` unchanged; it never ends the embedder's process.
 */
export class WasiExit extends Error {
  constructor(
    /** The exit code the program passed to `proc_exit`. */
    readonly code: number,
  ) {
    super(`wasi program exited with code ${code}`);
    this.name = 'WasiExit';
  }
}

/** Node's error codes that differ from `E` + the WASI name. */
const ALIASES: Record<string, number> = {
  E2BIG: Errno.TOOBIG,
  EWOULDBLOCK: Errno.AGAIN,
  EOPNOTSUPP: Errno.NOTSUP,
  EDEADLOCK: Errno.DEADLK,
  ENOTBLK: Errno.NOTSUP,
  ENOTSUP: Errno.NOTSUP,
  EBADFD: Errno.BADF,
  ENOTUNIQ: Errno.INVAL,
  ECANCELED: Errno.CANCELED,
  ESHUTDOWN: Errno.PIPE,
  ETIME: Errno.TIMEDOUT,
  ENODATA: Errno.NOMSG,
  EUNKNOWN: Errno.IO,
  EOF: Errno.IO,
};

const BY_NAME = new Map<string, number>(
  Object.entries(Errno).map(([name, value]) => [`E${name}`, value]),
);

/** The errno of a Node error code (`'ENOENT'`), or EIO for unknown codes. */
export function errnoOfCode(code: string): number {
  return ALIASES[code] ?? BY_NAME.get(code) ?? Errno.IO;
}

/**
 * The errno to report for anything a WASI operation threw: a `WasiError`'s
 * own errno, a Node system error's code mapped to its WASI errno, EFAULT for
 * memory accesses out of bounds, EIO for anything else.
 */
export function errnoOf(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  if (typeof e === 'object' && e !== null) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code.startsWith('ERR_') ? Errno.INVAL : errnoOfCode(code);
    if (e instanceof RangeError) return Errno.FAULT;
  }
  return Errno.IO;
}

/** Throws a `WasiError` with `errno`. */
export function fail(errno: number, message?: string): never {
  throw new WasiError(errno, message);
}
