/**
 * .wast scripts: modules, actions and assertions, parsed into
 * {@link Command}s. Text modules are encoded to binaries as they are read;
 * `module quote` keeps its text for the runner to parse when it gets there.
 */
import type {
  Action,
  Command,
  LaneShape,
  ModuleCommand,
  ModuleInstanceCommand,
  ModuleInstanceRef,
  NanPattern,
  ResultPattern,
  Script,
  ScriptModule,
  Value,
} from './commands.js';
import { decodeUtf8, decodeUtf8Lossless, lex, Tok } from './lexer.js';
import { Cursor } from './parser/cursor.js';
import {
  readF32,
  readF64,
  readI32,
  readI64,
  readLane,
  readV128,
  SHAPES,
  storeLane,
} from './parser/literals.js';
import { parseModuleFields, parseModuleText } from './parser/module.js';
import { ABSTRACT_HEAPS } from './parser/valtypes.js';

/** Incremental offset-to-line conversion for offsets visited in increasing order. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  at(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    const text = this.text;
    for (let i = this.offset; i < offset; i++) if (text.charCodeAt(i) === 10) this.line++;
    this.offset = offset;
    return this.line;
  }
}

const MODULE_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'rec',
  'import',
  'func',
  'table',
  'memory',
  'global',
  'tag',
  'export',
  'start',
  'elem',
  'data',
]);

const MODULE_ASSERTIONS: ReadonlySet<string> = new Set([
  'assert_invalid',
  'assert_malformed',
  'assert_unlinkable',
  'assert_uninstantiable',
  'assert_invalid_custom',
  'assert_malformed_custom',
]);

const REF_KINDS: ReadonlySet<string> = new Set([
  'ref.struct',
  'ref.array',
  'ref.i31',
  'ref.eq',
  'ref.any',
  'ref.exn',
]);

/** Deepest nesting of `either` results accepted (they are never nested in practice). */
const MAX_EITHER_DEPTH = 100;

class ScriptParser {
  private readonly lines: LineCounter;

  constructor(
    private readonly cur: Cursor,
    text: string,
  ) {
    this.lines = new LineCounter(text);
  }

  private lineOf(token: number): number {
    return this.lines.at(this.cur.toks.start[token]!);
  }

  parse(): Command[] {
    const cur: Cursor = this.cur;
    const commands: Command[] = [];
    // A script may be a single module written as bare fields.
    const first = cur.fieldKeyword();
    if (first !== null && MODULE_FIELDS.has(first)) {
      const bytes = parseModuleFields(cur);
      if (cur.peek() !== Tok.EOF) cur.unexpected();
      const module: ScriptModule = { format: 'text', bytes, text: null, line: 1 };
      return [{ type: 'module', line: 1, name: null, definition: false, module }];
    }
    while (cur.peek() !== Tok.EOF) commands.push(this.command());
    return commands;
  }

  private command(): Command {
    const cur: Cursor = this.cur;
    const at = cur.pos;
    const line = this.lineOf(at);
    const kw = cur.fieldKeyword();
    if (kw === null) return cur.unexpected(cur.peek() === Tok.LPAR ? at + 1 : at);
    switch (kw) {
      case 'module':
        return this.module();
      case 'register': {
        cur.pos += 2;
        const as = this.utf8(cur.name());
        const name = cur.optId();
        cur.rpar();
        return { type: 'register', line, as, name };
      }
      case 'invoke':
      case 'get':
        return { type: 'action', line, action: this.action() };
      case 'assert_return': {
        cur.pos += 2;
        const action = this.action();
        const expected: ResultPattern[] = [];
        while (cur.peek() === Tok.LPAR) expected.push(this.result());
        cur.rpar();
        return { type: 'assert_return', line, action, expected };
      }
      case 'assert_trap': {
        cur.pos += 2;
        if (cur.isField('module')) {
          const module = this.moduleOnly(true);
          const message = this.message();
          return { type: 'assert_trap', line, action: null, module, message };
        }
        const action = this.action();
        const message = this.message();
        return { type: 'assert_trap', line, action, module: null, message };
      }
      case 'assert_exhaustion': {
        cur.pos += 2;
        const action = this.action();
        const message = this.message();
        return { type: 'assert_exhaustion', line, action, message };
      }
      case 'assert_exception': {
        cur.pos += 2;
        const action = this.action();
        cur.rpar();
        return { type: 'assert_exception', line, action };
      }
      default: {
        if (!MODULE_ASSERTIONS.has(kw)) return cur.unexpected(at + 1);
        cur.pos += 2;
        const module = this.moduleOnly(
          kw === 'assert_unlinkable' || kw === 'assert_uninstantiable',
        );
        const message = this.message();
        return {
          type: kw as 'assert_invalid',
          line,
          module,
          message,
        };
      }
    }
  }

  /** The failure message closing an assertion: `"text" )`. */
  private message(): string {
    const text = this.utf8(this.cur.string());
    this.cur.rpar();
    return text;
  }

  private utf8(bytes: Uint8Array): string {
    return decodeUtf8(bytes);
  }

