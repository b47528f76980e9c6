/**
 * Checking the `name` custom section, as the reference interpreter's name
 * section handler does, extended to every subsection of the extended name
 * section proposal:
 *
 * - decoding (malformed): subsections with ids 0-11 in increasing order,
 *   each exactly as long as its size says; name maps in increasing index
 *   order without duplicates; names in UTF-8.
 * - checking (invalid): every index in range for this module (functions,
 *   locals of each function, types, tables, memories, globals, element and
 *   data segments, fields of struct types, tags).
 */
import type { CompileError } from '../errors.js';
import type { CustomSection, ModuleInfo } from '../module.js';
import type { FuncType } from '../types.js';
import { sectionInvalid, sectionMalformed, SectionStream } from './stream.js';

const END = 'unexpected end of name section';

/** Subsection ids of the (extended) name section. */
const MODULE = 0;
const FUNCTIONS = 1;
const LOCALS = 2;
const LABELS = 3;
const TYPES = 4;
const TABLES = 5;
const MEMORIES = 6;
const GLOBALS = 7;
const ELEMS = 8;
const DATAS = 9;
const FIELDS = 10;
const TAGS = 11;
const LAST = TAGS;

/** A decoded name map: indices in order, each with the offset of its entry. */
interface NameMap {
  readonly indices: number[];
  readonly offsets: number[];
}

/** A decoded indirect name map: outer indices in order, each with its name map. */
interface IndirectMap {
  readonly indices: number[];
  readonly offsets: number[];
  readonly maps: NameMap[];
}

/** A decoded subsection. */
type Subsection =
  | { readonly id: number; readonly map: NameMap; readonly indirect: null }
  | { readonly id: number; readonly map: null; readonly indirect: IndirectMap }
  | { readonly id: number; readonly map: null; readonly indirect: null };

/** A decoded `name` section (just what checking needs). */
export interface DecodedNames {
  readonly subsections: readonly Subsection[];
}

function nameMap(s: SectionStream): NameMap {
  const n = s.u32();
  const map: NameMap = { indices: [], offsets: [] };
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const index = s.u32();
    s.name();
    const last = map.indices[map.indices.length - 1];
    if (last !== undefined && index <= last) {
      sectionMalformed(
        at,
        index === last
          ? 'custom @name: multiple function or local names'
          : 'custom @name: names out of order',
      );
    }
    map.indices.push(index);
    map.offsets.push(at);
  }
  return map;
}

function indirectMap(s: SectionStream): IndirectMap {
  const n = s.u32();
  const map: IndirectMap = { indices: [], offsets: [], maps: [] };
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const index = s.u32();
    const inner = nameMap(s);
    const last = map.indices[map.indices.length - 1];
    if (last !== undefined && index <= last) {
      sectionMalformed(
        at,
        index === last
          ? 'custom @name: multiple function names'
          : 'custom @name: names out of order',
      );
    }
    map.indices.push(index);
    map.offsets.push(at);
    map.maps.push(inner);
  }
  return map;
}

/** Offset of a custom section's payload (after its name) in the module. */
export function payloadOffset(module: ModuleInfo, section: CustomSection): number {
  return section.bytes.byteOffset - module.bytes.byteOffset;
}

/** Decodes a `name` section, throwing a malformed {@link CompileError} if it is not well-formed. */
export function decodeNameSection(module: ModuleInfo, section: CustomSection): DecodedNames {
  const start = payloadOffset(module, section);
  const s = new SectionStream(module.bytes, start, start + section.bytes.length, END);
  const subsections: Subsection[] = [];
  let last = -1;
  while (!s.eof) {
    const at = s.pos;
    const id = s.byte();
    if (id <= last || id > LAST) sectionMalformed(at, 'invalid name subsection id');
    last = id;
    const size = s.u32();
    const begin = s.pos;
    // As in the reference, a subsection is read up to the end of the section,
    // then its size is checked.
    const sub = new SectionStream(module.bytes, begin, s.end, END);
    switch (id) {
      case MODULE:
        sub.name();
        subsections.push({ id, map: null, indirect: null });
        break;
      case LOCALS:
      case LABELS:
      case FIELDS:
        subsections.push({ id, map: null, indirect: indirectMap(sub) });
        break;
      default:
        subsections.push({ id, map: nameMap(sub), indirect: null });
        break;
    }
    if (sub.pos !== begin + size) sectionMalformed(sub.pos, 'name subsection size mismatch');
    s.pos = sub.pos;
  }
  return { subsections };
}

/** What the indices of a name map subsection count, and how many there are. */
function space(module: ModuleInfo, id: number): { what: string; count: number } {
  switch (id) {
    case FUNCTIONS:
      return { what: 'function', count: module.funcTypes.length };
    case TYPES:
      return { what: 'type', count: module.types.length };
    case TABLES:
      return { what: 'table', count: module.tables.length };
    case MEMORIES:
      return { what: 'memory', count: module.memories.length };
    case GLOBALS:
      return { what: 'global', count: module.globals.length };
    case ELEMS:
      return { what: 'elem segment', count: module.elems.length };
    case DATAS:
      return { what: 'data segment', count: module.datas.length };
    default:
      return { what: 'tag', count: module.tags.length };
  }
}

/** Number of locals (parameters included) of function `func`. */
function localCount(module: ModuleInfo, func: number): number {
  const params = (module.types[module.funcTypes[func]!]!.comp as FuncType).params.length;
  const defined = func - module.numImportedFuncs;
  return defined < 0 ? params : params + module.bodies[defined]!.numLocals;
}

/** The first error of a decoded `name` section for `module`, or null. */
export function checkNameSection(module: ModuleInfo, names: DecodedNames): CompileError | null {
  const funcs = module.funcTypes.length;
  for (const sub of names.subsections) {
    if (sub.map !== null) {
      const { what, count } = space(module, sub.id);
      const { indices, offsets } = sub.map;
      for (let i = 0; i < indices.length; i++) {
        if (indices[i]! >= count) {
          return sectionInvalid(offsets[i]!, `custom @name: invalid ${what} index ${indices[i]}`);
        }
      }
    } else if (sub.indirect !== null) {
      const { indices, offsets, maps } = sub.indirect;
      for (let i = 0; i < indices.length; i++) {
        const x = indices[i]!;
        const inner = maps[i]!;
        if (sub.id === FIELDS) {
          if (x >= module.types.length) {
            return sectionInvalid(offsets[i]!, `custom @name: invalid type index ${x}`);
          }
          const comp = module.types[x]!.comp;
          if (comp.kind !== 'struct') {
            return sectionInvalid(offsets[i]!, `custom @name: non-struct type ${x}`);
          }
          for (let j = 0; j < inner.indices.length; j++) {
            const y = inner.indices[j]!;
            if (y >= comp.fields.length) {
              return sectionInvalid(
                inner.offsets[j]!,
                `custom @name: invalid field index ${y} for type ${x}`,
              );
            }
          }
          continue;
        }
        if (x >= funcs) {
          return sectionInvalid(offsets[i]!, `custom @name: invalid function index ${x}`);
        }
        if (sub.id !== LOCALS) continue; // label indices are not checked
        const n = localCount(module, x);
        for (let j = 0; j < inner.indices.length; j++) {
          const y = inner.indices[j]!;
          if (y >= n) {
            return sectionInvalid(
              inner.offsets[j]!,
              `custom @name: invalid local index ${y} for function ${x}`,
            );
          }
        }
      }
    }
  }
  return null;
}
