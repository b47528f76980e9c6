/**
 * Tables whose entries are built the first time they are read.
 *
 * The generated tables (../gen/*.ts) hold some 10,000 closure literals, and
 * a program uses the factories of a few hundred instructions at most. Each
 * entry is generated as a function that builds it: V8 only pre-parses such
 * a function until it is called, so importing the jit no longer compiles
 * every factory, and a program compiles those of the instructions it uses.
 * The entries are `function` expressions: arrow entries made V8's
 * pre-parse 2.7x slower (see ENTRIES in ../../scripts/codegen.mjs).
 */

/** A generated table: each entry a function that builds it. */
export type EntryBuilders = { readonly [key: string]: () => unknown };

/** The table `T`'s builders make: each entry what its builder returns. */
export type Built<T> = { readonly [K in keyof T]: T[K] extends () => infer R ? R : never };

/** Told when an entry of a lazy table is built: its key and value. */
export type OnBuilt = (key: string, value: unknown) => void;

/**
 * The table `builders` make, each entry built on its first read (then a
 * plain read-only property), with `onBuilt` told of it. Keys are
 * enumerable from the start: `Object.keys` builds nothing.
 */
export function lazyTable<T extends EntryBuilders>(builders: T, onBuilt?: OnBuilt): Built<T> {
  const table: Record<string, unknown> = {};
  for (const key of Object.keys(builders)) {
    const build = builders[key]!;
    Object.defineProperty(table, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = build();
        Object.defineProperty(table, key, { value, enumerable: true, writable: false });
        onBuilt?.(key, value);
        return value;
      },
    });
  }
  return table as Built<T>;
}

/** Whether entry `key` of a lazy table has been built (read). */
export function isBuilt(table: object, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(table, key);
  return d !== undefined && 'value' in d;
}
