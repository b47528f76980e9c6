/**
 * Module fields other than types and segments: imports, functions, tables,
 * memories, globals, tags, exports and start, with their inline
 * `(export ...)` and `(import ...)` abbreviations.
 */
import { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { binder, NAME_SUB_OF_KIND, NameSub } from './annotations.js';
import { FuncContext, type ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { Space } from './identifiers.js';
import { parseExpr } from './instructions.js';
import {
  parseDataStrings,
  parseInlineElemItems,
  writeData,
  writeElem,
  zeroOffset,
} from './segments.js';
import { parseTypeUse } from './types.js';
import {
  isValTypeStart,
  parseRefType,
  parseValType,
  writeHeapTypeOf,
  writeValType,
  type ValType,
} from './valtypes.js';

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** External kinds, by keyword, with their binary codes. */
export const EXTERN_KINDS: ReadonlyMap<string, number> = new Map([
  ['func', 0],
  ['table', 1],
  ['memory', 2],
  ['global', 3],
  ['tag', 4],
]);

/** The index spaces of the external kinds. */
export function spaceOf(ctx: ModuleContext, kind: string): Space {
  switch (kind) {
    case 'func':
      return ctx.funcs;
    case 'table':
      return ctx.tables;
    case 'memory':
      return ctx.memories;
    case 'global':
      return ctx.globals;
    default:
      return ctx.tags;
  }
}

/** Running indices of the items defined so far in pass 2. */
export interface Counters {
  func: number;
  table: number;
  memory: number;
  global: number;
  tag: number;
}

/**
 * Reads `(export "name")*` and writes the exports of item `index` of `kind`
 * (a `(@name ...)` after them names the item).
 */
function inlineExports(ctx: ModuleContext, kind: string, index: number): void {
  const cur: Cursor = ctx.cur;
  while (cur.isField('export')) {
    cur.pos += 2;
    const name = cur.name();
    cur.rpar();
    ctx.annots?.name(cur.pos, NAME_SUB_OF_KIND[kind]!, index);
    const s = ctx.sections.exports;
    s.body.name(name).byte(EXTERN_KINDS.get(kind)!).u32(index);
    s.count++;
  }
}

/** Reads an inline `(import "m" "n")` of item `index` of `kind`, if present. */
function inlineImport(
  ctx: ModuleContext,
  kind: string,
  index: number,
): [Uint8Array, Uint8Array] | null {
  const cur: Cursor = ctx.cur;
  if (!cur.isField('import')) return null;
  cur.pos += 2;
  const module = cur.name();
  const name = cur.name();
  cur.rpar();
  ctx.annots?.name(cur.pos, NAME_SUB_OF_KIND[kind]!, index);
  return [module, name];
}

function writeImportHead(
  ctx: ModuleContext,
  names: [Uint8Array, Uint8Array],
  kind: string,
): ByteWriter {
  const s = ctx.sections.imports;
  s.count++;
  // An exact function import, `(exact typeuse)` (custom descriptors), has kind 0x20.
  const code = kind === 'func' && ctx.cur.isField('exact') ? 0x20 : EXTERN_KINDS.get(kind)!;
  return s.body.name(names[0]).name(names[1]).byte(code);
}

/** Limits: `min max?`, as u64 values. */
function parseLimits(ctx: ModuleContext): { min: bigint; max: bigint | null } {
  const cur: Cursor = ctx.cur;
  const min = cur.nat(64, 'i64 constant out of range');
  const max = cur.isNat() ? cur.nat(64, 'i64 constant out of range') : null;
  return { min, max };
}

/**
 * `(pagesize n)` (custom page sizes), if present: the log2 of `n`, which
 * must be a power of two; null when absent.
 */
function parsePageSize(ctx: ModuleContext): number | null {
  const cur: Cursor = ctx.cur;
  if (!cur.isField('pagesize')) return null;
  cur.pos += 2;
  const at = cur.pos;
  const n = cur.nat(64, 'invalid custom page size');
  cur.rpar();
  if (n === 0n || (n & (n - 1n)) !== 0n)
    cur.fail('invalid custom page size: must be power of two', at);
  return n.toString(2).length - 1;
}

/** Limits with their flags byte; with a custom page size (flag bit 3), its log2 follows. */
function writeLimits(
  w: ByteWriter,
  limits: { min: bigint; max: bigint | null },
  is64: boolean,
  pageSizeLog2: number | null = null,
  shared = false,
): void {
  const flags =
    (limits.max !== null ? 1 : 0) |
    (shared ? 2 : 0) |
    (is64 ? 4 : 0) |
    (pageSizeLog2 !== null ? 8 : 0);
  w.byte(flags);
  w.u64(limits.min);
  if (limits.max !== null) w.u64(limits.max);
  if (pageSizeLog2 !== null) w.u32(pageSizeLog2);
}

/** addrtype ::= i32 | i64 (optional, i32 by default); returns whether it is i64. */
function parseAddrType(ctx: ModuleContext): boolean {
  const cur: Cursor = ctx.cur;
  if (cur.eatKeyword('i64')) return true;
  cur.eatKeyword('i32');
  return false;
}

/** tabletype ::= addrtype? limits reftype */
function parseTableType(ctx: ModuleContext, w: ByteWriter): void {
  const is64 = parseAddrType(ctx);
  const limits = parseLimits(ctx);
  const t = parseRefType(ctx);
  writeValType(w, t);
  writeLimits(w, limits, is64);
}

/** memtype ::= addrtype? limits pagesize? */
function parseMemoryType(ctx: ModuleContext, w: ByteWriter): void {
  parseMemoryLimits(ctx, w, parseAddrType(ctx));
}

/**
 * The limits of a memory type, its `shared` flag (threads) and its page
 * size (custom page sizes): `limits shared? (pagesize n)?`.
 */
function parseMemoryLimits(ctx: ModuleContext, w: ByteWriter, is64: boolean): void {
  const limits = parseLimits(ctx);
  const shared = ctx.cur.eatKeyword('shared');
  writeLimits(w, limits, is64, parsePageSize(ctx), shared);
}

/** globaltype ::= valtype | (mut valtype) */
function parseGlobalType(ctx: ModuleContext, w: ByteWriter): void {
  const cur: Cursor = ctx.cur;
  if (cur.isField('mut')) {
    cur.pos += 2;
    writeValType(w, parseValType(ctx));
    cur.rpar();
    w.byte(1);
  } else {
    writeValType(w, parseValType(ctx));
    w.byte(0);
  }
}

/** (import "m" "n" externtype) */
export function parseImportField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  cur.field('import');
  const module = cur.name();
  const name = cur.name();
  const kind = cur.fieldKeyword();
  if (kind === null || !EXTERN_KINDS.has(kind)) cur.unexpected(cur.pos + 1);
  cur.pos += 2;
  binder(ctx, NAME_SUB_OF_KIND[kind]!, n[kind as keyof Counters]);
  const w = writeImportHead(ctx, [module, name], kind);
  importDesc(ctx, kind, w, n);
  cur.rpar();
  cur.rpar();
}

function importDesc(ctx: ModuleContext, kind: string, w: ByteWriter, n: Counters): void {
  switch (kind) {
    case 'func': {
      // exacttypeuse ::= (exact typeuse) | typeuse; writeImportHead chose the kind.
      const exact = ctx.cur.isField('exact');
      if (exact) ctx.cur.pos += 2;
      const use = parseTypeUse(ctx, true);
      if (exact) ctx.cur.rpar();
      w.u32(use.index);
      ctx.annots?.params(use, n.func);
      n.func++;
      return;
    }
    case 'table':
      parseTableType(ctx, w);
      n.table++;
      return;
    case 'memory':
      parseMemoryType(ctx, w);
      n.memory++;
      return;
    case 'global':
      parseGlobalType(ctx, w);
      n.global++;
      return;
    case 'tag':
      w.byte(0).u32(parseTypeUse(ctx, false).index);
      n.tag++;
      return;
  }
}

/** (func id? (export ...)* (import ...)? typeuse local* instr*) */
export function parseFuncField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  const fieldAt = cur.pos;
  cur.field('func');
  const index = n.func;
  binder(ctx, NameSub.FUNC, index);
  inlineExports(ctx, 'func', index);
  const imported = inlineImport(ctx, 'func', index);
  if (imported !== null) {
    importDesc(ctx, 'func', writeImportHead(ctx, imported, 'func'), n);
    cur.rpar();
    return;
  }
  n.func++;
  const fn = new FuncContext();
  const annots = ctx.annots;
  const use = parseTypeUse(ctx, true);
  for (let i = 0; i < use.params.length; i++) {
    fn.locals.bind(cur, use.names[i] ?? null, use.at[i]!);
  }
  annots?.params(use, index);
  const locals: ValType[] = [];
  while (cur.isField('local')) {
    cur.pos += 2;
    if (cur.peek() === Tok.ID) {
      const at = cur.pos;
      if (use.unresolved !== null) cur.semantic(use.unresolved, at);
      const name = cur.optId();
      const local = fn.locals.bind(cur, name, at);
      annots?.name(at, NameSub.LOCAL, local, index);
      annots?.name(at + 1, NameSub.LOCAL, local, index);
      locals.push(parseValType(ctx));
    } else {
      while (cur.peek() !== Tok.RPAR) {
        const local = fn.locals.bind(cur, null, cur.pos);
        annots?.name(cur.pos, NameSub.LOCAL, local, index);
        locals.push(parseValType(ctx));
      }
    }
    cur.rpar();
  }
  if (fn.locals.names.size > 0) ctx.localNames.set(index, fn.locals.names);
  if (annots !== null) fn.track = annots.func(fieldAt, index);
  const body = new ByteWriter(256);
  // Locals, run-length encoded over equal neighbours.
  const runs: [number, ValType][] = [];
  for (const t of locals) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  body.u32(runs.length);
  for (const [count, t] of runs) {
    body.u32(count);
    writeValType(body, t);
  }
  parseExpr(ctx, fn, body);
  cur.rpar();
  const f = ctx.sections.functions;
  f.body.u32(use.index);
  f.count++;
  const c = ctx.sections.codes;
  c.body.name(body.view());
  c.count++;
}

