/**
 * Type definitions (`type`, `rec`, `sub`, `func`/`struct`/`array`) and type
 * uses (`(type x)? (param ...)* (result ...)*`), including the implicit
 * definition of function types that a type use without `(type x)` implies.
 */
import { ByteWriter } from '../encode.js';
import { Tok } from '../lexer.js';
import { binder, NameSub } from './annotations.js';
import type { ModuleContext, TypeInfo } from './context.js';
import type { Cursor } from './cursor.js';
import { printId, Space } from './identifiers.js';
import {
  funcTypeKey,
  parseStorageType,
  parseValType,
  writeFuncType,
  writeValType,
  type ValType,
} from './valtypes.js';

/** Binds the names of a `(type ...)` field at the cursor; moves past it. */
export function bindTypeField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  const at = cur.pos;
  cur.field('type');
  const idAt = cur.pos;
  ctx.types.bind(cur, cur.optId(), idAt);
  cur.pos = at;
  cur.skipGroup();
}

/** Binds the names of a `(rec ...)` field at the cursor; moves past it. */
export function bindRecField(ctx: ModuleContext): void {
  const cur: Cursor = ctx.cur;
  cur.field('rec');
  while (cur.peek() === Tok.LPAR) {
    if (!cur.isKeyword('type', 1)) cur.unexpected(cur.pos + 1);
    bindTypeField(ctx);
  }
  cur.rpar();
}

/** Parses a `(type ...)` or `(rec ...)` field at the cursor into the type section. */
export function parseTypeField(ctx: ModuleContext, first: number): number {
  const cur: Cursor = ctx.cur;
  const s = ctx.sections.types;
  if (cur.isField('rec')) {
    cur.pos += 2;
    const group: { info: TypeInfo; bytes: ByteWriter; simple: boolean }[] = [];
    while (cur.isField('type')) group.push(parseTypeDef(ctx, first + group.length));
    cur.rpar();
    if (group.length === 1) {
      register(ctx, first, group[0]!.info, group[0]!.simple);
      s.body.bytes(group[0]!.bytes.view());
    } else {
      for (let i = 0; i < group.length; i++) register(ctx, first + i, group[i]!.info, false);
      s.body.byte(0x4e).u32(group.length);
      for (const g of group) s.body.bytes(g.bytes.view());
    }
    s.count++;
    return group.length;
  }
  const def = parseTypeDef(ctx, first);
  register(ctx, first, def.info, def.simple);
  s.body.bytes(def.bytes.view());
  s.count++;
  return 1;
}

function register(ctx: ModuleContext, index: number, info: TypeInfo, simple: boolean): void {
  ctx.typeInfos[index] = info;
  if (simple && info.kind === 'func') {
    const key = funcTypeKey(info.params, info.results);
    if (!ctx.funcTypeIndex.has(key)) ctx.funcTypeIndex.set(key, index);
  }
}

/**
 * typedef ::= (type id? subtype), subtype ::= (sub final? typeidx* desctype) | desctype,
 * desctype ::= (describes typeidx)? (descriptor typeidx)? comptype (the
 * clauses are custom descriptors'). `simple` is true for a final type
 * without supertypes or clauses.
 */
function parseTypeDef(
  ctx: ModuleContext,
  index: number,
): { info: TypeInfo; bytes: ByteWriter; simple: boolean } {
  const cur: Cursor = ctx.cur;
  const w = new ByteWriter();
  cur.field('type');
  binder(ctx, NameSub.TYPE, index);
  let simple = true;
  let info: TypeInfo;
  if (cur.isField('sub')) {
    cur.pos += 2;
    const final = cur.eatKeyword('final');
    const supers: number[] = [];
    while (Space.isVar(cur)) supers.push(ctx.types.resolve(cur));
    if (!final || supers.length > 0) {
      simple = false;
      w.byte(final ? 0x4f : 0x50).u32(supers.length);
      for (const x of supers) w.u32(x);
    }
    if (parseDescriptorClauses(ctx, w)) simple = false;
    info = parseCompType(ctx, w, index);
    cur.rpar();
  } else {
    if (parseDescriptorClauses(ctx, w)) simple = false;
    info = parseCompType(ctx, w, index);
  }
  cur.rpar();
  return { info, bytes: w, simple };
}

