/**
 * The error every decoding or validation failure raises.
 *
 * `message` is the reference interpreter's text for the case ("type mismatch",
 * "unexpected end", ...), so that spec assertions can compare it verbatim, and
 * `offset` is the byte offset in the module where the problem was found.
 */
export class CompileError extends Error {
  /** Byte offset in the module binary at which the error was detected. */
  readonly offset: number;
  /** True for malformed binaries (decoding), false for invalid modules (validation). */
  readonly malformed: boolean;

  constructor(message: string, offset: number, malformed: boolean) {
    super(message);
    this.name = 'CompileError';
    this.offset = offset;
    this.malformed = malformed;
  }

  override toString(): string {
    return `${this.name}: ${this.message} (at byte offset ${this.offset})`;
  }
}

/** Raises a decoding error (the binary is malformed). */
export function malformed(offset: number, message: string): never {
  throw new CompileError(message, offset, true);
}

/** Raises a validation error (the binary is well-formed but invalid). */
export function invalid(offset: number, message: string): never {
  throw new CompileError(message, offset, false);
}
