/**
 * `@weft/wasi`: wasi_snapshot_preview1 and wasi_unstable for Weft (this
 * entry: Node, with the host filesystem and stdio as defaults;
 * `@weft/wasi/browser` has neither).
 *
 * ```ts
 * const ctx = new WasiCtxBuilder().args(['app']).preopenDir('.', '.').inheritStdio().build();
 * addToLinker(linker, store, ctx);
 * const code = runCommand(store, linker.instantiate(store, module));
 * ```
 *
 * @module @weft/wasi
 */
import { BaseWasiCtxBuilder, type WasiPlatform } from './ctx.js';
import { NodeFileSystem } from './nodefs.js';
import { NodeFdStream } from './nodestdio.js';

export * from './core.js';
export { NodeFileSystem, NodeHandle, type NodeFileSystemOptions } from './nodefs.js';
export { NodeFdStream } from './nodestdio.js';

let defaultFs: NodeFileSystem | null = null;

const node: WasiPlatform = {
  defaultFs: () => (defaultFs ??= new NodeFileSystem()),
  stdin: () => new NodeFdStream(0),
  stdout: () => new NodeFdStream(1),
  stderr: () => new NodeFdStream(2),
  args: () => process.argv.slice(1),
  env: () => process.env,
};

/** Builds a `WasiCtx`; directories default to the host filesystem, inherited stdio to the process's. */
export class WasiCtxBuilder extends BaseWasiCtxBuilder {
  constructor() {
    super(node);
  }
}