/**
 * `(describes x)? (descriptor y)?` (custom descriptors), written as
 * `0x4c x` and `0x4d y`; whether there was either.
 */
function parseDescriptorClauses(ctx: ModuleContext, w: ByteWriter): boolean {
  const cur: Cursor = ctx.cur;
  let any = false;
  for (const [kw, code] of [
    ['describes', 0x4c],
    ['descriptor', 0x4d],
  ] as const) {
    if (!cur.isField(kw)) continue;
    cur.pos += 2;
    w.byte(code).u32(ctx.types.resolve(cur));
    cur.rpar();
    any = true;
  }
  return any;
}

/** comptype ::= (func ...) | (struct field*) | (array fieldtype) */
function parseCompType(ctx: ModuleContext, w: ByteWriter, index: number): TypeInfo {
  const cur: Cursor = ctx.cur;
  const kw = cur.fieldKeyword();
  if (kw === 'func') {
    cur.pos += 2;
    const { params, results } = parseSignature(ctx, true);
    cur.rpar();
    writeFuncType(w, params, results);
    return { kind: 'func', params, results, fields: new Map() };
  }
  if (kw === 'struct') {
    cur.pos += 2;
    const fields = new Map<string, number>();
    const types: { storage: ValType; mutable: boolean }[] = [];
    while (cur.isField('field')) {
      cur.pos += 2;
      const idAt = cur.pos;
      const name = cur.optId();
      if (name !== null) {
        if (fields.has(name)) cur.semantic(`duplicate field ${printId(name)}`, idAt);
        else fields.set(name, types.length);
        ctx.annots?.name(idAt, NameSub.FIELD, types.length, index);
        ctx.annots?.name(idAt + 1, NameSub.FIELD, types.length, index);
        types.push(parseFieldType(ctx));
      } else {
        while (cur.peek() !== Tok.RPAR) {
          ctx.annots?.name(cur.pos, NameSub.FIELD, types.length, index);
          types.push(parseFieldType(ctx));
        }
      }
      cur.rpar();
    }
    cur.rpar();
    w.byte(0x5f).u32(types.length);
    for (const f of types) {
      writeValType(w, f.storage);
      w.byte(f.mutable ? 1 : 0);
    }
    return { kind: 'struct', params: [], results: [], fields };
  }
  if (kw === 'array') {
    cur.pos += 2;
    const f = parseFieldType(ctx);
    cur.rpar();
    w.byte(0x5e);
    writeValType(w, f.storage);
    w.byte(f.mutable ? 1 : 0);
    return { kind: 'array', params: [], results: [], fields: new Map() };
  }
  return cur.unexpected(cur.peek() === Tok.LPAR ? cur.pos + 1 : cur.pos);
}

/** fieldtype ::= storagetype | (mut storagetype) */
function parseFieldType(ctx: ModuleContext): { storage: ValType; mutable: boolean } {
  const cur: Cursor = ctx.cur;
  if (cur.isField('mut')) {
    cur.pos += 2;
    const storage = parseStorageType(ctx);
    cur.rpar();
    return { storage, mutable: true };
  }
  return { storage: parseStorageType(ctx), mutable: false };
}

/** The parameters and results of a signature, with parameter names when allowed. */
export interface Signature {
  readonly params: ValType[];
  readonly results: ValType[];
  /** Name of each parameter (null if unnamed). */
  readonly names: (string | null)[];
  /** Token index of each parameter, for duplicate-name errors. */
  readonly at: number[];
}

