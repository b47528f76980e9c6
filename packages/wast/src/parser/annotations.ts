/**
 * The annotations that stand for custom sections, as the WebAssembly
 * annotations proposal and the reference interpreter define them:
 *
 * - `(@custom "name" place? "bytes"*)`, a custom section with that name and
 *   content, where `place` is `(before s)` or `(after s)` for a section
 *   keyword `s` (`type`, `import`, `func`, ..., `first`, `last`); by default
 *   after the last section. Only between module fields.
 * - `(@name "string")` right after the binder (keyword and optional `$id`)
 *   of the module, a function, parameter, local, type, struct field, table,
 *   memory, global, tag, element or data segment (also after inline exports
 *   and imports): the `name` section, written after the last section.
 * - `(@metadata.code.branch_hint "\00" | "\01")` before an instruction of a
 *   function: the `metadata.code.branch_hint` section (function index, the
 *   instruction's byte offset from the function's locals declarations, and
 *   the hint), written before the code section. That the instruction is an
 *   `if` or `br_if` is checked on the binary (environ's
 *   `checkCustomSections`), as the reference checks it after parsing.
 *
 * The lexer records where annotations are; the module parser tells a
 * {@link ModuleAnnotations} where names may go and, in functions with branch
 * hints, where each instruction starts and is written. Once the module is
 * parsed, {@link ModuleAnnotations.finish} reads the annotations and builds
 * the sections, failing with the reference interpreter's messages. Other
 * annotations are ignored.
 */
import { ByteWriter, placeKey, SECTION_ORDER, type CustomSectionOut } from '../encode.js';
import { failAt } from '../errors.js';
import {
  decodeUtf8,
  isIdChar,
  isUtf8,
  lex,
  scanString,
  stringBytes,
  Tok,
  type AnnotationSpan,
} from '../lexer.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { NameSub, nameSection, type NameMap } from './names.js';
import type { TypeUse } from './types.js';

export { NameSub } from './names.js';

/** Name subsections by external kind keyword. */
export const NAME_SUB_OF_KIND: Readonly<Record<string, number>> = {
  func: NameSub.FUNC,
  table: NameSub.TABLE,
  memory: NameSub.MEMORY,
  global: NameSub.GLOBAL,
  tag: NameSub.TAG,
};

/** What the entities of each name subsection are called in messages. */
const NAME_KINDS: Readonly<Record<number, string>> = {
  [NameSub.MODULE]: 'module',
  [NameSub.FUNC]: 'function',
  [NameSub.LOCAL]: 'local',
  [NameSub.TYPE]: 'type',
  [NameSub.TABLE]: 'table',
  [NameSub.MEMORY]: 'memory',
  [NameSub.GLOBAL]: 'global',
  [NameSub.ELEM]: 'elem',
  [NameSub.DATA]: 'data',
  [NameSub.FIELD]: 'field',
  [NameSub.TAG]: 'tag',
};

const CUSTOM = 'custom';
const NAME = 'name';
const BRANCH_HINT = 'metadata.code.branch_hint';

/** A module field's tokens: its `(` and its `)` (-1 while unknown). */
export interface FieldRange {
  readonly kind: string;
  readonly at: number;
  end: number;
}

/** A known annotation of the module. */
interface Annot {
  readonly id: string;
  /** The token it sits before. */
  readonly token: number;
  /** Its text: `text.slice(start, end)`; the items follow the id at `idEnd`. */
  readonly start: number;
  readonly end: number;
  readonly idEnd: number;
}

/** An item of an annotation. */
interface Item {
  readonly kind: 'string' | 'atom' | 'parens' | 'other';
  /** Character offsets in the source text. */
  readonly start: number;
  readonly end: number;
  /** Strings: the bytes; atoms: the text; parens: the items inside. */
  readonly bytes: Uint8Array | null;
  readonly text: string;
  readonly items: Item[];
}

/** Where a `(@name ...)` may go: the entity it names. */
interface NameSlot {
  readonly sub: number;
  readonly index: number;
  /** The function of a local, the type of a field; -1 otherwise. */
  readonly owner: number;
}

/** A defined function with branch hints in it. */
interface HintedFunc {
  readonly index: number;
  /** Instruction start tokens and byte offsets, in pairs (`FuncContext.track`). */
  readonly track: number[];
  /** The same by increasing start token, once needed. */
  sorted: { starts: number[]; offsets: number[] } | null;
}

