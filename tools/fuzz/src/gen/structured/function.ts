/**
 * One function of a structured module: the generator's state (node budget,
 * labels in scope, locals) and the values everything else is made of
 * (constants, leaves, conditions, calls, NaN canonicalization).
 *
 * The rest of a body is made by functions taking this generator first:
 * `expression.ts`, `statement.ts`, `control.ts` (blocks, loops, ifs,
 * branches) and `memory.ts`. They recurse through `expr` and `stmt` here.
 * Every random draw goes through `rng`, in a fixed order.
 */
import type { Rng } from '../../rng.js';
import { node, sameTypes, VAL_TYPES, type FuncDef, type Node, type ValT } from './ast.js';
import { block, labelled, pendingValues } from './control.js';
import { expression } from './expression.js';
import type { ModuleGen, Sig, StructuredOptions } from './module.js';
import { CONSTANTS } from './ops.js';
import { statement } from './statement.js';

/** A label in scope. */
export interface Label {
  name: string;
  /** Types a branch to it carries. */
  types: readonly ValT[];
}

export class FunctionGen {
  /** Labels in scope, innermost last (control pushes and pops them). */
  readonly labels: Label[] = [];
  /** Make every block a branch target (see `StructuredOptions`). */
  readonly targetAll: boolean;
  private budget: number;
  private labelCount = 0;
  /** Locals the generator may write (loop counters are not among them). */
  private writable: number[] = [];
  private readonly locals: ValT[] = [];
  /** Scratch locals of `denan`, by type (never written by other code). */
  private scratch = new Map<ValT, number>();

  constructor(
    readonly rng: Rng,
    private readonly m: ModuleGen,
    private readonly index: number,
    private readonly sig: Sig,
    private readonly opts: StructuredOptions,
  ) {
    this.targetAll = opts.targetAll === true;
    this.budget = rng.range(8, opts.maxNodes);
    const extra = rng.range(0, 4);
    for (let i = 0; i < extra; i++) this.locals.push(rng.pick(VAL_TYPES));
    const all = sig.params.length + this.locals.length;
    for (let i = 0; i < all; i++) this.writable.push(i);
  }

  generate(): FuncDef {
    const body: Node[] = [
      // Fuel: one unit per call, a trap when none is left (see FUEL in print.ts).
      node(
        'if',
        [],
        [
          node('i32.eqz', ['i32'], [node('global.get', ['i32'], [], ['$fuel'])]),
          node('then', [], [node('unreachable', 'poly')]),
        ],
      ),
      node(
        'global.set',
        [],
        [node('i32.sub', ['i32'], [node('global.get', ['i32'], [], ['$fuel']), this.i32(1)])],
        ['$fuel'],
      ),
    ];
    // The body proper is a named block, so every branch names its label
    // (depths would have to count the unlabelled ifs around them).
    const top: Label = { name: '$fb', types: this.sig.results };
    this.labels.push(top);
    const inner: Node[] = [];
    const n = this.rng.range(1, 4);
    for (let i = 0; i < n && this.budget > 0; i++) inner.push(this.stmt(this.opts.maxDepth));
    inner.push(...pendingValues(this, this.sig.results, this.opts.maxDepth));
    this.labels.pop();
    body.push(labelled(this, 'block', top, inner));
    return {
      name: `f${this.index}`,
      params: this.sig.params,
      results: this.sig.results,
      locals: this.locals,
      body,
    };
  }

  /** An expression of type `t` (`expression.ts`). */
  expr(t: ValT, d: number): Node {
    return expression(this, t, d);
  }

  /** A statement, leaving nothing on the stack (`statement.ts`). */
  stmt(d: number): Node {
    return statement(this, d);
  }

  // ---- state --------------------------------------------------------------

  /** The function's result types. */
  get results(): readonly ValT[] {
    return this.sig.results;
  }

  /** Spends a node of the budget; false when none was left. */
  spend(): boolean {
    return --this.budget > 0;
  }

  /** Whether budget is left (loops of statements stop when not). */
  hasBudget(): boolean {
    return this.budget > 0;
  }

  newLabel(prefix: string): string {
    return `$${prefix}${this.labelCount++}`;
  }

  private localType(i: number): ValT {
    return i < this.sig.params.length
      ? this.sig.params[i]!
      : this.locals[i - this.sig.params.length]!;
  }

  /** Locals of type `t` the generator may write. */
  localsOf(t: ValT): number[] {
    return this.writable.filter((i) => this.localType(i) === t);
  }

  /** A fresh local for the generator's own use (never written by other code). */
  ownLocal(t: ValT): string {
    const i = this.sig.params.length + this.locals.length;
    this.locals.push(t);
    return String(i);
  }

