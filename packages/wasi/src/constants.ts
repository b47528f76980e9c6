/**
 * The constants of wasi_snapshot_preview1, with the values of the witx
 * definitions (and of wasi-libc's `<wasi/api.h>`).
 */

/** Error codes (`errno`). */
export const Errno = {
  /** No error occurred. */
  SUCCESS: 0,
  /** Argument list too long (`E2BIG`). */
  TOOBIG: 1,
  /** Permission denied. */
  ACCES: 2,
  /** Address in use. */
  ADDRINUSE: 3,
  /** Address not available. */
  ADDRNOTAVAIL: 4,
  /** Address family not supported. */
  AFNOSUPPORT: 5,
  /** Resource unavailable, or operation would block. */
  AGAIN: 6,
  /** Connection already in progress. */
  ALREADY: 7,
  /** Bad file descriptor. */
  BADF: 8,
  /** Bad message. */
  BADMSG: 9,
  /** Device or resource busy. */
  BUSY: 10,
  /** Operation canceled. */
  CANCELED: 11,
  /** No child processes. */
  CHILD: 12,
  /** Connection aborted. */
  CONNABORTED: 13,
  /** Connection refused. */
  CONNREFUSED: 14,
  /** Connection reset. */
  CONNRESET: 15,
  /** Resource deadlock would occur. */
  DEADLK: 16,
  /** Destination address required. */
  DESTADDRREQ: 17,
  /** Mathematics argument out of domain of function. */
  DOM: 18,
  /** Reserved. */
  DQUOT: 19,
  /** File exists. */
  EXIST: 20,
  /** Bad address (a guest pointer out of bounds). */
  FAULT: 21,
  /** File too large. */
  FBIG: 22,
  /** Host is unreachable. */
  HOSTUNREACH: 23,
  /** Identifier removed. */
  IDRM: 24,
  /** Illegal byte sequence (invalid UTF-8 in a path). */
  ILSEQ: 25,
  /** Operation in progress. */
  INPROGRESS: 26,
  /** Interrupted function. */
  INTR: 27,
  /** Invalid argument. */
  INVAL: 28,
  /** I/O error (also any unknown host error). */
  IO: 29,
  /** Socket is connected. */
  ISCONN: 30,
  /** Is a directory. */
  ISDIR: 31,
  /** Too many levels of symbolic links. */
  LOOP: 32,
  /** File descriptor value too large. */
  MFILE: 33,
  /** Too many links. */
  MLINK: 34,
  /** Message too large. */
  MSGSIZE: 35,
  /** Reserved. */
  MULTIHOP: 36,
  /** Filename too long. */
  NAMETOOLONG: 37,
  /** Network is down. */
  NETDOWN: 38,
  /** Connection aborted by network. */
  NETRESET: 39,
  /** Network unreachable. */
  NETUNREACH: 40,
  /** Too many files open in system. */
  NFILE: 41,
  /** No buffer space available. */
  NOBUFS: 42,
  /** No such device. */
  NODEV: 43,
  /** No such file or directory. */
  NOENT: 44,
  /** Executable file format error. */
  NOEXEC: 45,
  /** No locks available. */
  NOLCK: 46,
  /** Reserved. */
  NOLINK: 47,
  /** Not enough space. */
  NOMEM: 48,
  /** No message of the desired type. */
  NOMSG: 49,
  /** Protocol not available. */
  NOPROTOOPT: 50,
  /** No space left on device. */
  NOSPC: 51,
  /** Function not supported. */
  NOSYS: 52,
  /** The socket is not connected. */
  NOTCONN: 53,
  /** Not a directory or a symbolic link to a directory. */
  NOTDIR: 54,
  /** Directory not empty. */
  NOTEMPTY: 55,
  /** State not recoverable. */
  NOTRECOVERABLE: 56,
  /** Not a socket. */
  NOTSOCK: 57,
  /** Not supported, or operation not supported on socket. */
  NOTSUP: 58,
  /** Inappropriate I/O control operation. */
  NOTTY: 59,
  /** No such device or address. */
  NXIO: 60,
  /** Value too large to be stored in data type. */
  OVERFLOW: 61,
  /** Previous owner died. */
  OWNERDEAD: 62,
  /** Operation not permitted. */
  PERM: 63,
  /** Broken pipe. */
  PIPE: 64,
  /** Protocol error. */
  PROTO: 65,
  /** Protocol not supported. */
  PROTONOSUPPORT: 66,
  /** Protocol wrong type for socket. */
  PROTOTYPE: 67,
  /** Result too large. */
  RANGE: 68,
  /** Read-only file system. */
  ROFS: 69,
  /** Invalid seek. */
  SPIPE: 70,
  /** No such process. */
  SRCH: 71,
  /** Reserved. */
  STALE: 72,
  /** Connection timed out. */
  TIMEDOUT: 73,
  /** Text file busy. */
  TXTBSY: 74,
  /** Cross-device link. */
  XDEV: 75,
  /** Capabilities insufficient: the answer to every attempt to leave the sandbox. */
  NOTCAPABLE: 76,
} as const;
/** An errno value. */
export type Errno = (typeof Errno)[keyof typeof Errno];

