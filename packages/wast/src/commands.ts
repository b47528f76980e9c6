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
      /** Written as text fields or as binary strings. */
      readonly format: 'text' | 'binary';
      /** The module binary. */
      readonly bytes: Uint8Array;
      /** No text: the module is already encoded. */
      readonly text: null;
      /** Line of the module's opening parenthesis. */
      readonly line: number;
    }
  | {
      /** Written as `(module quote "...")`. */
      readonly format: 'quote';
      /** No binary: the text is parsed when the module is used. */
      readonly bytes: null;
      /**
       * The module text: the strings concatenated and decoded from UTF-8
       * (malformed sequences are kept as lone surrogates, which the lexer
       * reports as "malformed UTF-8 encoding").
       */
      readonly text: string;
      /** Line of the module's opening parenthesis. */
      readonly line: number;
    };

/**
 * `(module instance $instance? $module?)` as the subject of an assertion
 * (`assert_trap`, `assert_unlinkable`, ...): instantiating a module defined
 * earlier with `module definition`.
 */
export interface ModuleInstanceRef {
  /** Marks a `(module instance ...)` subject. */
  readonly format: 'instance';
  /** The instance's name, or null. */
  readonly instance: string | null;
  /** The module definition's name, or null for the latest. */
  readonly module: string | null;
  /** Line of the opening parenthesis. */
  readonly line: number;
}

/** An argument value of an action (a `const` of the script syntax). */
export type Value =
  | {
      /** The value's type. */
      readonly type: 'i32' | 'f32';
      /** i32: the signed value; f32: the unsigned bit pattern. */
      readonly value: number;
    }
  | {
      /** The value's type. */
      readonly type: 'i64' | 'f64';
      /** i64: the signed value; f64: the unsigned bit pattern. */
      readonly value: bigint;
    }
  | {
      /** The value's type. */
      readonly type: 'v128';
      /** The 16 bytes, little-endian. */
      readonly value: Uint8Array;
    }
  /** `(ref.null ht)`: `heap` is the heap type as written (`func`, `extern`, `any`, ...). */
  | {
      /** A null reference. */
      readonly type: 'ref.null';
      /** The heap type as written. */
      readonly heap: string;
    }
  /** `(ref.extern n)`: a host reference identified by `n`, seen as an externref. */
  | {
      /** A host reference seen as an externref. */
      readonly type: 'ref.extern';
      /** The number identifying the host reference. */
      readonly value: number;
    }
  /** `(ref.host n)`: a host reference identified by `n`, seen as an anyref. */
  | {
      /** A host reference seen as an anyref. */
      readonly type: 'ref.host';
      /** The number identifying the host reference. */
      readonly value: number;
    };

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
  | {
      /** An i32 result. */
      readonly type: 'i32';
      /** The signed value. */
      readonly value: number;
    }
  | {
      /** An i64 result. */
      readonly type: 'i64';
      /** The signed value. */
      readonly value: bigint;
    }
  /** A float: the exact bit pattern, or a NaN pattern. */
  | {
      /** An f32 result. */
      readonly type: 'f32';
      /** The unsigned bit pattern, or a NaN pattern. */
      readonly value: number | NanPattern;
    }
  | {
      /** An f64 result. */
      readonly type: 'f64';
      /** The unsigned bit pattern, or a NaN pattern. */
      readonly value: bigint | NanPattern;
    }
  /**
   * A vector, lane by lane: each lane's unsigned bit pattern (as a bigint)
   * or, for float shapes, a NaN pattern. `value` holds the 16 bytes when no
   * lane is a NaN pattern, null otherwise.
   */
  | {
      /** A v128 result. */
      readonly type: 'v128';
      /** How the lanes are written. */
      readonly shape: LaneShape;
      /** Each lane's expected unsigned bit pattern, or NaN pattern. */
      readonly lanes: readonly (bigint | NanPattern)[];
      /** The 16 bytes when no lane is a NaN pattern, else null. */
      readonly value: Uint8Array | null;
    }
  | {
      /** A null reference. */
      readonly type: 'ref.null';
      /** The heap type as written, or null to match any null reference. */
      readonly heap: string | null;
    }
  /** A function reference (of function `index`, if given). */
  | {
      /** A function reference. */
      readonly type: 'ref.func';
      /** The function index expected, or null for any function. */
      readonly index: number | null;
    }
  /** `(ref.extern n)`, or any external reference when `value` is null. */
  | {
      /** A host reference seen as an externref. */
      readonly type: 'ref.extern';
      /** The number identifying the host reference, or null for any. */
      readonly value: number | null;
    }
  | {
      /** A host reference seen as an anyref. */
      readonly type: 'ref.host';
      /** The number identifying the host reference. */
      readonly value: number;
    }
  /** Any non-null reference of the given kind. */
  | {
      /** The kind of reference expected. */
      readonly type: 'ref.struct' | 'ref.array' | 'ref.i31' | 'ref.eq' | 'ref.any' | 'ref.exn';
    }
  /** Any one of the alternatives. */
  | {
      /** Matches if any of `options` does. */
      readonly type: 'either';
      /** The alternatives. */
      readonly options: readonly ResultPattern[];
    };

