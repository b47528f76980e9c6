/** The functions of wasi_snapshot_preview1, one by one, with their errnos. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Clockid,
  Errno,
  Eventtype,
  Fdflags,
  Filetype,
  Fstflags,
  Lookupflags,
  MemoryFileSystem,
  MemoryInputStream,
  MemoryOutputStream,
  Oflags,
  RIGHTS_DIRECTORY_BASE,
  RIGHTS_DIRECTORY_INHERITING,
  Rights,
  SUBSCRIPTION_CLOCK_ABSTIME,
  Whence,
  WasiCtxBuilder,
  WasiExit,
  type WasiClocks,
} from '#src/index.js';
import { BACKENDS, type Setup } from './backends.js';
import { Guest, RO } from './harness.js';

/** Clocks under the test's control: `sleep` advances them. */
class FakeClocks implements WasiClocks {
  time = 1_000_000_000n;
  slept: bigint[] = [];
  now(id: number): bigint {
    if (id > Clockid.THREAD_CPUTIME_ID)
      throw Object.assign(new Error('bad clock'), { code: 'EINVAL' });
    return id === Clockid.REALTIME ? 1_700_000_000_000_000_000n + this.time : this.time;
  }
  resolution(): bigint {
    return 1000n;
  }
  sleep(ns: bigint): void {
    this.slept.push(ns);
    this.time += ns;
  }
}

function memoryGuest(configure: (b: WasiCtxBuilder) => WasiCtxBuilder = (b) => b): Guest {
  const fs = new MemoryFileSystem();
  fs.mkdir('/work');
  return new Guest(configure(new WasiCtxBuilder().preopenDir('/work', '/work', { fs })).build());
}

// Arguments, environment, clocks, randomness, stdio, processes.

const basics = suite('basics');

basics('args and environ, sizes then contents', () => {
  const g = memoryGuest((b) => b.args(['prog', 'ünï', '']).env({ A: '1', B: 'x=y' }).env('A', '2'));
  const sizes = g.alloc(8);
  assert.is(g.call('args_sizes_get', sizes, sizes + 4), Errno.SUCCESS);
  assert.is(g.u32(sizes), 3);
  assert.is(g.u32(sizes + 4), 5 + 6 + 1);
  const argv = g.alloc(12);
  const buf = g.alloc(12);
  assert.is(g.call('args_get', argv, buf), Errno.SUCCESS);
  assert.is(g.text(g.u32(argv), 4), 'prog');
  assert.is(g.text(g.u32(argv + 4), 5), 'ünï');
  assert.is(g.memory[g.u32(argv + 8)], 0);
  assert.is(g.call('environ_sizes_get', sizes, sizes + 4), Errno.SUCCESS);
  assert.is(g.u32(sizes), 2);
  const env = g.alloc(8);
  const envBuf = g.alloc(g.u32(sizes + 4));
  assert.is(g.call('environ_get', env, envBuf), Errno.SUCCESS);
  assert.is(g.text(g.u32(env), 3), 'A=2');
  assert.is(g.text(g.u32(env + 4), 5), 'B=x=y');
});

basics('arguments out of memory are EFAULT', () => {
  const g = memoryGuest((b) => b.args(['prog']));
  assert.is(g.call('args_sizes_get', 1 << 20, 0), Errno.FAULT);
  assert.is(g.call('args_get', (1 << 20) - 2, 0), Errno.FAULT);
  assert.is(g.call('args_get', 0, -1), Errno.FAULT);
  assert.is(g.call('fd_write', 1, -8, 1, 0), Errno.FAULT);
});

basics('clocks: time, resolution, unknown clocks', () => {
  const clocks = new FakeClocks();
  const g = memoryGuest((b) => b.clocks(clocks));
  const out = g.alloc(8);
  assert.is(g.call('clock_time_get', Clockid.MONOTONIC, 0n, out), Errno.SUCCESS);
  assert.is(g.u64(out), 1_000_000_000n);
  assert.is(g.call('clock_time_get', Clockid.REALTIME, 1n, out), Errno.SUCCESS);
  assert.is(g.u64(out), 1_700_000_001_000_000_000n);
  assert.is(g.call('clock_res_get', Clockid.MONOTONIC, out), Errno.SUCCESS);
  assert.is(g.u64(out), 1000n);
  assert.is(g.call('clock_time_get', 9, 0n, out), Errno.INVAL);
});

