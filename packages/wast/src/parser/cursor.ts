/**
 * A cursor over lexed tokens with the parser's primitives: peeking,
 * expecting, reading literals and identifiers, skipping balanced groups, and
 * raising {@link WastError}s located at a token.
 */
import { position, WastError } from '../errors.js';
import { decodeUtf8, isUtf8, stringBytes, Tok, type Tokens } from '../lexer.js';
import { parseNat } from '../numbers.js';
import { isKnownKeyword } from './keywords.js';

export class Cursor {
  /** Index of the current token. */
  pos: number;

  constructor(
    readonly toks: Tokens,
    readonly filename?: string,
    start = 0,
  ) {
    this.pos = start;
  }

  /**
   * While true, {@link semantic} errors are recorded rather than thrown: the
   * reference interpreter reports every syntax error of a module before any
   * error of meaning (unknown or duplicate identifiers, constants out of
   * range, mismatching labels, ...), which it finds only once parsed.
   */
  deferring = false;
  /** The first semantic error recorded while deferring. */
  deferred: WastError | null = null;
  /** Whether the last error thrown came from the lexer. */
  lexicalError = false;

  /** A {@link WastError} located at token `at`. */
  error(message: string, at: number = this.pos): WastError {
    const offset = this.toks.start[Math.min(at, this.toks.count - 1)]!;
    const { line, column } = position(this.toks.text, offset);
    return new WastError(message, line, column, this.filename);
  }

  /** Throws a {@link WastError} located at token `at`. */
  fail(message: string, at: number = this.pos): never {
    throw this.error(message, at);
  }

  /**
   * Reports an error of meaning: thrown at once, or recorded (the first one
   * wins) while {@link deferring}, in which case the caller goes on with a
   * placeholder value.
   */
  semantic(message: string, at: number = this.pos): void {
    if (!this.deferring) this.fail(message, at);
    this.deferred ??= this.error(message, at);
  }

  /** Throws the recorded semantic error, if any, and stops deferring. */
  flushDeferred(): void {
    const e = this.deferred;
    this.deferred = null;
    this.deferring = false;
    if (e !== null) throw e;
  }

  /** Kind of token `pos + k`; reaching a lexical error raises it. */
  peek(k = 0): Tok {
    const i = Math.min(this.pos + k, this.toks.count - 1);
    const kind = this.toks.kind[i]! as Tok;
    if (kind === Tok.ERROR) {
      this.lexicalError = true;
      this.fail(this.toks.error!, i);
    }
    return kind;
  }

  /** Source text of token `pos + k`. */
  text(k = 0): string {
    const i = Math.min(this.pos + k, this.toks.count - 1);
    return this.toks.text.slice(this.toks.start[i], this.toks.end[i]);
  }

  /** Whether token `pos + k` is the keyword `kw`. */
  isKeyword(kw: string, k = 0): boolean {
    return this.peek(k) === Tok.KEYWORD && this.text(k) === kw;
  }

  /** Whether the next tokens are `(` and the keyword `kw`. */
  isField(kw: string): boolean {
    return this.peek() === Tok.LPAR && this.isKeyword(kw, 1);
  }

  /** The keyword after a `(` at the cursor, or null. */
  fieldKeyword(): string | null {
    if (this.peek() !== Tok.LPAR || this.peek(1) !== Tok.KEYWORD) return null;
    return this.text(1);
  }

  /**
   * Fails at the current token: "unknown operator" for a keyword the text
   * format does not have, "unexpected token" otherwise.
   */
  unexpected(at: number = this.pos): never {
    const save = this.pos;
    this.pos = at;
    const kind = this.peek();
    this.pos = save;
    if (kind === Tok.KEYWORD) {
      const text = this.toks.text.slice(this.toks.start[at], this.toks.end[at]);
      if (!isKnownKeyword(text)) this.fail(`unknown operator ${text}`, at);
    }
    this.fail('unexpected token', at);
  }