/** An action: calling an export or reading an exported global. */
export type Action =
  | {
      /** Call an exported function. */
      readonly type: 'invoke';
      /** Module instance name (`$M`), or null for the latest. */
      readonly module: string | null;
      /** The export's name. */
      readonly field: string;
      /** The arguments. */
      readonly args: readonly Value[];
    }
  | {
      /** Read an exported global. */
      readonly type: 'get';
      /** Module instance name (`$M`), or null for the latest. */
      readonly module: string | null;
      /** The export's name. */
      readonly field: string;
    };

interface At {
  /** Line of the command's opening parenthesis (1-based). */
  readonly line: number;
}

/** `(module $id? ...)`, `(module definition $id? ...)`. */
export interface ModuleCommand extends At {
  /** The command. */
  readonly type: 'module';
  /** The module's name (`$id` without `$`), or null. */
  readonly name: string | null;
  /** True for `module definition`: define without instantiating. */
  readonly definition: boolean;
  /** The module. */
  readonly module: ScriptModule;
}

/**
 * `(module instance $instance $module)`, `(module instance $module)` or
 * `(module instance)`: instantiate a defined module (the latest if unnamed).
 */
export interface ModuleInstanceCommand extends At {
  /** The command. */
  readonly type: 'module_instance';
  /** The new instance's name, or null. */
  readonly instance: string | null;
  /** The module definition's name, or null for the latest. */
  readonly module: string | null;
}

/** `(register "as" $id?)`: make an instance's exports importable under `as`. */
export interface RegisterCommand extends At {
  /** The command. */
  readonly type: 'register';
  /** The module name imports will use. */
  readonly as: string;
  /** The instance's name, or null for the latest. */
  readonly name: string | null;
}

/** A bare `(invoke ...)` or `(get ...)`. */
export interface ActionCommand extends At {
  /** The command. */
  readonly type: 'action';
  /** What to do. */
  readonly action: Action;
}

/** `(assert_return action result*)`: the action returns results matching the patterns. */
export interface AssertReturnCommand extends At {
  /** The command. */
  readonly type: 'assert_return';
  /** What to do. */
  readonly action: Action;
  /** A pattern for each result. */
  readonly expected: readonly ResultPattern[];
}

/** `(assert_trap action "msg")` or `(assert_trap module "msg")` (instantiation traps). */
export type AssertTrapCommand = At & {
  /** The command. */
  readonly type: 'assert_trap';
  /** The expected trap message, as the script writes it (the spec's text, or a prefix of it). */
  readonly message: string;
} & (
    | {
        /** The action that traps. */
        readonly action: Action;
        /** None: an action traps. */
        readonly module: null;
      }
    | {
        /** None: a module's instantiation traps. */
        readonly action: null;
        /** The module whose instantiation traps. */
        readonly module: ScriptModule | ModuleInstanceRef;
      }
  );

/** `(assert_exhaustion action "msg")`: the action exhausts the call stack. */
export interface AssertExhaustionCommand extends At {
  /** The command. */
  readonly type: 'assert_exhaustion';
  /** What to do. */
  readonly action: Action;
  /** The expected message (`call stack exhausted`). */
  readonly message: string;
}

/** `(assert_exception action)`: the action throws a wasm exception. */
export interface AssertExceptionCommand extends At {
  /** The command. */
  readonly type: 'assert_exception';
  /** What to do. */
  readonly action: Action;
}

/** Assertions about a module that must fail to decode, validate, link or instantiate. */
export interface AssertModuleCommand extends At {
  /** The assertion. */
  readonly type:
    | 'assert_invalid'
    | 'assert_malformed'
    | 'assert_unlinkable'
    | 'assert_uninstantiable'
    | 'assert_invalid_custom'
    | 'assert_malformed_custom';
  /** The module that must fail. */
  readonly module: ScriptModule | ModuleInstanceRef;
  /** The expected error message, as the script writes it (the reference interpreter's, or a prefix of it). */
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
  /** The file name given to `parseScript`, for messages. */
  readonly filename: string | undefined;
  /** The commands, in order. */
  readonly commands: readonly Command[];
}