/** The POSIX name of an errno value (`ENOENT`), for messages. */
export function errnoName(errno: number): string {
  for (const [name, value] of Object.entries(Errno)) {
    if (value === errno) return name === 'TOOBIG' ? 'E2BIG' : `E${name}`;
  }
  return `errno ${errno}`;
}

/** File types (`filetype`). */
export const Filetype = {
  /** The type is unknown or different from any of the other types. */
  UNKNOWN: 0,
  /** A block device. */
  BLOCK_DEVICE: 1,
  /** A character device (a terminal). */
  CHARACTER_DEVICE: 2,
  /** A directory. */
  DIRECTORY: 3,
  /** A regular file. */
  REGULAR_FILE: 4,
  /** A datagram socket. */
  SOCKET_DGRAM: 5,
  /** A byte-stream socket. */
  SOCKET_STREAM: 6,
  /** A symbolic link. */
  SYMBOLIC_LINK: 7,
} as const;
/** A file type value. */
export type Filetype = (typeof Filetype)[keyof typeof Filetype];

/** Rights (`rights`), a 64-bit set. */
export const Rights = {
  /** `fd_datasync`. */
  FD_DATASYNC: 1n << 0n,
  /** `fd_read` and `sock_recv`. */
  FD_READ: 1n << 1n,
  /** `fd_seek` (implies `FD_TELL`). */
  FD_SEEK: 1n << 2n,
  /** `fd_fdstat_set_flags`. */
  FD_FDSTAT_SET_FLAGS: 1n << 3n,
  /** `fd_sync`. */
  FD_SYNC: 1n << 4n,
  /** `fd_seek` with a zero offset from the current position, and `fd_tell`. */
  FD_TELL: 1n << 5n,
  /** `fd_write` and `sock_send`. */
  FD_WRITE: 1n << 6n,
  /** `fd_advise`. */
  FD_ADVISE: 1n << 7n,
  /** `fd_allocate`. */
  FD_ALLOCATE: 1n << 8n,
  /** `path_create_directory`. */
  PATH_CREATE_DIRECTORY: 1n << 9n,
  /** `path_open` with `O_CREAT`. */
  PATH_CREATE_FILE: 1n << 10n,
  /** `path_link`, on the source directory. */
  PATH_LINK_SOURCE: 1n << 11n,
  /** `path_link`, on the target directory. */
  PATH_LINK_TARGET: 1n << 12n,
  /** `path_open`. */
  PATH_OPEN: 1n << 13n,
  /** `fd_readdir`. */
  FD_READDIR: 1n << 14n,
  /** `path_readlink`. */
  PATH_READLINK: 1n << 15n,
  /** `path_rename`, on the source directory. */
  PATH_RENAME_SOURCE: 1n << 16n,
  /** `path_rename`, on the target directory. */
  PATH_RENAME_TARGET: 1n << 17n,
  /** `path_filestat_get`. */
  PATH_FILESTAT_GET: 1n << 18n,
  /** Changing a file's size through a path (`path_open` with `O_TRUNC`). */
  PATH_FILESTAT_SET_SIZE: 1n << 19n,
  /** `path_filestat_set_times`. */
  PATH_FILESTAT_SET_TIMES: 1n << 20n,
  /** `fd_filestat_get`. */
  FD_FILESTAT_GET: 1n << 21n,
  /** `fd_filestat_set_size`. */
  FD_FILESTAT_SET_SIZE: 1n << 22n,
  /** `fd_filestat_set_times`. */
  FD_FILESTAT_SET_TIMES: 1n << 23n,
  /** `path_symlink`. */
  PATH_SYMLINK: 1n << 24n,
  /** `path_remove_directory`. */
  PATH_REMOVE_DIRECTORY: 1n << 25n,
  /** `path_unlink_file`. */
  PATH_UNLINK_FILE: 1n << 26n,
  /** Subscribing to the descriptor's readiness in `poll_oneoff`. */
  POLL_FD_READWRITE: 1n << 27n,
  /** `sock_shutdown`. */
  SOCK_SHUTDOWN: 1n << 28n,
  /** `sock_accept`. */
  SOCK_ACCEPT: 1n << 29n,
} as const;