/**
 * (table id? (export ...)* (import ...)? tabletype)
 * | (table id? (export ...)* addrtype? limits reftype expr)
 * | (table id? (export ...)* addrtype? reftype (elem elemlist))
 */
export function parseTableField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  cur.field('table');
  const index = n.table;
  binder(ctx, NAME_SUB_OF_KIND['table']!, index);
  inlineExports(ctx, 'table', index);
  const imported = inlineImport(ctx, 'table', index);
  if (imported !== null) {
    importDesc(ctx, 'table', writeImportHead(ctx, imported, 'table'), n);
    cur.rpar();
    return;
  }
  n.table++;
  const s = ctx.sections.tables;
  s.count++;
  const w = s.body;
  const is64 = parseAddrType(ctx);
  if (isValTypeStart(ctx)) {
    // Inline element segment: the table is exactly as large as the segment.
    const t = parseRefType(ctx);
    cur.field('elem');
    const items = parseInlineElemItems(ctx);
    cur.rpar();
    cur.rpar();
    const size = BigInt(items.length);
    writeValType(w, t);
    writeLimits(w, { min: size, max: size }, is64);
    writeElem(ctx, { kind: 'active', index, offset: zeroOffset(is64) }, { type: t, items });
    return;
  }
  const limits = parseLimits(ctx);
  const t = parseRefType(ctx);
  if (cur.peek() === Tok.RPAR) {
    writeValType(w, t);
    writeLimits(w, limits, is64);
    cur.rpar();
    return;
  }
  const init = new ByteWriter();
  parseExpr(ctx, null, init);
  cur.rpar();
  // Like the reference interpreter, write an initializer that is the
  // default `ref.null` of the table's heap type in the short form.
  const nullInit = new ByteWriter().byte(0xd0);
  writeHeapTypeOf(nullInit, t);
  nullInit.byte(0x0b);
  if (equalBytes(init.view(), nullInit.view())) {
    writeValType(w, t);
    writeLimits(w, limits, is64);
    return;
  }
  w.byte(0x40).byte(0x00);
  writeValType(w, t);
  writeLimits(w, limits, is64);
  w.bytes(init.view());
}

