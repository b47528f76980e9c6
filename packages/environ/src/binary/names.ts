/**
 * Decoding of the `name` custom section (module, function, local, type,
 * table, memory, global and tag names). A malformed name section is not an
 * error of the module: like other engines, Weft then just has no names.
 */
import { CompileError } from '../errors.js';
import type { NameSection } from '../module.js';
import { Reader } from './reader.js';

function nameMap(r: Reader): Map<number, string> {
  const map = new Map<number, string>();
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, r.name());
  }
  return map;
}

/** Decodes a name section payload, or returns null if it is malformed. */
export function decodeNames(bytes: Uint8Array): NameSection | null {
  const r = new Reader(bytes);
  let module: string | null = null;
  let functions = new Map<number, string>();
  const locals = new Map<number, Map<number, string>>();
  let types = new Map<number, string>();
  let tables = new Map<number, string>();
  let memories = new Map<number, string>();
  let globals = new Map<number, string>();
  let tags = new Map<number, string>();
  try {
    while (!r.eof) {
      const id = r.u8();
      const size = r.len32();
      const end = r.pos + size;
      const sub = new Reader(bytes, r.pos, end);
      switch (id) {
        case 0:
          module = sub.name();
          break;
        case 1:
          functions = nameMap(sub);
          break;
        case 2: {
          const n = sub.len32();
          for (let i = 0; i < n; i++) {
            const func = sub.u32();
            locals.set(func, nameMap(sub));
          }
          break;
        }
        case 4:
          types = nameMap(sub);
          break;
        case 5:
          tables = nameMap(sub);
          break;
        case 6:
          memories = nameMap(sub);
          break;
        case 7:
          globals = nameMap(sub);
          break;
        case 11:
          tags = nameMap(sub);
          break;
        default:
          break; // labels, fields, segments: not used yet
      }
      r.pos = end;
    }
  } catch (e) {
    if (e instanceof CompileError) return null;
    throw e;
  }
  return { module, functions, locals, types, tables, memories, globals, tags };
}
