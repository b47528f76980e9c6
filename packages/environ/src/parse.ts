/**
 * `parseModule`: decode and validate a module binary in one pass.
 *
 * Errors are reported the way the reference interpreter reports them: any
 * decoding error wins over any validation error, and validation errors come
 * in the order the reference validates (types, imports, tags, functions,
 * memories, tables, globals, data, elements, bodies, start, exports), even
 * though the binary presents sections in a different order. Function bodies
 * are validated while the code section is read, as soon as everything they
 * depend on is known to be valid.
 */
import { CompileError, invalid, malformed } from './errors.js';
import { Reader } from './binary/reader.js';
import { LazyDatas } from './datas.js';
import { decodeNames } from './binary/names.js';
import { decodeSections, type RawBody, type RawModule } from './binary/sections.js';
import { resolveFeatures, WASM3_FEATURES, type Features } from './features.js';
import { valSub } from './match.js';
import {
  ENVIRON_INTERFACE_VERSION,
  type ConstExpr,
  type ElemSegment,
  type FunctionBody,
  type GlobalDesc,
  type ModuleInfo,
  type NameSection,
  type TableDesc,
} from './module.js';
import {
  I32,
  I64,
  heapOf,
  isNullable,
  isRef,
  refType,
  valTypeToString,
  type FuncType,
  type GlobalType,
  type Limits,
  type MemoryType,
  type SubType,
  type TableType,
  type TagType,
  type ValType,
} from './types.js';
import { CodeValidator, isValidationError } from './valid/code.js';
import type { ValidationContext } from './valid/context.js';
import { SimpleConst } from './binary/simple-const.js';
import { validateTypes } from './valid/types.js';

/** Validation phases in the reference interpreter's order; earlier errors win. */
const enum Phase {
  Types,
  Imports,
  Tags,
  Funcs,
  Memories,
  Tables,
  Globals,
  Datas,
  Elems,
  Bodies,
  Start,
  Exports,
}

const EMPTY_NAMES: NameSection = {
  module: null,
  functions: new Map(),
  locals: new Map(),
  types: new Map(),
  tables: new Map(),
  memories: new Map(),
  globals: new Map(),
  tags: new Map(),
};

interface MutableContext extends ValidationContext {
  types: SubType[];
  canon: Int32Array;
  funcTypes: Uint32Array;
  tables: TableType[];
  memories: MemoryType[];
  globals: GlobalType[];
  tags: TagType[];
  elemTypes: ValType[];
  dataCount: number;
  declaredFuncs: Set<number>;
  inexactFuncs: Set<number>;
  features: Features;
}

