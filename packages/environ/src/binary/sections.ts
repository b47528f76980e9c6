/**
 * Section-level decoding of the binary format, in the section order of
 * WebAssembly 3.0. Produces a raw module whose constant expressions are
 * decoded but not yet validated; function bodies are handed to a callback as
 * the code section is read, so they can be validated in the same pass.
 */
import { malformed } from '../errors.js';
import { WASM3_FEATURES, type Features } from '../features.js';
import type { CustomSection, Export, ExternKind, Import, LocalRun } from '../module.js';
import {
  HT_FUNC,
  refType,
  type CompType,
  type FieldType,
  type GlobalType,
  type MemoryType,
  type TableType,
  type TagType,
  type ValType,
} from '../types.js';
import { RawDatas } from './datas.js';
import { Reader } from './reader.js';
import {
  readFieldType,
  readGlobalType,
  readMemoryType,
  readRefType,
  readTableType,
  readValType,
} from './valtypes.js';

/** A type definition as decoded, before validation. */
export interface RawSubType {
  readonly comp: CompType;
  readonly final: boolean;
  readonly supertypes: readonly number[];
  /** `(describes x)` and `(descriptor x)` clauses (custom descriptors), or -1. */
  readonly describes: number;
  readonly descriptor: number;
  readonly recStart: number;
  readonly recSize: number;
  /** Byte offset of the definition, for errors. */
  readonly offset: number;
}

/** Constant expressions are kept as the byte offset of their first instruction. */
export interface RawTable {
  readonly type: TableType;
  readonly init: number | null;
  readonly offset: number;
}

export interface RawGlobal {
  readonly type: GlobalType;
  readonly init: number;
  readonly offset: number;
}

export interface RawElem {
  readonly mode: 'active' | 'passive' | 'declarative';
  readonly type: ValType;
  readonly table: number;
  readonly offset: number | null;
  readonly funcIndices: Uint32Array | null;
  readonly exprs: readonly number[] | null;
  readonly at: number;
}

export interface RawImport {
  readonly import: Import;
  readonly offset: number;
}

export interface RawExport extends Export {
  readonly offset: number;
}

/** A function body as found in the code section. */
export interface RawBody {
  readonly locals: readonly LocalRun[];
  readonly numLocals: number;
  /** Offset of the first instruction. */
  readonly codeStart: number;
  /** Offset of the size field and one past the declared end. */
  readonly start: number;
  readonly end: number;
}

export interface RawModule {
  types: RawSubType[];
  imports: RawImport[];
  /** Type indices from the function section (defined functions only). */
  functions: number[];
  functionsOffset: number;
  tables: RawTable[];
  memories: { type: MemoryType; offset: number }[];
  tags: { type: TagType; offset: number }[];
  globals: RawGlobal[];
  exports: RawExport[];
  start: { func: number; offset: number } | null;
  elems: RawElem[];
  dataCount: number | null;
  datas: RawDatas;
  customs: CustomSection[];
  /** Number of entries in the code section (null when absent). */
  codeCount: number | null;
}

/** Hooks through which the caller decodes code: expressions now, bodies as they come. */
export interface CodeDecoder {
  /** Skips a constant expression at `r.pos` (decoding only); returns its offset. */
  constExpr(r: Reader): number;
  /** Called once before the first function body (or at the end if there is no code section). */
  beforeCode(m: RawModule): void;
  /** Decodes the instructions of body `index` starting at `r.pos`, up to its final `end`. */
  body(r: Reader, m: RawModule, index: number, body: RawBody): void;
}

const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
const MAGIC = 0x6d736100;
const VERSION = 1;

const EXTERN_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

