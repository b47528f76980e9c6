/**
 * The artefact `@weft/environ` hands on: a decoded, fully validated module.
 * Consumers (`@weft/jit`, `@weft/runtime`) check `interfaceVersion` against
 * {@link ENVIRON_INTERFACE_VERSION} before relying on the shape below.
 */
import type { Features } from './features.js';
import type { GlobalType, MemoryType, SubType, TableType, TagType, ValType } from './types.js';

/**
 * Version of the {@link ModuleInfo} shape. Bumped on every incompatible change
 * of this file or of the instruction encoding (op ids and immediate layouts).
 */
export const ENVIRON_INTERFACE_VERSION = 6;

/**
 * A decoded instruction sequence (a function body or a constant expression)
 * in struct-of-arrays form. Instruction `i` has op id `ops[i]` (see
 * `OPS`), immediates `imm[immStart[i] .. immStart[i + 1])` laid out as its
 * `Imm` kind documents, operand stack height `heights[i]` before it executes
 * (values above the function's locals), and byte offset `offsets[i]` in the
 * module binary. The final instruction is the `end` of the body.
 */
export interface Code {
  readonly count: number;
  readonly ops: Uint16Array;
  /** `count + 1` entries; `immStart[count]` is the pool size. */
  readonly immStart: Uint32Array;
  readonly imm: Int32Array;
  readonly heights: Uint32Array;
  readonly offsets: Uint32Array;
  /** Largest operand stack height reached. */
  readonly maxHeight: number;
}

/**
 * A validated constant expression as a flat program: for each instruction,
 * its op id, the number of its immediates, then the immediates (laid out as
 * its `Imm` kind documents). The last instruction is `end`.
 */
export type ConstExpr = Int32Array;

/** A run of `count` declared locals of one type. */
export interface LocalRun {
  readonly count: number;
  readonly type: ValType;
}

/**
 * A validated function body. Its instructions are decoded on demand with
 * `analyzeBody`, which yields the {@link Code} with stack heights, so a
 * module's bodies need not all be held decoded in memory at once.
 */
export interface FunctionBody {
  /** Index in the function index space (imports first). */
  readonly funcIndex: number;
  readonly typeIndex: number;
  /** Declared locals (after the parameters), run-length encoded as in the binary. */
  readonly locals: readonly LocalRun[];
  /** Total number of declared locals (may be large; expand with care). */
  readonly numLocals: number;
  /** Byte range of the body entry (size field included) in the module binary. */
  readonly start: number;
  readonly end: number;
  /** Byte offset of the first instruction. */
  readonly codeStart: number;
  /** Largest operand stack height the body reaches (as in its {@link Code}). */
  readonly maxHeight: number;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

export type ImportDesc =
  | {
      readonly kind: 'func';
      readonly typeIndex: number;
      /**
       * An exact import (custom descriptors): the function must have exactly
       * this type, not a subtype, and references to it are exact.
       */
      readonly exact?: boolean;
    }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: TagType };

export type Import = { readonly module: string; readonly name: string } & ImportDesc;

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

export interface TableDesc {
  readonly type: TableType;
  /** Initial value of every element (defined tables only); null means a null reference. */
  readonly init: ConstExpr | null;
}

export interface GlobalDesc {
  readonly type: GlobalType;
  /** Initializer (defined globals only). */
  readonly init: ConstExpr | null;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

export interface ElemSegment {
  readonly mode: SegmentMode;
  /** Element type. */
  readonly type: ValType;
  /** Target table (active segments). */
  readonly table: number;
  /** Offset expression (active segments). */
  readonly offset: ConstExpr | null;
  /** Function indices, for segments written in the compact function-index form. */
  readonly funcIndices: Uint32Array | null;
  /** Element expressions, for segments written with expressions. */
  readonly exprs: readonly ConstExpr[] | null;
}

export interface DataSegment {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offset: ConstExpr | null;
  /** The segment's bytes (a view into the module's own copy of the binary). */
  readonly bytes: Uint8Array;
}

export interface CustomSection {
  readonly name: string;
  /** Payload after the name (a view into the module's own copy of the binary). */
  readonly bytes: Uint8Array;
  /** Byte offset of the section's id byte. */
  readonly offset: number;
}

/** Names from the `name` custom section; absent entries are simply missing. */
export interface NameSection {
  readonly module: string | null;
  readonly functions: ReadonlyMap<number, string>;
  readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
  readonly types: ReadonlyMap<number, string>;
  readonly tables: ReadonlyMap<number, string>;
  readonly memories: ReadonlyMap<number, string>;
  readonly globals: ReadonlyMap<number, string>;
  readonly tags: ReadonlyMap<number, string>;
}

/** A decoded and validated module. */
export interface ModuleInfo {
  readonly interfaceVersion: number;
  /** The proposals the module was decoded and validated with. */
  readonly features: Features;
  /**
   * The module binary: the module's own copy, taken by `parseModule` before
   * decoding, never the caller's buffer. Bodies are decoded from it on
   * demand, and segments and custom sections are views into it, so nothing
   * may write to it.
   */
  readonly bytes: Uint8Array;
  readonly types: readonly SubType[];
  /**
   * For each type index, the smallest index of a type equivalent to it
   * (iso-recursive equality), so equal types compare equal as numbers.
   */
  readonly canonicalTypes: Int32Array;
  readonly imports: readonly Import[];
  /** Type index of every function (imported first). */
  readonly funcTypes: Uint32Array;
  readonly numImportedFuncs: number;
  readonly tables: readonly TableDesc[];
  readonly numImportedTables: number;
  readonly memories: readonly MemoryType[];
  readonly numImportedMemories: number;
  readonly globals: readonly GlobalDesc[];
  readonly numImportedGlobals: number;
  readonly tags: readonly TagType[];
  readonly numImportedTags: number;
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  readonly dataCount: number | null;
  /** Bodies of the defined functions, in function index order. */
  readonly bodies: readonly FunctionBody[];
  readonly customSections: readonly CustomSection[];
  readonly names: NameSection;
  /** Functions referenced outside bodies: the ones `ref.func` in a body may name. */
  readonly declaredFuncs: ReadonlySet<number>;
}
