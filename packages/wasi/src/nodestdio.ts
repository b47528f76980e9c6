/** Host stdio for Node: descriptors 0, 1 and 2 through `fs.readSync`/`fs.writeSync`. */
import * as fs from 'node:fs';
import { isatty } from 'node:tty';
import { Filetype } from './constants.js';
import type { WasiStream } from './streams.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `op`, waiting and retrying while a non-blocking descriptor says EAGAIN. */
function retry(op: () => number): number {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/** A host file descriptor used as a stream (stdin, stdout, stderr, a pipe). */
export class NodeFdStream implements WasiStream {
  readonly filetype: Filetype;

  constructor(
    /** The host file descriptor. */
    readonly fd: number,
  ) {
    this.filetype = isatty(fd) ? Filetype.CHARACTER_DEVICE : Filetype.UNKNOWN;
  }

  read(buffer: Uint8Array, offset: number, length: number): number {
    try {
      return retry(() => fs.readSync(this.fd, buffer, offset, length, null));
    } catch (e) {
      // A closed or absent stdin reads as empty.
      if ((e as { code?: string }).code === 'EOF') return 0;
      throw e;
    }
  }

  write(buffer: Uint8Array, offset: number, length: number): number {
    let done = 0;
    while (done < length) {
      done += retry(() => fs.writeSync(this.fd, buffer, offset + done, length - done));
    }
    return done;
  }
}
