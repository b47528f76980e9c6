/**
 * Validation of the type section: references in range, supertypes declared
 * before use, not final and structurally matched, descriptor clauses
 * (custom descriptors) consistent; and canonicalization of recursion
 * groups, so that iso-recursively equal types share one index.
 */
import { invalid } from '../errors.js';
import { compSub } from '../match.js';
import type { RawSubType } from '../binary/sections.js';
import {
  heapOf,
  isExact,
  isNullable,
  isRef,
  type CompType,
  type SubType,
  type ValType,
} from '../types.js';

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
    return `${isNullable(v) ? 'n' : ''}${isExact(v) ? 'x' : ''}${h >= 0 ? ref(h) : `a${h}`}`;
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
  const desc =
    (t.describes >= 0 ? `<${ref(t.describes)}` : '') +
    (t.descriptor >= 0 ? `>${ref(t.descriptor)}` : '');
  return `${t.final ? 'f' : ''}${t.supertypes.map(ref).join(',')}${desc}:${body}`;
}

/**
 * The descriptor clauses of the group `[start, end)`, checked as the
 * reference interpreter does before anything else about the group: both
 * ends inside the group, each naming the other, and a described type
 * defined before its descriptor (so descriptor chains have no cycles).
 */
function checkDescriptorClauses(raw: readonly RawSubType[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const t = raw[i]!;
    const at = t.offset;
    const x = t.describes;
    if (x >= 0) {
      if (x < start || x >= end) invalid(at, 'described type is outside rec group');
      if (raw[x]!.descriptor !== i) invalid(at, 'described type is not described by descriptor');
      if (x >= i) invalid(at, 'forward use of described type');
    }
    const y = t.descriptor;
    if (y >= 0) {
      if (y < start || y >= end) invalid(at, 'descriptor type is outside rec group');
      if (raw[y]!.describes !== i) invalid(at, 'type is not described by its descriptor');
    }
  }
}

/** Whether type `a` is `b` or declares it as a supertype, directly or not. */
function declaredSub(types: readonly SubType[], canon: Int32Array, a: number, b: number): boolean {
  for (let t = a; t >= 0; t = types[t]!.supertype) if (canon[t] === canon[b]) return true;
  return false;
}

export function validateTypes(raw: readonly RawSubType[]): ValidatedTypes {
  const types: SubType[] = [];
  const canon = new Int32Array(raw.length);
  const groups = new Map<string, number>();
  const space = { types, canon };

  for (let start = 0; start < raw.length;) {
    const size = raw[start]!.recSize;
    const end = start + size;
    checkDescriptorClauses(raw, start, end);
    // References may point anywhere up to the end of the current group.
    for (let i = start; i < end; i++) {
      const t = raw[i]!;
      for (const x of t.supertypes) {
        if (x >= end) invalid(t.offset, `unknown type ${x}`);
      }
      if (t.comp.kind !== 'struct') {
        if (t.descriptor >= 0) invalid(t.offset, 'descriptor type must be a struct');
        if (t.describes >= 0) invalid(t.offset, 'described type must be a struct');
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
        describes: t.describes,
        descriptor: t.descriptor,
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
      const mismatch = `sub type ${i} does not match super type ${x}`;
      // A described type's supertype describes one of its supertypes; a
      // descriptor's supertype, if it has one, is a supertype of the descriptor.
      if (t.describes >= 0 && sup.describes >= 0) {
        if (!declaredSub(types, canon, t.describes, sup.describes)) {
          invalid(at, `described type ${t.describes} does not match ${sup.describes}`);
        }
      } else if (t.describes >= 0 || sup.describes >= 0) {
        invalid(at, mismatch);
      }
      if (t.descriptor >= 0 && sup.descriptor >= 0) {
        if (!declaredSub(types, canon, t.descriptor, sup.descriptor)) {
          invalid(at, `descriptor type ${t.descriptor} does not match ${sup.descriptor}`);
        }
      } else if (sup.descriptor >= 0) {
        invalid(at, mismatch);
      }
      if (!compSub(space, t.comp, sup.comp)) invalid(at, mismatch);
    }
    start = end;
  }
  return { types, canon };
}
