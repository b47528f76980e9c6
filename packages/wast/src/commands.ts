/**
 * The commands of a .wast script, as {@link parseScript} returns them.
 *
 * Numbers are kept as exact bit patterns so NaN payloads and signed zeros
 * survive: i32 as a signed 32-bit `number`, i64 as a signed 64-bit `bigint`,
 * f32 as its unsigned 32-bit pattern (`number`), f64 as its unsigned 64-bit
 * pattern (`bigint`), v128 as its 16 bytes (little-endian lane order).
 */

/**
 * A module of a script. `format` tells how it was written: `text`
 * (`(module field*)`, encoded while the script was parsed), `binary`
 * (`(module binary "...")`) or `quote` (`(module quote "...")`, whose text
 * is parsed only when the runner calls {@link parseQuoteModule} or `parseWat`,
 * so that its errors surface in `assert_malformed`).
 */
export type ScriptModule =
  | {
      readonly format: 'text' | 'binary';
      /** The module binary. */
      readonly bytes: Uint8Array;
      readonly text: null;
      /** Line of the module's opening parenthesis. */
      readonly line: number;
    }
  | {
      readonly format: 'quote';
      readonly bytes: null;
      /**
       * The module text: the strings concatenated and decoded from UTF-8
       * (malformed sequences are kept as lone surrogates, which the lexer
       * reports as "malformed UTF-8 encoding").
       */
      readonly text: string;
      readonly line: number;
    };

/**
 * `(module instance $instance? $module?)` as the subject of an assertion
 * (`assert_trap`, `assert_unlinkable`, ...): instantiating a module defined
 * earlier with `module definition`.
 */
export interface ModuleInstanceRef {
  readonly format: 'instance';
  readonly instance: string | null;
  /** The module definition's name, or null for the latest. */
  readonly module: string | null;
  readonly line: number;
}

/** An argument value of an action (a `const` of the script syntax). */
export type Value =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'f64'; readonly value: bigint }
  | { readonly type: 'v128'; readonly value: Uint8Array }
  /** `(ref.null ht)`: `heap` is the heap type as written (`func`, `extern`, `any`, ...). */
  | { readonly type: 'ref.null'; readonly heap: string }
  /** `(ref.extern n)`: a host reference identified by `n`, seen as an externref. */
  | { readonly type: 'ref.extern'; readonly value: number }
  /** `(ref.host n)`: a host reference identified by `n`, seen as an anyref. */
  | { readonly type: 'ref.host'; readonly value: number };

/** A NaN pattern of an expected float result. */
export type NanPattern = 'nan:canonical' | 'nan:arithmetic';

/** Lane shapes of v128 values. */
export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/**
 * An expected result of `assert_return`. Reference patterns without an
 * operand match any reference of that kind; `ref.null` with `heap: null`
 * (`(ref.null)`) matches any null reference.
 */
export type ResultPattern =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  /** A float: the exact bit pattern, or a NaN pattern. */
  | { readonly type: 'f32'; readonly value: number | NanPattern }
  | { readonly type: 'f64'; readonly value: bigint | NanPattern }
  /**
   * A vector, lane by lane: each lane's unsigned bit pattern (as a bigint)
   * or, for float shapes, a NaN pattern. `value` holds the 16 bytes when no
   * lane is a NaN pattern, null otherwise.
   */
  | {
      readonly type: 'v128';
      readonly shape: LaneShape;
      readonly lanes: readonly (bigint | NanPattern)[];
      readonly value: Uint8Array | null;
    }
  | { readonly type: 'ref.null'; readonly heap: string | null }
  /** A function reference (of function `index`, if given). */
  | { readonly type: 'ref.func'; readonly index: number | null }
  /** `(ref.extern n)`, or any external reference when `value` is null. */
  | { readonly type: 'ref.extern'; readonly value: number | null }
  | { readonly type: 'ref.host'; readonly value: number }
  /** Any non-null reference of the given kind. */
  | {
      readonly type: 'ref.struct' | 'ref.array' | 'ref.i31' | 'ref.eq' | 'ref.any' | 'ref.exn';
    }
  /** Any one of the alternatives. */
  | { readonly type: 'either'; readonly options: readonly ResultPattern[] };

/** An action: calling an export or reading an exported global. */
export type Action =
  | {
      readonly type: 'invoke';
      /** Module instance name (`$M`), or null for the latest. */
      readonly module: string | null;
      readonly field: string;
      readonly args: readonly Value[];
    }
  | { readonly type: 'get'; readonly module: string | null; readonly field: string };

interface At {
  /** Line of the command's opening parenthesis (1-based). */
  readonly line: number;
}

/** `(module $id? ...)`, `(module definition $id? ...)`. */
export interface ModuleCommand extends At {
  readonly type: 'module';
  /** The module's name (`$id` without `$`), or null. */
  readonly name: string | null;
  /** True for `module definition`: define without instantiating. */
  readonly definition: boolean;
  readonly module: ScriptModule;
}

/**
 * `(module instance $instance $module)`, `(module instance $module)` or
 * `(module instance)`: instantiate a defined module (the latest if unnamed).
 */
export interface ModuleInstanceCommand extends At {
  readonly type: 'module_instance';
  readonly instance: string | null;
  /** The module definition's name, or null for the latest. */
  readonly module: string | null;
}

/** `(register "as" $id?)`: make an instance's exports importable under `as`. */
export interface RegisterCommand extends At {
  readonly type: 'register';
  readonly as: string;
  readonly name: string | null;
}

/** A bare `(invoke ...)` or `(get ...)`. */
export interface ActionCommand extends At {
  readonly type: 'action';
  readonly action: Action;
}

export interface AssertReturnCommand extends At {
  readonly type: 'assert_return';
  readonly action: Action;
  readonly expected: readonly ResultPattern[];
}

/** `(assert_trap action "msg")` or `(assert_trap module "msg")` (instantiation traps). */
export type AssertTrapCommand = At & {
  readonly type: 'assert_trap';
  readonly message: string;
} & (
    | { readonly action: Action; readonly module: null }
    | { readonly action: null; readonly module: ScriptModule | ModuleInstanceRef }
  );

export interface AssertExhaustionCommand extends At {
  readonly type: 'assert_exhaustion';
  readonly action: Action;
  readonly message: string;
}

/** `(assert_exception action)`: the action throws a wasm exception. */
export interface AssertExceptionCommand extends At {
  readonly type: 'assert_exception';
  readonly action: Action;
}

/** Assertions about a module that must fail to decode, validate, link or instantiate. */
export interface AssertModuleCommand extends At {
  readonly type:
    | 'assert_invalid'
    | 'assert_malformed'
    | 'assert_unlinkable'
    | 'assert_uninstantiable'
    | 'assert_invalid_custom'
    | 'assert_malformed_custom';
  readonly module: ScriptModule | ModuleInstanceRef;
  readonly message: string;
}

/** One command of a script. */
export type Command =
  | ModuleCommand
  | ModuleInstanceCommand
  | RegisterCommand
  | ActionCommand
  | AssertReturnCommand
  | AssertTrapCommand
  | AssertExhaustionCommand
  | AssertExceptionCommand
  | AssertModuleCommand;

/** A parsed script. */
export interface Script {
  readonly filename: string | undefined;
  readonly commands: readonly Command[];
}
