/** Helpers shared by the tests. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { parseModule, type ModuleInfo } from '@weft/environ';
import { WastError } from '#src/errors.js';
import { parseWat } from '#src/index.js';

/** The package directory (tests run from `dist-test/`). */
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The official testsuite: `$WEFT_TESTSUITE`, or `../shared/testsuite` next to the repository. */
export const TESTSUITE =
  process.env['WEFT_TESTSUITE'] ?? resolve(PACKAGE_DIR, '../../../shared/testsuite');

/** The reference interpreter's binary conversion of the testsuite. */
export const TESTSUITE_BIN =
  process.env['WEFT_TESTSUITE_BIN'] ?? resolve(TESTSUITE, '../testsuite-bin');

/** Whether the testsuite is there; prints why the suite-wide tests are skipped if not. */
export function haveTestsuite(what: string): boolean {
  if (existsSync(TESTSUITE) && statSync(TESTSUITE).isDirectory()) return true;
  console.log(`[wast] skipping ${what}: no testsuite at ${TESTSUITE} (set WEFT_TESTSUITE)`);
  return false;
}

/** The .wast files directly in `dir`, sorted. */
export function wastFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort()
    .map((f) => join(dir, f));
}

/** Hex of a byte array, for readable assertion failures. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The module header. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module binary: header followed by sections `[id, ...content]` (sizes are added). */
export function module(...sections: number[][]): Uint8Array {
  const out = [...HEADER];
  for (const [id, ...content] of sections) out.push(id!, content.length, ...content);
  return Uint8Array.from(out);
}

/** Asserts that `text` encodes to exactly `expected`. */
export function encodes(text: string, expected: Uint8Array): void {
  assert.is(hex(parseWat(text)), hex(expected));
}

/** Parses `text` to a binary and decodes it with environ (so it must be valid). */
export function decode(text: string): ModuleInfo {
  return parseModule(parseWat(text));
}

/** The code section's function bodies of `text` as hex, one string per function, without sizes. */
export function bodies(text: string): string[] {
  const m = decode(text);
  return m.bodies.map((b) => hex(m.bytes.subarray(b.codeStart, b.end)));
}

/** Asserts that `f` throws a WastError whose message starts with `message`. */
export function fails(f: () => unknown, message: string, line?: number, column?: number): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WastError)) throw e;
    assert.ok(
      e.message.startsWith(message),
      `expected "${message}", got "${e.message}" at ${e.line}:${e.column}`,
    );
    if (line !== undefined) assert.is(e.line, line, 'line');
    if (column !== undefined) assert.is(e.column, column, 'column');
    return;
  }
  assert.unreachable(`expected a WastError "${message}"`);
}

/** Asserts that parsing the text module fails with `message`. */
export function malformed(text: string, message: string): void {
  fails(() => parseWat(text), message);
}

/** The sections of a binary module, in order: id, where it starts and ends, and its content. */
export function* sectionsOf(
  bytes: Uint8Array,
): Generator<{ id: number; start: number; end: number; content: Uint8Array }> {
  let p = 8;
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++]!;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++]!;
      size += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
    }
    yield { id, start, end: p + size, content: bytes.subarray(p, p + size) };
    p += size;
  }
}

/** The content of section `id` of the module `text` encodes to, as hex ('' if absent). */
export function section(text: string, id: number): string {
  for (const s of sectionsOf(parseWat(text))) if (s.id === id) return hex(s.content);
  return '';
}

/** Section ids. */
export const S = {
  TYPE: 1,
  IMPORT: 2,
  FUNCTION: 3,
  TABLE: 4,
  MEMORY: 5,
  GLOBAL: 6,
  EXPORT: 7,
  START: 8,
  ELEM: 9,
  CODE: 10,
  DATA: 11,
  DATA_COUNT: 12,
  TAG: 13,
} as const;

/** The sections of a binary: `id` for standard ones, `"name"=content` (text) for custom ones. */
export function sections(bytes: Uint8Array): string[] {
  return [...sectionsOf(bytes)].map(({ id, content }) => {
    if (id !== 0) return String(id);
    const n = content[0]!; // names here are short
    const name = new TextDecoder().decode(content.subarray(1, 1 + n));
    return `"${name}"=${new TextDecoder().decode(content.subarray(1 + n))}`;
  });
}
