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
 */
import { Rng } from '../../rng.js';
import {
  node,
  SCALAR_TYPES,
  VAL_TYPES,
  zeroNode,
  type FuncDef,
  type ModuleDef,
  type Node,
  type ValT,
} from './ast.js';
import {
  BINARY,
  COMPARE,
  CONSTANTS,
  CONVERT,
  LOADS,
  REPLACE_LANE,
  STORES,
  TRAPPING_BINARY,
  UNARY,
  VSHIFT,
} from './ops.js';

interface Label {
  name: string;
  /** Types a branch to it carries. */
  types: readonly ValT[];
}

interface Sig {
  params: ValT[];
  results: ValT[];
}

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

const sameTypes = (a: readonly ValT[], b: readonly ValT[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

class FunctionGen {
  private labels: Label[] = [];
  private budget: number;
  private labelCount = 0;
  /** Locals the generator may write (loop counters are not among them). */
  private writable: number[] = [];
  readonly locals: ValT[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly m: ModuleGen,
    private readonly index: number,
    private readonly sig: Sig,
    private readonly opts: StructuredOptions,
  ) {
    this.budget = rng.range(8, opts.maxNodes);
    const extra = rng.range(0, 4);
    for (let i = 0; i < extra; i++) this.locals.push(rng.pick(VAL_TYPES));
    const all = sig.params.length + this.locals.length;
    for (let i = 0; i < all; i++) this.writable.push(i);
  }

  private localType(i: number): ValT {
    return i < this.sig.params.length
      ? this.sig.params[i]!
      : this.locals[i - this.sig.params.length]!;
  }

  private localsOf(t: ValT): number[] {
    return this.writable.filter((i) => this.localType(i) === t);
  }

  private newLabel(prefix: string): string {
    return `$${prefix}${this.labelCount++}`;
  }

  private spend(): boolean {
    return --this.budget > 0;
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
    inner.push(...this.pendingValues(this.sig.results, this.opts.maxDepth));
    this.labels.pop();
    body.push(this.labelled('block', top, inner));
    return {
      name: `f${this.index}`,
      params: this.sig.params,
      results: this.sig.results,
      locals: this.locals,
      body,
    };
  }

  // ---- values -------------------------------------------------------------

  private i32(v: number): Node {
    return node('i32.const', ['i32'], [], [String(v | 0)]);
  }

  private constant(t: ValT): Node {
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
    const callees = this.m
      .callable(this.index)
      .filter((j) => sameTypes(this.m.sigs[j]!.results, types));
    if (callees.length > 0 && this.rng.chance(0.5)) return this.call(this.rng.pick(callees), d);
    return this.block(types, d - 1);
  }

  /** An expression of type `t`. */
  expr(t: ValT, d: number): Node {
    if (d <= 0 || !this.spend()) return this.leaf(t);
    const r = this.rng;
    const kind = r.weighted<string>([
      [6, 'leaf'],
      [8, 'binary'],
      [3, 'unary'],
      [t === 'i32' ? 6 : 0, 'compare'],
      [5, 'convert'],
      [t === 'i64' ? 4 : 0, 'extend-of-i64'],
      [t === 'i32' ? 3 : 0, 'i32-of-i64'],
      [4, 'load'],
      [3, 'tee'],
      [2, 'tee-below'],
      [3, 'select'],
      [7, 'block'],
      [4, 'if'],
      [2, 'loop'],
      [3, 'call'],
      [2, 'call_indirect'],
      [t === 'i32' || t === 'i64' ? 2 : 0, 'host'],
      [2, 'br_if'],
      [1, 'poly'],
      [t === 'i32' ? 1 : 0, 'memory'],
      [2, 'effect-then-value'],
      [t === 'v128' ? 0 : 2, 'param-block'],
      [t === 'v128' ? 0 : 2, 'param-loop'],
      [t === 'v128' ? 3 : 0, 'vshift'],
      [t === 'v128' ? 3 : 0, 'replace_lane'],
      [t === 'v128' ? 2 : 0, 'shuffle'],
      [t === 'v128' ? 1 : 0, 'bitselect'],
    ]);
    switch (kind) {
      case 'binary': {
        const op = r.pick(BINARY[t]);
        const trapping = TRAPPING_BINARY.includes(op);
        // A divisor that is often zero, or -1 against the minimum: the trap must happen in order.
        const right =
          trapping && r.chance(0.4)
            ? node(`${t}.const`, [t], [], [r.pick(['0', '-1', '1'])])
            : this.expr(t, d - 1);
        // copysign shows its second operand's sign bit: a NaN's is nondeterministic.
        const second = op === 'copysign' ? this.denan(t, right) : right;
        return node(opName(t, op), [t], [this.expr(t, d - 1), second]);
      }
      case 'unary':
        return node(opName(t, r.pick(UNARY[t])), [t], [this.expr(t, d - 1)]);
      case 'compare': {
        const ot = r.pick(SCALAR_TYPES) as Exclude<ValT, 'v128'>;
        if (ot !== 'f32' && ot !== 'f64' && r.chance(0.2))
          return node(`${ot}.eqz`, ['i32'], [this.expr(ot, d - 1)]);
        return node(
          `${ot}.${r.pick(COMPARE[ot])}`,
          ['i32'],
          [this.expr(ot, d - 1), this.expr(ot, d - 1)],
        );
      }
      case 'convert': {
        const [op, from] = r.pick(CONVERT[t]);
        const operand = this.expr(from, d - 1);
        // Bits of a float become visible through reinterpret and splats.
        const shows = op.includes('reinterpret') || op.endsWith('.splat');
        return node(op, [t], [shows ? this.denan(from, operand) : operand]);
      }
      case 'extend-of-i64':
        // An i32 computed from i64 work, extended back: the i64's halves must not leak.
        return node(
          r.pick(['i64.extend_i32_u', 'i64.extend_i32_s']),
          ['i64'],
          [this.i32OfI64(d - 1)],
        );
      case 'i32-of-i64':
        return this.i32OfI64(d - 1);
      case 'load':
        return this.load(t, d);
      case 'tee': {
        const ls = this.localsOf(t);
        if (ls.length === 0) return this.leaf(t);
        return node('local.tee', [t], [this.expr(t, d - 1)], [String(r.pick(ls))]);
      }
      case 'tee-below': {
        // A local read lower on the stack, then written by the operand evaluated after it.
        const ls = this.localsOf(t);
        if (ls.length === 0 || BINARY[t].length === 0) return this.leaf(t);
        const l = String(r.pick(ls));
        const later = r.chance(0.5)
          ? node('local.tee', [t], [this.expr(t, d - 1)], [l])
          : node(
              'block',
              [t],
              [node('local.set', [], [this.expr(t, d - 1)], [l]), node('local.get', [t], [], [l])],
              [`(result ${t})`],
            );
        const op = r.pick(plainBinary(t));
        return node(opName(t, op), [t], [node('local.get', [t], [], [l]), later]);
      }
      case 'select':
        return node(
          'select',
          [t],
          [this.expr(t, d - 1), this.expr(t, d - 1), this.expr('i32', d - 1)],
        );
      case 'block':
        return this.block([t], d - 1);
      case 'if':
        return this.ifNode([t], d - 1);
      case 'loop':
        return this.loop([t], d - 1);
      case 'call': {
        const callees = this.m
          .callable(this.index)
          .filter((j) => sameTypes(this.m.sigs[j]!.results, [t]));
        return callees.length > 0 ? this.call(r.pick(callees), d) : this.leaf(t);
      }
      case 'call_indirect': {
        const sigs = this.m.typeNames.filter((_, k) => sameTypes(this.m.types[k]!.results, [t]));
        return sigs.length > 0 ? this.callIndirect(r.pick(sigs), d) : this.leaf(t);
      }
      case 'host':
        return node('call', [t], [], [t === 'i32' ? '$get-i32' : '$get-i64']);
      case 'br_if': {
        // `br_if` as an expression: its value passes through when not taken.
        const targets = this.labels.filter((l) => sameTypes(l.types, [t]));
        if (targets.length === 0) return this.leaf(t);
        const l = r.pick(targets);
        return node('br_if', [t], [this.expr(t, d - 1), this.condition(d - 1)], [this.labelRef(l)]);
      }
      case 'poly': {
        const b = this.branch(d - 1);
        return { ...b, type: 'poly' };
      }
      case 'memory':
        return r.chance(0.5)
          ? node('memory.size', ['i32'])
          : node(
              'memory.grow',
              ['i32'],
              [r.chance(0.7) ? this.i32(r.range(0, 2)) : this.expr('i32', d - 1)],
            );
      case 'vshift': {
        // Shift counts past the lane width are taken modulo the width.
        const count = r.chance(0.6)
          ? this.i32(r.pick([0, 1, 7, 8, 15, 31, 32, 63, 64, 65]))
          : this.expr('i32', d - 1);
        return node(r.pick(VSHIFT), [t], [this.expr(t, d - 1), count]);
      }
      case 'replace_lane': {
        const [op, st] = r.pick(REPLACE_LANE);
        return node(op, [t], [this.expr(t, d - 1), this.denan(st, this.expr(st, d - 1))]);
      }
      case 'shuffle': {
        const lanes = Array.from({ length: 16 }, () => String(r.int(32)));
        return node('i8x16.shuffle', [t], [this.expr(t, d - 1), this.expr(t, d - 1)], lanes);
      }
      case 'bitselect':
        return node(
          'v128.bitselect',
          [t],
          [this.expr(t, d - 1), this.expr(t, d - 1), this.expr(t, d - 1)],
        );
      case 'param-block':
        return this.paramBlock(t, d - 1);
      case 'param-loop':
        return this.paramLoop(t, d - 1);
      case 'effect-then-value':
        return node('block', [t], [this.stmt(d - 1), this.expr(t, d - 1)], [`(result ${t})`]);
      default:
        return this.leaf(t);
    }
  }

  /** An i32 computed from i64 values. */
  private i32OfI64(d: number): Node {
    const r = this.rng;
    // Mostly an i64 computation, not a leaf: its closure writes the high half.
    const a = r.chance(0.6) ? this.i64Work(d) : this.expr('i64', d);
    if (r.chance(0.3)) return node('i32.wrap_i64', ['i32'], [a]);
    if (r.chance(0.3)) return node('i64.eqz', ['i32'], [a]);
    return node(`i64.${r.pick(COMPARE.i64)}`, ['i32'], [a, this.expr('i64', d)]);
  }

  /** An i64 operation on non-constant operands (an expression closure with a high half). */
  private i64Work(d: number): Node {
    const r = this.rng;
    const x = () => (r.chance(0.5) ? this.leaf('i64') : this.expr('i64', d - 1));
    const op = r.pick(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl']);
    return node(`i64.${op}`, ['i64'], [x(), x()]);
  }

  private leaf(t: ValT): Node {
    const r = this.rng;
    const ls = this.localsOf(t);
    const all = [...ls, ...this.sig.params.map((_, i) => i).filter((i) => this.localType(i) === t)];
    if (all.length > 0 && r.chance(0.45)) return node('local.get', [t], [], [String(r.pick(all))]);
    if (r.chance(0.15)) return node('global.get', [t], [], [`$g${t}`]);
    return this.constant(t);
  }

  private condition(d: number): Node {
    return this.rng.chance(0.3) ? this.i32(this.rng.range(0, 1)) : this.expr('i32', d);
  }

  // ---- memory -------------------------------------------------------------

  private address(size: number, d: number): Node {
    const r = this.rng;
    return r.weighted<() => Node>([
      [4, () => this.i32(r.range(0, 256) * (r.chance(0.5) ? 1 : 4))],
      [3, () => node('i32.and', ['i32'], [this.expr('i32', d - 1), this.i32(0xfff8)])],
      // Straddling the end of the first page: in bounds until memory.grow, then partly.
      [1, () => this.i32(65536 - r.range(0, size + 1))],
      [1, () => this.expr('i32', d - 1)],
    ])();
  }

  private memarg(size: number): string[] {
    const r = this.rng;
    const imm: string[] = [];
    if (r.chance(0.2)) imm.push(`offset=${r.pick([1, 4, 8, 4096, 65535])}`);
    if (r.chance(0.2)) imm.push(`align=${r.pick([1, 2, 4, 8].filter((a) => a <= size))}`);
    return imm;
  }

  private load(t: ValT, d: number): Node {
    const [op, size] = this.rng.pick(LOADS[t]);
    return node(op, [t], [this.address(size, d)], this.memarg(size));
  }

  private store(d: number): Node {
    const t = this.rng.pick(VAL_TYPES);
    const [op, size] = this.rng.pick(STORES[t]);
    // Stored float bits can be loaded back as integers: canonicalize NaNs.
    const value = this.denan(t, this.expr(t, d - 1));
    return node(op, [], [this.address(size, d), value], this.memarg(size));
  }

  // ---- calls --------------------------------------------------------------

  private call(j: number, d: number): Node {
    const sig = this.m.sigs[j]!;
    return node('call', sig.results, this.values(sig.params, d - 1), [`$f${j}`]);
  }

  private callIndirect(typeName: string, d: number): Node {
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

  // ---- control ------------------------------------------------------------

  private labelRef(l: Label): string {
    return l.name;
  }

  private blockType(types: readonly ValT[]): string[] {
    return types.length > 0 ? [`(result ${types.join(' ')})`] : [];
  }

  /** A body: statements, then the values of `types`, or a branch out instead. */
  private body(types: readonly ValT[], d: number, self: Label | null): Node[] {
    const r = this.rng;
    const out: Node[] = [];
    const n = r.weighted([
      [2, 0],
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 5],
    ]);
    for (let i = 0; i < n && this.budget > 0; i++) out.push(this.stmt(d));
    if (self !== null && r.chance(0.12)) {
      // Leave by branching to itself, with code after the branch never reached.
      out.push(node('br', 'poly', this.values(types, d), [self.name]));
      if (r.chance(0.5)) out.push(this.stmt(d));
      return out;
    }
    out.push(...this.pendingValues(types, d));
    return out;
  }

  /**
   * The values of `types`, with statements after some of them: those run
   * while the earlier values wait on the operand stack (a load that must trap
   * before a dropped division does, a local read before the statement writes it).
   */
  private pendingValues(types: readonly ValT[], d: number): Node[] {
    const out: Node[] = [];
    for (const v of this.values(types, d)) {
      out.push(v);
      if (this.rng.chance(0.25)) out.push(this.stmt(d - 1));
    }
    return out;
  }

  block(types: readonly ValT[], d: number): Node {
    const label: Label = { name: this.newLabel('b'), types };
    this.labels.push(label);
    const kids = this.body(types, d, label);
    this.labels.pop();
    return this.labelled('block', label, kids);
  }

  /** A labelled block node, made a branch target if the options ask. */
  private labelled(op: string, label: Label, kids: Node[]): Node {
    if (this.opts.targetAll === true) {
      const zeros = label.types.map(zeroNode);
      const never = node(
        'if',
        [],
        [this.i32(0), node('then', [], [node('br', 'poly', zeros, [label.name])])],
      );
      kids = [never, ...kids];
    }
    const b = node(op, label.types, kids, this.blockType(label.types));
    b.label = label.name;
    return b;
  }

  private ifNode(types: readonly ValT[], d: number): Node {
    const cond = this.condition(d);
    const label: Label = { name: this.newLabel('i'), types };
    this.labels.push(label);
    const then = node('then', [], this.body(types, d, label));
    const needElse = types.length > 0 || this.rng.chance(0.5);
    const els = needElse ? node('else', [], this.body(types, d, label)) : null;
    this.labels.pop();
    const n = node(
      'if',
      types,
      [cond, then, ...(els !== null ? [els] : [])],
      this.blockType(types),
    );
    n.label = label.name;
    return n;
  }

  /**
   * A bounded loop inside its exit block: the head counts the iteration in a
   * counter local of its own and leaves through the block past the limit.
   */
  /** A fresh local for the generator's own use (never written by other code). */
  private ownLocal(t: ValT): string {
    const i = this.sig.params.length + this.locals.length;
    this.locals.push(t);
    return String(i);
  }

  /**
   * A block taking a parameter from the operand stack: its first operation
   * consumes it as an operand (`(t.op (x))` pops the parameter too), or a
   * local.set takes it when the types differ. Wrapped in an unlabelled block
   * that pushes the argument, since folded text cannot.
   */
  private paramBlock(t: ValT, d: number): Node {
    const r = this.rng;
    const pt = r.chance(0.7) ? t : r.pick(SCALAR_TYPES);
    const label: Label = { name: this.newLabel('p'), types: [t] };
    this.labels.push(label);
    const kids: Node[] = [];
    if (pt === t) {
      const op = r.pick(plainBinary(t));
      kids.push(node(opName(t, op), [t], [this.expr(t, d)]));
      if (r.chance(0.4)) kids.push(this.stmt(d));
    } else {
      kids.push(node('local.set', [], [], [this.ownLocal(pt)]));
      kids.push(...this.body([t], d, label));
    }
    this.labels.pop();
    const inner = node('block', [t], kids, [`(param ${pt})`, `(result ${t})`]);
    inner.label = label.name;
    return node('block', [t], [this.expr(pt, d), inner], [`(result ${t})`]);
  }

  /**
   * A loop with a parameter: every `br` back to it carries a value, which the
   * next iteration consumes. Bounded by its own counter like other loops.
   */
  private paramLoop(t: ValT, d: number): Node {
    const r = this.rng;
    const c = this.ownLocal('i32');
    const exit: Label = { name: this.newLabel('x'), types: [t] };
    const loopLabel: Label = { name: this.newLabel('l'), types: [t] };
    this.labels.push(exit);
    const head = node(
      'if',
      [],
      [
        node(
          'i32.gt_u',
          ['i32'],
          [
            node(
              'local.tee',
              ['i32'],
              [node('i32.add', ['i32'], [node('local.get', ['i32'], [], [c]), this.i32(1)])],
              [c],
            ),
            this.i32(r.range(1, 6)),
          ],
        ),
        node('then', [], [node('br', 'poly', [this.constant(t)], [exit.name])]),
      ],
    );
    this.labels.push(loopLabel);
    const kids: Node[] = [head];
    if (r.chance(0.5)) kids.push(this.stmt(d));
    const op = r.pick(plainBinary(t));
    // Consume the parameter, go round again with the new value, or leave with it.
    kids.push(
      node(
        'br_if',
        [t],
        [node(opName(t, op), [t], [this.expr(t, d)]), this.condition(d)],
        [loopLabel.name],
      ),
    );
    this.labels.pop();
    this.labels.pop();
    const loop = node('loop', [t], kids, [`(param ${t})`, `(result ${t})`]);
    loop.label = loopLabel.name;
    const outer = node('block', [t], [this.expr(t, d), loop], [`(result ${t})`]);
    outer.label = exit.name;
    return outer;
  }

  /** Scratch locals of `denan`, by type (never written by other code). */
  private scratch = new Map<ValT, number>();

  /**
   * Canonicalizes a float NaN before an instruction that shows its bits
   * (reinterpret, copysign's sign): a NaN computed by arithmetic has a
   * nondeterministic sign and payload, which would otherwise flow into
   * integers and control flow as differences that are no bugs.
   * `(select nan (local.tee s x) (t.ne s s))` evaluates `x` once, in place.
   */
  private denan(t: ValT, x: Node): Node {
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

  private loop(types: readonly ValT[], d: number): Node {
    const r = this.rng;
    const counter = this.sig.params.length + this.locals.length;
    this.locals.push('i32');
    const exit: Label = { name: this.newLabel('x'), types };
    const loopLabel: Label = { name: this.newLabel('l'), types: [] };
    const c = String(counter);
    const limit = r.range(1, 6);
    this.labels.push(exit);
    const head = node(
      'if',
      [],
      [
        node(
          'i32.gt_u',
          ['i32'],
          [
            node(
              'local.tee',
              ['i32'],
              [node('i32.add', ['i32'], [node('local.get', ['i32'], [], [c]), this.i32(1)])],
              [c],
            ),
            this.i32(limit),
          ],
        ),
        node(
          'then',
          [],
          [
            node(
              'br',
              'poly',
              types.map((t) => this.constant(t)),
              [exit.name],
            ),
          ],
        ),
      ],
    );
    this.labels.push(loopLabel);
    const kids = [head];
    const n = r.range(0, 3);
    for (let i = 0; i < n && this.budget > 0; i++) kids.push(this.stmt(d));
    // Go round again, conditionally (the head bounds it).
    if (r.chance(0.7)) kids.push(node('br_if', [], [this.condition(d)], [loopLabel.name]));
    kids.push(...this.pendingValues(types, d));
    this.labels.pop();
    this.labels.pop();
    const loop = node('loop', types, kids, this.blockType(types));
    loop.label = loopLabel.name;
    return this.labelled('block', exit, [loop]);
  }

  /** An unconditional branch (`br`, `br_table`, `return` or `unreachable`). */
  private branch(d: number): Node {
    const r = this.rng;
    const l = r.pick(this.labels);
    const kind = r.weighted<string>([
      [4, 'br'],
      [5, 'br_table'],
      [1, 'return'],
      [1, 'return_call'],
      [1, 'unreachable'],
    ]);
    if (kind === 'unreachable') return node('unreachable', 'poly');
    if (kind === 'return_call') {
      // A tail call: to a later function with the same results, or indirect.
      const results = this.sig.results;
      const callees = this.m
        .callable(this.index)
        .filter((j) => sameTypes(this.m.sigs[j]!.results, results));
      const types = this.m.typeNames.filter((_, k) => sameTypes(this.m.types[k]!.results, results));
      if (callees.length > 0 && r.chance(0.6)) {
        const j = r.pick(callees);
        return node('return_call', 'poly', this.values(this.m.sigs[j]!.params, d - 1), [`$f${j}`]);
      }
      if (types.length > 0) {
        const c = this.callIndirect(r.pick(types), d);
        return { ...c, op: 'return_call_indirect', type: 'poly' };
      }
      return node('return', 'poly', this.values(results, d));
    }
    if (kind === 'return') return node('return', 'poly', this.values(this.sig.results, d));
    if (kind === 'br') return node('br', 'poly', this.values(l.types, d), [this.labelRef(l)]);
    // br_table: targets with the same types as l, at any depth; the index is
    // often past the last label so the default is taken.
    const same = this.labels.filter((x) => sameTypes(x.types, l.types));
    const targets = Array.from({ length: r.range(0, 4) }, () => this.labelRef(r.pick(same)));
    targets.push(this.labelRef(r.pick(same)));
    const index = r.chance(0.6) ? this.i32(r.range(0, targets.length + 1)) : this.expr('i32', d);
    return node('br_table', 'poly', [...this.values(l.types, d), index], targets);
  }

  /** A statement (leaves nothing on the stack). */
  stmt(d: number): Node {
    if (d <= 0 || !this.spend()) return this.simpleStmt(0);
    const r = this.rng;
    const kind = r.weighted<string>([
      [4, 'simple'],
      [6, 'block'],
      [3, 'if'],
      [2, 'loop'],
      [3, 'br_if'],
      [2, 'branch'],
      [2, 'if-branch'],
      [2, 'drop-trap'],
      [2, 'call'],
      [1, 'call_indirect'],
      [1, 'bulk'],
    ]);
    switch (kind) {
      case 'block': {
        const types = r.chance(0.6) ? [] : this.someTypes();
        return this.dropAll(this.block(types, d - 1));
      }
      case 'if':
        return this.dropAll(this.ifNode(r.chance(0.7) ? [] : this.someTypes(), d - 1));
      case 'loop':
        return this.dropAll(this.loop(r.chance(0.7) ? [] : [r.pick(VAL_TYPES)], d - 1));
      case 'br_if': {
        const l = r.pick(this.labels);
        if (l.types.length > 1) return this.simpleStmt(d);
        const b = node(
          'br_if',
          l.types,
          [...this.values(l.types, d - 1), this.condition(d - 1)],
          [this.labelRef(l)],
        );
        return this.dropAll(b);
      }
      case 'branch':
        return this.branch(d - 1);
      case 'if-branch':
        return node('if', [], [this.condition(d - 1), node('then', [], [this.branch(d - 1)])]);
      case 'drop-trap': {
        // An operand with effects, then one that may trap: the effects must happen first.
        const t = r.pick(['i32', 'i64'] as const);
        const effect = r.chance(0.5)
          ? node('block', [t], [this.logStmt(d - 1), this.expr(t, d - 1)], [`(result ${t})`])
          : node('call', [t], [], [t === 'i32' ? '$get-i32' : '$get-i64']);
        const trap = r.chance(0.5) ? node(`${t}.const`, [t], [], ['0']) : this.load(t, d - 1);
        return node('drop', [], [node(`${t}.${r.pick(TRAPPING_BINARY)}`, [t], [effect, trap])]);
      }
      case 'call': {
        const callees = this.m.callable(this.index);
        return callees.length > 0
          ? this.dropAll(this.call(r.pick(callees), d))
          : this.simpleStmt(d);
      }
      case 'call_indirect':
        return this.dropAll(this.callIndirect(r.pick(this.m.typeNames), d));
      case 'bulk': {
        const op = r.pick(['memory.fill', 'memory.copy']);
        const len = r.chance(0.8) ? this.i32(r.range(0, 64)) : this.expr('i32', d - 1);
        return node(
          op,
          [],
          [
            this.address(8, d),
            op === 'memory.fill' ? this.expr('i32', d - 1) : this.address(8, d),
            len,
          ],
        );
      }
      default:
        return this.simpleStmt(d);
    }
  }

  private someTypes(): ValT[] {
    const n = this.rng.weighted([
      [6, 1],
      [2, 2],
      [1, 3],
    ]);
    return Array.from({ length: n }, () => this.rng.pick(VAL_TYPES));
  }

  /** Drops every value a node leaves. */
  private dropAll(n: Node): Node {
    if (n.type === 'poly') return n;
    let out = n;
    for (let i = n.type.length - 1; i >= 0; i--) out = node('drop', n.type.slice(0, i), [out]);
    return out;
  }

  private logStmt(d: number): Node {
    const t = this.rng.pick(VAL_TYPES);
    return node('call', [], [this.expr(t, d)], [`$log-${t}`]);
  }

  private simpleStmt(d: number): Node {
    const r = this.rng;
    const kind = r.weighted<string>([
      [4, 'set'],
      [2, 'global'],
      [3, 'store'],
      [3, 'log'],
      [1, 'drop'],
    ]);
    const t = r.pick(VAL_TYPES);
    switch (kind) {
      case 'set': {
        const ls = this.localsOf(t);
        if (ls.length > 0)
          return node('local.set', [], [this.expr(t, d - 1)], [String(r.pick(ls))]);
        return this.logStmt(d - 1);
      }
      case 'global':
        return node('global.set', [], [this.expr(t, d - 1)], [`$g${t}`]);
      case 'store':
        return this.store(d);
      case 'log':
        return this.logStmt(d - 1);
      default:
        return node('drop', [], [this.expr(t, d - 1)]);
    }
  }
}

class ModuleGen {
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

/** A scalar operator's instruction name gets its type prefix; v128 ones are full names already. */
function opName(t: ValT, op: string): string {
  return t === 'v128' ? op : `${t}.${op}`;
}

/**
 * Binary operators that neither trap nor show a NaN's sign (copysign's second
 * operand is canonicalized only where the generator makes a copysign itself).
 */
function plainBinary(t: ValT): readonly string[] {
  return BINARY[t].filter((o) => !TRAPPING_BINARY.includes(o) && o !== 'copysign');
}
