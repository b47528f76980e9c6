/**
 * wasi_unstable (snapshot 0) through a hand-written module that imports it,
 * linked by `addToLinker`: the layouts that differ from preview1 (`whence`,
 * the 56-byte `filestat` with a u32 `nlink`, the clock subscription's
 * `identifier`), the ones that do not (`dirent`, `fdstat`), on every
 * file-system backend of the harness.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Config, Engine, Linker, Memory, Module, Store, type Instance } from 'weft-wasm';
import { parseWat } from '@weft/wast';
import {
  addToLinker,
  Clockid,
  Errno,
  Eventtype,
  Filetype,
  Lookupflags,
  Oflags,
  RIGHTS_UNSTABLE_ALL,
  Rights,
  SIGNATURES,
  SUBSCRIPTION_CLOCK_ABSTIME,
  UNSTABLE_SIGNATURES,
  UnstableWhence,
  WASI_MODULE,
  WASI_UNSTABLE_MODULE,
  WasiCtxBuilder,
  type WasiClocks,
  type WasiCtx,
} from '#src/index.js';
import { BACKENDS, type Setup } from './backends.js';
import { RO, RW } from './harness.js';

/**
 * Each export calls the wasi_unstable import of its name with its own
 * arguments (a host function needs a wasm caller to see the memory);
 * `preview1_path_filestat_get` calls preview1's, to compare the layouts.
 */
const PROGRAM = `(module
  (import "wasi_unstable" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "path_link"
    (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
  (import "wasi_unstable" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_unstable" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $preview1_path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "path_open") (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)
    (call $path_open (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
      (local.get 5) (local.get 6) (local.get 7) (local.get 8)))
  (func (export "path_link") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (call $path_link (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
      (local.get 5) (local.get 6)))
  (func (export "fd_seek") (param i32 i64 i32 i32) (result i32)
    (call $fd_seek (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_tell") (param i32 i32) (result i32)
    (call $fd_tell (local.get 0) (local.get 1)))
  (func (export "fd_read") (param i32 i32 i32 i32) (result i32)
    (call $fd_read (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_close") (param i32) (result i32) (call $fd_close (local.get 0)))
  (func (export "fd_filestat_get") (param i32 i32) (result i32)
    (call $fd_filestat_get (local.get 0) (local.get 1)))
  (func (export "path_filestat_get") (param i32 i32 i32 i32 i32) (result i32)
    (call $path_filestat_get (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "preview1_path_filestat_get") (param i32 i32 i32 i32 i32) (result i32)
    (call $preview1_path_filestat_get (local.get 0) (local.get 1) (local.get 2) (local.get 3)
      (local.get 4)))
  (func (export "fd_fdstat_get") (param i32 i32) (result i32)
    (call $fd_fdstat_get (local.get 0) (local.get 1)))
  (func (export "fd_readdir") (param i32 i32 i32 i64 i32) (result i32)
    (call $fd_readdir (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "poll_oneoff") (param i32 i32 i32 i32) (result i32)
    (call $poll_oneoff (local.get 0) (local.get 1) (local.get 2) (local.get 3))))`;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The program, instantiated over a context, with its memory at hand. */
class Program {
  readonly store: Store;
  readonly instance: Instance;
  readonly memory: Memory;
  private top = 1024;

  constructor(ctx: WasiCtx) {
    const engine = new Engine(new Config({ textParser: parseWat }));
    this.store = new Store(engine);
    const linker = new Linker(engine);
    addToLinker(linker, this.store, ctx);
    this.instance = linker.instantiate(this.store, new Module(engine, PROGRAM));
    this.memory = this.instance.getMemory(this.store, 'memory')!;
  }

  get u8(): Uint8Array {
    return this.memory.data(this.store);
  }

  get dv(): DataView {
    return this.memory.view(this.store);
  }

  call(name: string, ...args: unknown[]): number {
    return this.instance.getFunc(this.store, name)!.call(this.store, ...args) as number;
  }

  alloc(size: number): number {
    const at = (this.top + 7) & ~7;
    this.top = at + size;
    return at;
  }

  /** A string in memory: [pointer, length]. */
  text(s: string): [number, number] {
    const b = enc.encode(s);
    const at = this.alloc(b.length);
    this.u8.set(b, at);
    return [at, b.length];
  }

  u32(ptr: number): number {
    return this.dv.getUint32(ptr, true);
  }

  u64(ptr: number): bigint {
    return this.dv.getBigUint64(ptr, true);
  }

  /** Opens `path` in the preopen (descriptor 3). */
  open(path: string, oflags = 0, rights = RW): number {
    const [p, n] = this.text(path);
    const out = this.alloc(4);
    const errno = this.call(
      'path_open',
      3,
      Lookupflags.SYMLINK_FOLLOW,
      p,
      n,
      oflags,
      rights,
      RW,
      0,
      out,
    );
    assert.is(errno, Errno.SUCCESS, `open ${path}`);
    return this.u32(out);
  }

