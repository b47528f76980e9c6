/**
 * Traps: faults of WebAssembly code, kept apart from errors of host code.
 *
 * Compiled code raises `Trap`s itself. Raw JS exceptions raised while wasm
 * code runs (a JS stack overflow, typically) are turned into traps by the
 * classifier the compiler supplies, as Wasmtime asks "was this fault in JIT
 * code?". Exceptions thrown by host functions are carried through wasm
 * frames inside a `HostFault` and handed back to the embedder untouched.
 */

/** Why a trap happened; the names follow Wasmtime's `Trap` enum. */
export const TrapCode = {
  /** The wasm call stack exceeded `maxCallDepth`, or the JS stack overflowed under wasm. */
  StackOverflow: 'StackOverflow',
  /** A memory access out of the memory's bounds. */
  MemoryOutOfBounds: 'MemoryOutOfBounds',
  /** A table access or bulk table operation out of the bounds of a table or element segment. */
  TableOutOfBounds: 'TableOutOfBounds',
  /** `call_indirect` of a null table element. */
  IndirectCallToNull: 'IndirectCallToNull',
  /** A table element index past the table's size in `call_indirect`. */
  UndefinedElement: 'UndefinedElement',
  /** `call_indirect` of a function of another type. */
  BadSignature: 'BadSignature',
  /** A signed division or truncation whose result does not fit (`INT_MIN / -1`). */
  IntegerOverflow: 'IntegerOverflow',
  /** An integer division or remainder by zero. */
  IntegerDivisionByZero: 'IntegerDivisionByZero',
  /** A float-to-integer truncation of NaN. */
  BadConversionToInteger: 'BadConversionToInteger',
  /** The `unreachable` instruction. */
  UnreachableCodeReached: 'UnreachableCodeReached',
  /** A null reference where a non-null one is needed (`ref.as_non_null`, `throw_ref`, ...). */
  NullReference: 'NullReference',
  /** `call_ref` or `return_call_ref` of a null function reference. */
  NullFunctionReference: 'NullFunctionReference',
  /** A struct access through a null reference. */
  NullStructReference: 'NullStructReference',
  /** An array access through a null reference. */
  NullArrayReference: 'NullArrayReference',
  /** `i31.get_s`/`i31.get_u` of a null reference. */
  NullI31Reference: 'NullI31Reference',
  /** An array access or bulk array operation out of the array's bounds. */
  ArrayOutOfBounds: 'ArrayOutOfBounds',
  /** An array allocation too large to represent. */
  AllocationTooLarge: 'AllocationTooLarge',
  /** A GC allocation past the store's `maxGcHeapBytes`. */
  GcHeapOutOfMemory: 'GcHeapOutOfMemory',
  /** A failed `ref.cast`. */
  CastFailure: 'CastFailure',
  /** A null descriptor given to `struct.new_desc` or a descriptor cast (custom descriptors). */
  NullDescriptorReference: 'NullDescriptorReference',
  /** `ref.cast_desc_eq` of a value whose descriptor is not the given one (custom descriptors). */
  DescriptorCastFailure: 'DescriptorCastFailure',
  /** The store ran out of fuel (with `consumeFuel`). */
  OutOfFuel: 'OutOfFuel',
  /** The store's epoch or wall-clock deadline was reached (with `epochInterruption`). */
  Interrupt: 'Interrupt',
  /** An atomic access whose effective address is not a multiple of its width (threads). */
  HeapMisaligned: 'HeapMisaligned',
  /** `memory.atomic.wait32/64` on a memory that is not shared. */
  AtomicWaitNonSharedMemory: 'AtomicWaitNonSharedMemory',
  /** `memory.atomic.wait32/64` where the host cannot block (a browser's main thread). */
  AtomicWaitNotAllowed: 'AtomicWaitNotAllowed',
} as const;
/** A trap code: one of the values of {@link TrapCode}. */
export type TrapCode = (typeof TrapCode)[keyof typeof TrapCode];

