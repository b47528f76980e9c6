/**
 * Builders by operand shape. Each SIMD instruction's statement comes from a
 * factory of its own, `(d, a, b) => (fp) => (kernel(fp, d, a, b), 0)`: the
 * closure literal is the instruction's own, and it captures the slots as
 * plain parameters. That keeps the closure within V8's "small function"
 * size (27 bytes of bytecode), which V8 always inlines into its caller
 * without spending the caller's inlining budget on it (capturing `const`s
 * destructured from the context would add a hole check per slot and push
 * it over); the budget then goes to the kernels. The helpers below unpack
 * a `SimdContext` into those parameters when the statement is built.
 */
import type { Stmt } from '../../compiler/types.js';
import type { SimdBuild, SimdContext } from '../simd.js';

/** A builder for a result and one operand. */
export function unary(f: (d: number, a: number) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0]);
}

/** A builder for a result and two operands. */
export function binary(f: (d: number, a: number, b: number) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0], c.operands[1]);
}

/** A builder for a result and three operands. */
export function ternary(f: (d: number, a: number, b: number, c: number) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0], c.operands[1], c.operands[2]);
}

/** The lane immediate of a lane instruction. */
export function laneOf(c: SimdContext): number {
  return c.imm[c.immAt];
}

/** A builder for a result, one operand and a lane immediate. */
export function unaryLane(f: (d: number, a: number, k: number) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0], laneOf(c));
}

/** A builder for a result, two operands and a lane immediate. */
export function binaryLane(f: (d: number, a: number, b: number, k: number) => Stmt): SimdBuild {
  return (c) => f(c.dest, c.operands[0], c.operands[1], laneOf(c));
}
