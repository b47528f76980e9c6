/**
 * Index spaces and their symbolic identifiers: binding `$names` to indices
 * (rejecting duplicates) and resolving a `var` (a `$name` or a numeric index)
 * back to an index.
 */
import { isIdChar, Tok } from '../lexer.js';
import type { Cursor } from './cursor.js';

/** An identifier as written: `$name`, or `$"name"` when it is not plain. */
export function printId(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (!isIdChar(name.charCodeAt(i))) return `$"${name}"`;
  }
  return name.length > 0 ? `$${name}` : '$""';
}

/** One index space of a module or function, with its names. */
export class Space {
  readonly names = new Map<string, number>();
  /** Number of indices allocated so far. */
  count = 0;

  /** `category` names the space in messages ("func", "local", "elem", ...). */
  constructor(readonly category: string) {}

  /** Allocates the next index, binding `name` to it if given. `at` locates a duplicate. */
  bind(cur: Cursor, name: string | null, at: number): number {
    if (name !== null) {
      if (this.names.has(name)) cur.semantic(`duplicate ${this.category} ${printId(name)}`, at);
      else this.names.set(name, this.count);
    }
    return this.count++;
  }

  /** Whether a `var` (an identifier or an unsigned integer) is at `cur.pos + k`. */
  static isVar(cur: Cursor, k = 0): boolean {
    return cur.peek(k) === Tok.ID || cur.isNat(k);
  }

  /** Reads a `var` of this space. Numeric indices are taken as they are, even if unbound. */
  resolve(cur: Cursor): number {
    if (cur.peek() === Tok.ID) {
      const name = cur.idName()!;
      const index = this.names.get(name);
      if (index === undefined) cur.semantic(`unknown ${this.category} ${printId(name)}`);
      cur.pos++;
      return index ?? 0;
    }
    return cur.u32(true);
  }
}

/** The label stack of a function body: innermost last; null for unnamed labels. */
export class Labels {
  private readonly names: (string | null)[] = [];

  push(name: string | null): void {
    this.names.push(name);
  }

  pop(): string | null {
    return this.names.pop() ?? null;
  }

  get depth(): number {
    return this.names.length;
  }

  /** Reads a label `var` and returns its relative depth. */
  resolve(cur: Cursor): number {
    if (cur.peek() === Tok.ID) {
      const name = cur.idName()!;
      const i = this.names.lastIndexOf(name);
      if (i < 0) cur.semantic(`unknown label ${printId(name)}`);
      cur.pos++;
      return i < 0 ? 0 : this.names.length - 1 - i;
    }
    return cur.u32(true);
  }
}
