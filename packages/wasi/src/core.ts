/** Everything platform-neutral, shared by the Node and browser entry points. */
export * from './constants.js';
export { WasiError, WasiExit, errnoOf } from './errors.js';
export type { DirEntry, FileStat, FileSystem, OpenOptions, TimeSpec } from './fs.js';
export { MemoryFileSystem, MemoryHandle, type MemoryFileSystemOptions } from './memfs.js';
export {
  LineOutputStream,
  MemoryInputStream,
  MemoryOutputStream,
  NullStream,
  type WasiStream,
} from './streams.js';
export { DefaultClocks, defaultRandom, type RandomSource, type WasiClocks } from './clocks.js';
export {
  BaseWasiCtxBuilder,
  Descriptor,
  WasiCtx,
  type PreopenOptions,
  type WasiPlatform,
} from './ctx.js';
export { MAX_SYMLINKS } from './resolve.js';
export { Preview1, SIGNATURES } from './preview1.js';
export {
  Preview0,
  SUBSCRIPTION_UNSTABLE,
  UNSTABLE_FILESTAT_SIZE,
  UNSTABLE_SIGNATURES,
  unstableFunction,
  WASI_UNSTABLE_MODULE,
  type WasiFunction,
} from './preview0.js';
export {
  addToLinker,
  runCommand,
  WASI_MODULE,
  type AddToLinkerOptions,
  type WasiModuleName,
} from './linker.js';
