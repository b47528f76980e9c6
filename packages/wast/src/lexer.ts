/**
 * The lexer of the WebAssembly text format: source text to a flat token
 * array (struct of arrays, so large scripts lex without an object per token).
 *
 * Comments and annotations `(@id ...)` are skipped here; where each
 * annotation was is recorded in {@link Tokens.annotations} for the parsers of
 * the annotations that mean something (`parser/annotations.ts`). A lexical error does
 * not throw: it ends the token stream with an {@link Tok.ERROR} token carrying
 * the message, so the parser reports it only when it reaches that point, as
 * the reference interpreter (which lexes on demand) does.
 *
 * The text is a JS string. Bytes that were not valid UTF-8 where the text came
 * from (see `decodeUtf8Lossless`) appear as lone surrogates, and are reported
 * as "malformed UTF-8 encoding" wherever they occur.
 */

/** Token kinds. */
export const Tok = {
  LPAR: 0,
  RPAR: 1,
  /** A keyword: starts with a lowercase letter (`module`, `i32.add`, `offset=4`, `nan:canonical`). */
  KEYWORD: 2,
  /** A numeric literal (integer or float, including `inf`, `nan`, `nan:0x...`). */
  NUM: 3,
  /** An identifier `$name` or `$"name"`. */
  ID: 4,
  STRING: 5,
  /** A lexical error; the message is {@link Tokens.error}. Always followed by EOF. */
  ERROR: 6,
  EOF: 7,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

/**
 * An annotation `(@id ...)` of the source (one that is not nested in another
 * annotation): it spans `text.slice(start, end)` and sits just before token
 * `token` (the first token after it).
 */
export interface AnnotationSpan {
  readonly token: number;
  readonly start: number;
  readonly end: number;
}

const NO_ANNOTATIONS: readonly AnnotationSpan[] = [];

/** The tokens of one source text. Token `i` spans `text.slice(start[i], end[i])`. */
export interface Tokens {
  readonly text: string;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Number of tokens, the final EOF included. */
  readonly count: number;
  /** Message of the ERROR token, if there is one. */
  readonly error: string | null;
  /** The well-formed annotations, in text order (so by increasing `token`). */
  readonly annotations: readonly AnnotationSpan[];
}

// Character classes, for ASCII.
const C_OTHER = 0; // control characters: illegal outside strings and comments
const C_SPACE = 1;
const C_ID = 2; // idchar
const C_RESERVED = 3; // , ; [ ] { } : reserved-token characters that are not idchars
const C_QUOTE = 4;
const C_PAREN = 5;

const CLASS = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) CLASS[c] = C_ID;
for (const c of ' \t\n\r') CLASS[c.charCodeAt(0)] = C_SPACE;
for (const c of ',;[]{}') CLASS[c.charCodeAt(0)] = C_RESERVED;
CLASS[0x22] = C_QUOTE;
CLASS[0x28] = C_PAREN;
CLASS[0x29] = C_PAREN;

/** Whether `c` (a UTF-16 code unit) may appear in an identifier or keyword. */
export function isIdChar(c: number): boolean {
  return c < 128 && CLASS[c] === C_ID;
}

