/** WASI through the `weft` facade: a linked module, proc_exit, the browser entry, errno mapping. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Config, Engine, Linker, Module, Store, Trap } from 'weft-wasm';
import { parseWat } from '@weft/wast';
import {
  addToLinker,
  Errno,
  errnoOf,
  LineOutputStream,
  MemoryFileSystem,
  MemoryOutputStream,
  runCommand,
  SIGNATURES,
  WASI_MODULE,
  WasiCtxBuilder,
  WasiError,
  WasiExit,
} from '#src/index.js';
import * as browser from '#src/browser.js';

const HELLO = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm\\n")
  (data (i32.const 64) "notes.txt")
  (func $write (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 16))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func $nested (param i32) (call $proc_exit (local.get 0)))
  (func (export "_start") (drop (call $write (i32.const 1))))
  (func (export "exit_deep") (param i32) (call $nested (local.get 0)) unreachable)
  (func (export "write_to") (param i32) (result i32) (call $write (local.get 0)))
  (func (export "create") (result i32)
    (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const 9)
      (i32.const 1) (i64.const 0x42) (i64.const 0) (i32.const 0) (i32.const 100)))
  (func (export "opened") (result i32) (i32.load (i32.const 100)))
  (func (export "crash") unreachable))`;

function instantiate(configure: (b: WasiCtxBuilder) => WasiCtxBuilder) {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const ctx = configure(new WasiCtxBuilder()).build();
  const linker = new Linker(engine);
  addToLinker(linker, store, ctx);
  const instance = linker.instantiate(store, new Module(engine, HELLO));
  return { store, ctx, instance };
}

test('every function of wasi_snapshot_preview1 is defined', () => {
  assert.is(Object.keys(SIGNATURES).length, 46);
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const linker = new Linker(engine);
  addToLinker(linker, store, new WasiCtxBuilder().build());
  for (const name of Object.keys(SIGNATURES)) assert.ok(linker.get(store, WASI_MODULE, name), name);
});

test('a command writes to stdout and returns 0', () => {
  const out = new MemoryOutputStream();
  const { store, instance } = instantiate((b) => b.stdout(out));
  assert.is(runCommand(store, instance), 0);
  assert.is(out.text(), 'hello from wasm\n');
});

test('proc_exit under wasm frames reaches the caller of Func.call as WasiExit', () => {
  const { store, instance } = instantiate((b) => b);
  try {
    instance.getFunc(store, 'exit_deep')!.call(store, 7);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WasiExit);
    assert.not.instance(e, Trap);
    assert.is((e as WasiExit).code, 7);
  }
  // The store keeps working afterwards.
  assert.is(instance.getFunc(store, 'write_to')!.call(store, 99), Errno.BADF);
});

test('traps stay traps', () => {
  const { store, instance } = instantiate((b) => b);
  assert.throws(
    () => instance.getFunc(store, 'crash')!.call(store),
    (e: unknown) => e instanceof Trap,
  );
});

test('files through the linked functions, in a memory filesystem', () => {
  const fs = new MemoryFileSystem();
  fs.mkdir('/data');
  const { store, instance } = instantiate((b) => b.preopenDir('/data', '/data', { fs }));
  assert.is(instance.getFunc(store, 'create')!.call(store), Errno.SUCCESS);
  const fd = instance.getFunc(store, 'opened')!.call(store) as number;
  assert.is(fd, 4);
  assert.is(instance.getFunc(store, 'write_to')!.call(store, fd), Errno.SUCCESS);
  assert.is(fs.readTextFile('/data/notes.txt'), 'hello from wasm\n');
});

test('a module without memory gets EFAULT, not a crash', () => {
  const engine = new Engine(new Config({ textParser: parseWat }));
  const store = new Store(engine);
  const linker = new Linker(engine);
  addToLinker(linker, store, new WasiCtxBuilder().build());
  const m = new Module(
    engine,
    `(module (import "wasi_snapshot_preview1" "args_sizes_get" (func $f (param i32 i32) (result i32)))
       (func (export "f") (result i32) (call $f (i32.const 0) (i32.const 4))))`,
  );
  assert.is(linker.instantiate(store, m).getFunc(store, 'f')!.call(store), Errno.FAULT);
});

test('the browser entry: no host filesystem, console stdio', () => {
  assert.throws(
    () => new browser.WasiCtxBuilder().preopenDir('/x', '/x').build(),
    /no host filesystem/,
  );
  const fs = new browser.MemoryFileSystem();
  fs.writeFile('/site/index.html', '<p>hi</p>');
  const ctx = new browser.WasiCtxBuilder()
    .filesystem(fs)
    .preopenDir('/site', '/')
    .inheritStdio()
    .build();
  assert.is(ctx.fds.length, 4);
  const lines: string[] = [];
  const s = new LineOutputStream((l) => lines.push(l));
  const bytes = new TextEncoder().encode('one\ntw');
  s.write(bytes, 0, bytes.length);
  s.write(new TextEncoder().encode('o\n'), 0, 2);
  s.write(new TextEncoder().encode('three'), 0, 5);
  s.flush();
  assert.equal(lines, ['one', 'two', 'three']);
});

test('a last line without newline is output when the program ends, however it ends', () => {
  const PARTIAL = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "done\\nno newline")
    (func $write
      (i32.store (i32.const 0) (i32.const 16))
      (i32.store (i32.const 4) (i32.const 15))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
    (func (export "_start") (call $write))
    (func (export "exit") (call $write) (call $proc_exit (i32.const 3)))
    (func (export "write_only") (call $write)))`;
  const run = (body: (store: Store, instance: ReturnType<Linker['instantiate']>) => void) => {
    const lines: string[] = [];
    const ctx = new WasiCtxBuilder().stdout(new LineOutputStream((l) => lines.push(l))).build();
    const engine = new Engine(new Config({ textParser: parseWat }));
    const store = new Store(engine);
    const linker = new Linker(engine);
    addToLinker(linker, store, ctx);
    body(store, linker.instantiate(store, new Module(engine, PARTIAL)));
    return { lines, ctx };
  };
  // _start returns: runCommand flushes.
  assert.equal(run((store, i) => assert.is(runCommand(store, i), 0)).lines, ['done', 'no newline']);
  // proc_exit flushes before the program unwinds.
  const exited = run((store, i) =>
    assert.throws(
      () => i.getFunc(store, 'exit')!.call(store),
      (e: unknown) => e instanceof WasiExit,
    ),
  );
  assert.equal(exited.lines, ['done', 'no newline']);
  // A host driving calls itself: closing the context flushes.
  const driven = run((store, i) => i.getFunc(store, 'write_only')!.call(store));
  assert.equal(driven.lines, ['done']);
  driven.ctx.close();
  assert.equal(driven.lines, ['done', 'no newline']);
});

test('host errors map to errnos', () => {
  assert.is(errnoOf(new WasiError(Errno.NOTEMPTY)), Errno.NOTEMPTY);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'ENOENT' })), Errno.NOENT);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'EACCES' })), Errno.ACCES);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'EWOULDBLOCK' })), Errno.AGAIN);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'EOPNOTSUPP' })), Errno.NOTSUP);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'E2BIG' })), Errno.TOOBIG);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' })), Errno.INVAL);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'EWHATEVER' })), Errno.IO);
  assert.is(errnoOf(new TypeError('bug')), Errno.IO);
  assert.is(errnoOf('thrown string'), Errno.IO);
});

test('the memory filesystem: host helpers', () => {
  const fs = new MemoryFileSystem({ now: () => 5n });
  fs.writeFile('/a/b/c.txt', 'abc');
  assert.equal(fs.readdirNames('/a'), ['b']);
  assert.is(fs.readTextFile('/a/b/c.txt'), 'abc');
  fs.symlink('b/c.txt', '/a/link');
  assert.is(fs.readTextFile('/a/link'), 'abc');
  assert.is(fs.statPath('/a/link', false).filetype, 7);
  assert.is(fs.statPath('/a/link').size, 3n);
  assert.is(fs.statPath('/a').mtim, 5n);
  assert.ok(fs.exists('/a/b'));
  assert.throws(
    () => fs.remove('/a/b'),
    (e: unknown) => e instanceof WasiError && e.errno === Errno.NOTEMPTY,
  );
  fs.remove('/a/b/c.txt');
  fs.remove('/a/b');
  assert.not.ok(fs.exists('/a/b'));
});

test.run();
