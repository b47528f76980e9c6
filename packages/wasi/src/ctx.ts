/** The WASI context (arguments, environment, descriptors, clocks) and its builder. */
import { DefaultClocks, defaultRandom, type RandomSource, type WasiClocks } from './clocks.js';
import {
  Filetype,
  Rights,
  RIGHTS_DIRECTORY_BASE,
  RIGHTS_DIRECTORY_INHERITING,
  RIGHTS_STREAM,
  RIGHTS_WRITING,
} from './constants.js';
import type { DirEntry, FileSystem } from './fs.js';
import { NullStream, type WasiStream } from './streams.js';

/** An open descriptor of the guest. */
export class Descriptor {
  /** Current offset of a file (files and streams; unused by directories). */
  position = 0;
  /** The listing `fd_readdir` pages through (refreshed at cookie 0). */
  listing: DirEntry[] | null = null;
  /** The preopen a directory lies in (the preopen's own descriptor), for checks across preopens. */
  root: Descriptor | null = null;

  constructor(
    /** What the descriptor stands for. */
    readonly kind: 'file' | 'dir' | 'stream',
    /** The file type `fd_fdstat_get` reports. */
    readonly filetype: Filetype,
    /** The rights of operations on this descriptor. */
    public rightsBase: bigint,
    /** The rights descriptors opened through this one may have. */
    public rightsInheriting: bigint,
    /** The descriptor's flags (`Fdflags`). */
    public fdflags: number,
    /** The backend and handle of a file or directory. */
    readonly fs: FileSystem<unknown> | null,
    /** The backend's handle of a file or directory (null for streams). */
    readonly handle: unknown,
    /** The stream of a stdio descriptor (null for files and directories). */
    readonly stream: WasiStream | null,
    /** The guest path of a preopened directory. */
    readonly preopen: string | null = null,
    /** How deep a directory lies below its preopen (symlinks created in it may not climb higher). */
    readonly depth = 0,
  ) {}

  /** A descriptor for a stdio stream, with the rights the stream supports. */
  static stream(stream: WasiStream): Descriptor {
    let base = RIGHTS_STREAM;
    if (stream.read === undefined) base &= ~Rights.FD_READ;
    if (stream.write === undefined) base &= ~Rights.FD_WRITE;
    return new Descriptor(
      'stream',
      stream.filetype ?? Filetype.UNKNOWN,
      base,
      0n,
      0,
      null,
      null,
      stream,
    );
  }
}

/** Options of a preopened directory. */
export interface PreopenOptions {
  /** The filesystem holding `hostPath` (default: the platform's, Node `fs` under Node). */
  readonly fs?: FileSystem<any>;
  /** Grant no right that modifies anything under the directory. */
  readonly readOnly?: boolean;
}

/**
 * The state of one WASI program: arguments, environment, descriptors
 * (0-2 stdio, then the preopened directories from 3), clocks and randomness.
 * Create it with `WasiCtxBuilder`.
 */
export class WasiCtx {
  /** Descriptors by number (holes are closed descriptors). */
  readonly fds: (Descriptor | undefined)[] = [];
  /** NUL-terminated UTF-8 arguments and `KEY=VALUE` environment entries. */
  readonly argBytes: Uint8Array[];
  /** The environment entries as `args_get` and `environ_get` write them (`KEY=VALUE\0`). */
  readonly envBytes: Uint8Array[];

  private constructor(
    /** The arguments, `argv[0]` first. */
    readonly args: readonly string[],
    /** The environment variables, as key-value pairs. */
    readonly env: readonly (readonly [string, string])[],
    stdio: readonly [WasiStream, WasiStream, WasiStream],
    preopens: readonly Descriptor[],
    /** The clocks `clock_time_get` and `clock_res_get` read. */
    readonly clocks: WasiClocks,
    /** The source of `random_get`. */
    readonly random: RandomSource,
  ) {
    const enc = new TextEncoder();
    const z = (s: string) => enc.encode(s + '\0');
    this.argBytes = args.map(z);
    this.envBytes = env.map(([k, v]) => z(`${k}=${v}`));
    for (const s of stdio) this.fds.push(Descriptor.stream(s));
    for (const p of preopens) this.fds.push(p);
  }