const NUMBER =
  /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?|0x[0-9a-fA-F](?:_?[0-9a-fA-F])*(?:\.(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?(?:[pP][+-]?\d(?:_?\d)*)?|inf|nan(?::0x[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)$/;

/** Outcome of scanning a string literal: the offset after it, or an error and where it is. */
interface StringScan {
  end: number;
  error: string | null;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isLoneSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = text.charCodeAt(i - 1);
    return !(i > 0 && p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/** Scans the string literal whose opening quote is at `i`. */
export function scanString(text: string, i: number): StringScan {
  const n = text.length;
  let j = i + 1;
  for (;;) {
    if (j >= n) return { end: i, error: 'unclosed string literal' };
    const c = text.charCodeAt(j);
    if (c === 0x22) return { end: j + 1, error: null };
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x6e || e === 0x74 || e === 0x72 || e === 0x22 || e === 0x27 || e === 0x5c) {
        j += 2;
      } else if (e === 0x75) {
        // \u{hexnum}
        if (text.charCodeAt(j + 2) !== 0x7b) return { end: j, error: 'illegal escape' };
        let k = j + 3;
        let value = 0;
        let digits = 0;
        let ok = true;
        while (k < n && text.charCodeAt(k) !== 0x7d) {
          const d = text.charCodeAt(k);
          if (isHex(d)) {
            value = value * 16 + parseInt(text[k]!, 16);
            digits++;
          } else if (!(d === 0x5f && digits > 0 && isHex(text.charCodeAt(k + 1)))) {
            ok = false;
            break;
          }
          k++;
        }
        if (!ok || k >= n || digits === 0) return { end: j, error: 'illegal escape' };
        if ((value >= 0xd800 && value < 0xe000) || value >= 0x110000) {
          return { end: j, error: 'illegal escape' };
        }
        j = k + 1;
      } else if (isHex(e) && isHex(text.charCodeAt(j + 2))) {
        j += 3;
      } else {
        return { end: j, error: 'illegal escape' };
      }
      continue;
    }
    if (c === 0x0a) return { end: i, error: 'unclosed string literal' };
    if (c < 0x20 || c === 0x7f) {
      return { end: j, error: 'illegal control character in string literal' };
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (isLoneSurrogate(text, j)) return { end: j, error: 'malformed UTF-8 encoding' };
      j += 2;
      continue;
    }
    j++;
  }
}

/**
 * The bytes of the string literal `text.slice(start, end)` (quotes included),
 * which the lexer has checked. Characters are encoded as UTF-8.
 */
export function stringBytes(text: string, start: number, end: number): Uint8Array {
  const out: number[] = [];
  const last = end - 1;
  let i = start + 1;
  while (i < last) {
    let c = text.charCodeAt(i);
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 0x6e:
          out.push(10);
          i += 2;
          continue;
        case 0x74:
          out.push(9);
          i += 2;
          continue;
        case 0x72:
          out.push(13);
          i += 2;
          continue;
        case 0x22:
        case 0x27:
        case 0x5c:
          out.push(e);
          i += 2;
          continue;
        case 0x75: {
          const close = text.indexOf('}', i);
          c = parseInt(text.slice(i + 3, close).replaceAll('_', ''), 16);
          i = close + 1;
          pushUtf8(out, c);
          continue;
        }
        default:
          out.push(parseInt(text.slice(i + 1, i + 3), 16));
          i += 3;
          continue;
      }
    }
    if (c < 0x80) {
      out.push(c);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    pushUtf8(out, cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return Uint8Array.from(out);
}

function pushUtf8(out: number[], c: number): void {
  if (c < 0x80) out.push(c);
  else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
  else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  else
    out.push(
      0xf0 | (c >> 18),
      0x80 | ((c >> 12) & 0x3f),
      0x80 | ((c >> 6) & 0x3f),
      0x80 | (c & 0x3f),
    );
}

class TokenBuffer {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  push(kind: Tok, start: number, end: number): void {
    if (this.count === this.kind.length) {
      const size = this.count * 2;
      const kinds = new Uint8Array(size);
      kinds.set(this.kind);
      this.kind = kinds;
      const starts = new Int32Array(size);
      starts.set(this.start);
      this.start = starts;
      const ends = new Int32Array(size);
      ends.set(this.end);
      this.end = ends;
    }
    this.kind[this.count] = kind;
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }
}

/** Tokenizes `text`. Never throws: a lexical error becomes the last token before EOF. */
export function lex(text: string): Tokens {
  // Short texts (annotations' contents) get small buffers.
  const buf = new TokenBuffer(Math.min(256, 4 + (text.length >> 1)));
  const n = text.length;
  let error: string | null = null;
  let annotations: AnnotationSpan[] | null = null;
  let i = 0;

  const fail = (at: number, message: string): void => {
    error = message;
    buf.push(Tok.ERROR, at, at);
    i = n;
  };

  /** The message for an illegal character at `j`. */
  const illegal = (j: number): string =>
    isLoneSurrogate(text, j) ? 'malformed UTF-8 encoding' : 'illegal character';

  /**
   * Skips white space and comments from `i`. Returns false after reporting an
   * error (unclosed or malformed comment).
   */
  const skipSpace = (): boolean => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        i++;
      } else if (c === 0x3b && text.charCodeAt(i + 1) === 0x3b) {
        let j = i + 2;
        // A line comment ends at a newline: \n, \r or \r\n.
        while (j < n && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) {
          const d = text.charCodeAt(j);
          if (d >= 0xd800 && d <= 0xdfff && isLoneSurrogate(text, j)) {
            fail(j, 'malformed UTF-8 encoding');
            return false;
          }
          j++;
        }
        i = j;
      } else if (c === 0x28 && text.charCodeAt(i + 1) === 0x3b) {
        const open = i;
        let depth = 1;
        let j = i + 2;
        while (depth > 0) {
          if (j >= n) {
            fail(open, 'unclosed comment');
            return false;
          }
          const d = text.charCodeAt(j);
          if (d === 0x28 && text.charCodeAt(j + 1) === 0x3b) {
            depth++;
            j += 2;
          } else if (d === 0x3b && text.charCodeAt(j + 1) === 0x29) {
            depth--;
            j += 2;
          } else if (d >= 0xd800 && d <= 0xdfff && isLoneSurrogate(text, j)) {
            fail(j, 'malformed UTF-8 encoding');
            return false;
          } else {
            j++;
          }
        }
        i = j;
      } else {
        return true;
      }
    }
    return true;
  };

  /** End of the word starting at `j` (idchars, reserved characters and strings). */
  const wordEnd = (j: number): number | null => {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c >= 128) break;
      const cls = CLASS[c]!;
      if (cls === C_ID) j++;
      else if (cls === C_RESERVED) {
        if (c === 0x3b && text.charCodeAt(j + 1) === 0x3b) break;
        j++;
      } else if (cls === C_QUOTE) {
        const s = scanString(text, j);
        if (s.error !== null) {
          fail(s.end, s.error);
          return null;
        }
        j = s.end;
      } else break;
    }
    return j;
  };

  /** Skips an annotation whose `(@` is at `i`. */
  const annotation = (): void => {
    const open = i;
    let j = i + 2;
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      const s = scanString(text, j);
      if (s.error !== null) return fail(open, 'empty annotation id');
      if (s.end - j === 2) return fail(open, 'empty annotation id');
      if (!isUtf8(stringBytes(text, j, s.end))) return fail(j, 'malformed UTF-8 encoding');
      j = s.end;
    } else if (isIdChar(c)) {
      while (isIdChar(text.charCodeAt(j))) j++;
    } else {
      return fail(open, 'empty annotation id');
    }
    i = j;
    let depth = 1;
    for (;;) {
      if (!skipSpace()) return;
      if (i >= n) return fail(open, 'unclosed annotation');
      const d = text.charCodeAt(i);
      if (d === 0x28) {
        depth++;
        i++;
      } else if (d === 0x29) {
        depth--;
        i++;
        if (depth === 0) {
          (annotations ??= []).push({ token: buf.count, start: open, end: i });
          return;
        }
      } else if (d < 128 && CLASS[d] !== C_OTHER) {
        const e = wordEnd(i);
        if (e === null) return;
        i = e;
      } else {
        return fail(i, illegal(i));
      }
    }
  };

  while (i < n) {
    if (!skipSpace()) break;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 0x28) {
      if (text.charCodeAt(i + 1) === 0x40) {
        annotation();
        continue;
      }
      buf.push(Tok.LPAR, i, i + 1);
      i++;
      continue;
    }
    if (c === 0x29) {
      buf.push(Tok.RPAR, i, i + 1);
      i++;
      continue;
    }
    if (c >= 128 || CLASS[c] === C_OTHER) {
      fail(i, illegal(i));
      break;
    }
    const start = i;
    if (c === 0x24) {
      // Identifiers: $idchars or $"string"; anything else after `$` is empty.
      const d = text.charCodeAt(i + 1);
      if (d === 0x22) {
        const s = scanString(text, i + 1);
        if (s.error !== null || s.end - i === 3) {
          fail(start, 'empty identifier');
          break;
        }
      } else if (!isIdChar(d)) {
        fail(start, 'empty identifier');
        break;
      }
    }
    const end = wordEnd(i);
    if (end === null) break;
    i = end;
    const kind = classify(text, start, end);
    if (typeof kind === 'string') {
      fail(start, kind);
      break;
    }
    buf.push(kind, start, end);
  }
  buf.push(Tok.EOF, n, n);
  return {
    text,
    kind: buf.kind,
    start: buf.start,
    end: buf.end,
    count: buf.count,
    error,
    annotations: annotations ?? NO_ANNOTATIONS,
  };
}