  /** fd_seek: [errno, new offset]. */
  seek(fd: number, offset: bigint, whence: number): [number, bigint] {
    const out = this.alloc(8);
    const errno = this.call('fd_seek', fd, offset, whence, out);
    return [errno, errno === Errno.SUCCESS ? this.u64(out) : -1n];
  }

  read(fd: number, size: number): string {
    const buf = this.alloc(size);
    const iov = this.alloc(8);
    this.dv.setUint32(iov, buf, true);
    this.dv.setUint32(iov + 4, size, true);
    const out = this.alloc(4);
    assert.is(this.call('fd_read', fd, iov, 1, out), Errno.SUCCESS);
    return dec.decode(this.u8.subarray(buf, buf + this.u32(out)));
  }
}

/** A wasi_unstable `filestat`, read at its offsets. */
function filestat0(p: Program, at: number) {
  return {
    dev: p.u64(at),
    ino: p.u64(at + 8),
    filetype: p.u8[at + 16]!,
    padding: Array.from(p.u8.subarray(at + 17, at + 20)),
    nlink: p.u32(at + 20),
    size: p.u64(at + 24),
    atim: p.u64(at + 32),
    mtim: p.u64(at + 40),
    ctim: p.u64(at + 48),
  };
}

for (const backend of BACKENDS) {
  const t = suite<{ s: Setup }>(`wasi_unstable: ${backend.name}`);
  t.before.each((c) => {
    c.s = backend.setup();
    c.s.host.write('sandbox/data.txt', '0123456789');
    c.s.host.mkdir('sandbox/dir');
    c.s.host.write('sandbox/dir/a', 'A');
    c.s.host.write('sandbox/dir/bb', 'BB');
  });
  t.after.each((c) => c.s.cleanup());

  t('fd_seek takes whence as cur (0), end (1), set (2)', ({ s }) => {
    const p = new Program(s.ctx());
    const fd = p.open('data.txt');
    assert.equal(p.seek(fd, 3n, UnstableWhence.SET), [Errno.SUCCESS, 3n]);
    assert.equal(p.seek(fd, 2n, UnstableWhence.CUR), [Errno.SUCCESS, 5n]);
    assert.is(p.read(fd, 1), '5');
    assert.equal(p.seek(fd, -1n, UnstableWhence.END), [Errno.SUCCESS, 9n]);
    assert.is(p.read(fd, 5), '9');
    // 0 is cur here (it is set in preview1): from 10, not from 0.
    assert.equal(p.seek(fd, -4n, 0), [Errno.SUCCESS, 6n]);
    assert.is(p.read(fd, 2), '67');
    // 2 is set (end in preview1).
    assert.equal(p.seek(fd, 1n, 2), [Errno.SUCCESS, 1n]);
    const tell = p.alloc(8);
    assert.is(p.call('fd_tell', fd, tell), Errno.SUCCESS);
    assert.is(p.u64(tell), 1n);
    assert.equal(p.seek(fd, 0n, 3), [Errno.INVAL, -1n]);
    assert.equal(p.seek(fd, -2n, UnstableWhence.SET), [Errno.INVAL, -1n]);
    assert.equal(p.seek(99, 0n, UnstableWhence.CUR), [Errno.BADF, -1n]);
  });

  t('fd_filestat_get and path_filestat_get: 56 bytes, nlink a u32 at 20, size at 24', ({ s }) => {
    const p = new Program(s.ctx());
    const [from, fromLen] = p.text('data.txt');
    const [to, toLen] = p.text('link.txt');
    assert.is(p.call('path_link', 3, 0, from, fromLen, 3, to, toLen), Errno.SUCCESS);
    const fd = p.open('data.txt');
    const out = p.alloc(64);
    p.u8.fill(0xee, out, out + 64);
    assert.is(p.call('fd_filestat_get', fd, out), Errno.SUCCESS);
    const f = filestat0(p, out);
    assert.is(f.filetype, Filetype.REGULAR_FILE);
    assert.equal(f.padding, [0, 0, 0]);
    assert.is(f.nlink, 2);
    assert.is(f.size, 10n);
    assert.ok(f.mtim > 0n && f.ctim > 0n);
    assert.equal(Array.from(p.u8.subarray(out + 56, out + 64)), new Array(8).fill(0xee));

    // The same file by path, through both snapshots: the same values at their own offsets.
    const [path, len] = p.text('link.txt');
    const byPath = p.alloc(64);
    p.u8.fill(0xee, byPath, byPath + 64);
    const flags = Lookupflags.SYMLINK_FOLLOW;
    assert.is(p.call('path_filestat_get', 3, flags, path, len, byPath), Errno.SUCCESS);
    assert.equal(filestat0(p, byPath), f);
    assert.equal(Array.from(p.u8.subarray(byPath + 56, byPath + 64)), new Array(8).fill(0xee));
    const p1 = p.alloc(64);
    assert.is(p.call('preview1_path_filestat_get', 3, flags, path, len, p1), Errno.SUCCESS);
    assert.is(p.u64(p1 + 8), f.ino);
    assert.is(p.u64(p1 + 24), 2n, 'preview1: nlink, a u64 at 24');
    assert.is(p.u64(p1 + 32), 10n, 'preview1: size at 32');
    assert.is(p.u64(p1 + 48), f.mtim);

    // A directory, and errors.
    const [dir, dirLen] = p.text('dir');
    assert.is(p.call('path_filestat_get', 3, 0, dir, dirLen, byPath), Errno.SUCCESS);
    assert.is(filestat0(p, byPath).filetype, Filetype.DIRECTORY);
    const [missing, missingLen] = p.text('missing');
    assert.is(p.call('path_filestat_get', 3, 0, missing, missingLen, byPath), Errno.NOENT);
    assert.is(p.call('fd_filestat_get', fd, 65536 - 55), Errno.FAULT);
    assert.is(p.call('fd_filestat_get', fd, 65536 - 56), Errno.SUCCESS);
  });

  t('fd_readdir: dirents as in preview1 (d_next, d_ino, d_namlen at 16, d_type at 20)', ({ s }) => {
    const p = new Program(s.ctx());
    const fd = p.open('dir', Oflags.DIRECTORY, RO);
    const buf = p.alloc(512);
    const used = p.alloc(4);
    assert.is(p.call('fd_readdir', fd, buf, 512, 0n, used), Errno.SUCCESS);
    const entries = new Map<string, { next: bigint; ino: bigint; type: number }>();
    const end = buf + p.u32(used);
    for (let at = buf; at < end;) {
      const len = p.u32(at + 16);
      const name = dec.decode(p.u8.subarray(at + 24, at + 24 + len));
      entries.set(name, { next: p.u64(at), ino: p.u64(at + 8), type: p.u8[at + 20]! });
      at += 24 + len;
    }
    assert.equal([...entries.keys()].sort(), ['.', '..', 'a', 'bb']);
    assert.is(entries.get('.')!.type, Filetype.DIRECTORY);
    assert.is(entries.get('bb')!.type, Filetype.REGULAR_FILE);
    const [path, len] = p.text('dir/bb');
    const stat = p.alloc(56);
    assert.is(p.call('path_filestat_get', 3, 0, path, len, stat), Errno.SUCCESS);
    assert.is(entries.get('bb')!.ino, filestat0(p, stat).ino);
    // Resuming from the cookie of the third entry gives the fourth.
    const cookies = [...entries.values()].map((e) => e.next).sort();
    assert.equal(cookies, [1n, 2n, 3n, 4n]);
    assert.is(p.call('fd_readdir', fd, buf, 512, 3n, used), Errno.SUCCESS);
    assert.is(p.u64(buf), 4n);
    assert.is(p.call('fd_close', fd), Errno.SUCCESS);
  });

  t(
    'poll_oneoff: the clock subscription has identifier at 16, id at 24, timeout at 32, flags at 48',
    ({ s }) => {
      const p = new Program(s.ctx());
      const fd = p.open('data.txt');
      const subs = p.alloc(56 * 3);
      const events = p.alloc(32 * 3);
      const n = p.alloc(4);
      const clock = (i: number, userdata: bigint, timeout: bigint, flags: number) => {
        const at = subs + 56 * i;
        p.dv.setBigUint64(at, userdata, true);
        p.u8[at + 8] = Eventtype.CLOCK;
        p.dv.setBigUint64(at + 16, 0xdeadbeef_deadbeefn, true); // identifier: ignored
        p.dv.setUint32(at + 24, Clockid.MONOTONIC, true);
        p.dv.setBigUint64(at + 32, timeout, true);
        p.dv.setBigUint64(at + 40, 0xffff_ffffn, true); // precision
        p.dv.setUint16(at + 48, flags, true);
      };
      clock(0, 0x1111n, 3_600_000_000_000n, 0); // an hour from now
      clock(1, 0x2222n, 0n, SUBSCRIPTION_CLOCK_ABSTIME); // long past
      const at = subs + 56 * 2;
      p.dv.setBigUint64(at, 0x3333n, true);
      p.u8[at + 8] = Eventtype.FD_READ;
      p.dv.setUint32(at + 16, fd, true);
      assert.is(p.call('poll_oneoff', subs, events, 3, n), Errno.SUCCESS);
      assert.is(p.u32(n), 2);
      // The file is ready with all 10 bytes to read; the past deadline has expired.
      assert.is(p.u64(events), 0x3333n);
      assert.is(p.dv.getUint16(events + 8, true), Errno.SUCCESS);
      assert.is(p.u8[events + 10], Eventtype.FD_READ);
      assert.is(p.u64(events + 16), 10n);
      assert.is(p.u64(events + 32), 0x2222n);
      assert.is(p.dv.getUint16(events + 32 + 8, true), Errno.SUCCESS);
      assert.is(p.u8[events + 32 + 10], Eventtype.CLOCK);
      // Read with preview1's offsets, the identifier would have been the clock id.
      p.dv.setUint32(subs + 56 + 24, 42, true);
      assert.is(p.call('poll_oneoff', subs + 56, events, 1, n), Errno.SUCCESS);
      assert.is(p.dv.getUint16(events + 8, true), Errno.INVAL, 'clock 42 is unknown');
      assert.is(p.call('poll_oneoff', 65536 - 55, events, 1, n), Errno.FAULT);
    },
  );

  t('fd_fdstat_get: same layout; the rights are those of snapshot 0', ({ s }) => {
    const p = new Program(s.ctx());
    const out = p.alloc(24);
    assert.is(p.call('fd_fdstat_get', 3, out), Errno.SUCCESS);
    assert.is(p.u8[out], Filetype.DIRECTORY);
    const base = p.u64(out + 8);
    const inheriting = p.u64(out + 16);
    assert.ok((base & Rights.PATH_OPEN) !== 0n);
    assert.ok((inheriting & Rights.FD_READ) !== 0n);
    assert.is(base & ~RIGHTS_UNSTABLE_ALL, 0n);
    assert.is(inheriting & ~RIGHTS_UNSTABLE_ALL, 0n);
  });

  t.run();
}