/** Decodes a whole module; throws `CompileError` (malformed) on the first decoding error. */
export function decodeSections(
  bytes: Uint8Array,
  hooks: CodeDecoder,
  features: Features = WASM3_FEATURES,
): RawModule {
  const r = new Reader(bytes, 0, bytes.length, features);
  if (r.u32le() !== MAGIC) malformed(0, 'magic header not detected');
  if (r.u32le() !== VERSION) malformed(4, 'unknown binary version');

  const m: RawModule = {
    types: [],
    imports: [],
    functions: [],
    functionsOffset: 8,
    tables: [],
    memories: [],
    tags: [],
    globals: [],
    exports: [],
    start: null,
    elems: [],
    dataCount: null,
    datas: new RawDatas(),
    customs: [],
    codeCount: null,
  };

  let next = 0;
  let codeSeen = false;
  while (!r.eof) {
    const idOffset = r.pos;
    const id = r.bytes[r.pos]!;
    if (id > 13) malformed(idOffset, 'malformed section id');
    if (id !== 0) {
      const place = SECTION_ORDER.indexOf(id, next);
      if (place < 0) break; // out of order or repeated: reported below
      next = place + 1;
    }
    r.pos++;
    const size = r.len32();
    const start = r.pos;
    if (id === 0) {
      m.customs.push(decodeCustom(r, size, idOffset));
    } else {
      if (id === 10) {
        hooks.beforeCode(m);
        codeSeen = true;
      }
      decodeSection(r, id, m, hooks);
    }
    if (r.pos !== start + size) malformed(start, 'section size mismatch');
  }
  if (!r.eof) malformed(r.end, 'unexpected content after last section');
  if (!codeSeen) hooks.beforeCode(m);
  if (m.functions.length !== (m.codeCount ?? 0)) {
    malformed(r.end, 'function and code section have inconsistent lengths');
  }
  if (m.dataCount !== null && m.dataCount !== m.datas.count) {
    malformed(r.end, 'data count and data section have inconsistent lengths');
  }
  return m;
}

function decodeCustom(r: Reader, size: number, offset: number): CustomSection {
  const start = r.pos;
  const name = r.name();
  const rest = size - (r.pos - start);
  if (rest < 0) r.unexpectedEnd();
  return { name, bytes: r.take(rest), offset };
}

function vec<T>(r: Reader, item: (r: Reader, i: number) => T): T[] {
  const n = r.len32();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(item(r, i));
  return out;
}

function decodeSection(r: Reader, id: number, m: RawModule, hooks: CodeDecoder): void {
  switch (id) {
    case 1:
      decodeTypes(r, m);
      return;
    case 2:
      m.imports = vec(r, decodeImport);
      return;
    case 3:
      m.functionsOffset = r.pos;
      m.functions = vec(r, (r) => r.u32());
      return;
    case 4:
      m.tables = vec(r, (r) => decodeTable(r, hooks));
      return;
    case 5:
      m.memories = vec(r, (r) => ({ offset: r.pos, type: readMemoryType(r) }));
      return;
    case 13:
      m.tags = vec(r, (r) => ({ offset: r.pos, type: readTagType(r) }));
      return;
    case 6:
      m.globals = vec(r, (r) => {
        const offset = r.pos;
        const type = readGlobalType(r);
        return { type, init: hooks.constExpr(r), offset };
      });
      return;
    case 7:
      m.exports = vec(r, decodeExport);
      return;
    case 8:
      m.start = { offset: r.pos, func: r.u32() };
      return;
    case 9:
      m.elems = vec(r, (r) => decodeElem(r, hooks));
      return;
    case 12:
      m.dataCount = r.u32();
      return;
    case 10: {
      const n = r.len32();
      m.codeCount = n;
      for (let i = 0; i < n; i++) decodeBody(r, m, i, hooks);
      return;
    }
    case 11:
      decodeDatas(r, hooks, m.datas);
      return;
  }
}

function decodeTypes(r: Reader, m: RawModule): void {
  const n = r.len32();
  for (let g = 0; g < n; g++) {
    if (r.peek() === 0x4e) {
      r.pos++;
      const size = r.len32();
      const recStart = m.types.length;
      for (let i = 0; i < size; i++) m.types.push(decodeSubType(r, recStart, size));
    } else {
      m.types.push(decodeSubType(r, m.types.length, 1));
    }
  }
}

function decodeSubType(r: Reader, recStart: number, recSize: number): RawSubType {
  const offset = r.pos;
  const b = r.peek();
  let final = true;
  let supertypes: number[] = [];
  if (b === 0x50 || b === 0x4f) {
    r.pos++;
    supertypes = vec(r, (r) => r.u32());
    final = b === 0x4f;
  }
  // Custom descriptors: `0x4c x` (describes), then `0x4d x` (descriptor), before the comptype.
  let describes = -1;
  let descriptor = -1;
  if (r.features.customDescriptors) {
    if (r.peek() === 0x4c) {
      r.pos++;
      describes = r.u32();
    }
    if (r.peek() === 0x4d) {
      r.pos++;
      descriptor = r.u32();
    }
  }
  const comp = decodeCompType(r);
  return { comp, final, supertypes, describes, descriptor, recStart, recSize, offset };
}

function decodeCompType(r: Reader): CompType {
  const start = r.pos;
  const code = r.s7();
  switch (code) {
    case -0x20: {
      const params = vec(r, readValType);
      const results = vec(r, readValType);
      return { kind: 'func', params, results };
    }
    case -0x21: {
      const fields: FieldType[] = vec(r, readFieldType);
      return { kind: 'struct', fields };
    }
    case -0x22:
      return { kind: 'array', field: readFieldType(r) };
    default:
      return malformed(start, 'malformed definition type');
  }
}