class ModuleParser {
  readonly code = new CodeValidator();
  private readonly simple = new SimpleConst();
  /** First validation error of each phase. */
  // Sized up front: `clear` runs per body, and reads past an array's end are slow.
  private errors = new Array<CompileError | undefined>(Phase.Exports + 1).fill(undefined);
  private ctx: MutableContext = {
    types: [],
    canon: new Int32Array(0),
    funcTypes: new Uint32Array(0),
    tables: [],
    memories: [],
    globals: [],
    tags: [],
    elemTypes: [],
    dataCount: -1,
    declaredFuncs: new Set(),
    inexactFuncs: new Set(),
    features: WASM3_FEATURES,
  };
  private earlyDone = false;
  private usesDataIndex = false;
  private readonly bodies: FunctionBody[] = [];
  /** Functions named by `ref.func` in constant expressions. */
  private readonly constRefs = new Set<number>();
  // Validated constant expressions, kept for the artefact.
  private readonly tableInits: (ConstExpr | null)[] = [];
  private readonly globalInits: ConstExpr[] = [];
  private readonly elemOffsets: (ConstExpr | null)[] = [];
  private readonly elemExprs: (ConstExpr[] | null)[] = [];
  /** Offset programs of the data segments whose offset is not simple (see `checkOffset`). */
  private readonly dataOffsets = new Map<number, ConstExpr>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly features: Features,
  ) {
    this.ctx.features = features;
  }

  /** True if no phase before `phase` has failed. */
  private clear(phase: Phase): boolean {
    for (let p = 0; p < phase; p++) if (this.errors[p] !== undefined) return false;
    return true;
  }

  /** Runs a validation phase, recording its error instead of throwing. */
  private phase(phase: Phase, check: () => void): void {
    if (!this.clear(phase)) return;
    try {
      check();
    } catch (e) {
      if (!isValidationError(e)) throw e;
      this.errors[phase] = e;
    }
  }

  parse(): ModuleInfo {
    const raw = decodeSections(
      this.bytes,
      {
        constExpr: (r) => {
          const at = r.pos;
          if (this.simple.read(r.bytes, at, r.end)) {
            r.pos = this.simple.next;
            return at;
          }
          this.code.skip(r, this.ctx);
          for (const f of this.code.refFuncs) this.constRefs.add(f);
          return at;
        },
        beforeCode: (m) => this.validateBeforeCode(m),
        body: (r, m, index, body) => this.body(r, m, index, body),
      },
      this.features,
    );
    if (raw.dataCount === null && this.usesDataIndex) {
      malformed(this.bytes.length, 'data count section required');
    }
    this.phase(Phase.Datas, () => this.validateDatas(raw));
    this.phase(Phase.Start, () => this.validateStart(raw));
    this.phase(Phase.Exports, () => this.validateExports(raw));
    const first = this.errors.find((e) => e !== undefined);
    if (first !== undefined) throw first;
    return this.build(raw);
  }

  // ---------------------------------------------------------------------------
  // Phases that precede the code section.

  private validateBeforeCode(m: RawModule): void {
    if (this.earlyDone) return;
    this.earlyDone = true;
    this.ctx.dataCount = m.dataCount ?? -1;
    this.phase(Phase.Types, () => {
      const { types, canon } = validateTypes(m.types);
      this.ctx.types = types;
      this.ctx.canon = canon;
    });
    this.phase(Phase.Imports, () => this.validateImports(m));
    this.phase(Phase.Tags, () => {
      for (const tag of m.tags) this.checkTag(tag.type.typeIndex, tag.offset);
      this.ctx.tags = [...this.ctx.tags, ...m.tags.map((t) => t.type)];
    });
    this.phase(Phase.Funcs, () => {
      const funcTypes = [...this.ctx.funcTypes];
      for (const x of m.functions) {
        this.funcType(x, m.functionsOffset);
        funcTypes.push(x);
      }
      this.ctx.funcTypes = Uint32Array.from(funcTypes);
      this.ctx.declaredFuncs = this.declaredFuncs(m);
    });
    this.phase(Phase.Memories, () => {
      for (const mem of m.memories) this.checkMemoryType(mem.type, mem.offset);
      this.ctx.memories = [...this.ctx.memories, ...m.memories.map((x) => x.type)];
    });
    this.phase(Phase.Tables, () => {
      const importedGlobals = this.ctx.globals;
      for (const table of m.tables) {
        this.checkTableType(table.type, table.offset);
        const element = table.type.element;
        if (table.init !== null) {
          this.tableInits.push(this.checkConst(table.init, element, importedGlobals));
        } else if (!isNullable(element)) {
          // The implicit initializer is `ref.null`, which a non-nullable table rejects.
          const implicit = refType(heapOf(element), true);
          invalid(
            table.offset,
            `type mismatch: instruction requires [${valTypeToString(element)}] but stack has [${valTypeToString(implicit)}]`,
          );
        } else {
          this.tableInits.push(null);
        }
        this.ctx.tables.push(table.type);
      }
    });
    this.phase(Phase.Globals, () => {
      // Each initializer sees the globals before it (one growing list, not a copy per global).
      const visible = this.ctx.globals.slice();
      for (const g of m.globals) {
        this.valType(g.type.type, g.offset);
        this.globalInits.push(this.checkConst(g.init, g.type.type, visible));
        visible.push(g.type);
        this.ctx.globals.push(g.type);
      }
    });
    this.phase(Phase.Elems, () => this.validateElems(m));
  }

  private funcType(x: number, at: number): FuncType {
    const t = this.ctx.types[x];
    if (t === undefined) invalid(at, `unknown type ${x}`);
    if (t.comp.kind !== 'func') invalid(at, `type mismatch: non-function type ${x}`);
    return t.comp;
  }

  private valType(t: ValType, at: number): void {
    if (isRef(t)) {
      const h = heapOf(t);
      if (h >= 0 && h >= this.ctx.types.length) invalid(at, `unknown type ${h}`);
    }
  }

  private checkTag(typeIndex: number, at: number): void {
    const ft = this.funcType(typeIndex, at);
    if (ft.results.length > 0) invalid(at, 'non-empty tag result type');
  }

  private checkLimits(limits: Limits, range: number, message: string, at: number): void {
    if (limits.min > range) invalid(at, message);
    if (limits.max !== null) {
      if (limits.max > range) invalid(at, message);
      if (limits.min > limits.max) invalid(at, 'size minimum must not be greater than maximum');
    }
  }

  private checkMemoryType(t: MemoryType, at: number): void {
    const log2 = t.pageSizeLog2;
    if (log2 !== undefined) {
      // Custom page sizes: 1 byte or 64 KiB; with 1-byte pages, limits count bytes.
      if (log2 !== 0 && log2 !== 16) invalid(at, 'invalid custom page size');
      if (log2 === 0) {
        if (t.is64)
          this.checkLimits(
            t.limits,
            2 ** 64 - 1,
            'memory size must be at most 2^64 - 1 bytes for i64',
            at,
          );
        else
          this.checkLimits(
            t.limits,
            2 ** 32 - 1,
            'memory size must be at most 2^32 - 1 bytes for i32',
            at,
          );
        return;
      }
    }
    if (t.is64)
      this.checkLimits(
        t.limits,
        2 ** 48,
        'memory size must be at most 2^48 pages (256 TiB) for i64',
        at,
      );
    else
      this.checkLimits(
        t.limits,
        65536,
        'memory size must be at most 2^16 pages (4 GiB) for i32',
        at,
      );
    if (t.shared && t.limits.max === null) invalid(at, 'shared memory must have maximum');
  }

  private checkTableType(t: TableType, at: number): void {
    this.valType(t.element, at);
    if (t.is64)
      this.checkLimits(t.limits, 2 ** 64 - 1, 'table size must be at most 2^64-1 for i64', at);
    else this.checkLimits(t.limits, 2 ** 32 - 1, 'table size must be at most 2^32-1 for i32', at);
  }

  private validateImports(m: RawModule): void {
    const funcTypes: number[] = [];
    for (const { import: imp, offset } of m.imports) {
      switch (imp.kind) {
        case 'func':
          this.funcType(imp.typeIndex, offset);
          if (imp.exact !== true) this.ctx.inexactFuncs.add(funcTypes.length);
          funcTypes.push(imp.typeIndex);
          break;
        case 'table':
          this.checkTableType(imp.type, offset);
          this.ctx.tables.push(imp.type);
          break;
        case 'memory':
          this.checkMemoryType(imp.type, offset);
          this.ctx.memories.push(imp.type);
          break;
        case 'global':
          this.valType(imp.type.type, offset);
          this.ctx.globals.push(imp.type);
          break;
        case 'tag':
          this.checkTag(imp.type.typeIndex, offset);
          this.ctx.tags.push(imp.type);
          break;
      }
    }
    this.ctx.funcTypes = Uint32Array.from(funcTypes);
  }

  /** Functions referenced outside function bodies, which `ref.func` in bodies may name. */
  private declaredFuncs(m: RawModule): Set<number> {
    const refs = new Set(this.constRefs);
    for (const e of m.elems) {
      if (e.funcIndices !== null) for (const f of e.funcIndices) refs.add(f);
    }
    for (const x of m.exports) if (x.kind === 'func') refs.add(x.index);
    return refs;
  }

  /**
   * Validates the constant expression at byte offset `at`: every instruction
   * must be constant (checked first, as the reference does), then it must
   * type as `[t]`.
   */
  private checkConst(at: number, t: ValType, globals: readonly GlobalType[]): ConstExpr {
    if (this.simple.read(this.bytes, at, this.bytes.length) && this.simple.type === t) {
      return this.simple.program();
    }
    const ctx = globals === this.ctx.globals ? this.ctx : { ...this.ctx, globals };
    const end = this.bytes.length;
    this.code.checkConstant(new Reader(this.bytes, at, end, this.features), ctx, globals);
    return this.code.analyzeConst(new Reader(this.bytes, at, end, this.features), ctx, t);
  }

  private validateElems(m: RawModule): void {
    const ctx = this.ctx;
    for (const e of m.elems) {
      this.valType(e.type, e.at);
      if (e.funcIndices !== null) {
        for (const f of e.funcIndices) {
          if (f >= ctx.funcTypes.length) invalid(e.at, `unknown function ${f}`);
        }
      }
      this.elemExprs.push(e.exprs && e.exprs.map((x) => this.checkConst(x, e.type, ctx.globals)));
      this.elemOffsets.push(null);
      if (e.mode === 'active') {
        const table = ctx.tables[e.table];
        if (table === undefined) invalid(e.at, `unknown table ${e.table}`);
        if (!valSub(ctx, e.type, table.element)) {
          invalid(
            e.at,
            `type mismatch: element segment's type ${valTypeToString(e.type)} does not match table's element type ${valTypeToString(table.element)}`,
          );
        }
        this.elemOffsets[this.elemOffsets.length - 1] = this.checkConst(
          e.offset!,
          table.is64 ? I64 : I32,
          ctx.globals,
        );
      }
      ctx.elemTypes.push(e.type);
    }
  }

  // ---------------------------------------------------------------------------
  // Bodies.

  private body(r: Reader, m: RawModule, index: number, body: RawBody): void {
    const funcIndex = this.ctx.funcTypes.length - m.functions.length + index;
    const typeIndex = m.functions[index];
    const validating =
      typeIndex !== undefined &&
      this.clear(Phase.Datas) &&
      this.errors[Phase.Elems] === undefined &&
      this.errors[Phase.Bodies] === undefined;
    if (validating) {
      const ft = this.ctx.types[typeIndex]!.comp as FuncType;
      try {
        const runs = body.locals;
        for (let i = 0; i < runs.length; i++) this.valType(runs[i]!.type, body.codeStart);
        this.code.validate(r, this.ctx, ft.results, {
          params: ft.params,
          runs: body.locals,
          numDeclared: body.numLocals,
        });
        this.usesDataIndex ||= this.code.usesDataIndex;
        this.bodies.push({
          funcIndex,
          typeIndex,
          locals: body.locals,
          numLocals: body.numLocals,
          start: body.start,
          end: body.end,
          codeStart: body.codeStart,
          maxHeight: this.code.height,
        });
        return;
      } catch (e) {
        if (!isValidationError(e)) throw e;
        this.errors[Phase.Bodies] = e;
        r.pos = body.codeStart;
      }
    }
    this.code.skip(r, this.ctx);
    this.usesDataIndex ||= this.code.usesDataIndex;
  }

  // ---------------------------------------------------------------------------
  // Phases after the code section.

  private validateDatas(m: RawModule): void {
    const d = m.datas;
    for (let i = 0; i < d.count; i++) {
      if (d.passive[i]) continue;
      const memory = d.memory[i]!;
      const mem = this.ctx.memories[memory];
      if (mem === undefined) invalid(d.at[i]!, `unknown memory ${memory}`);
      const t = mem.is64 ? I64 : I32;
      // A simple offset of the right type is valid; its program is built if asked for (datas.ts).
      if (d.simple[i] === t) continue;
      this.dataOffsets.set(i, this.checkConst(d.offset[i]!, t, this.ctx.globals));
    }
  }

  private validateStart(m: RawModule): void {
    if (m.start === null) return;
    const f = m.start.func;
    if (f >= this.ctx.funcTypes.length) invalid(m.start.offset, `unknown function ${f}`);
    const ft = this.ctx.types[this.ctx.funcTypes[f]!]!.comp as FuncType;
    if (ft.params.length > 0 || ft.results.length > 0) {
      invalid(m.start.offset, 'start function must not have parameters or results');
    }
  }

  private validateExports(m: RawModule): void {
    const ctx = this.ctx;
    const limits = {
      func: ctx.funcTypes.length,
      table: ctx.tables.length,
      memory: ctx.memories.length,
      global: ctx.globals.length,
      tag: ctx.tags.length,
    };
    const category = {
      func: 'function',
      table: 'table',
      memory: 'memory',
      global: 'global',
      tag: 'tag',
    };
    // As in the reference, each export is checked in turn: its index, then its name.
    const names = new Set<string>();
    for (const x of m.exports) {
      if (x.index >= limits[x.kind]) invalid(x.offset, `unknown ${category[x.kind]} ${x.index}`);
      if (names.has(x.name)) invalid(x.offset, `duplicate export name "${x.name}"`);
      names.add(x.name);
    }
  }

  // ---------------------------------------------------------------------------

  private build(m: RawModule): ModuleInfo {
    const ctx = this.ctx;
    // Imports of each kind, counted once (not per table or global).
    const counts = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
    for (const i of m.imports) counts[i.import.kind]++;
    const imported = (kind: keyof typeof counts) => counts[kind];
    const tables: TableDesc[] = ctx.tables.map((type, i) => {
      const defined = i - imported('table');
      return { type, init: defined >= 0 ? this.tableInits[defined]! : null };
    });
    const globals: GlobalDesc[] = ctx.globals.map((type, i) => {
      const defined = i - imported('global');
      return { type, init: defined >= 0 ? this.globalInits[defined]! : null };
    });
    const elems: ElemSegment[] = m.elems.map((e, i) => ({
      mode: e.mode,
      type: e.type,
      table: e.table,
      offset: this.elemOffsets[i]!,
      funcIndices: e.funcIndices,
      exprs: this.elemExprs[i]!,
    }));
    const datas = new LazyDatas(m.datas, this.bytes, this.dataOffsets);
    let names = EMPTY_NAMES;
    for (const c of m.customs) {
      if (c.name === 'name') names = decodeNames(c.bytes) ?? EMPTY_NAMES;
    }
    return {
      interfaceVersion: ENVIRON_INTERFACE_VERSION,
      features: this.features,
      bytes: this.bytes,
      types: ctx.types,
      canonicalTypes: ctx.canon,
      imports: m.imports.map((i) => i.import),
      funcTypes: ctx.funcTypes,
      numImportedFuncs: imported('func'),
      tables,
      numImportedTables: imported('table'),
      memories: ctx.memories,
      numImportedMemories: imported('memory'),
      globals,
      numImportedGlobals: imported('global'),
      tags: ctx.tags,
      numImportedTags: imported('tag'),
      exports: m.exports.map(({ name, kind, index }) => ({ name, kind, index })),
      start: m.start?.func ?? null,
      elems,
      get datas() {
        return datas.get();
      },
      dataCount: m.dataCount,
      bodies: this.bodies,
      customSections: m.customs,
      names,
      declaredFuncs: ctx.declaredFuncs,
    };
  }
}

