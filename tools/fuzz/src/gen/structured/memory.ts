/** Memory accesses of the structured generator: addresses, memargs, loads and stores. */
import { node, VAL_TYPES, type Node, type ValT } from './ast.js';
import type { FunctionGen } from './function.js';
import { LOADS, STORES } from './ops.js';

/** An address for an access of `size` bytes: in bounds, masked, straddling the end, or any. */
export function address(g: FunctionGen, size: number, d: number): Node {
  const r = g.rng;
  return r.weighted<() => Node>([
    [4, () => g.i32(r.range(0, 256) * (r.chance(0.5) ? 1 : 4))],
    [3, () => node('i32.and', ['i32'], [g.expr('i32', d - 1), g.i32(0xfff8)])],
    // Straddling the end of the first page: in bounds until memory.grow, then partly.
    [1, () => g.i32(65536 - r.range(0, size + 1))],
    [1, () => g.expr('i32', d - 1)],
  ])();
}

function memarg(g: FunctionGen, size: number): string[] {
  const r = g.rng;
  const imm: string[] = [];
  if (r.chance(0.2)) imm.push(`offset=${r.pick([1, 4, 8, 4096, 65535])}`);
  if (r.chance(0.2)) imm.push(`align=${r.pick([1, 2, 4, 8].filter((a) => a <= size))}`);
  return imm;
}

export function load(g: FunctionGen, t: ValT, d: number): Node {
  const [op, size] = g.rng.pick(LOADS[t]);
  return node(op, [t], [address(g, size, d)], memarg(g, size));
}

export function store(g: FunctionGen, d: number): Node {
  const t = g.rng.pick(VAL_TYPES);
  const [op, size] = g.rng.pick(STORES[t]);
  // Stored float bits can be loaded back as integers: canonicalize NaNs.
  const value = g.denan(t, g.expr(t, d - 1));
  return node(op, [], [address(g, size, d), value], memarg(g, size));
}