/** The instructions of `func` by increasing start token: their tokens and offsets. */
function instructionsOf(func: HintedFunc): { starts: number[]; offsets: number[] } {
  if (func.sorted !== null) return func.sorted;
  const track = func.track;
  const order = Array.from({ length: track.length / 2 }, (_, i) => i);
  order.sort((x, y) => track[2 * x]! - track[2 * y]!);
  func.sorted = {
    starts: order.map((i) => track[2 * i]!),
    offsets: order.map((i) => track[2 * i + 1]!),
  };
  return func.sorted;
}

/** Index of the first element of the increasing `values` that is at least `x` (or the length). */
function firstAtOrAfter(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The id of the annotation whose `(@` is at `start`, and where the id ends. */
function annotationId(text: string, start: number): { id: string; end: number } {
  const at = start + 2;
  if (text.charCodeAt(at) === 0x22) {
    const end = scanString(text, at).end;
    return { id: decodeUtf8(stringBytes(text, at, end)), end };
  }
  let end = at;
  while (isIdChar(text.charCodeAt(end))) end++;
  return { id: text.slice(at, end), end };
}

/**
 * The known annotations of a module whose tokens are `first` to `last`
 * (inclusive), or null if there are none.
 */
export function moduleAnnotations(
  cur: Cursor,
  first: number,
  last: number,
  fields: readonly FieldRange[],
): ModuleAnnotations | null {
  const spans = cur.toks.annotations;
  if (spans.length === 0) return null;
  // The first annotation at or after `first`.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.token < first) lo = mid + 1;
    else hi = mid;
  }
  let known: Annot[] | null = null;
  const text = cur.toks.text;
  for (let i = lo; i < spans.length && spans[i]!.token <= last; i++) {
    const s: AnnotationSpan = spans[i]!;
    const { id, end } = annotationId(text, s.start);
    if (id !== CUSTOM && id !== NAME && id !== BRANCH_HINT) continue;
    (known ??= []).push({ id, token: s.token, start: s.start, end: s.end, idEnd: end });
  }
  return known === null ? null : new ModuleAnnotations(cur, known, fields);
}

/**
 * Reads the optional `$id` of an item of name subsection `sub` whose keyword
 * was just read, noting that a `(@name ...)` before or after it names the item.
 */
export function binder(ctx: ModuleContext, sub: number, index: number, owner = -1): void {
  const cur: Cursor = ctx.cur;
  const annots = ctx.annots;
  if (annots === null) {
    cur.optId();
    return;
  }
  annots.name(cur.pos, sub, index, owner);
  if (cur.optId() !== null) annots.name(cur.pos, sub, index, owner);
}

/** The annotations of one module that become custom sections. */
export class ModuleAnnotations {
  private readonly slots = new Map<number, NameSlot>();
  private readonly hinted = new Map<number, HintedFunc>();
  private readonly hasNames: boolean;
  private readonly hintTokens: number[];

  constructor(
    private readonly cur: Cursor,
    private readonly annots: readonly Annot[],
    private readonly fields: readonly FieldRange[],
  ) {
    this.hasNames = annots.some((a) => a.id === NAME);
    this.hintTokens = annots.filter((a) => a.id === BRANCH_HINT).map((a) => a.token);
  }

  /**
   * Records that a `(@name ...)` just before token `token` names entity
   * `index` of name subsection `sub` (of function or type `owner` for locals
   * and fields).
   */
  name(token: number, sub: number, index: number, owner = -1): void {
    if (this.hasNames && !this.slots.has(token)) this.slots.set(token, { sub, index, owner });
  }

  /** Notes where `(@name ...)` may name the parameters written in type use `use` of function `func`. */
  params(use: TypeUse, func: number): void {
    if (!this.hasNames || !use.inline) return;
    for (let i = 0; i < use.at.length; i++) {
      this.name(use.at[i]!, NameSub.LOCAL, i, func);
      if (use.names[i] !== null) this.name(use.at[i]! + 1, NameSub.LOCAL, i, func);
    }
  }

  /**
   * For the defined function `index` whose field starts at token `at`: the
   * array its instructions are to be recorded in (`FuncContext.track`) if a
   * branch hint is in it, else null.
   */
  func(at: number, index: number): number[] | null {
    if (this.hintTokens.length === 0) return null;
    const field = this.fields[this.fieldIndex(at + 1)];
    if (field === undefined || field.at !== at) return null;
    const next = this.hintTokens[firstAtOrAfter(this.hintTokens, at + 1)];
    if (next === undefined || next > field.end) return null;
    const track: number[] = [];
    this.hinted.set(at, { index, track, sorted: null });
    return track;
  }

