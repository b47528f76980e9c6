/**
 * The structured generator: seeded, valid, terminating modules aimed at what
 * Weft's compiler optimizes. Nested blocks, loops and ifs with branches to
 * every depth (`br_table` past its last label included) carrying values;
 * blocks no branch targets (which the compiler splices into their parent);
 * i64 expressions feeding i32 ones and back; trapping operands in every
 * position; `local.tee` of locals read lower on the stack; calls, indirect
 * calls and host calls inside expressions; globals around calls.
 *
 * Termination: every loop counts iterations in a local of its own and exits
 * past a small limit; every function entry spends one unit of a global fuel
 * and traps when none is left, so recursion through `call_indirect` ends.
 *
 * This file makes the module (signatures, table, data, globals); a function
 * body is `function.ts`'s, with expressions, statements, control and memory
 * accesses in files of their own. Output is a pure function of the seed:
 * saved seeds and the CI slice depend on the order of random draws.
 */
import { Rng } from '../../rng.js';
import { node, SCALAR_TYPES, VAL_TYPES, type FuncDef, type ModuleDef, type ValT } from './ast.js';
import { FunctionGen } from './function.js';
import { CONSTANTS } from './ops.js';

/** Size knobs. */
export interface StructuredOptions {
  /** Functions per module (besides `hangLimitInitializer`). */
  maxFuncs: number;
  /** Node budget per function. */
  maxNodes: number;
  /** Expression nesting depth. */
  maxDepth: number;
  /**
   * Make every block a branch target (a never-taken `br` to it first), so the
   * compiler never splices a block into its parent. Half the seeds do this
   * (decided by the seed) when unset: a bug of spliced blocks then cannot
   * mask the others.
   */
  targetAll?: boolean;
}

export const DEFAULT_STRUCTURED: StructuredOptions = { maxFuncs: 4, maxNodes: 70, maxDepth: 7 };

/** A function signature. */
export interface Sig {
  params: ValT[];
  results: ValT[];
}

/** The module being generated: what function bodies may call. */
export class ModuleGen {
  readonly sigs: Sig[] = [];
  readonly types: Sig[] = [];
  readonly typeNames: string[] = [];
  table: (string | null)[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly opts: StructuredOptions,
  ) {}

  /** Functions `i` may call directly: later ones, so direct calls never recurse. */
  callable(i: number): number[] {
    const out: number[] = [];
    for (let j = i + 1; j < this.sigs.length; j++) out.push(j);
    return out;
  }

  private sig(): Sig {
    const r = this.rng;
    const params = Array.from({ length: r.range(0, 3) }, () => r.pick(SCALAR_TYPES));
    const results = Array.from(
      {
        length: r.weighted([
          [2, 0],
          [6, 1],
          [2, 2],
        ]),
      },
      () => r.pick(SCALAR_TYPES),
    );
    return { params, results };
  }

  generate(): ModuleDef {
    const r = this.rng;
    const n = r.range(1, this.opts.maxFuncs);
    for (let i = 0; i < n; i++) this.sigs.push(this.sig());
    // call_indirect signatures: those of the functions (so calls can succeed) and one other.
    const seen = new Set<string>();
    for (const s of [...this.sigs, this.sig()]) {
      const key = JSON.stringify(s);
      if (seen.has(key)) continue;
      seen.add(key);
      this.types.push(s);
      this.typeNames.push(`t${this.types.length - 1}`);
    }
    this.table = Array.from({ length: r.range(1, n + 2) }, () =>
      r.chance(0.75) ? `f${r.int(n)}` : null,
    );
    const funcs: FuncDef[] = [];
    for (let i = 0; i < n; i++)
      funcs.push(new FunctionGen(r, this, i, this.sigs[i]!, this.opts).generate());
    const data = r.bytes(r.range(0, 64));
    const globals = VAL_TYPES.map((t) => ({
      name: `g${t}`,
      type: t,
      init: node(
        `${t}.const`,
        [t],
        [],
        t === 'v128' ? [r.pick(CONSTANTS.v128)] : [r.pick(CONSTANTS[t])],
      ),
    }));
    return {
      types: this.types.map((s, k) => ({ name: this.typeNames[k]!, ...s })),
      funcs,
      table: this.table,
      data,
      globals,
    };
  }
}

/** The structured module of `seed`. */
export function structuredModule(
  seed: number,
  opts: StructuredOptions = DEFAULT_STRUCTURED,
): ModuleDef {
  const rng = new Rng(seed);
  const targetAll = opts.targetAll ?? rng.chance(0.5);
  return new ModuleGen(rng, { ...opts, targetAll }).generate();
}
