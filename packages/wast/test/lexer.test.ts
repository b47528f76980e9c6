import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeUtf8Lossless, isUtf8, lex, stringBytes, Tok, type Tokens } from '#src/lexer.js';
import { hex, malformed } from './util.js';

const Lexer = suite('lexer');

const NAMES = ['(', ')', 'kw', 'num', 'id', 'string', 'error', 'eof'];

/** `kind:text` of every token. */
function tokens(text: string): string[] {
  const t: Tokens = lex(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const kind = NAMES[t.kind[i]!]!;
    if (t.kind[i] === Tok.LPAR || t.kind[i] === Tok.RPAR || t.kind[i] === Tok.EOF) out.push(kind);
    else if (t.kind[i] === Tok.ERROR) out.push(`error:${t.error}`);
    else out.push(`${kind}:${text.slice(t.start[i], t.end[i])}`);
  }
  return out;
}

/** The bytes of the single string literal `literal`. */
function str(literal: string): string {
  const t = lex(literal);
  assert.is(t.kind[0], Tok.STRING, literal);
  return hex(stringBytes(literal, t.start[0]!, t.end[0]!));
}

Lexer('parentheses, keywords, identifiers, numbers and strings', () => {
  assert.equal(tokens('(module $m (func $f (i32.const -1)) "x")'), [
    '(',
    'kw:module',
    'id:$m',
    '(',
    'kw:func',
    'id:$f',
    '(',
    'kw:i32.const',
    'num:-1',
    ')',
    ')',
    'string:"x"',
    ')',
    'eof',
  ]);
});

Lexer('tokens need no space around parentheses', () => {
  assert.equal(tokens('(func(nop)nop)'), [
    '(',
    'kw:func',
    '(',
    'kw:nop',
    ')',
    'kw:nop',
    ')',
    'eof',
  ]);
});

Lexer('keywords include offset=, align= and NaN patterns', () => {
  assert.equal(tokens('offset=0x10 align=4 nan:canonical'), [
    'kw:offset=0x10',
    'kw:align=4',
    'kw:nan:canonical',
    'eof',
  ]);
});

Lexer('numeric literal forms', () => {
  for (const n of [
    '0',
    '123',
    '1_000',
    '+5',
    '-0x1F',
    '0xdead_beef',
    '1.5',
    '1.',
    '1e10',
    '1E-5',
    '-1.5e+3',
    '0x1p3',
    '0x1.8p-2',
    '0x1.',
    '0xA.Bp+1',
    'inf',
    '-inf',
    'nan',
    '+nan',
    'nan:0x1',
    '-nan:0x7f_ffff',
  ]) {
    assert.equal(tokens(n), [`num:${n}`, 'eof'], n);
  }
});

Lexer('malformed numbers and other reserved tokens are unknown operators', () => {
  for (const w of [
    '1_',
    '0x',
    '1e',
    '0x1p',
    '1__0',
    '0x_1',
    '0xg',
    'nan:1',
    '@a',
    'A',
    '"a"b',
    '$"a"0',
    'a,b',
    '0$x',
  ]) {
    const t = tokens(w);
    // nan:1 is a keyword for the lexer; the parser reports it as unknown.
    if (w === 'nan:1') assert.equal(t, ['kw:nan:1', 'eof']);
    else assert.equal(t, [`error:unknown operator ${w}`, 'eof'], w);
  }
});

Lexer('identifiers, plain and quoted', () => {
  assert.equal(tokens('$a $!?@#a$%^&*b-+_.:9\'`|/\\<=>~ $"x y"'), [
    'id:$a',
    "id:$!?@#a$%^&*b-+_.:9'`|/\\<=>~",
    'id:$"x y"',
    'eof',
  ]);
  malformed('(func $)', 'empty identifier');
  malformed('(func $"")', 'empty identifier');
  malformed('(func $ "a")', 'empty identifier');
  malformed('(func $"a\nb")', 'empty identifier');
  malformed('(func $"\\ef")', 'malformed UTF-8 encoding');
});

