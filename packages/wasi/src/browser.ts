/**
 * `@weft/wasi/browser`: the platform-neutral WASI, for browsers and other
 * hosts without Node. Directories come from a `FileSystem` you pass (a
 * `MemoryFileSystem`, typically); inherited stdout and stderr go to the
 * console line by line; inherited stdin is empty.
 *
 * @module @weft/wasi/browser
 */
import { BaseWasiCtxBuilder, type WasiPlatform } from './ctx.js';
import { LineOutputStream, NullStream } from './streams.js';

export * from './core.js';

const browser: WasiPlatform = {
  defaultFs: () => {
    throw new TypeError('no host filesystem here: pass { fs } to preopenDir, or call filesystem()');
  },
  stdin: () => new NullStream(),
  stdout: () => new LineOutputStream((line) => console.log(line)),
  stderr: () => new LineOutputStream((line) => console.error(line)),
  args: () => [],
  env: () => ({}),
};

/** Builds a `WasiCtx` (no host filesystem: preopen directories of a `FileSystem` you give). */
export class WasiCtxBuilder extends BaseWasiCtxBuilder {
  constructor() {
    super(browser);
  }
}
