/**
 * A text module to a binary module, in three passes over its fields:
 *
 * 1. bind every identifier of the module's index spaces (so that uses may
 *    precede definitions), checking the field order rules;
 * 2. parse the type definitions, so that types are known to type uses;
 * 3. parse every other field in order, writing the sections. Function types
 *    implied by type uses are appended to the type section as they are met.
 *
 * Then the annotations that stand for custom sections are read (see
 * `annotations.ts`).
 */
import { encodeModule } from '../encode.js';
import { Tok } from '../lexer.js';
import { moduleAnnotations, type FieldRange } from './annotations.js';
import { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import {
  EXTERN_KINDS,
  parseExportField,
  parseFuncField,
  parseGlobalField,
  parseImportField,
  parseMemoryField,
  parseStartField,
  parseTableField,
  parseTagField,
  spaceOf,
  type Counters,
} from './fields.js';
import { identifierNames, isNameSection } from './names.js';
import { parseDataField, parseElemField } from './segments.js';
import { bindRecField, bindTypeField, parseTypeField } from './types.js';

/** Category names of definitions in "import after ..." messages. */
const DEFINITION_NAMES: Record<string, string> = {
  func: 'function',
  table: 'table',
  memory: 'memory',
  global: 'global',
  tag: 'tag',
};

const FIELDS: ReadonlySet<string> = new Set([
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

/** What a text module's binary contains besides its fields. */
export interface FieldOptions {
  /**
   * Write a `name` section of the module's identifiers (see `names.ts`),
   * unless its annotations make one. Off for scripts: the reference
   * interpreter writes none.
   */
  readonly names?: boolean;
  /** The module's own identifier (`(module $m ...)`), for that section. */
  readonly moduleName?: string | null;
}

/**
 * Parses module fields from the cursor up to (not including) the `)` or end
 * of input that ends them, and returns the binary module. Annotations from
 * token `head` on (the module's, after `(module`) belong to the module.
 */
export function parseModuleFields(
  cur: Cursor,
  head = cur.pos,
  options: FieldOptions = {},
): Uint8Array {
  const ctx = new ModuleContext(cur);
  const fields: Field[] = [];
  cur.deferring = true;
  cur.deferred = null;
  cur.lexicalError = false;

  // Pass 1: bind identifiers. An error here (a lexical error anywhere, or a
  // malformed field head) is raised only after the fields before it have been
  // parsed, so that errors come in the order of the text.
  let pass1Error: unknown = null;
  try {
    bindFields(ctx, fields);
  } catch (e) {
    // The field being bound (if its keyword was valid) is parsed again in
    // pass 3, which meets the same error or an earlier one in it.
    pass1Error = e;
  }
  const end = cur.pos;
  if (pass1Error === null) ctx.annots = moduleAnnotations(cur, head, end, fields);

  // Pass 2: type definitions.
  let typeIndex = 0;
  for (const f of fields) {
    if (f.kind !== 'type' && f.kind !== 'rec') continue;
    cur.pos = f.at;
    typeIndex += parseTypeField(ctx, typeIndex);
  }

  // Pass 3: everything else.
  const n: Counters = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  for (const f of fields) {
    cur.pos = f.at;
    switch (f.kind) {
      case 'import':
        parseImportField(ctx, n);
        break;
      case 'func':
        parseFuncField(ctx, n);
        break;
      case 'table':
        parseTableField(ctx, n);
        break;
      case 'memory':
        parseMemoryField(ctx, n);
        break;
      case 'global':
        parseGlobalField(ctx, n);
        break;
      case 'tag':
        parseTagField(ctx, n);
        break;
      case 'export':
        parseExportField(ctx);
        break;
      case 'start':
        parseStartField(ctx);
        break;
      case 'elem':
        parseElemField(ctx);
        break;
      case 'data':
        parseDataField(ctx);
        break;
    }
  }
  if (pass1Error !== null) {
    cur.deferring = false;
    cur.deferred = null;
    throw pass1Error;
  }
  // Syntax errors after the fields come before errors of meaning.
  cur.pos = end;
  const kind = cur.peek();
  if (kind !== Tok.RPAR && kind !== Tok.EOF) cur.unexpected();
  checkFieldOrder(ctx, fields);
  // Errors in annotations come after syntax errors, before errors of meaning.
  const customs = ctx.annots?.finish() ?? [];
  cur.flushDeferred();
  ctx.sections.dataCount = ctx.usesDataIndex;
  if (options.names === true && !customs.some((c) => isNameSection(c.name))) {
    const names = identifierNames(ctx, options.moduleName ?? null);
    if (names !== null) customs.push(names);
  }
  return encodeModule(ctx.sections, customs);
}

/** A module field: its keyword, its first and last tokens, and whether it is an import. */
interface Field extends FieldRange {
  imported: boolean;
}

/**
 * The errors of field order, found (as the reference interpreter finds them,
 * assembling the module from its last field back) once everything else is:
 * an import after a definition of a function, table, memory, global or tag,
 * and more than one start function.
 */
function checkFieldOrder(ctx: ModuleContext, fields: readonly Field[]): void {
  const cur: Cursor = ctx.cur;
  let lastImport = -1;
  const starts: number[] = [];
  fields.forEach((f, i) => {
    if (f.imported) lastImport = i;
    if (f.kind === 'start') starts.push(i);
  });
  let definition = -1;
  for (let i = lastImport - 1; i >= 0; i--) {
    if (!fields[i]!.imported && DEFINITION_NAMES[fields[i]!.kind] !== undefined) {
      definition = i;
      break;
    }
  }
  const start = starts.length > 1 ? starts[starts.length - 2]! : -1;
  if (definition < 0 && start < 0) return;
  if (definition > start) {
    const next = fields.findIndex((f, i) => i > definition && f.imported);
    const kind = DEFINITION_NAMES[fields[definition]!.kind];
    cur.semantic(`import after ${kind} definition`, fields[next]!.at);
  } else {
    cur.semantic('multiple start sections', fields[start]!.at);
  }
}

/** Pass 1: records the fields and binds their identifiers. */
function bindFields(ctx: ModuleContext, fields: Field[]): void {
  const cur: Cursor = ctx.cur;
  while (cur.peek() === Tok.LPAR) {
    const at = cur.pos;
    const kind = cur.fieldKeyword();
    if (kind === null || !FIELDS.has(kind)) cur.unexpected(at + 1);
    const field: Field = { kind, at, end: -1, imported: kind === 'import' };
    fields.push(field);
    switch (kind) {
      case 'type':
        bindTypeField(ctx);
        break;
      case 'rec':
        bindRecField(ctx);
        break;
      case 'import': {
        cur.pos += 2;
        cur.name();
        cur.name();
        const k = cur.fieldKeyword();
        if (k === null || !EXTERN_KINDS.has(k)) cur.unexpected(cur.pos + 1);
        cur.pos += 2;
        const idAt = cur.pos;
        spaceOf(ctx, k).bind(cur, cur.optId(), idAt);
        cur.pos = at;
        cur.skipGroup();
        break;
      }
      case 'func':
      case 'table':
      case 'memory':
      case 'global':
      case 'tag': {
        cur.pos += 2;
        const idAt = cur.pos;
        const name = cur.optId();
        while (cur.isField('export')) cur.skipGroup();
        if (cur.isField('import')) {
          field.imported = true;
        } else {
          if (kind === 'table' || kind === 'memory') {
            // Inline segments take an index of their own.
            const inline = kind === 'table' ? 'elem' : 'data';
            while (cur.peek() !== Tok.RPAR && cur.peek() !== Tok.EOF) {
              if (cur.isField(inline)) {
                (kind === 'table' ? ctx.elems : ctx.datas).bind(cur, null, cur.pos);
              }
              if (cur.peek() === Tok.LPAR) cur.skipGroup();
              else cur.pos++;
            }
          }
        }
        spaceOf(ctx, kind).bind(cur, name, idAt);
        cur.pos = at;
        cur.skipGroup();
        break;
      }
      case 'elem':
      case 'data': {
        cur.pos += 2;
        const idAt = cur.pos;
        (kind === 'elem' ? ctx.elems : ctx.datas).bind(cur, cur.optId(), idAt);
        cur.pos = at;
        cur.skipGroup();
        break;
      }
      case 'start':
        cur.skipGroup();
        break;
      default:
        cur.skipGroup();
        break;
    }
    field.end = cur.pos - 1;
  }
}

/**
 * A module: `(module id? field*)` or bare fields, up to the end of input.
 * Returns the binary and the module's identifier, if any.
 */
export function parseModuleText(cur: Cursor, names = false): Uint8Array {
  if (cur.isField('module')) {
    cur.pos += 2;
    const head = cur.pos;
    const moduleName = cur.optId();
    const bytes = parseModuleFields(cur, head, { names, moduleName });
    cur.rpar();
    if (cur.peek() !== Tok.EOF) cur.unexpected();
    return bytes;
  }
  const bytes = parseModuleFields(cur, cur.pos, { names });
  if (cur.peek() !== Tok.EOF) cur.unexpected();
  return bytes;
}
