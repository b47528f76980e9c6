/**
 * Delta debugging over the structured generator's AST: statements removed,
 * expressions replaced by constants or by their own operands, blocks
 * unwrapped, functions emptied; each candidate kept if it still shows the
 * same kind of mismatch. The result prints as readable folded text.
 */
import { cloneModule, node, zeroNode, type ModuleDef, type Node } from '../gen/structured/ast.js';
import { encode } from '../gen/structured/index.js';

/** Runs a candidate; true if it still shows the mismatch. */
export type Predicate = (bytes: Uint8Array) => Promise<boolean>;

/** Limits of one reduction. */
export interface ReduceBudget {
  ms: number;
  tests: number;
}

type Path = { f: number; idx: number[] };

function listOf(def: ModuleDef, p: Path): Node[] {
  let list = def.funcs[p.f]!.body;
  for (let i = 0; i < p.idx.length - 1; i++) list = list[p.idx[i]!]!.kids;
  return list;
}

function allPaths(def: ModuleDef): Path[] {
  const out: Path[] = [];
  const walk = (f: number, list: Node[], prefix: number[]) => {
    list.forEach((n, i) => {
      const idx = [...prefix, i];
      out.push({ f, idx });
      walk(f, n.kids, idx);
    });
  };
  def.funcs.forEach((fn, f) => walk(f, fn.body, []));
  return out;
}

const zero = zeroNode;

const LISTS = new Set(['block', 'loop', 'then', 'else']);

/** The candidate edits at a path, each a function producing a new module (or null). */
function edits(def: ModuleDef, p: Path): (() => ModuleDef | null)[] {
  const list = listOf(def, p);
  const at = p.idx[p.idx.length - 1]!;
  const n = list[at]!;
  const parentOp =
    p.idx.length === 1
      ? 'block'
      : listOf(def, { f: p.f, idx: p.idx.slice(0, -1) })[p.idx[p.idx.length - 2]!]!.op;
  const inList = p.idx.length === 1 || LISTS.has(parentOp);
  // A NaN canonicalization goes whole or not at all: taken apart, it would let
  // nondeterministic NaN bits through and the reduction drift to a non-bug.
  const parent =
    p.idx.length === 1
      ? null
      : listOf(def, { f: p.f, idx: p.idx.slice(0, -1) })[p.idx[p.idx.length - 2]!]!;
  if (parent?.denan === true) return [];
  const out: (() => ModuleDef | null)[] = [];
  const edit = (fn: (list: Node[], n: Node) => void) => () => {
    const copy = cloneModule(def);
    const l = listOf(copy, p);
    fn(l, l[at]!);
    return copy;
  };
  if (inList) out.push(edit((l) => l.splice(at, 1)));
  const isZero = (m: Node) =>
    m.type !== 'poly' &&
    m.type.length === 1 &&
    JSON.stringify(m) === JSON.stringify(zero(m.type[0]!));
  if (n.type !== 'poly' && n.type.length === 1 && !isZero(n)) {
    const t = n.type[0]!;
    out.push(edit((l) => (l[at] = zero(t))));
  }
  n.kids.forEach((k, i) => {
    if (k.op === 'then' || k.op === 'else' || n.denan === true) return;
    if (n.type !== 'poly' && k.type !== 'poly' && k.type.join() === n.type.join()) {
      out.push(edit((l, m) => (l[at] = m.kids[i]!)));
    }
  });
  if (inList && (n.op === 'block' || n.op === 'loop'))
    out.push(edit((l, m) => l.splice(at, 1, ...m.kids)));
  if (inList && n.op === 'if') {
    for (const arm of n.kids.slice(1)) {
      const k = n.kids.indexOf(arm);
      out.push(
        edit((l, m) =>
          l.splice(
            at,
            1,
            m.kids[0]!.type === 'poly' ? m.kids[0]! : node('drop', [], [m.kids[0]!]),
            ...m.kids[k]!.kids,
          ),
        ),
      );
    }
  }
  if (n.op === 'br_table' && n.imm.length > 1) {
    for (let i = 0; i < n.imm.length; i++) out.push(edit((_, m) => m.imm.splice(i, 1)));
  }
  if (n.imm.some((x) => x.startsWith('offset=') || x.startsWith('align='))) {
    out.push(
      edit(
        (_, m) =>
          (m.imm = m.imm.filter((x) => !x.startsWith('offset=') && !x.startsWith('align='))),
      ),
    );
  }
  return out;
}

/** Candidates over the whole module: emptying functions, data and table slots. */
function moduleEdits(def: ModuleDef): (() => ModuleDef)[] {
  const out: (() => ModuleDef)[] = [];
  def.funcs.forEach((f, i) => {
    if (f.body.length === f.results.length && f.body.every((n) => n.op.endsWith('.const'))) return;
    out.push(() => {
      const c = cloneModule(def);
      c.funcs[i]!.body = f.results.map(zero);
      return c;
    });
  });
  // Unreferenced parts go (validation rejects the candidate if they were used).
  def.types.forEach((_, i) => {
    out.push(() => {
      const c = cloneModule(def);
      c.types.splice(i, 1);
      return c;
    });
  });
  def.funcs.forEach((_, i) => {
    out.push(() => {
      const c = cloneModule(def);
      c.funcs.splice(i, 1);
      c.table = c.table.map((s) => (s === def.funcs[i]!.name ? null : s));
      return c;
    });
  });
  def.globals.forEach((_, i) => {
    out.push(() => {
      const c = cloneModule(def);
      c.globals.splice(i, 1);
      return c;
    });
  });
  if (def.table.length > 0) {
    out.push(() => ({ ...cloneModule(def), table: [] }));
  }
  if (def.data.length > 0) {
    out.push(() => ({ ...cloneModule(def), data: new Uint8Array(0) }));
  }
  def.table.forEach((s, i) => {
    if (s === null) return;
    out.push(() => {
      const c = cloneModule(def);
      c.table[i] = null;
      return c;
    });
  });
  return out;
}

function encodeOrNull(def: ModuleDef): Uint8Array | null {
  try {
    const bytes = encode(def).bytes;
    return WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>) ? bytes : null;
  } catch {
    return null;
  }
}

/** Reduces `def` while `test` holds, within the budget. */
export async function reduceStructured(
  def: ModuleDef,
  test: Predicate,
  budget: ReduceBudget,
): Promise<{ def: ModuleDef; tests: number }> {
  const deadline = performance.now() + budget.ms;
  let tests = 0;
  const tryDef = async (c: ModuleDef | null): Promise<boolean> => {
    if (c === null || performance.now() > deadline || tests >= budget.tests) return false;
    const bytes = encodeOrNull(c);
    if (bytes === null) return false;
    tests++;
    return test(bytes);
  };
  let progress = true;
  while (progress && performance.now() < deadline && tests < budget.tests) {
    progress = false;
    for (const make of moduleEdits(def)) {
      const c = make();
      if (await tryDef(c)) {
        def = c;
        progress = true;
      }
    }
    // Pre-order: big subtrees first. After a success the same position is tried again.
    for (let i = 0; ;) {
      const paths = allPaths(def);
      if (i >= paths.length || performance.now() > deadline || tests >= budget.tests) break;
      let changed = false;
      for (const make of edits(def, paths[i]!)) {
        const c = make();
        if (await tryDef(c)) {
          def = c!;
          changed = true;
          progress = true;
          break;
        }
      }
      if (!changed) i++;
    }
  }
  return { def, tests };
}
