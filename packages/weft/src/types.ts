/** The type classes of the API: value, function, memory, table, global and tag types. */
import {
  ANYREF,
  ARRAYREF,
  EQREF,
  EXNREF,
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  I31REF,
  I32,
  I64,
  NULLEXNREF,
  NULLEXTERNREF,
  NULLFUNCREF,
  NULLREF,
  STRUCTREF,
  V128,
  valTypeToString,
  type Limits,
  type MemoryType as EnvironMemoryType,
  type ValType as ValTypeCode,
} from '@weft/environ';

/** The bottom reference types, named as the text format abbreviates them. */
const NULL_NAMES: Readonly<Record<string, string>> = {
  noneref: 'nullref',
  nofuncref: 'nullfuncref',
  noexternref: 'nullexternref',
  noexnref: 'nullexnref',
};

/**
 * @internal A value type as the text format spells it (`i32`, `funcref`,
 * `nullref`, `(ref null 3)`); concrete heap types as their type ids.
 */
export function valTypeName(code: ValTypeCode): string {
  const name = valTypeToString(code);
  return NULL_NAMES[name] ?? name;
}

/**
 * A value type. Construct with the static factories (`ValType.i32()`, ...).
 * Concrete reference types (`(ref $t)`) appear in types read from modules.
 */
export class ValType {
  /** @internal The encoded type; concrete heap types are engine-wide type ids. */
  readonly code: ValTypeCode;

  private constructor(code: ValTypeCode) {
    this.code = code;
  }

  /** @internal The value type of an encoded type (concrete heap types as engine-wide ids). */
  static of(code: ValTypeCode): ValType {
    return new ValType(code);
  }

  /** `i32`: 32-bit integers (JS numbers). */
  static i32(): ValType {
    return new ValType(I32);
  }
  /** `i64`: 64-bit integers (JS bigints). */
  static i64(): ValType {
    return new ValType(I64);
  }
  /** `f32`: 32-bit floats. */
  static f32(): ValType {
    return new ValType(F32);
  }
  /** `f64`: 64-bit floats. */
  static f64(): ValType {
    return new ValType(F64);
  }
  /** `v128`: 128-bit SIMD vectors (`V128`). */
  static v128(): ValType {
    return new ValType(V128);
  }
  /** `funcref`: nullable references to functions (`Func` or `null`). */
  static funcref(): ValType {
    return new ValType(FUNCREF);
  }
  /** `externref`: nullable references to any host (JS) value. */
  static externref(): ValType {
    return new ValType(EXTERNREF);
  }
  /** `anyref`: nullable references to anything wasm GC or the host makes. */
  static anyref(): ValType {
    return new ValType(ANYREF);
  }
  /** `eqref`: nullable references comparable with `ref.eq` (structs, arrays, i31s). */
  static eqref(): ValType {
    return new ValType(EQREF);
  }
  /** `i31ref`: nullable references to 31-bit integers. */
  static i31ref(): ValType {
    return new ValType(I31REF);
  }
  /** `structref`: nullable references to wasm GC structs. */
  static structref(): ValType {
    return new ValType(STRUCTREF);
  }
  /** `arrayref`: nullable references to wasm GC arrays. */
  static arrayref(): ValType {
    return new ValType(ARRAYREF);
  }
  /** `exnref`: nullable references to wasm exceptions (`WasmException`). */
  static exnref(): ValType {
    return new ValType(EXNREF);
  }
  /** `nullref` (`(ref null none)`): only `null`, the bottom of `anyref`. */
  static nullref(): ValType {
    return new ValType(NULLREF);
  }
  /** `nullfuncref` (`(ref null nofunc)`): only `null`, the bottom of `funcref`. */
  static nullfuncref(): ValType {
    return new ValType(NULLFUNCREF);
  }
  /** `nullexternref` (`(ref null noextern)`): only `null`, the bottom of `externref`. */
  static nullexternref(): ValType {
    return new ValType(NULLEXTERNREF);
  }
  /** `nullexnref` (`(ref null noexn)`): only `null`, the bottom of `exnref`. */
  static nullexnref(): ValType {
    return new ValType(NULLEXNREF);
  }

  /** The type named as in the text format (`i32`, `funcref`, `(ref null 3)`, ...). */
  static parse(name: string): ValType {
    for (const make of [
      ValType.i32,
      ValType.i64,
      ValType.f32,
      ValType.f64,
      ValType.v128,
      ValType.funcref,
      ValType.externref,
      ValType.anyref,
      ValType.eqref,
      ValType.i31ref,
      ValType.structref,
      ValType.arrayref,
      ValType.exnref,
      ValType.nullref,
      ValType.nullfuncref,
      ValType.nullexternref,
      ValType.nullexnref,
    ]) {
      const t = make();
      if (t.toString() === name) return t;
    }
    throw new TypeError(`unknown value type ${name}`);
  }