/** Every right. */
export const RIGHTS_ALL = (1n << 30n) - 1n;

/** Rights that make sense on a regular file. */
export const RIGHTS_FILE_BASE =
  Rights.FD_DATASYNC |
  Rights.FD_READ |
  Rights.FD_SEEK |
  Rights.FD_FDSTAT_SET_FLAGS |
  Rights.FD_SYNC |
  Rights.FD_TELL |
  Rights.FD_WRITE |
  Rights.FD_ADVISE |
  Rights.FD_ALLOCATE |
  Rights.FD_FILESTAT_GET |
  Rights.FD_FILESTAT_SET_SIZE |
  Rights.FD_FILESTAT_SET_TIMES |
  Rights.POLL_FD_READWRITE;

/** Rights that make sense on a directory. */
export const RIGHTS_DIRECTORY_BASE =
  Rights.FD_FDSTAT_SET_FLAGS |
  Rights.FD_SYNC |
  Rights.FD_ADVISE |
  Rights.PATH_CREATE_DIRECTORY |
  Rights.PATH_CREATE_FILE |
  Rights.PATH_LINK_SOURCE |
  Rights.PATH_LINK_TARGET |
  Rights.PATH_OPEN |
  Rights.FD_READDIR |
  Rights.PATH_READLINK |
  Rights.PATH_RENAME_SOURCE |
  Rights.PATH_RENAME_TARGET |
  Rights.PATH_FILESTAT_GET |
  Rights.PATH_FILESTAT_SET_SIZE |
  Rights.PATH_FILESTAT_SET_TIMES |
  Rights.FD_FILESTAT_GET |
  Rights.FD_FILESTAT_SET_TIMES |
  Rights.PATH_SYMLINK |
  Rights.PATH_REMOVE_DIRECTORY |
  Rights.PATH_UNLINK_FILE;

/** Rights a directory passes on to what is opened through it. */
export const RIGHTS_DIRECTORY_INHERITING = RIGHTS_DIRECTORY_BASE | RIGHTS_FILE_BASE;

/** Rights that modify files or directories (removed by read-only preopens). */
export const RIGHTS_WRITING =
  Rights.FD_DATASYNC |
  Rights.FD_WRITE |
  Rights.FD_ALLOCATE |
  Rights.PATH_CREATE_DIRECTORY |
  Rights.PATH_CREATE_FILE |
  Rights.PATH_LINK_SOURCE |
  Rights.PATH_LINK_TARGET |
  Rights.PATH_RENAME_SOURCE |
  Rights.PATH_RENAME_TARGET |
  Rights.PATH_FILESTAT_SET_SIZE |
  Rights.PATH_FILESTAT_SET_TIMES |
  Rights.FD_FILESTAT_SET_SIZE |
  Rights.FD_FILESTAT_SET_TIMES |
  Rights.PATH_SYMLINK |
  Rights.PATH_REMOVE_DIRECTORY |
  Rights.PATH_UNLINK_FILE;

