/**
 * Control flow of the structured generator: blocks, loops and ifs (with and
 * without parameters) and the branches out of them. Every construct that
 * defines a label pushes it on the generator's `labels` while its body is
 * made, so branches inside can target it.
 */
import { node, sameTypes, SCALAR_TYPES, zeroNode, type Node, type ValT } from './ast.js';
import type { FunctionGen, Label } from './function.js';
import { opName, plainBinary } from './ops.js';

function blockType(types: readonly ValT[]): string[] {
  return types.length > 0 ? [`(result ${types.join(' ')})`] : [];
}

/** A body: statements, then the values of `types`, or a branch out instead. */
function body(g: FunctionGen, types: readonly ValT[], d: number, self: Label | null): Node[] {
  const r = g.rng;
  const out: Node[] = [];
  const n = r.weighted([
    [2, 0],
    [4, 1],
    [3, 2],
    [2, 3],
    [1, 5],
  ]);
  for (let i = 0; i < n && g.hasBudget(); i++) out.push(g.stmt(d));
  if (self !== null && r.chance(0.12)) {
    // Leave by branching to itself, with code after the branch never reached.
    out.push(node('br', 'poly', g.values(types, d), [self.name]));
    if (r.chance(0.5)) out.push(g.stmt(d));
    return out;
  }
  out.push(...pendingValues(g, types, d));
  return out;
}

/**
 * The values of `types`, with statements after some of them: those run
 * while the earlier values wait on the operand stack (a load that must trap
 * before a dropped division does, a local read before the statement writes it).
 */
export function pendingValues(g: FunctionGen, types: readonly ValT[], d: number): Node[] {
  const out: Node[] = [];
  for (const v of g.values(types, d)) {
    out.push(v);
    if (g.rng.chance(0.25)) out.push(g.stmt(d - 1));
  }
  return out;
}

export function block(g: FunctionGen, types: readonly ValT[], d: number): Node {
  const label: Label = { name: g.newLabel('b'), types };
  g.labels.push(label);
  const kids = body(g, types, d, label);
  g.labels.pop();
  return labelled(g, 'block', label, kids);
}

/** A labelled block node, made a branch target if the options ask. */
export function labelled(g: FunctionGen, op: string, label: Label, kids: Node[]): Node {
  if (g.targetAll) {
    const zeros = label.types.map(zeroNode);
    const never = node(
      'if',
      [],
      [g.i32(0), node('then', [], [node('br', 'poly', zeros, [label.name])])],
    );
    kids = [never, ...kids];
  }
  const b = node(op, label.types, kids, blockType(label.types));
  b.label = label.name;
  return b;
}

export function ifNode(g: FunctionGen, types: readonly ValT[], d: number): Node {
  const cond = g.condition(d);
  const label: Label = { name: g.newLabel('i'), types };
  g.labels.push(label);
  const then = node('then', [], body(g, types, d, label));
  const needElse = types.length > 0 || g.rng.chance(0.5);
  const els = needElse ? node('else', [], body(g, types, d, label)) : null;
  g.labels.pop();
  const n = node('if', types, [cond, then, ...(els !== null ? [els] : [])], blockType(types));
  n.label = label.name;
  return n;
}

/**
 * A loop's head: counts the iteration in counter local `c` and, past
 * `limit`, leaves through `exit` with `values`.
 */
function loopHead(g: FunctionGen, c: string, limit: number, exit: Label, values: Node[]): Node {
  const count = node(
    'local.tee',
    ['i32'],
    [node('i32.add', ['i32'], [node('local.get', ['i32'], [], [c]), g.i32(1)])],
    [c],
  );
  return node(
    'if',
    [],
    [
      node('i32.gt_u', ['i32'], [count, g.i32(limit)]),
      node('then', [], [node('br', 'poly', values, [exit.name])]),
    ],
  );
}

/**
 * A bounded loop inside its exit block: the head counts the iteration in a
 * counter local of its own and leaves through the block past the limit.
 */
