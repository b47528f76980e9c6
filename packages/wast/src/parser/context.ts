/**
 * The state of one module under parse: its index spaces, what is known of
 * its types, and the sections being written.
 */
import { emptySections, type ModuleSections } from '../encode.js';
import type { ModuleAnnotations } from './annotations.js';
import type { Cursor } from './cursor.js';
import { Labels, Space } from './identifiers.js';
import { funcTypeKey, writeFuncType, type ValType } from './valtypes.js';

/** What the parser needs to know about a type definition. */
export interface TypeInfo {
  readonly kind: 'func' | 'struct' | 'array';
  /** Parameter and result types (function types). */
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Field names of a struct type. */
  readonly fields: ReadonlyMap<string, number>;
}

/** See {@link ModuleContext.mark}. */
export interface TypeMark {
  readonly count: number;
  readonly sectionCount: number;
  readonly sectionLength: number;
}

/** A module's parse state, shared by the field, type and instruction parsers. */
export class ModuleContext {
  readonly types = new Space('type');
  readonly funcs = new Space('function');
  readonly tables = new Space('table');
  readonly memories = new Space('memory');
  readonly globals = new Space('global');
  readonly tags = new Space('tag');
  readonly elems = new Space('elem segment');
  readonly datas = new Space('data segment');
  /** The named locals (and parameters) of each defined function with any, by function index. */
  readonly localNames = new Map<number, ReadonlyMap<string, number>>();
  /** Type definitions by index (explicit ones first, then implicit ones). */
  readonly typeInfos: TypeInfo[] = [];
  /**
   * First index of every function type defined alone in its recursion group,
   * final and without supertypes, by {@link funcTypeKey}: the types a type use
   * without `(type x)` refers to.
   */
  readonly funcTypeIndex = new Map<string, number>();
  readonly sections: ModuleSections = emptySections();
  /** Whether an instruction refers to a data segment (requires a data count section). */
  usesDataIndex = false;
  /**
   * The module's annotations that become custom sections (`@custom`, `@name`,
   * `@metadata.code.branch_hint`), or null if it has none: parsers tell it
   * where names may be given and where instructions are.
   */
  annots: ModuleAnnotations | null = null;
  /** Observer of every implicit function type request (see `InstrParser`). */
  onImplicitType: ((params: readonly ValType[], results: readonly ValType[]) => void) | null = null;

  constructor(readonly cur: Cursor) {}

  /** A point to which the implicitly defined types can be rolled back. */
  mark(): TypeMark {
    return {
      count: this.types.count,
      sectionCount: this.sections.types.count,
      sectionLength: this.sections.types.body.length,
    };
  }

  /** Forgets the implicit types defined since `mark`. */
  rollback(mark: TypeMark): void {
    for (let i = mark.count; i < this.types.count; i++) {
      const info = this.typeInfos[i]!;
      this.funcTypeIndex.delete(funcTypeKey(info.params, info.results));
    }
    this.typeInfos.length = mark.count;
    this.types.count = mark.count;
    this.sections.types.count = mark.sectionCount;
    this.sections.types.body.truncate(mark.sectionLength);
  }

  /**
   * The index of the function type `[params] -> [results]` for a type use
   * without an explicit type: the first matching type, or a new type
   * appended to the type section.
   */
  implicitFuncType(params: readonly ValType[], results: readonly ValType[]): number {
    this.onImplicitType?.(params, results);
    const key = funcTypeKey(params, results);
    const found = this.funcTypeIndex.get(key);
    if (found !== undefined) return found;
    const index = this.types.count++;
    this.typeInfos[index] = { kind: 'func', params, results, fields: new Map() };
    this.funcTypeIndex.set(key, index);
    const s = this.sections.types;
    writeFuncType(s.body, params, results);
    s.count++;
    return index;
  }
}

/** A function body's parse state: its locals and the label stack. */
export class FuncContext {
  readonly locals = new Space('local');
  readonly labels = new Labels();
  /**
   * When a branch hint annotation is in the function: for every instruction,
   * the token it starts at and its byte offset in the body (from the locals
   * declarations on), in pairs.
   */
  track: number[] | null = null;
}