/** Rights of a terminal or pipe (no seek or tell: wasi-libc's `isatty` checks that). */
export const RIGHTS_STREAM =
  Rights.FD_READ |
  Rights.FD_WRITE |
  Rights.FD_FDSTAT_SET_FLAGS |
  Rights.FD_FILESTAT_GET |
  Rights.POLL_FD_READWRITE;

/** File descriptor flags (`fdflags`). */
export const Fdflags = {
  /** Writes always append to the end of the file. */
  APPEND: 1,
  /** Writes complete once the data (not all metadata) is stored. */
  DSYNC: 2,
  /** Operations do not block. */
  NONBLOCK: 4,
  /** Reads complete once the data read is synchronized. */
  RSYNC: 8,
  /** Writes complete once data and metadata are stored. */
  SYNC: 16,
} as const;

/** Open flags (`oflags`). */
export const Oflags = {
  /** Create the file if it does not exist. */
  CREAT: 1,
  /** Fail unless the path is a directory. */
  DIRECTORY: 2,
  /** Fail if the file already exists. */
  EXCL: 4,
  /** Truncate the file to size 0. */
  TRUNC: 8,
} as const;

/** Lookup flags (`lookupflags`). */
export const Lookupflags = {
  /** Follow a symbolic link in the last component (resolved inside the sandbox). */
  SYMLINK_FOLLOW: 1,
} as const;

/** Which timestamps to set (`fstflags`). */
export const Fstflags = {
  /** Set the access time to the given value. */
  ATIM: 1,
  /** Set the access time to the current time. */
  ATIM_NOW: 2,
  /** Set the modification time to the given value. */
  MTIM: 4,
  /** Set the modification time to the current time. */
  MTIM_NOW: 8,
} as const;

/** Seek origins (`whence`). */
export const Whence = {
  /** From the start of the file. */
  SET: 0,
  /** From the current position. */
  CUR: 1,
  /** From the end of the file. */
  END: 2,
} as const;

/** Clocks (`clockid`). */
export const Clockid = {
  /** Wall-clock time, in nanoseconds since the Unix epoch. */
  REALTIME: 0,
  /** A clock that never goes back, from an arbitrary origin. */
  MONOTONIC: 1,
  /** CPU time of the process (approximated by monotonic time since the context was made). */
  PROCESS_CPUTIME_ID: 2,
  /** CPU time of the thread (approximated as `PROCESS_CPUTIME_ID`). */
  THREAD_CPUTIME_ID: 3,
} as const;

/** Event types of `poll_oneoff`. */
export const Eventtype = {
  /** A clock's timeout was reached. */
  CLOCK: 0,
  /** A descriptor has data to read. */
  FD_READ: 1,
  /** A descriptor can be written. */
  FD_WRITE: 2,
} as const;

/** `subclockflags`: the timeout is an absolute time. */
export const SUBSCRIPTION_CLOCK_ABSTIME = 1;

/** `eventrwflags`: the peer of a stream hung up. */
export const EVENT_FD_READWRITE_HANGUP = 1;

/** The largest `advice` value. */
export const ADVICE_MAX = 5;

/** `preopentype`: a directory. */
export const PREOPENTYPE_DIR = 0;

/** Which directions `sock_shutdown` shuts down (`sdflags`). */
export const Sdflags = {
  /** Disables further receive operations. */
  RD: 1,
  /** Disables further send operations. */
  WR: 2,
} as const;

// wasi_unstable (snapshot 0): where its constants differ from preview1's
// (legacy/preview0/witx/typenames.witx of the WASI repository).

/** Seek origins (`whence`) of wasi_unstable: `cur`, `end`, `set`, in that order. */
export const UnstableWhence = {
  /** From the current position. */
  CUR: 0,
  /** From the end of the file. */
  END: 1,
  /** From the start of the file. */
  SET: 2,
} as const;

/** Every right of wasi_unstable: preview1's but `sock_accept` (bit 29), which came later. */
export const RIGHTS_UNSTABLE_ALL = Rights.SOCK_ACCEPT - 1n;
