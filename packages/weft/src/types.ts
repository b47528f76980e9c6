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

  constructor(params: readonly ValType[], results: readonly ValType[]) {
    this.params = params.slice();
    this.results = results.slice();
  }

  /** @internal */
  static fromCodes(params: readonly ValTypeCode[], results: readonly ValTypeCode[]): FuncType {
    return new FuncType(types(params), types(results));
  }

  toString(): string {
    return `(func (param ${this.params.join(' ')}) (result ${this.results.join(' ')}))`;
  }
}

/**
 * A memory type: limits in 64 KiB pages, whether addresses are 64-bit, and
 * whether the memory is shared between threads (threads; a shared memory
 * needs a maximum).
 */
export class MemoryType {
  constructor(
    readonly minimum: number,
    readonly maximum: number | null = null,
    readonly is64 = false,
    readonly shared = false,
  ) {}

  /** A shared memory type, as Wasmtime's `MemoryType::shared`. */
  static shared(minimum: number, maximum: number, is64 = false): MemoryType {
    return new MemoryType(minimum, maximum, is64, true);
  }

  /** @internal */
  get limits(): Limits {
    return { min: this.minimum, max: this.maximum };
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