  /** @internal Made by `WasiCtxBuilder.build`. */
  static create(
    args: readonly string[],
    env: readonly (readonly [string, string])[],
    stdio: readonly [WasiStream, WasiStream, WasiStream],
    preopens: readonly Descriptor[],
    clocks: WasiClocks,
    random: RandomSource,
  ): WasiCtx {
    return new WasiCtx(args, env, stdio, preopens, clocks, random);
  }

  /** The lowest free descriptor number. */
  allocate(d: Descriptor): number {
    let fd = this.fds.indexOf(undefined);
    if (fd < 0) fd = this.fds.length;
    this.fds[fd] = d;
    return fd;
  }

  /** Hands on the output every stream holds back (see `WasiStream.flush`). */
  flush(): void {
    for (const d of this.fds) d?.stream?.flush?.();
  }

  /** Flushes, then closes every open descriptor (their host handles are released). */
  close(): void {
    this.flush();
    for (let fd = 0; fd < this.fds.length; fd++) {
      const d = this.fds[fd];
      if (d?.fs) d.fs.close(d.handle);
      this.fds[fd] = undefined;
    }
  }
}

/** What a platform supplies to the builder. */
export interface WasiPlatform {
  /** The filesystem of `preopenDir` when none is given (throws where there is none). */
  defaultFs(): FileSystem<any>;
  /** The stream `inheritStdin` uses. */
  stdin(): WasiStream;
  /** The stream `inheritStdout` uses. */
  stdout(): WasiStream;
  /** The stream `inheritStderr` uses. */
  stderr(): WasiStream;
  /** The arguments `inheritArgs` uses. */
  args(): string[];
  /** The environment `inheritEnv` uses. */
  env(): Record<string, string | undefined>;
}

interface PendingPreopen {
  readonly host: string;
  readonly guest: string;
  readonly options: PreopenOptions;
}

/**
 * Builds a `WasiCtx`, as Wasmtime's `WasiCtxBuilder`:
 *
 * ```ts
 * const ctx = new WasiCtxBuilder()
 *   .args(['prog.wasm', 'input.txt'])
 *   .env({ LANG: 'C' })
 *   .preopenDir('./data', '/data')
 *   .inheritStdio()
 *   .build();
 * ```
 *
 * By default a program gets no arguments, no environment, an empty stdin,
 * discarded stdout and stderr, and no directory.
 */
export class BaseWasiCtxBuilder {
  private readonly argList: string[] = [];
  private readonly envList: [string, string][] = [];
  private stdio: [WasiStream, WasiStream, WasiStream] = [
    new NullStream(),
    new NullStream(),
    new NullStream(),
  ];
  private readonly preopens: PendingPreopen[] = [];
  private fsDefault: FileSystem<any> | null = null;
  private clockSource: WasiClocks | null = null;
  private randomSource: RandomSource = defaultRandom;

  protected constructor(private readonly platform: WasiPlatform) {}

  /** Appends arguments (the first is the program name, `argv[0]`). */
  args(args: readonly string[]): this {
    this.argList.push(...args);
    return this;
  }

  /** Appends one argument. */
  arg(arg: string): this {
    this.argList.push(arg);
    return this;
  }

  /** Sets environment variables: `env('K', 'V')` or `env({ K: 'V' })`. */
  env(key: string | Record<string, string>, value?: string): this {
    const entries = typeof key === 'string' ? [[key, value ?? '']] : Object.entries(key);
    for (const [k, v] of entries) {
      if (k!.includes('=') || k === '')
        throw new TypeError(`invalid environment variable name "${k}"`);
      const at = this.envList.findIndex(([name]) => name === k);
      if (at >= 0) this.envList[at] = [k!, v!];
      else this.envList.push([k!, v!]);
    }
    return this;
  }

