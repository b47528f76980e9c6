/**
 * The order in which the reference interpreter defines the function types
 * implied by type uses inside one instruction sequence.
 *
 * The reference parser builds instruction lists with OCaml closures whose
 * arguments are evaluated right to left: a list's instructions are processed
 * last to first, a block's body before the block's own type, a folded `if`'s
 * conditions first to last, then its `else` branch, its `then` branch and its
 * own type. New types are appended in that order, so to produce the same
 * type indices the instruction parser records a tree of type requests and
 * {@link requestOrder} walks it the same way.
 */
import type { ValType } from './valtypes.js';

/** A function type a type use asks for. */
export interface TypeRequest {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Shapes of instructions, as far as the order of type requests goes. */
export const NodeKind = {
  /** A plain instruction (call_indirect is the one with a request). */
  Leaf: 0,
  /** block, loop, try_table (plain or folded): [body]. */
  Block: 1,
  /** Plain `if ... else ... end`: [then, else]. */
  PlainIf: 2,
  /** Folded `(if cond* (then ...) (else ...))`: [conditions, then, else]. */
  FoldedIf: 3,
  /** Folded `(op operand*)`: [operands]. */
  FoldedOp: 4,
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** An instruction with the type it requests (if any) and its nested lists. */
export interface RequestNode {
  readonly kind: NodeKind;
  readonly request: TypeRequest | null;
  readonly lists: RequestNode[][];
}

export function node(kind: NodeKind, request: TypeRequest | null, lists: number): RequestNode {
  const ls: RequestNode[][] = [];
  for (let i = 0; i < lists; i++) ls.push([]);
  return { kind, request, lists: ls };
}

type Task =
  | { readonly list: readonly RequestNode[]; readonly forward: boolean }
  | { readonly node: RequestNode }
  | { readonly request: TypeRequest };

/** The requests of an instruction list in the reference interpreter's order (iteratively). */
export function requestOrder(list: readonly RequestNode[]): TypeRequest[] {
  const out: TypeRequest[] = [];
  // Tasks run last-pushed first; each pushes its steps in reverse.
  const tasks: Task[] = [{ list, forward: false }];
  while (tasks.length > 0) {
    const t = tasks.pop()!;
    if ('request' in t) {
      out.push(t.request);
    } else if ('list' in t) {
      const l = t.list;
      if (t.forward) for (let i = l.length - 1; i >= 0; i--) tasks.push({ node: l[i]! });
      else for (let i = 0; i < l.length; i++) tasks.push({ node: l[i]! });
    } else {
      const n = t.node;
      const steps: Task[] = [];
      switch (n.kind) {
        case NodeKind.Leaf:
          break;
        case NodeKind.Block:
        case NodeKind.FoldedOp:
          steps.push({ list: n.lists[0]!, forward: false });
          break;
        case NodeKind.PlainIf:
          steps.push({ list: n.lists[0]!, forward: false });
          if (n.request !== null) steps.push({ request: n.request });
          steps.push({ list: n.lists[1]!, forward: false });
          for (let i = steps.length - 1; i >= 0; i--) tasks.push(steps[i]!);
          continue;
        case NodeKind.FoldedIf:
          steps.push({ list: n.lists[0]!, forward: true });
          steps.push({ list: n.lists[2]!, forward: false });
          steps.push({ list: n.lists[1]!, forward: false });
          break;
      }
      if (n.request !== null) steps.push({ request: n.request });
      for (let i = steps.length - 1; i >= 0; i--) tasks.push(steps[i]!);
    }
  }
  return out;
}