  // ---- values -------------------------------------------------------------

  i32(v: number): Node {
    return node('i32.const', ['i32'], [], [String(v | 0)]);
  }

  constant(t: ValT): Node {
    const r = this.rng;
    if (t === 'v128') {
      const text = r.chance(0.5)
        ? r.pick(CONSTANTS.v128)
        : `i32x4 ${[0, 1, 2, 3].map(() => (r.chance(0.3) ? r.range(-2, 2) : r.u32() | 0)).join(' ')}`;
      return node('v128.const', ['v128'], [], [text]);
    }
    let text: string;
    if (r.chance(0.6)) text = r.pick(CONSTANTS[t]);
    else if (t === 'i32') text = String(r.chance(0.5) ? r.range(-5, 100) : r.u32() | 0);
    else if (t === 'i64') text = String(r.chance(0.5) ? r.range(-5, 100) : r.u64());
    else text = String(r.range(-1000, 1000) / r.pick([1, 2, 3, 8, 10]));
    return node(`${t}.const`, [t], [], [text]);
  }

  /** Expressions producing `types` in order. */
  values(types: readonly ValT[], d: number): Node[] {
    if (types.length >= 2 && d > 0 && this.rng.chance(0.3)) {
      const multi = this.multiSource(types, d);
      if (multi !== null) return [multi];
    }
    return types.map((t) => this.expr(t, d));
  }

  /** A single node producing several values: a call or a block. */
  private multiSource(types: readonly ValT[], d: number): Node | null {
    const callees = this.callees(types);
    if (callees.length > 0 && this.rng.chance(0.5)) return this.call(this.rng.pick(callees), d);
    return block(this, types, d - 1);
  }

  leaf(t: ValT): Node {
    const r = this.rng;
    const ls = this.localsOf(t);
    const all = [...ls, ...this.sig.params.map((_, i) => i).filter((i) => this.localType(i) === t)];
    if (all.length > 0 && r.chance(0.45)) return node('local.get', [t], [], [String(r.pick(all))]);
    if (r.chance(0.15)) return node('global.get', [t], [], [`$g${t}`]);
    return this.constant(t);
  }

  condition(d: number): Node {
    return this.rng.chance(0.3) ? this.i32(this.rng.range(0, 1)) : this.expr('i32', d);
  }

  /**
   * Canonicalizes a float NaN before an instruction that shows its bits
   * (reinterpret, copysign's sign): a NaN computed by arithmetic has a
   * nondeterministic sign and payload, which would otherwise flow into
   * integers and control flow as differences that are no bugs.
   * `(select nan (local.tee s x) (t.ne s s))` evaluates `x` once, in place.
   */
  denan(t: ValT, x: Node): Node {
    if (t !== 'f32' && t !== 'f64') return x;
    let s = this.scratch.get(t);
    if (s === undefined) {
      s = this.sig.params.length + this.locals.length;
      this.locals.push(t);
      this.scratch.set(t, s);
    }
    const l = String(s);
    const get = () => node('local.get', [t], [], [l]);
    const select = node(
      'select',
      [t],
      [
        node(`${t}.const`, [t], [], ['nan']),
        node('local.tee', [t], [x], [l]),
        node(`${t}.ne`, ['i32'], [get(), get()]),
      ],
    );
    select.denan = true;
    return select;
  }

  // ---- calls --------------------------------------------------------------

  /** Functions this one may call directly, those returning `results` if given. */
  callees(results?: readonly ValT[]): number[] {
    const all = this.m.callable(this.index);
    return results === undefined
      ? all
      : all.filter((j) => sameTypes(this.m.sigs[j]!.results, results));
  }

  /** Names of the `call_indirect` types, those returning `results` if given. */
  indirectTypes(results?: readonly ValT[]): string[] {
    const m = this.m;
    return results === undefined
      ? m.typeNames
      : m.typeNames.filter((_, k) => sameTypes(m.types[k]!.results, results));
  }

  call(j: number, d: number): Node {
    const sig = this.m.sigs[j]!;
    return node('call', sig.results, this.values(sig.params, d - 1), [`$f${j}`]);
  }

  callIndirect(typeName: string, d: number): Node {
    const k = this.m.typeNames.indexOf(typeName);
    const sig = this.m.types[k]!;
    const r = this.rng;
    // Slot indices: filled, empty, of another signature, or past the table.
    const index = r.chance(0.7)
      ? this.i32(r.range(0, this.m.table.length + 1))
      : this.expr('i32', d - 1);
    return node(
      'call_indirect',
      sig.results,
      [...this.values(sig.params, d - 1), index],
      ['$tab', `(type $${typeName})`],
    );
  }
}
