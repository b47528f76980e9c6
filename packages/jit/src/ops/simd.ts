/**
 * SIMD instructions (fixed-width and relaxed). Operands and results live in
 * frame slots: a v128 in slot `s` is bytes `16s .. 16s + 15` of the vector
 * buffer (little-endian lanes), which the runtime's views `V32`, `VF32`,
 * `VF64`, `VU8`... expose as lanes of every type; scalars are in the
 * scalar arrays (`I32`, `HI32`, `F64`).
 *
 * Each instruction becomes one statement closure `(fp) => (kernel(fp, d, a,
 * b, ...constants), 0)`: a single call of a kernel that reads each operand
 * from its own slot (a local's, or the operand's stack slot) and writes the
 * result to slot `d`, lanes in place through the views, with no copies to
 * scratch buffers. So `local.set 2 (f32x4.mul (local.get 0) (local.get 1))`
 * reads the locals' lanes and writes the product's lanes directly.
 * Everything the immediates decide (lanes, shuffle patterns, memarg
 * offsets, address width) is settled when the statement is built and closed
 * over; nothing allocates when it runs. Each instruction has its own closure
 * literal, so V8 sees one kernel per call site and inlines it.
 *
 * Size matters as much as speed here: V8 inlines a function's callees only
 * up to a budget of bytecode (920 bytes) per optimized function, so the
 * smaller a statement's closure and kernel, the more of a loop body runs
 * without calls. Hence the closures' plain captured parameters (simd/
 * build.ts), kernels computing lane indices once (`z = (fp + d) << 2`) and
 * reading a view through a local alias (one context load, not one per
 * access), and lanes unrolled rather than looped (V8 does not unroll JS
 * loops, and a loop in an inlined kernel measured slower than four copies).
 *
 * Aliasing: the destination is the first operand's stack slot, or the
 * local a `local.set`/`local.tee` right after the instruction writes (the
 * compiler then rebuilds the statement for that local, saving a copy). So
 * it may be the first operand's slot (that operand's stack slot, or the same
 * local), but never a later operand's; two operands may share a slot (the
 * same local twice), and then the destination is neither. So every kernel
 * reads all the input lanes it needs before writing an output lane that
 * could overwrite them. Writing bytes `i .. j` of `d` only clobbers bytes
 * `i .. j` of `a`: lane-wise kernels (output lane k needs only lanes k of
 * the operands, of the same width) write lane by lane as they go; the others
 * (i64 lanes computed from words, narrowing, extension, conversions between
 * widths, shuffles, swizzles) read their inputs into locals first. Scalar
 * operands and results are in other arrays than vectors, so a vector result
 * never overwrites a scalar operand, nor a scalar result a vector operand.
 *
 * Bits: moves, selections and sign operations go through the integer views,
 * never through a float view's number (which may quiet a signalling NaN);
 * see simd/float.ts for the NaN rules of float arithmetic.
 *
 * Families, one file each under simd/:
 * - memory.ts: loads and stores (plain, extending, splat, zero, lane);
 * - lanes.ts: bitwise ops, splats, lane extract/replace, shuffle, swizzle;
 * - integer.ts: i8x16, i16x8, i32x4 and i64x2 arithmetic, comparisons,
 *   shifts, narrowing, extension, dot products, bitmask, all_true, one file
 *   per lane shape under integer/ (integer.ts gathers their tables);
 * - float.ts: f32x4 and f64x2 arithmetic, comparisons, rounding, and
 *   conversions between lane types;
 * - relaxed.ts: relaxed SIMD, with its deterministic choices documented;
 * - words.ts: word-wide lane formulas (four i8 or two i16 lanes at once);
 * - build.ts: builders by operand shape.
 */
import type { Frame, MemoryInstance } from '@weft/runtime';
import type { OpInfo } from '@weft/environ';
import { tagClosure } from '../compiler/literals.js';
import type { Stmt } from '../compiler/types.js';
import { FLOAT } from './simd/float.js';
import { INTEGER } from './simd/integer.js';
import { LANES } from './simd/lanes.js';
import { MEMORY } from './simd/memory.js';
import { RELAXED } from './simd/relaxed.js';

/** Everything needed to build the statement of one SIMD instruction. */
export interface SimdContext {
  readonly op: OpInfo;
  /**
   * Frame slot of each operand, in order (scalars included): a local's
   * slot, or the operand's own stack slot.
   */
  readonly operands: readonly number[];
  /**
   * Frame slot of the result, if any: the first operand's own stack slot,
   * or the local the result is stored to next. It may equal `operands[0]`,
   * never a later operand's slot.
   */
  readonly dest: number;
  /** The function's immediates, in environ's layout, starting at `immAt`. */
  readonly imm: Int32Array;
  readonly immAt: number;
  /** The memory of memory instructions, else null. */
  readonly memory: MemoryInstance | null;
  readonly site: Frame;
}

/** Builds the statement of one instruction. */
export type SimdBuild = (ctx: SimdContext) => Stmt;

/** Statement builders by mnemonic: every 0xfd instruction but `v128.const`. */
export const SIMD_BUILDERS: ReadonlyMap<string, SimdBuild> = new Map(
  Object.entries({ ...MEMORY, ...LANES, ...INTEGER, ...FLOAT, ...RELAXED }),
);

/** The statement executing a SIMD instruction. */
export function simdStatement(ctx: SimdContext): Stmt {
  const build = SIMD_BUILDERS.get(ctx.op.name);
  if (build === undefined) throw new Error(`the jit does not support ${ctx.op.name}`);
  return tagClosure(build(ctx), build);
}