  /** Whether `other` is the same type (concrete types: the same engine-wide type id). */
  equals(other: ValType): boolean {
    return this.code === other.code;
  }

  /** The type as the text format spells it (`i32`, `funcref`, `(ref null 3)`, ...). */
  toString(): string {
    return valTypeName(this.code);
  }
}

function types(ts: readonly ValTypeCode[]): ValType[] {
  return ts.map((t) => ValType.of(t));
}

/** A function type: its parameter and result types. */
export class FuncType {
  /** The parameter types, in order. */
  readonly params: readonly ValType[];
  /** The result types, in order. */
  readonly results: readonly ValType[];

  /** @throws {TypeError} naming the parameter or result that is not a `ValType`. */
  constructor(params: readonly ValType[], results: readonly ValType[]) {
    this.params = checkTypes('param', params);
    this.results = checkTypes('result', results);
  }

  /** @internal */
  static fromCodes(params: readonly ValTypeCode[], results: readonly ValTypeCode[]): FuncType {
    return new FuncType(types(params), types(results));
  }

  /** The type in the text format: `(func (param i32) (result i64))`. */
  toString(): string {
    return `(func (param ${this.params.join(' ')}) (result ${this.results.join(' ')}))`;
  }
}

function checkTypes(what: string, list: readonly ValType[]): ValType[] {
  if (!Array.isArray(list))
    throw new TypeError(`FuncType: the ${what}s must be an array of ValType`);
  list.forEach((t, i) => {
    if (!(t instanceof ValType)) {
      const hint =
        typeof t === 'function' ? ` (call it: ValType.${(t as { name: string }).name}())` : '';
      throw new TypeError(`FuncType: ${what} ${i} must be a ValType, got ${typeof t}${hint}`);
    }
  });
  return list.slice();
}

/**
 * A memory type: limits in pages, whether addresses are 64-bit, the page
 * size, and whether the memory is shared between threads (threads; a
 * shared memory needs a maximum).
 */
export class MemoryType {
  /**
   * Limits count pages of `pageSize` bytes: 65536, or 1 (custom page sizes,
   * Wasmtime's `MemoryType::page_size`; a module must enable the proposal
   * to declare or import such a memory).
   */
  constructor(
    /** The minimum size, in pages. */
    readonly minimum: number,
    /** The maximum size in pages, or `null` for none. */
    readonly maximum: number | null = null,
    /** Whether addresses are 64-bit (memory64). */
    readonly is64 = false,
    /** The page size in bytes: 65536, or 1 with custom page sizes. */
    readonly pageSize = 65536,
    /** Whether the memory is shared between threads. */
    readonly shared = false,
  ) {
    if (pageSize !== 65536 && pageSize !== 1) {
      throw new RangeError(`MemoryType: the page size must be 1 or 65536, got ${pageSize}`);
    }
  }

  /** A shared memory type, as Wasmtime's `MemoryType::shared`. */
  static shared(minimum: number, maximum: number, is64 = false): MemoryType {
    return new MemoryType(minimum, maximum, is64, 65536, true);
  }

  /** @internal */
  get limits(): Limits {
    return { min: this.minimum, max: this.maximum };
  }

  /** @internal The environ memory type. */
  get inner(): EnvironMemoryType {
    const base = { limits: this.limits, is64: this.is64, shared: this.shared };
    return this.pageSize === 65536 ? base : { ...base, pageSizeLog2: 0 };
  }
}

/** A table type: its element type and limits in elements. */
export class TableType {
  constructor(
    /** The type of the elements (a reference type). */
    readonly element: ValType,
    /** The minimum size, in elements. */
    readonly minimum: number,
    /** The maximum size in elements, or `null` for none. */
    readonly maximum: number | null = null,
    /** Whether indices are 64-bit (table64). */
    readonly is64 = false,
  ) {}

  /** @internal */
  get limits(): Limits {
    return { min: this.minimum, max: this.maximum };
  }
}

/** A global type: its value type and mutability. */
export class GlobalType {
  constructor(
    /** The type of the value. */
    readonly content: ValType,
    /** Whether the global may be set. */
    readonly mutable: boolean,
  ) {}
}

/** An exception tag type: the types of the values an exception of the tag carries. */
export class TagType {
  constructor(
    /** The types of the exception's values. */
    readonly params: readonly ValType[],
  ) {}
}

/** The type of any importable or exportable item. */
export type ExternType = FuncType | MemoryType | TableType | GlobalType | TagType;

/** An import a module declares. */
export interface ImportType {
  /** The module name, the first of the import's two names. */
  readonly module: string;
  /** The item name, the second of the import's two names. */
  readonly name: string;
  /** The type the import must have. */
  readonly type: ExternType;
}

/** An export a module declares. */
export interface ExportType {
  /** The export's name. */
  readonly name: string;
  /** The exported item's type. */
  readonly type: ExternType;
}