  /**
   * The module of an assertion: a module, or (with `instance`) an instance
   * of a defined one, for the assertions about instantiation.
   */
  private moduleOnly(instance = false): ScriptModule | ModuleInstanceRef {
    const at = this.cur.pos;
    const cmd = this.module();
    if (cmd.type === 'module') {
      if (instance && cmd.definition) this.cur.fail('misplaced module definition', at);
      return cmd.module;
    }
    if (!instance) this.cur.fail('unexpected token', at + 2);
    return { format: 'instance', instance: cmd.instance, module: cmd.module, line: cmd.line };
  }

  /**
   * (module definition? id? field*) | (module definition? id? binary string*)
   * | (module definition? id? quote string*) | (module instance id? id?)
   */
  private module(): ModuleCommand | ModuleInstanceCommand {
    const cur: Cursor = this.cur;
    const line = this.lineOf(cur.pos);
    cur.field('module');
    const head = cur.pos;
    if (cur.eatKeyword('instance')) {
      // `(module instance $I $M)`, `(module instance $M)` or `(module instance)`.
      const first = cur.optId();
      const second = cur.optId();
      cur.rpar();
      return second === null
        ? { type: 'module_instance', line, instance: null, module: first }
        : { type: 'module_instance', line, instance: first, module: second };
    }
    const definition = cur.eatKeyword('definition');
    const name = cur.optId();
    let module: ScriptModule;
    if (cur.eatKeyword('binary')) {
      module = { format: 'binary', bytes: this.strings(), text: null, line };
    } else if (cur.eatKeyword('quote')) {
      module = { format: 'quote', bytes: null, text: decodeUtf8Lossless(this.strings()), line };
    } else {
      module = { format: 'text', bytes: parseModuleFields(cur, head), text: null, line };
    }
    cur.rpar();
    return { type: 'module', line, name, definition, module };
  }