export function loop(g: FunctionGen, types: readonly ValT[], d: number): Node {
  const r = g.rng;
  const c = g.ownLocal('i32');
  const exit: Label = { name: g.newLabel('x'), types };
  const loopLabel: Label = { name: g.newLabel('l'), types: [] };
  const limit = r.range(1, 6);
  g.labels.push(exit);
  const head = loopHead(
    g,
    c,
    limit,
    exit,
    types.map((t) => g.constant(t)),
  );
  g.labels.push(loopLabel);
  const kids = [head];
  const n = r.range(0, 3);
  for (let i = 0; i < n && g.hasBudget(); i++) kids.push(g.stmt(d));
  // Go round again, conditionally (the head bounds it).
  if (r.chance(0.7)) kids.push(node('br_if', [], [g.condition(d)], [loopLabel.name]));
  kids.push(...pendingValues(g, types, d));
  g.labels.pop();
  g.labels.pop();
  const inner = node('loop', types, kids, blockType(types));
  inner.label = loopLabel.name;
  return labelled(g, 'block', exit, [inner]);
}

/**
 * A block taking a parameter from the operand stack: its first operation
 * consumes it as an operand (`(t.op (x))` pops the parameter too), or a
 * local.set takes it when the types differ. Wrapped in an unlabelled block
 * that pushes the argument, since folded text cannot.
 */
export function paramBlock(g: FunctionGen, t: ValT, d: number): Node {
  const r = g.rng;
  const pt = r.chance(0.7) ? t : r.pick(SCALAR_TYPES);
  const label: Label = { name: g.newLabel('p'), types: [t] };
  g.labels.push(label);
  const kids: Node[] = [];
  if (pt === t) {
    const op = r.pick(plainBinary(t));
    kids.push(node(opName(t, op), [t], [g.expr(t, d)]));
    if (r.chance(0.4)) kids.push(g.stmt(d));
  } else {
    kids.push(node('local.set', [], [], [g.ownLocal(pt)]));
    kids.push(...body(g, [t], d, label));
  }
  g.labels.pop();
  const inner = node('block', [t], kids, [`(param ${pt})`, `(result ${t})`]);
  inner.label = label.name;
  return node('block', [t], [g.expr(pt, d), inner], [`(result ${t})`]);
}

/**
 * A loop with a parameter: every `br` back to it carries a value, which the
 * next iteration consumes. Bounded by its own counter like other loops.
 */
export function paramLoop(g: FunctionGen, t: ValT, d: number): Node {
  const r = g.rng;
  const c = g.ownLocal('i32');
  const exit: Label = { name: g.newLabel('x'), types: [t] };
  const loopLabel: Label = { name: g.newLabel('l'), types: [t] };
  g.labels.push(exit);
  const head = loopHead(g, c, r.range(1, 6), exit, [g.constant(t)]);
  g.labels.push(loopLabel);
  const kids: Node[] = [head];
  if (r.chance(0.5)) kids.push(g.stmt(d));
  const op = r.pick(plainBinary(t));
  // Consume the parameter, go round again with the new value, or leave with it.
  kids.push(
    node(
      'br_if',
      [t],
      [node(opName(t, op), [t], [g.expr(t, d)]), g.condition(d)],
      [loopLabel.name],
    ),
  );
  g.labels.pop();
  g.labels.pop();
  const inner = node('loop', [t], kids, [`(param ${t})`, `(result ${t})`]);
  inner.label = loopLabel.name;
  const outer = node('block', [t], [g.expr(t, d), inner], [`(result ${t})`]);
  outer.label = exit.name;
  return outer;
}

/** An unconditional branch (`br`, `br_table`, `return`, a tail call or `unreachable`). */
export function branch(g: FunctionGen, d: number): Node {
  const r = g.rng;
  const l = r.pick(g.labels);
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
    const callees = g.callees(g.results);
    const types = g.indirectTypes(g.results);
    if (callees.length > 0 && r.chance(0.6)) {
      const c = g.call(r.pick(callees), d);
      return { ...c, op: 'return_call', type: 'poly' };
    }
    if (types.length > 0) {
      const c = g.callIndirect(r.pick(types), d);
      return { ...c, op: 'return_call_indirect', type: 'poly' };
    }
    return node('return', 'poly', g.values(g.results, d));
  }
  if (kind === 'return') return node('return', 'poly', g.values(g.results, d));
  if (kind === 'br') return node('br', 'poly', g.values(l.types, d), [l.name]);
  // br_table: targets with the same types as l, at any depth; the index is
  // often past the last label so the default is taken.
  const same = g.labels.filter((x) => sameTypes(x.types, l.types));
  const targets = Array.from({ length: r.range(0, 4) }, () => r.pick(same).name);
  targets.push(r.pick(same).name);
  const index = r.chance(0.6) ? g.i32(r.range(0, targets.length + 1)) : g.expr('i32', d);
  return node('br_table', 'poly', [...g.values(l.types, d), index], targets);
}
