/** `WebAssembly.Table`. */
import { isNullable, type ValType } from '@weft/environ';
import { MAX_TABLE_ELEMENTS, TableInstance } from '@weft/runtime';
import { fromAddress, toAddressValue } from './memory.js';
import { release, store } from './realm.js';
import { parseAddressType, parseRefType } from './types.js';
import { defaultValue, toJS, toWasm } from './values.js';
import { dictionary, Slots, toStringTag, webidlMembers } from './webidl.js';

export const tableSlots = new Slots<TableInstance>('Table');
const tableObjects = new WeakMap<TableInstance, object>();

/** The `WebAssembly.Table` of a table instance (one per instance). */
export function tableObject(t: TableInstance): object {
  let o = tableObjects.get(t);
  if (o === undefined) {
    o = Object.create(Table.prototype) as object;
    tableSlots.set(o, t);
    tableObjects.set(t, o);
  }
  return o;
}

/**
 * The element value argument `at` gives, converted; a missing one stands
 * for DefaultValue. An explicit `undefined` is missing too, except for `set`
 * (`undefinedIsValue`), where it is converted (a TypeError for funcref), as
 * engines do.
 */
function elementValue(
  t: ValType,
  args: readonly unknown[],
  at: number,
  where: string,
  undefinedIsValue = false,
): unknown {
  if (args.length <= at || (!undefinedIsValue && args[at] === undefined)) {
    if (!isNullable(t)) throw new TypeError(`${where}: a value is required for this element type`);
    return toWasm(t)(defaultValue(t));
  }
  return toWasm(t)(args[at]);
}

export class Table {
  constructor(descriptor: unknown, ...rest: unknown[]) {
    const d = dictionary(descriptor, 'WebAssembly.Table: the descriptor');
    const elementV = d['element'];
    if (elementV === undefined) throw new TypeError('WebAssembly.Table: element is required');
    const element = parseRefType(elementV, 'WebAssembly.Table');
    const is64 = parseAddressType(d['address'], 'WebAssembly.Table');
    const initialV = d['initial'];
    if (initialV === undefined) throw new TypeError('WebAssembly.Table: initial is required');
    const initial = toAddressValue(initialV, is64, 'WebAssembly.Table: initial');
    const maximumV = d['maximum'];
    const maximum =
      maximumV === undefined ? null : toAddressValue(maximumV, is64, 'WebAssembly.Table: maximum');
    if (maximum !== null && maximum < initial) {
      throw new RangeError('WebAssembly.Table: maximum is smaller than initial');
    }
    if (initial > MAX_TABLE_ELEMENTS)
      throw new RangeError('WebAssembly.Table: initial is too large');
    const init = elementValue(element, rest, 0, 'WebAssembly.Table');
    const t = new TableInstance(
      store,
      { element, limits: { min: initial, max: maximum }, is64 },
      element,
      init,
    );
    store.add(store.tables, t);
    release();
    tableSlots.set(this, t);
    tableObjects.set(t, this);
  }

  get length(): number | bigint {
    const t = tableSlots.get(this, 'WebAssembly.Table.length');
    return fromAddress(t.size, t.type.is64);
  }

  grow(delta: unknown, ...rest: unknown[]): number | bigint {
    const t = tableSlots.get(this, 'WebAssembly.Table.grow');
    const n = toAddressValue(delta, t.type.is64, 'WebAssembly.Table.grow: delta');
    const init = elementValue(t.element, rest, 0, 'WebAssembly.Table.grow');
    const old = t.size + n > MAX_TABLE_ELEMENTS ? -1 : t.grow(n, init);
    if (old < 0) throw new RangeError('WebAssembly.Table.grow: failed to grow table');
    return fromAddress(old, t.type.is64);
  }

  get(index: unknown): unknown {
    const t = tableSlots.get(this, 'WebAssembly.Table.get');
    const i = toAddressValue(index, t.type.is64, 'WebAssembly.Table.get: index');
    if (i >= t.size) throw new RangeError(`WebAssembly.Table.get: index ${i} out of bounds`);
    return toJS(t.element)(t.elements[i]);
  }

  set(index: unknown, ...rest: unknown[]): void {
    const t = tableSlots.get(this, 'WebAssembly.Table.set');
    const i = toAddressValue(index, t.type.is64, 'WebAssembly.Table.set: index');
    if (i >= t.size) throw new RangeError(`WebAssembly.Table.set: index ${i} out of bounds`);
    t.elements[i] = elementValue(t.element, rest, 0, 'WebAssembly.Table.set', true);
  }
}
webidlMembers(Table.prototype, ['length', 'grow', 'get', 'set']);
toStringTag(Table.prototype, 'WebAssembly.Table');