/** Clocks under the test's control: `sleep` advances them. */
class FakeClocks implements WasiClocks {
  time = 1_000_000_000n;
  slept: bigint[] = [];
  now(id: number): bigint {
    if (id > Clockid.THREAD_CPUTIME_ID) throw Object.assign(new Error('bad'), { code: 'EINVAL' });
    return this.time;
  }
  resolution(): bigint {
    return 1n;
  }
  sleep(ns: bigint): void {
    this.slept.push(ns);
    this.time += ns;
  }
}

const linking = suite('wasi_unstable: linking');

linking('a relative clock subscription sleeps for its timeout, read at 32', () => {
  const clocks = new FakeClocks();
  const p = new Program(new WasiCtxBuilder().clocks(clocks).build());
  const subs = p.alloc(56);
  const events = p.alloc(32);
  const n = p.alloc(4);
  p.dv.setBigUint64(subs, 77n, true);
  p.u8[subs + 8] = Eventtype.CLOCK;
  p.dv.setBigUint64(subs + 16, 5n, true); // identifier
  p.dv.setUint32(subs + 24, Clockid.REALTIME, true);
  p.dv.setBigUint64(subs + 32, 2_500_000n, true);
  assert.is(p.call('poll_oneoff', subs, events, 1, n), Errno.SUCCESS);
  assert.equal(clocks.slept, [2_500_000n]);
  assert.is(p.u32(n), 1);
  assert.is(p.u64(events), 77n);
  assert.is(p.u8[events + 10], Eventtype.CLOCK);
});

linking('both snapshots are defined; wasi_unstable has 45 functions, no sock_accept', () => {
  assert.is(Object.keys(UNSTABLE_SIGNATURES).length, 45);
  assert.not.ok('sock_accept' in UNSTABLE_SIGNATURES);
  for (const [name, sig] of Object.entries(UNSTABLE_SIGNATURES)) assert.is(SIGNATURES[name], sig);
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const linker = new Linker(engine);
  addToLinker(linker, store, new WasiCtxBuilder().build());
  for (const name of Object.keys(UNSTABLE_SIGNATURES)) {
    assert.ok(linker.get(store, WASI_UNSTABLE_MODULE, name), name);
  }
  assert.is(linker.get(store, WASI_UNSTABLE_MODULE, 'sock_accept'), null);
  assert.ok(linker.get(store, WASI_MODULE, 'sock_accept'));
  // Only the snapshots asked for.
  const only = new Linker(engine);
  addToLinker(only, store, new WasiCtxBuilder().build(), { modules: [WASI_UNSTABLE_MODULE] });
  assert.ok(only.get(store, WASI_UNSTABLE_MODULE, 'fd_write'));
  assert.is(only.get(store, WASI_MODULE, 'fd_write'), null);
});

linking.run();
