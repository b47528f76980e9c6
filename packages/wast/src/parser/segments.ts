/**
 * Element and data segments: `(elem ...)` and `(data ...)` in all their
 * forms and abbreviations, and the segments that `(table ... (elem ...))`
 * and `(memory ... (data ...))` define inline.
 *
 * Element segments are written in the form the reference interpreter picks:
 * the compact function-index forms (flags 0-3) when the type is `(ref func)`
 * and every item is a lone `ref.func`, the expression forms (4-7) otherwise.
 */
import { HT_FUNC } from '@weft/environ';
import { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { binder, NameSub } from './annotations.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { Space } from './identifiers.js';
import { InstrParser, parseExpr } from './instructions.js';
import { isValTypeStart, parseRefType, refType, writeValType, type ValType } from './valtypes.js';

const REF_FUNC = refType(HT_FUNC, false);
const FUNCREF = refType(HT_FUNC, true);

/** The mode of a segment. */
export type SegmentMode =
  | { readonly kind: 'passive' }
  | { readonly kind: 'declarative' }
  | { readonly kind: 'active'; readonly index: number; readonly offset: Uint8Array };

/** Element list: a reference type and one constant expression per item. */
export interface ElemList {
  readonly type: ValType;
  readonly items: Uint8Array[];
}

/** A constant expression (with its `end`) for `at.const 0`. */
export function zeroOffset(is64: boolean): Uint8Array {
  return Uint8Array.of(is64 ? 0x42 : 0x41, 0x00, 0x0b);
}

/** `ref.func x` as a constant expression. */
function refFuncExpr(x: number): Uint8Array {
  return new ByteWriter(8).byte(0xd2).u32(x).byte(0x0b).finish();
}

/** The function index of a constant expression that is a lone `ref.func x`, or null. */
function refFuncIndex(e: Uint8Array): number | null {
  if (e[0] !== 0xd2 || e[e.length - 1] !== 0x0b) return null;
  let x = 0;
  let shift = 1;
  let i = 1;
  for (; i < e.length - 1; i++) {
    const b = e[i]!;
    x += (b & 0x7f) * shift;
    shift *= 128;
    if ((b & 0x80) === 0) break;
  }
  return i === e.length - 2 ? x : null;
}

/** Reads `x*` function indices as `ref.func x` items. */
function parseFuncIndices(ctx: ModuleContext): Uint8Array[] {
  const items: Uint8Array[] = [];
  while (Space.isVar(ctx.cur)) items.push(refFuncExpr(ctx.funcs.resolve(ctx.cur)));
  return items;
}

/** A constant expression inside a group whose `(` and keyword have been read: `instr* )`. */
function parseGroupExpr(ctx: ModuleContext): Uint8Array {
  const w = new ByteWriter();
  parseExpr(ctx, null, w);
  ctx.cur.rpar();
  return w.finish();
}

/** A single folded instruction as a constant expression. */
function parseFoldedExpr(ctx: ModuleContext): Uint8Array {
  const w = new ByteWriter();
  new InstrParser(ctx, null).parseFolded(w);
  w.byte(0x0b);
  return w.finish();
}

/**
 * offset ::= (offset instr*) | foldedinstr
 */
export function parseOffset(ctx: ModuleContext): Uint8Array {
  const cur: Cursor = ctx.cur;
  if (cur.isField('offset')) {
    cur.pos += 2;
    return parseGroupExpr(ctx);
  }
  if (cur.peek() !== Tok.LPAR) cur.unexpected();
  return parseFoldedExpr(ctx);
}

/** elemexpr ::= (item instr*) | foldedinstr */
function parseItem(ctx: ModuleContext): Uint8Array {
  const cur: Cursor = ctx.cur;
  if (cur.isField('item')) {
    cur.pos += 2;
    return parseGroupExpr(ctx);
  }
  return parseFoldedExpr(ctx);
}

/** The items of a table's inline `(elem ...)`: `elemexpr*` or `funcidx*`. */
export function parseInlineElemItems(ctx: ModuleContext): Uint8Array[] {
  const cur: Cursor = ctx.cur;
  if (cur.peek() !== Tok.LPAR) return parseFuncIndices(ctx);
  const items: Uint8Array[] = [];
  while (cur.peek() === Tok.LPAR) items.push(parseItem(ctx));
  return items;
}

/**
 * elemlist ::= reftype elemexpr* | 'func' funcidx*; with `bareIndices`, a
 * list of function indices without `func` (the MVP abbreviation of active
 * segments) is allowed too.
 */
export function parseElemList(ctx: ModuleContext, bareIndices: boolean): ElemList {
  const cur: Cursor = ctx.cur;
  if (cur.eatKeyword('func')) return { type: REF_FUNC, items: parseFuncIndices(ctx) };
  if (isValTypeStart(ctx)) {
    const type = parseRefType(ctx);
    const items: Uint8Array[] = [];
    while (cur.peek() === Tok.LPAR) items.push(parseItem(ctx));
    return { type, items };
  }
  if (!bareIndices) cur.unexpected();
  return { type: REF_FUNC, items: parseFuncIndices(ctx) };
}

/** Writes an element segment in the reference interpreter's choice of encoding. */
export function writeElem(ctx: ModuleContext, mode: SegmentMode, list: ElemList): void {
  const s = ctx.sections.elems;
  const w = s.body;
  s.count++;
  const indices = list.items.map(refFuncIndex);
  const compact = list.type === REF_FUNC && indices.every((x) => x !== null);
  if (compact) {
    const vec = (): void => {
      w.u32(indices.length);
      for (const x of indices) w.u32(x!);
    };
    switch (mode.kind) {
      case 'passive':
        w.byte(0x01).byte(0x00);
        return vec();
      case 'declarative':
        w.byte(0x03).byte(0x00);
        return vec();
      case 'active':
        if (mode.index === 0) {
          w.byte(0x00).bytes(mode.offset);
          return vec();
        }
        w.byte(0x02).u32(mode.index).bytes(mode.offset).byte(0x00);
        return vec();
    }
  }
  const vec = (): void => {
    w.u32(list.items.length);
    for (const e of list.items) w.bytes(e);
  };
  switch (mode.kind) {
    case 'passive':
      w.byte(0x05);
      writeValType(w, list.type);
      return vec();
    case 'declarative':
      w.byte(0x07);
      writeValType(w, list.type);
      return vec();
    case 'active':
      if (mode.index === 0 && list.type === FUNCREF) {
        w.byte(0x04).bytes(mode.offset);
        return vec();
      }
      w.byte(0x06).u32(mode.index).bytes(mode.offset);
      writeValType(w, list.type);
      return vec();
  }
}

/**
 * (elem id? elemlist) | (elem id? declare elemlist)
 * | (elem id? (table x)? offset elemlist) | (elem id? offset funcidx*)
 * | (elem id? x offset funcidx*), the MVP's bare table index (still in the
 * threads proposal's tests, and accepted by Wasmtime's parser)
 */
export function parseElemField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  cur.field('elem');
  binder(ctx, NameSub.ELEM, ctx.sections.elems.count);
  let mode: SegmentMode;
  let bare = false;
  if (cur.eatKeyword('declare')) {
    mode = { kind: 'declarative' };
  } else if (cur.isField('table')) {
    cur.pos += 2;
    const index = ctx.tables.resolve(cur);
    cur.rpar();
    mode = { kind: 'active', index, offset: parseOffset(ctx) };
  } else if (cur.peek() === Tok.LPAR && !cur.isKeyword('ref', 1)) {
    mode = { kind: 'active', index: 0, offset: parseOffset(ctx) };
    bare = true;
  } else if (legacyIndex(cur)) {
    const index = ctx.tables.resolve(cur);
    mode = { kind: 'active', index, offset: parseOffset(ctx) };
    bare = true;
  } else {
    mode = { kind: 'passive' };
  }
  const list = parseElemList(ctx, bare);
  cur.rpar();
  writeElem(ctx, mode, list);
}

