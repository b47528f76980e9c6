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

  /** @internal */
  constructor(code: ValTypeCode) {
    this.code = code;
  }

  static i32(): ValType {
    return new ValType(I32);
  }
  static i64(): ValType {
    return new ValType(I64);
  }
  static f32(): ValType {
    return new ValType(F32);
  }
  static f64(): ValType {
    return new ValType(F64);
  }
  static v128(): ValType {
    return new ValType(V128);
  }
  static funcref(): ValType {
    return new ValType(FUNCREF);
  }
  static externref(): ValType {
    return new ValType(EXTERNREF);
  }
  static anyref(): ValType {
    return new ValType(ANYREF);
  }
  static eqref(): ValType {
    return new ValType(EQREF);
  }
  static i31ref(): ValType {
    return new ValType(I31REF);
  }
  static structref(): ValType {
    return new ValType(STRUCTREF);
  }
  static arrayref(): ValType {
    return new ValType(ARRAYREF);
  }
  static exnref(): ValType {
    return new ValType(EXNREF);
  }
  static nullref(): ValType {
    return new ValType(NULLREF);
  }
  static nullfuncref(): ValType {
    return new ValType(NULLFUNCREF);
  }
  static nullexternref(): ValType {
    return new ValType(NULLEXTERNREF);
  }
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

  equals(other: ValType): boolean {
    return this.code === other.code;
  }

  toString(): string {
    return valTypeName(this.code);
  }
}

function types(ts: readonly ValTypeCode[]): ValType[] {
  return ts.map((t) => new ValType(t));
}

export class FuncType {
  readonly params: readonly ValType[];
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
    readonly minimum: number,
    readonly maximum: number | null = null,
    readonly is64 = false,
    readonly pageSize = 65536,
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

export class TableType {
  constructor(
    readonly element: ValType,
    readonly minimum: number,
    readonly maximum: number | null = null,
    readonly is64 = false,
  ) {}

  /** @internal */
  get limits(): Limits {
    return { min: this.minimum, max: this.maximum };
  }
}

export class GlobalType {
  constructor(
    readonly content: ValType,
    readonly mutable: boolean,
  ) {}
}

export class TagType {
  constructor(readonly params: readonly ValType[]) {}
}

export type ExternType = FuncType | MemoryType | TableType | GlobalType | TagType;

/** An import a module declares. */
export interface ImportType {
  readonly module: string;
  readonly name: string;
  readonly type: ExternType;
}

/** An export a module declares. */
export interface ExportType {
  readonly name: string;
  readonly type: ExternType;
}
