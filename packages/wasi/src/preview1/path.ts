/**
 * Operations on paths, each resolved inside the sandbox from a directory
 * descriptor (see `resolve.ts`): directories, attributes, links, opening,
 * renaming, removing.
 */
import {
  Errno,
  Filetype,
  Lookupflags,
  Oflags,
  Rights,
  RIGHTS_DIRECTORY_BASE,
  RIGHTS_FILE_BASE,
} from '../constants.js';
import { Descriptor } from '../ctx.js';
import { fail } from '../errors.js';
import type { FileStat } from '../fs.js';
import { deepestClimb, resolve, targetStaysInside, type Resolved } from '../resolve.js';
import { FDFLAGS_ALL, resolved, times, type WasiBase } from './base.js';

const encoder = new TextEncoder();

/** `statAt` of a resolved path, checking a trailing slash named a directory. */
function statResolved(r: Resolved): FileStat {
  const s = r.fs.statAt(r.dir, r.name);
  if (r.mustBeDir && s.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
  return s;
}

/** The attributes of the file at `path` relative to `fd`, for `path_filestat_get`. */
export function pathFilestat(
  s: WasiBase,
  fd: number,
  flags: number,
  path: number,
  len: number,
): FileStat {
  const d = s.dir(fd, Rights.PATH_FILESTAT_GET);
  const follow = (flags & Lookupflags.SYMLINK_FOLLOW) !== 0;
  return resolved(resolve(d, s.string(path, len), follow), statResolved);
}

/**
 * Refuses (ENOTCAPABLE) to rename or link `ro` to `rn` when a symlink
 * would then climb out of the preopen: `ro` itself if it is a symlink, or
 * any symlink inside it if it is a directory (see `targetStaysInside`).
 * Within one preopen, only a move to a shallower directory can do that.
 */
function checkMove(ro: Resolved, rn: Resolved, samePreopen: boolean, directories: boolean): void {
  if (samePreopen && rn.depth >= ro.depth) return;
  let s: FileStat;
  try {
    s = ro.fs.statAt(ro.dir, ro.name);
  } catch {
    return; // missing: the operation itself reports it
  }
  if (s.filetype === Filetype.SYMBOLIC_LINK) {
    if (!targetStaysInside(ro.fs.readlinkAt(ro.dir, ro.name), rn.depth)) {
      fail(Errno.NOTCAPABLE, 'the symlink would lead out of the preopen from there');
    }
  } else if (directories && s.filetype === Filetype.DIRECTORY) {
    if (deepestClimb(ro.fs, ro.dir, ro.name) > rn.depth) {
      fail(Errno.NOTCAPABLE, 'a symlink inside would lead out of the preopen from there');
    }
  }
}

export const pathFunctions = {
  /** `path_create_directory`: creates a directory. */
  path_create_directory(this: WasiBase, fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_CREATE_DIRECTORY);
    return resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.EXIST);
      r.fs.mkdirAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  },

  /** `path_filestat_get`: writes the status of a path (following a last symlink with `SYMLINK_FOLLOW`). */
  path_filestat_get(
    this: WasiBase,
    fd: number,
    flags: number,
    path: number,
    len: number,
    out: number,
  ): number {
    this.writeFilestat(out, pathFilestat(this, fd, flags, path, len));
    return Errno.SUCCESS;
  },

  /** `path_filestat_set_times`: sets the times of a path. */
  path_filestat_set_times(
    this: WasiBase,
    fd: number,
    flags: number,
    path: number,
    len: number,
    atim: bigint,
    mtim: bigint,
    fstFlags: number,
  ): number {
    const d = this.dir(fd, Rights.PATH_FILESTAT_SET_TIMES);
    const [a, m] = times(atim, mtim, fstFlags);
    const follow = (flags & Lookupflags.SYMLINK_FOLLOW) !== 0;
    return resolved(resolve(d, this.string(path, len), follow), (r) => {
      if (r.mustBeDir) statResolved(r);
      r.fs.setTimesAt(r.dir, r.name, a, m);
      return Errno.SUCCESS;
    });
  },

  /** `path_link`: creates a hard link. */
  path_link(
    this: WasiBase,
    oldFd: number,
    oldFlags: number,
    oldPath: number,
    oldLen: number,
    newFd: number,
    newPath: number,
    newLen: number,
  ): number {
    const from = this.dir(oldFd, Rights.PATH_LINK_SOURCE);
    const to = this.dir(newFd, Rights.PATH_LINK_TARGET);
    const source = this.string(oldPath, oldLen);
    const target = this.string(newPath, newLen);
    if (from.fs !== to.fs) fail(Errno.XDEV);
    const follow = (oldFlags & Lookupflags.SYMLINK_FOLLOW) !== 0;
    return resolved(resolve(from, source, follow), (ro) =>
      resolved(resolve(to, target, false), (rn) => {
        if (ro.name === '.') fail(Errno.PERM);
        if (ro.mustBeDir) statResolved(ro);
        if (rn.name === '.') fail(Errno.EXIST);
        if (rn.mustBeDir) fail(Errno.NOENT);
        checkMove(ro, rn, from.root === to.root, false);
        ro.fs.linkAt(ro.dir, ro.name, rn.dir, rn.name);
        return Errno.SUCCESS;
      }),
    );
  },

  /** `path_open`: opens a file or directory relative to a directory descriptor and writes the new descriptor. */
  path_open(
    this: WasiBase,
    fd: number,
    dirflags: number,
    path: number,
    len: number,
    oflags: number,
    rightsBase: bigint,
    rightsInheriting: bigint,
    fdflags: number,
    out: number,
  ): number {
    const create = (oflags & Oflags.CREAT) !== 0;
    const truncate = (oflags & Oflags.TRUNC) !== 0;
    let required = Rights.PATH_OPEN;
    if (create) required |= Rights.PATH_CREATE_FILE;
    if (truncate) required |= Rights.PATH_FILESTAT_SET_SIZE;
    const d = this.dir(fd, required);
    const name = this.string(path, len);
    this.range(out, 4);
    if ((oflags & ~0xf) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
    const exclusive = (oflags & Oflags.EXCL) !== 0;
    const directory = (oflags & Oflags.DIRECTORY) !== 0;
    if (directory && create) fail(Errno.INVAL);
    const base = BigInt.asUintN(64, rightsBase);
    const inheriting = BigInt.asUintN(64, rightsInheriting);
    if ((base & ~d.rightsInheriting) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) {
      fail(Errno.NOTCAPABLE);
    }
    const write =
      (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) !== 0n;
    const read = (base & (Rights.FD_READ | Rights.FD_READDIR)) !== 0n || !write;
    const follow = (dirflags & Lookupflags.SYMLINK_FOLLOW) !== 0 && !(create && exclusive);
    return resolved(resolve(d, name, follow), (r) => {
      if (r.name === '.' && create && exclusive) fail(Errno.EXIST);
      const handle = r.fs.openAt(r.dir, r.name, {
        read,
        write,
        create,
        exclusive,
        truncate,
        directory: directory || r.mustBeDir,
      });
      let opened: Descriptor;
      try {
        const filetype = r.fs.stat(handle).filetype;
        const isDir = filetype === Filetype.DIRECTORY;
        opened = new Descriptor(
          isDir ? 'dir' : 'file',
          filetype,
          base & (isDir ? RIGHTS_DIRECTORY_BASE : RIGHTS_FILE_BASE),
          inheriting,
          fdflags,
          r.fs,
          handle,
          null,
          null,
          isDir && r.name !== '.' ? r.depth + 1 : r.depth,
        );
      } catch (e) {
        r.fs.close(handle);
        throw e;
      }
      opened.root = d.root;
      this.setU32(out, this.ctx.allocate(opened));
      return Errno.SUCCESS;
    });
  },

  /** `path_readlink`: writes a symlink's target (truncated to the buffer) and its length. */
  path_readlink(
    this: WasiBase,
    fd: number,
    path: number,
    len: number,
    buf: number,
    bufLen: number,
    out: number,
  ): number {
    const d = this.dir(fd, Rights.PATH_READLINK);
    const p = this.range(buf, bufLen);
    this.range(out, 4);
    return resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.INVAL);
      const target = encoder.encode(r.fs.readlinkAt(r.dir, r.name));
      const n = Math.min(target.length, bufLen >>> 0);
      this.u8.set(target.subarray(0, n), p);
      this.setU32(out, n);
      return Errno.SUCCESS;
    });
  },

  /** `path_remove_directory`: removes an empty directory. */
  path_remove_directory(this: WasiBase, fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_REMOVE_DIRECTORY);
    return resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.INVAL);
      r.fs.rmdirAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  },

  /** `path_rename`: renames a file or directory, possibly across directories. */
  path_rename(
    this: WasiBase,
    fd: number,
    oldPath: number,
    oldLen: number,
    newFd: number,
    newPath: number,
    newLen: number,
  ): number {
    const from = this.dir(fd, Rights.PATH_RENAME_SOURCE);
    const to = this.dir(newFd, Rights.PATH_RENAME_TARGET);
    const source = this.string(oldPath, oldLen);
    const target = this.string(newPath, newLen);
    if (from.fs !== to.fs) fail(Errno.XDEV);
    return resolved(resolve(from, source, false), (ro) =>
      resolved(resolve(to, target, false), (rn) => {
        if (ro.name === '.' || rn.name === '.') fail(Errno.BUSY);
        if (ro.mustBeDir || rn.mustBeDir) {
          // A trailing slash: the source must be a directory.
          if (ro.fs.statAt(ro.dir, ro.name).filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
        }
        checkMove(ro, rn, from.root === to.root, true);
        ro.fs.renameAt(ro.dir, ro.name, rn.dir, rn.name);
        return Errno.SUCCESS;
      }),
    );
  },

  /** `path_symlink`: creates a symlink (ENOTCAPABLE for a target that could lead out of the preopen). */
  path_symlink(
    this: WasiBase,
    oldPath: number,
    oldLen: number,
    fd: number,
    newPath: number,
    newLen: number,
  ): number {
    const target = this.string(oldPath, oldLen);
    const d = this.dir(fd, Rights.PATH_SYMLINK);
    const path = this.string(newPath, newLen);
    if (target === '') fail(Errno.NOENT);
    return resolved(resolve(d, path, false), (r) => {
      if (r.name === '.') fail(Errno.EXIST);
      // A link that would lead out of the preopen is not created at all.
      if (!targetStaysInside(target, r.depth)) fail(Errno.NOTCAPABLE);
      r.fs.symlinkAt(target, r.dir, r.name);
      return Errno.SUCCESS;
    });
  },

  /** `path_unlink_file`: removes a file or symlink (EISDIR for a directory). */
  path_unlink_file(this: WasiBase, fd: number, path: number, len: number): number {
    const d = this.dir(fd, Rights.PATH_UNLINK_FILE);
    return resolved(resolve(d, this.string(path, len), false), (r) => {
      if (r.name === '.') fail(Errno.ISDIR);
      if (r.mustBeDir) {
        const s = r.fs.statAt(r.dir, r.name);
        fail(s.filetype === Filetype.DIRECTORY ? Errno.ISDIR : Errno.NOTDIR);
      }
      r.fs.unlinkAt(r.dir, r.name);
      return Errno.SUCCESS;
    });
  },
};

export type PathFunctions = typeof pathFunctions;