  /** string* concatenated. */
  private strings(): Uint8Array {
    const cur: Cursor = this.cur;
    const parts: Uint8Array[] = [];
    let size = 0;
    while (cur.peek() === Tok.STRING) {
      const b = cur.string();
      parts.push(b);
      size += b.length;
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** (invoke id? "name" const*) | (get id? "name") */
  private action(): Action {
    const cur: Cursor = this.cur;
    const kw = cur.fieldKeyword();
    if (kw === 'invoke') {
      cur.pos += 2;
      const module = cur.optId();
      const field = this.utf8(cur.name());
      const args: Value[] = [];
      while (cur.peek() === Tok.LPAR) args.push(this.value());
      cur.rpar();
      return { type: 'invoke', module, field, args };
    }
    if (kw === 'get') {
      cur.pos += 2;
      const module = cur.optId();
      const field = this.utf8(cur.name());
      cur.rpar();
      return { type: 'get', module, field };
    }
    return cur.unexpected(cur.peek() === Tok.LPAR ? cur.pos + 1 : cur.pos);
  }

  /** const ::= (t.const num) | (v128.const shape num*) | (ref.null ht) | (ref.extern n) | (ref.host n) */
  private value(): Value {
    const cur: Cursor = this.cur;
    cur.lpar();
    if (cur.peek() !== Tok.KEYWORD) cur.unexpected();
    const kw = cur.text();
    cur.pos++;
    let v: Value;
    switch (kw) {
      case 'i32.const':
        v = { type: 'i32', value: readI32(cur) };
        break;
      case 'i64.const':
        v = { type: 'i64', value: readI64(cur) };
        break;
      case 'f32.const':
        v = { type: 'f32', value: readF32(cur) };
        break;
      case 'f64.const':
        v = { type: 'f64', value: readF64(cur) };
        break;
      case 'v128.const':
        v = { type: 'v128', value: readV128(cur) };
        break;
      case 'ref.null':
        v = { type: 'ref.null', heap: this.heap() };
        break;
      case 'ref.extern':
        v = { type: 'ref.extern', value: cur.u32() };
        break;
      case 'ref.host':
        v = { type: 'ref.host', value: cur.u32() };
        break;
      default:
        return cur.unexpected(cur.pos - 1);
    }
    cur.rpar();
    return v;
  }

  /** A heap type as written: an abstract heap type name or a type index. */
  private heap(): string {
    const cur: Cursor = this.cur;
    if ((cur.peek() === Tok.KEYWORD && ABSTRACT_HEAPS.has(cur.text())) || cur.isNat()) {
      const text = cur.text();
      cur.pos++;
      return text;
    }
    return cur.unexpected();
  }

  private nan(): NanPattern | null {
    const cur: Cursor = this.cur;
    if (cur.isKeyword('nan:canonical') || cur.isKeyword('nan:arithmetic')) {
      const kw = cur.text() as NanPattern;
      cur.pos++;
      return kw;
    }
    return null;
  }

  /** An expected result of `assert_return`; `depth` bounds the nesting of `either`. */
  private result(depth = 0): ResultPattern {
    const cur: Cursor = this.cur;
    if (depth > MAX_EITHER_DEPTH) cur.fail('either nested too deeply');
    cur.lpar();
    if (cur.peek() !== Tok.KEYWORD) cur.unexpected();
    const kw = cur.text();
    cur.pos++;
    let r: ResultPattern;
    switch (kw) {
      case 'i32.const':
        if (this.nan() !== null) cur.fail('NaN pattern with non-float type', cur.pos - 1);
        r = { type: 'i32', value: readI32(cur) };
        break;
      case 'i64.const':
        if (this.nan() !== null) cur.fail('NaN pattern with non-float type', cur.pos - 1);
        r = { type: 'i64', value: readI64(cur) };
        break;
      case 'f32.const':
        r = { type: 'f32', value: this.nan() ?? readF32(cur) };
        break;
      case 'f64.const':
        r = { type: 'f64', value: this.nan() ?? readF64(cur) };
        break;
      case 'v128.const':
        r = this.v128Result();
        break;
      case 'ref.null': {
        const heap = cur.peek() === Tok.RPAR ? null : this.heap();
        r = { type: 'ref.null', heap };
        break;
      }
      case 'ref.func':
        r = { type: 'ref.func', index: cur.isNat() ? cur.u32() : null };
        break;
      case 'ref.extern':
        r = { type: 'ref.extern', value: cur.isNat() ? cur.u32() : null };
        break;
      case 'ref.host':
        r = { type: 'ref.host', value: cur.u32() };
        break;
      case 'either': {
        const options: ResultPattern[] = [];
        while (cur.peek() === Tok.LPAR) options.push(this.result(depth + 1));
        if (options.length === 0) cur.unexpected();
        r = { type: 'either', options };
        break;
      }
      case 'ref':
        // `(ref)`: any non-null reference.
        r = { type: 'ref.any' };
        break;
      default:
        if (!REF_KINDS.has(kw)) return cur.unexpected(cur.pos - 1);
        r = { type: kw as 'ref.struct' };
    }
    cur.rpar();
    return r;
  }

  /** v128.const shape lane*, where float lanes may be NaN patterns. */
  private v128Result(): ResultPattern {
    const cur: Cursor = this.cur;
    if (cur.peek() !== Tok.KEYWORD || !SHAPES.has(cur.text())) cur.unexpected();
    const shapeName = cur.text() as LaneShape;
    const shape = SHAPES.get(shapeName)!;
    cur.pos++;
    const lanes: (bigint | NanPattern)[] = [];
    let exact = true;
    const at = cur.pos;
    let n = 0;
    while (
      cur.peek(n) === Tok.NUM ||
      cur.isKeyword('nan:canonical', n) ||
      cur.isKeyword('nan:arithmetic', n)
    )
      n++;
    cur.checkKeyword(n);
    if (n !== shape.lanes) cur.fail('wrong number of lane literals', at - 2);
    for (let i = 0; i < shape.lanes; i++) {
      const nan = this.nan();
      if (nan !== null) {
        if (!shape.float) cur.fail('invalid vector constant', cur.pos - 1);
        lanes.push(nan);
        exact = false;
      } else {
        lanes.push(readLane(cur, shape.bits, shape.float));
      }
    }
    let value: Uint8Array | null = null;
    if (exact) {
      value = new Uint8Array(16);
      lanes.forEach((v, i) => storeLane(value!, i, shape.bits, v as bigint));
    }
    return { type: 'v128', shape: shapeName, lanes, value };
  }
}

/**
 * Parses a .wast script into its commands. Text modules are encoded to
 * binaries here (a malformed text module fails the whole script); `module
 * quote` text is kept for {@link parseQuoteModule}.
 *
 * @param filename used in error locations only.
 * @throws {WastError} with the line and column of the first problem.
 */
export function parseScript(text: string, filename?: string): Script {
  const cur = new Cursor(lex(text), filename);
  const commands = new ScriptParser(cur, text).parse();
  return { filename, commands };
}

/** Options of {@link parseWat}. */
export interface WatOptions {
  /**
   * Write a `name` section of the module's `$identifiers` (module,
   * functions, locals, types, fields, tables, memories, globals, tags,
   * segments), so that traps name functions in backtraces (default true).
   * A module whose `(@name ...)` annotations or `(@custom "name" ...)` make
   * a name section gets that one instead.
   */
  readonly names?: boolean;
}

/**
 * Parses a text module, `(module ...)` or bare module fields, to a binary
 * module. Nothing is validated here beyond the text format itself: numeric
 * indices are encoded as written even if out of range (decode and validate
 * the result with `@weft/environ`).
 *
 * @throws {WastError} with the reference interpreter's message.
 */
export function parseWat(text: string, options: WatOptions = {}): Uint8Array {
  return parseModuleText(new Cursor(lex(text)), options.names ?? true);
}

/** The binary of a script module: its bytes, or the parsed text of a `quote` module. */
export function parseQuoteModule(module: ScriptModule): Uint8Array {
  // As the reference interpreter converts it: no name section.
  if (module.format === 'quote') return parseWat(module.text, { names: false });
  return module.bytes;
}
