/**
 * The structured generator's AST: folded WebAssembly text as a tree. Every
 * node prints as `(op imm... kids...)`, so the printer is trivial and the
 * reducer can cut and replace nodes without knowing instructions.
 */

/** The value types the generator uses. */
export type ValT = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

/** Every type a local, block or expression may have. */
export const VAL_TYPES: readonly ValT[] = ['i32', 'i64', 'f32', 'f64', 'v128'];

/** Types that cross the JS boundary natively: those of exported signatures. */
export const SCALAR_TYPES: readonly ValT[] = ['i32', 'i64', 'f32', 'f64'];

/**
 * What a node leaves on the stack: value types, or `poly` for nodes that
 * never fall through (`br`, `return`, `unreachable`, ...).
 */
export type NodeType = readonly ValT[] | 'poly';

/** One folded instruction (or a `then`/`else` arm). */
export interface Node {
  op: string;
  imm: string[];
  kids: Node[];
  type: NodeType;
  /** A label this node defines (`block`, `loop`, `if`), which branches name. */
  label?: string;
  /** A NaN canonicalization (see `denan`): the reducer must not take it apart. */
  denan?: boolean;
}

/** A function of the generated module. */
export interface FuncDef {
  name: string;
  params: ValT[];
  results: ValT[];
  locals: ValT[];
  body: Node[];
}

/** A whole generated module. */
export interface ModuleDef {
  /** Signatures used by `call_indirect`, by name. */
  types: { name: string; params: ValT[]; results: ValT[] }[];
  funcs: FuncDef[];
  /** Table slots: a function name, or null for an empty slot. */
  table: (string | null)[];
  /** Initial memory bytes at offset 0 (the memory is one page, at most four). */
  data: Uint8Array;
  globals: { name: string; type: ValT; init: Node }[];
}

/** Whether two type lists are the same. */
export const sameTypes = (a: readonly ValT[], b: readonly ValT[]): boolean =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Builds a node. */
export function node(op: string, type: NodeType, kids: Node[] = [], imm: string[] = []): Node {
  return { op, imm, kids, type };
}

/** The zero of a type. */
export function zeroNode(t: ValT): Node {
  return t === 'v128'
    ? node('v128.const', [t], [], ['i64x2', '0', '0'])
    : node(`${t}.const`, [t], [], ['0']);
}

/** Deep copy (the reducer edits copies). */
export function cloneModule(m: ModuleDef): ModuleDef {
  return structuredClone(m);
}
