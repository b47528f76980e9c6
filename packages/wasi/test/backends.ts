/** The same directory tree on the Node backend (a temporary directory) and in memory. */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryFileSystem,
  NodeFileSystem,
  WasiCtxBuilder,
  type FileSystem,
  type WasiCtx,
} from '#src/index.js';

/** Host-side access to the tree, with paths relative to its root (which holds `sandbox/` and `outside/`). */
export interface Host {
  /** The absolute path of `rel` as the backend names it (for absolute symlinks). */
  abs(rel: string): string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  mkdir(rel: string): void;
  symlink(target: string, rel: string): void;
  rename(from: string, to: string): void;
  exists(rel: string): boolean;
  remove(rel: string): void;
}

export interface Setup {
  readonly host: Host;
  readonly fs: FileSystem<any>;
  /** A context with `sandbox/` preopened as descriptor 3 (guest path `/sandbox`). */
  ctx(options?: { readOnly?: boolean; fs?: FileSystem<any> }): WasiCtx;
  cleanup(): void;
}

export interface Backend {
  readonly name: string;
  setup(): Setup;
}

function nodeBackend(name: string, mode: 'procfd' | 'path'): Backend {
  return {
    name,
    setup() {
      const root = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), 'weft-wasi-')));
      const at = (rel: string) => join(root, rel);
      const nodeFs = new NodeFileSystem({ mode });
      const host: Host = {
        abs: at,
        write: (rel, text) => fs.writeFileSync(at(rel), text),
        read: (rel) => fs.readFileSync(at(rel), 'utf8'),
        mkdir: (rel) => fs.mkdirSync(at(rel), { recursive: true }),
        symlink: (target, rel) => fs.symlinkSync(target, at(rel)),
        rename: (from, to) => fs.renameSync(at(from), at(to)),
        exists: (rel) => {
          try {
            fs.lstatSync(at(rel));
            return true;
          } catch {
            return false;
          }
        },
        remove: (rel) => fs.rmSync(at(rel), { recursive: true, force: true }),
      };
      host.mkdir('sandbox');
      host.mkdir('outside');
      return {
        host,
        fs: nodeFs,
        ctx: (o = {}) =>
          new WasiCtxBuilder()
            .preopenDir(at('sandbox'), '/sandbox', { fs: o.fs ?? nodeFs, readOnly: o.readOnly })
            .build(),
        cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
      };
    },
  };
}

const memoryBackend: Backend = {
  name: 'memory',
  setup() {
    const mem = new MemoryFileSystem();
    const at = (rel: string) => `/${rel}`;
    const host: Host = {
      abs: at,
      write: (rel, text) => mem.writeFile(at(rel), text),
      read: (rel) => mem.readTextFile(at(rel)),
      mkdir: (rel) => mem.mkdir(at(rel), { recursive: true }),
      symlink: (target, rel) => mem.symlink(target, at(rel)),
      rename: (from, to) => {
        // Host-side rename through the same primitives the guest uses.
        const slash = (p: string) => p.lastIndexOf('/');
        const fromDir = mem.openRoot(at(from).slice(0, slash(at(from))) || '/');
        const toDir = mem.openRoot(at(to).slice(0, slash(at(to))) || '/');
        mem.renameAt(
          fromDir,
          at(from).slice(slash(at(from)) + 1),
          toDir,
          at(to).slice(slash(at(to)) + 1),
        );
      },
      exists: (rel) => mem.exists(at(rel)),
      remove: (rel) => mem.remove(at(rel)),
    };
    host.mkdir('sandbox');
    host.mkdir('outside');
    return {
      host,
      fs: mem,
      ctx: (o = {}) =>
        new WasiCtxBuilder()
          .preopenDir(at('sandbox'), '/sandbox', { fs: o.fs ?? mem, readOnly: o.readOnly })
          .build(),
      cleanup: () => {},
    };
  },
};

export const BACKENDS: readonly Backend[] = [
  nodeBackend('node (/proc/self/fd)', 'procfd'),
  nodeBackend('node (checked paths)', 'path'),
  memoryBackend,
];