function readTagType(r: Reader): TagType {
  if (r.u8() !== 0) malformed(r.pos - 1, 'zero byte expected');
  return { typeIndex: r.u32() };
}

function decodeImport(r: Reader): RawImport {
  const offset = r.pos;
  const module = r.name();
  const name = r.name();
  const kindAt = r.pos;
  const kind = r.u8();
  let imp: Import;
  switch (kind) {
    case 0:
      imp = { module, name, kind: 'func', typeIndex: r.u32() };
      break;
    case 0x20: // an exact function import (custom descriptors)
      if (!r.features.customDescriptors) return malformed(kindAt, 'malformed import kind');
      imp = { module, name, kind: 'func', typeIndex: r.u32(), exact: true };
      break;
    case 1:
      imp = { module, name, kind: 'table', type: readTableType(r) };
      break;
    case 2:
      imp = { module, name, kind: 'memory', type: readMemoryType(r) };
      break;
    case 3:
      imp = { module, name, kind: 'global', type: readGlobalType(r) };
      break;
    case 4:
      imp = { module, name, kind: 'tag', type: readTagType(r) };
      break;
    default:
      return malformed(kindAt, 'malformed import kind');
  }
  return { import: imp, offset };
}

function decodeTable(r: Reader, hooks: CodeDecoder): RawTable {
  const offset = r.pos;
  if (r.peek() === 0x40) {
    r.pos++;
    if (r.u8() !== 0) malformed(r.pos - 1, 'zero byte expected');
    const type = readTableType(r);
    return { type, init: hooks.constExpr(r), offset };
  }
  return { type: readTableType(r), init: null, offset };
}

function decodeExport(r: Reader): RawExport {
  const offset = r.pos;
  const name = r.name();
  const kind = EXTERN_KINDS[r.u8()];
  if (kind === undefined) malformed(r.pos - 1, 'malformed export kind');
  return { name, kind, index: r.u32(), offset };
}

function decodeElem(r: Reader, hooks: CodeDecoder): RawElem {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) malformed(at, 'malformed elements segment kind');
  const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
  const table = (flags & 3) === 2 ? r.u32() : 0;
  const offset = mode === 'active' ? hooks.constExpr(r) : null;
  let type: ValType;
  if (flags & 4) {
    type = flags & 3 ? readRefType(r) : refType(HT_FUNC, true);
    const exprs = vec(r, (r) => hooks.constExpr(r));
    return { mode, type, table, offset, funcIndices: null, exprs, at };
  }
  if (flags & 3) {
    if (r.u8() !== 0) malformed(r.pos - 1, 'malformed element kind');
  }
  type = refType(HT_FUNC, false);
  const n = r.len32();
  const funcIndices = new Uint32Array(n);
  for (let i = 0; i < n; i++) funcIndices[i] = r.u32();
  return { mode, type, table, offset, funcIndices, exprs: null, at };
}

function decodeDatas(r: Reader, hooks: CodeDecoder, datas: RawDatas): void {
  const n = r.len32();
  let i = 0;
  while (i < n) {
    // The common segments in a loop of their own; `decodeData` for the others.
    i += datas.readSimple(r, n - i);
    if (i < n) {
      decodeData(r, hooks, datas);
      i++;
    }
  }
}

function decodeData(r: Reader, hooks: CodeDecoder, datas: RawDatas): void {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 2) malformed(at, 'malformed data segment kind');
  const memory = flags === 2 ? r.u32() : 0;
  const offset = flags === 1 ? 0 : hooks.constExpr(r);
  const length = r.len32();
  const start = r.pos;
  r.skip(length);
  datas.add(flags === 1, memory, offset, start, length, at, 0);
}

function decodeBody(r: Reader, m: RawModule, index: number, hooks: CodeDecoder): void {
  const start = r.pos;
  const size = r.len32();
  const sizeEnd = r.pos;
  const localsAt = r.pos;
  const runs = r.len32();
  const locals: LocalRun[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const count = r.u32();
    const type = readValType(r);
    total += count;
    locals.push({ count, type });
  }
  if (total >= 2 ** 32) malformed(localsAt, 'too many locals');
  const body: RawBody = {
    locals,
    numLocals: total,
    codeStart: r.pos,
    start,
    end: sizeEnd + size,
  };
  hooks.body(r, m, index, body);
  if (r.pos !== sizeEnd + size) malformed(sizeEnd, 'section size mismatch');
}