/** The spec's message for each trap code (what `assert_trap` compares). */
export const TRAP_MESSAGES: Readonly<Record<TrapCode, string>> = {
  StackOverflow: 'call stack exhausted',
  MemoryOutOfBounds: 'out of bounds memory access',
  TableOutOfBounds: 'out of bounds table access',
  IndirectCallToNull: 'uninitialized element',
  UndefinedElement: 'undefined element',
  BadSignature: 'indirect call type mismatch',
  IntegerOverflow: 'integer overflow',
  IntegerDivisionByZero: 'integer divide by zero',
  BadConversionToInteger: 'invalid conversion to integer',
  UnreachableCodeReached: 'unreachable',
  NullReference: 'null reference',
  NullFunctionReference: 'null function reference',
  NullStructReference: 'null structure reference',
  NullArrayReference: 'null array reference',
  NullI31Reference: 'null i31 reference',
  ArrayOutOfBounds: 'out of bounds array access',
  AllocationTooLarge: 'allocation too large',
  GcHeapOutOfMemory: 'GC heap out of memory',
  CastFailure: 'cast failure',
  NullDescriptorReference: 'null descriptor reference',
  DescriptorCastFailure: 'descriptor cast failure',
  OutOfFuel: 'all fuel consumed by WebAssembly',
  Interrupt: 'interrupt',
  HeapMisaligned: 'unaligned atomic',
  AtomicWaitNonSharedMemory: 'expected shared memory',
  AtomicWaitNotAllowed: 'Atomics.wait cannot be called in this context',
};

/** Names of a module's functions, for backtraces. */
export interface FrameNames {
  /** The module's name from its name section, or null. */
  readonly moduleName: string | null;
  functionName(funcIndex: number): string | null;
}

/** One wasm frame of a trap's backtrace. */
export interface Frame {
  /** The index of the frame's function in its module's function index space. */
  readonly funcIndex: number;
  /** Byte offset in the module binary of the instruction executing in this frame. */
  readonly offset: number;
  /** The names of the function's module, for printing, or null if unknown. */
  readonly names: FrameNames | null;
}

/** A WebAssembly trap, with its code and a wasm backtrace (innermost frame first). */
export class Trap extends Error {
  /** Why the trap happened. */
  readonly code: TrapCode;
  /** The wasm frames the trap unwound, innermost first. */
  readonly frames: Frame[] = [];

  constructor(code: TrapCode, message: string = TRAP_MESSAGES[code]) {
    super(message);
    this.name = 'Trap';
    this.code = code;
  }

  /** Adds the next outer frame (used while the trap unwinds through wasm calls). */
  addFrame(frame: Frame): this {
    this.frames.push(frame);
    return this;
  }

  /** The backtrace, formatted as Wasmtime formats it. */
  get backtrace(): string {
    return this.frames
      .map((f, i) => {
        const module = f.names?.moduleName ?? '<unknown>';
        const func = f.names?.functionName(f.funcIndex) ?? `<wasm function ${f.funcIndex}>`;
        return `  ${String(i).padStart(4)}: ${`0x${f.offset.toString(16)}`.padStart(8)} - ${module}!${func}`;
      })
      .join('\n');
  }

  override toString(): string {
    const trace = this.frames.length > 0 ? `\nwasm backtrace:\n${this.backtrace}` : '';
    return `wasm trap: ${this.message}${trace}`;
  }
}

/**
 * An exception thrown by host code while wasm frames were on the stack,
 * carried unchanged to the boundary where the embedder called into wasm.
 */
export class HostFault {
  constructor(readonly error: unknown) {}
}

/** Decides whether a raw JS exception raised while wasm ran is a wasm fault. */
export type TrapClassifier = (error: unknown) => Trap | null;

/**
 * The trap boundary: runs `body` (which enters wasm) and normalizes what it
 * throws. A `HostFault` is unwrapped and its original error rethrown (same
 * identity); a `Trap` is rethrown; anything else is shown to `classify` and
 * becomes a `Trap` if the classifier says it was a wasm fault, or is
 * rethrown unchanged.
 */
export function catchTraps<T>(body: () => T, classify: TrapClassifier): T {
  try {
    return body();
  } catch (e) {
    throw normalizeFault(e, classify);
  }
}

/** What `catchTraps` throws for a caught exception `e`. */
export function normalizeFault(e: unknown, classify: TrapClassifier): unknown {
  if (e instanceof HostFault) return e.error;
  if (e instanceof Trap) return e;
  return classify(e) ?? e;
}
