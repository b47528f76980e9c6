/** Standard input and output: the streams behind descriptors 0, 1 and 2. */
import { Filetype } from './constants.js';
import { unshared } from './unshared.js';

/**
 * A byte stream a WASI descriptor reads from or writes to (no offsets, no
 * seeking). Failures throw a `WasiError` or a Node-style error with a
 * POSIX `code`.
 */
export interface WasiStream {
  /** Reads up to `length` bytes into `buffer[offset...]`; 0 at end of input. Missing: not readable. */
  read?(buffer: Uint8Array, offset: number, length: number): number;
  /** Writes `buffer[offset...offset+length]`; returns how many bytes were written. Missing: not writable. */
  write?(buffer: Uint8Array, offset: number, length: number): number;
  /** What `fd_fdstat_get` reports: CHARACTER_DEVICE for a terminal (default UNKNOWN, a pipe). */
  readonly filetype?: Filetype;
  /**
   * Hands on output held back (a last line without its newline). Called when
   * the program exits (`proc_exit`, `runCommand`) and when the context closes.
   */
  flush?(): void;
}

/** Reads nothing and discards what is written, like `/dev/null`. */
export class NullStream implements WasiStream {
  read(): number {
    return 0;
  }
  write(_buffer: Uint8Array, _offset: number, length: number): number {
    return length;
  }
}

/** Input from bytes or a string given up front. */
export class MemoryInputStream implements WasiStream {
  private readonly data: Uint8Array;
  private position = 0;

  constructor(data: Uint8Array | string) {
    this.data = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }

  read(buffer: Uint8Array, offset: number, length: number): number {
    const n = Math.min(length, this.data.length - this.position);
    buffer.set(this.data.subarray(this.position, this.position + n), offset);
    this.position += n;
    return n;
  }
}

/** Collects what is written; read it back with `bytes()` or `text()`. */
export class MemoryOutputStream implements WasiStream {
  private chunks: Uint8Array[] = [];
  private length = 0;

  write(buffer: Uint8Array, offset: number, length: number): number {
    this.chunks.push(buffer.slice(offset, offset + length));
    this.length += length;
    return length;
  }

  /** Everything written so far, as one array (a copy). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = [out];
    return out.slice();
  }

  /** Everything written so far, decoded as UTF-8. */
  text(): string {
    return new TextDecoder().decode(this.bytes());
  }
}

/**
 * Output handed to a callback line by line (a partial last line when
 * `flush()` is called), e.g. `console.log` in browsers.
 */
export class LineOutputStream implements WasiStream {
  private pending = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly sink: (line: string) => void) {}

  write(buffer: Uint8Array, offset: number, length: number): number {
    const bytes = unshared(buffer.subarray(offset, offset + length));
    this.pending += this.decoder.decode(bytes, { stream: true });
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      this.sink(this.pending.slice(0, nl));
      this.pending = this.pending.slice(nl + 1);
    }
    return length;
  }

  flush(): void {
    if (this.pending !== '') this.sink(this.pending);
    this.pending = '';
  }
}
