/**
 * Sandbox escapes: a guest reaches nothing outside its preopened directory,
 * whatever path, symlink, rename or race it tries. Every case runs on the
 * Node backend (through /proc/self/fd, and through re-checked paths) and on
 * the in-memory filesystem.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Errno,
  Filetype,
  Lookupflags,
  Oflags,
  Rights,
  type FileSystem,
  type OpenOptions,
} from '#src/index.js';
import { BACKENDS, type Host, type Setup } from './backends.js';
import { Guest, RO } from './harness.js';

const SECRET = 'outside secret\n';

/** The tree: sandbox/ (preopened) with links of every kind, and outside/ beside it. */
function populate(host: Host): void {
  host.write('outside/secret.txt', SECRET);
  host.mkdir('outside/dir');
  host.write('outside/dir/deep.txt', SECRET);
  host.write('sandbox/file.txt', 'inside\n');
  host.mkdir('sandbox/sub/deeper');
  host.write('sandbox/sub/inner.txt', 'inner\n');
  host.symlink(host.abs('outside/secret.txt'), 'sandbox/abs-link');
  host.symlink('/etc/passwd', 'sandbox/etc-link');
  host.symlink('../outside/secret.txt', 'sandbox/rel-link');
  host.symlink('../outside', 'sandbox/dir-link');
  host.symlink('chain2', 'sandbox/chain1');
  host.symlink('sub/chain3', 'sandbox/chain2');
  host.symlink('../../outside/secret.txt', 'sandbox/sub/chain3');
  host.symlink('loop2', 'sandbox/loop1');
  host.symlink('loop1', 'sandbox/loop2');
  host.symlink('self', 'sandbox/self');
  host.symlink('sub/inner.txt', 'sandbox/good-link');
  host.symlink('..', 'sandbox/sub/up');
  host.symlink('../..', 'sandbox/sub/upup');
  host.symlink('deeper/../../file.txt', 'sandbox/sub/round-trip');
}