basics('default clocks: realtime near Date.now, monotonic non-decreasing, sleeping', () => {
  const g = memoryGuest();
  const out = g.alloc(8);
  g.call('clock_time_get', Clockid.REALTIME, 0n, out);
  const real = Number(g.u64(out) / 1_000_000n);
  assert.ok(Math.abs(real - Date.now()) < 1000);
  let prev = 0n;
  for (let i = 0; i < 100; i++) {
    g.call('clock_time_get', Clockid.MONOTONIC, 0n, out);
    assert.ok(g.u64(out) >= prev);
    prev = g.u64(out);
  }
  for (const id of [Clockid.PROCESS_CPUTIME_ID, Clockid.THREAD_CPUTIME_ID]) {
    assert.is(g.call('clock_time_get', id, 0n, out), Errno.SUCCESS);
    assert.is(g.call('clock_res_get', id, out), Errno.SUCCESS);
  }
  assert.is(g.call('clock_res_get', 4, out), Errno.INVAL);
});

basics('random_get fills the buffer from the source', () => {
  const g = memoryGuest((b) => b.random((buf) => buf.fill(7)));
  const buf = g.alloc(100);
  assert.is(g.call('random_get', buf, 100), Errno.SUCCESS);
  assert.ok(g.memory.subarray(buf, buf + 100).every((b) => b === 7));
  assert.is(g.call('random_get', (1 << 20) - 10, 100), Errno.FAULT);
  const real = memoryGuest();
  const big = real.alloc(200_000);
  assert.is(real.call('random_get', big, 200_000), Errno.SUCCESS);
  assert.ok(real.memory.subarray(big + 100_000, big + 200_000).some((b) => b !== 0));
});

basics('stdio: gathered writes, reads until a short read', () => {
  const out = new MemoryOutputStream();
  const err = new MemoryOutputStream();
  const g = memoryGuest((b) =>
    b.stdin(new MemoryInputStream('line one\nline two\n')).stdout(out).stderr(err),
  );
  assert.equal(g.write(1, 'Hello, ', 'world', '!\n'), [Errno.SUCCESS, 14]);
  assert.equal(g.write(2, 'oops\n'), [Errno.SUCCESS, 5]);
  assert.is(out.text(), 'Hello, world!\n');
  assert.is(err.text(), 'oops\n');
  assert.equal(g.read(0, 5), [Errno.SUCCESS, 'line ']);
  assert.equal(g.read(0, 100), [Errno.SUCCESS, 'one\nline two\n']);
  assert.equal(g.read(0, 100), [Errno.SUCCESS, '']);
});

basics('stdio: filetype, rights (no seek/tell, so isatty works), ESPIPE', () => {
  const g = memoryGuest((b) =>
    b.stdout({ filetype: Filetype.CHARACTER_DEVICE, write: (_b, _o, n) => n }),
  );
  const st = g.alloc(24);
  assert.is(g.call('fd_fdstat_get', 1, st), Errno.SUCCESS);
  assert.is(g.memory[st], Filetype.CHARACTER_DEVICE);
  const rights = g.u64(st + 8);
  assert.is(rights & (Rights.FD_SEEK | Rights.FD_TELL), 0n);
  assert.ok((rights & Rights.FD_WRITE) !== 0n);
  assert.is(g.call('fd_fdstat_get', 0, st), Errno.SUCCESS);
  assert.is(g.memory[st], Filetype.UNKNOWN);
  const off = g.alloc(8);
  assert.is(g.call('fd_seek', 1, 0n, Whence.CUR, off), Errno.SPIPE);
  assert.is(g.call('fd_tell', 1, off), Errno.SPIPE);
  assert.is(g.call('fd_pwrite', 1, 0, 0, 0n, off), Errno.SPIPE);
  assert.is(g.call('fd_filestat_get', 1, g.alloc(64)), Errno.SUCCESS);
  // A write-only stream has no read right: reading it is EBADF.
  assert.is(g.read(1, 4)[0], Errno.BADF);
});

basics('proc_exit throws WasiExit; proc_raise, sched_yield, sockets', () => {
  const g = memoryGuest();
  try {
    g.call('proc_exit', 42);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WasiExit);
    assert.is((e as WasiExit).code, 42);
  }
  assert.is(g.call('proc_raise', 6), Errno.NOSYS);
  assert.is(g.call('sched_yield'), Errno.SUCCESS);
  assert.is(g.call('sock_accept', 3, 0, g.alloc(4)), Errno.NOTSOCK);
  assert.is(g.call('sock_recv', 1, 0, 0, 0, 0, 0), Errno.NOTSOCK);
  assert.is(g.call('sock_send', 0, 0, 0, 0, 0), Errno.NOTSOCK);
  assert.is(g.call('sock_shutdown', 2, 3), Errno.NOTSOCK);
  assert.is(g.call('sock_accept', 99, 0, 0), Errno.BADF);
  assert.is(g.call('sock_shutdown', 99, 3), Errno.BADF);
});

