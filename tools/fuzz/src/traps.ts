/**
 * Trap kinds across engines. V8 reports a trap as a `RuntimeError` whose
 * message names the fault in its own words, sometimes one message for two of
 * Weft's `TrapCode`s (a null entry and a signature mismatch in
 * `call_indirect` are both "null function or function signature mismatch"),
 * so a V8 message maps to the set of codes it may stand for.
 */

/** V8's trap messages and the Weft `TrapCode`s each one covers. */
const V8_TRAPS: readonly (readonly [string, readonly string[]])[] = [
  ['unreachable', ['UnreachableCodeReached']],
  ['memory access out of bounds', ['MemoryOutOfBounds']],
  ['data segment out of bounds', ['MemoryOutOfBounds']],
  ['divide by zero', ['IntegerDivisionByZero']],
  ['remainder by zero', ['IntegerDivisionByZero']],
  ['divide result unrepresentable', ['IntegerOverflow']],
  // V8 has one message for NaN (invalid conversion) and out-of-range (integer overflow) truncations.
  ['float unrepresentable in integer range', ['BadConversionToInteger', 'IntegerOverflow']],
  ['table index is out of bounds', ['TableOutOfBounds', 'UndefinedElement']],
  ['element segment out of bounds', ['TableOutOfBounds']],
  ['data segment is out of bounds', ['MemoryOutOfBounds']],
  ['table initializer is out of bounds', ['TableOutOfBounds']],
  ['element segment is out of bounds', ['TableOutOfBounds']],
  ['null function or function signature mismatch', ['IndirectCallToNull', 'BadSignature']],
  ['dereferencing a null pointer', ['NullReference', 'NullFunctionReference']],
];

/**
 * The Weft trap codes a native `WebAssembly.RuntimeError` message stands
 * for, or null if the message is not a known trap.
 */
export function trapCodesOfV8(message: string): readonly string[] | null {
  // Traps during instantiation carry the API's name: "WebAssembly.Instance(): ...".
  message = message.replace(/^WebAssembly\.\w+\(\): /, '');
  for (const [m, codes] of V8_TRAPS) if (message === m || message.startsWith(m)) return codes;
  return null;
}

/** Whether V8's error is its stack overflow (a `RangeError`, not a trap). */
export function isV8StackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack size/i.test(e.message);
}