  /**
   * Fails with "unknown operator" if token `pos + k` is a keyword the text
   * format does not have (the reference's lexer rejects those wherever they are).
   */
  checkKeyword(k = 0): void {
    if (this.peek(k) !== Tok.KEYWORD) return;
    const text = this.text(k);
    if (!isKnownKeyword(text)) this.fail(`unknown operator ${text}`, this.pos + k);
  }

  lpar(): void {
    if (this.peek() !== Tok.LPAR) this.unexpected();
    this.pos++;
  }

  rpar(): void {
    if (this.peek() !== Tok.RPAR) this.unexpected();
    this.pos++;
  }

  keyword(kw: string): void {
    if (!this.isKeyword(kw)) this.unexpected();
    this.pos++;
  }

  /** Consumes `(` and the keyword `kw`. */
  field(kw: string): void {
    this.lpar();
    this.keyword(kw);
  }

  /** Consumes the keyword `kw` if it is next. */
  eatKeyword(kw: string): boolean {
    if (!this.isKeyword(kw)) return false;
    this.pos++;
    return true;
  }

  /** Reads a string literal's bytes. */
  string(): Uint8Array {
    if (this.peek() !== Tok.STRING) this.unexpected();
    const i = this.pos++;
    return stringBytes(this.toks.text, this.toks.start[i]!, this.toks.end[i]!);
  }

  /** Reads a string literal that must be valid UTF-8 (a name). */
  name(): Uint8Array {
    const at = this.pos;
    const bytes = this.string();
    if (!isUtf8(bytes)) this.fail('malformed UTF-8 encoding', at);
    return bytes;
  }

  /** The identifier at the cursor (without `$`, quoted ones decoded), or null. */
  idName(k = 0): string | null {
    if (this.peek(k) !== Tok.ID) return null;
    const i = this.pos + k;
    const start = this.toks.start[i]!;
    const end = this.toks.end[i]!;
    if (this.toks.text.charCodeAt(start + 1) === 0x22) {
      return decodeUtf8(stringBytes(this.toks.text, start + 1, end));
    }
    return this.toks.text.slice(start + 1, end);
  }

  /** Consumes an optional identifier. */
  optId(): string | null {
    const name = this.idName();
    if (name !== null) this.pos++;
    return name;
  }

  /** Whether the token at `pos + k` is an unsigned integer literal. */
  isNat(k = 0): boolean {
    if (this.peek(k) !== Tok.NUM) return false;
    const c = this.toks.text.charCodeAt(this.toks.start[this.pos + k]!);
    return c >= 0x30 && c <= 0x39 && parseNat(this.text(k)) !== null;
  }

  /**
   * Reads an unsigned integer literal below 2^bits; out of range, fails with
   * `message`, as a {@link semantic} error if `semantic` (then reading 0).
   */
  nat(bits: number, message: string, semantic = false): bigint {
    if (!this.isNat()) this.unexpected();
    let v = parseNat(this.text())!;
    if (v >= 1n << BigInt(bits)) {
      if (!semantic) this.fail(message);
      this.semantic(message);
      v = 0n;
    }
    this.pos++;
    return v;
  }

  /** Reads a u32 literal (an index or a count; see {@link nat} for `semantic`). */
  u32(semantic = false): number {
    return Number(this.nat(32, 'i32 constant out of range', semantic));
  }

  /** Reads a numeric literal token's text. */
  num(): string {
    if (this.peek() !== Tok.NUM) this.unexpected();
    const text = this.text();
    this.pos++;
    return text;
  }

  /** Moves just past the group whose `(` is at the cursor. */
  skipGroup(): void {
    let depth = 0;
    for (;;) {
      const kind = this.peek();
      if (kind === Tok.LPAR) depth++;
      else if (kind === Tok.RPAR) {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      } else if (kind === Tok.EOF) this.unexpected();
      this.pos++;
    }
  }
}