basics('poll_oneoff: relative and absolute clocks, fd events, errors', () => {
  const clocks = new FakeClocks();
  const g = memoryGuest((b) => b.clocks(clocks).stdout(new MemoryOutputStream()));
  const subs = g.alloc(48 * 3);
  const events = g.alloc(32 * 3);
  const n = g.alloc(4);
  const clock = (
    i: number,
    userdata: bigint,
    timeout: bigint,
    flags = 0,
    id: number = Clockid.MONOTONIC,
  ) => {
    const s = subs + 48 * i;
    g.dv.setBigUint64(s, userdata, true);
    g.memory[s + 8] = Eventtype.CLOCK;
    g.dv.setUint32(s + 16, id, true);
    g.dv.setBigUint64(s + 24, timeout, true);
    g.dv.setUint16(s + 40, flags, true);
  };
  const fdsub = (i: number, userdata: bigint, type: number, fd: number) => {
    const s = subs + 48 * i;
    g.dv.setBigUint64(s, userdata, true);
    g.memory[s + 8] = type;
    g.dv.setUint32(s + 16, fd, true);
  };
  // Two relative timers: sleeps for the shorter one, reports it alone.
  clock(0, 11n, 5_000_000n);
  clock(1, 22n, 2_000_000n);
  assert.is(g.call('poll_oneoff', subs, events, 2, n), Errno.SUCCESS);
  assert.equal(clocks.slept, [2_000_000n]);
  assert.is(g.u32(n), 1);
  assert.is(g.u64(events), 22n);
  assert.is(g.memory[events + 10], Eventtype.CLOCK);
  // An absolute deadline.
  clock(0, 33n, clocks.time + 7_000_000n, SUBSCRIPTION_CLOCK_ABSTIME);
  assert.is(g.call('poll_oneoff', subs, events, 1, n), Errno.SUCCESS);
  assert.is(clocks.slept[1], 7_000_000n);
  // A deadline already past: no sleep.
  clock(0, 44n, 0n, SUBSCRIPTION_CLOCK_ABSTIME);
  assert.is(g.call('poll_oneoff', subs, events, 1, n), Errno.SUCCESS);
  assert.is(clocks.slept.length, 2);
  assert.is(g.u64(events), 44n);
  // An fd ready now wins over a timer; a bad fd reports EBADF in its event.
  clock(0, 1n, 1_000_000_000n);
  fdsub(1, 2n, Eventtype.FD_WRITE, 1);
  fdsub(2, 3n, Eventtype.FD_READ, 77);
  assert.is(g.call('poll_oneoff', subs, events, 3, n), Errno.SUCCESS);
  assert.is(g.u32(n), 2);
  assert.is(g.u64(events), 2n);
  assert.is(g.dv.getUint16(events + 8, true), Errno.SUCCESS);
  assert.is(g.memory[events + 10], Eventtype.FD_WRITE);
  assert.is(g.u64(events + 32), 3n);
  assert.is(g.dv.getUint16(events + 32 + 8, true), Errno.BADF);
  assert.is(clocks.slept.length, 2);
  // An unknown clock is an event error; no subscriptions is EINVAL.
  clock(0, 5n, 1n, 0, 42);
  assert.is(g.call('poll_oneoff', subs, events, 1, n), Errno.SUCCESS);
  assert.is(g.dv.getUint16(events + 8, true), Errno.INVAL);
  assert.is(g.call('poll_oneoff', subs, events, 0, n), Errno.INVAL);
  assert.is(g.call('poll_oneoff', (1 << 20) - 10, events, 1, n), Errno.FAULT);
});

basics('poll_oneoff reports the bytes left to read in a file', () => {
  const g = memoryGuest();
  assert.is(g.writeFile('f', 'abcdef'), Errno.SUCCESS);
  const [, fd] = g.open('f', { rights: RO });
  g.read(fd, 2);
  const subs = g.alloc(48);
  const events = g.alloc(32);
  const n = g.alloc(4);
  g.memory[subs + 8] = Eventtype.FD_READ;
  g.dv.setUint32(subs + 16, fd, true);
  assert.is(g.call('poll_oneoff', subs, events, 1, n), Errno.SUCCESS);
  assert.is(g.u64(events + 16), 4n);
});

basics('preopens: prestat, names, the end of the list', () => {
  const fs = new MemoryFileSystem();
  fs.mkdir('/a');
  fs.mkdir('/b');
  const g = new Guest(
    new WasiCtxBuilder().preopenDir('/a', '/data', { fs }).preopenDir('/b', '.', { fs }).build(),
  );
  const out = g.alloc(8);
  assert.is(g.call('fd_prestat_get', 3, out), Errno.SUCCESS);
  assert.is(g.memory[out], 0);
  assert.is(g.u32(out + 4), 5);
  const name = g.alloc(16);
  assert.is(g.call('fd_prestat_dir_name', 3, name, 5), Errno.SUCCESS);
  assert.is(g.text(name, 5), '/data');
  assert.is(g.call('fd_prestat_dir_name', 3, name, 4), Errno.NAMETOOLONG);
  assert.is(g.call('fd_prestat_get', 4, out), Errno.SUCCESS);
  assert.is(g.u32(out + 4), 1);
  assert.is(g.call('fd_prestat_get', 5, out), Errno.BADF);
  assert.is(g.call('fd_prestat_get', 1, out), Errno.BADF);
  const st = g.alloc(24);
  assert.is(g.call('fd_fdstat_get', 3, st), Errno.SUCCESS);
  assert.is(g.memory[st], Filetype.DIRECTORY);
  assert.is(g.u64(st + 8), RIGHTS_DIRECTORY_BASE);
  assert.is(g.u64(st + 16), RIGHTS_DIRECTORY_INHERITING);
});

