/**
 * Value, reference, heap and storage types: their text syntax and their
 * binary encoding.
 *
 * Types use the numbering of `@weft/environ` (`I32` = 0x7f, ...; references
 * as `0x100 + (heap + 32) * 4 + exact * 2 + nullable`), computed without
 * environ's clamp so that any type index written in the text is encoded
 * exactly.
 */
import {
  F32,
  F64,
  HT_ANY,
  HT_ARRAY,
  HT_EQ,
  HT_EXN,
  HT_EXTERN,
  HT_FUNC,
  HT_I31,
  HT_NOEXN,
  HT_NOEXTERN,
  HT_NOFUNC,
  HT_NONE,
  HT_STRUCT,
  I16,
  I32,
  I64,
  I8,
  V128,
} from '@weft/environ';
import type { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { Space } from './identifiers.js';

/** A value type (or storage type) as a number; see the module comment. */
export type ValType = number;
/** A heap type: a type index (>= 0) or an abstract heap type code (< 0). */
export type HeapType = number;

/** `(ref null? heap)`, or `(ref null? (exact heap))` (custom descriptors) for a type index. */
export function refType(heap: HeapType, nullable: boolean, exact = false): ValType {
  return 0x100 + (heap + 32) * 4 + (exact && heap >= 0 ? 2 : 0) + (nullable ? 1 : 0);
}
export function isRef(t: ValType): boolean {
  return t >= 0x100;
}
export function heapOf(t: ValType): HeapType {
  return Math.floor((t - 0x100) / 4) - 32;
}
export function isNullable(t: ValType): boolean {
  return (t - 0x100) % 2 === 1;
}
export function isExact(t: ValType): boolean {
  return Math.floor((t - 0x100) / 2) % 2 === 1;
}

const NUM_TYPES: ReadonlyMap<string, ValType> = new Map([
  ['i32', I32],
  ['i64', I64],
  ['f32', F32],
  ['f64', F64],
  ['v128', V128],
]);

/** Abstract heap types by name. */
export const ABSTRACT_HEAPS: ReadonlyMap<string, HeapType> = new Map([
  ['func', HT_FUNC],
  ['extern', HT_EXTERN],
  ['any', HT_ANY],
  ['eq', HT_EQ],
  ['i31', HT_I31],
  ['struct', HT_STRUCT],
  ['array', HT_ARRAY],
  ['exn', HT_EXN],
  ['none', HT_NONE],
  ['nofunc', HT_NOFUNC],
  ['noextern', HT_NOEXTERN],
  ['noexn', HT_NOEXN],
]);

/** Nullable reference type shorthands (`funcref` = `(ref null func)`). */
const REF_SHORTHANDS: ReadonlyMap<string, ValType> = new Map(
  [
    ['funcref', HT_FUNC],
    ['externref', HT_EXTERN],
    ['anyref', HT_ANY],
    ['eqref', HT_EQ],
    ['i31ref', HT_I31],
    ['structref', HT_STRUCT],
    ['arrayref', HT_ARRAY],
    ['exnref', HT_EXN],
    ['nullref', HT_NONE],
    ['nullfuncref', HT_NOFUNC],
    ['nullexternref', HT_NOEXTERN],
    ['nullexnref', HT_NOEXN],
  ].map(([name, heap]) => [name as string, refType(heap as number, true)]),
);

export function writeHeapType(w: ByteWriter, h: HeapType): void {
  if (h < 0) w.byte(h & 0x7f);
  else w.s64(BigInt(h));
}

/** The heap type of reference type `t`, exactness included (`0x62 x:u32` when exact). */
export function writeHeapTypeOf(w: ByteWriter, t: ValType): void {
  if (isExact(t)) w.byte(0x62).u32(heapOf(t));
  else writeHeapType(w, heapOf(t));
}

export function writeValType(w: ByteWriter, t: ValType): void {
  if (!isRef(t)) {
    w.byte(t);
    return;
  }
  const h = heapOf(t);
  if (isNullable(t)) {
    if (h < 0) w.byte(h & 0x7f);
    else {
      w.byte(0x63);
      writeHeapTypeOf(w, t);
    }
  } else {
    w.byte(0x64);
    writeHeapTypeOf(w, t);
  }
}

export function writeValTypes(w: ByteWriter, ts: readonly ValType[]): void {
  w.u32(ts.length);
  for (const t of ts) writeValType(w, t);
}

export function writeFuncType(
  w: ByteWriter,
  params: readonly ValType[],
  results: readonly ValType[],
): void {
  w.byte(0x60);
  writeValTypes(w, params);
  writeValTypes(w, results);
}

/** A key identifying a function type structurally (type indices included). */
export function funcTypeKey(params: readonly ValType[], results: readonly ValType[]): string {
  return `${params.join(',')}>${results.join(',')}`;
}

/** Whether a value type starts at the cursor. */
export function isValTypeStart(ctx: ModuleContext): boolean {
  const cur: Cursor = ctx.cur;
  const kind = cur.peek();
  if (kind === Tok.KEYWORD) {
    const kw = cur.text();
    return NUM_TYPES.has(kw) || REF_SHORTHANDS.has(kw);
  }
  return kind === Tok.LPAR && cur.isKeyword('ref', 1);
}

/**
 * heaptype ::= abstract name | typeidx | (exact typeidx), the last with
 * custom descriptors; returned as the non-nullable reference type to it.
 */
export function parseHeapType(ctx: ModuleContext): ValType {
  const cur: Cursor = ctx.cur;
  if (cur.peek() === Tok.KEYWORD) {
    const h = ABSTRACT_HEAPS.get(cur.text());
    if (h === undefined) cur.unexpected();
    cur.pos++;
    return refType(h, false);
  }
  if (cur.isField('exact')) {
    cur.pos += 2;
    if (!Space.isVar(cur)) cur.unexpected();
    const x = ctx.types.resolve(cur);
    cur.rpar();
    return refType(x, false, true);
  }
  if (!Space.isVar(cur)) cur.unexpected();
  return refType(ctx.types.resolve(cur), false);
}

/** reftype ::= (ref null? heaptype) | shorthand */
export function parseRefType(ctx: ModuleContext): ValType {
  const cur: Cursor = ctx.cur;
  if (cur.peek() === Tok.KEYWORD) {
    const t = REF_SHORTHANDS.get(cur.text());
    if (t === undefined) cur.unexpected();
    cur.pos++;
    return t;
  }
  cur.field('ref');
  const nullable = cur.eatKeyword('null');
  const heap = parseHeapType(ctx);
  cur.rpar();
  return refType(heapOf(heap), nullable, isExact(heap));
}

export function parseValType(ctx: ModuleContext): ValType {
  const cur: Cursor = ctx.cur;
  if (cur.peek() === Tok.KEYWORD) {
    const t = NUM_TYPES.get(cur.text());
    if (t !== undefined) {
      cur.pos++;
      return t;
    }
  }
  return parseRefType(ctx);
}

/** storagetype ::= valtype | i8 | i16 */
export function parseStorageType(ctx: ModuleContext): ValType {
  const cur: Cursor = ctx.cur;
  if (cur.eatKeyword('i8')) return I8;
  if (cur.eatKeyword('i16')) return I16;
  return parseValType(ctx);
}
