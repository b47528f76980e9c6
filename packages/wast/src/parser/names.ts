/**
 * The `name` custom section: its encoding (shared with `(@name ...)`
 * annotations) and the section `parseWat` writes from a module's
 * `$identifiers`, so that what runs a `.wat` module can name its functions
 * in backtraces (as the `wat` crate and `wat2wasm --debug-names` do).
 */
import { ByteWriter, placeKey, type CustomSectionOut } from '../encode.js';
import { encodeUtf8 } from '../lexer.js';
import type { ModuleContext } from './context.js';
import type { Space } from './identifiers.js';

/** Subsection ids of the name section (extended name section proposal). */
export const NameSub = {
  MODULE: 0,
  FUNC: 1,
  LOCAL: 2,
  TYPE: 4,
  TABLE: 5,
  MEMORY: 6,
  GLOBAL: 7,
  ELEM: 8,
  DATA: 9,
  FIELD: 10,
  TAG: 11,
} as const;

/**
 * Names by subsection id, then owner (the function of a local, the type of
 * a field; -1 for the others), then index. The module's name is index 0 of
 * owner -1 of `NameSub.MODULE`.
 */
export type NameMap = Map<number, Map<number, Map<number, Uint8Array>>>;

const NAME = Uint8Array.of(0x6e, 0x61, 0x6d, 0x65); // "name"

/** Whether a custom section's name (its UTF-8 bytes) is `name`. */
export function isNameSection(name: Uint8Array): boolean {
  return name.length === NAME.length && name.every((b, i) => b === NAME[i]);
}

/** The `name` section of `names`, written after the last section, ties broken by `order`. */
export function nameSection(names: NameMap, order: number): CustomSectionOut {
  const w = new ByteWriter();
  const sorted = <T>(m: Map<number, T>): [number, T][] => [...m].sort((x, y) => x[0] - y[0]);
  for (const [id, sub] of sorted(names)) {
    const content = new ByteWriter();
    if (id === NameSub.MODULE) {
      content.name(sub.get(-1)!.get(0)!);
    } else if (id === NameSub.LOCAL || id === NameSub.FIELD) {
      content.u32(sub.size);
      for (const [owner, owned] of sorted(sub)) {
        content.u32(owner).u32(owned.size);
        for (const [index, name] of sorted(owned)) content.u32(index).name(name);
      }
    } else {
      const owned = sub.get(-1)!;
      content.u32(owned.size);
      for (const [index, name] of sorted(owned)) content.u32(index).name(name);
    }
    w.byte(id).name(content.view());
  }
  return { place: placeKey(true, 'data'), order, name: NAME, content: w.finish() };
}

/**
 * The name section of the module's identifiers (`(module $m)`, `(func $f)`,
 * `(local $x)`, `(type $t)`, fields, tables, memories, globals, tags,
 * element and data segments), or null if it has none.
 */
export function identifierNames(
  ctx: ModuleContext,
  moduleName: string | null,
): CustomSectionOut | null {
  const names: NameMap = new Map();
  const add = (sub: number, owner: number, ids: ReadonlyMap<string, number>): void => {
    if (ids.size === 0) return;
    let bySub = names.get(sub);
    if (bySub === undefined) names.set(sub, (bySub = new Map()));
    const owned = new Map<number, Uint8Array>();
    for (const [id, index] of ids) owned.set(index, encodeUtf8(id));
    bySub.set(owner, owned);
  };
  if (moduleName !== null) add(NameSub.MODULE, -1, new Map([[moduleName, 0]]));
  const spaces: [number, Space][] = [
    [NameSub.FUNC, ctx.funcs],
    [NameSub.TYPE, ctx.types],
    [NameSub.TABLE, ctx.tables],
    [NameSub.MEMORY, ctx.memories],
    [NameSub.GLOBAL, ctx.globals],
    [NameSub.ELEM, ctx.elems],
    [NameSub.DATA, ctx.datas],
    [NameSub.TAG, ctx.tags],
  ];
  for (const [sub, space] of spaces) add(sub, -1, space.names);
  for (const [func, locals] of ctx.localNames) add(NameSub.LOCAL, func, locals);
  ctx.typeInfos.forEach((t, index) => {
    if (t !== undefined) add(NameSub.FIELD, index, t.fields);
  });
  return names.size === 0 ? null : nameSection(names, 0);
}
