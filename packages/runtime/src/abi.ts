/**
 * The frame ABI shared by the runtime, compilers and host functions.
 *
 * All WebAssembly activations of a JS realm live on one value stack made of
 * parallel typed arrays indexed by slot. A function runs with a frame
 * pointer `fp`: its parameters are slots `fp .. fp + n - 1`, its locals and
 * operand stack follow, and on return its results are in slots
 * `fp .. fp + m - 1`. A caller places arguments at the top of its own
 * operand stack and calls the callee with `fp` pointing there, so arguments
 * and results are never copied.
 *
 * Which array holds a slot's value depends on the value's type:
 * - i32: `I32_SLOTS`; i64: low half in `I32_SLOTS`, high half in `HI32_SLOTS`;
 * - f32 and f64: `F64_SLOTS` (f32 values as doubles; NaN payloads as `f32FromBits` encodes them);
 * - v128: 16 bytes of one buffer shared by the views `V32`, `VU32`, `VI16`,
 *   `VU16`, `VI8`, `VU8`, `VF32` and `VF64`: slot `s` holds bytes
 *   `16s .. 16s + 15` (words `4s .. 4s + 3`), lanes little-endian, so lane
 *   `k` of a vector in slot `s` is element `(16 / width) * s + k` of the
 *   view of its width;
 * - references: `REF_SLOTS`.
 *
 * (The `_SLOTS` names keep these arrays apart from `@weft/environ`'s type
 * codes `I32`, `F64`..., which code at the boundary imports beside them.)
 *
 * A slot is read through the arrays of its value's type only, so the same
 * slot number used as an i32 and as a v128 refers to separate storage.
 *
 * Suspension (suspend.ts): compiled code keeps no wasm state outside slots
 * across a call or a fuel/interruption check, lets a `Suspension` unwind
 * through it after adding the frame (call site, resume point, frame
 * pointer), and supplies resumable code through `CompiledCode.resume`.
 */

/**
 * Version of this ABI, and of the runtime's data structures compiled code
 * reads directly (memories' `dv`/`u8`/`size`/`pageSize`, tables'
 * `elements`/`size`/`init`, globals' cells, structs' `fields`/`desc`);
 * compilers refuse to run against another.
 */
export const RUNTIME_ABI_VERSION = 6;

/** Number of value slots in the realm's stack. */
export const STACK_SLOTS = 1 << 17;

/** i32 values, and the low halves of i64 values, by slot. */
export const I32_SLOTS = new Int32Array(STACK_SLOTS);
/** The high halves of i64 values, by slot. */
export const HI32_SLOTS = new Int32Array(STACK_SLOTS);
/** f32 and f64 values (f32 as doubles), by slot. */
export const F64_SLOTS = new Float64Array(STACK_SLOTS);
/** Reference values (null, functions, externs, GC objects), by slot. */
export const REF_SLOTS: unknown[] = new Array<unknown>(STACK_SLOTS).fill(null);

/**
 * v128 slots: one buffer, so SIMD code reads and writes lanes of any type
 * in place. The views use the host's byte order, which is little-endian on
 * every platform JS engines run on (and assumed throughout Weft).
 */
const V128_BUFFER = new ArrayBuffer(STACK_SLOTS * 16);
export const V32 = new Int32Array(V128_BUFFER);
export const VU32 = new Uint32Array(V128_BUFFER);
export const VI16 = new Int16Array(V128_BUFFER);
export const VU16 = new Uint16Array(V128_BUFFER);
export const VI8 = new Int8Array(V128_BUFFER);
export const VU8 = new Uint8Array(V128_BUFFER);
export const VF32 = new Float32Array(V128_BUFFER);
export const VF64 = new Float64Array(V128_BUFFER);

/**
 * Compiled code of a function: runs with its frame at `fp`. It returns
 * undefined, or, when the function ended with a tail call, the function to
 * run next in the same frame (its arguments are already at `fp`). Whoever
 * calls code runs that chain to its end, so tail calls use no stack.
 */
export type WasmCode = (fp: number) => TailCall;

/** The next function of a tail call chain, or undefined. */
export type TailCall = { readonly code: WasmCode } | undefined;

/** Runs `code` at `fp`, then every function it tail-calls. */
export function runChain(code: WasmCode, fp: number): void {
  let next = code(fp);
  while (next !== undefined) next = next.code(fp);
}

/**
 * The realm's stack top, as a cell: the first free slot, where the next
 * activation entered from the host starts. Boundary code on every call's
 * path reads and writes `stack.top` directly (under `--jitless` a call of
 * `stackTop()` or `setStackTop()` costs as much as a wasm instruction);
 * it moves at host boundaries only (entry from and exit to the host).
 */
export const stack: { top: number } = { top: 0 };

/** First free slot: where the next activation entered from the host starts. */
export function stackTop(): number {
  return stack.top;
}

/** Moves the first free slot (host boundaries only: entry from and exit to the host). */
export function setStackTop(slot: number): void {
  stack.top = slot;
}
