/** Expressions of the structured generator: one value of a given type. */
import { node, SCALAR_TYPES, sameTypes, type Node, type ValT } from './ast.js';
import { block, branch, ifNode, loop, paramBlock, paramLoop } from './control.js';
import type { FunctionGen } from './function.js';
import { load } from './memory.js';
import {
  BINARY,
  COMPARE,
  CONVERT,
  opName,
  plainBinary,
  REPLACE_LANE,
  TRAPPING_BINARY,
  UNARY,
  VSHIFT,
} from './ops.js';

/** An expression of type `t`, at most `d` deep. */
export function expression(g: FunctionGen, t: ValT, d: number): Node {
  if (d <= 0 || !g.spend()) return g.leaf(t);
  const r = g.rng;
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
          : g.expr(t, d - 1);
      // copysign shows its second operand's sign bit: a NaN's is nondeterministic.
      const second = op === 'copysign' ? g.denan(t, right) : right;
      return node(opName(t, op), [t], [g.expr(t, d - 1), second]);
    }
    case 'unary':
      return node(opName(t, r.pick(UNARY[t])), [t], [g.expr(t, d - 1)]);
    case 'compare': {
      const ot = r.pick(SCALAR_TYPES) as Exclude<ValT, 'v128'>;
      if (ot !== 'f32' && ot !== 'f64' && r.chance(0.2))
        return node(`${ot}.eqz`, ['i32'], [g.expr(ot, d - 1)]);
      return node(`${ot}.${r.pick(COMPARE[ot])}`, ['i32'], [g.expr(ot, d - 1), g.expr(ot, d - 1)]);
    }
    case 'convert': {
      const [op, from] = r.pick(CONVERT[t]);
      const operand = g.expr(from, d - 1);
      // Bits of a float become visible through reinterpret and splats.
      const shows = op.includes('reinterpret') || op.endsWith('.splat');
      return node(op, [t], [shows ? g.denan(from, operand) : operand]);
    }
    case 'extend-of-i64':
      // An i32 computed from i64 work, extended back: the i64's halves must not leak.
      return node(r.pick(['i64.extend_i32_u', 'i64.extend_i32_s']), ['i64'], [i32OfI64(g, d - 1)]);
    case 'i32-of-i64':
      return i32OfI64(g, d - 1);
    case 'load':
      return load(g, t, d);
    case 'tee': {
      const ls = g.localsOf(t);
      if (ls.length === 0) return g.leaf(t);
      return node('local.tee', [t], [g.expr(t, d - 1)], [String(r.pick(ls))]);
    }
    case 'tee-below': {
      // A local read lower on the stack, then written by the operand evaluated after it.
      const ls = g.localsOf(t);
      if (ls.length === 0 || BINARY[t].length === 0) return g.leaf(t);
      const l = String(r.pick(ls));
      const later = r.chance(0.5)
        ? node('local.tee', [t], [g.expr(t, d - 1)], [l])
        : node(
            'block',
            [t],
            [node('local.set', [], [g.expr(t, d - 1)], [l]), node('local.get', [t], [], [l])],
            [`(result ${t})`],
          );
      const op = r.pick(plainBinary(t));
      return node(opName(t, op), [t], [node('local.get', [t], [], [l]), later]);
    }
    case 'select':
      return node('select', [t], [g.expr(t, d - 1), g.expr(t, d - 1), g.expr('i32', d - 1)]);
    case 'block':
      return block(g, [t], d - 1);
    case 'if':
      return ifNode(g, [t], d - 1);
    case 'loop':
      return loop(g, [t], d - 1);
    case 'call': {
      const callees = g.callees([t]);
      return callees.length > 0 ? g.call(r.pick(callees), d) : g.leaf(t);
    }
    case 'call_indirect': {
      const sigs = g.indirectTypes([t]);
      return sigs.length > 0 ? g.callIndirect(r.pick(sigs), d) : g.leaf(t);
    }
    case 'host':
      return node('call', [t], [], [t === 'i32' ? '$get-i32' : '$get-i64']);
    case 'br_if': {
      // `br_if` as an expression: its value passes through when not taken.
      const targets = g.labels.filter((l) => sameTypes(l.types, [t]));
      if (targets.length === 0) return g.leaf(t);
      const l = r.pick(targets);
      return node('br_if', [t], [g.expr(t, d - 1), g.condition(d - 1)], [l.name]);
    }
    case 'poly': {
      const b = branch(g, d - 1);
      return { ...b, type: 'poly' };
    }
    case 'memory':
      return r.chance(0.5)
        ? node('memory.size', ['i32'])
        : node(
            'memory.grow',
            ['i32'],
            [r.chance(0.7) ? g.i32(r.range(0, 2)) : g.expr('i32', d - 1)],
          );
    case 'vshift': {
      // Shift counts past the lane width are taken modulo the width.
      const count = r.chance(0.6)
        ? g.i32(r.pick([0, 1, 7, 8, 15, 31, 32, 63, 64, 65]))
        : g.expr('i32', d - 1);
      return node(r.pick(VSHIFT), [t], [g.expr(t, d - 1), count]);
    }
    case 'replace_lane': {
      const [op, st] = r.pick(REPLACE_LANE);
      return node(op, [t], [g.expr(t, d - 1), g.denan(st, g.expr(st, d - 1))]);
    }
    case 'shuffle': {
      const lanes = Array.from({ length: 16 }, () => String(r.int(32)));
      return node('i8x16.shuffle', [t], [g.expr(t, d - 1), g.expr(t, d - 1)], lanes);
    }
    case 'bitselect':
      return node('v128.bitselect', [t], [g.expr(t, d - 1), g.expr(t, d - 1), g.expr(t, d - 1)]);
    case 'param-block':
      return paramBlock(g, t, d - 1);
    case 'param-loop':
      return paramLoop(g, t, d - 1);
    case 'effect-then-value':
      return node('block', [t], [g.stmt(d - 1), g.expr(t, d - 1)], [`(result ${t})`]);
    default:
      return g.leaf(t);
  }
}

/** An i32 computed from i64 values. */
function i32OfI64(g: FunctionGen, d: number): Node {
  const r = g.rng;
  // Mostly an i64 computation, not a leaf: its closure writes the high half.
  const a = r.chance(0.6) ? i64Work(g, d) : g.expr('i64', d);
  if (r.chance(0.3)) return node('i32.wrap_i64', ['i32'], [a]);
  if (r.chance(0.3)) return node('i64.eqz', ['i32'], [a]);
  return node(`i64.${r.pick(COMPARE.i64)}`, ['i32'], [a, g.expr('i64', d)]);
}

/** An i64 operation on non-constant operands (an expression closure with a high half). */
function i64Work(g: FunctionGen, d: number): Node {
  const r = g.rng;
  const x = () => (r.chance(0.5) ? g.leaf('i64') : g.expr('i64', d - 1));
  const op = r.pick(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_u', 'shr_s', 'rotl']);
  return node(`i64.${op}`, ['i64'], [x(), x()]);
}
