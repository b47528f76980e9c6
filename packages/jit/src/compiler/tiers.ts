/**
 * Two tiers of compiled code, so that literal copies go to hot code.
 *
 * Literal copies (literals.ts) are a finite resource of the process: a copy
 * handed to code that runs once is lost to the hot loop compiled after it.
 * So a function is first compiled as baseline code, built with the shared
 * copy of every factory, which counts its calls at its entry and the
 * iterations of each of its loops at the back edge. When a count reaches
 * its threshold, the function is compiled again as optimized code: with
 * copies of its own where they last, and without counters. The optimized
 * entry replaces the function's code for later calls, and a baseline loop
 * that got hot hands the rest of its run to the optimized loop compiled
 * from the same instructions. All wasm state lives in frame slots, not in
 * JS variables, so changing code between two iterations is safe: this is
 * on-stack replacement at no cost. Baseline and optimized code of a
 * function have the same structure (the same compiler over the same
 * instructions), only the literals differ, so loops are matched by the
 * index of their `loop` instruction.
 */
import type { WasmCode } from '@weft/runtime';
import type { Stmt } from './types.js';

/**
 * When baseline code is replaced: after this many calls of the function, or
 * this many iterations of one of its loops (counted over all activations).
 * Mutable for tests, which set both to 1 to run everything optimized, or to
 * Infinity for baseline code only.
 */
export const TIER_UP = { calls: 16, iterations: 1000 };

/** The optimized code of a function, compiled on demand. */
export interface OptimizedCode {
  readonly entry: WasmCode;
  /** Optimized loops by the instruction index of their `loop`. */
  readonly loops: ReadonlyMap<number, Stmt>;
}

/** The tiers of one function of one instance. */
export class FunctionTiers {
  private code: OptimizedCode | null = null;

  constructor(
    /** Compiles the optimized code. */
    private readonly compile: () => OptimizedCode,
    /** Makes `entry` the function's code for later calls. */
    private readonly install: (entry: WasmCode) => void,
  ) {}

  /** The optimized code, compiled and installed on first use. */
  optimized(): OptimizedCode {
    if (this.code === null) {
      this.code = this.compile();
      this.install(this.code.entry);
    }
    return this.code;
  }

  /** The optimized loop at instruction `start` (compiling the optimized code first if needed). */
  optimizedLoop(start: number): Stmt | null {
    return this.optimized().loops.get(start) ?? null;
  }
}
