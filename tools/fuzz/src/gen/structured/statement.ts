/** Statements of the structured generator: nodes that leave nothing on the stack. */
import { node, VAL_TYPES, type Node, type ValT } from './ast.js';
import { block, branch, ifNode, loop } from './control.js';
import type { FunctionGen } from './function.js';
import { address, load, store } from './memory.js';
import { TRAPPING_BINARY } from './ops.js';

/** A statement, at most `d` deep. */
export function statement(g: FunctionGen, d: number): Node {
  if (d <= 0 || !g.spend()) return simpleStmt(g, 0);
  const r = g.rng;
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
      const types = r.chance(0.6) ? [] : someTypes(g);
      return dropAll(block(g, types, d - 1));
    }
    case 'if':
      return dropAll(ifNode(g, r.chance(0.7) ? [] : someTypes(g), d - 1));
    case 'loop':
      return dropAll(loop(g, r.chance(0.7) ? [] : [r.pick(VAL_TYPES)], d - 1));
    case 'br_if': {
      const l = r.pick(g.labels);
      if (l.types.length > 1) return simpleStmt(g, d);
      const b = node('br_if', l.types, [...g.values(l.types, d - 1), g.condition(d - 1)], [l.name]);
      return dropAll(b);
    }
    case 'branch':
      return branch(g, d - 1);
    case 'if-branch':
      return node('if', [], [g.condition(d - 1), node('then', [], [branch(g, d - 1)])]);
    case 'drop-trap': {
      // An operand with effects, then one that may trap: the effects must happen first.
      const t = r.pick(['i32', 'i64'] as const);
      const effect = r.chance(0.5)
        ? node('block', [t], [logStmt(g, d - 1), g.expr(t, d - 1)], [`(result ${t})`])
        : node('call', [t], [], [t === 'i32' ? '$get-i32' : '$get-i64']);
      const trap = r.chance(0.5) ? node(`${t}.const`, [t], [], ['0']) : load(g, t, d - 1);
      return node('drop', [], [node(`${t}.${r.pick(TRAPPING_BINARY)}`, [t], [effect, trap])]);
    }
    case 'call': {
      const callees = g.callees();
      return callees.length > 0 ? dropAll(g.call(r.pick(callees), d)) : simpleStmt(g, d);
    }
    case 'call_indirect':
      return dropAll(g.callIndirect(r.pick(g.indirectTypes()), d));
    case 'bulk': {
      const op = r.pick(['memory.fill', 'memory.copy']);
      const len = r.chance(0.8) ? g.i32(r.range(0, 64)) : g.expr('i32', d - 1);
      return node(
        op,
        [],
        [address(g, 8, d), op === 'memory.fill' ? g.expr('i32', d - 1) : address(g, 8, d), len],
      );
    }
    default:
      return simpleStmt(g, d);
  }
}

/** One to three value types, for blocks and ifs used as statements. */
function someTypes(g: FunctionGen): ValT[] {
  const n = g.rng.weighted([
    [6, 1],
    [2, 2],
    [1, 3],
  ]);
  return Array.from({ length: n }, () => g.rng.pick(VAL_TYPES));
}

/** Drops every value a node leaves. */
function dropAll(n: Node): Node {
  if (n.type === 'poly') return n;
  let out = n;
  for (let i = n.type.length - 1; i >= 0; i--) out = node('drop', n.type.slice(0, i), [out]);
  return out;
}

/** A host call logging a value. */
function logStmt(g: FunctionGen, d: number): Node {
  const t = g.rng.pick(VAL_TYPES);
  return node('call', [], [g.expr(t, d)], [`$log-${t}`]);
}

/** A statement without control flow: a local or global set, a store, a log or a drop. */
function simpleStmt(g: FunctionGen, d: number): Node {
  const r = g.rng;
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
      const ls = g.localsOf(t);
      if (ls.length > 0) return node('local.set', [], [g.expr(t, d - 1)], [String(r.pick(ls))]);
      return logStmt(g, d - 1);
    }
    case 'global':
      return node('global.set', [], [g.expr(t, d - 1)], [`$g${t}`]);
    case 'store':
      return store(g, d);
    case 'log':
      return logStmt(g, d - 1);
    default:
      return node('drop', [], [g.expr(t, d - 1)]);
  }
}