basics('the builder: a missing preopen directory throws; env names are checked', () => {
  assert.throws(() => new WasiCtxBuilder().preopenDir('/no/such/dir/here', '/x').build());
  assert.throws(() => new WasiCtxBuilder().env('A=B', 'c'));
  const mem = new MemoryFileSystem();
  assert.throws(() => new WasiCtxBuilder().preopenDir('/nothing', '/x', { fs: mem }).build());
});

basics.run();

// Files and directories, on every backend.

for (const backend of BACKENDS) {
  const t = suite<{ s: Setup; g: Guest }>(`files: ${backend.name}`);
  t.before.each((c) => {
    c.s = backend.setup();
    c.g = new Guest(c.s.ctx());
  });
  t.after.each((c) => {
    c.g.ctx.close();
    c.s.cleanup();
  });

  t('an iovec out of bounds is EFAULT before anything is written or read', ({ g, s }) => {
    const [e, fd] = g.open('io.txt', { oflags: Oflags.CREAT });
    assert.is(e, Errno.SUCCESS);
    const iovs = (first: number, second: number) => {
      g.reset();
      const buf = g.alloc(4);
      g.memory.set(new TextEncoder().encode('ABCD'), buf);
      const iov = g.alloc(16);
      g.dv.setUint32(iov, buf, true);
      g.dv.setUint32(iov + 4, first, true);
      g.dv.setUint32(iov + 8, g.memory.length - 2, true); // runs past the end
      g.dv.setUint32(iov + 12, second, true);
      return { buf, iov, out: g.alloc(8) };
    };
    let c = iovs(4, 4);
    assert.is(g.call('fd_write', fd, c.iov, 2, c.out), Errno.FAULT);
    assert.is(s.host.read('sandbox/io.txt'), '', 'fd_write wrote nothing');
    assert.is(g.call('fd_pwrite', fd, c.iov, 2, 0n, c.out), Errno.FAULT);
    assert.is(s.host.read('sandbox/io.txt'), '', 'fd_pwrite wrote nothing');
    assert.is(g.call('fd_write', 1, c.iov, 2, c.out), Errno.FAULT);
    // Reads: the file has data, and the first buffer stays untouched.
    g.writeFile('io.txt', 'wxyz');
    const [e2, rfd] = g.open('io.txt', { rights: RO });
    assert.is(e2, Errno.SUCCESS);
    c = iovs(4, 4);
    assert.is(g.call('fd_read', rfd, c.iov, 2, c.out), Errno.FAULT);
    assert.is(g.text(c.buf, 4), 'ABCD', 'fd_read read nothing');
    assert.is(g.call('fd_pread', rfd, c.iov, 2, 0n, c.out), Errno.FAULT);
    assert.is(g.text(c.buf, 4), 'ABCD', 'fd_pread read nothing');
    assert.equal(g.read(rfd, 4), [Errno.SUCCESS, 'wxyz'], 'the position did not move');
    // The same iovecs, in bounds, work.
    c = iovs(4, 2);
    assert.is(g.call('fd_write', fd, c.iov, 2, c.out), Errno.SUCCESS);
    assert.is(g.u32(c.out), 6);
  });

  t('create, write, read back, sizes', ({ g, s }) => {
    assert.is(g.writeFile('a.txt', 'hello'), Errno.SUCCESS);
    assert.is(s.host.read('sandbox/a.txt'), 'hello');
    assert.equal(g.readFile('a.txt'), [Errno.SUCCESS, 'hello']);
    const [e, type, size, nlink] = g.stat('a.txt');
    assert.equal([e, type, size, nlink], [Errno.SUCCESS, Filetype.REGULAR_FILE, 5n, 1n]);
    assert.is(g.writeFile('a.txt', 'hi'), Errno.SUCCESS);
    assert.equal(g.readFile('a.txt'), [Errno.SUCCESS, 'hi']);
  });

  t('open flags: CREAT, EXCL, TRUNC, DIRECTORY', ({ g }) => {
    assert.is(g.open('missing')[0], Errno.NOENT);
    assert.is(g.open('new', { oflags: Oflags.CREAT | Oflags.EXCL })[0], Errno.SUCCESS);
    assert.is(g.open('new', { oflags: Oflags.CREAT | Oflags.EXCL })[0], Errno.EXIST);
    assert.is(g.open('new', { oflags: Oflags.DIRECTORY })[0], Errno.NOTDIR);
    assert.is(g.open('new/', { rights: RO })[0], Errno.NOTDIR);
    assert.is(g.open('new/x', { rights: RO })[0], Errno.NOTDIR);
    assert.is(g.open('d', { oflags: Oflags.CREAT | Oflags.DIRECTORY })[0], Errno.INVAL);
    assert.is(g.open('x', { oflags: 0x10 })[0], Errno.INVAL);
    g.writeFile('t', 'abc');
    assert.is(g.open('t', { oflags: Oflags.TRUNC })[0], Errno.SUCCESS);
    assert.equal(g.readFile('t'), [Errno.SUCCESS, '']);
    assert.is(g.mkdir('dir'), Errno.SUCCESS);
    assert.is(g.open('dir', { rights: RO })[0], Errno.SUCCESS);
    assert.is(g.open('dir/', { rights: RO, oflags: Oflags.DIRECTORY })[0], Errno.SUCCESS);
    assert.is(g.open('dir', { rights: Rights.FD_WRITE })[0], Errno.ISDIR);
    assert.is(g.open('.', { rights: RO })[0], Errno.SUCCESS);
    assert.is(g.open('.', { oflags: Oflags.CREAT | Oflags.EXCL })[0], Errno.EXIST);
    assert.is(g.open('', { rights: RO })[0], Errno.NOENT);
  });

  t('open: rights beyond the directory are ENOTCAPABLE; new rights fit the file type', ({ g }) => {
    g.reset();
    const [p, n] = g.bytes('f');
    const out = g.alloc(4);
    assert.is(
      g.call('path_open', 3, 0, p, n, Oflags.CREAT, 1n << 40n, 0n, 0, out),
      Errno.NOTCAPABLE,
    );
    assert.is(
      g.call('path_open', 3, 0, p, n, Oflags.CREAT, Rights.FD_READ, 1n << 35n, 0, out),
      Errno.NOTCAPABLE,
    );
    assert.is(g.call('path_open', 2, 0, p, n, 0, 0n, 0n, 0, out), Errno.NOTDIR);
    assert.is(g.call('path_open', 42, 0, p, n, 0, 0n, 0n, 0, out), Errno.BADF);
    const [e, fd] = g.open('f', { oflags: Oflags.CREAT });
    assert.is(e, Errno.SUCCESS);
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    assert.is(g.memory[st], Filetype.REGULAR_FILE);
    assert.is(g.u64(st + 8) & Rights.PATH_OPEN, 0n);
    assert.ok((g.u64(st + 8) & Rights.FD_SEEK) !== 0n);
    const [, dir] = g.open('.', { rights: RO });
    g.call('fd_fdstat_get', dir, st);
    assert.is(g.memory[st], Filetype.DIRECTORY);
    assert.is(g.u64(st + 8) & (Rights.FD_READ | Rights.FD_SEEK), 0n);
    // Using a file where a directory is needed, and the reverse.
    assert.is(g.mkdir('x', fd), Errno.NOTDIR);
    assert.is(g.read(dir, 4)[0], Errno.ISDIR);
    assert.equal(g.write(dir, 'x'), [Errno.BADF, 0]);
  });

  t('seek, tell, pread, pwrite, append', ({ g, s }) => {
    const [, fd] = g.open('f', { oflags: Oflags.CREAT });
    g.write(fd, '0123456789');
    const off = g.alloc(8);
    assert.is(g.call('fd_seek', fd, 2n, Whence.SET, off), Errno.SUCCESS);
    assert.is(g.u64(off), 2n);
    assert.equal(g.read(fd, 3), [Errno.SUCCESS, '234']);
    assert.is(g.call('fd_tell', fd, off), Errno.SUCCESS);
    assert.is(g.u64(off), 5n);
    assert.is(g.call('fd_seek', fd, -2n, Whence.CUR, off), Errno.SUCCESS);
    assert.is(g.u64(off), 3n);
    assert.is(g.call('fd_seek', fd, -1n, Whence.END, off), Errno.SUCCESS);
    assert.is(g.u64(off), 9n);
    assert.is(g.call('fd_seek', fd, -20n, Whence.END, off), Errno.INVAL);
    assert.is(g.call('fd_seek', fd, 0n, 7, off), Errno.INVAL);
    assert.is(g.call('fd_seek', fd, 20n, Whence.SET, off), Errno.SUCCESS);
    assert.equal(g.read(fd, 3), [Errno.SUCCESS, '']);
    g.reset();
    const buf = g.alloc(4);
    const iov = g.alloc(8);
    g.dv.setUint32(iov, buf, true);
    g.dv.setUint32(iov + 4, 4, true);
    const n = g.alloc(4);
    assert.is(g.call('fd_pread', fd, iov, 1, 6n, n), Errno.SUCCESS);
    assert.is(g.text(buf, g.u32(n)), '6789');
    g.memory.set(new TextEncoder().encode('ABCD'), buf);
    assert.is(g.call('fd_pwrite', fd, iov, 1, 1n, n), Errno.SUCCESS);
    assert.is(g.u32(n), 4);
    assert.is(g.call('fd_tell', fd, off), Errno.SUCCESS);
    assert.is(g.u64(off), 20n);
    g.call('fd_close', fd);
    assert.is(s.host.read('sandbox/f'), '0ABCD56789');
    const [, app] = g.open('f', { fdflags: Fdflags.APPEND });
    g.write(app, '+');
    g.write(app, '!');
    const st = g.alloc(24);
    g.call('fd_fdstat_get', app, st);
    assert.is(g.dv.getUint16(st + 2, true), Fdflags.APPEND);
    assert.is(g.call('fd_fdstat_set_flags', app, 0), Errno.SUCCESS);
    assert.is(g.call('fd_seek', app, 0n, Whence.SET, off), Errno.SUCCESS);
    g.write(app, '<');
    assert.is(g.call('fd_fdstat_set_flags', app, 0x100), Errno.INVAL);
    assert.is(s.host.read('sandbox/f'), '<ABCD56789+!');
  });

  t('reading a write-only and writing a read-only descriptor are EBADF', ({ g }) => {
    g.writeFile('f', 'data');
    const [, ro] = g.open('f', { rights: RO });
    assert.equal(g.write(ro, 'x'), [Errno.BADF, 0]);
    const [, wo] = g.open('f', { rights: Rights.FD_WRITE });
    assert.is(g.read(wo, 4)[0], Errno.BADF);
    assert.is(g.call('fd_close', wo), Errno.SUCCESS);
    assert.is(g.call('fd_close', wo), Errno.BADF);
    assert.is(g.read(wo, 4)[0], Errno.BADF);
  });

  t('file sizes, allocation, times, sync, advise', ({ g }) => {
    const [, fd] = g.open('f', { oflags: Oflags.CREAT });
    g.write(fd, 'abcdef');
    assert.is(g.call('fd_filestat_set_size', fd, 3n), Errno.SUCCESS);
    const st = g.alloc(64);
    g.call('fd_filestat_get', fd, st);
    assert.is(g.u64(st + 32), 3n);
    assert.is(g.memory[st + 16], Filetype.REGULAR_FILE);
    assert.is(g.call('fd_allocate', fd, 0n, 10n), Errno.SUCCESS);
    g.call('fd_filestat_get', fd, st);
    assert.is(g.u64(st + 32), 10n);
    assert.is(g.call('fd_allocate', fd, 0n, 4n), Errno.SUCCESS);
    g.call('fd_filestat_get', fd, st);
    assert.is(g.u64(st + 32), 10n);
    const t1 = 1_000_000_000_000_000_000n;
    const t2 = 1_234_567_890_000_000_000n;
    assert.is(
      g.call('fd_filestat_set_times', fd, t1, t2, Fstflags.ATIM | Fstflags.MTIM),
      Errno.SUCCESS,
    );
    g.call('fd_filestat_get', fd, st);
    assert.is(g.u64(st + 40) / 1_000_000n, t1 / 1_000_000n);
    assert.is(g.u64(st + 48) / 1_000_000n, t2 / 1_000_000n);
    assert.is(g.call('fd_filestat_set_times', fd, 0n, 0n, Fstflags.MTIM_NOW), Errno.SUCCESS);
    g.call('fd_filestat_get', fd, st);
    assert.is(g.u64(st + 40) / 1_000_000n, t1 / 1_000_000n);
    assert.ok(g.u64(st + 48) > t2);
    assert.is(
      g.call('fd_filestat_set_times', fd, 0n, 0n, Fstflags.ATIM | Fstflags.ATIM_NOW),
      Errno.INVAL,
    );
    assert.is(g.call('fd_filestat_set_times', fd, 0n, 0n, 0x10), Errno.INVAL);
    g.reset();
    const [p, n] = g.bytes('f');
    assert.is(g.call('path_filestat_set_times', 3, 0, p, n, t1, t1, Fstflags.MTIM), Errno.SUCCESS);
    assert.is(g.stat('f')[0], Errno.SUCCESS);
    assert.is(g.call('fd_sync', fd), Errno.SUCCESS);
    assert.is(g.call('fd_datasync', fd), Errno.SUCCESS);
    assert.is(g.call('fd_sync', 3), Errno.SUCCESS);
    assert.is(g.call('fd_advise', fd, 0n, 0n, 2), Errno.SUCCESS);
    assert.is(g.call('fd_advise', fd, 0n, 0n, 9), Errno.INVAL);
    assert.is(g.call('fd_filestat_set_size', 3, 0n), Errno.NOTCAPABLE);
  });

  t('fdstat rights can shrink, never grow', ({ g }) => {
    const [, fd] = g.open('f', { oflags: Oflags.CREAT });
    assert.is(g.call('fd_fdstat_set_rights', fd, Rights.FD_READ, 0n), Errno.SUCCESS);
    assert.equal(g.write(fd, 'x'), [Errno.BADF, 0]);
    const off = g.alloc(8);
    assert.is(g.call('fd_seek', fd, 1n, Whence.SET, off), Errno.NOTCAPABLE);
    assert.is(
      g.call('fd_fdstat_set_rights', fd, Rights.FD_READ | Rights.FD_WRITE, 0n),
      Errno.NOTCAPABLE,
    );
    assert.is(
      g.call(
        'fd_fdstat_set_rights',
        3,
        RIGHTS_DIRECTORY_BASE & ~Rights.PATH_CREATE_DIRECTORY,
        RIGHTS_DIRECTORY_INHERITING,
      ),
      Errno.SUCCESS,
    );
    assert.is(g.mkdir('d'), Errno.NOTCAPABLE);
  });

  t('renumber and close', ({ g }) => {
    g.writeFile('a', 'A');
    g.writeFile('b', 'B');
    const [, a] = g.open('a', { rights: RO });
    const [, b] = g.open('b', { rights: RO });
    assert.is(g.call('fd_renumber', a, b), Errno.SUCCESS);
    assert.equal(g.read(b, 10), [Errno.SUCCESS, 'A']);
    assert.is(g.read(a, 10)[0], Errno.BADF);
    assert.is(g.call('fd_renumber', b, 99), Errno.BADF);
    assert.is(g.call('fd_renumber', 99, b), Errno.BADF);
    assert.is(g.call('fd_renumber', b, b), Errno.SUCCESS);
    // The lowest free number is reused.
    const [, c] = g.open('a', { rights: RO });
    assert.is(c, a);
  });

  t('directories: create, list (small buffers, cookies), remove', ({ g }) => {
    assert.is(g.mkdir('d'), Errno.SUCCESS);
    assert.is(g.mkdir('d'), Errno.EXIST);
    assert.is(g.mkdir('d/'), Errno.EXIST);
    assert.is(g.mkdir('.'), Errno.EXIST);
    assert.is(g.mkdir('x/y'), Errno.NOENT);
    const names: string[] = [];
    for (let i = 0; i < 30; i++) {
      const name = `entry-with-a-name-of-some-length-${String(i).padStart(2, '0')}`;
      names.push(name);
      assert.is(g.writeFile(`d/${name}`, String(i)), Errno.SUCCESS);
    }
    assert.is(g.mkdir('d/sub'), Errno.SUCCESS);
    const [e, fd] = g.open('d', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(e, Errno.SUCCESS);
    for (const size of [4096, 100, 30, 24]) {
      const [re, listed] = g.readdir(fd, size);
      assert.is(re, Errno.SUCCESS);
      assert.equal(listed.slice().sort(), ['.', '..', ...names, 'sub'].sort(), `buffer of ${size}`);
    }
    // A cookie past the end lists nothing.
    const buf = g.alloc(256);
    const used = g.alloc(4);
    assert.is(g.call('fd_readdir', fd, buf, 256, 1000n, used), Errno.SUCCESS);
    assert.is(g.u32(used), 0);
    // Entry types.
    g.call('fd_readdir', fd, buf, 256, 0n, used);
    assert.is(g.memory[buf + 20], Filetype.DIRECTORY);
    assert.is(g.call('fd_readdir', 1, buf, 256, 0n, used), Errno.NOTDIR);
    assert.is(g.rmdir('d'), Errno.NOTEMPTY);
    assert.is(g.rmdir('d/entry-with-a-name-of-some-length-00'), Errno.NOTDIR);
    assert.is(g.unlink('d/sub'), Errno.ISDIR);
    assert.is(g.unlink('d/sub/'), Errno.ISDIR);
    assert.is(g.unlink('d/entry-with-a-name-of-some-length-00/'), Errno.NOTDIR);
    assert.is(g.rmdir('d/sub/'), Errno.SUCCESS);
    for (const name of names) assert.is(g.unlink(`d/${name}`), Errno.SUCCESS);
    assert.is(g.rmdir('d'), Errno.SUCCESS);
    assert.is(g.rmdir('d'), Errno.NOENT);
    assert.is(g.rmdir('.'), Errno.INVAL);
    assert.is(g.unlink('.'), Errno.ISDIR);
  });

  t('rename: files, directories, replacing, errors', ({ g, s }) => {
    g.writeFile('a', 'A');
    g.writeFile('b', 'B');
    g.mkdir('d');
    g.mkdir('e');
    g.writeFile('e/x', 'x');
    assert.is(g.rename('a', 'b'), Errno.SUCCESS);
    assert.equal(g.readFile('b'), [Errno.SUCCESS, 'A']);
    assert.is(g.rename('a', 'c'), Errno.NOENT);
    assert.is(g.rename('b', 'd'), Errno.ISDIR);
    assert.is(g.rename('d', 'b'), Errno.NOTDIR);
    assert.is(g.rename('d', 'e'), Errno.NOTEMPTY);
    assert.is(g.rename('d', 'd/inner'), Errno.INVAL);
    assert.is(g.rename('b', 'b/'), Errno.NOTDIR);
    assert.is(g.rename('d', 'd2'), Errno.SUCCESS);
    assert.is(g.rename('e', 'd2'), Errno.SUCCESS);
    assert.equal(g.readFile('d2/x'), [Errno.SUCCESS, 'x']);
    assert.is(g.rename('b', 'd2/b'), Errno.SUCCESS);
    assert.ok(s.host.exists('sandbox/d2/b'));
    assert.is(g.rename('.', 'x'), Errno.BUSY);
  });

  t('hard links and symlinks', ({ g }) => {
    g.writeFile('f', 'data');
    assert.is(g.link('f', 'g'), Errno.SUCCESS);
    assert.is(g.stat('f')[3], 2n);
    assert.is(g.link('f', 'g'), Errno.EXIST);
    assert.is(g.link('missing', 'h'), Errno.NOENT);
    g.mkdir('d');
    assert.is(g.link('d', 'd2'), Errno.PERM);
    assert.is(g.symlink('f', 'l'), Errno.SUCCESS);
    assert.is(g.symlink('f', 'l'), Errno.EXIST);
    assert.is(g.symlink('', 'empty'), Errno.NOENT);
    assert.equal(g.readlink('l'), [Errno.SUCCESS, 'f']);
    assert.equal(g.readlink('l', 3, 0), [Errno.SUCCESS, '']);
    assert.is(g.readlink('f')[0], Errno.INVAL);
    assert.is(g.readlink('missing')[0], Errno.NOENT);
    assert.is(g.stat('l', false)[1], Filetype.SYMBOLIC_LINK);
    assert.equal(g.stat('l', true).slice(0, 3), [Errno.SUCCESS, Filetype.REGULAR_FILE, 4n]);
    // link without follow links the symlink itself; with follow, its target.
    assert.is(g.link('l', 'l2'), Errno.SUCCESS);
    assert.is(g.stat('l2', false)[1], Filetype.SYMBOLIC_LINK);
    assert.is(g.link('l', 'f2', true), Errno.SUCCESS);
    assert.is(g.stat('f2', false)[1], Filetype.REGULAR_FILE);
    assert.is(g.stat('f', false)[3], 3n);
    // Dangling: open fails, O_CREAT creates the target, unlink removes the link.
    assert.is(g.symlink('target', 'dangling'), Errno.SUCCESS);
    assert.is(g.open('dangling', { rights: RO })[0], Errno.NOENT);
    assert.is(g.open('dangling', { oflags: Oflags.CREAT | Oflags.EXCL })[0], Errno.EXIST);
    assert.is(g.open('dangling', { oflags: Oflags.CREAT })[0], Errno.SUCCESS);
    assert.is(g.stat('target')[1], Filetype.REGULAR_FILE);
    assert.is(g.unlink('dangling'), Errno.SUCCESS);
    assert.is(g.stat('target')[0], Errno.SUCCESS);
    // A trailing slash follows a symlink to a directory.
    assert.is(g.symlink('d', 'dl'), Errno.SUCCESS);
    assert.is(g.stat('dl/', false)[1], Filetype.DIRECTORY);
    assert.is(g.open('dl', { rights: RO, dirflags: 0 })[0], Errno.LOOP);
  });

  t('an unlinked file stays readable through its descriptor', ({ g }) => {
    g.writeFile('f', 'still here');
    const [, fd] = g.open('f', { rights: RO });
    assert.is(g.unlink('f'), Errno.SUCCESS);
    assert.is(g.stat('f')[0], Errno.NOENT);
    assert.equal(g.read(fd, 100), [Errno.SUCCESS, 'still here']);
  });

  t('descriptors of a removed directory cannot create anything', ({ g }) => {
    g.mkdir('d');
    const [, fd] = g.open('d', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(g.rmdir('d'), Errno.SUCCESS);
    assert.is(g.open('x', { oflags: Oflags.CREAT }, fd)[0], Errno.NOENT);
    assert.is(g.mkdir('x', fd), Errno.NOENT);
  });

  t.run();
}