/**
 * (memory id? (export ...)* (import ...)? memtype)
 * | (memory id? (export ...)* addrtype? (data string*))
 */
export function parseMemoryField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  cur.field('memory');
  const index = n.memory;
  binder(ctx, NAME_SUB_OF_KIND['memory']!, index);
  inlineExports(ctx, 'memory', index);
  const imported = inlineImport(ctx, 'memory', index);
  if (imported !== null) {
    importDesc(ctx, 'memory', writeImportHead(ctx, imported, 'memory'), n);
    cur.rpar();
    return;
  }
  n.memory++;
  const s = ctx.sections.memories;
  s.count++;
  const is64 = parseAddrType(ctx);
  const inlinePageSize =
    cur.isField('pagesize') && cur.peek(4) === Tok.LPAR && cur.isKeyword('data', 5);
  if (cur.isField('data') || inlinePageSize) {
    const log2 = parsePageSize(ctx);
    cur.field('data');
    const bytes = parseDataStrings(ctx);
    cur.rpar();
    cur.rpar();
    const pageSize = 2 ** (log2 ?? 16);
    const pages = BigInt(Math.ceil(bytes.length / pageSize));
    writeLimits(s.body, { min: pages, max: pages }, is64, log2);
    writeData(ctx, { kind: 'active', index, offset: zeroOffset(is64) }, bytes);
    return;
  }
  parseMemoryLimits(ctx, s.body, is64);
  cur.rpar();
}