  /** Index of the field containing token `token` (between its parentheses), or -1. */
  private fieldIndex(token: number): number {
    const fields = this.fields;
    let lo = 0;
    let hi = fields.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fields[mid]!.at < token) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && token <= fields[i]!.end ? i : -1;
  }

  private fail(offset: number, message: string): never {
    failAt(this.cur.toks.text, offset, message, this.cur.filename);
  }

  /** The items of annotation `a`. */
  private items(a: Annot): Item[] {
    const text = this.cur.toks.text;
    const base = a.idEnd;
    const inner = text.slice(base, a.end - 1);
    const t = lex(inner);
    const nested = t.annotations;
    let n = 0;
    const top: Item[] = [];
    const stack: Item[][] = [top];
    const item = (
      kind: Item['kind'],
      start: number,
      end: number,
      bytes: Uint8Array | null = null,
    ): Item => ({
      kind,
      start: base + start,
      end: base + end,
      bytes,
      text: inner.slice(start, end),
      items: [],
    });
    for (let i = 0; i < t.count; i++) {
      const list = stack[stack.length - 1]!;
      while (n < nested.length && nested[n]!.token === i) {
        list.push(item('other', nested[n]!.start, nested[n]!.end));
        n++;
      }
      const kind = t.kind[i]!;
      const s = t.start[i]!;
      const e = t.end[i]!;
      if (kind === Tok.EOF) break;
      if (kind === Tok.ERROR) {
        list.push(item('other', s, e));
        break;
      }
      if (kind === Tok.LPAR) {
        const group = item('parens', s, e);
        list.push(group);
        stack.push(group.items);
      } else if (kind === Tok.RPAR) {
        if (stack.length > 1) stack.pop();
      } else if (kind === Tok.STRING) {
        list.push(item('string', s, e, stringBytes(inner, s, e)));
      } else {
        list.push(item('atom', s, e));
      }
    }
    return top;
  }

  /**
   * Reads the annotations and returns the custom sections they make;
   * fails with a {@link WastError} for a malformed or misplaced one.
   */
  finish(): CustomSectionOut[] {
    const out: CustomSectionOut[] = [];
    for (const a of this.annots) if (a.id === CUSTOM) out.push(this.custom(a));
    const hints = this.branchHints();
    if (hints !== null) out.push(hints);
    const names = this.names();
    if (names !== null) out.push(names);
    return out;
  }

  /** `(@custom "name" place? "bytes"*)` */
  private custom(a: Annot): CustomSectionOut {
    const items = this.items(a);
    const first = items[0];
    if (first === undefined || first.kind !== 'string') {
      this.fail(a.start, '@custom annotation: missing section name');
    }
    const name = first.bytes!;
    if (!isUtf8(name)) this.fail(first.start, '@custom annotation: malformed UTF-8 encoding');
    let i = 1;
    let place = placeKey(true, 'data');
    const p = items[i];
    if (p !== undefined && p.kind === 'parens') {
      i++;
      const [dir, sec, extra] = p.items;
      if (
        dir === undefined ||
        dir.kind !== 'atom' ||
        (dir.text !== 'before' && dir.text !== 'after')
      ) {
        this.fail(p.start, '@custom annotation: malformed placement');
      }
      const known =
        sec !== undefined &&
        sec.kind === 'atom' &&
        (SECTION_ORDER.includes(sec.text) || sec.text === 'first' || sec.text === 'last');
      if (!known) this.fail(p.start, '@custom annotation: malformed section kind');
      if (extra !== undefined) this.fail(extra.start, '@custom annotation: unexpected token');
      const section = sec.text === 'first' ? 'type' : sec.text === 'last' ? 'data' : sec.text;
      place = placeKey(dir.text === 'after', section);
    }
    const parts: Uint8Array[] = [];
    for (; i < items.length && items[i]!.kind === 'string'; i++) parts.push(items[i]!.bytes!);
    if (i < items.length) this.fail(items[i]!.start, '@custom annotation: unexpected token');
    if (this.fieldIndex(a.token) >= 0) this.fail(a.start, 'misplaced @custom annotation');
    return { place, order: a.start, name, content: concat(parts) };
  }

  /** The `metadata.code.branch_hint` section of the module's branch hints, or null. */
  private branchHints(): CustomSectionOut | null {
    const P = '@metadata.code.branch_hint annotation: ';
    /** Per function index: hints as (offset, hint) pairs in text order, and their annotations. */
    const byFunc = new Map<number, { hints: number[]; annots: Annot[] }>();
    let order = -1;
    for (const a of this.annots) {
      if (a.id !== BRANCH_HINT) continue;
      if (order < 0) order = a.start;
      const parts: Uint8Array[] = [];
      for (const item of this.items(a)) {
        if (item.kind !== 'string') this.fail(item.start, `${P}unexpected token`);
        parts.push(item.bytes!);
      }
      const f = this.fieldIndex(a.token);
      const func = f < 0 ? undefined : this.hinted.get(this.fields[f]!.at);
      if (func === undefined) this.fail(a.start, `${P}not in a function`);
      const payload = concat(parts);
      if (payload.length !== 1 || payload[0]! > 1) this.fail(a.start, `${P}invalid hint value`);
      // The first instruction starting after the annotation.
      const { starts, offsets } = instructionsOf(func);
      const offset = offsets[firstAtOrAfter(starts, a.token)];
      if (offset === undefined) this.fail(a.start, `${P}invalid placement`);
      let entry = byFunc.get(func.index);
      if (entry === undefined) byFunc.set(func.index, (entry = { hints: [], annots: [] }));
      entry.hints.push(offset, payload[0]!);
      entry.annots.push(a);
    }
    if (byFunc.size === 0) return null;
    // In a function, hints must follow the order of their instructions.
    for (const { hints, annots } of byFunc.values()) {
      for (let i = 2; i < hints.length; i += 2) {
        if (hints[i]! <= hints[i - 2]!) this.fail(annots[i / 2]!.start, `${P}duplicate annotation`);
      }
    }
    const w = new ByteWriter();
    const funcs = [...byFunc.keys()].sort((x, y) => x - y);
    w.u32(funcs.length);
    for (const index of funcs) {
      const hints = byFunc.get(index)!.hints;
      w.u32(index).u32(hints.length / 2);
      for (let i = 0; i < hints.length; i += 2)
        w.u32(hints[i]!)
          .u32(1)
          .byte(hints[i + 1]!);
    }
    return {
      place: placeKey(false, 'code'),
      order,
      name: ascii(BRANCH_HINT),
      content: w.finish(),
    };
  }

  /** The `name` section of the module's `(@name ...)` annotations, or null. */
  private names(): CustomSectionOut | null {
    /** Per subsection: entity (owner and index) to name and the annotation giving it. */
    const subs = new Map<number, Map<number, Map<number, { name: Uint8Array; at: number }>>>();
    const firstField = this.fields.length > 0 ? this.fields[0]!.at : Infinity;
    let order = -1;
    const found: { slot: NameSlot; name: Uint8Array; at: number }[] = [];
    for (const a of this.annots) {
      if (a.id !== NAME) continue;
      if (order < 0) order = a.start;
      const items = this.items(a);
      const first = items[0];
      if (first === undefined || first.kind !== 'string') {
        this.fail(a.start, '@name annotation: string expected');
      }
      if (!isUtf8(first.bytes!)) this.fail(first.start, 'malformed UTF-8 encoding');
      if (items.length > 1) this.fail(items[1]!.start, '@name annotation: unexpected token');
      let slot: NameSlot | undefined;
      if (this.fieldIndex(a.token) < 0) {
        if (a.token <= firstField) slot = { sub: NameSub.MODULE, index: 0, owner: -1 };
      } else {
        slot = this.slots.get(a.token);
      }
      if (slot === undefined) this.fail(a.start, 'misplaced @name annotation');
      found.push({ slot, name: first.bytes!, at: a.start });
    }
    if (found.length === 0) return null;
    for (const { slot, name, at } of found) {
      let sub = subs.get(slot.sub);
      if (sub === undefined) subs.set(slot.sub, (sub = new Map()));
      let owned = sub.get(slot.owner);
      if (owned === undefined) sub.set(slot.owner, (owned = new Map()));
      if (owned.has(slot.index)) {
        this.fail(at, `@name annotation: multiple ${NAME_KINDS[slot.sub]} names`);
      }
      owned.set(slot.index, { name, at });
    }
    const names: NameMap = new Map();
    for (const [id, sub] of subs) {
      const owners = new Map<number, Map<number, Uint8Array>>();
      for (const [owner, owned] of sub) {
        owners.set(owner, new Map([...owned].map(([index, n]) => [index, n.name])));
      }
      names.set(id, owners);
    }
    return nameSection(names, order);
  }
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