for (const backend of BACKENDS) {
  const t = suite<{ s: Setup; g: Guest }>(`sandbox: ${backend.name}`);

  t.before.each((c) => {
    c.s = backend.setup();
    populate(c.s.host);
    c.g = new Guest(c.s.ctx());
  });
  t.after.each((c) => {
    c.g.ctx.close();
    c.s.cleanup();
  });

  t('the preopen and ordinary paths work', ({ g }) => {
    assert.equal(g.readFile('file.txt'), [Errno.SUCCESS, 'inside\n']);
    assert.equal(g.readFile('./sub/./inner.txt'), [Errno.SUCCESS, 'inner\n']);
    assert.equal(g.readFile('sub//deeper/../inner.txt'), [Errno.SUCCESS, 'inner\n']);
    assert.equal(g.readFile('sub/../file.txt'), [Errno.SUCCESS, 'inside\n']);
    assert.equal(g.readFile('good-link'), [Errno.SUCCESS, 'inner\n']);
    assert.equal(g.readFile('sub/up/file.txt'), [Errno.SUCCESS, 'inside\n']);
    assert.equal(g.readFile('sub/round-trip'), [Errno.SUCCESS, 'inside\n']);
    const [e, fd] = g.open('sub/..', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(e, Errno.SUCCESS);
    assert.ok(g.readdir(fd)[1].includes('file.txt'));
  });

  t('`..` above the preopen is refused', ({ g }) => {
    for (const path of [
      '..',
      '../',
      '../outside/secret.txt',
      'sub/../../outside/secret.txt',
      'sub/deeper/../../../outside/secret.txt',
      './..',
      'sub/../..',
    ]) {
      assert.is(g.open(path, { rights: RO })[0], Errno.NOTCAPABLE, path);
      assert.is(g.stat(path)[0], Errno.NOTCAPABLE, path);
    }
    assert.is(g.writeFile('../outside/new.txt', 'x'), Errno.NOTCAPABLE);
    assert.is(g.mkdir('../outside/newdir'), Errno.NOTCAPABLE);
    assert.is(g.unlink('../outside/secret.txt'), Errno.NOTCAPABLE);
    assert.is(g.rmdir('../outside/dir'), Errno.NOTCAPABLE);
    assert.is(g.readlink('../sandbox/abs-link')[0], Errno.NOTCAPABLE);
  });

  t('absolute paths are refused', ({ g }) => {
    for (const path of ['/', '/etc/passwd', '/sandbox/file.txt', '//file.txt']) {
      assert.is(g.open(path, { rights: RO })[0], Errno.NOTCAPABLE, path);
    }
    assert.is(g.mkdir('/tmp/x'), Errno.NOTCAPABLE);
    assert.is(g.unlink('/etc/passwd'), Errno.NOTCAPABLE);
  });

  t('symlinks pointing out are not followed (absolute, relative, chains, directories)', ({ g }) => {
    for (const path of [
      'abs-link',
      'etc-link',
      'rel-link',
      'chain1',
      'chain2',
      'sub/chain3',
      'dir-link/secret.txt',
      'dir-link/dir/deep.txt',
      'sub/upup/outside/secret.txt',
      'sub/upup',
    ]) {
      assert.is(g.readFile(path)[0], Errno.NOTCAPABLE, path);
      assert.is(g.stat(path, true)[0], Errno.NOTCAPABLE, path);
    }
    // Without following, the link itself is what is seen (it stays a link in the sandbox).
    const [e, type] = g.stat('abs-link', false);
    assert.is(e, Errno.SUCCESS);
    assert.is(type, Filetype.SYMBOLIC_LINK);
    assert.is(g.open('abs-link', { rights: RO, dirflags: 0 })[0], Errno.LOOP);
    // Creating through a link that points out is refused too.
    assert.is(g.writeFile('dir-link/planted.txt', 'x'), Errno.NOTCAPABLE);
    assert.is(g.mkdir('dir-link/planted'), Errno.NOTCAPABLE);
    assert.is(g.unlink('dir-link/secret.txt'), Errno.NOTCAPABLE);
    g.reset();
    const [p, n] = g.bytes('dir-link/secret.txt');
    assert.is(
      g.call('path_filestat_set_times', 3, Lookupflags.SYMLINK_FOLLOW, p, n, 0n, 0n, 0),
      Errno.NOTCAPABLE,
    );
  });

  t('symlink loops end with ELOOP', ({ g }) => {
    assert.is(g.readFile('loop1')[0], Errno.LOOP);
    assert.is(g.readFile('self')[0], Errno.LOOP);
    assert.is(g.readFile('loop1/x')[0], Errno.LOOP);
    assert.is(g.stat('self', true)[0], Errno.LOOP);
    assert.is(g.mkdir('loop2/x'), Errno.LOOP);
    // A long but finite chain resolves.
    for (let i = 0; i < 30; i++)
      assert.is(g.symlink(i === 0 ? 'file.txt' : `c${i - 1}`, `c${i}`), Errno.SUCCESS);
    assert.equal(g.readFile('c29'), [Errno.SUCCESS, 'inside\n']);
    for (let i = 30; i < 45; i++) assert.is(g.symlink(`c${i - 1}`, `c${i}`), Errno.SUCCESS);
    assert.is(g.readFile('c44')[0], Errno.LOOP);
  });

  t('symlinks created by the guest cannot point out', ({ g, s }) => {
    assert.is(g.symlink('/etc/passwd', 'evil1'), Errno.NOTCAPABLE);
    assert.is(g.symlink('../outside/secret.txt', 'evil2'), Errno.NOTCAPABLE);
    assert.is(g.symlink('sub/../../outside', 'evil3'), Errno.NOTCAPABLE);
    assert.is(g.symlink('../../outside', 'sub/evil4'), Errno.NOTCAPABLE);
    assert.not.ok(s.host.exists('sandbox/evil1'));
    assert.not.ok(s.host.exists('sandbox/sub/evil4'));
    // Inside is fine, including `..` that stays inside.
    assert.is(g.symlink('../file.txt', 'sub/back'), Errno.SUCCESS);
    assert.equal(g.readFile('sub/back'), [Errno.SUCCESS, 'inside\n']);
    assert.equal(g.readlink('sub/back'), [Errno.SUCCESS, '../file.txt']);
    // Climbing after descending could go anywhere through a symlink (`sub/up/..`): refused.
    assert.is(g.symlink('sub/../file.txt', 'roundabout'), Errno.NOTCAPABLE);
    assert.is(g.symlink('./sub/./inner.txt', 'dotted'), Errno.SUCCESS);
  });

  t('a guest-made symlink cannot be moved or linked to where it climbs out', ({ g, s }) => {
    assert.is(g.symlink('..', 'sub/parent'), Errno.SUCCESS);
    assert.is(g.symlink('../file.txt', 'sub/back'), Errno.SUCCESS);
    assert.is(g.rename('sub/parent', 'parent'), Errno.NOTCAPABLE);
    assert.is(g.rename('sub/back', 'back'), Errno.NOTCAPABLE);
    assert.is(g.link('sub/back', 'back'), Errno.NOTCAPABLE);
    assert.not.ok(s.host.exists('sandbox/parent'));
    assert.not.ok(s.host.exists('sandbox/back'));
    assert.ok(s.host.exists('sandbox/sub/back'), 'the refused link stays where it was');
    // Deeper, or at the same depth, is fine; following the link to link its target too.
    assert.is(g.rename('sub/back', 'sub/deeper/back'), Errno.SUCCESS);
    assert.is(g.rename('sub/deeper/back', 'sub/back2'), Errno.SUCCESS);
    assert.equal(g.readFile('sub/back2'), [Errno.SUCCESS, 'inside\n']);
    assert.is(g.link('sub/back2', 'hard-to-file', true), Errno.SUCCESS);
    assert.is(g.link('sub/back2', 'sub/deeper/back3'), Errno.SUCCESS);
  });

  t('a directory cannot move to where a symlink inside it climbs out', ({ g, s }) => {
    assert.is(g.mkdir('a'), Errno.SUCCESS);
    assert.is(g.mkdir('a/b'), Errno.SUCCESS);
    assert.is(g.mkdir('a/b/c'), Errno.SUCCESS);
    assert.is(g.symlink('../../../file.txt', 'a/b/c/top'), Errno.SUCCESS);
    assert.equal(g.readFile('a/b/c/top'), [Errno.SUCCESS, 'inside\n']);
    // a/b/c/top climbs 3 from depth 3: a/b may not rise, since top would climb out.
    assert.is(g.rename('a/b', 'b'), Errno.NOTCAPABLE);
    assert.is(g.rename('a/b/c', 'sub/c'), Errno.NOTCAPABLE);
    assert.not.ok(s.host.exists('sandbox/b'));
    assert.ok(s.host.exists('sandbox/a/b/c/top'));
    // Renamed in place or moved deeper: fine.
    assert.is(g.rename('a', 'a2'), Errno.SUCCESS);
    assert.is(g.rename('a2/b', 'sub/deeper/b'), Errno.SUCCESS);
    // Deeper, the link leads somewhere else inside (sub/file.txt), never out.
    assert.is(g.writeFile('sub/file.txt', 'in sub\n'), Errno.SUCCESS);
    assert.equal(g.readFile('sub/deeper/b/c/top'), [Errno.SUCCESS, 'in sub\n']);
    // Through a descriptor of a subdirectory, depths still count from the preopen.
    const [e, sub] = g.open('sub', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(e, Errno.SUCCESS);
    assert.is(g.rename('deeper/b/c', 'c', sub, sub), Errno.NOTCAPABLE);
    assert.is(g.rename('deeper/b', 'b', sub, sub), Errno.SUCCESS);
    assert.equal(g.readFile('sub/b/c/top'), [Errno.SUCCESS, 'inside\n']);
  });

  t('renames and links out of the preopen are refused', ({ g, s }) => {
    assert.is(g.rename('file.txt', '../outside/moved.txt'), Errno.NOTCAPABLE);
    assert.is(g.rename('file.txt', 'dir-link/moved.txt'), Errno.NOTCAPABLE);
    assert.is(g.rename('../outside/secret.txt', 'stolen.txt'), Errno.NOTCAPABLE);
    assert.is(g.rename('dir-link/secret.txt', 'stolen.txt'), Errno.NOTCAPABLE);
    assert.is(g.link('file.txt', '../outside/hard.txt'), Errno.NOTCAPABLE);
    assert.is(g.link('../outside/secret.txt', 'hard.txt'), Errno.NOTCAPABLE);
    // Following a link to an outside file to hard-link it in would smuggle it: refused.
    assert.is(g.link('abs-link', 'stolen', true), Errno.NOTCAPABLE);
    assert.is(g.link('rel-link', 'stolen', true), Errno.NOTCAPABLE);
    assert.is(s.host.read('outside/secret.txt'), SECRET);
    assert.not.ok(s.host.exists('outside/moved.txt'));
    assert.not.ok(s.host.exists('sandbox/stolen.txt'));
    assert.not.ok(s.host.exists('sandbox/stolen'));
    // Renaming the links themselves (not what they point to) is allowed and harmless.
    assert.is(g.rename('abs-link', 'sub/abs-link'), Errno.SUCCESS);
    assert.is(g.readFile('sub/abs-link')[0], Errno.NOTCAPABLE);
  });

  t('a descriptor of a subdirectory is a capability for that directory only', ({ g }) => {
    const [e, sub] = g.open('sub', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(e, Errno.SUCCESS);
    assert.equal(g.readFile('inner.txt', sub), [Errno.SUCCESS, 'inner\n']);
    assert.is(g.readFile('../file.txt', sub)[0], Errno.NOTCAPABLE);
    assert.is(g.readFile('up/file.txt', sub)[0], Errno.NOTCAPABLE);
    assert.is(g.open('..', { rights: RO }, sub)[0], Errno.NOTCAPABLE);
  });

  t('a directory replaced by a symlink between calls does not lead out', ({ g, s }) => {
    const [e, sub] = g.open('sub', { oflags: Oflags.DIRECTORY, rights: RO });
    assert.is(e, Errno.SUCCESS);
    // The host swaps sandbox/sub for a symlink to the outside.
    s.host.rename('sandbox/sub', 'sandbox/sub-moved');
    s.host.symlink(s.host.abs('outside'), 'sandbox/sub');
    s.host.write('outside/inner.txt', SECRET);
    // Paths through the preopen now meet the symlink, and refuse it.
    assert.is(g.readFile('sub/inner.txt')[0], Errno.NOTCAPABLE);
    assert.is(g.readFile('sub/secret.txt')[0], Errno.NOTCAPABLE);
    // The descriptor opened before never reads the outside: it still is the
    // moved directory (openat semantics), or fails closed (checked paths).
    const [re, text] = g.readFile('inner.txt', sub);
    if (re === Errno.SUCCESS) assert.is(text, 'inner\n');
    else assert.is(re, Errno.NOENT);
    assert.is.not(text, SECRET);
    assert.is(
      g.writeFile('planted.txt', 'x', sub) === Errno.SUCCESS,
      s.host.exists('sandbox/sub-moved/planted.txt'),
    );
    assert.not.ok(s.host.exists('outside/planted.txt'));
  });

  t(
    'a directory swapped for a symlink in the middle of a resolution does not lead out',
    ({ s }) => {
      // A backend wrapper that swaps sandbox/sub for a symlink right before the
      // resolver enters it, and again after (to restore it), for every open of "sub".
      let swaps = 0;
      const racy = new Proxy(s.fs, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'openAt') return typeof value === 'function' ? value.bind(target) : value;
          return (dir: unknown, name: string, o: OpenOptions) => {
            if (name === 'sub') {
              swaps++;
              s.host.rename('sandbox/sub', 'sandbox/sub-real');
              s.host.symlink(s.host.abs('outside'), 'sandbox/sub');
              try {
                return (target as FileSystem<unknown>).openAt(dir, name, o);
              } finally {
                s.host.remove('sandbox/sub');
                s.host.rename('sandbox/sub-real', 'sandbox/sub');
              }
            }
            return (target as FileSystem<unknown>).openAt(dir, name, o);
          };
        },
      });
      s.host.write('outside/inner.txt', SECRET);
      const g = new Guest(s.ctx({ fs: racy }));
      try {
        // The open of "sub" meets the symlink and refuses to follow it; by the
        // time the resolver looks, "sub" is a directory again: the call fails.
        const [e, text] = g.readFile('sub/inner.txt');
        assert.ok(swaps > 0);
        assert.is.not(text, SECRET);
        assert.ok([Errno.NOTDIR, Errno.LOOP].includes(e as 54 | 32), String(e));
        assert.is.not(g.writeFile('sub/planted.txt', 'x'), Errno.SUCCESS);
        assert.not.ok(s.host.exists('outside/planted.txt'));
      } finally {
        g.ctx.close();
      }
    },
  );

  t(
    'a directory swapped for a symlink (and left so) before a resolution is refused',
    ({ s, g }) => {
      s.host.rename('sandbox/sub', 'sandbox/sub-real');
      s.host.symlink(s.host.abs('outside'), 'sandbox/sub');
      s.host.write('outside/inner.txt', SECRET);
      assert.is(g.readFile('sub/inner.txt')[0], Errno.NOTCAPABLE);
      assert.is(g.writeFile('sub/planted.txt', 'x'), Errno.NOTCAPABLE);
      assert.is(g.rename('file.txt', 'sub/moved.txt'), Errno.NOTCAPABLE);
      assert.not.ok(s.host.exists('outside/planted.txt'));
      assert.not.ok(s.host.exists('outside/moved.txt'));
    },
  );

  t('a symlink appearing at the final component after resolution is not followed', ({ s }) => {
    // The swap happens after the resolver looked at the final component: the
    // open itself must refuse to follow (O_NOFOLLOW semantics), not read outside.
    const racy = new Proxy(s.fs, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'openAt') return typeof value === 'function' ? value.bind(target) : value;
        return (dir: unknown, name: string, o: OpenOptions) => {
          if (name === 'file.txt') {
            s.host.remove('sandbox/file.txt');
            s.host.symlink(s.host.abs('outside/secret.txt'), 'sandbox/file.txt');
          }
          return (target as FileSystem<unknown>).openAt(dir, name, o);
        };
      },
    });
    const g = new Guest(s.ctx({ fs: racy }));
    try {
      const [e, text] = g.readFile('file.txt');
      assert.is(e, Errno.LOOP);
      assert.is(text, '');
    } finally {
      g.ctx.close();
    }
  });

  t('read-only preopens grant no writing rights', ({ s }) => {
    const g = new Guest(s.ctx({ readOnly: true }));
    try {
      assert.equal(g.readFile('file.txt'), [Errno.SUCCESS, 'inside\n']);
      assert.is(g.writeFile('new.txt', 'x'), Errno.NOTCAPABLE);
      assert.is(g.open('file.txt', { oflags: Oflags.TRUNC })[0], Errno.NOTCAPABLE);
      // As wasi-libc does, ask for the rights the directory passes on: no writing.
      const [e, fd] = g.open('file.txt');
      assert.is(e, Errno.SUCCESS);
      assert.equal(g.write(fd, 'x'), [Errno.BADF, 0]);
      assert.is(s.host.read('sandbox/file.txt'), 'inside\n');
      // Asking for more than the directory passes on is refused.
      g.reset();
      const [p, n] = g.bytes('file.txt');
      assert.is(
        g.call('path_open', 3, 0, p, n, 0, Rights.FD_WRITE, 0n, 0, g.alloc(4)),
        Errno.NOTCAPABLE,
      );
      assert.is(g.mkdir('d'), Errno.NOTCAPABLE);
      assert.is(g.unlink('file.txt'), Errno.NOTCAPABLE);
      assert.is(g.rename('file.txt', 'f2'), Errno.NOTCAPABLE);
      assert.is(g.symlink('file.txt', 'l'), Errno.NOTCAPABLE);
      assert.ok(s.host.exists('sandbox/file.txt'));
    } finally {
      g.ctx.close();
    }
  });

  t('paths with NUL bytes or invalid UTF-8 are refused', ({ g }) => {
    assert.is(g.open('file.txt\0../../outside/secret.txt', { rights: RO })[0], Errno.INVAL);
    g.reset();
    const [p] = g.bytes(new Uint8Array([0x66, 0xff, 0x66]));
    const out = g.alloc(4);
    assert.is(
      g.call('path_open', 3, Lookupflags.SYMLINK_FOLLOW, p, 3, 0, RO, RO, 0, out),
      Errno.ILSEQ,
    );
  });

  t.run();
}