/** (param ...)* (result ...)*; `names` allows `(param $x t)`. */
export function parseSignature(ctx: ModuleContext, names: boolean): Signature {
  const cur: Cursor = ctx.cur;
  const sig: Signature = { params: [], results: [], names: [], at: [] };
  while (cur.isField('param')) {
    cur.pos += 2;
    if (cur.peek() === Tok.ID) {
      if (!names) cur.unexpected();
      const at = cur.pos;
      const name = cur.optId();
      sig.params.push(parseValType(ctx));
      sig.names.push(name);
      sig.at.push(at);
    } else {
      while (cur.peek() !== Tok.RPAR) {
        sig.at.push(cur.pos);
        sig.params.push(parseValType(ctx));
        sig.names.push(null);
      }
    }
    cur.rpar();
  }
  while (cur.isField('result')) {
    cur.pos += 2;
    while (cur.peek() !== Tok.RPAR) sig.results.push(parseValType(ctx));
    cur.rpar();
  }
  // Parameters come before results.
  if (cur.isField('param')) cur.unexpected(cur.pos + 1);
  return sig;
}

/** A resolved type use. */
export interface TypeUse {
  readonly index: number;
  /** Parameter types (of the referenced type when only `(type x)` is given, if known). */
  readonly params: readonly ValType[];
  readonly names: readonly (string | null)[];
  readonly at: readonly number[];
  /** Whether the parameters were written (rather than taken from `(type x)`). */
  readonly inline: boolean;
  /**
   * For `(type x)` alone naming no function type: the error the reference
   * interpreter reports once a named local has to be bound after it.
   */
  readonly unresolved: string | null;
}

/**
 * typeuse ::= (type x)? (param ...)* (result ...)*. With `(type x)` and an
 * inline signature, the two must agree; without `(type x)`, the signature
 * names the first matching function type, defined implicitly if needed.
 */
export function parseTypeUse(ctx: ModuleContext, names: boolean): TypeUse {
  const cur: Cursor = ctx.cur;
  let explicit: number | null = null;
  let explicitAt = cur.pos;
  if (cur.isField('type')) {
    cur.pos += 2;
    explicitAt = cur.pos;
    explicit = ctx.types.resolve(cur);
    cur.rpar();
  }
  const sig = parseSignature(ctx, names);
  if (explicit === null) {
    const index = ctx.implicitFuncType(sig.params, sig.results);
    return {
      index,
      params: sig.params,
      names: sig.names,
      at: sig.at,
      inline: true,
      unresolved: null,
    };
  }
  const info = ctx.typeInfos[explicit];
  if (sig.params.length > 0 || sig.results.length > 0) {
    if (info === undefined) cur.semantic(`unknown type ${explicit}`, explicitAt);
    else if (info.kind !== 'func') cur.semantic(`non-function type ${explicit}`, explicitAt);
    else if (funcTypeKey(info.params, info.results) !== funcTypeKey(sig.params, sig.results)) {
      cur.semantic('inline function type does not match explicit type', explicitAt);
    }
    return {
      index: explicit,
      params: sig.params,
      names: sig.names,
      at: sig.at,
      inline: true,
      unresolved: null,
    };
  }
  const params = info?.kind === 'func' ? info.params : [];
  const unresolved =
    info === undefined
      ? `unknown type ${explicit}`
      : info.kind !== 'func'
        ? `non-function type ${explicit}`
        : null;
  return {
    index: explicit,
    params,
    names: params.map(() => null),
    at: params.map(() => cur.pos),
    inline: false,
    unresolved,
  };
}

/** A block type: empty, a single result type, or a type index. */
export type BlockType =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly type: ValType }
  | { readonly kind: 'index'; readonly index: number };

/** blocktype ::= typeuse without parameter names, in its compact forms when possible. */
export function parseBlockType(ctx: ModuleContext): BlockType {
  const cur: Cursor = ctx.cur;
  if (cur.isField('type')) {
    return { kind: 'index', index: parseTypeUse(ctx, false).index };
  }
  const sig = parseSignature(ctx, false);
  if (sig.params.length === 0) {
    if (sig.results.length === 0) return { kind: 'empty' };
    if (sig.results.length === 1) return { kind: 'value', type: sig.results[0]! };
  }
  return { kind: 'index', index: ctx.implicitFuncType(sig.params, sig.results) };
}

export function writeBlockType(w: ByteWriter, bt: BlockType): void {
  switch (bt.kind) {
    case 'empty':
      w.byte(0x40);
      return;
    case 'value':
      writeValType(w, bt.type);
      return;
    case 'index':
      w.s32(bt.index);
      return;
  }
}
