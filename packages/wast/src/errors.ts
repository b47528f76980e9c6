/**
 * The one error type of `@weft/wast`.
 *
 * Every failure to read a text module or a script is a {@link WastError}
 * whose `message` starts with the reference interpreter's text for the case
 * ("unexpected token", "unknown operator", "constant out of range", ...), so
 * that `assert_malformed` expectations can be compared by prefix, and whose
 * `line` and `column` (both 1-based) locate the offending token.
 */
export class WastError extends Error {
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units) of the offending token. */
  readonly column: number;
  /** Name of the source, if the caller gave one (a script's file name). */
  readonly filename: string | undefined;

  constructor(message: string, line: number, column: number, filename?: string) {
    super(message);
    this.name = 'WastError';
    this.line = line;
    this.column = column;
    this.filename = filename;
  }

  override toString(): string {
    const where = `${this.filename ?? '<text>'}:${this.line}:${this.column}`;
    return `${this.name}: ${where}: ${this.message}`;
  }
}

/** Line and column (1-based) of character offset `at` in `text`. */
export function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(at, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Throws a {@link WastError} located at character offset `at` of `text`. */
export function failAt(text: string, at: number, message: string, filename?: string): never {
  const { line, column } = position(text, at);
  throw new WastError(message, line, column, filename);
}
