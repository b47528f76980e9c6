/** Polling, processes and sockets. */
import { Errno, Eventtype, Rights, SUBSCRIPTION_CLOCK_ABSTIME } from '../constants.js';
import { fail, WasiExit } from '../errors.js';
import { need, WasiBase } from './base.js';

/**
 * Where the fields of a `subscription` lie (offsets from its start), the
 * only part of `poll_oneoff` that differs between snapshots; `event`s are
 * laid out alike in both (32 bytes).
 */
export interface SubscriptionLayout {
  /** Size of one subscription. */
  readonly size: number;
  /** `subscription_clock`'s `id` (u32), `timeout` (u64) and `flags` (u16). */
  readonly clockId: number;
  readonly timeout: number;
  readonly flags: number;
  /** `subscription_fd_readwrite`'s `file_descriptor` (u32). */
  readonly fd: number;
}

/** wasi_snapshot_preview1's `subscription`: userdata, tag at 8, the variant at 16. */
export const SUBSCRIPTION_PREVIEW1: SubscriptionLayout = {
  size: 48,
  clockId: 16,
  timeout: 24,
  flags: 40,
  fd: 16,
};

/** Size of an `event`. */
const EVENT_SIZE = 32;

interface Ready {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
  flags: number;
}

/**
 * `poll_oneoff` with subscriptions laid out as `layout` says: files and
 * streams are always ready (a file's `nbytes` is what is left to read);
 * with none, sleeps until the earliest clock.
 */
export function pollOneoff(
  s: WasiBase,
  inPtr: number,
  outPtr: number,
  count: number,
  neventsPtr: number,
  layout: SubscriptionLayout,
): number {
  const n = count >>> 0;
  if (n === 0) fail(Errno.INVAL);
  const sin = s.range(inPtr, n * layout.size);
  const sout = s.range(outPtr, n * EVENT_SIZE);
  s.range(neventsPtr, 4);
  const dv = s.dv;
  const clocks = s.ctx.clocks;
  const ready: Ready[] = [];
  const timers: { userdata: bigint; remaining: bigint }[] = [];
  for (let i = 0; i < n; i++) {
    const at = sin + i * layout.size;
    const userdata = dv.getBigUint64(at, true);
    const type = dv.getUint8(at + 8);
    if (type === Eventtype.CLOCK) {
      const id = dv.getUint32(at + layout.clockId, true);
      const timeout = dv.getBigUint64(at + layout.timeout, true);
      const flags = dv.getUint16(at + layout.flags, true);
      try {
        const now = clocks.now(id); // also rejects unknown clocks
        const remaining = flags & SUBSCRIPTION_CLOCK_ABSTIME ? timeout - now : timeout;
        timers.push({ userdata, remaining });
      } catch (e) {
        ready.push({ userdata, error: WasiBase.errno(e), type, nbytes: 0n, flags: 0 });
      }
    } else if (type === Eventtype.FD_READ || type === Eventtype.FD_WRITE) {
      const event: Ready = { userdata, error: 0, type, nbytes: 0n, flags: 0 };
      try {
        const d = s.fd(dv.getUint32(at + layout.fd, true));
        need(d, type === Eventtype.FD_READ ? Rights.FD_READ : Rights.FD_WRITE);
        if (type === Eventtype.FD_READ && d.kind === 'file') {
          const size = d.fs!.stat(d.handle).size;
          const left = size - BigInt(d.position);
          event.nbytes = left > 0n ? left : 0n;
        } else if (type === Eventtype.FD_READ && d.kind === 'dir') {
          fail(Errno.ISDIR);
        }
      } catch (e) {
        event.error = WasiBase.errno(e);
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
    const p = sout + i * EVENT_SIZE;
    for (let b = 0; b < EVENT_SIZE; b++) dv.setUint8(p + b, 0);
    dv.setBigUint64(p, e.userdata, true);
    dv.setUint16(p + 8, e.error, true);
    dv.setUint8(p + 10, e.type);
    dv.setBigUint64(p + 16, e.nbytes, true);
    dv.setUint16(p + 24, e.flags, true);
  }
  dv.setUint32(neventsPtr >>> 0, ready.length, true);
  return Errno.SUCCESS;
}

/** Sockets: no descriptor is ever a socket here. */
function notSocket(s: WasiBase, fd: number): number {
  s.fd(fd);
  return Errno.NOTSOCK;
}

export const pollFunctions = {
  /** `poll_oneoff`: waits for clock timeouts (files and streams are always ready) and writes the events. */
  poll_oneoff(
    this: WasiBase,
    inPtr: number,
    outPtr: number,
    count: number,
    neventsPtr: number,
  ): number {
    return pollOneoff(this, inPtr, outPtr, count, neventsPtr, SUBSCRIPTION_PREVIEW1);
  },

  // Processes.

  /** `proc_exit`: flushes held-back output and throws a `WasiExit` with the code. */
  proc_exit(this: WasiBase, code: number): never {
    this.ctx.flush(); // the program ends here: a last line without newline is still output
    throw new WasiExit(code >>> 0);
  },

  /** `proc_raise`: not supported (ENOSYS). */
  proc_raise(this: WasiBase, _signal: number): number {
    return Errno.NOSYS;
  },

  /** `sched_yield`: does nothing. */
  sched_yield(this: WasiBase): number {
    return Errno.SUCCESS;
  },

  // Sockets.

  /** `sock_accept`: no descriptor is a socket (ENOTSOCK, or EBADF for a closed one). */
  sock_accept(this: WasiBase, fd: number, _flags: number, _out: number): number {
    return notSocket(this, fd);
  },

  /** `sock_recv`: no descriptor is a socket (ENOTSOCK, or EBADF for a closed one). */
  sock_recv(
    this: WasiBase,
    fd: number,
    _data: number,
    _len: number,
    _flags: number,
    _outLen: number,
    _outFlags: number,
  ): number {
    return notSocket(this, fd);
  },

  /** `sock_send`: no descriptor is a socket (ENOTSOCK, or EBADF for a closed one). */
  sock_send(
    this: WasiBase,
    fd: number,
    _data: number,
    _len: number,
    _flags: number,
    _out: number,
  ): number {
    return notSocket(this, fd);
  },

  /** `sock_shutdown`: no descriptor is a socket (ENOTSOCK, or EBADF for a closed one). */
  sock_shutdown(this: WasiBase, fd: number, _how: number): number {
    return notSocket(this, fd);
  },
};

export type PollFunctions = typeof pollFunctions;