/**
 * Decodes and fully validates a module binary.
 *
 * The module owns what it validated: `bytes` is copied once, before
 * decoding starts, and everything in the result that refers to bytes (the
 * binary, function bodies, data segments, custom sections, names) refers to
 * that private copy, never to the caller's buffer. Changing `bytes` during
 * or after the call (another thread writing a `SharedArrayBuffer`, a
 * `Uint8Array` subclass running code, an embedder reusing its buffer) can
 * neither invalidate validated code nor change what the module contains.
 *
 * @throws {CompileError} with the reference interpreter's message and the
 *   byte offset, for malformed or invalid modules.
 */
export function parseModule(bytes: Uint8Array, options: ParseOptions = {}): ModuleInfo {
  // A plain Uint8Array over a fresh ArrayBuffer: no subclass methods, no shared memory.
  return new ModuleParser(new Uint8Array(bytes), resolveFeatures(options.features)).parse();
}

/** Options of {@link parseModule}. */
export interface ParseOptions {
  /** Proposals beyond WebAssembly 3.0 to accept (all off by default). */
  readonly features?: Partial<Features>;
}

/**
 * Validates a module binary, throwing {@link CompileError} if it is
 * malformed or invalid. Like `parseModule`, it validates a copy taken
 * before decoding starts.
 */
export function validateModule(bytes: Uint8Array, options: ParseOptions = {}): void {
  parseModule(bytes, options);
}
