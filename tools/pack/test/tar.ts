/** A reader of the .tgz files `npm pack` writes (ustar, with pax headers for long paths). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A regular file of a tarball. */
export interface TarFile {
  /** Its path in the package, without npm's `package/` prefix. */
  readonly path: string;
  /** Its permission bits (0o644, 0o755). */
  readonly mode: number;
  readonly data: Buffer;
}

function field(header: Buffer, start: number, end: number): string {
  const s = header.subarray(start, end).toString('utf8');
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function octal(header: Buffer, start: number, end: number): number {
  const s = field(header, start, end).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** The `path` record of a pax extended header, if any. */
function paxPath(data: Buffer): string | undefined {
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(data.subarray(at, space).toString('utf8'), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') return record.slice(eq + 1);
    at += length;
  }
  return undefined;
}

/** The regular files of a gzipped tarball, by path. */
export function readTarball(file: string): Map<string, TarFile> {
  const tar = gunzipSync(readFileSync(file));
  const files = new Map<string, TarFile>();
  let at = 0;
  let longPath: string | undefined;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 136);
    const type = String.fromCharCode(header[156]!);
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      longPath = paxPath(data);
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 257, 263).startsWith('ustar') ? field(header, 345, 500) : '';
    const name = field(header, 0, 100);
    const path = longPath ?? (prefix !== '' ? `${prefix}/${name}` : name);
    longPath = undefined;
    if (type !== '0' && type !== '\0') continue;
    const inPackage = path.replace(/^package\//, '');
    files.set(inPackage, { path: inPackage, mode: octal(header, 100, 108) & 0o7777, data });
  }
  return files;
}