/** (global id? (export ...)* (import ...)? globaltype expr?) */
export function parseGlobalField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  cur.field('global');
  binder(ctx, NAME_SUB_OF_KIND['global']!, n.global);
  inlineExports(ctx, 'global', n.global);
  const imported = inlineImport(ctx, 'global', n.global);
  if (imported !== null) {
    importDesc(ctx, 'global', writeImportHead(ctx, imported, 'global'), n);
    cur.rpar();
    return;
  }
  n.global++;
  const s = ctx.sections.globals;
  s.count++;
  parseGlobalType(ctx, s.body);
  parseExpr(ctx, null, s.body);
  cur.rpar();
}

/** (tag id? (export ...)* (import ...)? typeuse) */
export function parseTagField(ctx: ModuleContext, n: Counters): void {
  const cur: Cursor = ctx.cur;
  cur.field('tag');
  binder(ctx, NAME_SUB_OF_KIND['tag']!, n.tag);
  inlineExports(ctx, 'tag', n.tag);
  const imported = inlineImport(ctx, 'tag', n.tag);
  if (imported !== null) {
    importDesc(ctx, 'tag', writeImportHead(ctx, imported, 'tag'), n);
    cur.rpar();
    return;
  }
  n.tag++;
  const s = ctx.sections.tags;
  s.count++;
  s.body.byte(0).u32(parseTypeUse(ctx, false).index);
  cur.rpar();
}

/** (export "name" (kind x)) */
export function parseExportField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  cur.field('export');
  const name = cur.name();
  const kind = cur.fieldKeyword();
  if (kind === null || !EXTERN_KINDS.has(kind)) cur.unexpected(cur.pos + 1);
  cur.pos += 2;
  if (!Space.isVar(cur)) cur.unexpected();
  const index = spaceOf(ctx, kind).resolve(cur);
  cur.rpar();
  cur.rpar();
  const s = ctx.sections.exports;
  s.body.name(name).byte(EXTERN_KINDS.get(kind)!).u32(index);
  s.count++;
}

/** (start x) */
export function parseStartField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  cur.field('start');
  if (!Space.isVar(cur)) cur.unexpected();
  ctx.sections.start = ctx.funcs.resolve(cur);
  cur.rpar();
}
