/**
 * Engine-wide canonical type ids. Every module's type section is mapped to
 * global ids such that iso-recursively equal types (from any module) share
 * one id; subtyping between ids is answered in constant time with a
 * supertype display (the chain of supertypes indexed by depth).
 */
import {
  heapOf,
  isExact,
  isNullable,
  isRef,
  refType,
  type CompType,
  type FuncType,
  type ModuleInfo,
  type SubType,
  type TypeSpace,
  type ValType,
} from '@weft/environ';

/**
 * A type definition in the registry. Heap types inside refer to global ids,
 * `supertype` is a global id and `recStart` the global id of its group.
 */
export interface RegisteredType extends SubType {
  readonly id: number;
  /** Supertype chain from the root down to this type. */
  readonly display: readonly number[];
}

/**
 * The registry is itself a `TypeSpace` over global ids, so environ's
 * matching functions (`valSub`, `heapSub`) answer questions about values
 * from any module.
 */
export class TypeRegistry implements TypeSpace {
  readonly types: RegisteredType[] = [];
  /** Global ids are canonical: `canon[id] === id`. */
  readonly canon: number[] = [];
  private readonly groups = new Map<string, number>();

  /** The registered type with global id `id`. */
  get(id: number): RegisteredType {
    return this.types[id]!;
  }

  /** Registers a module's types; returns the global id of each module type index. */
  canonicalize(module: ModuleInfo): Int32Array {
    const ids = new Int32Array(module.types.length);
    const types = module.types;
    for (let start = 0; start < types.length;) {
      const size = types[start]!.recSize;
      const end = start + size;
      const local = (t: ValType) => this.keyOf(t, start, ids);
      let key = '';
      for (let i = start; i < end; i++) {
        const t = types[i]!;
        const sup = t.supertype < 0 ? '' : local(refType(t.supertype, false));
        // Descriptor clauses (custom descriptors) always name types of the same group.
        const desc =
          (t.describes < 0 ? '' : `<${t.describes - start}`) +
          (t.descriptor < 0 ? '' : `>${t.descriptor - start}`);
        key += `${t.final ? 'f' : 'o'}${sup}${desc}:${compKey(t.comp, local)};`;
      }
      let first = this.groups.get(key);
      if (first === undefined) {
        first = this.types.length;
        this.groups.set(key, first);
        const base = first;
        const globalize = (t: ValType): ValType => {
          if (!isRef(t) || heapOf(t) < 0) return t;
          const h = heapOf(t);
          const id = h >= start && h < end ? base + (h - start) : ids[h]!;
          return refType(id, isNullable(t), isExact(t));
        };
        for (let i = start; i < end; i++) {
          const t = types[i]!;
          const id = base + (i - start);
          const supertype = t.supertype < 0 ? -1 : heapOf(globalize(refType(t.supertype, false)));
          const display = supertype < 0 ? [id] : [...this.types[supertype]!.display, id];
          this.types.push({
            id,
            comp: mapComp(t.comp, globalize),
            final: t.final,
            supertype,
            describes: t.describes < 0 ? -1 : base + (t.describes - start),
            descriptor: t.descriptor < 0 ? -1 : base + (t.descriptor - start),
            display,
            recStart: base,
            recSize: size,
          });
          this.canon.push(id);
        }
      }
      for (let i = start; i < end; i++) ids[i] = first + (i - start);
      start = end;
    }
    return ids;
  }

  /**
   * Registers a function type built by the host (a singleton recursion
   * group, final, without supertype): equal to the same type declared by
   * any module. Heap types inside are global ids.
   */
  registerFunc(type: FuncType): number {
    const key = (t: ValType) => this.keyOf(t, Infinity, new Int32Array(0));
    const groupKey = `f:${compKey(type, key)};`;
    let id = this.groups.get(groupKey);
    if (id === undefined) {
      id = this.types.length;
      this.groups.set(groupKey, id);
      this.types.push({
        id,
        comp: type,
        final: true,
        supertype: -1,
        describes: -1,
        descriptor: -1,
        display: [id],
        recStart: id,
        recSize: 1,
      });
      this.canon.push(id);
    }
    return id;
  }

  private keyOf(t: ValType, start: number, ids: Int32Array): string {
    if (!isRef(t)) return String(t);
    const h = heapOf(t);
    const n = (isNullable(t) ? 'n' : '') + (isExact(t) ? 'x' : '');
    if (h < 0) return `${n}a${h}`;
    // Host-built types hold global ids already (start is Infinity for them).
    if (start === Infinity) return `${n}g${h}`;
    return h >= start ? `${n}r${h - start}` : `${n}g${ids[h]}`;
  }

  /** Whether type `a` is `b` or a declared subtype of it. */
  isSubtype(a: number, b: number): boolean {
    if (a === b) return true;
    const display = this.types[a]!.display;
    const depth = this.types[b]!.display.length - 1;
    return depth < display.length && display[depth] === b;
  }
}

function compKey(comp: CompType, key: (t: ValType) => string): string {
  switch (comp.kind) {
    case 'func':
      return `F${comp.params.map(key).join(',')}>${comp.results.map(key).join(',')}`;
    case 'struct':
      return `S${comp.fields.map((f) => `${f.mutable ? 'm' : ''}${key(f.storage)}`).join(',')}`;
    case 'array':
      return `A${comp.field.mutable ? 'm' : ''}${key(comp.field.storage)}`;
  }
}

function mapComp(comp: CompType, f: (t: ValType) => ValType): CompType {
  switch (comp.kind) {
    case 'func':
      return { kind: 'func', params: comp.params.map(f), results: comp.results.map(f) };
    case 'struct':
      return {
        kind: 'struct',
        fields: comp.fields.map((x) => ({ storage: f(x.storage), mutable: x.mutable })),
      };
    case 'array':
      return {
        kind: 'array',
        field: { storage: f(comp.field.storage), mutable: comp.field.mutable },
      };
  }
}