/** Writes a data segment. */
export function writeData(ctx: ModuleContext, mode: SegmentMode, bytes: Uint8Array): void {
  const s = ctx.sections.datas;
  const w = s.body;
  s.count++;
  if (mode.kind !== 'active') w.byte(0x01);
  else if (mode.index === 0) w.byte(0x00).bytes(mode.offset);
  else w.byte(0x02).u32(mode.index).bytes(mode.offset);
  w.name(bytes);
}

/** Concatenated string literals up to the closing `)`. */
export function parseDataStrings(ctx: ModuleContext): Uint8Array {
  const cur: Cursor = ctx.cur;
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

/**
 * A bare table or memory index before a segment's offset (`(elem 0 (i32.const
 * 1) $f)`, `(data 0 (i32.const 0) "")`), the MVP's syntax: an index followed
 * by a parenthesized offset.
 */
function legacyIndex(cur: Cursor): boolean {
  return (cur.peek() === Tok.NUM || cur.peek() === Tok.ID) && cur.peek(1) === Tok.LPAR;
}

/** (data id? string*) | (data id? (memory x)? offset string*) | (data id? x offset string*) (MVP) */
export function parseDataField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  cur.field('data');
  binder(ctx, NameSub.DATA, ctx.sections.datas.count);
  let mode: SegmentMode;
  if (cur.isField('memory')) {
    cur.pos += 2;
    const index = ctx.memories.resolve(cur);
    cur.rpar();
    mode = { kind: 'active', index, offset: parseOffset(ctx) };
  } else if (cur.peek() === Tok.LPAR) {
    mode = { kind: 'active', index: 0, offset: parseOffset(ctx) };
  } else if (legacyIndex(cur)) {
    const index = ctx.memories.resolve(cur);
    mode = { kind: 'active', index, offset: parseOffset(ctx) };
  } else {
    mode = { kind: 'passive' };
  }
  const bytes = parseDataStrings(ctx);
  cur.rpar();
  writeData(ctx, mode, bytes);
}