/** Kind of the word `text.slice(start, end)`, or an error message. */
function classify(text: string, start: number, end: number): Tok | string {
  const c = text.charCodeAt(start);
  let plain = true; // only idchars
  for (let j = start; j < end; j++) {
    const d = text.charCodeAt(j);
    if (CLASS[d] !== C_ID) {
      plain = false;
      break;
    }
  }
  const word = text.slice(start, end);
  if (c === 0x22) {
    if (scanString(text, start).end === end) return Tok.STRING;
    return `unknown operator ${word}`;
  }
  if (c === 0x24) {
    if (plain) return Tok.ID;
    if (text.charCodeAt(start + 1) === 0x22 && scanString(text, start + 1).end === end) {
      if (!isUtf8(stringBytes(text, start + 1, end))) return 'malformed UTF-8 encoding';
      return Tok.ID;
    }
    return `unknown operator ${word}`;
  }
  if (plain) {
    if (NUMBER.test(word)) return Tok.NUM;
    if (c >= 0x61 && c <= 0x7a) return Tok.KEYWORD;
  }
  return `unknown operator ${word}`;
}

/** Whether `bytes` is well-formed UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      min = 0x10000;
    } else return false;
    if (i + len > n) return false;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const d = bytes[i + k]!;
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return false;
    i += len;
  }
  return true;
}

/**
 * Decodes UTF-8 bytes to a string without losing anything: each byte that is
 * not part of a well-formed sequence becomes the lone surrogate U+DC00 + byte,
 * which the lexer reports as "malformed UTF-8 encoding". Well-formed input
 * decodes exactly as `TextDecoder` would.
 */
export function decodeUtf8Lossless(bytes: Uint8Array): string {
  const units: number[] = [];
  let out = '';
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) len = 3;
    else if (b >= 0xf0 && b <= 0xf4) len = 4;
    if (len === 1) {
      units.push(b);
      i++;
    } else if (len > 0 && i + len <= n && isUtf8(bytes.subarray(i, i + len))) {
      let cp = b & (0xff >> (len + 1));
      for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else units.push(cp);
      i += len;
    } else {
      units.push(0xdc00 + b);
      i++;
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

/** Decodes well-formed UTF-8 (as checked by {@link isUtf8}) to a string. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decodeUtf8Lossless(bytes);
}

/** The UTF-8 encoding of `s` (lone surrogates as U+FFFD, as `TextEncoder` does). */
export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    pushUtf8(out, c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return Uint8Array.from(out);
}
