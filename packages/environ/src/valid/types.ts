/**
 * Validation of the type section: references in range, supertypes declared
 * before use, not final and structurally matched; and canonicalization of
 * recursion groups, so that iso-recursively equal types share one index.
 */
import { invalid } from '../errors.js';
import { compSub } from '../match.js';
import type { RawSubType } from '../binary/sections.js';
import { heapOf, isRef, type CompType, type SubType, type ValType } from '../types.js';

export interface ValidatedTypes {
  readonly types: SubType[];
  readonly canon: Int32Array;
}

function forEachRef(comp: CompType, f: (t: ValType) => void): void {
  switch (comp.kind) {
    case 'func':
      comp.params.forEach(f);
      comp.results.forEach(f);
      return;
    case 'struct':
      for (const field of comp.fields) f(field.storage);
      return;
    case 'array':
      f(comp.field.storage);
  }
}

/**
 * A structural key for a type within its recursion group: references inside
 * the group are relative (`r<k>`), references outside use the canonical index.
 */
function typeKey(t: RawSubType, canon: Int32Array): string {
  const ref = (x: number) => (x >= t.recStart ? `r${x - t.recStart}` : `c${canon[x]}`);
  const val = (v: ValType) => {
    if (!isRef(v)) return String(v);
    const h = heapOf(v);
    return `${v & 1 ? 'n' : ''}${h >= 0 ? ref(h) : `a${h}`}`;
  };
  const comp = t.comp;
  let body: string;
  switch (comp.kind) {
    case 'func':
      body = `F${comp.params.map(val).join(',')}>${comp.results.map(val).join(',')}`;
      break;
    case 'struct':
      body = `S${comp.fields.map((f) => `${f.mutable ? 'm' : ''}${val(f.storage)}`).join(',')}`;
      break;
    case 'array':
      body = `A${comp.field.mutable ? 'm' : ''}${val(comp.field.storage)}`;
      break;
  }
  return `${t.final ? 'f' : ''}${t.supertypes.map(ref).join(',')}:${body}`;
}

export function validateTypes(raw: readonly RawSubType[]): ValidatedTypes {
  const types: SubType[] = [];
  const canon = new Int32Array(raw.length);
  const groups = new Map<string, number>();
  const space = { types, canon };

  for (let start = 0; start < raw.length;) {
    const size = raw[start]!.recSize;
    const end = start + size;
    // References may point anywhere up to the end of the current group.
    for (let i = start; i < end; i++) {
      const t = raw[i]!;
      for (const x of t.supertypes) {
        if (x >= end) invalid(t.offset, `unknown type ${x}`);
      }
      forEachRef(t.comp, (v) => {
        if (isRef(v) && heapOf(v) >= end) invalid(t.offset, `unknown type ${heapOf(v)}`);
      });
      if (t.supertypes.length > 1) invalid(t.offset, 'sub type: multiple supertypes');
    }

    let key = '';
    for (let i = start; i < end; i++) key += `${typeKey(raw[i]!, canon)};`;
    const first = groups.get(key);
    if (first === undefined) groups.set(key, start);
    for (let i = start; i < end; i++) {
      const t = raw[i]!;
      canon[i] = first === undefined ? i : first + (i - start);
      types.push({
        comp: t.comp,
        final: t.final,
        supertype: t.supertypes.length > 0 ? t.supertypes[0]! : -1,
        recStart: start,
        recSize: size,
      });
    }

    for (let i = start; i < end; i++) {
      const t = types[i]!;
      const x = t.supertype;
      if (x < 0) continue;
      const at = raw[i]!.offset;
      if (x >= i) invalid(at, `sub type: forward use of type ${x} in sub type definition`);
      const sup = types[x]!;
      if (sup.final) invalid(at, `sub type ${i} has final super type ${x}`);
      if (!compSub(space, t.comp, sup.comp)) {
        invalid(at, `sub type ${i} does not match super type ${x}`);
      }
    }
    start = end;
  }
  return { types, canon };
}