  /** Sets environment variables from `[key, value]` pairs. */
  envs(pairs: readonly (readonly [string, string])[]): this {
    for (const [k, v] of pairs) this.env(k, v);
    return this;
  }

  /** Passes the host process's arguments. */
  inheritArgs(): this {
    return this.args(this.platform.args());
  }

  /** Passes the host process's environment. */
  inheritEnv(): this {
    for (const [k, v] of Object.entries(this.platform.env())) if (v !== undefined) this.env(k, v);
    return this;
  }

  /** Descriptor 0 reads from `stream`. */
  stdin(stream: WasiStream): this {
    this.stdio[0] = stream;
    return this;
  }

  /** Descriptor 1 writes to `stream`. */
  stdout(stream: WasiStream): this {
    this.stdio[1] = stream;
    return this;
  }

  /** Descriptor 2 writes to `stream`. */
  stderr(stream: WasiStream): this {
    this.stdio[2] = stream;
    return this;
  }

  /** Descriptor 0 reads the host's stdin (Node: descriptor 0; browser entry: empty). */
  inheritStdin(): this {
    return this.stdin(this.platform.stdin());
  }

  /** Descriptor 1 writes to the host's stdout (Node: descriptor 1; browser entry: `console.log`, line by line). */
  inheritStdout(): this {
    return this.stdout(this.platform.stdout());
  }

  /** Descriptor 2 writes to the host's stderr (Node: descriptor 2; browser entry: `console.error`, line by line). */
  inheritStderr(): this {
    return this.stderr(this.platform.stderr());
  }

  /** The host's stdin, stdout and stderr. */
  inheritStdio(): this {
    return this.inheritStdin().inheritStdout().inheritStderr();
  }

  /** The filesystem `preopenDir` uses when not given one (default: the platform's). */
  filesystem(fs: FileSystem<any>): this {
    this.fsDefault = fs;
    return this;
  }

  /**
   * Lets the guest see directory `hostPath` as `guestPath` (descriptors 3, 4, ...
   * in the order of the calls). Nothing outside it is reachable through it.
   */
  preopenDir(hostPath: string, guestPath: string, options: PreopenOptions = {}): this {
    this.preopens.push({ host: hostPath, guest: guestPath, options });
    return this;
  }

  /** The clocks the guest reads (default: from `performance`). */
  clocks(clocks: WasiClocks): this {
    this.clockSource = clocks;
    return this;
  }

  /** The source of `random_get` (default: `crypto.getRandomValues`). */
  random(source: RandomSource): this {
    this.randomSource = source;
    return this;
  }

  /**
   * Opens the preopened directories and makes the context.
   *
   * @throws if a directory cannot be opened (the error of the filesystem).
   */
  build(): WasiCtx {
    const opened: Descriptor[] = [];
    try {
      for (const p of this.preopens) {
        const fs = p.options.fs ?? this.fsDefault ?? this.platform.defaultFs();
        const handle = fs.openRoot(p.host);
        const mask = p.options.readOnly ? ~RIGHTS_WRITING : -1n;
        opened.push(
          new Descriptor(
            'dir',
            Filetype.DIRECTORY,
            RIGHTS_DIRECTORY_BASE & mask,
            RIGHTS_DIRECTORY_INHERITING & mask,
            0,
            fs,
            handle,
            null,
            p.guest,
          ),
        );
        opened[opened.length - 1]!.root = opened[opened.length - 1]!;
      }
    } catch (e) {
      for (const d of opened) d.fs!.close(d.handle);
      throw e;
    }
    return WasiCtx.create(
      [...this.argList],
      [...this.envList],
      this.stdio,
      opened,
      this.clockSource ?? new DefaultClocks(),
      this.randomSource,
    );
  }
}