Lexer('string escapes', () => {
  assert.is(str('"a\\n\\t\\r\\\\\\\'\\""'), '61 0a 09 0d 5c 27 22');
  assert.is(str('"\\00\\ff\\7F"'), '00 ff 7f');
  assert.is(
    str('"\\u{41}\\u{e9}\\u{20ac}\\u{1F600}\\u{1_0000}"'),
    '41 c3 a9 e2 82 ac f0 9f 98 80 f0 90 80 80',
  );
  assert.is(str('"é€"'), 'c3 a9 e2 82 ac');
  assert.is(str('""'), '');
});

Lexer('string errors', () => {
  malformed('(data "abc', 'unclosed string');
  malformed('(data "a\nb")', 'unclosed string');
  malformed('(data "a\tb")', 'illegal control character');
  malformed('(data "\\q")', 'illegal escape');
  malformed('(data "\\u{d800}")', 'illegal escape');
  malformed('(data "\\u{110000}")', 'illegal escape');
  malformed('(data "\\u{}")', 'illegal escape');
  malformed('(data "\\0")', 'illegal escape');
});

Lexer('comments: line, nested block, newline forms', () => {
  assert.equal(tokens('a ;; comment\nb'), ['kw:a', 'kw:b', 'eof']);
  assert.equal(tokens('a ;; comment\rb'), ['kw:a', 'kw:b', 'eof']);
  assert.equal(tokens('a (; x (; nested ;) y ;) b'), ['kw:a', 'kw:b', 'eof']);
  assert.equal(tokens('nop;;c\nnop'), ['kw:nop', 'kw:nop', 'eof']);
  assert.equal(tokens('(;a;;b;)x'), ['kw:x', 'eof']);
  malformed('(; (; ;)', 'unclosed comment');
});

Lexer('annotations are skipped', () => {
  assert.equal(tokens('(@a) (@b x (y "z" (@c)) $q) (@"quoted id" 1) nop'), ['kw:nop', 'eof']);
  assert.equal(tokens('((@a) module (@a) $m)'), ['(', 'kw:module', 'id:$m', ')', 'eof']);
});

Lexer('malformed annotations', () => {
  malformed('(@)', 'empty annotation id');
  malformed('(@ x)', 'empty annotation id');
  malformed('(@"")', 'empty annotation id');
  malformed('(@x ', 'unclosed annotation');
  malformed('(@x (y (z))', 'unclosed annotation');
  malformed('(@x))', 'unexpected token');
  malformed('(@x "', 'unclosed string');
  malformed('(@a \u0001)', 'illegal character');
  malformed('(@a Würstchen)', 'illegal character');
  malformed('( @a)', 'unknown operator');
});

Lexer('illegal characters and malformed UTF-8', () => {
  malformed('(module \u0000)', 'illegal character');
  malformed('(module é)', 'illegal character');
  malformed('(module \u007f)', 'illegal character');
  // Invalid UTF-8 reaches the lexer as lone surrogates.
  malformed(
    decodeUtf8Lossless(Uint8Array.of(0x28, 0x40, 0x61, 0x20, 0x80, 0x29)),
    'malformed UTF-8 encoding',
  );
  malformed('(module ;; \udc80\n)', 'malformed UTF-8 encoding');
});

Lexer('lexical errors surface only when the parser reaches them', () => {
  const t = lex('(module) "abc');
  assert.is(t.kind[t.count - 2], Tok.ERROR);
  assert.is(t.error, 'unclosed string literal');
});

Lexer('UTF-8 helpers', () => {
  assert.ok(isUtf8(Uint8Array.of(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80)));
  assert.not.ok(isUtf8(Uint8Array.of(0xc0, 0x80))); // overlong
  assert.not.ok(isUtf8(Uint8Array.of(0xed, 0xa0, 0x80))); // surrogate
  assert.not.ok(isUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))); // > U+10FFFF
  assert.not.ok(isUtf8(Uint8Array.of(0xe2, 0x82))); // truncated
  assert.is(decodeUtf8Lossless(Uint8Array.of(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80)), 'aé😀');
  assert.is(decodeUtf8Lossless(Uint8Array.of(0x61, 0xff, 0x62)), 'a\udcffb');
});

Lexer.run();
