/** Module: a validated, compiled module, ready to instantiate in any store of its engine. */
import {
  pageSize,
  parseModule,
  type ImportDesc,
  type ModuleInfo,
  type ValType as ValTypeCode,
} from '@weft/environ';
import { compileModule } from '@weft/jit';
import { globalizeType, type CompiledCode } from '@weft/runtime';
import { Engine } from './engine.js';
import { describeValue } from './values.js';
import {
  FuncType,
  GlobalType,
  MemoryType,
  TableType,
  TagType,
  ValType,
  type ExportType,
  type ExternType,
  type ImportType,
} from './types.js';

/** A compiled module. Construction decodes and validates it completely. */
export class Module {
  /** The engine the module was compiled for; it instantiates in that engine's stores. */
  readonly engine: Engine;
  /** @internal */
  readonly info: ModuleInfo;
  /** @internal */
  readonly compiled: CompiledCode;
  /** Engine-wide type id of each type index, once the types are registered. */
  private typeIds: Int32Array | null = null;

  /**
   * Compiles a module from its binary, or from WebAssembly text when the
   * engine has a text parser (`Config.textParser`). The module keeps its own copy of the binary, taken
   * before decoding starts: changing `source` during or after the call
   * changes nothing about the module (function bodies are compiled lazily,
   * but from that copy).
   *
   * @throws {CompileError} with the spec's message and byte offset.
   * @throws {TypeError} if `engine` is not an `Engine`, `source` is not a
   *   `Uint8Array`, `ArrayBuffer` or string, or it is text and the engine
   *   has no text parser (`Config.textParser`).
   */
  constructor(engine: Engine, source: Uint8Array | ArrayBuffer | string) {
    if (!(engine instanceof Engine))
      throw new TypeError(
        `new Module(engine, source): engine must be an Engine, got ${describeValue(engine)}`,
      );
    this.engine = engine;
    this.info = parseModule(toBinary(engine, source, 'new Module'), {
      features: engine.config.features,
    });
    this.compiled = compileModule(this.info, engine.compileOptions);
  }

  /**
   * Validates a module without compiling it (a copy of the bytes as they are
   * when called, as `new Module` does).
   *
   * @throws {CompileError} if it is malformed or invalid.
   */
  static validate(engine: Engine, source: Uint8Array | ArrayBuffer | string): void {
    if (!(engine instanceof Engine))
      throw new TypeError(
        `Module.validate(engine, source): engine must be an Engine, got ${describeValue(engine)}`,
      );
    parseModule(toBinary(engine, source, 'Module.validate'), { features: engine.config.features });
  }

  /** The module's name from its name section, if any. */
  get name(): string | null {
    return this.info.names.module;
  }

  /** The module's imports, in order, with their types. */
  get imports(): ImportType[] {
    return this.info.imports.map((i) => ({
      module: i.module,
      name: i.name,
      type: this.externType(i),
    }));
  }

  /** The module's exports, in order, with their types. */
  get exports(): ExportType[] {
    const m = this.info;
    return m.exports.map((e) => {
      let desc: ImportDesc;
      switch (e.kind) {
        case 'func':
          desc = { kind: 'func', typeIndex: m.funcTypes[e.index]! };
          break;
        case 'table':
          desc = { kind: 'table', type: m.tables[e.index]!.type };
          break;
        case 'memory':
          desc = { kind: 'memory', type: m.memories[e.index]! };
          break;
        case 'global':
          desc = { kind: 'global', type: m.globals[e.index]!.type };
          break;
        case 'tag':
          desc = { kind: 'tag', type: m.tags[e.index]! };
          break;
      }
      return { name: e.name, type: this.externType(desc) };
    });
  }

  /**
   * Import and export types use engine-wide type ids for concrete heap
   * types, as every other API type does, so they can type host functions,
   * globals and tables that this module's instances accept.
   */
  private externType(desc: ImportDesc): ExternType {
    const ids = (this.typeIds ??= this.engine.registry.canonicalize(this.info));
    const vt = (t: ValTypeCode) => ValType.of(globalizeType(t, ids));
    switch (desc.kind) {
      case 'func': {
        const ft = this.info.types[desc.typeIndex]!.comp;
        if (ft.kind !== 'func') throw new Error('function of non-function type');
        return new FuncType(ft.params.map(vt), ft.results.map(vt));
      }
      case 'table':
        return new TableType(
          vt(desc.type.element),
          desc.type.limits.min,
          desc.type.limits.max,
          desc.type.is64,
        );
      case 'memory':
        return new MemoryType(
          desc.type.limits.min,
          desc.type.limits.max,
          desc.type.is64,
          pageSize(desc.type),
          desc.type.shared,
        );
      case 'global':
        return new GlobalType(vt(desc.type.type), desc.type.mutable);
      case 'tag': {
        const ft = this.info.types[desc.type.typeIndex]!.comp;
        return new TagType(ft.kind === 'func' ? ft.params.map(vt) : []);
      }
    }
  }
}

/** What a module's source may be. */
const SOURCES = 'a Uint8Array or ArrayBuffer of its bytes, or its text (a string)';

/** A wrong source, described with what to do about it. */
function describeSource(v: unknown): string {
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name;
    const a = /^[AEIOU]/.test(name) ? 'an' : 'a';
    return `${a} ${name} (view its bytes: new Uint8Array(x.buffer, x.byteOffset, x.byteLength))`;
  }
  if (typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function')
    return 'a Promise (await it first)';
  const name = (v as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (name === 'Response' || name === 'Blob')
    return `a ${name} (read it first: new Uint8Array(await x.arrayBuffer()))`;
  return describeValue(v);
}

function isSharedBuffer(v: unknown): v is SharedArrayBuffer {
  return typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer;
}

/** The binary of `source`: text goes through the engine's text parser. */
function toBinary(
  engine: Engine,
  source: Uint8Array | ArrayBuffer | string,
  where: string,
): Uint8Array {
  if (typeof source === 'string') {
    const parse = engine.config.textParser;
    if (parse === null) {
      throw new TypeError(
        `${where}: the source is text, and the engine has no text parser: create it with new Config({ textParser: parseWat }) (parseWat from @weft/wast)`,
      );
    }
    return parse(source);
  }
  // No copy here: parseModule copies whatever it is given, once.
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer || isSharedBuffer(source)) return new Uint8Array(source);
  throw new TypeError(`a module's source must be ${SOURCES}, got ${describeSource(source)}`);
}
